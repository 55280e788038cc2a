"""The help plan (journey 4): drawn up with the client, prioritised goals and actions, one per dossier, edited
with a version so that two workers never silently overwrite each other."""

import threading

import pytest
from django.db import connections
from django.utils import timezone

from casework.models import HelpPlan, HelpPlanAction, HelpPlanEvaluation, HelpPlanGoal
from clients.models import AccessLog
from tests.conftest import api_client_for
from tests.factories import UserFactory

URL = "/api/v1/help-plans/"
TODAY = timezone.localdate()

GOALS = [
    {
        "domain": "debts",
        "description": "Zicht krijgen op de schulden bij de energieleverancier",
        "priority": 2,
        "target_date": "2030-03-31",
        "actions": [
            {
                "description": "Doorverwijzing naar budgetbegeleiding",
                "owner": "Sofie",
                "status": "in_progress",
            },
            {"description": "Facturen verzamelen", "owner": "cliënt", "due_on": "2030-01-15"},
        ],
    },
    {
        "domain": "income",
        "description": "Een inkomen: leefloon",
        "priority": 1,
        "actions": [{"description": "Leefloon aanvragen", "owner": "Sofie", "status": "done"}],
    },
    {"domain": "housing", "description": "Een betaalbare woning", "priority": 3, "actions": []},
    {"domain": "work", "description": "Werk zoeken", "priority": 4},
]


def plan_body(dossier, **extra):
    return {"dossier": str(dossier.pk), "goals": GOALS, **extra}


@pytest.fixture
def colleague(team):
    return UserFactory(username="lotte", team=team, roles=["social_worker"])


@pytest.fixture
def plan(api, dossier, social_worker):
    response = api(social_worker).post(URL, plan_body(dossier), format="json")
    assert response.status_code == 201, response.data
    return HelpPlan.objects.get(pk=response.data["id"])


def test_a_plan_is_drawn_up_with_goals_by_priority_and_their_actions(api, dossier, social_worker):
    body = plan_body(dossier, agreed_with_client_on=TODAY.isoformat(), next_evaluation_on="2030-06-01")
    response = api(social_worker).post(URL, body, format="json")

    assert response.status_code == 201, response.data
    data = response.data
    assert (data["version"], data["dossier"], data["updated_by"]) == (1, str(dossier.pk), "sofie")
    assert data["next_evaluation_on"] == "2030-06-01"
    assert [(g["priority"], g["domain"]) for g in data["goals"]] == [
        (1, "income"),
        (2, "debts"),
        (3, "housing"),
        (4, "work"),
    ]
    debts = data["goals"][1]
    assert [(a["description"], a["owner"], a["status"]) for a in debts["actions"]] == [
        ("Facturen verzamelen", "cliënt", "planned"),  # dated actions first, then the undated one
        ("Doorverwijzing naar budgetbegeleiding", "Sofie", "in_progress"),
    ]
    # Every row has its history, naming who wrote it.
    for model in (HelpPlan, HelpPlanGoal, HelpPlanAction):
        assert {record.history_user for record in model.history.all()} == {social_worker}


def test_one_plan_per_dossier(api, plan, dossier, social_worker):
    second = api(social_worker).post(URL, plan_body(dossier), format="json")
    assert second.status_code == 409
    assert second.data["existing_help_plan"] == str(plan.pk)
    assert HelpPlan.objects.count() == 1
    assert HelpPlanGoal.objects.count() == len(GOALS)


def test_the_plan_is_listed_by_dossier_and_read_with_one_access_log_entry_each(
    api, plan, dossier, social_worker
):
    me = api(social_worker)
    logged = AccessLog.objects.count()
    listed = me.get(URL, {"dossier": str(dossier.pk)})
    assert listed.status_code == 200
    assert listed.data["count"] == 1
    assert listed.data["results"][0]["id"] == str(plan.pk)
    assert AccessLog.objects.count() == logged + 1

    detail = me.get(f"{URL}{plan.pk}/")
    assert detail.status_code == 200
    assert len(detail.data["goals"]) == 4
    assert AccessLog.objects.count() == logged + 2
    assert AccessLog.objects.latest("id").what == "help_plan"


def test_an_update_replaces_goals_and_actions_and_increments_the_version(api, plan, social_worker):
    new_goals = [
        {
            "domain": "housing",
            "description": "Inschrijven bij de woonmaatschappij",
            "priority": 1,
            "actions": [{"description": "Afspraak maken", "owner": "cliënt", "due_on": "2030-02-01"}],
        }
    ]
    old_goal_ids = set(plan.goals.values_list("pk", flat=True))
    old_action_ids = set(HelpPlanAction.objects.filter(goal__plan=plan).values_list("pk", flat=True))

    response = api(social_worker).put(f"{URL}{plan.pk}/", {"goals": new_goals, "version": 1}, format="json")

    assert response.status_code == 200, response.data
    assert response.data["version"] == 2
    assert [g["description"] for g in response.data["goals"]] == ["Inschrijven bij de woonmaatschappij"]
    assert response.data["goals"][0]["actions"][0]["due_on"] == "2030-02-01"
    plan.refresh_from_db()
    assert plan.version == 2
    # The replaced goals and actions are gone, each with a deletion in its history naming who did it.
    deleted_goals = HelpPlanGoal.history.filter(history_type="-")
    deleted_actions = HelpPlanAction.history.filter(history_type="-")
    assert {r.id for r in deleted_goals} == old_goal_ids
    assert {r.id for r in deleted_actions} == old_action_ids
    assert {r.history_user for r in [*deleted_goals, *deleted_actions]} == {social_worker}
    assert {r.history_change_reason for r in deleted_goals} == {"help_plan_replace"}


def test_dates_not_sent_with_an_update_are_kept(api, dossier, social_worker):
    body = plan_body(dossier, agreed_with_client_on=TODAY.isoformat(), next_evaluation_on="2030-06-01")
    created = api(social_worker).post(URL, body, format="json").data

    kept = api(social_worker).put(f"{URL}{created['id']}/", {"goals": GOALS, "version": 1}, format="json")
    assert (kept.data["agreed_with_client_on"], kept.data["next_evaluation_on"]) == (
        TODAY.isoformat(),
        "2030-06-01",
    )
    cleared = api(social_worker).put(
        f"{URL}{created['id']}/", {"goals": GOALS, "version": 2, "next_evaluation_on": None}, format="json"
    )
    assert cleared.data["next_evaluation_on"] is None
    assert cleared.data["version"] == 3


def test_a_stale_update_is_refused_and_the_newer_version_kept(api, plan, social_worker, colleague):
    sofie_goals = [{"domain": "income", "description": "Versie van Sofie", "priority": 1}]
    lotte_goals = [{"domain": "work", "description": "Versie van Lotte", "priority": 1}]
    assert (
        api(social_worker)
        .put(f"{URL}{plan.pk}/", {"goals": sofie_goals, "version": 1}, format="json")
        .status_code
        == 200
    )

    stale = api(colleague).put(f"{URL}{plan.pk}/", {"goals": lotte_goals, "version": 1}, format="json")

    assert stale.status_code == 409
    assert stale.data["detail"] == (
        "Iemand anders heeft dit plan intussen gewijzigd (versie 2). Herlaad en probeer opnieuw."
    )
    assert stale.data["current_version"] == 2
    plan.refresh_from_db()
    assert (plan.version, plan.updated_by) == (2, social_worker)
    assert list(plan.goals.values_list("description", flat=True)) == ["Versie van Sofie"]


@pytest.mark.parametrize(
    ("goals", "field"),
    [
        ([], "goals"),
        ("niet een lijst", "goals"),
        ([{"domain": "income", "description": "x", "priority": 0}], "goals"),
        ([{"domain": "income", "description": "x", "priority": -1}], "goals"),
        ([{"domain": "income", "description": "x", "priority": "één"}], "goals"),
        ([{"domain": "income", "description": "x", "priority": 1.5}], "goals"),
        ([{"domain": "horoscoop", "description": "x", "priority": 1}], "goals"),
        ([{"domain": "income", "description": "", "priority": 1}], "goals"),
        ([{"domain": "income", "description": "x", "priority": 1, "target_date": "morgen"}], "goals"),
        (
            [
                {"domain": "income", "description": "a", "priority": 1},
                {"domain": "debts", "description": "b", "priority": 1},
            ],
            "goals",
        ),
        (
            [{"domain": "income", "description": "x", "priority": 1, "actions": [{"description": "y"}]}],
            "goals",
        ),
        (
            [
                {
                    "domain": "income",
                    "description": "x",
                    "priority": 1,
                    "actions": [{"description": "y", "owner": "z", "status": "vergeten"}],
                }
            ],
            "goals",
        ),
    ],
)
def test_invalid_goals_are_refused_on_goals_and_nothing_is_stored(api, dossier, social_worker, goals, field):
    me = api(social_worker)
    created = me.post(URL, {"dossier": str(dossier.pk), "goals": goals}, format="json")
    assert created.status_code == 400, created.data
    assert field in created.data, created.data
    assert not HelpPlan.objects.exists()
    assert not HelpPlanGoal.objects.exists()

    plan = me.post(URL, plan_body(dossier), format="json").data
    updated = me.put(f"{URL}{plan['id']}/", {"goals": goals, "version": 1}, format="json")
    assert updated.status_code == 400, updated.data
    assert field in updated.data, updated.data
    assert HelpPlan.objects.get().version == 1
    assert HelpPlanGoal.objects.count() == len(GOALS)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"goals": GOALS}, "version"),
        ({"goals": GOALS, "version": 0}, "version"),
        ({"goals": GOALS, "version": "twee"}, "version"),
        ({"version": 1}, "goals"),
        ({"goals": GOALS, "version": 1, "agreed_with_client_on": "2999-01-01"}, "agreed_with_client_on"),
        ({"goals": GOALS, "version": 1, "next_evaluation_on": "volgende week"}, "next_evaluation_on"),
    ],
)
def test_invalid_updates_are_refused_on_their_field(api, plan, social_worker, body, field):
    response = api(social_worker).put(f"{URL}{plan.pk}/", body, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data, response.data
    plan.refresh_from_db()
    assert plan.version == 1


def test_a_plan_needs_a_known_dossier_and_no_agreement_in_the_future(api, dossier, social_worker):
    me = api(social_worker)
    for body in (
        {"goals": GOALS},
        {"goals": GOALS, "dossier": "geen-uuid"},
        {"goals": GOALS, "dossier": None},
    ):
        response = me.post(URL, body, format="json")
        assert response.status_code == 400, response.data
        assert "dossier" in response.data, response.data
    future = me.post(URL, plan_body(dossier, agreed_with_client_on="2999-01-01"), format="json")
    assert future.status_code == 400
    assert "agreed_with_client_on" in future.data
    assert (
        me.post(
            URL, plan_body(dossier) | {"dossier": "00000000-0000-0000-0000-000000000000"}, format="json"
        ).status_code
        == 404
    )
    assert not HelpPlan.objects.exists()


class TestEvaluations:
    def test_an_evaluation_is_recorded_and_shown_with_the_plan(self, api, plan, social_worker):
        me = api(social_worker)
        body = {"held_on": TODAY.isoformat(), "summary": "Inkomen geregeld; schulden in behandeling."}
        response = me.post(f"{URL}{plan.pk}/evaluations/", body, format="json")
        assert response.status_code == 201, response.data
        assert (response.data["author"], response.data["held_on"]) == ("sofie", TODAY.isoformat())
        assert me.get(f"{URL}{plan.pk}/").data["evaluations"][0]["summary"].startswith("Inkomen geregeld")

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"held_on": "2999-01-01", "summary": "x"}, "held_on"),
            ({"held_on": "gisteren", "summary": "x"}, "held_on"),
            ({"held_on": "2024-01-01", "summary": ""}, "summary"),
            ({"held_on": "2024-01-01", "summary": "   "}, "summary"),
            ({"summary": "x"}, "held_on"),
        ],
    )
    def test_invalid_evaluations_are_refused(self, api, plan, social_worker, body, field):
        response = api(social_worker).post(f"{URL}{plan.pk}/evaluations/", body, format="json")
        assert response.status_code == 400, response.data
        assert field in response.data, response.data
        assert not HelpPlanEvaluation.objects.exists()


class TestAccess:
    """The owner may, a colleague of another team gets 404, an anonymous caller 401, on every endpoint."""

    def requests(self, plan, dossier):
        return [
            ("get", URL, {"dossier": str(dossier.pk)}, 200),
            ("get", f"{URL}{plan.pk}/", None, 200),
            ("put", f"{URL}{plan.pk}/", {"goals": GOALS, "version": 1}, 200),
            ("post", f"{URL}{plan.pk}/evaluations/", {"held_on": "2024-05-01", "summary": "Goed bezig"}, 201),
        ]

    def test_the_owner_may(self, api, plan, dossier, social_worker):
        for method, url, body, expected in self.requests(plan, dossier):
            assert getattr(api(social_worker), method)(url, body, format="json").status_code == expected, url

    def test_a_colleague_of_another_team_gets_404_and_changes_nothing(
        self, api, plan, dossier, other_team_worker
    ):
        for method, url, body, _expected in self.requests(plan, dossier):
            assert getattr(api(other_team_worker), method)(url, body, format="json").status_code == 404, url
        HelpPlan.objects.all().delete()
        assert api(other_team_worker).post(URL, plan_body(dossier), format="json").status_code == 404
        assert not HelpPlan.objects.exists()
        assert not AccessLog.objects.filter(user=other_team_worker).exists()

    def test_an_anonymous_caller_gets_401(self, api, plan, dossier):
        for method, url, body, _expected in self.requests(plan, dossier):
            assert getattr(api(), method)(url, body, format="json").status_code == 401, url
        assert api().post(URL, plan_body(dossier), format="json").status_code == 401

    def test_the_front_desk_does_not_read_help_plans(self, api, plan, dossier, other_team):
        intake = UserFactory(username="ines", team=other_team, roles=["intake_officer"])
        assert api(intake).get(f"{URL}{plan.pk}/").status_code == 404
        assert api(intake).get(URL, {"dossier": str(dossier.pk)}).status_code == 404

    def test_unknown_and_malformed_ids_are_404(self, api, plan, social_worker):
        me = api(social_worker)
        assert me.get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code == 404
        assert me.get(f"{URL}geen-uuid/").status_code == 404
        assert me.get(URL).status_code == 400  # the dossier is required


def put_at_once(bodies: list[tuple]) -> list:
    """PUT each (user, url, body) from its own thread, all released together by a barrier."""
    barrier = threading.Barrier(len(bodies))
    responses = [None] * len(bodies)
    errors = []

    def put(index, user, url, body):
        try:
            client = api_client_for(user)
            barrier.wait(timeout=10)
            responses[index] = client.put(url, body, format="json")
        except Exception as error:  # noqa: BLE001 - reported to the test below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=put, args=(i, *request)) for i, request in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return responses


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("editors", [2, 4], ids=["two", "four"])
def test_concurrent_updates_of_the_same_version_let_exactly_one_win(api, dossier, social_worker, editors):
    plan_id = api(social_worker).post(URL, plan_body(dossier), format="json").data["id"]
    users = [social_worker] + [
        UserFactory(username=f"collega{i}", team=dossier.team, roles=["social_worker"])
        for i in range(editors - 1)
    ]
    bodies = [
        (
            user,
            f"{URL}{plan_id}/",
            {"version": 1, "goals": [{"domain": "work", "description": user.username, "priority": 1}]},
        )
        for user in users
    ]

    responses = put_at_once(bodies)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [409] * (editors - 1), [r.data for r in responses]
    winner = next(r for r in responses if r.status_code == 200)
    plan = HelpPlan.objects.get(pk=plan_id)
    assert plan.version == 2
    # The plan holds exactly the winner's goals: no mix of two writes, no goal of a loser left behind.
    assert list(plan.goals.values_list("description", flat=True)) == [winner.data["goals"][0]["description"]]
    assert plan.history.filter(history_type="~").count() == 1
    for loser in (r for r in responses if r.status_code == 409):
        assert loser.data["current_version"] == 2


def test_no_new_plan_in_a_closed_dossier(api, dossier, social_worker):
    assert (
        api(social_worker).post(f"/api/v1/dossiers/{dossier.pk}/close/", {"reason": "Verhuisd"}).status_code
        == 200
    )
    response = api(social_worker).post(URL, plan_body(dossier), format="json")
    assert response.status_code == 409
    assert "afgesloten" in response.data["detail"]
    assert not HelpPlan.objects.exists()
