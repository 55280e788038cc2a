from accounts.models import Notification


def notifications_for(*, user, limit: int = 50) -> list[Notification]:
    """A staff member's own notifications, newest first."""
    return list(Notification.objects.filter(recipient=user)[:limit])


def unread_notification_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
