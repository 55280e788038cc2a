from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import PermissionDenied
from rest_framework.settings import api_settings


class TokenView(ObtainAuthToken):
    """Exchange a user name and password for an API token. Repeated failures lock the account for a while."""

    parser_classes = api_settings.DEFAULT_PARSER_CLASSES  # the project's JSON parser: bad JSON is a 400

    @extend_schema(
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            # Wrong credentials are a non-field error; a missing or malformed field is an error on that field.
            400: inline_serializer(
                "TokenError",
                {
                    "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
                    "username": serializers.ListField(child=serializers.CharField(), required=False),
                    "password": serializers.ListField(child=serializers.CharField(), required=False),
                },
            ),
            403: inline_serializer("LockedOut", {"detail": serializers.CharField()}),
        }
    )
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except serializers.ValidationError:
            # django-axes flags the lockout on the DRF request it was given, which its middleware (looking at
            # the Django request) never sees: without this a locked account would hear "wrong password".
            if getattr(request, "axes_locked_out", False):
                raise PermissionDenied(
                    _("Te veel mislukte aanmeldpogingen: dit account is tijdelijk geblokkeerd.")
                ) from None
            raise
