from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework.exceptions import PermissionDenied

from accounts.policy import second_factor_enrolment_message, second_factor_required
from accounts.selectors import has_second_factor


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>` with django-rest-knox: tokens are stored as a hash and expire
    (settings.REST_KNOX). A user whose role needs a second factor and who has none (a role given after
    the token was issued) is refused until they enrol: 403, as api.md says."""

    def _cleanup_token(self, auth_token) -> bool:
        """Only the presented token: knox would also read every other token of the user on each request (a
        query per API call); expired tokens of anyone are deleted by a beat task (accounts.tasks)."""
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            user, _token = result
            if second_factor_required(user) and not has_second_factor(user=user):
                raise PermissionDenied(second_factor_enrolment_message())
        return result


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes this authentication (as DRF's token scheme was described)."""

    target_class = ExpiringTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'An expiring token from POST /api/v1/auth/token/, with the prefix "Token".',
        }
