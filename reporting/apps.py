from django.apps import AppConfig
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Rapportering"

    def ready(self):
        from clients.ledger import ledger_codes_register
        from reporting import tasks  # noqa: F401 - registers the Celery tasks
        from reporting.models import ExportKind

        ledger_codes_register(
            what={
                f"report_export_{kind}": format_lazy("{}: {}", _("export"), label)
                for kind, label in ExportKind.choices
            },
            purposes={"report_export": _("export van cijfers voor de rapportering")},
        )
