from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Medewerkers en teams")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_activity_touch

        # The idle clock of a session starts when it signs in (session bookkeeping, no business rule).
        user_logged_in.connect(
            lambda sender, request, user, **kwargs: session_activity_touch(request),
            dispatch_uid="accounts.session_activity_on_login",
            weak=False,
        )
