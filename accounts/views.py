import time
from base64 import b32encode
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.forms import EnrolmentCodeForm, PasswordChangeForm, SecondFactorCodeForm
from accounts.middleware import session_activity_touch
from accounts.models import Role
from accounts.policy import second_factor_required
from accounts.selectors import (
    has_second_factor,
    notifications_for,
    recovery_codes_left,
    unread_notification_count,
)
from accounts.services import (
    SecondFactorThrottled,
    notifications_mark_read,
    password_change,
    recovery_codes_renew,
    second_factor_verify,
    totp_enrolment_confirm,
    totp_enrolment_device,
)
from core.errors import DomainError

# The user who gave the right password and still owes the code: (user id, backend, epoch seconds).
PENDING_LOGIN_KEY = "casework_pending_login"
# Recovery codes just made, shown once by the next page and then forgotten.
NEW_RECOVERY_CODES_KEY = "casework_new_recovery_codes"


@dataclass(frozen=True)
class MenuItem:
    label: str
    description: str
    url_name: str
    shown_to: Callable  # user -> bool, the app's own policy function
    position: int  # the order of the menu, whatever the order in which the apps are loaded


# The apps downstream (clients, casework, ...) add their pages here, each with its own policy function:
# accounts is the most upstream app and may not import them (dependencies run one way).
MENU: list[MenuItem] = []


def menu_add(*, label, description, url_name: str, shown_to: Callable, position: int) -> None:
    if all(item.url_name != url_name for item in MENU):
        MENU.append(MenuItem(label, description, url_name, shown_to, position))
        MENU.sort(key=lambda item: item.position)


# The parts of the home page that apps downstream render for the user (casework: "Mijn werk"), in the order
# they register; like MENU, so that accounts imports none of them.
HOME_SECTIONS: list[Callable] = []


def home_section_add(section: Callable) -> None:
    """`section(request) -> str`: rendered HTML for the signed-in user's home page."""
    if section not in HOME_SECTIONS:
        HOME_SECTIONS.append(section)


def menu(request) -> dict:
    """The pages this user's roles give access to, for the navigation of base.html.
    Shaped as a context processor, so that settings can make it apply to every page."""
    if not request.user.is_authenticated:
        return {"menu": []}
    if second_factor_required(request.user) and not getattr(request.user, "is_verified", lambda: False)():
        return {"menu": []}  # enrolment first: no page to go to yet
    items = [
        {"label": item.label, "description": item.description, "url": reverse(item.url_name)}
        for item in MENU
        if item.shown_to(request.user)
    ]
    return {"menu": items, "unread_notifications": unread_notification_count(user=request.user)}


def idle_timeout(request) -> dict:
    """The idle timeout for static/js/idle-timeout.js (a context processor, like `menu`)."""
    if not request.user.is_authenticated:
        return {}
    return {
        "idle_timeout_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds()),
        "idle_warning_seconds": int(settings.SESSION_IDLE_WARNING.total_seconds()),
    }


@login_required
def notifications(request):
    """A staff member's notifications (e.g. a break-the-glass in their team); opening them marks them read."""
    shown = notifications_for(user=request.user)
    response = render(request, "accounts/notifications.html", {"notifications": shown})
    notifications_mark_read(user=request.user)
    return response


@login_required
def home(request):
    role_names = [Role(code).label for code in request.user.roles if code in Role.values]
    # The roles that may do without a second factor are offered one.
    offer_second_factor = not request.user.is_verified() and not has_second_factor(user=request.user)
    sections = [section(request) for section in HOME_SECTIONS]
    return render(
        request,
        "accounts/home.html",
        {"role_names": role_names, "offer_second_factor": offer_second_factor, "sections": sections},
    )


# Login in two steps (docs/decisions/0030): the password, then, for a user with a second factor, the code.
# Only then is the user signed in: a session never belongs to a user who gave the password alone and has a
# second factor.


class PasswordStepView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not has_second_factor(user=user):
            # Signed in with the password alone; a role that needs a second factor can then only enrol
            # (accounts.middleware.SecondFactorMiddleware).
            return super().form_valid(form)
        self.request.session[PENDING_LOGIN_KEY] = [user.pk, user.backend, time.time()]
        next_url = self.get_redirect_url()
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return redirect(reverse("login-code") + query)


def _pending_login(request):
    pending = request.session.get(PENDING_LOGIN_KEY)
    if not pending:
        return None, None
    user_id, backend, started = pending
    if time.time() - started > settings.SECOND_FACTOR_PENDING_SECONDS:
        del request.session[PENDING_LOGIN_KEY]
        return None, None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    return user, backend


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("code")
@never_cache
def login_code(request):
    """The second step: the code of the authenticator app or a recovery code. A wrong code counts as a failed
    login for the lockout (django-axes), like a wrong password."""
    user, backend = _pending_login(request)
    if user is None:
        messages.info(request, _("Meld u opnieuw aan met uw gebruikersnaam en wachtwoord."))
        return redirect("login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = SecondFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_verify(user=user, code=form.cleaned_data["code"])
        except SecondFactorThrottled as error:
            form.add_error("code", error.message)
        else:
            if device is None:
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
                # One failure too many: django-axes' middleware answers its lockout page instead.
                form.add_error("code", _("De code klopt niet."))
            else:
                del request.session[PENDING_LOGIN_KEY]
                login(request, user, backend=backend)
                otp_login(request, device)
                if isinstance(device, StaticDevice):
                    _recovery_code_used(request, user)
                return redirect(_safe_next(request))
    return render(request, "registration/login_code.html", {"form": form, "next": _safe_next(request)})


def _recovery_code_used(request, user) -> None:
    left = recovery_codes_left(user=user)
    messages.warning(
        request,
        _(
            "U hebt een herstelcode gebruikt; er blijven er %(left)s over. Is uw telefoon kwijt? Stel de app "
            "opnieuw in via Tweestapsverificatie."
        )
        % {"left": left},
    )


# Enrolment: a QR code rendered here (no image service sees the secret), the secret to type, a first code to
# confirm, then recovery codes shown once.


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    return image.to_string(encoding="unicode")


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def second_factor(request):
    user = request.user
    enrolled = has_second_factor(user=user)
    if request.method == "POST" and request.POST.get("action") == "recovery-codes" and enrolled:
        request.session[NEW_RECOVERY_CODES_KEY] = recovery_codes_renew(user=user)
        return redirect("second-factor-recovery-codes")
    if enrolled and not request.GET.get("nieuw") and request.method != "POST":
        return render(
            request,
            "accounts/second_factor_status.html",
            {"recovery_codes_left": recovery_codes_left(user=user)},
        )
    device = totp_enrolment_device(user=user)
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_enrolment_confirm(user=user, device=device, code=form.cleaned_data["code"])
        except DomainError as error:
            form.add_error("code", error.message)
        else:
            otp_login(request, device)
            request.session[NEW_RECOVERY_CODES_KEY] = codes
            return redirect("second-factor-recovery-codes")
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/second_factor_enrol.html",
        {
            "form": form,
            # The SVG is made here from our own data (no user input in it).
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308
            "secret": _grouped(secret),
            "required": second_factor_required(user),
            "replacing": enrolled,
        },
    )


@never_cache
@login_required
def second_factor_recovery_codes(request):
    codes = request.session.pop(NEW_RECOVERY_CODES_KEY, None)
    if not codes:
        return redirect("second-factor")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@sensitive_post_parameters("old_password", "new_password", "new_password_again")
@never_cache
@login_required
def password_change_view(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_change(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            # This session stays signed in; the user's other sessions and API tokens end.
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Uw wachtwoord is gewijzigd."))
            return redirect("home")
    return render(request, "registration/password_change.html", {"form": form})


# The idle timeout (docs/decisions/0033): the warning's "stay signed in" button, and the page the screen goes
# to when the time is up.


@require_POST
@login_required
def session_keepalive(request):
    session_activity_touch(request)
    return HttpResponse(status=204)


@never_cache
def session_expired(request):
    """Where static/js/idle-timeout.js sends an unattended screen. When another tab kept the session alive,
    the user is still signed in and goes home; otherwise the login page says why they were signed out."""
    if request.user.is_authenticated:
        return redirect("home")
    return redirect(f"{reverse('login')}?{urlencode({'next': request.GET.get('next', '/')})}")
