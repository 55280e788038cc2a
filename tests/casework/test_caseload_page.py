"""The caseload as a worker steers by it (issue 12): per dossier the requests waiting for a decision, the
nearest legal deadline and the days left, the last contact; sorted by urgency on demand; a team lead picks
out one worker's dossiers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clients.services import client_update
from tests.conftest import api_client_for
from tests.factories import (
    AidRequestFactory,
    ClientFactory,
    ContactFactory,
    DossierFactory,
    HelpPlanFactory,
    HelpPlanGoalFactory,
    HouseholdMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _dossier_with_deadline(team, worker, last_name: str, days_left: int):
    dossier = DossierFactory(team=team, social_worker=worker, client=ClientFactory(last_name=last_name))
    AidRequestFactory(dossier=dossier, decision_due=TODAY + datetime.timedelta(days=days_left))
    return dossier


def _rows(response) -> list:
    return [(d.client.last_name, d.days_left) for d in response.context["dossiers"]]


def test_each_dossier_shows_its_deadline_days_left_and_last_contact(client, social_worker, team):
    dossier = _dossier_with_deadline(team, social_worker, "Aerts", 3)
    ContactFactory(dossier=dossier, author=social_worker)
    client.force_login(social_worker)

    response = client.get(reverse("casework:caseload"))

    shown = response.context["dossiers"][0]
    assert (shown.waiting_requests, shown.days_left) == (1, 3)
    assert shown.last_contact is not None
    assert "nog 3 dagen" in response.content.decode()


def test_an_overdue_deadline_says_how_many_days_late(client, social_worker, team):
    _dossier_with_deadline(team, social_worker, "Aerts", -2)
    client.force_login(social_worker)

    assert "2 dagen te laat" in client.get(reverse("casework:caseload")).content.decode()


def test_sorted_by_urgency_the_nearest_deadline_comes_first_and_no_deadline_last(client, social_worker, team):
    _dossier_with_deadline(team, social_worker, "Aerts", 20)
    _dossier_with_deadline(team, social_worker, "Claes", 2)
    DossierFactory(team=team, social_worker=social_worker, client=ClientFactory(last_name="Baert"))
    client.force_login(social_worker)

    response = client.get(reverse("casework:caseload"), {"sorteer": "termijn"})

    assert _rows(response) == [("Claes", 2), ("Aerts", 20), ("Baert", None)]


def test_a_team_lead_picks_out_one_workers_dossiers(client, social_worker, team):
    lead = UserFactory(team=team, roles=["team_lead"])
    colleague = UserFactory(team=team, roles=["social_worker"])
    _dossier_with_deadline(team, social_worker, "Aerts", 5)
    _dossier_with_deadline(team, colleague, "Claes", 5)
    client.force_login(lead)

    response = client.get(reverse("casework:caseload"), {"werker": colleague.username})

    assert _rows(response) == [("Claes", 5)]


def test_a_social_worker_gets_no_worker_filter_and_an_unknown_name_filters_nothing(
    client, social_worker, team
):
    _dossier_with_deadline(team, social_worker, "Aerts", 5)
    client.force_login(social_worker)

    response = client.get(reverse("casework:caseload"), {"werker": "niemand", "sorteer": "onzin"})

    assert response.status_code == 200
    assert response.context["members"] == []
    assert _rows(response) == [("Aerts", 5)]


def test_the_dossier_page_gives_the_overview(client, social_worker, team):
    dossier = _dossier_with_deadline(team, social_worker, "Aerts", -4)
    HouseholdMemberFactory(client=dossier.client, relation="child", from_date=datetime.date(2015, 1, 1))
    HelpPlanGoalFactory(plan=HelpPlanFactory(dossier=dossier), priority=1, description="Schulden afbetalen")
    client.force_login(social_worker)

    page = client.get(reverse("casework:dossier", args=[dossier.pk])).content.decode()

    assert "1 huisgenoot" in page
    assert "1 aanvraag wacht langer dan de beslistermijn." in page
    assert "4 dagen te laat" in page
    assert "Schulden afbetalen" in page


def test_the_caseload_sorts_by_the_clients_name_also_after_a_change_of_name(social_worker, team):
    """The name is copied onto the dossier by the database (ADR 0073): a new dossier has it, and a change of
    the person's name moves the dossier in the list at once."""
    for last_name in ("Claes", "Aerts", "Baert"):
        DossierFactory(team=team, social_worker=social_worker, client=ClientFactory(last_name=last_name))
    renamed = DossierFactory(
        team=team, social_worker=social_worker, client=ClientFactory(last_name="Dierckx")
    )
    api = api_client_for(social_worker)

    def order():
        return [row["client_name"].split()[-1] for row in api.get("/api/v1/dossiers/").json()["results"]]

    assert order() == ["Aerts", "Baert", "Claes", "Dierckx"]
    client_update(actor=social_worker, client=renamed.client, last_name="Abts")
    assert order() == ["Abts", "Aerts", "Baert", "Claes"]
