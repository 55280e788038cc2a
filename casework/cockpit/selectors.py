"""What the dossier page shows, read through the dossier's access check and logged once."""

from casework import policy
from casework.contacts.models import Contact
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from casework.register.models import AidRequest
from casework.timeline.selectors import timeline_events_of
from clients.selectors import bank_account_changes_unseen


def dossier_page(*, user, dossier_id) -> Dossier:
    """Everything the dossier page shows, read (and logged) once: the dossier with its client, its requests
    and, for those with full access, the timeline of contacts they may read."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="dossier_page")
    dossier.requests_list = list(
        AidRequest.objects.filter(dossier=dossier).order_by("-received_on", "-created_at")
    )
    dossier.bank_account_changes = bank_account_changes_unseen(client=dossier.client)
    dossier.timeline = []
    if dossier.access is Access.FULL:
        contacts = list(
            Contact.objects.filter(dossier=dossier)
            .filter(policy.confidential_visible_q(user, dossier))
            .select_related("author")
        )
        events = timeline_events_of(dossier=dossier)
        # Contacts and events of the other apps, newest first; the template tells them apart.
        dossier.timeline = sorted([*contacts, *events], key=lambda item: item.occurred_at, reverse=True)
    return dossier
