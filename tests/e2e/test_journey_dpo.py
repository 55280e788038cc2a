"""Journey 7: who looked at my file? A colleague of another team breaks the glass, the team lead is told,
and the DPO answers Yasmina with the list and a PDF."""

import io
import re

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.models import Dossier
from tests.factories import ClientFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e
REASON = "collega ziek, dringende vraag"


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
    dialog = page.get_by_role("alertdialog", name="U hebt geen toegang tot dit dossier")
    expect(dialog).to_contain_text("Dit wordt gelogd en de teamverantwoordelijke krijgt een melding.")
    expect(page.get_by_label("Reden")).to_be_focused()
    screenshot("01-break-glass-prompt")
    page.keyboard.type("kijken")
    page.get_by_role("button", name="Dossier toch openen").click()
    expect(page.get_by_text("Geef een reden van minstens 10 tekens.")).to_be_visible()
    expect(page.get_by_label("Reden")).to_have_attribute("aria-invalid", "true")
    screenshot("02-break-glass-reason-too-short")
    page.get_by_label("Reden").fill(REASON)
    page.get_by_role("button", name="Dossier toch openen").click()
    expect(page.get_by_role("heading", name="Yasmina El Amrani")).to_be_visible()
    assert page.url.endswith(f"/dossiers/{dossier.pk}/")
    screenshot("03-bram-in-the-dossier")
    page.get_by_role("button", name="Afmelden").click()

    # Els, the team lead, has been told: the count in the header, the reason on the page.
    log_in("els")
    notifications = page.get_by_role("link", name="Meldingen 1 ongelezen")
    expect(notifications).to_be_visible()
    screenshot("04-els-unread-count")
    notifications.click()
    expect(page.get_by_role("listitem").filter(has_text=REASON)).to_contain_text("Bram Jacobs")
    screenshot("05-els-notified")
    page.get_by_role("button", name="Afmelden").click()

    # Pieter, the DPO, finds Yasmina and reads who saw what, when and why.
    log_in("pieter")
    page.get_by_role("navigation").get_by_role("link", name="Wie zag mijn gegevens?").click()
    page.get_by_label("Naam of INSZ van de cliënt").press_sequentially("yasm", delay=40)
    expect(page.get_by_role("link", name="El Amrani, Yasmina")).to_be_visible()
    screenshot("06-dpo-search")
    page.get_by_role("link", name="El Amrani, Yasmina").click()
    rows = page.locator("tbody tr")
    glass = rows.filter(has_text="noodtoegang")
    expect(glass).to_have_count(1)
    expect(glass).to_contain_text(REASON)
    expect(glass).to_contain_text("Bram Jacobs (bram)")
    expect(glass).to_have_class("highlight")
    today = timezone.localtime().strftime("%d/%m/%Y")
    expect(glass.locator("td").first).to_have_text(re.compile(rf"^{re.escape(today)} \d\d:\d\d$"))
    expect(rows.filter(has_text="Sofie Peeters (sofie)").first).to_contain_text(dossier.reference)
    expect(glass).to_contain_text("Maatschappelijk werker · Noord")  # the reader's role and team (issue 12)
    screenshot("07-access-log")

    # Only the reads of team Noord: Bram's, not Sofie's.
    page.get_by_label("Team van de lezer").select_option(label="Noord")
    page.get_by_role("button", name="Filteren").click()
    expect(rows.filter(has_text="Bram Jacobs (bram)").first).to_be_visible()
    expect(rows.filter(has_text="Sofie Peeters (sofie)")).to_have_count(0)
    screenshot("07b-access-log-team-noord")

    # The export is made by a task (eager in the tests); its page shows the progress, then the download.
    page.get_by_role("button", name="Exporteren als PDF").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden").click()
    assert download.value.suggested_filename == f"toegangslog-el-amrani-yasmina-{timezone.localdate()}.pdf"
    content = download.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    pdf = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert REASON in text and "Bram Jacobs" in text and "Yasmina El Amrani" in text
