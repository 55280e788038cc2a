"""Refusals a worker must see, with what they typed kept; none of them a 500 (issue 8's silent failures)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from casework.inquiry.services import inquiry_calculation_to_report
from casework.leefloon.rules import Resource
from casework.models import (
    Debt,
    Inquiry,
    InquiryDocument,
    Instalment,
    LeefloonCalculation,
    Partner,
    PaymentPlan,
    Referral,
)
from casework.register.services import request_register
from core.errors import Conflict
from tests.factories import UserFactory

TODAY = timezone.localdate()


@pytest.fixture
def aid_request(dossier, social_worker):
    return request_register(actor=social_worker, dossier=dossier, kind="leefloon", received_on=TODAY)


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Sociaal Verhuurkantoor Leuven")


def test_a_refused_referral_shows_its_message_and_keeps_the_typed_reason(client, dossier, social_worker):
    inactive = Partner.objects.create(name="Opgeheven vzw", active=False)
    client.force_login(social_worker)
    reason = "Zoekt een betaalbare woning voor haar en de twee kinderen"

    # The form offers active partners only, so an inactive one is refused by the form and shown on its field.
    response = client.post(
        f"/dossiers/{dossier.pk}/doorverwijzingen/", {"partner": str(inactive.pk), "reason": reason}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert reason in page
    assert "Selecteer een geldige keuze" in page
    assert not Referral.objects.exists()


def test_a_refused_referral_date_in_the_past_is_shown_on_the_help_plan_page(
    client, dossier, social_worker, partner
):
    client.force_login(social_worker)
    reason = "Zoekt een betaalbare woning"
    body = {"partner": str(partner.pk), "reason": reason, "feedback_due": "2020-01-01"}

    response = client.post(f"/dossiers/{dossier.pk}/doorverwijzingen/", body)

    assert response.status_code == 400
    page = response.content.decode()
    assert "De terugkoppeling kan niet in het verleden verwacht worden." in page
    assert reason in page
    assert not Referral.objects.exists()


def test_a_refused_referral_move_is_shown_on_the_page(client, dossier, social_worker, partner):
    referral = Referral.objects.create(
        dossier=dossier, partner=partner, reason="Woning", created_by=social_worker, status="accepted"
    )
    client.force_login(social_worker)

    response = client.post(f"/doorverwijzingen/{referral.pk}/status/", {"to": "completed", "feedback": ""})

    assert response.status_code == 400
    assert "Noteer de terugkoppeling van de partner om af te ronden." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_the_help_plan_page_offers_only_the_moves_the_referral_workflow_allows(
    client, dossier, social_worker, partner
):
    Referral.objects.create(
        dossier=dossier, partner=partner, reason="Woning", created_by=social_worker, status="proposed"
    )
    client.force_login(social_worker)

    page = client.get(f"/dossiers/{dossier.pk}/hulpverleningsplan/").content.decode()

    assert 'value="sent"' in page
    assert 'value="declined"' in page
    assert 'value="completed"' not in page


@pytest.fixture
def plan(dossier):
    debt = Debt.objects.create(dossier=dossier, creditor="Energieleverancier", amount=Decimal("200.00"))
    plan = PaymentPlan.objects.create(debt=debt, instalment_amount=Decimal("100.00"), first_due_on=TODAY)
    Instalment.objects.create(plan=plan, due_on=TODAY, amount=Decimal("100.00"))
    return plan


@pytest.mark.parametrize("due_on", ["", "morgen", "2026-13-45", "31/12/2026"])
def test_a_malformed_instalment_date_is_a_message_not_a_500(client, dossier, social_worker, plan, due_on):
    client.force_login(social_worker)

    response = client.post(f"/afbetalingsplannen/{plan.pk}/betaald/", {"due_on": due_on}, follow=True)

    assert response.status_code == 200
    assert "De vervaldag is geen geldige datum." in response.content.decode()
    assert not Instalment.objects.filter(paid_on__isnull=False).exists()


def test_a_head_of_service_reads_the_report_but_saving_it_is_refused(client, aid_request, team):
    head = UserFactory(username="hilde", team=None, roles=["head_of_service"])
    inquiry = aid_request.inquiry
    client.force_login(head)
    assert client.get(f"/onderzoek/{inquiry.pk}/").status_code == 200

    response = client.post(f"/onderzoek/{inquiry.pk}/verslag/", {"version": 1, "situation": "Gewijzigd"})

    assert response.status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.situation == ""
    assert inquiry.version == 1


@pytest.mark.parametrize("name", ["Huur\x00contract", "x" * 151, "   "])
def test_a_document_name_the_database_cannot_keep_is_refused_with_a_message(
    client, aid_request, social_worker, name
):
    inquiry = aid_request.inquiry
    before = list(InquiryDocument.objects.order_by("pk").values_list("name", "received_on"))
    client.force_login(social_worker)

    response = client.post(f"/onderzoek/{inquiry.pk}/documenten/", {"name": name, "received": "on"})

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert list(InquiryDocument.objects.order_by("pk").values_list("name", "received_on")) == before


def test_calculation_lines_go_to_the_report_in_one_transaction(aid_request, social_worker):
    """A stale report refuses the lines: the calculation is not kept either (both or neither)."""
    inquiry = Inquiry.objects.select_related("request__dossier").get(pk=aid_request.inquiry.pk)
    inputs = {
        "category": 2,
        "reference_date": datetime.date(2025, 3, 1),
        "resources": [Resource("replacement_income", Decimal("6000.00"))],
    }

    with pytest.raises(Conflict):
        inquiry_calculation_to_report(
            actor=social_worker, inquiry=inquiry, version=inquiry.version + 1, **inputs
        )

    assert not LeefloonCalculation.objects.exists()
    inquiry_calculation_to_report(actor=social_worker, inquiry=inquiry, version=inquiry.version, **inputs)
    inquiry.refresh_from_db()
    assert LeefloonCalculation.objects.count() == 1
    assert "Leefloon per maand" in inquiry.means


def test_the_request_page_never_offers_a_move_the_committee_makes(client, aid_request, social_worker):
    aid_request.status = "proposed"
    aid_request.save()
    client.force_login(social_worker)

    page = client.get(f"/aanvragen/{aid_request.pk}/").content.decode()

    assert 'value="decided"' not in page
    assert 'value="in_inquiry"' in page
    aid_request.status = "decided"
    aid_request.save()
    page = client.get(f"/aanvragen/{aid_request.pk}/").content.decode()
    assert 'value="notified"' not in page
    assert "Volgende stap" not in page


def test_opening_a_dossier_tells_the_front_desk_its_real_access(api, team, other_team):
    from tests.factories import ClientFactory

    intake = UserFactory(username="ines", team=None, roles=["intake_officer"])
    body = {"client": str(ClientFactory().pk), "team": other_team.code}

    response = api(intake).post("/api/v1/dossiers/", body, format="json")

    assert response.status_code == 201, response.data
    assert response.data["access"] == "intake"
