import datetime

from django.db.models import QuerySet
from django.utils import timezone

from casework import policy
from casework.contacts.models import Contact
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access


def contact_list(
    *, user, dossier_id, channel=None, author=None, occurred_from=None, occurred_to=None
) -> tuple[Dossier, QuerySet]:
    """The dossier's contacts the user may read (confidential notes only for those allowed), newest first;
    optionally of one channel, by one author (username), within a period of whole days."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="contacts", minimum=Access.FULL)
    contacts = (
        Contact.objects.filter(dossier=dossier)
        .filter(policy.confidential_visible_q(user, dossier))
        .select_related("author")
    )
    if channel:
        contacts = contacts.filter(channel=channel)
    if author:
        contacts = contacts.filter(author__username=author)
    if occurred_from:
        contacts = contacts.filter(occurred_at__gte=day_start(occurred_from))
    if occurred_to:
        contacts = contacts.filter(occurred_at__lt=day_start(occurred_to + datetime.timedelta(days=1)))
    return dossier, contacts


def day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of a local day: a period of whole days as a range on a timestamp (index-friendly)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
