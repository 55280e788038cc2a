"""DRF glue: pagination of the API contract and the translation of domain errors into HTTP answers."""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.utils.translation import gettext
from rest_framework import parsers, status
from rest_framework.exceptions import ParseError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import DomainError

logger = logging.getLogger(__name__)


class JSONParser(parsers.JSONParser):
    """JSON too deeply nested for Python's decoder (a thousand brackets) is bad input, a 400, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(gettext("Ongeldige JSON: te diep genest.")) from None


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        if exc.field:
            return Response({exc.field: [exc.message]}, status=exc.status_code)
        return Response({"detail": exc.message, **exc.extra}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        return Response(as_serializer_error(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DataError):
        # PostgreSQL refused a value that validation let through (a NUL character in a looked-up code, a
        # number beyond a column's range): bad input is a 400, never a 500. Logged, as a validator is missing.
        logger.warning("database refused request data: %s", exc)
        return Response(
            {"detail": gettext("Ongeldige invoer: een van de waarden kan niet verwerkt worden.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)
