import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.policy import second_factor_enrolment_message, second_factor_required
from accounts.selectors import has_second_factor

# The session key holding the time (epoch seconds) of the user's last request.
LAST_ACTIVITY_KEY = "casework_last_activity"
# The time of the last request is written at most this often: not one session write per request.
ACTIVITY_RESOLUTION_SECONDS = 60


class HtmxLoginRedirectMiddleware:
    """When a session expires during a live search or a quick contact, HTMX would swap the login page into
    the fragment it asked for. Send the whole browser to the login page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        login_url = resolve_url(settings.LOGIN_URL)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response.get("Location", "").startswith(login_url)
        ):
            return HttpResponseClientRedirect(response["Location"])
        return response


class NoStoreForSignedInUsersMiddleware:
    """Every answer to a signed-in user (a web page, an API response, a PDF) holds or may hold personal data:
    no browser or proxy keeps a copy, so the back button after logout on a shared PC shows nothing. Decided
    when the answer leaves, so that a user signed in by an API token counts too (DRF sets request.user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
            patch_vary_headers(response, ["Cookie", "Authorization"])
        return response


class IdleTimeoutMiddleware:
    """A web session without a request for settings.SESSION_IDLE_TIMEOUT ends: the next request finds the user
    signed out (and the login page says why). static/js/idle-timeout.js warns shortly before and sends the
    screen to the login page when the time is up, so that no personal data stays on an unattended screen."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                logout(request)
                minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
                messages.info(
                    request,
                    _("U bent afgemeld na %(minutes)s minuten zonder activiteit. Meld u opnieuw aan.")
                    % {"minutes": minutes},
                )
            elif last is None or now - last >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def session_activity_touch(request) -> None:
    """Count this request as activity now (at login, and the "stay signed in" button of the idle warning)."""
    if hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = time.time()


class SecondFactorMiddleware:
    """Two rules for every signed-in web session (docs/decisions/0030):
    - a user with a second factor has a session verified by it (the login asks for the code before it signs
      in); a session that is not (signed in by some other path) is ended;
    - a user whose role needs a second factor and who has none may only enrol (and sign out)."""

    ENROLMENT_PATHS = (
        "second-factor",
        "second-factor-recovery-codes",
        "logout",
        "session-expired",
        "session-keepalive",
        "set_language",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            verified = getattr(user, "is_verified", lambda: False)()
            if not verified and has_second_factor(user=user):
                logout(request)
                return self._send(request, reverse(settings.LOGIN_URL), status=401)
            if not verified and second_factor_required(user) and not self._allowed(request):
                return self._send(request, reverse("second-factor"), status=403)
        return self.get_response(request)

    def _allowed(self, request) -> bool:
        return request.path in {reverse(name) for name in self.ENROLMENT_PATHS}

    @staticmethod
    def _send(request, url: str, *, status: int):
        if request.path.startswith("/api/"):
            detail = second_factor_enrolment_message() if status == 403 else _("Meld u opnieuw aan.")
            return JsonResponse({"detail": detail}, status=status)
        if request.headers.get("HX-Request"):
            return HttpResponseClientRedirect(url)
        return redirect(url)
