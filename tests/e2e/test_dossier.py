"""Sofie opens her dossier from "Mijn dossiers" and records contacts with the keyboard only; each one lands on
top of the timeline without a page reload."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.models import Contact, Dossier
from tests.factories import ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def sofie_and_dossier():
    team = TeamFactory(code="centrum", name="Centrum")
    sofie = UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=team, roles=["social_worker"]
    )
    colleague = UserFactory(
        username="lotte", first_name="Lotte", last_name="Claes", team=team, roles=["social_worker"]
    )
    client = ClientFactory(first_name="Yasmina", last_name="El Amrani")
    dossier = Dossier.objects.create(client=client, team=team, social_worker=sofie)
    Dossier.objects.create(
        client=ClientFactory(first_name="Ahmed", last_name="Aerts"), team=team, social_worker=colleague
    )
    Contact.objects.create(
        dossier=dossier,
        channel="office",
        summary="Eerste gesprek: vraagt leefloon aan.",
        author=sofie,
        occurred_at=timezone.now() - timedelta(days=1),
    )
    return sofie, dossier


def tab_until_focused(page, locator, limit: int = 25) -> None:
    """Presses Tab as a person would until the element has focus (the date-time field has several stops)."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("never reached by Tab")


def test_a_contact_recorded_by_keyboard_lands_on_top_of_the_timeline(
    page, log_in, screenshot, sofie_and_dossier
):
    sofie, dossier = sofie_and_dossier
    log_in("sofie")
    page.get_by_role("navigation").get_by_role("link", name="Mijn dossiers").click()
    rows = page.locator("tbody tr")
    # Her own dossier first, though the colleague's client comes first in the alphabet.
    expect(rows.first).to_contain_text("El Amrani, Yasmina")
    expect(rows.nth(1)).to_contain_text("Aerts, Ahmed")
    screenshot("01-mijn-dossiers")
    page.get_by_role("link", name="El Amrani, Yasmina").click()
    expect(page.get_by_role("heading", name="Yasmina El Amrani")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    screenshot("02-dossier")

    summary = page.get_by_label("Samenvatting")
    expect(summary).to_be_focused()  # the fastest screen: typing starts at once
    page.keyboard.type("Belde over de huurachterstal; brengt morgen de bankuittreksels.")
    page.keyboard.press("Tab")  # to the channel
    expect(page.locator("#contact-form-slot").get_by_label("Kanaal")).to_be_focused()
    page.keyboard.press("ArrowDown")  # bureelgesprek → huisbezoek → telefoon
    page.keyboard.press("ArrowDown")
    expect(page.locator("#contact-form-slot").get_by_label("Kanaal")).to_have_value("phone")
    page.keyboard.press("Control+Enter")  # saves from any field of the form

    timeline = page.locator("#timeline li")
    expect(timeline.first).to_contain_text("Belde over de huurachterstal")
    expect(timeline.first).to_contain_text("Telefoon")
    expect(timeline).to_have_count(2)
    expect(page.get_by_role("status").filter(has_text="Contact bewaard.")).to_be_visible()
    expect(page.get_by_label("Samenvatting")).to_have_value("")  # a fresh form for the next contact
    expect(page.get_by_label("Samenvatting")).to_be_focused()
    screenshot("03-contact-on-timeline")

    # The next one: type, then Tab to the button and press Enter.
    page.keyboard.type("Mail gestuurd met de lijst van documenten.")
    tab_until_focused(page, page.get_by_role("button", name="Contact bewaren"))
    page.keyboard.press("Enter")
    expect(timeline.first).to_contain_text("Mail gestuurd met de lijst van documenten.")
    expect(timeline).to_have_count(3)
    assert page.evaluate("window.notReloaded") is True  # saved in one round trip each, no page reload
    screenshot("04-second-contact")
    assert Contact.objects.filter(author=sofie).count() == 3


def test_a_refused_contact_keeps_what_was_typed_and_says_why(page, log_in, screenshot, sofie_and_dossier):
    sofie, dossier = sofie_and_dossier
    log_in("sofie")
    page.goto(f"/dossiers/{dossier.pk}/")
    page.get_by_label("Samenvatting").fill("Huisbezoek gepland")
    page.get_by_label("Duur (minuten)").fill("-5")
    page.get_by_label("Duur (minuten)").press("Enter")  # Enter in a field submits
    duration = page.get_by_label("Duur (minuten)")
    expect(duration).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_duration_minutes_error")).to_contain_text("0")
    expect(duration).to_be_focused()  # straight to the field to correct
    expect(page.get_by_label("Samenvatting")).to_have_value("Huisbezoek gepland")
    screenshot("01-refused")
    assert Contact.objects.count() == 1


def test_a_dossier_opened_for_a_registered_person(page, log_in, screenshot, sofie_and_dossier):
    sofie, _ = sofie_and_dossier
    person = ClientFactory(first_name="Jonas", last_name="Maes")
    log_in("sofie")
    page.goto(f"/dossiers/nieuw/?client={person.pk}")
    expect(page.get_by_role("heading", name="Dossier openen voor Jonas Maes")).to_be_visible()
    expect(page.get_by_label("Team")).to_have_value("centrum")  # her own team and herself, already chosen
    expect(page.get_by_label("Maatschappelijk werker")).to_have_value("sofie")
    screenshot("01-open-form")
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_role("heading", name="Jonas Maes")).to_be_visible()
    expect(page.get_by_label("Samenvatting")).to_be_focused()
    screenshot("02-new-dossier")
    assert Dossier.objects.get(client=person).social_worker == sofie
