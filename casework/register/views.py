"""The register at the counter: a request registered from the dossier page, its page and its status."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from casework.register import selectors, services
from casework.register.forms import RequestRegisterForm
from casework.register.models import RequestStatus
from casework.register.transitions import REQUEST_WORKFLOW
from core.errors import DomainError, NotFoundError, PermissionDeniedError
from core.forms import add_domain_error


@login_required
@require_POST
def request_add(request, dossier_id):
    try:
        dossier = dossier_get(user=request.user, dossier_id=dossier_id, what="request_register")
    except NotFoundError:
        raise Http404 from None
    form = RequestRegisterForm(request.POST)
    registered = None
    if form.is_valid():
        try:
            registered = services.request_register(actor=request.user, dossier=dossier, **form.cleaned_data)
            form = RequestRegisterForm()
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    return render(
        request,
        "casework/register/_request_form.html",
        {"dossier": dossier, "request_form": form, "registered": registered},
    )


# The button of each move the request page offers; forwarding has a form of its own (where to, and why).
MOVE_BUTTONS = {
    RequestStatus.IN_INQUIRY: _("Sociaal onderzoek starten"),
    RequestStatus.PROPOSED: _("Voorstel indienen"),
    RequestStatus.WITHDRAWN: _("Aanvraag ingetrokken"),
}


@login_required
def request_detail(request, request_id):
    aid_request = selectors.request_get(user=request.user, request_id=request_id)
    # The page offers exactly the moves the service accepts from this user (one table decides both).
    moves = REQUEST_WORKFLOW.moves_for(request.user, aid_request, aid_request.status)
    return render(
        request,
        "casework/register/request.html",
        {
            "aid_request": aid_request,
            "next_states": [(state, MOVE_BUTTONS[state]) for state in moves if state in MOVE_BUTTONS],
            "may_forward": RequestStatus.FORWARDED in moves,
            "full_access": aid_request.dossier.access is Access.FULL,
            "error": request.session.pop("request_error", None),
        },
    )


@login_required
@require_POST
def request_transition(request, request_id):
    aid_request = selectors.request_get(user=request.user, request_id=request_id, what="request_update")
    try:
        services.request_transition(
            actor=request.user,
            aid_request=aid_request,
            to=request.POST.get("to", ""),
            forwarded_to=request.POST.get("forwarded_to", ""),
            forward_reasons=request.POST.get("forward_reasons", ""),
        )
    except NotFoundError:
        raise Http404 from None
    except (DomainError, PermissionDeniedError) as error:
        # Shown once on the request page after the redirect (post/redirect/get).
        request.session["request_error"] = error.message
    return redirect("casework:request", request_id=aid_request.pk)
