"""Sofie records a contact from the dossier page with the keyboard only, and sees it on the timeline."""

import pytest
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
    client = ClientFactory(first_name="Yasmina", last_name="El Amrani")
    return sofie, Dossier.objects.create(client=client, team=team, social_worker=sofie)


def test_a_contact_recorded_by_keyboard_lands_on_top_of_the_timeline(
    page, log_in, screenshot, sofie_and_dossier
):
    sofie, dossier = sofie_and_dossier
    log_in("sofie")
    page.get_by_role("navigation").get_by_role("link", name="Mijn dossiers").click()
    page.get_by_role("link", name="El Amrani, Yasmina").click()
    expect(page.get_by_role("heading", name="Yasmina El Amrani")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    screenshot("01-dossier")

    summary = page.get_by_label("Samenvatting")
    expect(summary).to_be_focused()  # the fastest screen: typing starts at once
    page.keyboard.type("Belde over de huurachterstal; brengt morgen de bankuittreksels.")
    page.keyboard.press("Tab")  # to the channel
    expect(page.get_by_label("Kanaal")).to_be_focused()
    page.keyboard.press("ArrowDown")  # office → home visit → phone
    page.keyboard.press("ArrowDown")
    summary.focus()
    page.keyboard.press("Control+Enter")

    first = page.locator("#timeline li").first
    expect(first).to_contain_text("Belde over de huurachterstal")
    expect(page.get_by_role("status").filter(has_text="Contact bewaard.")).to_be_visible()
    expect(page.get_by_label("Samenvatting")).to_have_value("")  # a fresh form for the next contact
    assert page.evaluate("window.notReloaded") is True  # saved in one round trip, no page reload
    screenshot("02-contact-on-timeline")
    assert Contact.objects.get().author == sofie
