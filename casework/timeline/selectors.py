"""Reads of the timeline, for a page that already read (and logged) the dossier."""

from django.db.models import Q

from casework.dossiers.models import Dossier
from casework.timeline.models import TimelineEvent


def timeline_events_of(*, dossier: Dossier) -> list[TimelineEvent]:
    return list(TimelineEvent.objects.filter(dossier=dossier).select_related("recorded_by"))


def timeline_events_before(*, dossier: Dossier, before: Q, limit: int) -> list[TimelineEvent]:
    """The newest `limit` events older than the cursor `before` (a filter on occurred_at and id)."""
    events = TimelineEvent.objects.filter(dossier=dossier).filter(before).select_related("recorded_by")
    return list(events.order_by("-occurred_at", "-id")[:limit])
