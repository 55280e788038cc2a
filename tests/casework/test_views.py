"""The web pages of the dossier: owner / other-team colleague / anonymous, bad input, constant queries."""

import io
import re

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.text import slugify

from casework.models import AidRequest, BreakGlassAccess, Contact, Dossier, HelpPlan, Inquiry, Referral
from clients.models import AccessLog
from tests.factories import ClientFactory, ContactFactory, UserFactory


@pytest.fixture
def aid_request(dossier, social_worker):
    from casework.register.services import request_register

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
    assert response.status_code == 404
    assert "Dossier toch openen" in response.content.decode()
    assert client.get(f"/onderzoek/{aid_request.inquiry.pk}/").status_code == 404


def test_the_dossier_page_is_one_logged_read(client, dossier, social_worker):
    client.force_login(social_worker)
    before = AccessLog.objects.count()
    client.get(f"/dossiers/{dossier.pk}/")
    assert AccessLog.objects.count() - before == 1


def test_the_front_desk_sees_identity_and_requests_but_no_contacts(client, dossier, aid_request, other_team):
    ContactFactory(dossier=dossier, summary="Geheime notitie")
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
    short = client.post(f"/dossiers/{dossier.pk}/noodtoegang/", {"reason": "kort"})
    assert short.status_code == 404
    assert "minstens 10 tekens" in short.content.decode()
    assert not BreakGlassAccess.objects.exists()
    response = client.post(
        f"/dossiers/{dossier.pk}/noodtoegang/", {"reason": "collega ziek, dringende vraag"}
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
    assert "Mijn lange tekst" in page
    assert "Herlaad" in page
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
    assert "Groeipakket voor de kinderen (niet meegeteld, art. 22 §1 KB)" in page
    assert "1.601,90" in page
    client.post(f"/onderzoek/{inquiry.pk}/berekening/", body | {"action": "report"})
    assert (
        "Leefloon per maand (jaarbedrag / 12, afgerond op de cent): € 1.601,90" in Inquiry.objects.get().means
    )
    bad = client.post(
        f"/onderzoek/{inquiry.pk}/berekening/", body | {"amount_0": "-5", "action": "calculate"}
    )
    assert "errorlist" in bad.content.decode()


def test_the_calculator_offers_the_means_test_in_plain_dutch(client, aid_request, social_worker):
    inquiry = aid_request.inquiry
    client.force_login(social_worker)
    page = client.get(f"/onderzoek/{inquiry.pk}/").content.decode()
    for text in (
        "Spaargeld en beleggingen",
        "Kadastraal inkomen van de eigen woning",
        "Aantal kinderen ten laste",
        "Welke verwant",
        "Maanden SPI-vrijstelling al gekregen",
    ):
        assert text in page
    body = {
        "category": 1,
        "reference_date": "2025-06-01",
        "apply_general_exemption": "on",
        "children_in_care": "1",
        "count_relative_income": "on",
        "relative_income_reason": "De moeder betaalt mee de huur.",
        "kind_0": "partner_income",
        "amount_0": "12000.00",
        "kind_1": "relative_income",
        "amount_1": "12000.00",
        "person_1": "moeder",
        "share_1": "50",
        "kind_2": "capital",
        "amount_2": "20000.00",
        "kind_3": "cadastral_income_own_home",
        "amount_3": "1200.00",
        "kind_4": "study_grant",
        "amount_4": "1000.00",
        "action": "store",
    }
    shown = client.post(f"/onderzoek/{inquiry.pk}/berekening/", body, HTTP_HX_REQUEST="true")
    page = shown.content.decode()
    assert "Partner: deel boven het jaarbedrag categorie 1 (€ 10.513,56), meegeteld (art. 34 §1 KB)" in page
    assert "moeder: 50 % van het deel boven het jaarbedrag categorie 1" in page
    assert "10 % van het kapitaal boven € 12.500,00 (art. 27 KB)" in page
    assert "Eigen woning: (kadastraal inkomen − € 750,00 − 1 × € 125,00 per kind ten laste" in page
    assert "Studiebeurs (niet meegeteld, art. 22 §1 KB)" in page
    assert "527,99" in page  # 6.335,90 a year (as in the API test)
    stored = inquiry.calculations.get()
    assert stored.inputs["resources"][1]["person"] == "moeder"
    assert stored.inputs["resources"][3] == {
        "kind": "cadastral_income",
        "yearly_amount": "1200.00",
        "description": "",
        "person": "",
        "counted_share": "100",
        "own_home": True,
    }
    single = client.post(
        f"/onderzoek/{inquiry.pk}/berekening/", body | {"category": 2, "action": "calculate"}
    )
    assert "Een alleenstaande (categorie 2) woont niet samen met een partner" in single.content.decode()


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


def _export(client, client_id, export_format):
    """An export is made by a Celery task (eager in the tests, after the commit): ask, then download."""
    from django.test.testcases import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(f"/toegangslog/{client_id}/export/", {"export": export_format})
    assert asked.status_code == 302
    status = client.get(asked["Location"]).content.decode()
    assert "De export is klaar" in status
    return client.get(asked["Location"] + "bestand/")


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
    assert "sofie" in page
    assert "dossierpagina" in page
    csv = _export(client, dossier.client_id, "csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "dossierpagina" in csv.content.decode("utf-8-sig")
    pdf = _export(client, dossier.client_id, "pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "dossierpagina" in text
    assert "sofie" in text
    client.force_login(social_worker)
    assert client.get(f"/toegangslog/{dossier.client_id}/").status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_caseload_and_timeline_cost_the_same_for_10_and_200_rows(client, team, social_worker, dossier):
    client.force_login(social_worker)
    # Different workers and authors, so that a lookup per row would show up as extra queries.
    workers = [social_worker, *(UserFactory(username=f"collega{i}", team=team) for i in range(3))]
    counts = {"caseload": [], "timeline": []}
    for n in (10, 200):
        for i in range(n - Dossier.objects.count()):
            Dossier.objects.create(client=ClientFactory(), team=team, social_worker=workers[i % 4])
        Contact.objects.bulk_create(
            Contact(
                dossier=dossier, channel="phone", summary="x", author=workers[i % 4], confidential=bool(i % 2)
            )
            for i in range(n - Contact.objects.count())
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


# --- The pages of this module, each with its three people ---


def test_caseload_owner_other_team_and_anonymous(client, dossier, social_worker, other_team_worker):
    name = dossier.client.last_name
    client.force_login(social_worker)
    page = client.get("/dossiers/").content.decode()
    assert name in page and dossier.reference in page
    client.force_login(other_team_worker)
    response = client.get("/dossiers/")
    assert response.status_code == 200 and name not in response.content.decode()
    client.logout()
    assert client.get("/dossiers/")["Location"].startswith("/login/")


def test_caseload_puts_own_dossiers_first_and_filters_on_status(client, team, dossier, social_worker):
    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
    theirs = Dossier.objects.create(
        client=ClientFactory(last_name="Aerts"), team=team, social_worker=colleague
    )
    closed = Dossier.objects.create(
        client=ClientFactory(last_name="Zeger"),
        team=team,
        social_worker=social_worker,
        status="closed",
        closed_on=timezone.localdate(),
    )
    client.force_login(social_worker)
    page = client.get("/dossiers/").content.decode()
    assert page.index(dossier.reference) < page.index(theirs.reference)  # own first, though "Aerts" < name
    assert closed.reference not in page
    closed_page = client.get("/dossiers/", {"status": "closed"}).content.decode()
    assert closed.reference in closed_page and dossier.reference not in closed_page
    assert "Afgesloten" in closed_page


def test_caseload_menu_entry_only_for_roles_with_dossiers(client, social_worker):
    client.force_login(social_worker)
    assert 'href="/dossiers/"' in client.get("/").content.decode()
    client.force_login(UserFactory(username="marc", team=None, roles=["committee_member"]))
    assert 'href="/dossiers/"' not in client.get("/").content.decode()


def test_caseload_pages(client, team, social_worker):
    for _ in range(30):
        Dossier.objects.create(client=ClientFactory(), team=team, social_worker=social_worker)
    client.force_login(social_worker)
    first = client.get("/dossiers/").content.decode()
    assert "Pagina 1 van 2" in first and "page=2" in first
    assert "Pagina 2 van 2" in client.get("/dossiers/", {"page": 2}).content.decode()


def test_dossier_page_shows_identity_team_worker_and_contacts(client, dossier, social_worker):
    ContactFactory(dossier=dossier, summary="Oudste", author=social_worker)
    ContactFactory(
        dossier=dossier,
        channel="home_visit",
        summary="Nieuwste",
        author=social_worker,
        confidential=True,
        occurred_at=timezone.now() + timezone.timedelta(minutes=1),
    )
    client.force_login(social_worker)
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert dossier.client.first_name in page
    assert "Centrum" in page
    assert dossier.reference in page
    assert page.index("Nieuwste") < page.index("Oudste")  # newest first
    assert "timeline__item--confidential" in page
    assert "vertrouwelijk" in page
    assert 'id="id_summary"' in page
    assert "autofocus" in page


def test_confidential_notes_only_for_those_allowed(client, team, dossier, social_worker):
    ContactFactory(dossier=dossier, summary="Gevoelige notitie", author=social_worker, confidential=True)
    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
    client.force_login(colleague)
    assert "Gevoelige notitie" not in client.get(f"/dossiers/{dossier.pk}/").content.decode()
    client.force_login(UserFactory(username="els", team=team, roles=["team_lead"]))
    assert "Gevoelige notitie" in client.get(f"/dossiers/{dossier.pk}/").content.decode()


def test_the_front_desk_is_told_it_sees_no_contacts(client, dossier, other_team):
    ContactFactory(dossier=dossier, summary="Notitie")
    client.force_login(UserFactory(username="ines", team=other_team, roles=["intake_officer"]))
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "niet de contactnotities" in page
    assert 'id="timeline"' not in page
    assert "Contact registreren" not in page
    response = client.post(
        f"/dossiers/{dossier.pk}/contacten/", {"summary": "x", "channel": "phone"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 404
    assert Contact.objects.count() == 1


def test_contacts_of_another_team_or_anonymous_are_refused(client, dossier, other_team_worker):
    body = {
        "summary": "x",
        "channel": "phone",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    client.force_login(other_team_worker)
    assert client.post(f"/dossiers/{dossier.pk}/contacten/", body).status_code == 404
    client.logout()
    assert client.post(f"/dossiers/{dossier.pk}/contacten/", body).status_code == 302
    assert not Contact.objects.exists()


def test_a_refused_contact_says_why_on_its_field_in_dutch(client, dossier, social_worker):
    client.force_login(social_worker)
    response = client.post(
        f"/dossiers/{dossier.pk}/contacten/",
        {"summary": "Belde", "channel": "phone", "occurred_at": "2999-01-01T10:00"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert "Een contact kan niet in de toekomst liggen." in page
    assert 'aria-invalid="true"' in page
    assert 'id="id_occurred_at_error"' in page
    assert "Belde" in page  # what was typed stays
    # The cursor goes to the field to correct.
    assert 'type="datetime-local" name="occurred_at" value="2999-01-01T10:00" autofocus' in page
    assert not Contact.objects.exists()


def test_without_javascript_a_refused_contact_shows_the_whole_page(client, dossier, social_worker):
    client.force_login(social_worker)
    response = client.post(f"/dossiers/{dossier.pk}/contacten/", {"summary": "", "channel": "phone"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<html" in page
    assert "errorlist" in page
    assert not Contact.objects.exists()
    ok = client.post(
        f"/dossiers/{dossier.pk}/contacten/",
        {
            "summary": "Belde",
            "channel": "phone",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert ok.status_code == 302
    assert Contact.objects.get().summary == "Belde"


def test_no_prompt_for_who_may_not_break_the_glass(client, team, other_team, dossier):
    coach = UserFactory(username="karim", team=other_team, roles=["activation_coach"])
    client.force_login(coach)
    response = client.get(f"/dossiers/{dossier.pk}/")
    assert response.status_code == 404
    assert "Dossier toch openen" not in response.content.decode()
    post = client.post(f"/dossiers/{dossier.pk}/noodtoegang/", {"reason": "collega ziek, dringend"})
    assert post.status_code == 404
    assert not BreakGlassAccess.objects.exists()


def test_no_prompt_for_a_restricted_dossier_or_one_that_does_not_exist(client, dossier, other_team_worker):
    import uuid

    from casework.dossiers.services import dossier_restrict

    lead = UserFactory(username="els", team=dossier.team, roles=["team_lead"])
    dossier_restrict(actor=lead, dossier=dossier, restricted=True, allowed_users=[])
    client.force_login(other_team_worker)
    unknown_id = uuid.uuid4()
    restricted = client.get(f"/dossiers/{dossier.pk}/")
    missing = client.get(f"/dossiers/{unknown_id}/")
    assert restricted.status_code == 404
    assert missing.status_code == 404
    csrf = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')

    def page(response, dossier_id):
        return csrf.sub("", response.content.decode().replace(str(dossier_id), "ID"))

    assert page(restricted, dossier.pk) == page(missing, unknown_id)  # nothing tells the two apart
    assert "Dossier toch openen" not in restricted.content.decode()
    post = client.post(f"/dossiers/{dossier.pk}/noodtoegang/", {"reason": "collega ziek, dringend"})
    assert post.status_code == 404
    assert not BreakGlassAccess.objects.exists()


def test_break_the_glass_without_reason_logged_and_team_lead_told(
    client, dossier, other_team_worker, team_lead, django_capture_on_commit_callbacks
):
    client.force_login(other_team_worker)
    empty = client.post(f"/dossiers/{dossier.pk}/noodtoegang/", {"reason": ""})
    assert empty.status_code == 404
    assert 'aria-invalid="true"' in empty.content.decode()
    assert not BreakGlassAccess.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/dossiers/{dossier.pk}/noodtoegang/", {"reason": "collega ziek, dringende vraag"}
        )
    assert response["Location"] == f"/dossiers/{dossier.pk}/"
    assert AccessLog.objects.filter(what="break_glass", purpose_text="collega ziek, dringende vraag").exists()
    client.logout()
    assert client.post(f"/dossiers/{dossier.pk}/noodtoegang/", {"reason": "x" * 20}).status_code == 302

    # The team lead sees it, with an unread count in the header; nobody else does.
    client.force_login(team_lead)
    assert '1<span class="visually-hidden"> ongelezen' in client.get("/").content.decode()
    page = client.get("/meldingen/").content.decode()
    assert "collega ziek, dringende vraag" in page
    assert dossier.reference in page
    assert "ongelezen" not in client.get("/").content.decode()  # opening the page marks them read
    client.force_login(other_team_worker)
    assert "collega ziek" not in client.get("/meldingen/").content.decode()
    client.logout()
    assert client.get("/meldingen/").status_code == 302


def test_open_a_dossier_after_registration(client, team, social_worker, other_team_worker):
    person = ClientFactory(first_name="Yasmina", last_name="El Amrani")
    url = f"/dossiers/nieuw/?client={person.pk}"
    client.force_login(social_worker)
    form = client.get(url).content.decode()
    assert "Dossier openen voor Yasmina El Amrani" in form
    assert 'value="centrum" selected' in form
    response = client.post(url, {"team": "centrum", "social_worker": "sofie"})
    opened = Dossier.objects.get(client=person)
    assert response["Location"] == f"/dossiers/{opened.pk}/"
    assert opened.social_worker == social_worker
    again = client.post(url, {"team": "centrum", "social_worker": "sofie"}).content.decode()
    assert "al een open dossier" in again
    assert f"/dossiers/{opened.pk}/" in again
    # A social worker of another team may not open a dossier for team Centrum: said on the team field.
    client.force_login(other_team_worker)
    refused = client.post(f"/dossiers/nieuw/?client={ClientFactory().pk}", {"team": "centrum"})
    assert 'id="id_team_error"' in refused.content.decode()
    assert Dossier.objects.count() == 1


def test_open_a_dossier_refuses_strangers_and_bad_ids(client, social_worker):
    person = ClientFactory()
    client.force_login(UserFactory(username="marc", team=None, roles=["committee_member"]))
    assert client.get(f"/dossiers/nieuw/?client={person.pk}").status_code == 404
    client.force_login(social_worker)
    assert client.get("/dossiers/nieuw/?client=niet-een-id").status_code == 404
    assert client.get("/dossiers/nieuw/").status_code == 404
    client.logout()
    assert client.get(f"/dossiers/nieuw/?client={person.pk}").status_code == 302


def test_registration_links_to_opening_a_dossier(client, social_worker):
    from clients.models import Client
    from tests.clients.test_views import valid_registration

    client.force_login(social_worker)
    client.post("/clienten/nieuw/", valid_registration())
    confirmation = client.get("/clienten/geregistreerd/").content.decode()
    assert f"/dossiers/nieuw/?client={Client.objects.get().pk}" in confirmation


def test_access_log_for_team_lead_of_the_team_not_of_another_team(client, dossier, team_lead, other_team):
    client.force_login(team_lead)
    assert client.get(f"/toegangslog/{dossier.client_id}/").status_code == 200
    client.force_login(UserFactory(username="an", team=other_team, roles=["team_lead"]))
    assert client.get(f"/toegangslog/{dossier.client_id}/").status_code == 404
    client.logout()
    assert client.get(f"/toegangslog/{dossier.client_id}/").status_code == 302
    assert client.get("/toegangslog/").status_code == 302


def test_access_log_menu_entry_for_readers_only(client, social_worker):
    client.force_login(UserFactory(username="pieter", team=None, roles=["dpo"]))
    assert 'href="/toegangslog/"' in client.get("/").content.decode()
    client.force_login(social_worker)
    assert 'href="/toegangslog/"' not in client.get("/").content.decode()
    assert client.get("/toegangslog/", {"q": "El"}).status_code == 403


def test_access_log_shows_break_the_glass_with_its_reason_and_exports_it(client, dossier, other_team_worker):
    from casework.dossiers.services import break_glass

    break_glass(actor=other_team_worker, dossier=dossier, reason="collega ziek, dringende vraag")
    client.force_login(UserFactory(username="pieter", team=None, roles=["dpo"]))
    search = client.get("/toegangslog/", {"q": dossier.client.last_name[:4]}, HTTP_HX_REQUEST="true")
    assert f"/toegangslog/{dossier.client_id}/" in search.content.decode()
    assert "<html" not in search.content.decode()  # the partial only
    page = client.get(f"/toegangslog/{dossier.client_id}/").content.decode()
    assert 'class="highlight"' in page
    assert "collega ziek, dringende vraag" in page
    assert "bram" in page
    assert f"{timezone.localtime():%d/%m/%Y}" in page

    csv_response = _export(client, dossier.client_id, "csv")
    person = dossier.client
    named = f"toegangslog-{slugify(person.last_name)}-{slugify(person.first_name)}-{timezone.localdate()}.csv"
    assert csv_response["Content-Disposition"] == f'attachment; filename="{named}"'  # issue 12
    rows = csv_response.content.decode("utf-8-sig").splitlines()
    assert rows[0] == "accessed_at;user;user_name;what;purpose;sealed;user_roles;user_team"
    assert any("bram" in row and "noodtoegang" in row and "collega ziek" in row for row in rows)

    pdf = _export(client, dossier.client_id, "pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].endswith('.pdf"')
    text = " ".join(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages).split()
    )
    assert "collega ziek, dringende vraag" in text
    assert "noodtoegang" in text
    assert "bram" in text
