"""Counts of casework for reporting: no personal data, not access-logged, restricted dossiers included
(architecture: reporting reads aggregates). Each function returns rows of counts grouped by month (and, for
the forwarding deadline, by team and the dossier's social worker), so that the KPI rules (reporting.rules)
are applied in Python on a histogram whose size does not grow with the data."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, DurationField, ExpressionWrapper, F
from django.db.models.functions import TruncMonth

from casework.dossiers.models import Dossier, DossierStatus
from casework.register.models import AidRequest


def _in_team(queryset, team_id, path="dossier__team_id"):
    return queryset.filter(**{path: team_id}) if team_id else queryset


def _days(later, earlier):
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def forwarding_delays(
    start: datetime.date, end: datetime.date, team_id=None, *, by_worker=True
) -> list[dict]:
    """Requests forwarded to another OCMW in [start, end], by the month of forwarding: the days from receipt
    to forwarding (`delay`, a timedelta) and how many; per team, and per social worker when `by_worker`."""
    rows = _in_team(AidRequest.objects.filter(forwarded_on__range=(start, end)), team_id)
    worker = {"worker_id": F("dossier__social_worker_id")} if by_worker else {}
    return list(
        rows.annotate(
            month=TruncMonth("forwarded_on"),
            team_id=F("dossier__team_id"),
            delay=_days("forwarded_on", "received_on"),
            **worker,
        )
        .values("month", "team_id", "delay", *worker)
        .annotate(count=Count("id"))
        .order_by()
    )


def requests_per_kind(start: datetime.date, end: datetime.date, team_id=None) -> list[dict]:
    """Requests received in [start, end] per month of receipt and kind."""
    rows = _in_team(AidRequest.objects.filter(received_on__range=(start, end)), team_id)
    return list(
        rows.annotate(month=TruncMonth("received_on"))
        .values("month", "kind")
        .annotate(count=Count("id"))
        .order_by()
    )


def open_caseload(team_id=None) -> list[dict]:
    """Open dossiers today per team and social worker (worker None: not assigned)."""
    rows = Dossier.objects.filter(status=DossierStatus.OPEN)
    if team_id:
        rows = rows.filter(team_id=team_id)
    return list(
        rows.values("team_id", worker_id=F("social_worker_id")).annotate(count=Count("id")).order_by()
    )


def active_social_workers(team_id=None) -> list[dict]:
    """The active staff with the social-worker role, per team: id, team, username and name (staff, not
    clients). The role list is JSON; the filter is done here on a few hundred rows at most."""
    users = get_user_model().objects.filter(is_active=True, team__isnull=False)
    if team_id:
        users = users.filter(team_id=team_id)
    return [
        {
            "id": user.pk,
            "team_id": user.team_id,
            "username": user.username,
            "name": user.get_full_name() or user.username,
        }
        for user in users.only("id", "team_id", "first_name", "last_name", "username", "roles")
        if "social_worker" in user.roles
    ]
