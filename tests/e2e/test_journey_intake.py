"""Journey 1 (shared/journeys.md): a walk-in at the counter, up to the registration of Yasmina El Amrani."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from clients.models import Client
from tests.factories import ClientFactory, TeamFactory, UserFactory, make_insz

pytestmark = pytest.mark.e2e

BIRTH_DATE = datetime.date(1992, 3, 4)
YASMINA_INSZ = make_insz(BIRTH_DATE, 124)


def formatted(insz: str) -> str:
    return f"{insz[0:2]}.{insz[2:4]}.{insz[4:6]}-{insz[6:9]}.{insz[9:11]}"


# One digit of the serial typed wrong (124 -> 125): the check digits no longer match.
INSZ_WITH_WRONG_DIGIT = formatted(YASMINA_INSZ[:8] + "5" + YASMINA_INSZ[9:])


@pytest.fixture
def sofie():
    team = TeamFactory(code="centrum", name="Centrum")
    return UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=team, roles=["social_worker"]
    )


@pytest.fixture
def jasmina():
    """Someone else, with the same birth date as Yasmina and a name that sounds alike."""
    return ClientFactory(first_name="Jasmina", last_name="Elamrani", birth_date=BIRTH_DATE)


def search_for(page, text: str) -> None:
    search_box = page.get_by_label("Naam of INSZ")
    search_box.fill("")
    search_box.press_sequentially(text, delay=40)  # as typed, so the live search follows each key


def test_sofie_registers_yasmina_at_the_counter(page, sofie, jasmina, screenshot):
    page.goto("/")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    screenshot("01-login")
    page.get_by_label("Gebruikersnaam").fill("sofie")
    page.get_by_label("Wachtwoord").fill("Geheim-wachtwoord-1")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_role("heading", name="Welkom, Sofie")).to_be_visible()
    screenshot("02-home")

    # "el amr": Jasmina Elamrani shows up, who is someone else.
    page.get_by_role("navigation").get_by_role("link", name="Cliënten zoeken").click()
    search_for(page, "el amr")
    results = page.locator("#search-results")
    expect(results.get_by_role("row", name="Elamrani, Jasmina")).to_be_visible()
    expect(results.get_by_role("row", name="Elamrani, Jasmina")).to_contain_text("04/03/1992")
    expect(page.locator("#search-status")).to_have_text("1 cliënt gevonden.")
    expect(page).to_have_url(re.compile(r"/clienten/\?q=el(\+|%20)amr$"))  # a bookmark, and Back works
    screenshot("03-search-el-amr")

    page.get_by_role("link", name="Nieuwe cliënt registreren").click()
    expect(page.get_by_role("heading", name="Nieuwe cliënt registreren")).to_be_visible()
    expect(page.get_by_label("Achternaam")).to_have_value("el amr")  # carried over from the search box

    # Marks this page: if a submit reloaded it, the mark would be gone (and with it what was typed).
    page.evaluate("window.typedOnThisPage = true")
    page.get_by_label("Voornaam").fill("Yasmina")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.get_by_label("Geboortedatum").fill("04/03/1992")
    page.get_by_label("Geboortedatum").press("Tab")
    warning = page.locator("#possible-duplicates")
    expect(warning).to_contain_text("Mogelijk dubbele registratie: Jasmina Elamrani, zelfde geboortedatum")
    screenshot("04-possible-duplicate")

    page.get_by_label("INSZ").fill(INSZ_WITH_WRONG_DIGIT)
    page.get_by_label("Geslacht").select_option(label="vrouw")
    page.get_by_label("Nationaliteit").fill("be")
    page.get_by_label("Voorkeurtaal").fill("Nederlands")
    page.get_by_label("Straat").fill("Kerkstraat")
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Postcode").fill("9000")
    page.get_by_label("Gemeente").fill("Gent")
    page.get_by_label("Telefoon").fill("0470 12 34 56")
    page.get_by_label("E-mail").fill("yasmina@example.org")
    page.get_by_label("IBAN-rekeningnummer").fill("BE68 5390 0754 7034")
    page.get_by_role("button", name="Cliënt registreren").click()

    insz_error = "Dit is geen geldig rijksregisternummer of BIS-nummer: controleer de cijfers."
    insz_field = page.locator(".field", has=page.get_by_label("INSZ"))
    expect(insz_field).to_contain_text(insz_error)
    expect(page.get_by_label("INSZ")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text(insz_error)
    assert page.evaluate("window.typedOnThisPage") is True
    expect(page.get_by_label("Voornaam")).to_have_value("Yasmina")
    expect(page.get_by_label("Achternaam")).to_have_value("El Amrani")
    expect(page.get_by_label("Geboortedatum")).to_have_value("04/03/1992")
    expect(page.get_by_label("Geslacht")).to_have_value("f")
    expect(page.get_by_label("Gemeente")).to_have_value("Gent")
    expect(page.get_by_label("IBAN-rekeningnummer")).to_have_value("BE68 5390 0754 7034")
    expect(warning).to_contain_text("Jasmina Elamrani, zelfde geboortedatum")
    assert not Client.objects.filter(first_name="Yasmina").exists()
    screenshot("05-insz-error")

    page.get_by_label("INSZ").fill(formatted(YASMINA_INSZ))
    page.get_by_label("Dossier openen").select_option(label="Nee, nu nog geen dossier")
    page.get_by_role("button", name="Cliënt registreren").click()
    expect(page.get_by_role("heading", name="Cliënt geregistreerd")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Yasmina El Amrani is geregistreerd.")
    identity = page.locator(".identity")
    expect(identity).to_contain_text("Yasmina El Amrani")
    expect(identity).to_contain_text("04/03/1992")
    expect(identity).to_contain_text(formatted(YASMINA_INSZ))
    screenshot("06-registered")

    yasmina = Client.objects.get(insz=YASMINA_INSZ)
    assert (yasmina.first_name, yasmina.last_name, yasmina.birth_date) == ("Yasmina", "El Amrani", BIRTH_DATE)
    assert (yasmina.nationality, yasmina.postal_code, yasmina.iban) == ("BE", "9000", "BE68539007547034")
    assert yasmina.created_by == sofie

    page.get_by_role("link", name="Terug naar zoeken").click()
    search_for(page, "yasm")
    expect(page.locator("#search-results").get_by_role("row", name="El Amrani, Yasmina")).to_be_visible()
    expect(page.locator("#search-results tbody tr")).to_have_count(1)
    screenshot("07-search-yasm")

    search_for(page, "ÉL AMRANI")
    expect(page.locator("#search-results").get_by_role("row", name="El Amrani, Yasmina")).to_be_visible()
    screenshot("08-search-el-amrani-accented")


def test_registration_by_keyboard_only(page, sofie, log_in, screenshot):
    log_in("sofie")
    expect(page.get_by_role("heading", name="Welkom, Sofie")).to_be_visible()

    # On a page without a field to start in (the home page), the first Tab reaches the skip link, which takes
    # the keyboard past the header to the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    screenshot("01-skip-link")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")

    # The registration form puts the cursor in the first field: the worker types at once.
    page.goto("/clienten/nieuw/")
    expect(page.get_by_label("Voornaam")).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.type("Karel")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Achternaam")).to_be_focused()
    page.keyboard.type("Van den Broeck")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Geboortedatum")).to_be_focused()
    page.keyboard.type("12/05/1980")
    screenshot("02-typed")
    page.keyboard.press("Enter")

    # The dossier opened with the registration (her team, the form's default): its page.
    expect(page.get_by_role("heading", name="Karel Van den Broeck")).to_be_visible()
    expect(page.locator("#identity-title + .dossier-header")).to_contain_text("12/05/1980")
    screenshot("03-registered")
    assert Client.objects.get(last_name="Van den Broeck").birth_date == datetime.date(1980, 5, 12)


def test_wrong_password_shows_the_dutch_error(page, sofie, log_in, screenshot):
    log_in("sofie", password="verkeerd-wachtwoord")
    expect(page.get_by_role("alert")).to_contain_text("Voer een juiste gebruikersnaam en wachtwoord in.")
    expect(page.get_by_role("heading", name="Aanmelden")).to_be_visible()
    screenshot("01-wrong-password")
