"""Reads of activation data: through the dossier policy (casework.policy), logged in the privacy ledger. An
object the caller may not see raises NotFoundError (404), exactly like one that does not exist."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from activation import reads, rules
from activation.models import (
    DecisionTree,
    Gpmi,
    GpmiEvaluation,
    GpmiEvaluationRule,
    GroupActivity,
    GroupAttendance,
    GroupParticipant,
    Measure,
    MonitoringCadence,
    PhaseChange,
    SanctionProposal,
    Screening,
    Trajectory,
)
from casework import policy
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_of
from clients.ledger import Purpose, access_log_record
from core.errors import NotFoundError
from core.ids import uuid_or_404


def decision_tree_in_force() -> DecisionTree:
    """The newest version of the tree, with its questions in order."""
    tree = DecisionTree.objects.prefetch_related("questions").order_by("-version").first()
    if tree is None:  # the data migration stores version 1; a database without it is broken
        raise NotFoundError()
    return tree


def tree_questions(tree: DecisionTree) -> list[rules.Question]:
    return [rules.Question(code=q.code, phase=q.phase) for q in tree.questions.all()]


def cadences() -> list[rules.Cadence]:
    return [
        rules.Cadence(interval_days=c.interval_days, phase=c.phase, measure_kind=c.measure_kind)
        for c in MonitoringCadence.objects.all()
    ]


def evaluation_rule(day: datetime.date | None = None) -> rules.EvaluationRule:
    """The GPMI evaluation rule valid on the day (an admin adds a row to change it)."""
    day = day or timezone.localdate()
    row = GpmiEvaluationRule.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is None:
        return rules.EvaluationRule()
    return rules.EvaluationRule(per_year=row.evaluations_per_year, in_person_minimum=row.in_person_minimum)


# --- Trajectories ---


def _trajectories() -> QuerySet:
    return Trajectory.objects.select_related("coach", "dossier__client", "screening").prefetch_related(
        Prefetch("phase_history", queryset=PhaseChange.objects.select_related("changed_by")),
        Prefetch("measures", queryset=Measure.objects.select_related("partner")),
        "monitoring_contacts",
    )


def trajectory_get(*, user, trajectory_id, what: str = "trajectory") -> Trajectory:
    dossier = dossier_of(Trajectory, trajectory_id, user=user, dossier_path="dossier_id", what=what)
    trajectory = _trajectories().get(pk=trajectory_id)
    trajectory.dossier = dossier
    return trajectory


def trajectories_of(*, dossier: Dossier) -> list[Trajectory]:
    """The trajectories of a dossier already read through dossier_get."""
    return list(_trajectories().filter(dossier=dossier).order_by("-started_on"))


def screenings_of(*, dossier: Dossier) -> list[Screening]:
    return list(Screening.objects.filter(dossier=dossier).select_related("tree", "screened_by"))


def screening_get(*, user, screening_id) -> Screening:
    dossier = dossier_of(Screening, screening_id, user=user, dossier_path="dossier_id", what="screening")
    screening = Screening.objects.select_related("tree", "screened_by").get(pk=screening_id)
    screening.dossier = dossier
    return screening


def coach_board(
    *, user, phase: str | None = None, measure_kind: str | None = None, today: datetime.date | None = None
) -> list[Trajectory]:
    """The coach's board (journey 5): the running trajectories they coach, on dossiers they may open, the
    overdue first; with the dossier's open GPMI. A constant number of queries, one access-log row."""
    today = today or timezone.localdate()
    visible = Dossier.objects.filter(policy.visible_dossiers_q(user)).values("pk")
    trajectories = (
        Trajectory.objects.filter(coach=user, ended_on__isnull=True, dossier__in=visible)
        .select_related("dossier__client")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today)),
                to_attr="running_measures",
            ),
            Prefetch(
                "dossier__gpmis",
                queryset=Gpmi.objects.exclude(status="exempted").order_by("-created_at"),
                to_attr="open_gpmis",
            ),
        )
        .order_by("next_monitoring_due", "dossier__client__last_name")
    )
    if phase:
        trajectories = trajectories.filter(phase=phase)
    if measure_kind:
        trajectories = trajectories.filter(
            Q(measures__kind=measure_kind)
            & (Q(measures__ended_on__isnull=True) | Q(measures__ended_on__gte=today))
        ).distinct()
    page = list(trajectories)
    for trajectory in page:
        gpmi = trajectory.dossier.open_gpmis[0] if trajectory.dossier.open_gpmis else None
        trajectory.gpmi = gpmi
        trajectory.monitoring_overdue = bool(
            trajectory.next_monitoring_due and trajectory.next_monitoring_due < today
        )
        trajectory.gpmi_overdue = bool(
            gpmi
            and (
                (gpmi.status == "draft" and gpmi.conclusion_due < today)
                or (gpmi.next_evaluation_due and gpmi.next_evaluation_due < today)
            )
        )
        trajectory.gpmi_days_left = (
            (gpmi.conclusion_due - today).days if gpmi and gpmi.status == "draft" else None
        )
    page.sort(
        key=lambda t: (
            not (t.monitoring_overdue or t.gpmi_overdue),
            t.next_monitoring_due or datetime.date.max,
        )
    )
    access_log_record(
        user=user,
        client_ids=[t.dossier.client_id for t in page],
        what=reads.TRAJECTORY_BOARD,
        purpose=Purpose.CASELOAD,
        dossier_ids=[t.dossier_id for t in page],
    )
    return page


# --- GPMI ---


def _gpmis() -> QuerySet:
    return Gpmi.objects.select_related("created_by").prefetch_related(
        Prefetch("evaluations", queryset=GpmiEvaluation.objects.select_related("recorded_by"))
    )


def gpmi_get(*, user, gpmi_id, what: str = "gpmi") -> Gpmi:
    dossier = dossier_of(Gpmi, gpmi_id, user=user, dossier_path="dossier_id", what=what)
    gpmi = _gpmis().get(pk=gpmi_id)
    gpmi.dossier = dossier
    return gpmi


def gpmis_of(*, dossier: Dossier) -> list[Gpmi]:
    return list(_gpmis().filter(dossier=dossier).order_by("-created_at"))


def gpmi_standing(gpmi: Gpmi, *, today: datetime.date | None = None) -> rules.EvaluationStanding:
    """The evaluations of the last 12 months, the next due date and compliance, by the rule in force today."""
    today = today or timezone.localdate()
    return rules.evaluation_standing(
        signed_on=gpmi.signed_on,
        evaluations=[(e.held_on, e.in_person) for e in gpmi.evaluations.all()],
        rule=evaluation_rule(today),
        today=today,
    )


def trajectory_get_unlogged(*, trajectory_id) -> Trajectory:
    """A trajectory just written by a service the caller was allowed to call (its read is logged already)."""
    return _trajectories().get(pk=trajectory_id)


def gpmi_get_unlogged(*, gpmi_id) -> Gpmi:
    """A GPMI just written by a service the caller was allowed to call (its read is logged already)."""
    return _gpmis().get(pk=gpmi_id)


def sanction_proposal_for_committee(*, user, proposal_id) -> SanctionProposal:
    """What the committee app needs to make a submission of kind gpmi_sanction (proposal, motivation, months,
    the warning, the GPMI and its dossier), read through the dossier policy and logged."""
    dossier = dossier_of(
        SanctionProposal, proposal_id, user=user, dossier_path="gpmi__dossier_id", what="gpmi_sanction"
    )
    proposal = SanctionProposal.objects.select_related("gpmi", "warning", "proposed_by").get(pk=proposal_id)
    proposal.gpmi.dossier = dossier
    return proposal


# --- Group activation work ---


def group_activities_of(*, user) -> list[GroupActivity]:
    """The activities the user organises (names and dates: no client's data)."""
    return list(GroupActivity.objects.filter(organiser=user))


def group_activity_get(*, user, activity_id) -> GroupActivity:
    """An activity of its organiser, with its participants (logged: their names are shown) and sessions."""
    activity = (
        GroupActivity.objects.filter(pk=uuid_or_404(activity_id), organiser=user)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=GroupParticipant.objects.select_related("trajectory__dossier__client"),
            ),
            Prefetch("sessions__attendance", queryset=GroupAttendance.objects.all()),
        )
        .first()
    )
    if activity is None:
        raise NotFoundError()
    participants = list(activity.participants.all())
    if participants:
        access_log_record(
            user=user,
            client_ids=[p.trajectory.dossier.client_id for p in participants],
            what="group_activity",
            purpose=Purpose.CASELOAD,
            dossier_ids=[p.trajectory.dossier_id for p in participants],
        )
    return activity


def group_attendance_of(*, trajectory: Trajectory) -> list[GroupAttendance]:
    """The attendance of a trajectory's client at group sessions, for the trajectory page (already read)."""
    return list(
        GroupAttendance.objects.filter(participant__trajectory=trajectory)
        .select_related("session__activity")
        .order_by("session__held_on")
    )


def sanction_proposals_to_submit(*, dossier: Dossier) -> list[SanctionProposal]:
    """The dossier's sanction proposals not yet handed to the committee (a dossier read through dossier_get:
    its read is logged there)."""
    return list(
        SanctionProposal.objects.filter(gpmi__dossier=dossier, status="proposed")
        .select_related("warning", "proposed_by")
        .order_by("proposed_on", "created_at")
    )
