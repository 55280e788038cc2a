from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Notification, Role, Team, User
from core.errors import DomainError


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
) -> User:
    """Create or update a staff member; the team is created when it does not exist yet."""
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
