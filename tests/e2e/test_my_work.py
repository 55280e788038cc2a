"""My work in the browser: Sofie's home page lists her overdue decision first; Els, the team lead, gives it to
Lotte, who finds it on her own home page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.register.services import request_register
from casework.socialmap.services import referral_propose
from tests.factories import DossierFactory, PartnerFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e


def test_an_overdue_decision_comes_first_and_the_team_lead_reassigns_it(page, log_in, screenshot):
    today = timezone.localdate()
    team = TeamFactory(code="centrum", name="Centrum")
    sofie = UserFactory(
        username="sofie", first_name="Sofie", last_name="Janssens", team=team, roles=["social_worker"]
    )
    UserFactory(username="lotte", first_name="Lotte", last_name="Wouters", team=team, roles=["social_worker"])
    els = UserFactory(username="els", first_name="Els", last_name="Peeters", team=team, roles=["team_lead"])
    late = DossierFactory(
        team=team, social_worker=sofie, client__first_name="Yasmina", client__last_name="El Amrani"
    )
    soon = DossierFactory(
        team=team, social_worker=sofie, client__first_name="Jan", client__last_name="Peeters"
    )
    # Received 35 days ago and registered late (with the team lead's reason): the 30 days have passed.
    aid_request = request_register(
        actor=els, dossier=late, kind="leefloon", received_on=today - datetime.timedelta(days=35),
        late_registration_reason="Aanvraag lag in de brievenbus van het onthaal.",
    )  # fmt: skip
    request_register(actor=sofie, dossier=soon, kind="financial_aid", received_on=today)
    referral_propose(
        actor=sofie, dossier=soon, partner=PartnerFactory(), reason="Woonbegeleiding",
        feedback_due=today + datetime.timedelta(days=3),
    )  # fmt: skip

    log_in("sofie")
    expect(page.get_by_role("heading", name="Mijn werk")).to_be_visible()
    overdue = page.get_by_role("table", name="Te laat")
    expect(overdue.get_by_role("row").nth(1)).to_contain_text("Beslissing nemen")
    expect(overdue.get_by_role("row").nth(1)).to_contain_text("El Amrani, Yasmina")
    expect(overdue).to_contain_text("5 dagen te laat")
    expect(page.get_by_role("table", name="Deze week")).to_contain_text("Terugkoppeling doorverwijzing")
    expect(page.get_by_role("table", name="Later")).to_contain_text("Peeters, Jan")
    screenshot("01-sofie-home")
    page.get_by_role("button", name="Afmelden").click()

    log_in("els")
    team_overdue = page.get_by_role("table", name="Te laat").last
    row = team_overdue.get_by_role("row").filter(has_text="El Amrani")
    row.get_by_role("combobox").select_option("lotte")
    screenshot("02-els-team-work")
    row.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("Toegewezen aan Lotte Wouters.")).to_be_visible()
    screenshot("03-els-reassigned")
    page.get_by_role("button", name="Afmelden").click()

    log_in("lotte")
    expect(page.get_by_role("table", name="Te laat").get_by_role("row").nth(1)).to_contain_text(
        "El Amrani, Yasmina"
    )
    screenshot("04-lotte-home")
    page.get_by_role("link", name="Beslissing nemen").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(aid_request.register_number)  # its request
