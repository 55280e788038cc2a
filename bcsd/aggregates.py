"""Counts of the committee's work for reporting: no personal data, not access-logged, restricted dossiers
included. Rows of counts grouped by month, team and the dossier's social worker; the rules (30 days, 8 days,
the subsidy) are reporting's (reporting.rules), applied to these histograms."""

import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncMonth

from activation.models import Gpmi
from bcsd.models import Appeal, Decision, DecisionOutcome, Frequency, Hearing, SubmissionKind

GRANTED = (DecisionOutcome.APPROVED, DecisionOutcome.AMENDED)


def _decisions(start, end, team_id):
    rows = Decision.objects.filter(decided_on__range=(start, end)).exclude(outcome=DecisionOutcome.POSTPONED)
    return rows.filter(submission__dossier__team_id=team_id) if team_id else rows


def _grouped(rows, **annotations):
    return (
        rows.annotate(
            month=TruncMonth("decided_on"),
            team_id=F("submission__dossier__team_id"),
            worker_id=F("submission__dossier__social_worker_id"),
            **annotations,
        )
        .values("month", "team_id", "worker_id", *annotations)
        .annotate(count=Count("id"))
        .order_by()
    )


def _within(days_after: F, field: str, days: int | None, raw):
    """The delay as reporting's rule needs it: the days themselves, or, given the rule's number of days, 0 for
    within them and days + 1 beyond; a twelve-month window then groups into a few thousand rows instead of one
    per worker, month and number of days (the dashboard at scale, docs/performance.md)."""
    if days is None:
        return raw
    return Case(
        When(**{f"{field}__lte": days_after + datetime.timedelta(days=days)}, then=Value(0)),
        When(**{f"{field}__isnull": False}, then=Value(days + 1)),
        default=None,
        output_field=IntegerField(),
    )


def decision_delays(start: datetime.date, end: datetime.date, team_id=None, *, within=None) -> list[dict]:
    """Decisions on a request taken in [start, end] (a postponement is no decision), by the month of the
    decision: the days from the request's receipt to the decision (`delay`, a timedelta; or bucketed by
    `within` days, see _within) and how many."""
    rows = _decisions(start, end, team_id).filter(submission__request__isnull=False)
    delay = ExpressionWrapper(
        F("decided_on") - F("submission__request__received_on"), output_field=DurationField()
    )
    return list(
        _grouped(rows, delay=_within(F("submission__request__received_on"), "decided_on", within, delay))
    )


def notification_delays(start: datetime.date, end: datetime.date, team_id=None, *, within=None) -> list[dict]:
    """Decisions taken in [start, end] and their notification: the days from decision to notification
    (`delay`; None while not notified; or bucketed by `within` days) and, for one not notified yet, its
    decision date (`waiting_since`)."""
    delay = ExpressionWrapper(F("notified_on") - F("decided_on"), output_field=DurationField())
    waiting_since = Case(When(notified_on__isnull=True, then=F("decided_on")), default=None)
    return list(
        _grouped(
            _decisions(start, end, team_id),
            delay=_within(F("decided_on"), "notified_on", within, delay),
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
        rows.annotate(month=TruncMonth("decided_on"), team_id=F("submission__dossier__team_id"))
        .values("month", "team_id", "outcome", "urgent", kind=F("submission__kind"))
        .annotate(count=Count("id"))
        .order_by()
    )


def hearings(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Hearings asked for in [start, end] per month and whether they were held (None: not yet)."""
    rows = Hearing.objects.filter(requested_on__range=(start, end))
    if team_id:
        rows = rows.filter(submission__dossier__team_id=team_id)
    return list(
        rows.annotate(month=TruncMonth("requested_on"), team_id=F("submission__dossier__team_id"))
        .values("month", "team_id", "held")
        .annotate(count=Count("id"))
        .order_by()
    )


def appeals(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Appeals filed in [start, end] per month and the court's outcome as recorded ("" while pending)."""
    rows = Appeal.objects.filter(filed_on__range=(start, end))
    if team_id:
        rows = rows.filter(decision__submission__dossier__team_id=team_id)
    return list(
        rows.annotate(month=TruncMonth("filed_on"), team_id=F("decision__submission__dossier__team_id"))
        .values("month", "team_id", "outcome")
        .annotate(count=Count("id"))
        .order_by()
    )


def leefloon_grants() -> list[dict]:
    """The granted leefloon decisions (approved or amended), grouped by team, period, monthly amount and the
    status and signing date of the dossier's newest GPMI (None: none), with how many share them. No person:
    reporting spreads them over the months and applies the subsidy rules. All teams always: the subsidy rate
    depends on the OCMW's total. One query."""
    newest_gpmi = Gpmi.objects.filter(dossier_id=OuterRef("submission__dossier_id")).order_by(
        "-leefloon_granted_on", "-created_at"
    )
    monthly = Case(
        When(frequency=Frequency.YEARLY, then=F("amount") / Decimal(12)),
        default=F("amount"),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    return list(
        Decision.objects.filter(
            submission__kind=SubmissionKind.LEEFLOON_GRANT, outcome__in=GRANTED, period_start__isnull=False
        )
        .annotate(
            team_id=F("submission__dossier__team_id"),
            monthly_amount=monthly,
            gpmi_status=Subquery(newest_gpmi.values("status")[:1]),
            gpmi_signed_on=Subquery(newest_gpmi.values("signed_on")[:1]),
        )
        .values("team_id", "period_start", "period_end", "monthly_amount", "gpmi_status", "gpmi_signed_on")
        .annotate(count=Count("id"))
        .order_by()
    )
