from django.db.models import Prefetch, QuerySet

from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get, dossier_of
from casework.helpplan.models import (
    CaseConference,
    HelpPlan,
    HelpPlanAction,
    HelpPlanEvaluation,
    HelpPlanGoal,
)
from casework.policy import Access
from core.errors import NotFoundError


def _help_plans_with_goals() -> QuerySet:
    """Plans with their goals (by priority), actions and evaluations in a constant number of queries. No
    access check: private to the selectors below, which check the dossier first."""
    return HelpPlan.objects.select_related("updated_by").prefetch_related(
        Prefetch("goals", queryset=HelpPlanGoal.objects.prefetch_related("actions")),
        Prefetch("evaluations", queryset=HelpPlanEvaluation.objects.select_related("author")),
    )


def help_plan_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="help_plan", minimum=Access.FULL)
    return _help_plans_with_goals().filter(dossier=dossier).order_by("pk")


def help_plan_get(*, user, plan_id, what: str = "help_plan") -> HelpPlan:
    dossier = dossier_of(HelpPlan, plan_id, user=user, dossier_path="dossier_id", what=what)
    plan = _help_plans_with_goals().get(pk=plan_id)
    plan.dossier = dossier
    return plan


def help_plan_of(*, dossier: Dossier) -> HelpPlan | None:
    """The help plan of a dossier already read through dossier_get (or checked by a help plan service)."""
    return _help_plans_with_goals().filter(dossier=dossier).first()


def case_conference_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="case_conference", minimum=Access.FULL)
    return (
        CaseConference.objects.filter(dossier=dossier)
        .select_related("author")
        .prefetch_related("internal_participants")
    )


def case_conferences_of(*, dossier: Dossier) -> list[CaseConference]:
    return list(CaseConference.objects.filter(dossier=dossier).prefetch_related("internal_participants"))


def _checked(model, object_id, *, user, dossier_path: str):
    """One goal or action of a plan, after the dossier is checked (full access) and its read logged."""
    dossier_id = model.objects.filter(pk=object_id).values_list(dossier_path, flat=True).first()
    if dossier_id is None:
        raise NotFoundError()
    return dossier_get(user=user, dossier_id=dossier_id, what="help_plan", minimum=Access.FULL)


def help_plan_goal_get(*, user, goal_id) -> HelpPlanGoal:
    dossier = _checked(HelpPlanGoal, goal_id, user=user, dossier_path="plan__dossier_id")
    goal = HelpPlanGoal.objects.select_related("plan").get(pk=goal_id)
    goal.plan.dossier = dossier
    return goal


def help_plan_action_get(*, user, action_id) -> HelpPlanAction:
    dossier = _checked(HelpPlanAction, action_id, user=user, dossier_path="goal__plan__dossier_id")
    action = HelpPlanAction.objects.select_related("goal__plan").get(pk=action_id)
    action.goal.plan.dossier = dossier
    return action
