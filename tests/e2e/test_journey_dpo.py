"""Journey 7: who looked at my file? A colleague of another team breaks the glass, the team lead is told,
and the DPO answers Yasmina with the list and a PDF."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from casework.models import Dossier
from tests.factories import ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e
REASON = "collega ziek, dringende vraag aan de balie"


@pytest.fixture
def people():
    centrum, noord = TeamFactory(code="centrum", name="Centrum"), TeamFactory(code="noord", name="Noord")
    sofie = UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=centrum, roles=["social_worker"]
    )
    UserFactory(username="els", first_name="Els", last_name="Wouters", team=centrum, roles=["team_lead"])
    UserFactory(username="bram", first_name="Bram", last_name="Jacobs", team=noord, roles=["social_worker"])
    UserFactory(username="pieter", first_name="Pieter", last_name="Hermans", team=None, roles=["dpo"])
    yasmina = ClientFactory(first_name="Yasmina", last_name="El Amrani")
    return Dossier.objects.create(client=yasmina, team=centrum, social_worker=sofie)


def test_who_looked_at_my_file(page, log_in, screenshot, people):
    dossier = people
    # Sofie works in the dossier; Bram (another team) breaks the glass with a reason.
    log_in("sofie")
    page.goto(f"/dossiers/{dossier.pk}/")
    expect(page.get_by_role("heading", name="Yasmina El Amrani")).to_be_visible()
    page.get_by_role("button", name="Afmelden").click()

    log_in("bram")
    page.goto(f"/dossiers/{dossier.pk}/")
    expect(page.get_by_role("heading", name="U hebt geen toegang tot dit dossier")).to_be_visible()
    page.get_by_label("Reden").fill("kijken")
    page.get_by_role("button", name="Dossier toch openen").click()
    expect(page.get_by_text("Geef een reden van minstens 10 tekens.")).to_be_visible()
    screenshot("01-break-glass-reason-too-short")
    page.get_by_label("Reden").fill(REASON)
    page.get_by_role("button", name="Dossier toch openen").click()
    expect(page.get_by_role("heading", name="Yasmina El Amrani")).to_be_visible()
    screenshot("02-bram-in-the-dossier")
    page.get_by_role("button", name="Afmelden").click()

    # Els, the team lead, has been told.
    log_in("els")
    expect(page.get_by_role("link", name="Meldingen 1 ongelezen")).to_be_visible()
    page.get_by_role("link", name="Meldingen 1 ongelezen").click()
    expect(page.get_by_text(REASON)).to_be_visible()
    screenshot("03-els-notified")
    page.get_by_role("button", name="Afmelden").click()

    # Pieter, the DPO, finds Yasmina and reads who saw what, when and why.
    log_in("pieter")
    page.get_by_role("navigation").get_by_role("link", name="Wie zag mijn gegevens?").click()
    page.get_by_label("Naam of INSZ van de cliënt").press_sequentially("yasm", delay=40)
    page.get_by_role("link", name="El Amrani, Yasmina").click()
    rows = page.locator("tbody tr")
    expect(rows.filter(has_text="break-the-glass")).to_contain_text(REASON)
    expect(rows.filter(has_text="break-the-glass")).to_contain_text("Bram Jacobs")
    expect(rows.filter(has_text="Sofie Peeters").first).to_contain_text(dossier.reference)
    screenshot("04-access-log")

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteren als PDF").click()
    pdf = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert REASON in text and "Bram Jacobs" in text and "Yasmina El Amrani" in text
