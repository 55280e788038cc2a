"""Opening a dossier after registration, and break-the-glass: the prompt and the grant."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casework.dossiers import selectors, services
from casework.dossiers.forms import BreakGlassForm, DossierOpenForm
from clients.selectors import client_identity_get
from core.errors import DomainError, NotFoundError, PermissionDeniedError
from core.forms import add_domain_error


def break_glass_or_404(request, dossier_id, form=None):
    """Those who may break the glass are offered it; for everyone else the dossier does not exist."""
    try:
        dossier = selectors.dossier_for_break_glass(user=request.user, dossier_id=dossier_id)
    except NotFoundError:
        raise Http404 from None
    context = {"dossier_id": dossier.pk, "form": form or BreakGlassForm()}
    return render(request, "casework/dossiers/break_glass.html", context, status=404)


@login_required
@require_POST
def break_glass(request, dossier_id):
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return break_glass_or_404(request, dossier_id, form)
    try:
        dossier = selectors.dossier_for_break_glass(user=request.user, dossier_id=dossier_id)
        services.break_glass(actor=request.user, dossier=dossier, **form.cleaned_data)
    except NotFoundError:
        raise Http404 from None
    except DomainError as error:
        add_domain_error(form, error)
        return break_glass_or_404(request, dossier_id, form)
    return redirect("casework:dossier", dossier_id=dossier.pk)


@login_required
def dossier_open(request):
    """Open a dossier for a registered person (after registration at the counter)."""
    try:
        client_id = uuid.UUID(request.GET.get("client", ""))
        client = client_identity_get(user=request.user, client_id=client_id)
    except (ValueError, DomainError):  # a malformed id, an unknown person, or a role that may not search
        raise Http404 from None
    form = DossierOpenForm(
        request.POST or None, initial={"team": request.user.team, "social_worker": request.user}
    )
    existing_dossier = None
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_open(
                actor=request.user,
                client=client,
                team=form.cleaned_data["team"],
                social_worker=form.cleaned_data["social_worker"],
            )
            return redirect("casework:dossier", dossier_id=dossier.pk)
        except services.HiddenDossierRefusal as error:
            form.add_error(None, error.message)
        except PermissionDeniedError as error:
            form.add_error("team", error.message)
        except DomainError as error:
            add_domain_error(form, error)
            existing_dossier = error.extra.get("existing_dossier")
    return render(
        request,
        "casework/dossiers/dossier_open.html",
        {"form": form, "client": client, "existing_dossier": existing_dossier},
    )
