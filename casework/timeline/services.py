"""The one write of the timeline. Apps above casework (the committee, activation) call it when something
happens in a dossier that its social worker must see; casework never imports them."""

from django.db import transaction
from django.utils.translation import gettext as _

from casework.dossiers.models import Dossier
from casework.timeline.models import TimelineEvent
from core.dates import check_event_moment
from core.errors import DomainError
from core.history import save_with_history


@transaction.atomic
def timeline_event_record(
    *, actor, dossier: Dossier, kind: str, title: str, detail: str = "", link: str = "", occurred_at=None
) -> TimelineEvent:
    """Record an event; the caller has checked that the actor may act on the dossier (its own rules)."""
    if not title.strip():
        raise DomainError(_("Een gebeurtenis heeft een titel nodig."), field="title")
    check_event_moment(occurred_at, field="occurred_at")
    event = TimelineEvent(
        dossier=dossier,
        kind=kind,
        title=title.strip()[:200],
        detail=detail.strip(),
        link=link,
        recorded_by=actor,
    )
    if occurred_at is not None:
        event.occurred_at = occurred_at
    save_with_history(event, actor=actor, reason=f"timeline_event_record:{kind}", force_insert=True)
    return event
