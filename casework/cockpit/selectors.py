"""What the dossier page shows, read through the dossier's access check and logged once."""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.utils import timezone

from casework import policy
from casework.contacts.models import Contact
from casework.contacts.selectors import day_start
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get
from casework.helpplan.models import HelpPlanGoal
from casework.policy import Access
from casework.register.models import AidRequest
from casework.timeline.selectors import timeline_events_before
from clients.models import HouseholdMember
from clients.selectors import bank_account_changes_unseen

# Requests still waiting for a decision: their decision_due is the dossier's legal clock on the caseload.
WAITING_FOR_A_DECISION = ("registered", "in_inquiry", "proposed")


# The newest entries of the timeline on the dossier page; older ones come on demand ("Meer tonen"), a page at
# a time, so that a dossier with 1,400 contacts costs what one with 50 costs.
TIMELINE_PAGE = 50
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class TimelineCursor:
    """Where a page of the timeline starts: the entries strictly older than (occurred_at, id), newest first.
    In a URL: microseconds since 1970 and the id's hex, e.g. 1764688800000000_9f0c…"""

    occurred_at: datetime.datetime
    id: uuid.UUID

    def __str__(self) -> str:
        micros = (self.occurred_at - _EPOCH) // datetime.timedelta(microseconds=1)
        return f"{micros}_{self.id.hex}"

    @classmethod
    def parse(cls, value: str | None) -> "TimelineCursor | None":
        """None for a missing or malformed cursor (the newest page), never an error."""
        try:
            micros, hex_id = (value or "").split("_")
            return cls(_EPOCH + datetime.timedelta(microseconds=int(micros)), uuid.UUID(hex=hex_id))
        except (ValueError, OverflowError):
            return None


@dataclass(frozen=True)
class TimelineFilter:
    """What the worker narrows the timeline to; empty, the whole timeline. A channel leaves out the events of
    the other apps (they have none); the author of an event is who recorded it."""

    channel: str | None = None
    author: str | None = None  # a username
    from_date: datetime.date | None = None
    to_date: datetime.date | None = None

    def __bool__(self) -> bool:
        return any((self.channel, self.author, self.from_date, self.to_date))

    def query(self) -> dict:
        """The filter as the dossier page's GET parameters (the paging links keep it)."""
        values = {
            "filter-kanaal": self.channel,
            "filter-auteur": self.author,
            "filter-van": self.from_date and self.from_date.strftime("%d/%m/%Y"),
            "filter-tot": self.to_date and self.to_date.strftime("%d/%m/%Y"),
        }
        return {name: value for name, value in values.items() if value}

    def period_q(self) -> Q:
        # Whole local days: from the start of "from" to the start of the day after "to" (index-friendly).
        period = Q()
        if self.from_date:
            period &= Q(occurred_at__gte=day_start(self.from_date))
        if self.to_date:
            period &= Q(occurred_at__lt=day_start(self.to_date + datetime.timedelta(days=1)))
        return period


def _before(cursor: TimelineCursor | None) -> Q:
    if cursor is None:
        return Q()
    return Q(occurred_at__lt=cursor.occurred_at) | Q(occurred_at=cursor.occurred_at, id__lt=cursor.id)


def timeline_page(
    *,
    user,
    dossier: Dossier,
    before: TimelineCursor | None = None,
    limit: int = TIMELINE_PAGE,
    only: TimelineFilter | None = None,
):
    """One page of the timeline of a dossier already read (and logged) with full access: its contacts the user
    may read and the events of the other apps, newest first, narrowed to `only`, and the cursor of the next
    page (None at the end). Two queries of at most limit + 1 rows each (index contact_dossier_time,
    timeline_dossier_time); one when a channel is chosen."""
    only = only or TimelineFilter()
    contacts = Contact.objects.filter(dossier=dossier).filter(policy.confidential_visible_q(user, dossier))
    if only.channel:
        contacts = contacts.filter(channel=only.channel)
    if only.author:
        contacts = contacts.filter(author__username=only.author)
    contacts = list(
        contacts.filter(only.period_q())
        .filter(_before(before))
        .select_related("author")
        .order_by("-occurred_at", "-id")[: limit + 1]
    )
    events = []
    if not only.channel:
        narrowed = _before(before) & only.period_q()
        if only.author:
            narrowed &= Q(recorded_by__username=only.author)
        events = timeline_events_before(dossier=dossier, before=narrowed, limit=limit + 1)
    merged = sorted([*contacts, *events], key=lambda item: (item.occurred_at, item.id), reverse=True)
    items, more = merged[:limit], len(merged) > limit
    following = TimelineCursor(items[-1].occurred_at, items[-1].id) if more else None
    return items, following


def dossier_page(
    *, user, dossier_id, before: TimelineCursor | None = None, only: TimelineFilter | None = None
) -> Dossier:
    """Everything the dossier page shows, read (and logged) once: the dossier with its client, its requests
    and, for those with full access, the newest page of the timeline of contacts they may read."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="dossier_page")
    dossier.requests_list = list(
        AidRequest.objects.filter(dossier=dossier).order_by("-received_on", "-created_at")
    )
    today = timezone.localdate()
    for aid_request in dossier.requests_list:
        waiting = aid_request.status in WAITING_FOR_A_DECISION
        aid_request.days_left, aid_request.days_late = _days_left_and_late(
            aid_request.decision_due if waiting else None, today
        )
    dossier.overdue_requests = sum(1 for r in dossier.requests_list if r.days_late)
    # The overview: counts and statuses only (the members' names are read on the household screen).
    dossier.household_size = HouseholdMember.objects.filter(
        Q(to_date__isnull=True) | Q(to_date__gte=today), client=dossier.client, from_date__lte=today
    ).count()
    dossier.client_age = _age(dossier.client.birth_date, today)
    dossier.goals = list(
        HelpPlanGoal.objects.filter(plan__dossier=dossier).order_by("priority", "id")
        if dossier.access is Access.FULL
        else []
    )
    dossier.bank_account_changes = bank_account_changes_unseen(client=dossier.client)
    dossier.timeline, dossier.timeline_next = [], None
    if dossier.access is Access.FULL:
        dossier.timeline, dossier.timeline_next = timeline_page(
            user=user, dossier=dossier, before=before, only=only
        )
        dossier.timeline_authors = timeline_authors(dossier)
    return dossier


def timeline_authors(dossier: Dossier) -> list[tuple[str, str]]:
    """[(username, name)] of whoever wrote a contact in the dossier, for the timeline's author filter."""
    found = (
        Contact.objects.filter(dossier=dossier)
        .values_list("author__username", "author__first_name", "author__last_name")
        .distinct()
        .order_by("author__first_name", "author__last_name")
    )
    return [(username, f"{first} {last}".strip() or username) for username, first, last in found]


def _days_left_and_late(due, today) -> tuple[int | None, int]:
    """Days until a deadline (None without one) and the days it is past (0 when it is not)."""
    if due is None:
        return None, 0
    left = (due - today).days
    return left, max(0, -left)


def _age(birth_date, today) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def timeline_more(*, user, dossier_id, before: TimelineCursor | None, only: TimelineFilter | None = None):
    """The next page of a dossier's timeline ("Meer tonen"), or its first page after a change of the filters:
    the dossier read and logged as its contacts."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="contacts", minimum=Access.FULL)
    items, following = timeline_page(user=user, dossier=dossier, before=before, only=only)
    return dossier, items, following


def next_decision_due():
    """The dossier's nearest decision deadline, as an expression the caseload can sort on."""
    waiting = AidRequest.objects.filter(dossier=OuterRef("pk"), status__in=WAITING_FOR_A_DECISION)
    return Subquery(waiting.order_by("decision_due").values("decision_due")[:1])


def caseload_facts(page: list) -> list:
    """Per dossier of a caseload page: the requests waiting for a decision, the nearest deadline and the days
    left, and the last contact; two queries for the whole page."""
    ids = [dossier.pk for dossier in page]
    waiting = {
        row["dossier_id"]: row
        for row in AidRequest.objects.filter(dossier_id__in=ids, status__in=WAITING_FOR_A_DECISION)
        .values("dossier_id")
        .annotate(count=Count("pk"), due=Min("decision_due"))
    }
    last_contacts = dict(
        Contact.objects.filter(dossier_id__in=ids)
        .values("dossier_id")
        .annotate(last=Max("occurred_at"))
        .values_list("dossier_id", "last")
    )
    today = timezone.localdate()
    for dossier in page:
        row = waiting.get(dossier.pk, {})
        dossier.waiting_requests = row.get("count", 0)
        dossier.next_deadline = row.get("due")
        dossier.days_left, dossier.days_late = _days_left_and_late(dossier.next_deadline, today)
        dossier.last_contact = last_contacts.get(dossier.pk)
    return page
