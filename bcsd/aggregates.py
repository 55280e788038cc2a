"""Counts of the committee's work for reporting: no personal data, not access-logged, restricted dossiers
included. Rows of counts grouped by month, team and the dossier's social worker; the rules (30 days, 8 days,
the subsidy) are reporting's (reporting.rules), applied to these histograms."""

import datetime
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
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


def decision_delays(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Decisions on a request taken in [start, end] (a postponement is no decision), by the month of the
    decision: the days from the request's receipt to the decision (`delay`, a timedelta) and how many."""
    rows = _decisions(start, end, team_id).filter(submission__request__isnull=False)
    delay = ExpressionWrapper(
        F("decided_on") - F("submission__request__received_on"), output_field=DurationField()
    )
    return list(_grouped(rows, delay=delay))


def notification_delays(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Decisions taken in [start, end] and their notification: the days from decision to notification
    (`delay`; None while not notified) and, for one not notified yet, its decision date (`waiting_since`)."""
    delay = ExpressionWrapper(F("notified_on") - F("decided_on"), output_field=DurationField())
    waiting_since = Case(When(notified_on__isnull=True, then=F("decided_on")), default=None)
    return list(_grouped(_decisions(start, end, team_id), delay=delay, waiting_since=waiting_since))


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


def leefloon_beneficiaries(months: list[tuple[datetime.date, datetime.date, datetime.date]]) -> list[dict]:
    """Per month (first day, last day, and the earliest signing date that still makes the month part of a
    GPMI's first year): the dossiers with a granted leefloon running in that month, per team, the state of
    their newest GPMI that month (signed by then, exempted, draft, or "none") and whether the month is in that
    GPMI's first year; with the monthly amounts granted. All teams always: the subsidy rate depends on the
    OCMW's total. One query per month."""
    newest_gpmi = Gpmi.objects.filter(dossier_id=OuterRef("submission__dossier_id")).order_by(
        "-leefloon_granted_on", "-created_at"
    )
    monthly = Case(
        When(frequency=Frequency.YEARLY, then=F("amount") / Decimal(12)),
        default=F("amount"),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    grants = Decision.objects.filter(
        submission__kind=SubmissionKind.LEEFLOON_GRANT, outcome__in=GRANTED, period_start__isnull=False
    ).annotate(
        gpmi_status=Subquery(newest_gpmi.values("status")[:1]),
        gpmi_signed_on=Subquery(newest_gpmi.values("signed_on")[:1]),
        team_id=F("submission__dossier__team_id"),
    )
    result = []
    for first, last, first_year_since in months:
        rows = (
            grants.filter(Q(period_end__isnull=True) | Q(period_end__gte=first), period_start__lte=last)
            .annotate(
                gpmi_state=Case(
                    When(gpmi_signed_on__lte=last, then=Value("signed")),
                    When(gpmi_status="exempted", then=Value("exempted")),
                    When(gpmi_status__isnull=False, then=Value("draft")),
                    default=Value("none"),
                    output_field=CharField(),
                ),
                first_gpmi_year=Case(
                    When(gpmi_signed_on__lte=last, gpmi_signed_on__gte=first_year_since, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
            )
            .values("team_id", "gpmi_state", "first_gpmi_year")
            .annotate(beneficiaries=Count("submission__dossier_id", distinct=True), amount=Sum(monthly))
            .order_by()
        )
        result += [{"month": first, **row} for row in rows]
    return result
