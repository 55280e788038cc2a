"""Password rules in Dutch, and what follows a password change (docs/decisions/0031, 0033)."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's check, with the Dutch message its own Dutch catalogue lacks."""

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken bevatten.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")

    def get_help_text(self):
        return ngettext(
            "Uw wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Uw wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}


class RevokeApiTokensOnPasswordChange:
    """Not a check: Django calls `password_changed` of every configured validator whenever a password is saved
    (the password change page, create_staff, the admin, `manage.py changepassword`). A changed password
    revokes every API token of the user, so a token taken with the old password stops working; the other web
    sessions end by Django's own session hash."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.pk:
            from accounts.services import api_tokens_revoke

            api_tokens_revoke(user=user)

    def get_help_text(self):
        return _("Na een wijziging van uw wachtwoord werken uw API-tokens niet meer.")
