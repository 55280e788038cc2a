"""A service's refusal that a web view did not handle itself still gets a page, never a 500: an object the
user may not see is a 404, a role that may not act a 403, any other refusal its message on a page of its
own."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from core.errors import DomainError, NotFoundError, PermissionDeniedError


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFoundError):
            raise Http404 from exception
        if isinstance(exception, PermissionDeniedError):
            raise PermissionDenied(exception.message) from exception
        if isinstance(exception, DomainError):
            return render(
                request, "refused.html", {"message": exception.message}, status=exception.status_code
            )
        return None
