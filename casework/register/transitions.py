"""The statuses of a request (aanvraag), who may move it, and the one refusal. The request page asks the same
table which buttons to show."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.workflow import Restriction, Workflow


def _by_the_committee(user, aid_request) -> bool:
    # Decisions and their notification are recorded by the committee's secretary (bcsd), not from the dossier.
    return user.has_role(Role.COMMITTEE_SECRETARY)


BY_THE_COMMITTEE = Restriction(
    may=_by_the_committee,
    refusal=_("Beslissingen en kennisgevingen worden geregistreerd door het secretariaat."),
)

REQUEST_WORKFLOW = Workflow(
    refusal=_("Een aanvraag met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s."),
    moves={
        "registered": ("in_inquiry", "forwarded", "withdrawn"),
        "in_inquiry": ("proposed", "forwarded", "withdrawn"),
        "proposed": ("decided", "in_inquiry", "withdrawn"),
        "decided": ("notified",),
        "notified": (),
        "forwarded": (),
        "withdrawn": (),
    },
    restrictions={"decided": BY_THE_COMMITTEE, "notified": BY_THE_COMMITTEE},
)
