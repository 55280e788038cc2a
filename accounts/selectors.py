from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Notification


def notifications_for(*, user, limit: int = 50) -> list[Notification]:
    """A staff member's own notifications, newest first."""
    return list(Notification.objects.filter(recipient=user)[:limit])


def unread_notification_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def has_second_factor(*, user) -> bool:
    """A confirmed authenticator app (recovery codes alone do not count: they back the app up)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
