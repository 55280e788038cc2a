"""The page frame every screen shares: the language switcher and what a role without access sees."""

import pytest
from playwright.sync_api import expect

from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def team():
    return TeamFactory(code="centrum", name="Centrum")


def test_language_switcher_turns_the_interface_english_and_back(page, team, log_in, screenshot):
    UserFactory(username="sofie", first_name="Sofie", team=team, roles=["social_worker"])
    log_in("sofie")
    page.goto("/clienten/nieuw/")

    page.get_by_label("Taal", exact=True).select_option("en")
    page.get_by_role("button", name="Kies").click()

    expect(page.get_by_role("heading", name="Register a new client")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en-BE")
    expect(page.get_by_label("Date of birth")).to_have_attribute("placeholder", "dd/mm/yyyy")
    screenshot("01-english")

    page.get_by_label("Language", exact=True).select_option("nl")
    page.get_by_role("button", name="Choose").click()
    expect(page.get_by_role("heading", name="Nieuwe cliënt registreren")).to_be_visible()


def test_committee_member_has_no_client_pages(page, team, log_in, screenshot):
    UserFactory(username="marc", first_name="Marc", team=team, roles=["committee_member"])
    log_in("marc")
    expect(page.get_by_role("heading", name="Welkom, Marc")).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Cliënten zoeken")).to_have_count(0)
    screenshot("01-home")

    response = page.goto("/clienten/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()
    screenshot("02-no-access")


def test_repeated_wrong_passwords_show_the_dutch_lockout_page(page, team, log_in, screenshot, settings):
    settings.AXES_FAILURE_LIMIT = 2  # the live server runs in this process and reads the same settings
    UserFactory(username="sofie", team=team, roles=["social_worker"])
    log_in("sofie", password="verkeerd-1")
    log_in("sofie", password="verkeerd-2")

    expect(page.get_by_role("heading", name="Account tijdelijk geblokkeerd")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Na 2 mislukte pogingen om aan te melden")
    screenshot("01-locked-out")
