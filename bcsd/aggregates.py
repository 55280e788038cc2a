"""Counts of the committee's work for reporting: no personal data, not access-logged, restricted dossiers
included. Rows of counts grouped by month (and, for the deadlines, by team and the dossier's social worker;
the other counts are filtered on a team, not grouped by it); the rules (30 days, 8 days, the subsidy) are
reporting's (reporting.rules), applied to these histograms."""

import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncMonth

from activation.models import Gpmi
from bcsd.models import Appeal, Decision, DecisionOutcome, Frequency, Hearing, SubmissionKind
from core.dates import as_date

GRANTED = (DecisionOutcome.APPROVED, DecisionOutcome.AMENDED)


def _decisions(start, end, team_id):
    rows = Decision.objects.filter(decided_on__range=(start, end)).exclude(outcome=DecisionOutcome.POSTPONED)
    return rows.filter(submission__dossier__team_id=team_id) if team_id else rows


def _grouped(rows, by_worker=False, **annotations):
    if by_worker:
        annotations["worker_id"] = F("submission__dossier__social_worker_id")
    return (
        rows.annotate(
            month=TruncMonth("decided_on"), team_id=F("submission__dossier__team_id"), **annotations
        )
        .values("month", "team_id", *annotations)
        .annotate(count=Count("id"))
        .order_by()
    )


def _bucket(later: str, earlier: F, days: int):
    """A delay as reporting's rule needs it: 0 within `days` after `earlier`, days + 1 beyond, None when
    either date is missing. Bucketed in the query, a twelve-month window groups into a few thousand rows
    instead of one per worker, month and number of days (the dashboard at scale, docs/performance.md)."""
    return Case(
        When(**{f"{later}__lte": earlier + datetime.timedelta(days=days)}, then=Value(0)),
        When(**{f"{later}__gt": earlier + datetime.timedelta(days=days)}, then=Value(days + 1)),
        default=None,
        output_field=IntegerField(),
    )


def decision_clocks(
    start: datetime.date,
    end: datetime.date,
    team_id=None,
    *,
    decision_days: int,
    notification_days: int,
    by_worker: bool = True,
) -> list[dict]:
    """Decisions taken in [start, end] (a postponement is no decision), by the month of the decision, in one
    pass over them: `decision` (on a request: 0 when taken within `decision_days` of the request's receipt,
    decision_days + 1 when later; None for a decision on no request), `notification` (0 when notified within
    `notification_days` of the decision, notification_days + 1 when later, None while not notified) and, for
    one not notified yet, its decision date (`waiting_since`), with how many share them; per team, and per
    the dossier's social worker (`worker_id`) when `by_worker`."""
    waiting_since = Case(When(notified_on__isnull=True, then=F("decided_on")), default=None)
    return list(
        _grouped(
            _decisions(start, end, team_id),
            by_worker,
            decision=_bucket("decided_on", F("submission__request__received_on"), decision_days),
            notification=_bucket("notified_on", F("decided_on"), notification_days),
            waiting_since=waiting_since,
        )
    )


def committee_outcomes(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Decisions taken in [start, end] per month, kind of submission, outcome and urgency (postponements
    included: they are an outcome of a meeting)."""
    rows = Decision.objects.filter(decided_on__range=(start, end))
    if team_id:
        rows = rows.filter(submission__dossier__team_id=team_id)
    return list(
        rows.annotate(month=TruncMonth("decided_on"))
        .values("month", "outcome", "urgent", kind=F("submission__kind"))
        .annotate(count=Count("id"))
        .order_by()
    )


def hearings(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Hearings asked for in [start, end] per month and whether they were held (None: not yet)."""
    rows = Hearing.objects.filter(requested_on__range=(start, end))
    if team_id:
        rows = rows.filter(submission__dossier__team_id=team_id)
    return list(
        rows.annotate(month=TruncMonth("requested_on"))
        .values("month", "held")
        .annotate(count=Count("id"))
        .order_by()
    )


def appeals(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Appeals filed in [start, end] per month and the court's outcome as recorded ("" while pending)."""
    rows = Appeal.objects.filter(filed_on__range=(start, end))
    if team_id:
        rows = rows.filter(decision__submission__dossier__team_id=team_id)
    return list(
        rows.annotate(month=TruncMonth("filed_on"))
        .values("month", "outcome")
        .annotate(count=Count("id"))
        .order_by()
    )


def leefloon_grants(first_month: datetime.date, last_month: datetime.date, team_id=None) -> list[dict]:
    """The granted leefloon decisions (approved or amended) that run in some month from `first_month` through
    `last_month` (first days), grouped by team, monthly amount, the status of the dossier's newest GPMI and
    three months: the first month in the window the grant runs (`from_month`), its last month when it ends
    within the window (`to_month`, else None) and the month that GPMI was signed (`signed_month`, None: not
    signed; one signed over a year before the window counts as the month a year before it, one signed after
    it as the month after it). Months are all the subsidy rules look at (a grant runs in a month, a GPMI is
    signed by a month's end, its first year counts in months), and so thousands of grants fold into a few
    hundred rows. No person: reporting spreads them over the months and applies the rules. All teams always,
    as the subsidy rate depends on the OCMW's total; given a team, `in_team` says which are its. One query."""
    year_before = first_month.replace(year=first_month.year - 1)
    month_after = (last_month + datetime.timedelta(days=31)).replace(day=1)
    newest_gpmi = Gpmi.objects.filter(dossier_id=OuterRef("submission__dossier_id")).order_by(
        "-leefloon_granted_on", "-created_at"
    )
    signed_month = Case(
        When(signed_on__lt=year_before, then=Value(year_before)),
        When(signed_on__gte=month_after, then=Value(month_after)),
        default=TruncMonth("signed_on"),
        output_field=DateField(),
    )
    monthly = Case(
        When(frequency=Frequency.YEARLY, then=F("amount") / Decimal(12)),
        default=F("amount"),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    rows = list(
        Decision.objects.filter(
            Q(period_end__isnull=True) | Q(period_end__gte=first_month),
            submission__kind=SubmissionKind.LEEFLOON_GRANT,
            outcome__in=GRANTED,
            period_start__lt=month_after,
        )
        .annotate(
            in_team=Case(When(submission__dossier__team_id=team_id, then=True), default=False)
            if team_id
            else Value(True),
            monthly_amount=monthly,
            from_month=Case(
                When(period_start__lt=first_month, then=Value(first_month)),
                default=TruncMonth("period_start"),
                output_field=DateField(),
            ),
            to_month=Case(
                When(period_end__lt=month_after, then=TruncMonth("period_end")),
                default=None,
                output_field=DateField(),
            ),
            gpmi_status=Subquery(newest_gpmi.values("status")[:1]),
            signed_month=Subquery(newest_gpmi.annotate(month=signed_month).values("month")[:1]),
        )
        .values("in_team", "monthly_amount", "gpmi_status", "from_month", "to_month", "signed_month")
        .annotate(count=Count("id"))
        .order_by()
    )
    for row in rows:
        for key in ("from_month", "to_month", "signed_month"):
            row[key] = as_date(row[key])
    return rows
