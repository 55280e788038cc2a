"""Counts of activation and the GPMI for reporting: no personal data, not access-logged, restricted dossiers
included. Rows of counts grouped by month (and, for the GPMI deadlines, by team and the dossier's social
worker; the activation counts are filtered on a team, not grouped by it); the rules (on time, late) are
reporting's (reporting.rules), applied to these histograms."""

import datetime
from collections import defaultdict

from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth

from activation.models import Gpmi, GpmiEvaluation, GpmiStatus, Measure, PhaseChange
from core.dates import as_date


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


def _month(field: str, before: datetime.date):
    """The first day of the month of `field`, or None when it falls on or after `before` (or is None)."""
    return Case(
        When(**{f"{field}__lt": before}, then=TruncMonth(field)), default=None, output_field=DateField()
    )


def clients_per_phase(months: list[tuple[datetime.date, datetime.date]], team_id=None) -> list[dict]:
    """At the end of each month (first day, last day): the running trajectories per phase they were in that
    day (their latest phase change by then). One query over the phase changes: a change holds from the month
    of its date (or of the trajectory's start, if later) until the month of the next change or of the
    trajectory's end, and at a month's end only those months count; summed per month here."""
    if not months:
        return []
    first, month_after = months[0][0], months[-1][1] + datetime.timedelta(days=1)
    next_change = (
        PhaseChange.objects.filter(trajectory_id=OuterRef("trajectory_id"))
        .filter(
            Q(changed_on__gt=OuterRef("changed_on"))
            | Q(changed_on=OuterRef("changed_on"), created_at__gt=OuterRef("created_at"))
        )
        .order_by("changed_on", "created_at")
    )
    holds_from = Case(
        When(Q(changed_on__lt=first) & Q(trajectory__started_on__lt=first), then=Value(first)),
        When(changed_on__gte=F("trajectory__started_on"), then=TruncMonth("changed_on")),
        default=TruncMonth("trajectory__started_on"),
        output_field=DateField(),
    )
    rows = PhaseChange.objects.filter(
        Q(trajectory__ended_on__isnull=True) | Q(trajectory__ended_on__gt=months[0][1]),
        changed_on__lt=month_after,
        trajectory__started_on__lt=month_after,
    )
    rows = _in_team(rows, team_id, "trajectory__dossier__team_id")
    totals = defaultdict(int)
    for row in (
        rows.annotate(
            holds_from=holds_from,
            ended=_month("trajectory__ended_on", month_after),
            replaced=Subquery(
                next_change.annotate(month=_month("changed_on", month_after)).values("month")[:1]
            ),
        )
        .values("to_phase", "holds_from", "ended", "replaced")
        .annotate(count=Count("id"))
        .order_by()
    ):
        since, ended, replaced = (as_date(row[key]) for key in ("holds_from", "ended", "replaced"))
        for month_first, month_last in months:
            if since <= month_first and all(stop is None or stop > month_first for stop in (ended, replaced)):
                totals[(month_last, row["to_phase"])] += row["count"]
    return [{"day": day, "phase_then": phase, "count": count} for (day, phase), count in totals.items()]


def phase_transitions(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Moves from one phase to another in [start, end] (a trajectory's start is no move), per month."""
    rows = PhaseChange.objects.filter(changed_on__range=(start, end)).exclude(from_phase="")
    rows = _in_team(rows, team_id, "trajectory__dossier__team_id")
    return list(
        rows.annotate(month=TruncMonth("changed_on"))
        .values("month", "from_phase", "to_phase")
        .annotate(count=Count("id"))
        .order_by()
    )


def measures_running(months: list[tuple[datetime.date, datetime.date]], team_id=None) -> list[dict]:
    """Measures running at some time in each month (first day, last day), per kind: one query."""
    rows = _in_team(Measure.objects.all(), team_id, "trajectory__dossier__team_id")
    counts = {
        f"m{index}": Count(
            "id", filter=Q(started_on__lte=last) & (Q(ended_on__isnull=True) | Q(ended_on__gte=first))
        )
        for index, (first, last) in enumerate(months)
    }
    if not counts:
        return []
    grouped = rows.values("kind").annotate(**counts).order_by()
    return [
        {"month": first, "kind": row["kind"], "count": row[f"m{index}"]}
        for row in grouped
        for index, (first, _last) in enumerate(months)
        if row[f"m{index}"]
    ]
