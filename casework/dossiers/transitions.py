"""The dossier's statuses: an open dossier is closed with a reason; a closed one stays closed (a new service
episode is a new dossier)."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Workflow

DOSSIER_WORKFLOW = Workflow(
    # The only refused move is closing a closed dossier: the refusal says so.
    refusal=_("Dit dossier is al afgesloten."),
    moves={"open": ("closed",), "closed": ()},
)
