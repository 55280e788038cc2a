"""The statuses of a referral (closed loop: the partner answers, and the referral ends with its feedback)."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Workflow

# `proposed → declined` is allowed: the client may refuse a referral before it is sent, and it must not stay
# "proposed" (and on the worklist) for ever.
REFERRAL_WORKFLOW = Workflow(
    refusal=_(
        "Een doorverwijzing met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s."
    ),
    moves={
        "proposed": ("sent", "declined"),
        "sent": ("accepted", "declined"),
        "accepted": ("completed",),
        "declined": (),
        "completed": (),
    },
)
# Which date a move records: the day it was sent, answered by the partner, or completed.
REFERRAL_DATE_FIELDS = {
    "sent": "sent_on",
    "accepted": "answered_on",
    "declined": "answered_on",
    "completed": "completed_on",
}
