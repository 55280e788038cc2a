"""The client search's own rate: searching is how a curious colleague browses the population, so it has a
limit per user (CLIENT_SEARCH_THROTTLE_RATE, e.g. "120/hour") apart from everything else."""

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class ClientSearchThrottle(UserRateThrottle):
    scope = "client_search"

    def get_rate(self):
        # Read when asked (not when the class is defined), so that a deployment or a test sets it.
        return settings.CLIENT_SEARCH_THROTTLE_RATE
