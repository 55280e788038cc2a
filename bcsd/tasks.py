"""The committee's side effects, run after commit through the outbox (core.outbox)."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from bcsd.models import Meeting


@shared_task(
    name="bcsd.tasks.meeting_agenda_notify", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def meeting_agenda_notify(meeting_id: str) -> int:
    """Tell the members their agenda is ready (no personal data in the mail: they read it in the portal)."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    subject = _("BCSD: de agenda van %(date)s staat klaar") % {"date": meeting.date.strftime("%d/%m/%Y")}
    body = _("De agenda en de dossiers van de zitting van %(date)s staan klaar in Casework.") % {
        "date": meeting.date.strftime("%d/%m/%Y")
    }
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [member.email])
        for member in meeting.members.all()
        if member.email
    ]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
