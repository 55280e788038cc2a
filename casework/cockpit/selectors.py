"""What the dossier page shows, read through the dossier's access check and logged once."""

from casework import policy
from casework.contacts.models import Contact
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from casework.register.models import AidRequest


def dossier_page(*, user, dossier_id) -> Dossier:
    """Everything the dossier page shows, read (and logged) once: the dossier with its client, its requests
    and, for those with full access, the timeline of contacts they may read."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="dossier_page")
    dossier.requests_list = list(
        AidRequest.objects.filter(dossier=dossier).order_by("-received_on", "-created_at")
    )
    dossier.timeline = []
    if dossier.access is Access.FULL:
        dossier.timeline = list(
            Contact.objects.filter(dossier=dossier)
            .filter(policy.confidential_visible_q(user, dossier))
            .select_related("author")
        )
    return dossier
