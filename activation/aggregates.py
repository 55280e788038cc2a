"""Counts of activation and the GPMI for reporting: no personal data, not access-logged, restricted dossiers
included. Rows of counts grouped by month, team and the dossier's social worker; the rules (on time, late)
are reporting's (reporting.rules), applied to these histograms."""

import datetime
from collections import defaultdict

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth

from activation.models import Gpmi, GpmiEvaluation, GpmiStatus, Measure, PhaseChange, Trajectory


def _in_team(queryset, team_id, path):
    return queryset.filter(**{path: team_id}) if team_id else queryset


def _per_worker(by_worker: bool, path: str) -> dict:
    """The dossier's social worker as a grouping column, or none (a figure for all teams needs no worker)."""
    return {"worker_id": F(path)} if by_worker else {}


def gpmi_conclusions(start: datetime.date, end: datetime.date, team_id=None, *, by_worker=True) -> list[dict]:
    """GPMIs whose conclusion was due in [start, end] (an exempted one owes none), by the month it was due:
    whether it is signed and the days from the due date to the signing (`late`: a timedelta, negative or
    zero when on time; None when not signed) and, for one not signed, its due date (`open_due`)."""
    rows = Gpmi.objects.filter(conclusion_due__range=(start, end)).exclude(status=GpmiStatus.EXEMPTED)
    rows = _in_team(rows, team_id, "dossier__team_id")
    worker = _per_worker(by_worker, "dossier__social_worker_id")
    return list(
        rows.annotate(
            month=TruncMonth("conclusion_due"),
            team_id=F("dossier__team_id"),
            **worker,
            late=ExpressionWrapper(F("signed_on") - F("conclusion_due"), output_field=DurationField()),
            open_due=Case(When(signed_on__isnull=True, then=F("conclusion_due")), default=None),
        )
        .values("month", "team_id", *worker, "late", "open_due")
        .annotate(count=Count("id"))
        .order_by()
    )


def gpmi_evaluation_intervals(
    start: datetime.date, end: datetime.date, team_id=None, *, by_worker=True
) -> list[dict]:
    """GPMI evaluations held in [start, end]: each with the date it was measured from (the evaluation before
    it, or the signing of the contract) and how many share that pair of dates."""
    before = (
        GpmiEvaluation.objects.filter(gpmi_id=OuterRef("gpmi_id"), held_on__lt=OuterRef("held_on"))
        .order_by()
        .values("gpmi_id")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    rows = GpmiEvaluation.objects.filter(held_on__range=(start, end), gpmi__signed_on__isnull=False)
    rows = _in_team(rows, team_id, "gpmi__dossier__team_id")
    worker = _per_worker(by_worker, "gpmi__dossier__social_worker_id")
    return list(
        rows.annotate(
            month=TruncMonth("held_on"),
            team_id=F("gpmi__dossier__team_id"),
            **worker,
            since=Coalesce(Subquery(before), F("gpmi__signed_on")),
        )
        .values("month", "team_id", *worker, "since", "held_on")
        .annotate(count=Count("id"))
        .order_by()
    )


def clients_per_phase(days: list[datetime.date], team_id=None) -> list[dict]:
    """For each day (the end of a month): the running trajectories per team and the phase they were in that
    day (from the phase history). One query: a column per day, the rows grouped by team and those columns
    (trajectories that went the same way share a row), summed per day here."""
    if not days:
        return []
    columns = {}
    for index, day in enumerate(days):
        phase_then = (
            PhaseChange.objects.filter(trajectory_id=OuterRef("pk"), changed_on__lte=day)
            .order_by("-changed_on", "-created_at")
            .values("to_phase")[:1]
        )
        running = Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        columns[f"p{index}"] = Case(
            When(running, then=Subquery(phase_then)), default=None, output_field=CharField()
        )
    rows = Trajectory.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=min(days)), started_on__lte=max(days)
    )
    rows = _in_team(rows, team_id, "dossier__team_id")
    totals = defaultdict(int)
    for row in (
        rows.annotate(team_id=F("dossier__team_id"), **columns)
        .values("team_id", *columns)
        .annotate(count=Count("id"))
        .order_by()
    ):
        for index, day in enumerate(days):
            if row[f"p{index}"]:
                totals[(day, row["team_id"], row[f"p{index}"])] += row["count"]
    return [
        {"day": day, "team_id": team, "phase_then": phase, "count": count}
        for (day, team, phase), count in totals.items()
    ]


def phase_transitions(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Moves from one phase to another in [start, end] (a trajectory's start is no move), per month."""
    rows = PhaseChange.objects.filter(changed_on__range=(start, end)).exclude(from_phase="")
    rows = _in_team(rows, team_id, "trajectory__dossier__team_id")
    return list(
        rows.annotate(month=TruncMonth("changed_on"), team_id=F("trajectory__dossier__team_id"))
        .values("month", "team_id", "from_phase", "to_phase")
        .annotate(count=Count("id"))
        .order_by()
    )


def measures_running(months: list[tuple[datetime.date, datetime.date]], team_id=None) -> list[dict]:
    """Measures running at some time in each month (first day, last day), per team and kind: one query."""
    rows = _in_team(Measure.objects.all(), team_id, "trajectory__dossier__team_id")
    counts = {
        f"m{index}": Count(
            "id", filter=Q(started_on__lte=last) & (Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        )
        for index, (first, last) in enumerate(months)
    }
    if not counts:
        return []
    grouped = (
        rows.annotate(team_id=F("trajectory__dossier__team_id"))
        .values("team_id", "kind")
        .annotate(**counts)
        .order_by()
    )
    return [
        {"month": first, "team_id": row["team_id"], "kind": row["kind"], "count": row[f"m{index}"]}
        for row in grouped
        for index, (first, _last) in enumerate(months)
        if row[f"m{index}"]
    ]
