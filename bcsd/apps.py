from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BcsdConfig(AppConfig):
    name = "bcsd"
    verbose_name = "BCSD"

    def ready(self):
        from bcsd import reads, tasks  # noqa: F401 - registers the Celery tasks
        from clients.ledger import ledger_codes_register

        # The ledger shows the committee's codes in the reader's language.
        ledger_codes_register(what=reads.LABELS, purposes={reads.COMMITTEE: _("voorbereiding BCSD")})
