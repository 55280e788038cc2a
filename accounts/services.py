import binascii
from base64 import b32decode

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from accounts.models import Notification, Role, Team, User
from core.errors import DomainError

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"


@transaction.atomic
def team_get_or_create(*, code: str, name: str | None = None) -> Team:
    team, _created = Team.objects.get_or_create(
        code=code, defaults={"name": name or code.replace("-", " ").title()}
    )
    return team


@transaction.atomic
def staff_upsert(
    *,
    username: str,
    password: str | None,
    roles: list[str],
    team_code: str | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    check_password_rules: bool = True,
) -> User:
    """Create or update a staff member; the team is created when it does not exist yet. The password must pass
    settings.AUTH_PASSWORD_VALIDATORS (`check_password_rules=False` only for the demo's published
    password)."""
    unknown = sorted(set(roles) - set(Role.values))
    if unknown:
        raise DomainError(_("Onbekende rol: %(roles)s.") % {"roles": ", ".join(unknown)})
    user = User.objects.filter(username=username).first() or User(username=username)
    user.roles = sorted(set(roles))
    user.team = team_get_or_create(code=team_code) if team_code else None
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.email = email or user.email
    user.is_staff = Role.ADMIN in roles
    user.is_superuser = Role.ADMIN in roles
    if password:
        if check_password_rules:
            # Django's validators, against the user's name and e-mail too.
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                raise DomainError(" ".join(error.messages), field="password") from error
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user._change_reason = "staff_upsert"
    user.save()
    return user


def notification_send(*, recipient: User, event_key: str, message: str, link: str = ""):
    """Create the notification once per event, so a retried task never notifies twice."""
    notification, _created = Notification.objects.get_or_create(
        event_key=event_key, defaults={"recipient": recipient, "message": message[:500], "link": link}
    )
    return notification


def notifications_mark_read(*, user) -> None:
    for notification in Notification.objects.filter(recipient=user, read_at__isnull=True):
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> None:
    """A staff member changes their own password. Saving it revokes their API tokens
    (accounts.passwords.RevokeApiTokensOnPasswordChange) and ends their other sessions (Django's session
    hash)."""
    if not user.check_password(old_password):
        raise DomainError(_("Uw huidige wachtwoord klopt niet."), field="old_password")
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="new_password") from error
    user.set_password(new_password)
    user._change_reason = "password_change"
    user.save()


# API tokens (django-rest-knox): only a hash is stored; the token itself is shown once, to the caller.


def api_token_issue(*, user: User) -> str:
    _token, key = AuthToken.objects.create(user=user)
    return key


def api_tokens_revoke(*, user: User) -> int:
    deleted, _per_model = AuthToken.objects.filter(user=user).delete()
    return deleted


# Second factor (django-otp): a TOTP device (an authenticator app) and a set of single-use recovery codes.


def totp_enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device of an enrolment under way: the same one on every reload, so that a QR code
    already scanned stays valid until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_enrolment_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the new device with a first code from the app; it replaces any earlier device. Returns new
    recovery codes, to be shown once."""
    if device.user_id != user.pk or device.confirmed:
        raise DomainError(_("Deze instelling is niet meer geldig. Begin opnieuw."), field="code")
    if not device.verify_token(_normalise_code(code)):
        raise DomainError(
            _("De code klopt niet. Controleer of de klok van uw telefoon juist staat en probeer opnieuw."),
            field="code",
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return recovery_codes_renew(user=user)


def totp_key_from_base32(secret_base32: str) -> bytes:
    """The key of a base32 secret as authenticator apps show it (spaces and lower case allowed)."""
    secret = "".join(secret_base32.split()).upper()
    try:
        key = b32decode(secret + "=" * (-len(secret) % 8))
    except (binascii.Error, ValueError) as error:
        raise DomainError(_("Het TOTP-geheim is geen geldige base32-tekst."), field="totp_secret") from error
    if len(key) < 10:
        raise DomainError(_("Het TOTP-geheim is te kort: minstens 16 base32-tekens."), field="totp_secret")
    return key


@transaction.atomic
def totp_register(*, user: User, secret_base32: str) -> TOTPDevice:
    """A confirmed TOTP device with a given secret (create_staff --totp-secret: provisioning and tests)."""
    key = totp_key_from_base32(secret_base32)
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=key.hex(), confirmed=True)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New single-use recovery codes; the earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


class SecondFactorThrottled(DomainError):
    """Too many wrong codes in a row: django-otp makes the device wait (doubling each time)."""

    status_code = 429


@transaction.atomic
def second_factor_verify(*, user: User, code: str):
    """The device that accepts this code (the app's current code, or an unused recovery code, which is then
    used up), or None. Raises SecondFactorThrottled while django-otp makes the device wait."""
    code = _normalise_code(code)
    if not code:
        return None
    devices = [
        *TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True),
        *StaticDevice.objects.select_for_update().filter(user=user, confirmed=True),
    ]
    waits = []
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            waits.append(details.get("locked_until"))
            continue
        if device.verify_token(code):
            return device
    if waits and len(waits) == len(devices):
        until = max((moment for moment in waits if moment), default=timezone.now())
        seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
        raise SecondFactorThrottled(
            _("Te veel foute codes na elkaar. Wacht %(seconds)s seconden en probeer opnieuw.")
            % {"seconds": seconds},
            field="otp",
        )
    return None


def _normalise_code(code: str) -> str:
    """Spaces and dashes as people type them ("123 456", "abcd-efgh"); recovery codes are lower case."""
    return "".join(str(code or "").split()).replace("-", "").lower()
