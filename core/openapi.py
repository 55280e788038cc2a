"""Error answers every operation documents, so the schema (and schemathesis) knows them."""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

_detail = inline_serializer("ErrorDetail", {"detail": serializers.CharField()})
_field_errors = inline_serializer("FieldErrors", {"detail": serializers.CharField(required=False)})

ERRORS = {
    400: OpenApiResponse(_field_errors, description="Invalid input: messages per field, or a detail"),
    401: OpenApiResponse(_detail, description="Not authenticated"),
    403: OpenApiResponse(_detail, description="Role not allowed for this kind of action"),
    404: OpenApiResponse(_detail, description="Not found, or not visible to the caller"),
}
