"""A service's refusal that a web view did not handle itself still gets a page, never a 500: an object the
user may not see is a 404, a role that may not act a 403, any other refusal its message on a page of its
own."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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


class RequestSizeLimitMiddleware:
    """A body over the size limit is refused before anything reads it: 413, in JSON for the API (as the
    contract says), on a page for the screens."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            message = _("Deze aanvraag is te groot (hoogstens %(megabytes)d MB).") % {
                "megabytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1_000_000 or 1
            }
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return render(request, "refused.html", {"message": message}, status=413)
        return self.get_response(request)
