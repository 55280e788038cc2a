"""Reads of the timeline, for a page that already read (and logged) the dossier."""

from casework.dossiers.models import Dossier
from casework.timeline.models import TimelineEvent


def timeline_events_of(*, dossier: Dossier) -> list[TimelineEvent]:
    return list(TimelineEvent.objects.filter(dossier=dossier).select_related("recorded_by"))
