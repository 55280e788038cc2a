from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Gedeelde basis")

    def ready(self):
        from core import lookups  # noqa: F401  (registers `__any_of` on UUID fields)
