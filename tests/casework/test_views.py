"""The web pages of the dossier: owner / other-team colleague / anonymous, bad input, constant queries."""

import io

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.models import AidRequest, BreakGlassAccess, Contact, Dossier, HelpPlan, Inquiry, Referral
from clients.models import AccessLog
from tests.factories import ClientFactory, UserFactory


@pytest.fixture
def aid_request(dossier, social_worker):
    from casework.services import request_register

    return request_register(
        actor=social_worker, dossier=dossier, kind="leefloon", received_on=timezone.localdate()
    )


def pages(dossier, aid_request):
    inquiry = aid_request.inquiry
    return [
        f"/dossiers/{dossier.pk}/",
        f"/aanvragen/{aid_request.pk}/",
        f"/onderzoek/{inquiry.pk}/",
        f"/dossiers/{dossier.pk}/hulpverleningsplan/",
    ]


def test_owner_other_team_and_anonymous(client, dossier, aid_request, social_worker, other_team_worker):
    committee = UserFactory(username="marc", team=None, roles=["committee_member"])
    for url in pages(dossier, aid_request):
        client.force_login(social_worker)
        assert client.get(url).status_code == 200, url
        client.force_login(committee)
        assert client.get(url).status_code == 404, url
        client.logout()
        assert client.get(url).status_code == 302, url
    client.force_login(other_team_worker)
    # A social worker of another team gets the break-the-glass prompt (a 404 page), not the dossier.
    response = client.get(f"/dossiers/{dossier.pk}/")
    assert response.status_code == 404 and "Dossier toch openen" in response.content.decode()
    assert client.get(f"/onderzoek/{aid_request.inquiry.pk}/").status_code == 404


def test_the_dossier_page_is_one_logged_read(client, dossier, social_worker):
    client.force_login(social_worker)
    before = AccessLog.objects.count()
    client.get(f"/dossiers/{dossier.pk}/")
    assert AccessLog.objects.count() - before == 1


def test_the_front_desk_sees_identity_and_requests_but_no_contacts(client, dossier, aid_request, other_team):
    Contact.objects.create(
        dossier=dossier, channel="phone", summary="Geheime notitie", author=dossier.social_worker
    )
    intake = UserFactory(username="ines", team=other_team, roles=["intake_officer"])
    client.force_login(intake)
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert aid_request.register_number in page
    assert "Geheime notitie" not in page


def test_quick_contact_in_one_round_trip(client, dossier, social_worker):
    client.force_login(social_worker)
    response = client.post(
        f"/dossiers/{dossier.pk}/contacten/",
        {
            "summary": "Belde over de huur",
            "channel": "phone",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'hx-swap-oob="afterbegin:#timeline"' in response.content.decode()
    assert Contact.objects.get().summary == "Belde over de huur"


@pytest.mark.parametrize(
    "body",
    [
        {"summary": "", "channel": "phone"},
        {"summary": "x", "channel": "fax"},
        {"summary": "x", "channel": "phone", "occurred_at": "2999-01-01T10:00"},
        {"summary": "x", "channel": "phone", "duration_minutes": "-3"},
    ],
)
def test_bad_contacts_store_nothing(client, dossier, social_worker, body):
    client.force_login(social_worker)
    body = {"occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")} | body
    response = client.post(f"/dossiers/{dossier.pk}/contacten/", body, HTTP_HX_REQUEST="true")
    assert "errorlist" in response.content.decode()
    assert not Contact.objects.exists()


def test_break_the_glass_from_the_page(client, dossier, other_team_worker):
    client.force_login(other_team_worker)
    short = client.post(f"/dossiers/{dossier.pk}/break-the-glass/", {"reason": "kort"})
    assert short.status_code == 404 and "minstens 10 tekens" in short.content.decode()
    assert not BreakGlassAccess.objects.exists()
    response = client.post(
        f"/dossiers/{dossier.pk}/break-the-glass/", {"reason": "collega ziek, dringende vraag"}
    )
    assert response.status_code == 302
    assert client.get(f"/dossiers/{dossier.pk}/").status_code == 200


def test_register_a_request_shows_number_deadline_and_receipt(client, dossier, social_worker):
    client.force_login(social_worker)
    today = timezone.localdate()
    response = client.post(
        f"/dossiers/{dossier.pk}/aanvragen/",
        {"kind": "leefloon", "received_on": today.isoformat(), "channel": "oral"},
    )
    page = response.content.decode()
    aid_request = AidRequest.objects.get()
    assert aid_request.register_number in page
    assert f"{aid_request.decision_due:%d/%m/%Y}" in page
    assert f"/api/v1/requests/{aid_request.pk}/receipt.pdf" in page
    receipt = client.get(f"/api/v1/requests/{aid_request.pk}/receipt.pdf")
    assert receipt["Content-Type"] == "application/pdf"


def test_a_stale_report_save_keeps_what_was_typed(client, aid_request, social_worker, team):
    inquiry = aid_request.inquiry
    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
    client.force_login(colleague)
    client.post(f"/onderzoek/{inquiry.pk}/verslag/", {"version": 1, "situation": "Versie van Lotte"})
    client.force_login(social_worker)
    response = client.post(
        f"/onderzoek/{inquiry.pk}/verslag/", {"version": 1, "situation": "Mijn lange tekst"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mijn lange tekst" in page and "Herlaad" in page
    assert Inquiry.objects.get().situation == "Versie van Lotte"


def test_the_calculator_shows_the_lines_and_puts_them_in_the_report(client, aid_request, social_worker):
    inquiry = aid_request.inquiry
    client.force_login(social_worker)
    body = {
        "category": 3,
        "reference_date": "2026-01-15",
        "apply_general_exemption": "on",
        "kind_0": "maintenance_received",
        "amount_0": "2400.00",
        "kind_1": "child_benefit",
        "amount_1": "4000",
    }
    shown = client.post(
        f"/onderzoek/{inquiry.pk}/berekening/", body | {"action": "calculate"}, HTTP_HX_REQUEST="true"
    )
    page = shown.content.decode()
    assert "Groeipakket voor de kinderen (niet meegeteld)" in page and "1.601,90" in page
    client.post(f"/onderzoek/{inquiry.pk}/berekening/", body | {"action": "report"})
    assert (
        "Leefloon per maand (jaarbedrag / 12, afgerond op de cent): € 1.601,90" in Inquiry.objects.get().means
    )
    bad = client.post(
        f"/onderzoek/{inquiry.pk}/berekening/", body | {"amount_0": "-5", "action": "calculate"}
    )
    assert "errorlist" in bad.content.decode()


def test_help_plan_with_a_referral(client, dossier, social_worker):
    from casework.models import Partner

    client.force_login(social_worker)
    body = {
        **{"domain_0": "income", "priority_0": 1, "description_0": "Inkomen"},
        **{"domain_1": "debts", "priority_1": 2, "description_1": "Schulden"},
        **{"action_1": "Afbetalingsplan energie", "owner_1": "sofie"},
    }
    assert client.post(f"/dossiers/{dossier.pk}/hulpverleningsplan/", body).status_code == 302
    plan = HelpPlan.objects.get()
    assert [g.description for g in plan.goals.order_by("priority")] == ["Inkomen", "Schulden"]
    partner = Partner.objects.get(name__icontains="CAW")
    client.post(
        f"/dossiers/{dossier.pk}/doorverwijzingen/", {"partner": str(partner.pk), "reason": "Woonbegeleiding"}
    )
    referral = Referral.objects.get()
    client.post(f"/doorverwijzingen/{referral.pk}/status/", {"to": "sent"})
    assert Referral.objects.get().status == "sent"
    stale = client.post(f"/dossiers/{dossier.pk}/hulpverleningsplan/", body | {"version": 0})
    assert stale.status_code == 409


def test_dpo_access_log_page_and_exports(client, dossier, social_worker):
    client.force_login(social_worker)
    client.get(f"/dossiers/{dossier.pk}/")
    dpo = UserFactory(username="pieter", team=None, roles=["dpo"])
    client.force_login(dpo)
    assert (
        dossier.client.last_name
        in client.get("/toegangslog/", {"q": dossier.client.last_name}).content.decode()
    )
    page = client.get(f"/toegangslog/{dossier.client_id}/").content.decode()
    assert "sofie" in page and "dossierpagina" in page
    csv = client.get(f"/toegangslog/{dossier.client_id}/", {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and "dossierpagina" in csv.content.decode("utf-8-sig")
    pdf = client.get(f"/toegangslog/{dossier.client_id}/", {"export": "pdf"})
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "dossierpagina" in text and "sofie" in text
    client.force_login(social_worker)
    assert client.get(f"/toegangslog/{dossier.client_id}/").status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_caseload_and_timeline_cost_the_same_for_10_and_200_rows(client, team, social_worker, dossier):
    client.force_login(social_worker)
    counts = {"caseload": [], "timeline": []}
    for n in (10, 200):
        for _ in range(n - Dossier.objects.count()):
            Dossier.objects.create(client=ClientFactory(), team=team, social_worker=social_worker)
        Contact.objects.bulk_create(
            Contact(dossier=dossier, channel="phone", summary="x", author=social_worker)
            for _ in range(n - Contact.objects.count())
        )
        counts["caseload"].append(_count(client, "/dossiers/"))
        counts["timeline"].append(_count(client, f"/dossiers/{dossier.pk}/"))
    assert counts["caseload"][0] == counts["caseload"][1]
    assert counts["timeline"][0] == counts["timeline"][1]


def test_case_conference_and_budget_screens(client, dossier, social_worker, other_team_worker):
    from casework.models import CaseConference, Debt

    client.force_login(social_worker)
    today = timezone.localdate()
    conference = {
        "held_on": today.isoformat(),
        "internal_participants": ["sofie"],
        "agreements": "CAW volgt op",
    }
    assert client.post(f"/dossiers/{dossier.pk}/clientoverleg/", conference).status_code == 302
    assert CaseConference.objects.get().agreements == "CAW volgt op"
    assert (
        client.post(f"/dossiers/{dossier.pk}/clientoverleg/", conference | {"agreements": ""}).status_code
        == 200
    )
    assert CaseConference.objects.count() == 1

    debt = {"form": "debt", "creditor": "Energieleverancier", "amount": "250.00"}
    assert client.post(f"/dossiers/{dossier.pk}/budget/", debt).status_code == 302
    assert client.post(f"/dossiers/{dossier.pk}/budget/", debt | {"amount": "-1"}).status_code == 200
    stored = Debt.objects.get()
    client.post(
        f"/schulden/{stored.pk}/afbetalingsplan/", {"instalment_amount": "100.00", "first_due_on": today}
    )
    plan = stored.payment_plans.get()
    assert [i.amount for i in plan.instalments.all()] == [100, 100, 50]
    for instalment in plan.instalments.all():
        client.post(f"/afbetalingsplannen/{plan.pk}/betaald/", {"due_on": instalment.due_on.isoformat()})
    stored.refresh_from_db()
    assert stored.status == "settled"
    page = client.get(f"/dossiers/{dossier.pk}/budget/").content.decode()
    assert "Energieleverancier" in page

    client.force_login(other_team_worker)
    assert client.get(f"/dossiers/{dossier.pk}/budget/").status_code == 404
    assert client.get(f"/dossiers/{dossier.pk}/clientoverleg/").status_code == 404
    client.logout()
    assert client.get(f"/dossiers/{dossier.pk}/budget/").status_code == 302
