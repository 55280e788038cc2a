"""The web UI of the social dossier: caseload, dossier page with timeline and quick contact, break-the-glass,
and the DPO's answer to "who saw my data?". Views call selectors and services only."""

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.views import menu_add
from casework import policy, selectors, services
from casework.documents import access_log_csv, access_log_pdf
from casework.forms import BreakGlassForm, ContactForm, DossierOpenForm, RequestRegisterForm, add_domain_error
from casework.policy import Access
from clients.selectors import client_identity_get, client_search
from config.errors import DomainError, NotFoundError, PermissionDeniedError

DOSSIER_ROLES = (
    Role.SOCIAL_WORKER,
    Role.TEAM_LEAD,
    Role.HEAD_OF_SERVICE,
    Role.INTAKE_OFFICER,
    Role.ACTIVATION_COACH,
)
menu_add(
    label=_("Mijn dossiers"),
    description=_("Uw dossiers eerst, dan die van uw team."),
    url_name="casework:caseload",
    shown_to=lambda user: user.has_role(*DOSSIER_ROLES),
)
menu_add(
    label=_("Wie zag mijn gegevens?"),
    description=_("Het toegangslog van een cliënt, met export als PDF of CSV."),
    url_name="casework:access-log-search",
    shown_to=lambda user: user.has_role(*policy.ACCESS_LOG_READERS),
)

CASELOAD_PAGE_SIZE = 25


@login_required
def caseload(request):
    status = request.GET.get("status", "open")
    status = status if status in ("open", "closed") else "open"
    pages = {}

    def paginate(queryset):
        pages["page"] = Paginator(queryset, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
        return pages["page"].object_list

    dossiers = selectors.dossier_list_page(user=request.user, paginate=paginate, status=status)
    return render(
        request,
        "casework/caseload.html",
        {"dossiers": dossiers, "page": pages["page"], "status": status},
    )


@login_required
def dossier_detail(request, dossier_id):
    try:
        dossier = selectors.dossier_page(user=request.user, dossier_id=dossier_id)
    except NotFoundError:
        return _break_glass_or_404(request, dossier_id)
    return _dossier_page(request, dossier)


def _dossier_page(request, dossier, contact_form=None, status=200):
    return render(
        request,
        "casework/dossier.html",
        {
            "dossier": dossier,
            "client": dossier.client,
            "full_access": dossier.access is Access.FULL,
            "may_work": policy.may_work_on(request.user, dossier),
            "may_register_request": policy.may_register_request(request.user, dossier),
            "contact_form": contact_form or ContactForm(),
            "request_form": RequestRegisterForm(),
        },
        status=status,
    )


def _focus_first_error(form) -> None:
    """After a refused save the cursor goes to the first field to correct, not back to the summary."""
    invalid = [name for name in form.fields if name in form.errors]
    if invalid:
        for field in form.fields.values():
            field.widget.attrs.pop("autofocus", None)
        form.fields[invalid[0]].widget.attrs["autofocus"] = True


def _break_glass_or_404(request, dossier_id, form=None):
    """Those who may break the glass are offered it; for everyone else the dossier does not exist."""
    try:
        dossier = selectors.dossier_for_break_glass(user=request.user, dossier_id=dossier_id)
    except NotFoundError:
        raise Http404 from None
    context = {"dossier_id": dossier.pk, "form": form or BreakGlassForm()}
    return render(request, "casework/break_glass.html", context, status=404)


@login_required
@require_POST
def break_glass(request, dossier_id):
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return _break_glass_or_404(request, dossier_id, form)
    try:
        dossier = selectors.dossier_for_break_glass(user=request.user, dossier_id=dossier_id)
        services.break_glass(actor=request.user, dossier=dossier, reason=form.cleaned_data["reason"])
    except NotFoundError:
        raise Http404 from None
    except DomainError as error:
        add_domain_error(form, error)
        return _break_glass_or_404(request, dossier_id, form)
    return redirect("casework:dossier", dossier_id=dossier.pk)


@login_required
@require_POST
def contact_add(request, dossier_id):
    """Saved in one round trip: the answer is a fresh form plus the new timeline item (out of band)."""
    try:
        dossier = selectors.dossier_get(
            user=request.user, dossier_id=dossier_id, what="contact registreren", minimum=Access.FULL
        )
    except NotFoundError:
        raise Http404 from None
    form = ContactForm(request.POST)
    contact = None
    if form.is_valid():
        try:
            contact = services.contact_record(actor=request.user, dossier=dossier, **form.cleaned_data)
            form = ContactForm()
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    if contact is None:
        _focus_first_error(form)
    if request.htmx:
        context = {"dossier": dossier, "contact_form": form, "new_contact": contact}
        return render(request, "casework/_contact_form.html", context)
    if contact is None:  # without JavaScript: the whole page again, with what was typed and the errors
        return _dossier_page(
            request, selectors.dossier_page(user=request.user, dossier_id=dossier.pk), form, status=400
        )
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
        except PermissionDeniedError as error:
            form.add_error("team", error.message)
        except DomainError as error:
            add_domain_error(form, error)
            existing_dossier = error.extra.get("existing_dossier")
    return render(
        request,
        "casework/dossier_open.html",
        {"form": form, "client": client, "existing_dossier": existing_dossier},
    )


@login_required
@require_POST
def request_add(request, dossier_id):
    try:
        dossier = selectors.dossier_get(user=request.user, dossier_id=dossier_id, what="aanvraag registreren")
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
        "casework/_request_form.html",
        {"dossier": dossier, "request_form": form, "registered": registered},
    )


# --- "Who saw my data?" (the DPO, the head of service, a team lead for their team) ---


def _require_access_log_reader(user):
    if not user.has_role(*policy.ACCESS_LOG_READERS):
        raise PermissionDenied


@login_required
def access_log_search(request):
    _require_access_log_reader(request.user)
    query = request.GET.get("q", "").strip()
    found = list(client_search(user=request.user, query=query)[:25]) if len(query) >= 2 else []
    template = "casework/_access_log_results.html" if request.htmx else "casework/access_log_search.html"
    return render(request, template, {"query": query, "clients": found, "searched": len(query) >= 2})


@login_required
def access_log(request, client_id):
    _require_access_log_reader(request.user)
    try:
        client, entries = selectors.client_access_log(user=request.user, client_id=client_id)
    except (NotFoundError, PermissionDeniedError):
        raise Http404 from None
    entries = list(entries)
    export = request.GET.get("export")
    if export == "csv":
        response = HttpResponse(access_log_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="toegangslog-{client.pk}.csv"'
        return response
    if export == "pdf":
        response = HttpResponse(
            access_log_pdf(client=client, entries=entries, printed_by=request.user),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="toegangslog-{client.pk}.pdf"'
        return response
    return render(
        request,
        "casework/access_log_page.html",
        {
            "client": client,
            "entries": entries,
            "break_glass_count": sum(entry.what == "break-the-glass" for entry in entries),
            "export_url": reverse("casework:access-log", args=[client.pk]),
        },
    )
