"""Journey 1 continued (shared/journeys.md): from the search result to Yasmina's dossier, and her two children
into the household, each registered on the way; the dossier page's defects of issue 12 stay fixed."""

import datetime

import pytest
from playwright.sync_api import expect

from clients.models import HouseholdMember
from tests.factories import ClientFactory, DossierFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def sofie():
    team = TeamFactory(code="centrum", name="Centrum")
    return UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=team, roles=["social_worker"]
    )


@pytest.fixture
def yasmina_dossier(sofie):
    yasmina = ClientFactory(first_name="Yasmina", last_name="El Amrani", birth_date=datetime.date(1992, 3, 4))
    return DossierFactory(client=yasmina, team=sofie.team, social_worker=sofie)


def add_child(page, first_name: str, birth_date: str) -> None:
    """Registered into the household in place (HTMX): the family name and "kind" are filled in already."""
    form = page.locator("#household-new-member")
    form.get_by_label("Voornaam").fill(first_name)
    expect(form.get_by_label("Achternaam")).to_have_value("El Amrani")
    form.get_by_label("Geboortedatum").fill(birth_date)
    form.get_by_label("Woont samen sinds").fill(birth_date)
    form.get_by_role("button", name="Registreren en toevoegen aan het gezin").click()
    expect(page.locator("#household-new-member").get_by_role("status")).to_contain_text(
        f"{first_name} El Amrani hoort nu bij het gezin (kind)."
    )


def test_sofie_goes_from_the_search_to_the_dossier_and_adds_the_two_children(
    page, sofie, yasmina_dossier, log_in, screenshot
):
    log_in("sofie")
    page.goto("/clienten/")
    page.get_by_label("Naam of INSZ").press_sequentially("yasm", delay=40)
    result = page.locator("#search-results").get_by_role("link", name="El Amrani, Yasmina")
    expect(result).to_be_visible()
    screenshot("01-search-result-is-a-link")
    result.click()
    expect(page.get_by_role("heading", name="Yasmina El Amrani")).to_be_visible()

    page.get_by_role("link", name="Gezinssamenstelling").click()
    expect(page.get_by_role("heading", name="Gezin van Yasmina El Amrani")).to_be_visible()
    screenshot("02-household-empty")
    add_child(page, "Adam", "12/07/2016")
    add_child(page, "Nour", "03/01/2019")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("El Amrani, Adam")
    screenshot("03-household-two-children")

    children = HouseholdMember.objects.filter(client=yasmina_dossier.client, relation="child")
    assert sorted(row.member.first_name for row in children) == ["Adam", "Nour"]


def test_a_partner_already_in_the_registry_is_chosen_and_added_without_a_page_load(
    page, sofie, yasmina_dossier, log_in, screenshot
):
    ClientFactory(first_name="Karim", last_name="Haddad", birth_date=datetime.date(1990, 5, 6))
    log_in("sofie")
    page.goto(f"/clienten/{yasmina_dossier.client_id}/gezin/")
    loads = []
    page.on("load", lambda: loads.append(page.url))

    page.get_by_label("Zoek de persoon in het register (naam of INSZ)").fill("haddad")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Karim kiezen").click()
    chosen = page.locator("form").filter(has_text="Toevoegen: Karim Haddad")
    chosen.get_by_label("Relatie tot de cliënt").select_option(label="partner")
    chosen.get_by_label("Woont samen sinds").fill("01/09/2020")
    chosen.get_by_role("button", name="Toevoegen aan het gezin", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text("Karim Haddad hoort nu bij het gezin.")
    expect(page.locator("#household-members")).to_contain_text("Haddad, Karim")
    screenshot("01-partner-chosen-in-place")
    assert loads == []  # boosted by HTMX: the content is swapped, the page is not reloaded
    assert HouseholdMember.objects.get(client=yasmina_dossier.client).relation == "partner"


def test_the_dossier_page_has_unique_ids_and_a_long_word_wraps(
    page, sofie, yasmina_dossier, log_in, screenshot
):
    log_in("sofie")
    page.goto(f"/dossiers/{yasmina_dossier.pk}/")
    page.get_by_label("Samenvatting").fill("x" * 400)
    page.get_by_role("button", name="Contact bewaren").click()
    expect(page.locator("#timeline")).to_contain_text("xxxx")

    duplicated = page.evaluate(
        "() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
        " return ids.filter((id, i) => ids.indexOf(id) !== i); }"
    )
    assert duplicated == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.set_viewport_size({"width": 768, "height": 1024})
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    screenshot("01-dossier-768")
