"""The help-plan editor (issue 12): any number of goals, several actions per goal, a status per goal and per
action changed without rewriting the plan; an action's history survives a change of the goals."""

import pytest
from django.urls import reverse

from casework.helpplan.models import HelpPlanAction, HelpPlanGoal
from tests.factories import HelpPlanActionFactory, HelpPlanFactory, HelpPlanGoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(dossier):
    plan = HelpPlanFactory(dossier=dossier)
    for priority in range(1, 7):  # more goals than the old form's four rows
        HelpPlanGoalFactory(plan=plan, priority=priority, description=f"Doel {priority}")
    return plan


def _page(client, dossier):
    return client.get(reverse("casework:help-plan", args=[dossier.pk]))


def _posted_form(response) -> dict:
    """The goals form as the browser would send it back unchanged."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {name: ("" if value is None else value) for name, value in data.items()}


def test_a_plan_of_six_goals_is_shown_whole_with_two_empty_rows(client, social_worker, dossier, plan):
    client.force_login(social_worker)

    form = _page(client, dossier).context["form"]

    assert form.row_count == 8
    assert [form[f"description_{row}"].value() for row in range(6)] == [f"Doel {n}" for n in range(1, 7)]


def test_saving_the_goals_keeps_every_goal_and_every_action_with_its_history(
    client, social_worker, dossier, plan
):
    goal = plan.goals.get(priority=5)
    action = HelpPlanActionFactory(goal=goal, description="Bellen naar de huisbaas")
    HelpPlanActionFactory(goal=goal, description="Huurwaarborg aanvragen")
    client.force_login(social_worker)
    data = _posted_form(_page(client, dossier))
    data["status_4"] = "running"

    response = client.post(reverse("casework:help-plan", args=[dossier.pk]), data)

    assert response.status_code == 302
    assert plan.goals.count() == 6
    assert HelpPlanGoal.objects.get(pk=goal.pk).status == "running"
    assert HelpPlanAction.objects.filter(goal=goal).count() == 2
    assert action.history.count() == 1  # untouched: not deleted and created again


def test_a_new_goal_is_typed_in_an_empty_row(client, social_worker, dossier, plan):
    client.force_login(social_worker)
    data = _posted_form(_page(client, dossier))
    data |= {"domain_6": "housing", "priority_6": 7, "description_6": "Een betaalbare woning"}

    client.post(reverse("casework:help-plan", args=[dossier.pk]), data)

    assert plan.goals.get(priority=7).description == "Een betaalbare woning"


def test_an_action_is_added_under_a_goal_and_moves_status_on_its_own(client, social_worker, dossier, plan):
    goal = plan.goals.get(priority=1)
    client.force_login(social_worker)

    client.post(
        reverse("casework:help-plan-action-add", args=[goal.pk]),
        {"description": "Afbetalingsplan vragen", "owner": "Sofie", "due_on": "15/01/2027"},
    )
    action = HelpPlanAction.objects.get(goal=goal)
    client.post(reverse("casework:help-plan-action-move", args=[action.pk]), {"to": "in_progress"})

    action.refresh_from_db()
    assert action.status == "in_progress"
    assert [row.history_change_reason for row in action.history.order_by("history_date")] == [
        "help_plan_action_add",
        "help_plan_action_move:in_progress",
    ]


def test_an_action_without_an_owner_is_refused_on_its_field_and_keeps_the_text(
    client, social_worker, dossier, plan
):
    goal = plan.goals.get(priority=1)
    client.force_login(social_worker)

    response = client.post(
        reverse("casework:help-plan-action-add", args=[goal.pk]), {"description": "Afbetalingsplan vragen"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Afbetalingsplan vragen" in page
    assert not HelpPlanAction.objects.exists()


def test_another_teams_worker_cannot_add_an_action(client, other_team_worker, dossier, plan):
    client.force_login(other_team_worker)

    response = client.post(
        reverse("casework:help-plan-action-add", args=[plan.goals.first().pk]),
        {"description": "x", "owner": "y"},
    )

    assert response.status_code == 404
    assert not HelpPlanAction.objects.exists()
