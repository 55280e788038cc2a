"""The reporting API (shared/api.md, Reporting): who may read the KPIs, their shape, and the exports."""

import pytest
from django.test.testcases import TestCase

from reporting.models import ReportExport
from tests.conftest import api_client_for
from tests.factories import UserFactory
from tests.reporting.dataset import Dataset

Q1 = "from=2026-01-01&to=2026-03-31"


@pytest.fixture
def data(db):
    return Dataset()


def test_the_head_of_service_reads_the_kpis_of_all_teams_in_the_contracts_shape(data):
    response = api_client_for(data.hilde).get(f"/api/v1/reporting/kpis/?{Q1}")

    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["team"]) == ("2026-01-01", "2026-03-31", None)
    kpis = {kpi["code"]: kpi for kpi in body["kpis"]}
    assert set(kpis) >= {
        "decisions_within_30_days",
        "notifications_within_8_days",
        "forwardings_within_5_days",
        "gpmi_concluded_within_3_months",
        "gpmi_evaluations_on_time",
        "open_caseload",
    }
    assert kpis["decisions_within_30_days"] == {
        "code": "decisions_within_30_days",
        "label": "Beslissingen binnen 30 dagen",
        "numerator": 2,
        "denominator": 3,
        "value": 66.7,
        "pending": 0,
        "per_team": [
            {"key": "noord", "numerator": 1, "denominator": 2, "value": 50.0},
            {"key": "zuid", "numerator": 1, "denominator": 1, "value": 100.0},
        ],
        "per_worker": [
            {"key": "an", "numerator": 1, "denominator": 2, "value": 50.0},
            {"key": "cas", "numerator": 1, "denominator": 1, "value": 100.0},
        ],
    }
    assert (kpis["open_caseload"]["numerator"], kpis["open_caseload"]["denominator"]) == (10, 3)


def test_the_head_of_service_reads_any_team(data):
    response = api_client_for(data.hilde).get(f"/api/v1/reporting/kpis/?{Q1}&team=zuid")

    assert response.status_code == 200 and response.json()["team"] == "zuid"
    assert {k["code"]: k["value"] for k in response.json()["kpis"]}["decisions_within_30_days"] == 100.0


def test_a_team_lead_reads_their_own_team_and_not_another(data):
    own = api_client_for(data.lead_noord).get(f"/api/v1/reporting/kpis/?{Q1}")
    named = api_client_for(data.lead_noord).get(f"/api/v1/reporting/kpis/?{Q1}&team=noord")
    other = api_client_for(data.lead_noord).get(f"/api/v1/reporting/kpis/?{Q1}&team=zuid")

    assert own.status_code == 200 and own.json()["team"] == "noord"
    assert {k["code"]: k["value"] for k in own.json()["kpis"]}["decisions_within_30_days"] == 50.0
    assert named.status_code == 200
    assert other.status_code == 403


@pytest.mark.parametrize("role", ["social_worker", "activation_coach", "committee_secretary", "dpo", "admin"])
def test_other_roles_are_refused(data, role):
    user = UserFactory(team=data.noord, roles=[role])
    assert api_client_for(user).get(f"/api/v1/reporting/kpis/?{Q1}").status_code == 403


def test_anonymous_is_refused(data):
    assert api_client_for(None).get(f"/api/v1/reporting/kpis/?{Q1}").status_code == 401


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2026-13-01&to=2026-03-31", "from"),
        ("from=2026-03-31&to=2026-01-01", "to"),
        ("from=2020-01-01&to=2026-01-01", "to"),
        ("from=2026-01-01&to=2026-03-31&team=nergens", "team"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(data, query, field):
    response = api_client_for(data.hilde).get(f"/api/v1/reporting/kpis/?{query}")

    assert response.status_code == 400 and field in response.json()


def test_without_dates_the_current_quarter(data):
    response = api_client_for(data.hilde).get("/api/v1/reporting/kpis/")

    assert response.status_code == 200 and response.json()["from"][5:7] in ("01", "04", "07", "10")


def test_an_export_is_accepted_made_by_a_task_and_downloaded_by_its_requester_only(data):
    api = api_client_for(data.hilde)
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        asked = api.post(
            "/api/v1/reporting/exports/",
            {"kind": "decisions", "from": "2026-01-01", "to": "2026-03-31", "format": "csv"},
            format="json",
        )
    assert asked.status_code == 202
    assert asked.json()["status"] == "queued" and asked.json()["progress"] == 0
    export_id = asked.json()["id"]
    waiting = api.get(f"/api/v1/reporting/exports/{export_id}/").json()
    assert waiting["status"] == "queued" and waiting["download"] is None

    for callback in callbacks:  # the commit: the outbox publishes the task (eager in the tests)
        callback()
    done = api.get(f"/api/v1/reporting/exports/{export_id}/").json()
    assert done["status"] == "done" and done["progress"] == 100
    assert done["download"].endswith(f"/api/v1/reporting/exports/{export_id}/download/")
    file = api.get(f"/api/v1/reporting/exports/{export_id}/download/")
    assert file.status_code == 200 and file["Content-Type"].startswith("text/csv")
    text = file.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("dossier;team;maatschappelijk werker")
    assert len(text.strip().splitlines()) == 1 + 6  # the decisions of the quarter, the postponement included

    other_head = UserFactory(team=data.noord, roles=["head_of_service"])
    assert api_client_for(other_head).get(f"/api/v1/reporting/exports/{export_id}/").status_code == 404
    assert (
        api_client_for(other_head).get(f"/api/v1/reporting/exports/{export_id}/download/").status_code == 404
    )
    assert api_client_for(None).get(f"/api/v1/reporting/exports/{export_id}/").status_code == 401


def test_an_export_list_is_logged_once_with_what_it_held(data):
    from clients.models import AccessLog

    before = AccessLog.objects.count()
    with TestCase.captureOnCommitCallbacks(execute=True):
        api_client_for(data.lead_noord).post(
            "/api/v1/reporting/exports/",
            {"kind": "requests", "from": "2026-01-01", "to": "2026-03-31", "format": "xlsx"},
            format="json",
        )
    export = ReportExport.objects.get()
    assert export.status == "done" and export.team == data.noord
    logged = AccessLog.objects.order_by("-id")[: AccessLog.objects.count() - before]
    rows = [row for row in logged if row.purpose == "report_export"]
    assert len(rows) == 1
    noord_clients = {str(d.client_id) for d in data.dossiers["an"] + data.dossiers["bo"] if not d.restricted}
    assert set(rows[0].subject_ids) <= noord_clients and rows[0].user == data.lead_noord
    assert "Aanvragen" in rows[0].purpose_text or "aanvragen" in rows[0].purpose_text


def test_export_refusals(data):
    body = {"kind": "requests", "from": "2026-01-01", "to": "2026-03-31", "format": "csv"}
    worker = UserFactory(team=data.noord, roles=["social_worker"])

    assert api_client_for(worker).post("/api/v1/reporting/exports/", body, format="json").status_code == 403
    assert (
        api_client_for(data.lead_noord)
        .post("/api/v1/reporting/exports/", {**body, "team": "zuid"}, format="json")
        .status_code
        == 403
    )
    bad = api_client_for(data.hilde).post(
        "/api/v1/reporting/exports/", {**body, "format": "pdf"}, format="json"
    )
    assert bad.status_code == 400 and "format" in bad.json()
    assert api_client_for(None).post("/api/v1/reporting/exports/", body, format="json").status_code == 401
    assert ReportExport.objects.count() == 0


def test_the_kpis_take_a_bounded_number_of_queries(data, django_assert_max_num_queries):
    api = api_client_for(data.hilde)
    with django_assert_max_num_queries(16):
        assert api.get(f"/api/v1/reporting/kpis/?{Q1}").status_code == 200
