"""Journey 3: Els approves the proposal, Ann builds and publishes the agenda and schedules Yasmina's
hearing at 19:30 with her sister, Marc reads the frozen item on a 768 px screen, Ann records *approved* with
amount and motivation, the letter holds every mandatory mention, the notification is recorded, and Sofie sees
the outcome on the dossier's timeline."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bcsd import services
from bcsd.models import Decision, Hearing
from tests.bcsd.conftest import complete_request
from tests.factories import DossierFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e
MOTIVATION = "Mevrouw heeft geen bestaansmiddelen en voldoet aan de voorwaarden van het leefloon."
MENTIONS = [
    "beroep instellen bij de arbeidsrechtbank",
    "binnen drie maanden",
    "Smoldersplein 5, 3000 Leuven",
    "verzoekschrift",
    "kosteloos",
    "Artikel 728",
    "Artikel 1017",
    "schorst de uitvoering van de beslissing niet",
    "€ 1.314,20",
    "per maand",
    "contactpersoon",
    "Sofie Peeters",
    MOTIVATION[:40],
]


@pytest.fixture
def people():
    centrum = TeamFactory(code="centrum", name="Centrum")
    sofie = UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=centrum, roles=["social_worker"]
    )
    UserFactory(username="els", first_name="Els", last_name="Wouters", team=centrum, roles=["team_lead"])
    UserFactory(username="ann", first_name="Ann", last_name="Dubois", roles=["committee_secretary"])
    UserFactory(username="marc", first_name="Marc", last_name="Van Damme", roles=["committee_member"])
    dossier = DossierFactory(
        team=centrum, social_worker=sofie, client__first_name="Yasmina", client__last_name="El Amrani"
    )
    aid_request = complete_request(dossier)
    services.submission_create(
        actor=sofie,
        dossier=dossier,
        aid_request=aid_request,
        kind="leefloon_grant",
        proposal="Leefloon categorie 2 toekennen vanaf de aanvraag.",
        motivation=MOTIVATION,
        legal_basis="Art. 2, 3 en 14 §1 RMI-wet van 26 mei 2002",
        amount=Decimal("1314.20"),
        frequency="monthly",
        period_start=timezone.localdate(),
    )
    return dossier


def test_journey_3_from_proposal_to_notified_decision(page, log_in, screenshot, people):
    dossier = people
    today = timezone.localdate()

    # Els approves the proposal.
    log_in("els")
    page.goto(f"/bcsd/dossiers/{dossier.pk}/voorstellen/")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Goedgekeurd door Els Wouters")).to_be_visible()
    page.get_by_role("button", name="Afmelden").click()

    # Ann plans today's meeting, puts the item on the agenda and sends it.
    log_in("ann")
    page.get_by_role("link", name="BCSD", exact=True).click()
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Uur").fill("19:00")
    page.get_by_label("Plaats").fill("Raadzaal")
    page.get_by_label("Marc Van Damme").check()
    page.get_by_role("button", name="Zitting plannen").click()
    page.get_by_role("button", name="Op de agenda").click()
    page.get_by_role("button", name="Agenda versturen naar de leden").click()
    expect(page.get_by_text("laattijdig: 2/3 nodig")).to_be_visible()
    meeting_url = page.url
    screenshot("01-agenda")

    # Yasmina asked to be heard: at 19:30, with her sister.
    page.get_by_role("link", name="Bevroren dossier lezen").click()
    page.get_by_label("Gevraagd op").fill(today.isoformat())
    page.get_by_label("Gepland om").fill(f"{today.isoformat()}T19:30")
    page.get_by_label("Bijgestaan door").fill("haar zus")
    page.get_by_role("button", name="Hoorzitting plannen").click()
    expect(page.get_by_text("(met haar zus)")).to_be_visible()
    hearing = Hearing.objects.get()
    assert timezone.localtime(hearing.scheduled_at).strftime("%H:%M") == "19:30"
    page.get_by_role("button", name="Afmelden").click()

    # Marc reads the frozen item on his tablet: only his meeting's items.
    page.set_viewport_size({"width": 768, "height": 1024})
    log_in("marc")
    marc = page
    marc.goto("/bcsd/")
    marc.get_by_role("link", name=today.strftime("%d/%m/%Y"), exact=False).first.click()
    marc.get_by_role("link", name="Bevroren dossier lezen").click()
    expect(marc.get_by_role("heading", name="Sociaal verslag")).to_be_visible()
    expect(marc.get_by_text("Private huur, 650 euro per maand.")).to_be_visible()
    expect(marc.get_by_text("Controlegetal klopt.")).to_be_visible()
    assert marc.evaluate("document.documentElement.scrollWidth") <= 768
    screenshot("02-marc-on-a-tablet")
    assert marc.goto(f"/dossiers/{dossier.pk}/").status == 404
    marc.goto("/bcsd/")
    marc.get_by_role("button", name="Afmelden").click()
    page.set_viewport_size({"width": 1280, "height": 900})

    # In the meeting Ann records: approved, amount and start date, motivation; the vote of a late item.
    log_in("ann")
    page.goto(meeting_url)
    page.get_by_role("button", name="Zitting openen").click()
    expect(page.get_by_label("Motivering")).to_have_value(MOTIVATION)
    page.get_by_label("Beslissing", exact=True).select_option("approved")
    page.get_by_label("Voor", exact=True).fill("1")
    page.get_by_label("Tegen", exact=True).fill("0")
    page.get_by_label("Onthouding").fill("0")
    page.get_by_role("button", name="Beslissing vastleggen").click()
    expect(page.get_by_text("goedgekeurd", exact=True)).to_be_visible()
    screenshot("03-decided")

    # The letter holds every mandatory mention.
    decision = Decision.objects.get()
    pdf = page.request.get(f"/bcsd/beslissingen/{decision.pk}/brief.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf.body())).pages
    ).casefold()
    for mention in [*MENTIONS, dossier.reference]:
        assert mention.casefold() in text, mention

    # The notification is recorded within the 8 days.
    page.get_by_label("Verstuurd op").fill(today.isoformat())
    page.get_by_label("Wijze").select_option("registered_mail")
    page.get_by_role("button", name="Kennisgeving vastleggen").click()
    expect(page.get_by_text("beroep mogelijk tot")).to_be_visible()
    decision.refresh_from_db()
    assert decision.notified_on is not None and decision.notified_on <= decision.notification_due
    page.get_by_role("button", name="Afmelden").click()

    # Sofie sees the outcome on the dossier's timeline.
    log_in("sofie")
    page.goto(f"/dossiers/{dossier.pk}/")
    expect(page.get_by_text("BCSD-beslissing: goedgekeurd")).to_be_visible()
    expect(page.get_by_text("Beslissing betekend (aangetekende brief)")).to_be_visible()
    screenshot("04-timeline")
