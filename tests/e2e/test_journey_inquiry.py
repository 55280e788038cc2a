"""Journeys 1, 2 and 4: intake → request → receipt → home visit → social inquiry with the leefloon calculation
→ complete → proposal → help plan with a referral."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.models import AidRequest, HelpPlan, Referral
from tests.factories import TeamFactory, UserFactory, make_insz

pytestmark = pytest.mark.e2e


@pytest.fixture
def sofie():
    team = TeamFactory(code="centrum", name="Centrum")
    return UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=team, roles=["social_worker"]
    )


def test_from_the_counter_to_the_help_plan(page, log_in, screenshot, sofie):
    log_in("sofie")
    # Journey 1: register Yasmina and open her dossier.
    page.goto("/clienten/nieuw/")
    page.get_by_label("Voornaam").fill("Yasmina")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.get_by_label("Geboortedatum").fill("04/03/1992")
    page.get_by_label("INSZ").fill(make_insz(datetime.date(1992, 3, 4), 124))
    page.get_by_role("button", name="Cliënt registreren").click()  # the dossier opened with it
    expect(page.get_by_role("heading", name="Yasmina El Amrani")).to_be_visible()

    # The leefloon request, registered today: number and 30-day deadline at once, and the receipt.
    page.get_by_text("Nieuwe aanvraag registreren").click()
    page.get_by_label("Soort aanvraag").select_option("leefloon")
    page.get_by_role("button", name="Aanvraag registreren").click()
    # (the status of the registration above says "geregistreerd" too: wait for the request's own)
    expect(page.get_by_role("status").filter(has_text="Beslissing uiterlijk op")).to_be_visible()
    aid_request = AidRequest.objects.get()
    due = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    confirmation = page.get_by_role("status").filter(has_text=aid_request.register_number)
    expect(confirmation).to_contain_text(f"Beslissing uiterlijk op {due}")
    screenshot("01-request-registered")
    receipt = page.request.get(f"/api/v1/requests/{aid_request.pk}/receipt.pdf")
    assert receipt.headers["content-type"] == "application/pdf" and receipt.body().startswith(b"%PDF")

    # Journey 2: the home visit, recorded as a contact with findings.
    page.get_by_label("Samenvatting").fill("Huisbezoek bij Yasmina en de kinderen")
    page.locator("#contact-form-slot").get_by_label("Kanaal").select_option("home_visit")
    page.get_by_text("Meer: deelnemers, vaststellingen").click()
    page.get_by_label("Vaststellingen (huisbezoek)").fill(
        "Woning klein; kinderen naar school; achterstal energie."
    )
    page.get_by_role("button", name="Contact bewaren").click()
    expect(page.locator("#timeline li").first).to_contain_text("Huisbezoek bij Yasmina")

    page.get_by_role("link", name=aid_request.register_number).click()
    page.get_by_role("button", name="Sociaal onderzoek starten").click()
    page.get_by_role("link", name="Sociaal onderzoek").click()
    missing = page.locator("#missing")
    expect(missing).to_contain_text("verklaring op eer")

    # A report section typed first: ticking documents and registering a consultation leave it alone.
    situation = "Alleenstaande moeder van twee kinderen, sinds vorige maand gescheiden."
    page.get_by_label("Situatie en hulpvraag").fill(situation)
    page.evaluate("window.notReloaded = true")

    # Every document of the checklist received: each box saves at once and answers its own panel.
    for number in range(1, page.locator("form.checkbox-field input[type=checkbox]").count() + 1):
        box = page.locator(f"#document-{number}")
        if not box.is_checked():
            with page.expect_response(re.compile(r"/documenten/$")):
                box.click()
            expect(page.locator(f"#document-{number}")).to_be_checked()
    expect(page.locator("form.checkbox-field input[type=checkbox]:not(:checked)")).to_have_count(0)

    page.get_by_label("Dienst").select_option("national_register")
    page.get_by_label("Doel van de raadpleging").fill("Controle gezinssamenstelling voor leefloon")
    page.get_by_role("button", name="Raadpleging registreren").click()
    expect(page.get_by_text("Controle gezinssamenstelling voor leefloon")).to_be_visible()
    expect(page.get_by_label("Situatie en hulpvraag")).to_have_value(situation)
    assert page.evaluate("window.notReloaded") is True
    screenshot("02-typing-kept")

    # The calculation: category 3, the ex-partner's maintenance counted, child benefit not.
    page.get_by_label("Categorie").select_option("3")
    page.get_by_label("Soort 1").select_option("maintenance_received")
    page.get_by_label("Bedrag 1").fill("2400")
    page.get_by_label("Soort 2").select_option("child_benefit")
    page.get_by_label("Bedrag 2").fill("4000")
    page.get_by_role("button", name="Berekenen").click()
    lines = page.locator("#calculation-lines")
    expect(lines).to_contain_text("Groeipakket voor de kinderen (niet meegeteld, art. 22 §1 KB)")
    expect(lines).to_contain_text("Leefloon per maand")
    screenshot("03-calculation")
    page.get_by_role("button", name="Lijnen in sociaal verslag zetten").click()
    expect(page.get_by_label("Bestaansmiddelen")).to_have_value(re.compile("Ontvangen onderhoudsgeld"))

    today = timezone.localdate().isoformat()
    page.get_by_label("Verklaring op eer ondertekend op").fill(today)
    page.get_by_label("Hoorrecht meegedeeld op").fill(today)
    for label, text in [
        ("Gezinssituatie", "Twee kinderen van 6 en 9 jaar."),
        ("Huisvesting", "Private huur, 750 euro per maand."),
        ("Gezondheid", "Geen bijzonderheden."),
        ("Werk en opleiding", "Diploma secundair onderwijs, geen recente werkervaring."),
        ("Probleemanalyse", "Onvoldoende inkomen en een achterstal bij de energieleverancier."),
        ("Advies en voorstel", "Leefloon categorie 3 toekennen vanaf de aanvraag."),
    ]:
        page.get_by_label(label).fill(text)
    page.get_by_role("button", name="Verslag bewaren").click()
    expect(page.locator("#missing")).to_contain_text("Het onderzoek is volledig.")
    screenshot("04-inquiry-complete")
    page.get_by_role("button", name="Voorstel indienen").click()
    expect(page.get_by_text("voorgesteld")).to_be_visible()
    assert AidRequest.objects.get().status == "proposed"

    # Journey 4: the help plan with priorities, and a referral to budget guidance.
    page.goto(f"/dossiers/{aid_request.dossier_id}/hulpverleningsplan/")
    page.get_by_label("Domein 1").select_option("income")
    page.get_by_label("Prioriteit 1").fill("1")
    page.get_by_label("Doel 1").fill("Een inkomen")
    page.get_by_label("Domein 2").select_option("debts")
    page.get_by_label("Prioriteit 2").fill("2")
    page.get_by_label("Doel 2").fill("Schulden bij de energieleverancier afbetalen")
    page.get_by_label("Domein 3").select_option("housing")
    page.get_by_label("Prioriteit 3").fill("3")
    page.get_by_label("Doel 3").fill("Betaalbare woning")
    page.get_by_role("button", name="Plan bewaren").click()
    expect(page.get_by_text("Versie 1")).to_be_visible()
    debts = page.locator("section.goal", has_text="Schulden bij de energieleverancier afbetalen")
    debts.get_by_text("Actie toevoegen").first.click()  # the <summary> opens the form
    debts.get_by_label("Actie").fill("Afbetalingsplan met de energieleverancier")
    debts.get_by_label("Wie").fill("Sofie")
    debts.get_by_role("button", name="Actie toevoegen").click()
    debts = page.locator("section.goal", has_text="Schulden bij de energieleverancier afbetalen")
    debts.get_by_role("button", name="Bezig").click()
    expect(
        page.locator("section.goal", has_text="Afbetalingsplan met de energieleverancier")
    ).to_contain_text("bezig")
    page.get_by_label("Partner").select_option(label="Sociaal Verhuurkantoor")
    page.get_by_label("Reden van doorverwijzing").fill("Zoekt een betaalbare woning")
    page.get_by_role("button", name="Doorverwijzing voorstellen").click()
    expect(page.get_by_text("Sociaal Verhuurkantoor · voorgesteld")).to_be_visible()
    page.get_by_role("button", name="Verstuurd").click()
    expect(page.get_by_text("Sociaal Verhuurkantoor · verstuurd")).to_be_visible()
    screenshot("05-help-plan")
    assert [g.priority for g in HelpPlan.objects.get().goals.all()] == [1, 2, 3]
    assert Referral.objects.get().status == "sent"
