from django.contrib.auth import authenticate, logout
from django.contrib.auth.signals import user_login_failed
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.policy import second_factor_enrolment_message, second_factor_required
from accounts.selectors import has_second_factor
from accounts.services import api_token_issue, second_factor_verify

ERRORS = serializers.ListField(child=serializers.CharField(), required=False)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="The current code of the authenticator app (or a recovery code): required for a user "
        "with a second factor.",
    )


@method_decorator(never_cache, name="dispatch")
class TokenView(APIView):
    """Exchange a user name, password and (for a user with a second factor) the current code for an API token.
    The token expires after a lifetime (CASEWORK_API_TOKEN_HOURS). Repeated failures, wrong codes included,
    lock the account for a while."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            # Wrong credentials are a non-field error; a missing or malformed field is an error on that field;
            # a missing or wrong second-factor code is an error on `otp`.
            400: inline_serializer(
                "TokenError",
                {"non_field_errors": ERRORS, "username": ERRORS, "password": ERRORS, "otp": ERRORS},
            ),
            # Locked out, or a user who must enrol a second factor first.
            403: inline_serializer("LockedOut", {"detail": serializers.CharField()}),
            # Too many wrong codes in a row: wait a few seconds (the message says how many).
            429: inline_serializer("SecondFactorThrottled", {"otp": ERRORS}),
        },
    )
    def post(self, request, *args, **kwargs):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["username"]
        # The DRF request, not the Django one: django-axes flags a lockout on the request it is given, and its
        # middleware would turn a flag on the Django request into its HTML page instead of this JSON answer.
        user = authenticate(
            request=request, username=username, password=serializer.validated_data["password"]
        )
        if getattr(request, "axes_locked_out", False):
            raise PermissionDenied(locked_out_message())
        if user is None:
            raise ValidationError(
                {"non_field_errors": [_("Kan niet aanmelden met de opgegeven gegevens.")]},
                code="authorization",
            )
        if has_second_factor(user=user):
            code = serializer.validated_data.get("otp", "")
            if not code:
                raise ValidationError(
                    {"otp": [_("Geef de code van uw authenticator-app (of een herstelcode).")]}
                )
            if second_factor_verify(user=user, code=code) is None:
                # A wrong code is a failed login for the lockout, like a wrong password.
                user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
                if getattr(request, "axes_locked_out", False):
                    raise PermissionDenied(locked_out_message())
                raise ValidationError({"otp": [_("De code klopt niet.")]})
        elif second_factor_required(user):
            raise PermissionDenied(second_factor_enrolment_message())
        return Response({"token": api_token_issue(user=user)})


def locked_out_message() -> str:
    return _("Te veel mislukte aanmeldpogingen: dit account is tijdelijk geblokkeerd.")


class LogoutView(APIView):
    """Revoke the caller's token at once (it would otherwise expire after its lifetime); a browser session
    calling this is ended."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request, *args, **kwargs):
        if request.auth is not None and hasattr(request.auth, "delete"):
            request.auth.delete()
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
