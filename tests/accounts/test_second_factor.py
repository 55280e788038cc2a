"""Two factors on the web (docs/decisions/0030): the login in two steps, enrolment with a QR code and recovery
codes, the roles that must enrol before anything else, and the lockout that counts wrong codes."""

import re
import time

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import recovery_codes_renew
from tests.conftest import SignedInClient, enrolled_device
from tests.factories import UserFactory

PASSWORD = "Geheim-wachtwoord-1"


def code_for(device, *, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, drift=steps_ahead)
    return f"{totp.token():06d}"


@pytest.fixture
def web():
    """A browser without a session: `login()`/`force_login()` are not used, the login pages are."""
    return SignedInClient()


@pytest.fixture
def dpo(db):
    user = UserFactory(username="pieter", team=None, roles=["dpo"])
    enrolled_device(user)
    return user


@pytest.fixture
def hilde(db):
    return UserFactory(username="hilde", team=None, roles=["head_of_service"])


def test_the_password_alone_does_not_sign_in_a_user_with_a_second_factor(web, dpo):
    response = web.post(
        "/login/?next=/meldingen/", {"username": "pieter", "password": PASSWORD, "next": "/meldingen/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/login/code/?next=%2Fmeldingen%2F"
    assert "_auth_user_id" not in web.session
    assert web.get("/").status_code == 302

    page = web.get(response["Location"])
    assert page.status_code == 200
    assert "Aanmelden: tweede stap" in page.content.decode()

    signed_in = web.post("/login/code/", {"code": code_for(dpo.totpdevice_set.get()), "next": "/meldingen/"})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/meldingen/"
    assert web.session["_auth_user_id"] == str(dpo.pk)
    assert web.get("/").status_code == 200


def test_a_wrong_code_is_refused_in_dutch(web, dpo):
    web.post("/login/", {"username": "pieter", "password": PASSWORD})

    response = web.post("/login/code/", {"code": "000000"})

    assert response.status_code == 200
    assert "De code klopt niet." in response.content.decode()
    assert "_auth_user_id" not in web.session


def test_the_code_step_without_the_password_step_goes_back_to_the_login(web, dpo):
    response = web.post("/login/code/", {"code": code_for(dpo.totpdevice_set.get())})

    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in web.session


def test_the_code_step_expires(web, dpo, settings):
    web.post("/login/", {"username": "pieter", "password": PASSWORD})
    settings.SECOND_FACTOR_PENDING_SECONDS = 0
    time.sleep(0.01)

    response = web.post("/login/code/", {"code": code_for(dpo.totpdevice_set.get())})

    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in web.session


def test_a_recovery_code_signs_in_once(web, dpo):
    code = recovery_codes_renew(user=dpo)[3]
    web.post("/login/", {"username": "pieter", "password": PASSWORD})

    response = web.post("/login/code/", {"code": code}, follow=True)

    assert web.session["_auth_user_id"] == str(dpo.pk)
    assert "er blijven er 9 over" in response.content.decode()
    assert not StaticToken.objects.filter(token=code).exists()


def test_wrong_codes_lock_the_account_like_wrong_passwords(web, dpo, settings):
    device = dpo.totpdevice_set.get()
    web.post("/login/", {"username": "pieter", "password": PASSWORD})
    for _attempt in range(4):
        device.throttle_reset()
        assert web.post("/login/code/", {"code": "000000"}).status_code == 200

    device.throttle_reset()
    locked = web.post("/login/code/", {"code": "000000"})
    device.throttle_reset()
    right = web.post("/login/code/", {"code": code_for(device)})

    assert locked.status_code == right.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert "Account tijdelijk geblokkeerd" in right.content.decode()
    assert "_auth_user_id" not in web.session
    # The password step is locked too.
    again = web.post("/login/", {"username": "pieter", "password": PASSWORD})
    assert again.status_code == settings.AXES_HTTP_RESPONSE_CODE


def test_a_session_without_the_second_factor_is_ended(dpo):
    """A session signed in by some other path than the two-step login (here Django's own test client)."""
    browser = Client()
    browser.force_login(dpo)

    response = browser.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert "_auth_user_id" not in browser.session


def test_the_admin_signs_in_through_the_two_step_login(web):
    assert web.get("/admin/login/?next=/admin/")["Location"] == "/login/?next=/admin/"


# Roles that need a second factor and have none may only enrol.


def test_a_role_that_needs_a_second_factor_is_sent_to_enrolment(web, hilde):
    response = web.post("/login/", {"username": "hilde", "password": PASSWORD})
    assert web.session["_auth_user_id"] == str(hilde.pk)

    for url in [response["Location"], "/", "/meldingen/", "/wachtwoord/", "/admin/"]:
        answer = web.get(url)
        assert answer.status_code == 302, url
        assert answer["Location"] == "/tweestapsverificatie/", url
    api = web.get("/api/v1/dossiers/")
    assert api.status_code == 403
    assert "tweestapsverificatie" in api.json()["detail"].lower()
    htmx = web.get("/meldingen/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == "/tweestapsverificatie/"

    page = web.get("/tweestapsverificatie/")
    assert page.status_code == 200
    assert "Uw rol vraagt een tweede factor" in page.content.decode()
    assert web.post("/logout/").status_code == 302


@pytest.mark.parametrize(
    "roles", [["admin"], ["dpo"], ["head_of_service"], ["committee_member"], ["committee_secretary"]]
)
def test_the_roles_that_always_need_a_second_factor(web, db, roles):
    UserFactory(username="iemand", team=None, roles=roles)
    web.post("/login/", {"username": "iemand", "password": PASSWORD})

    assert web.get("/")["Location"] == "/tweestapsverificatie/"


@pytest.mark.parametrize(
    "roles", [["social_worker"], ["team_lead"], ["intake_officer"], ["activation_coach"]]
)
def test_other_roles_are_offered_a_second_factor(web, team, roles):
    UserFactory(username="iemand", team=team, roles=roles)
    web.post("/login/", {"username": "iemand", "password": PASSWORD})

    home = web.get("/")

    assert home.status_code == 200
    assert "Beveilig uw account met tweestapsverificatie" in home.content.decode()


def test_a_setting_makes_the_second_factor_required_for_more_roles(web, team, settings):
    settings.SECOND_FACTOR_REQUIRED_ROLES = ["team_lead"]
    UserFactory(username="els", team=team, roles=["team_lead"])
    web.post("/login/", {"username": "els", "password": PASSWORD})

    assert web.get("/")["Location"] == "/tweestapsverificatie/"


# Enrolment.


def test_enrolment_with_the_qr_code_a_first_code_and_recovery_codes_shown_once(web, hilde):
    web.post("/login/", {"username": "hilde", "password": PASSWORD})

    page = web.get("/tweestapsverificatie/").content.decode()
    assert "<svg" in page and "<path" in page  # the QR code, drawn here
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=hilde, confirmed=False)
    assert secret.replace(" ", "") == TOTP_secret(device)
    assert web.get("/tweestapsverificatie/").content.decode().count(secret) == 1  # a reload: the same secret
    assert TOTPDevice.objects.filter(user=hilde).count() == 1

    wrong = web.post("/tweestapsverificatie/", {"code": "000000"})
    assert "De code klopt niet" in wrong.content.decode()
    device.throttle_reset()

    confirmed = web.post("/tweestapsverificatie/", {"code": code_for(device)})
    assert confirmed["Location"] == "/tweestapsverificatie/herstelcodes/"
    codes_page = web.get(confirmed["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=hilde).values_list("token", flat=True))
    assert web.get("/tweestapsverificatie/herstelcodes/")["Location"] == "/tweestapsverificatie/"  # once

    device.refresh_from_db()
    assert device.confirmed
    assert web.get("/").status_code == 200  # the session is verified: Hilde may work
    assert "Tweestapsverificatie staat aan" in web.get("/tweestapsverificatie/").content.decode()

    # The next login asks for the code.
    web.post("/logout/")
    assert web.post("/login/", {"username": "hilde", "password": PASSWORD})["Location"] == "/login/code/"
    signed_in = web.post("/login/code/", {"code": codes[0]})
    assert signed_in.status_code == 302
    assert web.get("/").status_code == 200


def TOTP_secret(device) -> str:  # noqa: N802 - reads as what it is
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def test_a_new_phone_replaces_the_old_app(client, dpo):
    client.force_login(dpo)
    old = dpo.totpdevice_set.get()

    page = client.get("/tweestapsverificatie/?nieuw=1")
    assert "Andere telefoon" not in page.content.decode() and "<svg" in page.content.decode()
    new = TOTPDevice.objects.get(user=dpo, confirmed=False)
    client.post("/tweestapsverificatie/", {"code": code_for(new)})

    assert list(TOTPDevice.objects.filter(user=dpo)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_new_recovery_codes_replace_the_old_ones(client, dpo):
    old = set(recovery_codes_renew(user=dpo))
    client.force_login(dpo)

    response = client.post("/tweestapsverificatie/", {"action": "recovery-codes"}, follow=True)

    new = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode()))
    assert len(new) == 10 and not new & old
    assert set(StaticToken.objects.filter(device__user=dpo).values_list("token", flat=True)) == new


def test_enrolment_needs_a_login(web):
    assert web.get("/tweestapsverificatie/")["Location"].startswith("/login/")


def test_the_admin_may_delete_a_device_but_never_read_its_secret(client, db, dpo):
    admin = UserFactory(username="beheer", team=None, roles=["admin"], is_staff=True, is_superuser=True)
    client.force_login(admin)
    device = dpo.totpdevice_set.get()

    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")

    assert page.status_code == 200
    assert device.key not in page.content.decode()
    assert client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
