"""What casework writes in the privacy ledger: language-neutral codes and their labels, registered with the
ledger when the app starts (CaseworkConfig.ready), shown in the reader's language."""

from django.utils.translation import gettext_lazy as _

DOSSIER_LIST = "dossier_list"
BREAK_GLASS = "break_glass"

LABELS = {
    "dossier": _("dossier"),
    DOSSIER_LIST: _("dossierlijst"),
    "worklist": _("mijn werk"),
    "dossier_page": _("dossierpagina"),
    "bank_account_change_seen": _("rekeningwijziging gezien"),
    BREAK_GLASS: _("noodtoegang"),
    "request": _("aanvraag"),
    "requests": _("aanvragen"),
    "request_register": _("aanvraag registreren"),
    "request_update": _("aanvraag wijzigen"),
    "receipt": _("ontvangstbewijs"),
    "inquiry": _("sociaal onderzoek"),
    "ksz_consultations": _("KSZ-raadplegingen"),
    "ksz_register": _("KSZ-raadpleging registreren"),
    "contacts": _("contacten"),
    "contact_register": _("contact registreren"),
    "debt": _("schuld"),
    "debts": _("schulden"),
    "debt_register": _("schuld noteren"),
    "payment_plan": _("afbetalingsplan"),
    "payment_plans": _("afbetalingsplannen"),
    "payment_plan_create": _("afbetalingsplan opstellen"),
    "payment_plan_update": _("afbetalingsplan wijzigen"),
    "instalment_register": _("afbetaling registreren"),
    "help_plan": _("hulpverleningsplan"),
    "help_plan_create": _("hulpverleningsplan opstellen"),
    "help_plan_update": _("hulpverleningsplan wijzigen"),
    "help_plan_evaluate": _("hulpverleningsplan evalueren"),
    "case_conference": _("cliëntoverleg"),
    "referral": _("doorverwijzing"),
    "referrals": _("doorverwijzingen"),
    "referral_update": _("doorverwijzing wijzigen"),
}
