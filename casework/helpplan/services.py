"""The help plan drawn up with the client (goals, actions, evaluations) and case conferences."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from casework import policy
from casework.dossiers.models import Dossier
from casework.dossiers.services import require_open
from casework.helpplan import selectors
from casework.helpplan.models import (
    ActionStatus,
    CaseConference,
    GoalStatus,
    HelpPlan,
    HelpPlanAction,
    HelpPlanEvaluation,
    HelpPlanGoal,
)
from casework.helpplan.transitions import ACTION_WORKFLOW
from core.dates import check_event_date, check_planned_date
from core.errors import Conflict, DomainError, NotFoundError
from core.history import delete_with_history, save_with_history


class StaleHelpPlan(Conflict):
    def __init__(self, current: int):
        super().__init__(
            _(
                "Iemand anders heeft dit plan intussen gewijzigd (versie %(version)d). "
                "Herlaad en probeer opnieuw."
            )
            % {"version": current},
            current_version=current,
        )


HELP_PLAN_DATES = {"agreed_with_client_on", "next_evaluation_on"}


def _check_help_plan(goals: list[dict], dates: dict) -> None:
    if unknown := set(dates) - HELP_PLAN_DATES:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    check_event_date(dates.get("agreed_with_client_on"), field="agreed_with_client_on")
    check_planned_date(dates.get("next_evaluation_on"), field="next_evaluation_on")
    for goal in goals:
        check_planned_date(goal.get("target_date"), field="goals")
        for action in goal.get("actions", []):
            check_planned_date(action.get("due_on"), field="goals")
    if not goals:
        raise DomainError(_("Een hulpverleningsplan heeft minstens één doel."), field="goals")
    priorities = [goal["priority"] for goal in goals]
    if min(priorities) < 1:
        raise DomainError(_("Een prioriteit is 1 of hoger."), field="goals")
    if len(set(priorities)) != len(priorities):
        raise DomainError(_("Elke prioriteit komt maar één keer voor in het plan."), field="goals")


def _help_plan_goals_write(plan: HelpPlan, goals: list[dict], *, actor, reason: str) -> None:
    new_goals = [
        HelpPlanGoal(
            plan=plan,
            domain=goal["domain"],
            description=goal["description"].strip(),
            priority=goal["priority"],
            target_date=goal.get("target_date"),
            status=goal.get("status") or GoalStatus.OPEN,
        )
        for goal in goals
    ]
    # PostgreSQL returns the new ids, so each action can point at its goal; history is written in bulk too.
    bulk_create_with_history(new_goals, HelpPlanGoal, default_user=actor, default_change_reason=reason)
    actions = [
        HelpPlanAction(
            goal=new_goal,
            description=action["description"].strip(),
            owner=action["owner"].strip(),
            due_on=action.get("due_on"),
            status=action.get("status", ActionStatus.PLANNED),
        )
        for new_goal, goal in zip(new_goals, goals, strict=True)
        for action in goal.get("actions", [])
    ]
    bulk_create_with_history(actions, HelpPlanAction, default_user=actor, default_change_reason=reason)


@transaction.atomic
def help_plan_create(*, actor, dossier: Dossier, goals: list[dict], **dates) -> HelpPlan:
    """Draw up the dossier's help plan with the client: prioritised goals and actions. One per dossier."""
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    require_open(dossier)
    _check_help_plan(goals, dates)
    plan = HelpPlan(dossier=dossier, updated_by=actor, **dates)
    try:
        with transaction.atomic():
            save_with_history(plan, actor=actor, reason="help_plan_create", force_insert=True)
    except IntegrityError:  # a colleague drew up the plan of this dossier at the same moment
        existing = HelpPlan.objects.filter(dossier=dossier).values_list("pk", flat=True).first()
        raise Conflict(
            _("Dit dossier heeft al een hulpverleningsplan: pas dat plan aan."),
            existing_help_plan=str(existing),
        ) from None
    _help_plan_goals_write(plan, goals, actor=actor, reason="help_plan_create")
    return selectors.help_plan_of(dossier=dossier)


@transaction.atomic
def help_plan_replace(*, actor, plan: HelpPlan, version: int, goals: list[dict], **dates) -> HelpPlan:
    """Replace the goals and actions of the plan (dates not given stay as they are). The plan row is locked
    before its version is compared, so of two saves based on the same version exactly one is written and the
    other gets 409 instead of silently overwriting it."""
    plan = HelpPlan.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=plan.pk)
    if not policy.may_work_on(actor, plan.dossier):
        raise NotFoundError()
    if version != plan.version:
        raise StaleHelpPlan(plan.version)
    _check_help_plan(goals, dates)
    for goal in plan.goals.prefetch_related("actions"):
        for action in goal.actions.all():
            delete_with_history(action, actor=actor, reason="help_plan_replace")
        delete_with_history(goal, actor=actor, reason="help_plan_replace")
    _help_plan_goals_write(plan, goals, actor=actor, reason="help_plan_replace")
    for field, value in dates.items():
        setattr(plan, field, value)
    plan.version += 1
    plan.updated_by = actor
    save_with_history(plan, actor=actor, reason="help_plan_replace")
    return selectors.help_plan_of(dossier=plan.dossier)


GOAL_FIELDS = ("domain", "description", "priority", "target_date", "status")


@transaction.atomic
def help_plan_goals_edit(*, actor, plan: HelpPlan, version: int, goals: list[dict], **dates) -> HelpPlan:
    """The screen's edit: goals with an `id` change in place, goals without one are added, goals left out end
    (with their actions). Actions are never rewritten here: each keeps its history (help_plan_action_*)."""
    plan = HelpPlan.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=plan.pk)
    if not policy.may_work_on(actor, plan.dossier):
        raise NotFoundError()
    if version != plan.version:
        raise StaleHelpPlan(plan.version)
    _check_help_plan(goals, dates)
    existing = {goal.pk: goal for goal in plan.goals.prefetch_related("actions")}
    kept = {goal["id"] for goal in goals if goal.get("id") in existing}
    for goal_id, goal in existing.items():
        if goal_id not in kept:
            for action in goal.actions.all():
                delete_with_history(action, actor=actor, reason="help_plan_goals_edit")
            delete_with_history(goal, actor=actor, reason="help_plan_goals_edit")
    for wanted in goals:
        goal = existing.get(wanted.get("id")) or HelpPlanGoal(plan=plan)
        values = {field: wanted[field] for field in GOAL_FIELDS if field in wanted}
        values["description"] = values["description"].strip()
        if goal.pk is None or any(getattr(goal, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(goal, field, value)
            save_with_history(goal, actor=actor, reason="help_plan_goals_edit")
    for field, value in dates.items():
        setattr(plan, field, value)
    plan.version += 1
    plan.updated_by = actor
    save_with_history(plan, actor=actor, reason="help_plan_goals_edit")
    return selectors.help_plan_of(dossier=plan.dossier)


@transaction.atomic
def help_plan_action_add(
    *, actor, goal: HelpPlanGoal, description: str, owner: str, due_on=None
) -> HelpPlanAction:
    """One more action under a goal, without touching the rest of the plan."""
    goal = HelpPlanGoal.objects.select_related("plan__dossier").get(pk=goal.pk)
    if not policy.may_work_on(actor, goal.plan.dossier):
        raise NotFoundError()
    if not description.strip():
        raise DomainError(_("Beschrijf de actie."), field="description")
    if not owner.strip():
        raise DomainError(_("Wie voert deze actie uit?"), field="owner")
    check_planned_date(due_on, field="due_on")
    action = HelpPlanAction(goal=goal, description=description.strip(), owner=owner.strip(), due_on=due_on)
    save_with_history(action, actor=actor, reason="help_plan_action_add")
    return action


@transaction.atomic
def help_plan_action_move(*, actor, action: HelpPlanAction, to: str) -> HelpPlanAction:
    """Change one action's status without rewriting the plan, following transitions.ACTION_WORKFLOW; the
    action's history keeps every change."""
    action = (
        HelpPlanAction.objects.select_for_update(of=("self",))
        .select_related("goal__plan__dossier")
        .get(pk=action.pk)
    )
    if not policy.may_work_on(actor, action.goal.plan.dossier):
        raise NotFoundError()
    ACTION_WORKFLOW.check(actor, action, action.status, to)
    action.status = to
    save_with_history(action, actor=actor, reason=f"help_plan_action_move:{to}")
    return action


@transaction.atomic
def help_plan_evaluate(*, actor, plan: HelpPlan, held_on, summary: str) -> HelpPlanEvaluation:
    if not policy.may_work_on(actor, plan.dossier):
        raise NotFoundError()
    check_event_date(held_on, field="held_on")
    if not summary.strip():
        raise DomainError(_("Noteer wat de evaluatie opleverde."), field="summary")
    evaluation = HelpPlanEvaluation(plan=plan, held_on=held_on, summary=summary.strip(), author=actor)
    save_with_history(evaluation, actor=actor, reason="help_plan_evaluate", force_insert=True)
    return evaluation


@transaction.atomic
def case_conference_record(
    *,
    actor,
    dossier: Dossier,
    held_on,
    agreements: str,
    internal_participants=(),
    external_participants: str = "",
    client_present: bool = False,
) -> CaseConference:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    require_open(dossier)
    check_event_date(held_on, field="held_on")
    if not agreements.strip():
        raise DomainError(_("Noteer de afspraken van het overleg."), field="agreements")
    conference = CaseConference(
        dossier=dossier,
        held_on=held_on,
        external_participants=external_participants.strip(),
        client_present=client_present,
        agreements=agreements.strip(),
        author=actor,
    )
    save_with_history(conference, actor=actor, reason="case_conference_record", force_insert=True)
    conference.internal_participants.set(internal_participants)  # history user still set on the instance
    return conference
