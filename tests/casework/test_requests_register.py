import datetime
import io
import itertools
import threading

import pypdf
import pytest
from django.db import connection
from django.utils import timezone

from casework.models import AidRequest, RegisterCounter
from casework.register import rules
from casework.register.transitions import REQUEST_WORKFLOW
from clients.models import AccessLog
from tests.factories import DossierFactory, UserFactory


def register(api_client, for_dossier, **body):
    payload = {
        "dossier": str(for_dossier.pk),
        "kind": "leefloon",
        "received_on": timezone.localdate().isoformat(),
    }
    return api_client.post("/api/v1/requests/", payload | body, format="json")


@pytest.mark.parametrize(
    ("received_on", "decision_due", "forward_due"),
    [
        (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31), datetime.date(2026, 1, 6)),
        (datetime.date(2026, 2, 10), datetime.date(2026, 3, 12), datetime.date(2026, 2, 15)),
        (datetime.date(2024, 2, 10), datetime.date(2024, 3, 11), datetime.date(2024, 2, 15)),  # leap year
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 14), datetime.date(2026, 12, 20)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 1, 30), datetime.date(2027, 1, 5)),
    ],
)
def test_legal_deadlines_of_a_request(received_on, decision_due, forward_due):
    assert rules.decision_due(received_on) == decision_due
    assert rules.forward_due(received_on) == forward_due


def test_register_a_request_gets_a_number_and_the_30_day_deadline(api, dossier, social_worker):
    received_on = timezone.localdate() - datetime.timedelta(days=3)
    response = register(api(social_worker), dossier, received_on=received_on.isoformat())
    assert response.status_code == 201, response.data
    assert response.data["register_number"] == f"{received_on.year}/000001"
    assert response.data["decision_due"] == (received_on + datetime.timedelta(days=30)).isoformat()
    assert response.data["status"] == "registered"
    next_day = received_on + datetime.timedelta(days=1)
    assert (
        register(api(social_worker), dossier, received_on=next_day.isoformat()).data["register_number"]
        == f"{next_day.year}/{'000002' if next_day.year == received_on.year else '000001'}"
    )


def test_the_front_desk_registers_requests_for_any_team(api, dossier, other_team):
    intake = UserFactory(username="ines", team=other_team, roles=["intake_officer"])
    assert register(api(intake), dossier).status_code == 201


def test_requests_received_on_31_december_and_1_january_get_numbers_of_their_own_year(
    api, dossier, team_lead
):
    # Registered late (by the team lead, with a reason): the numbers follow the year each was received.
    me = api(team_lead)
    this_year = timezone.localdate().year
    late = {"late_registration_reason": "Briefwisseling pas nu geopend"}
    new_years_eve, new_year = f"{this_year - 1}-12-31", f"{this_year}-01-01"
    assert register(me, dossier, received_on=new_years_eve, **late).data["register_number"] == (
        f"{this_year - 1}/000001"
    )
    assert (
        register(me, dossier, received_on=new_year, **late).data["register_number"] == f"{this_year}/000001"
    )
    assert register(me, dossier, received_on=new_years_eve, **late).data["register_number"] == (
        f"{this_year - 1}/000002"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "lottery"}, "kind"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"received_on": "31/12/2025"}, "received_on"),
        ({"channel": "pigeon"}, "channel"),
        ({"dossier": "x"}, "dossier"),
        ({"kind": None}, "kind"),
    ],
)
def test_bad_input_is_refused_and_takes_no_number(api, dossier, social_worker, body, field):
    response = register(api(social_worker), dossier, **body)
    assert response.status_code == 400
    assert field in response.data
    assert not AidRequest.objects.exists()
    assert register(api(social_worker), dossier).data["register_number"].endswith("/000001")


def test_owner_other_team_and_anonymous(api, dossier, social_worker, other_team_worker):
    created = register(api(social_worker), dossier)
    assert register(api(other_team_worker), dossier).status_code == 404
    assert register(api(), dossier).status_code == 401
    url = f"/api/v1/requests/{created.data['id']}/"
    assert api(social_worker).get(url).status_code == 200
    assert api(other_team_worker).get(url).status_code == 404
    assert api().get(url).status_code == 401
    assert api(other_team_worker).get("/api/v1/requests/", {"dossier": str(dossier.pk)}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_get_fifty_distinct_gapless_numbers(api, team, social_worker):
    workers = [UserFactory(username=f"worker{i}", team=team, roles=["social_worker"]) for i in range(5)]
    dossiers = DossierFactory.create_batch(10, team=team, social_worker=None)
    barrier = threading.Barrier(50)
    numbers, errors = [], []

    def register_one(i):
        try:
            client = api(workers[i % 5])
            barrier.wait()
            response = register(client, dossiers[i % 10], received_on=timezone.localdate().isoformat())
            (numbers if response.status_code == 201 else errors).append(response.data)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_one, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    year = timezone.localdate().year
    assert sorted(n["register_number"] for n in numbers) == [f"{year}/{i:06d}" for i in range(1, 51)]
    assert RegisterCounter.objects.get(year=year).last_serial == 50


def test_invalid_transitions_answer_409_with_the_allowed_next_states(api, dossier, social_worker):
    created = register(api(social_worker), dossier).data
    url = f"/api/v1/requests/{created['id']}/transition/"
    response = api(social_worker).post(url, {"to": "notified"}, format="json")
    assert response.status_code == 409
    assert response.data["allowed"] == ["in_inquiry", "forwarded", "withdrawn"]
    assert "in_inquiry" in response.data["detail"]
    assert AidRequest.objects.get().status == "registered"


REQUEST_STATUSES = ["registered", "in_inquiry", "proposed", "decided", "notified", "forwarded", "withdrawn"]
# The path of a request (shared/domain.md §2), written out independently of the transitions module.
REQUEST_MOVES = {
    ("registered", "in_inquiry"),
    ("registered", "forwarded"),
    ("registered", "withdrawn"),
    ("in_inquiry", "proposed"),
    ("in_inquiry", "forwarded"),
    ("in_inquiry", "withdrawn"),
    ("proposed", "decided"),
    ("proposed", "in_inquiry"),  # back to the inquiry when the proposal needs more
    ("proposed", "withdrawn"),
    ("decided", "notified"),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(REQUEST_STATUSES, REQUEST_STATUSES)))
def test_the_transition_table(current, target):
    assert REQUEST_WORKFLOW.is_allowed(current, target) is ((current, target) in REQUEST_MOVES)


def test_a_proposal_needs_a_complete_inquiry(api, dossier, social_worker):
    created = register(api(social_worker), dossier).data
    url = f"/api/v1/requests/{created['id']}/transition/"
    assert api(social_worker).post(url, {"to": "in_inquiry"}, format="json").status_code == 200
    response = api(social_worker).post(url, {"to": "proposed"}, format="json")
    assert response.status_code == 409
    assert "huisbezoek" in response.data["missing"]


def test_forwarding_to_another_ocmw_needs_the_ocmw_and_reasons(api, dossier, social_worker):
    created = register(api(social_worker), dossier).data
    url = f"/api/v1/requests/{created['id']}/transition/"
    assert api(social_worker).post(url, {"to": "forwarded"}, format="json").data.keys() == {"forwarded_to"}
    response = api(social_worker).post(
        url,
        {
            "to": "forwarded",
            "forwarded_to": "OCMW Leuven",
            "forward_reasons": "Gewone verblijfplaats in Leuven",
        },
        format="json",
    )
    assert response.status_code == 200
    assert (response.data["status"], response.data["forwarded_to"]) == ("forwarded", "OCMW Leuven")
    assert response.data["forward_due"] == (timezone.localdate() + datetime.timedelta(days=5)).isoformat()


def test_decisions_are_not_recorded_from_the_dossier(api, dossier, social_worker):
    aid_request = AidRequest.objects.get(pk=register(api(social_worker), dossier).data["id"])
    AidRequest.objects.filter(pk=aid_request.pk).update(status="proposed")
    response = api(social_worker).post(f"/api/v1/requests/{aid_request.pk}/transition/", {"to": "decided"})
    assert response.status_code == 403


def test_the_receipt_is_a_pdf_with_every_mandatory_mention(api, dossier, social_worker, settings):
    settings.ORGANISATION_NAME = "OCMW Kortenberg"
    received_on = timezone.localdate()
    created = register(api(social_worker), dossier, received_on=received_on.isoformat()).data
    response = api(social_worker).get(f"/api/v1/requests/{created['id']}/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    for mention in [
        "OCMW Kortenberg",  # organisation
        f"{received_on.year}/000001",  # register number
        f"{received_on:%d/%m/%Y}",  # date of receipt
        "leefloon",  # kind of request
        f"{received_on + datetime.timedelta(days=30):%d/%m/%Y}",  # handling deadline
        dossier.reference,  # dossier reference
        "team Centrum",  # service reference
        social_worker.display_name,  # the social worker
        "recht om gehoord te worden",
        "plicht om wijzigingen te melden",
    ]:
        assert mention in text, mention
    assert AccessLog.objects.filter(what="receipt", user=social_worker).count() == 1


def test_other_teams_cannot_print_the_receipt(api, dossier, social_worker, other_team_worker):
    created = register(api(social_worker), dossier).data
    assert api(other_team_worker).get(f"/api/v1/requests/{created['id']}/receipt.pdf").status_code == 404
    assert api().get(f"/api/v1/requests/{created['id']}/receipt.pdf").status_code == 401
