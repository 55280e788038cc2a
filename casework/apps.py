from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Sociaal dossier")

    def ready(self):
        from casework.dossiers import (
            reads,
            tasks,  # noqa: F401 - registers the Celery tasks of the packages
        )
        from casework.dossiers.client_access import DossierClientAccess
        from casework.inquiry.models import KszService
        from casework.obligations import tasks as obligation_tasks  # noqa: F401
        from clients.ledger import ksz_what_labels, ledger_codes_register
        from clients.policy import use_dossier_access

        # The registry asks casework about a person's dossiers; it never imports casework itself.
        use_dossier_access(DossierClientAccess())
        # The ledger shows casework's codes in the reader's language.
        ledger_codes_register(what={**reads.LABELS, **ksz_what_labels(KszService.choices)})
