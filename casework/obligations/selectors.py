"""Reads of the worklist. A person sees their own obligations; a team lead also their team's; the head of
service every team's. An obligation of a restricted dossier is shown to others only when they are on its list.
Another team's obligation is 404, like one that does not exist."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import Role
from casework.dossiers.models import Dossier
from casework.obligations.models import OPEN_STATES, Obligation
from core.errors import NotFoundError
from core.ids import uuid_or_404

PERIODS = ("overdue", "this_week", "later")
PERIOD_CHOICES = [(period, period) for period in PERIODS]


def _not_restricted_for(user) -> Q:
    on_their_list = Dossier.restricted_to.through.objects.filter(user=user).order_by().values("dossier_id")
    return Q(dossier__isnull=True) | Q(dossier__restricted=False) | Q(dossier_id__in=on_their_list)


def _others_visible_q(user) -> Q:
    """Other people's obligations the user may see (besides their own)."""
    if user.has_role(Role.HEAD_OF_SERVICE):
        return _not_restricted_for(user)
    if user.has_role(Role.TEAM_LEAD) and user.team_id is not None:
        return (Q(team_id=user.team_id) | Q(responsible__team_id=user.team_id)) & _not_restricted_for(user)
    return Q(pk__in=[])


def _visible_q(user) -> Q:
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(responsible=user) | _others_visible_q(user)


def worklist(
    *,
    user,
    kind: str | None = None,
    person: str | None = None,
    team: str | None = None,
    period: str | None = None,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
    today: datetime.date | None = None,
) -> QuerySet:
    """Open obligations, most urgent first (the earliest due date; overdue ones come first by themselves).
    Without `person` or `team`: the caller's own. Nothing of a closed dossier (its clocks stopped)."""
    today = today or timezone.localdate()
    obligations = (
        Obligation.objects.filter(state__in=OPEN_STATES)
        .filter(Q(dossier__isnull=True) | Q(dossier__status="open"))
        .filter(_visible_q(user))
        .select_related("responsible", "team", "dossier__client")
        .order_by("due_on", "kind", "id")
    )
    if person:
        obligations = obligations.filter(responsible__username=person)
    elif team:
        obligations = obligations.filter(team__code=team)
    else:
        obligations = obligations.filter(responsible=user)
    if kind:
        obligations = obligations.filter(kind=kind)
    week_end = today + datetime.timedelta(days=7)
    if period == "overdue":
        obligations = obligations.filter(due_on__lt=today)
    elif period == "this_week":
        obligations = obligations.filter(due_on__gte=today, due_on__lte=week_end)
    elif period == "later":
        obligations = obligations.filter(due_on__gt=week_end)
    if due_from:
        obligations = obligations.filter(due_on__gte=due_from)
    if due_to:
        obligations = obligations.filter(due_on__lte=due_to)
    return obligations


def obligation_visible_to(*, user, obligation_id, for_update: bool = False) -> Obligation:
    obligations = Obligation.objects.filter(_visible_q(user))
    if for_update:
        obligations = obligations.select_for_update(of=("self",))
    obligation = obligations.select_related("responsible").filter(pk=uuid_or_404(obligation_id)).first()
    if obligation is None:
        raise NotFoundError()
    return obligation


def team_counts(*, user, today: datetime.date | None = None) -> list[dict]:
    """The head of service's view: per team, how many open obligations are overdue, due this week, later.
    Counts only: no person is read."""
    if not user.has_role(Role.HEAD_OF_SERVICE):
        return []
    today = today or timezone.localdate()
    week_end = today + datetime.timedelta(days=7)
    rows = (
        Obligation.objects.filter(state__in=OPEN_STATES)
        .filter(Q(dossier__isnull=True) | Q(dossier__status="open"))
        .values("team__code", "team__name")
        .annotate(
            overdue=Count("id", filter=Q(due_on__lt=today)),
            this_week=Count("id", filter=Q(due_on__gte=today, due_on__lte=week_end)),
            later=Count("id", filter=Q(due_on__gt=week_end)),
        )
        .order_by("team__name")
    )
    return list(rows)
