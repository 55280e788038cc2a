"""The dashboard page: who sees it, what it shows, in a bounded number of queries; the export's progress."""

import datetime
import re

import pytest
from django.test.testcases import TestCase

from reporting.models import ReportExport
from tests.factories import DossierFactory, UserFactory
from tests.reporting.dataset import Dataset

Q1 = "?periode=quarter&datum=15/02/2026"


@pytest.fixture
def data(db):
    return Dataset()


def test_the_head_of_service_sees_the_charts_of_all_teams(client, data):
    client.force_login(data.hilde)
    page = client.get("/cijfers/" + Q1)

    html = page.content.decode()
    assert page.status_code == 200
    assert "kwartaal 1 2026" in html and "alle teams" in html
    assert html.count('<svg class="chart"') == 5
    for title in ("Termijnen per maand", "Cliënten per activeringsfase", "Overgangen tussen fasen"):
        assert title in html
    assert "66.7 %" in html or "66,7 %" in html  # decisions within 30 days, all teams
    assert "An (6)" in html  # the caseload that stands out
    assert "<table" in html and "<details>" in html


def test_a_team_lead_sees_their_team_and_links_to_the_caseload(client, data):
    client.force_login(data.lead_noord)
    page = client.get("/cijfers/" + Q1)

    html = page.content.decode()
    assert page.status_code == 200 and "Noord" in html
    assert "/dossiers/?werker=an" in html
    assert "Op tijd per maatschappelijk werker" in html  # one team: a row per worker
    assert client.get("/cijfers/" + Q1 + "&team=zuid").status_code == 403


@pytest.mark.parametrize(
    "role", ["social_worker", "activation_coach", "intake_officer", "committee_member", "dpo"]
)
def test_other_roles_get_403(client, data, role):
    client.force_login(UserFactory(team=data.noord, roles=[role]))
    assert client.get("/cijfers/").status_code == 403


def test_anonymous_goes_to_the_login(client, data):
    response = client.get("/cijfers/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_menu_offers_the_dashboard_to_the_head_of_service(client, data):
    client.force_login(data.hilde)
    assert "/cijfers/" in client.get("/").content.decode()


def test_a_bad_date_shows_the_current_quarter_with_a_message(client, data):
    client.force_login(data.hilde)
    page = client.get("/cijfers/?periode=quarter&datum=31/02/2026")
    assert page.status_code == 200 and "errorlist" in page.content.decode()


@pytest.mark.parametrize(
    ("query", "chosen"),
    [
        ("", "quarter"),
        ("?team=zuid", "quarter"),
        ("?periode=year", "year"),
        ("?periode=month&team=zuid", "month"),
    ],
)
def test_the_period_picker_shows_the_period_on_display(client, data, query, chosen):
    """Without a period the page shows a quarter, and so must the picker: otherwise picking only a team and
    pressing "Toon" switched to the picker's first choice, a month."""
    client.force_login(data.hilde)
    html = client.get("/cijfers/" + query).content.decode()

    assert re.search(rf'<option value="{chosen}" selected>', html)
    assert len(re.findall(r"<option value=\"(month|quarter|year)\" selected>", html)) == 1


def test_the_dashboard_takes_a_bounded_number_of_queries_whatever_the_data(
    client, data, django_assert_max_num_queries
):
    client.force_login(data.hilde)
    with django_assert_max_num_queries(25):
        client.get("/cijfers/?periode=year&datum=15/02/2026")
    # Ten times more dossiers, decisions and trajectories: the same bound.
    for _n in range(3):
        dossier = DossierFactory(team=data.zuid, social_worker=data.cas)
        data.decide(dossier, received=datetime.date(2026, 1, 2), decided=datetime.date(2026, 1, 20))
        data.gpmi(dossier, granted=datetime.date(2025, 12, 1), signed=datetime.date(2026, 2, 1))
    with django_assert_max_num_queries(25):
        client.get("/cijfers/?periode=year&datum=15/02/2026")


def test_an_export_from_the_page_shows_its_progress_and_then_the_download(client, data):
    client.force_login(data.hilde)
    asked = client.post(
        "/cijfers/export/",
        {"kind": "gpmi", "format": "xlsx", "van": "2026-01-01", "tot": "2026-03-31", "team": ""},
    )
    export = ReportExport.objects.get()
    assert asked.status_code == 302 and asked["Location"] == f"/cijfers/export/{export.pk}/"
    waiting = client.get(asked["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "<progress" in waiting
    assert client.get(f"/cijfers/export/{export.pk}/bestand/").status_code == 302  # not ready: the status

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            "/cijfers/export/",
            {"kind": "kpis", "format": "csv", "van": "2026-01-01", "tot": "2026-03-31", "team": ""},
        )
    kpis = ReportExport.objects.get(kind="kpis")
    assert kpis.status == "done"
    download = client.get(f"/cijfers/export/{kpis.pk}/bestand/")
    assert download.status_code == 200 and "Beslissingen binnen 30 dagen" in download.content.decode(
        "utf-8-sig"
    )

    client.force_login(data.lead_noord)
    assert client.get(f"/cijfers/export/{kpis.pk}/").status_code == 404
    assert client.get(f"/cijfers/export/{kpis.pk}/bestand/").status_code == 404


def test_an_unknown_team_shows_all_teams_with_a_message(client, data):
    client.force_login(data.hilde)
    page = client.get("/cijfers/?periode=quarter&datum=15/02/2026&team=nergens")
    html = page.content.decode()
    assert page.status_code == 200 and "alle teams" in html and "errorlist" in html
