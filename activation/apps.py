from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivationConfig(AppConfig):
    name = "activation"
    verbose_name = _("Activering")

    def ready(self):
        from activation import reads
        from clients.ledger import ledger_codes_register

        ledger_codes_register(what=reads.LABELS)
