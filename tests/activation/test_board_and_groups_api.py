"""The coach's board and group activation work through the API: the shapes, the filters, a constant number of
queries for 10 and 300 trajectories, attendance on the participant's trajectory, and the three-person test
(the owner may; a colleague of another team gets 404; an anonymous caller 401)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from activation import services
from clients.models import AccessLog
from tests.activation.test_board import _trajectories

V1 = "/api/v1"
TODAY = timezone.localdate()
# Token check, user, the board's trajectories with their measures and GPMIs, the access-log row (with its
# chain), whatever the number of trajectories.
BOARD_QUERIES = 12
# The activity, its participants with their clients, the sessions with their attendance, the access-log row.
GROUP_QUERIES = 12
# The page also lists the coach's board to choose participants from.
GROUP_PAGE_QUERIES = 24


def _board(api_client, query=""):
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(f"{V1}/activation/board/{query}")
    assert response.status_code == 200, response.content
    return response.json(), len(queries)


@pytest.mark.parametrize("count", [10, 300])
def test_the_board_api_uses_a_constant_number_of_queries(api, coach, team, social_worker, count):
    _trajectories(count, coach=coach, team=team, social_worker=social_worker)
    token_client = api(coach)
    _board(token_client)  # warm the caches

    body, queries = _board(token_client)

    assert queries <= BOARD_QUERIES
    assert body["count"] == count == len(body["results"])
    overdue = [row["monitoring_overdue"] for row in body["results"]]
    assert overdue == sorted(overdue, reverse=True)  # the overdue first
    row = body["results"][0]
    assert set(row) == {
        "trajectory", "dossier", "client", "phase", "phase_since", "next_monitoring_due",
        "monitoring_overdue", "measures", "gpmi",
    }  # fmt: skip
    assert row["measures"] == ["job_search"]
    assert row["gpmi"]["status"] == "draft" and row["gpmi"]["days_left"] == 90


def test_the_board_api_filters_and_refuses_an_unknown_phase(api, coach, team, social_worker):
    _trajectories(3, coach=coach, team=team, social_worker=social_worker)
    token_client = api(coach)

    assert _board(token_client, "?phase=care")[0]["count"] == 0
    assert _board(token_client, "?measure=job_search")[0]["count"] == 3
    assert _board(token_client, "?measure=ibo")[0]["count"] == 0
    refused = token_client.get(f"{V1}/activation/board/?phase=maan")
    assert refused.status_code == 400
    assert "phase" in refused.json()


def test_the_board_api_is_the_callers_own_and_logged_once(api, coach, team, social_worker, other_team_worker):
    _trajectories(2, coach=coach, team=team, social_worker=social_worker)
    assert APIClient().get(f"{V1}/activation/board/").status_code == 401
    assert _board(api(other_team_worker))[0]["count"] == 0  # another's board: their own, empty
    before = AccessLog.objects.count()
    assert _board(api(coach))[0]["count"] == 2
    assert AccessLog.objects.count() == before + 1


def test_group_work_through_the_api_shows_attendance_on_the_trajectory(api, coach, coached_dossier):
    trajectory = services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="job_guidance", started_on=TODAY
    )
    token_client = api(coach)
    created = token_client.post(
        f"{V1}/activation/group-activities/",
        {"name": "Jobclub", "starts_on": TODAY.isoformat()},
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"{V1}/activation/group-activities/{created.json()['id']}/"

    joined = token_client.post(f"{url}participants/", {"trajectory": str(trajectory.pk)}, format="json")
    assert joined.status_code == 201, joined.content
    assert joined.json()["client"].startswith(coached_dossier.client.last_name)
    again = token_client.post(f"{url}participants/", {"trajectory": str(trajectory.pk)}, format="json")
    assert again.status_code == 409
    participant = joined.json()["id"]
    session = token_client.post(
        f"{url}sessions/",
        {"held_on": TODAY.isoformat(), "topic": "Sollicitatiebrief", "present": [participant]},
        format="json",
    )
    assert session.status_code == 201, session.content
    assert session.json()["attendance"] == [{"participant": participant, "present": True}]
    evaluated = token_client.post(f"{url}evaluation/", {"evaluation": "Geslaagd"}, format="json")
    assert evaluated.status_code == 200
    assert evaluated.json()["final_evaluation"] == "Geslaagd"

    detail = token_client.get(url).json()
    assert [s["topic"] for s in detail["sessions"]] == ["Sollicitatiebrief"]
    assert [p["trajectory"] for p in detail["participants"]] == [str(trajectory.pk)]
    assert [a["name"] for a in token_client.get(f"{V1}/activation/group-activities/").json()["results"]] == [
        "Jobclub"
    ]
    # ... and on the participant's trajectory page, for the social worker of the dossier too.
    from django.test import Client

    browser = Client()
    browser.force_login(coach)
    page = browser.get(f"/activering/trajecten/{trajectory.pk}/").content.decode()
    assert "Jobclub: Sollicitatiebrief" in page


def test_group_activities_owner_other_and_anonymous(api, coach, social_worker, other_team_worker, team):
    from tests.factories import UserFactory

    other_coach = UserFactory(username="nora", team=team, roles=["activation_coach"])
    created = api(coach).post(
        f"{V1}/activation/group-activities/",
        {"name": "Taaltafel", "starts_on": TODAY.isoformat()},
        format="json",
    )
    url = f"{V1}/activation/group-activities/{created.json()['id']}/"
    session = {"held_on": TODAY.isoformat(), "topic": "Kennismaking", "present": []}

    for stranger in (other_coach, other_team_worker):
        assert api(stranger).get(url).status_code == 404
        assert api(stranger).post(f"{url}sessions/", session, format="json").status_code == 404
        assert api(stranger).post(f"{url}evaluation/", {"evaluation": "x"}, format="json").status_code == 404
        assert api(stranger).get(f"{V1}/activation/group-activities/").json()["results"] == []
    assert APIClient().get(url).status_code == 401
    assert APIClient().post(f"{url}sessions/", session, format="json").status_code == 401
    # Only an activation coach organises.
    not_a_coach = api(social_worker).post(
        f"{V1}/activation/group-activities/", {"name": "x", "starts_on": TODAY.isoformat()}, format="json"
    )
    assert not_a_coach.status_code == 403
    assert api(coach).get(url).status_code == 200
    assert api(coach).post(f"{url}sessions/", session, format="json").status_code == 201


def test_a_participant_from_another_teams_dossier_is_404(api, coach, other_team_worker):
    from tests.factories import DossierFactory

    elsewhere = DossierFactory(team=other_team_worker.team, social_worker=other_team_worker)
    trajectory = services.trajectory_start(
        actor=other_team_worker, dossier=elsewhere, coach=coach, phase="work", started_on=TODAY
    )
    elsewhere.refresh_from_db()
    elsewhere.activation_coach = None  # the coach was taken off the dossier: no longer theirs to add
    elsewhere.save()
    created = api(coach).post(
        f"{V1}/activation/group-activities/",
        {"name": "Jobclub", "starts_on": TODAY.isoformat()},
        format="json",
    )
    url = f"{V1}/activation/group-activities/{created.json()['id']}/participants/"
    assert api(coach).post(url, {"trajectory": str(trajectory.pk)}, format="json").status_code == 404
    assert datetime.date.today() >= TODAY


@pytest.mark.parametrize("count", [3, 40])
def test_a_group_activity_reads_in_a_constant_number_of_queries(
    api, client, coach, team, social_worker, count
):
    from activation.models import GroupActivity, GroupAttendance, GroupParticipant, GroupSession

    trajectories = _trajectories(count, coach=coach, team=team, social_worker=social_worker)
    activity = GroupActivity.objects.create(name="Jobclub", organiser=coach, starts_on=TODAY)
    participants = GroupParticipant.objects.bulk_create(
        GroupParticipant(activity=activity, trajectory=t, added_by=coach) for t in trajectories
    )
    for topic in ("Sollicitatiebrief", "Cv"):
        session = GroupSession.objects.create(
            activity=activity, held_on=TODAY, topic=topic, recorded_by=coach
        )
        GroupAttendance.objects.bulk_create(
            GroupAttendance(session=session, participant=p, present=i % 2 == 0)
            for i, p in enumerate(participants)
        )
    token_client = api(coach)
    url = f"{V1}/activation/group-activities/{activity.pk}/"
    token_client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        response = token_client.get(url)
    assert response.status_code == 200
    assert len(response.json()["participants"]) == count
    assert len(queries) <= GROUP_QUERIES
    client.force_login(coach)
    client.get(f"/activering/groepen/{activity.pk}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/activering/groepen/{activity.pk}/").status_code == 200
    assert len(queries) <= GROUP_PAGE_QUERIES
