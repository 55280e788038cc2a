from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import policy
from casework.contacts.models import Contact
from casework.dossiers.models import Dossier
from core.dates import check_event_moment
from core.errors import DomainError, NotFoundError
from core.history import save_with_history


@transaction.atomic
def contact_record(
    *,
    actor,
    dossier: Dossier,
    channel: str,
    summary: str,
    occurred_at=None,
    duration_minutes: int | None = None,
    participants: str = "",
    confidential: bool = False,
    findings: str = "",
) -> Contact:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    if not summary.strip():
        raise DomainError(_("Een contact heeft een samenvatting nodig."), field="summary")
    occurred_at = occurred_at or timezone.now()
    check_event_moment(
        occurred_at, field="occurred_at", future_message=_("Een contact kan niet in de toekomst liggen.")
    )
    contact = Contact(
        dossier=dossier,
        channel=channel,
        summary=summary.strip(),
        findings=findings.strip(),
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        participants=participants.strip(),
        confidential=confidential,
        author=actor,
    )
    save_with_history(contact, actor=actor, reason="contact_record", force_insert=True)
    return contact
