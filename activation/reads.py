"""What activation writes in the privacy ledger: language-neutral codes and their labels, registered with the
ledger when the app starts (ActivationConfig.ready), shown in the reader's language."""

from django.utils.translation import gettext_lazy as _

TRAJECTORY_BOARD = "trajectory_board"

LABELS = {
    TRAJECTORY_BOARD: _("trajectenbord"),
    "screening": _("screening activering"),
    "screening_record": _("screening vastleggen"),
    "trajectory": _("activeringstraject"),
    "trajectory_start": _("activeringstraject starten"),
    "trajectory_phase_change": _("fase wijzigen"),
    "trajectory_measure": _("maatregel vastleggen"),
    "trajectory_monitoring": _("opvolgcontact vastleggen"),
    "gpmi": _("GPMI"),
    "gpmi_create": _("GPMI opmaken"),
    "gpmi_update": _("GPMI wijzigen"),
    "gpmi_evaluate": _("GPMI evalueren"),
    "gpmi_warning": _("verwittiging GPMI"),
    "gpmi_sanction": _("sanctievoorstel GPMI"),
    "group_activity": _("groepsactiviteit"),
}
