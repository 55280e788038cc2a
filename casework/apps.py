from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Sociaal dossier")

    def ready(self):
        from casework.dossiers import tasks  # noqa: F401 - registers the Celery tasks of the packages
        from casework.dossiers.client_access import DossierClientAccess
        from clients.policy import use_dossier_access

        # The registry asks casework about a person's dossiers; it never imports casework itself.
        use_dossier_access(DossierClientAccess())
