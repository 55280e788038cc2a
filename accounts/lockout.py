"""Lockout per address across user names, beside django-axes' lockout per user name and address
(docs/decisions/0032)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    """Axes counts failures for one user name from one address (AXES_FAILURE_LIMIT, default 5). Someone who
    tries many names from one address stays under that limit for each name, so the failures of all names from
    the address are counted too (LOCKOUT_ADDRESS_FAILURE_LIMIT, default 50 within AXES_COOLOFF_TIME: high,
    because a whole office may reach us through one address). When the address is over its limit, every name
    from it is locked until its failures are older than the cool-off time."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.LOCKOUT_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    @staticmethod
    def address_failures(request) -> int:
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return 0
        attempts = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
