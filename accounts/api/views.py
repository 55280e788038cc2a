from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken


class TokenView(ObtainAuthToken):
    """Exchange a user name and password for an API token. Repeated failures lock the account for a while."""

    @extend_schema(
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: inline_serializer("TokenError", {"non_field_errors": serializers.ListField()}),
            403: inline_serializer("LockedOut", {"detail": serializers.CharField()}),
        }
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
