"""The dossier's statuses: an open dossier is closed with a reason; a closed one stays closed (a new service
episode is a new dossier)."""

from django.utils.translation import gettext_lazy as _

from casework import policy
from core.workflow import Restriction, Workflow

DOSSIER_WORKFLOW = Workflow(
    # The only refused move is closing a closed dossier: the refusal says so.
    refusal=_("Dit dossier is al afgesloten."),
    moves={"open": ("closed",), "closed": ()},
    restrictions={
        "closed": Restriction(
            may=policy.may_close,
            refusal=_("Met een noodtoegang kunt u een dossier lezen en aanvullen, niet afsluiten."),
        )
    },
)
