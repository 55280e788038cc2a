"""What the committee writes in the privacy ledger: codes and labels (registered in BcsdConfig.ready)."""

from django.utils.translation import gettext_lazy as _

# The purpose of a committee member's or the secretary's read: preparing or holding a meeting.
COMMITTEE = "committee"

LABELS = {
    "bcsd_agenda": _("agenda BCSD"),
    "bcsd_meetings": _("zittingen BCSD"),
    "bcsd_submission": _("voorstel aan het BCSD (bevroren)"),
    "bcsd_submission_write": _("voorstel aan het BCSD"),
    "bcsd_decision": _("beslissing BCSD"),
    "bcsd_letter": _("kennisgevingsbrief BCSD"),
    "bcsd_minutes": _("notulen BCSD"),
    "bcsd_hearing": _("hoorzitting"),
}
