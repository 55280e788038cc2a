from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    name = "clients"
    verbose_name = _("Cliënten")

    def ready(self):
        from clients import tasks  # noqa: F401 - registers the ledger's Celery tasks
        from clients.database_roles import after_migrate

        # History tables of every app are append-only like the ledger: checked after every migrate, so that a
        # table added by a later migration is protected too (clients.database_roles).
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="clients-history-append-only")
