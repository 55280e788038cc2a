"""Accounts in the browser: Hilde (head of service, who must have a second factor) enrols her authenticator
app through the screen and signs in with it; an unattended screen is warned, then signed out."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = pytest.mark.e2e
PASSWORD = "Geheim-wachtwoord-1"


def app_code(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app with this secret shows (steps_ahead=1: the next code)."""
    return f"{TOTP(b32decode(secret), drift=steps_ahead).token():06d}"


def test_hilde_enrols_her_authenticator_app_and_signs_in_with_it(page, screenshot):
    UserFactory(
        username="hilde", first_name="Hilde", last_name="Mertens", team=None, roles=["head_of_service"]
    )

    page.goto("/login/")
    page.get_by_label("Gebruikersnaam").fill("hilde")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()

    # Her role needs a second factor: she is sent to enrolment and can do nothing else.
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    expect(page.get_by_text("Uw rol vraagt een tweede factor")).to_be_visible()
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    screenshot("01-enrol")
    page.goto("/dossiers/")
    expect(page).to_have_url(re.compile(r"/tweestapsverificatie/$"))

    # She types the secret into her app (the QR code holds the same) and confirms with its first code.
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code uit de app").fill("123456" if app_code(secret) != "123456" else "654321")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("De code klopt niet.")).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp makes the device wait a second after a wrong code
    page.get_by_label("Code uit de app").fill(app_code(secret))
    page.get_by_role("button", name="Bevestigen").click()

    # The recovery codes, shown once.
    expect(page.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    codes = page.get_by_role("list", name="Herstelcodes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    recovery_code = codes.first.inner_text()
    screenshot("02-recovery-codes")
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    expect(page.get_by_role("heading", name="Welkom, Hilde")).to_be_visible()
    page.get_by_role("button", name="Afmelden").click()

    # The next login asks for the code after the password.
    page.get_by_label("Gebruikersnaam").fill("hilde")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Aanmelden: tweede stap")).to_be_visible()
    expect(page.get_by_label("Code")).to_be_focused()
    screenshot("03-code-step")
    page.get_by_label("Code").fill(app_code(secret, steps_ahead=1))  # the enrolment used this step's code
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Welkom, Hilde")).to_be_visible()
    page.get_by_role("button", name="Afmelden").click()

    # Phone left at home: a recovery code, once.
    page.get_by_label("Gebruikersnaam").fill("hilde")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_text("U hebt een herstelcode gebruikt; er blijven er 9 over.")).to_be_visible()
    screenshot("04-signed-in-with-a-recovery-code")


def test_an_unattended_screen_is_warned_then_signed_out(page, log_in, team, settings, screenshot):
    import datetime

    # The live server runs in this process and reads the same settings.
    settings.SESSION_IDLE_TIMEOUT = datetime.timedelta(seconds=8)
    settings.SESSION_IDLE_WARNING = datetime.timedelta(seconds=6)
    UserFactory(username="sofie", first_name="Sofie", team=team, roles=["social_worker"])
    log_in("sofie")
    page.goto("/dossiers/")

    warning = page.get_by_role("alertdialog", name="Bent u er nog?")
    expect(warning).to_be_visible(timeout=5000)
    expect(page.get_by_role("button", name="Aangemeld blijven")).to_be_focused()
    screenshot("01-idle-warning")
    page.get_by_role("button", name="Aangemeld blijven").click()
    expect(warning).to_be_hidden()

    # Nobody answers the second warning: the screen leaves the page, the session has ended.
    expect(page.get_by_text("U bent afgemeld na 0 minuten zonder activiteit.")).to_be_visible(timeout=20_000)
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    assert "next=%2Fdossiers%2F" in page.url or "next=/dossiers/" in page.url
    screenshot("02-signed-out")
    page.go_back()
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
