from django.db.models import QuerySet

from casework import policy
from casework.contacts.models import Contact
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access


def contact_list(*, user, dossier_id) -> tuple[Dossier, QuerySet]:
    """The dossier's contacts the user may read (confidential notes only for those allowed), newest first."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="contacts", minimum=Access.FULL)
    contacts = (
        Contact.objects.filter(dossier=dossier)
        .filter(policy.confidential_visible_q(user, dossier))
        .select_related("author")
    )
    return dossier, contacts
