"""The web UI of the client registry: search at the counter, registration of a new person (HTMX), and the
DPO's answer to "who saw my data?"."""

import datetime
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.views import menu_add
from clients.forms import (
    AccessLogFilterForm,
    ClientRegistrationForm,
    HouseholdMemberEndForm,
    HouseholdMemberForm,
    HouseholdNewMemberForm,
    PersonNameAndBirthDateForm,
)
from clients.ledger import Purpose
from clients.ledger_chain import access_log_verify
from clients.ledger_display import entries_described
from clients.ledger_reports import UNUSUAL_VOLUME_COLUMNS, access_log_unusual_volumes, unusual_volume_rows
from clients.models import AccessLogExportStatus
from clients.policy import (
    dossier_access,
    may_control_ledger,
    may_read_access_logs,
    may_register_clients,
    may_search_clients,
)
from clients.rules import SEARCH_MINIMUM_LENGTH, format_insz, search_terms
from clients.selectors import (
    access_log_export_of,
    client_access_log,
    client_household,
    client_identity_get,
    client_possible_duplicates,
    client_search_results,
    household_members_read,
)
from clients.services import (
    ClientAlreadyRegistered,
    access_log_export_request,
    client_register,
    household_member_add,
    household_member_end,
    household_member_register,
)
from core.errors import DomainError, NotFoundError, PermissionDeniedError
from core.exports import csv_for_excel
from core.forms import add_domain_error

# A list longer than this is not read at a counter: the worker types more of the name instead.
SEARCH_RESULTS_SHOWN = 25
# What was just registered, for the confirmation page after the redirect (there is no client page yet).
LAST_REGISTRATION_SESSION_KEY = "clients_last_registration"

menu_add(
    label=_("Cliënten zoeken"),
    description=_("Zoek een persoon op naam of INSZ, bv. aan het onthaal."),
    url_name="clients:search",
    shown_to=may_search_clients,
    position=10,
)
menu_add(
    label=_("Nieuwe cliënt"),
    description=_("Registreer een persoon die nog niet gekend is."),
    url_name="clients:register",
    shown_to=may_register_clients,
    position=20,
)
menu_add(
    label=_("Controle van het toegangslog"),
    description=_("Is de keten van het toegangslog intact? De eerste gebroken schakel, per maand."),
    url_name="clients:access-log-verification",
    shown_to=may_control_ledger,
    position=41,
)
menu_add(
    label=_("Ongewone volumes"),
    description=_("Wie opende op één dag veel dossiers van andere teams of zocht ongewoon vaak?"),
    url_name="clients:access-log-unusual",
    shown_to=may_control_ledger,
    position=42,
)
menu_add(
    label=_("Wie zag mijn gegevens?"),
    description=_("Het toegangslog van een cliënt, met export als PDF of CSV."),
    url_name="clients:access-log-search",
    shown_to=may_read_access_logs,
    position=40,
)


def _is_partial_request(request) -> bool:
    # A history restore asks for the whole page, not the fragment.
    return bool(request.htmx) and not request.htmx.history_restore_request


@login_required
@require_GET
def client_search_page(request):
    """The search box; as an HTMX request only the results, so the list follows the typing."""
    if not may_search_clients(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    context = {"query": query, **_search_results(request.user, query)}
    # Each person found leads somewhere: their dossier, the emergency access, or opening a dossier.
    links = dossier_access().search_links(request.user, [person.pk for person in context["clients"]])
    for person in context["clients"]:
        person.next_step = links.get(person.pk)
    if _is_partial_request(request):
        return render(request, "clients/_search_results.html", {**context, "out_of_band_status": True})
    return render(request, "clients/search.html", {**context})


def _search_results(user, query: str, purpose: str = Purpose.SEARCH) -> dict:
    if len(query) < SEARCH_MINIMUM_LENGTH:
        return {"searched": False, "clients": [], "more_results": False}
    more_results = False

    def first_results(found):
        # One more than shown tells whether there are more; only those shown are logged.
        nonlocal more_results
        page = list(found[: SEARCH_RESULTS_SHOWN + 1])
        more_results = len(page) > SEARCH_RESULTS_SHOWN
        return page[:SEARCH_RESULTS_SHOWN]

    try:
        shown = client_search_results(user=user, query=query, paginate=first_results, purpose=purpose)
    except PermissionDeniedError as denied:
        raise PermissionDenied from denied
    return {
        "searched": True,
        "clients": shown,
        "more_results": more_results,
        "may_register": may_register_clients(user),
        "register_url": _register_url_for(query),
    }


def _register_url_for(query: str) -> str:
    """The registration form with what was typed in the search box carried over: the INSZ when it is one,
    otherwise the name (as the last name: at a counter people are looked up by their last name)."""
    insz, _fragments = search_terms(query)
    parameter = "insz" if insz else "achternaam"
    return f"{reverse('clients:register')}?{urlencode({parameter: query})}"


@login_required
@require_http_methods(["GET", "POST"])
def client_register_page(request):
    if not may_register_clients(request.user):
        raise PermissionDenied
    existing_client = None
    household_of = _uuid_or_none(request.POST.get("gezin") or request.GET.get("gezin"))
    # A household member joins a dossier's household; they get no dossier of their own at the counter.
    dossier_teams = [] if household_of else dossier_access().teams_to_open_dossier_for(request.user)
    if request.method == "POST":
        form = ClientRegistrationForm(request.POST, dossier_teams=dossier_teams, own_team=request.user.team)
        if form.is_valid():
            try:
                registration = client_register(actor=request.user, **form.service_arguments())
            except ClientAlreadyRegistered as conflict:
                existing_client = _client_with_insz(request.user, form.cleaned_data["insz"])
                form.add_error("insz", conflict.message)  # after the look-up: it drops the cleaned INSZ
            except PermissionDeniedError as denied:
                raise PermissionDenied from denied
            else:
                _remember_registration(request, registration)
                confirmation_url = reverse("clients:registered")
                if household_of:  # registered to join a household: straight back to it, the person chosen
                    confirmation_url = (
                        f"{reverse('clients:household', args=[household_of])}?lid={registration.client.pk}"
                    )
                elif form.cleaned_data.get("dossier_team"):
                    confirmation_url = _dossier_opened(request, registration.client, form)
                if request.htmx:
                    return HttpResponseClientRedirect(confirmation_url)
                return redirect(confirmation_url)
    else:
        form = ClientRegistrationForm(
            initial={"last_name": request.GET.get("achternaam", ""), "insz": request.GET.get("insz", "")},
            dossier_teams=dossier_teams,
            own_team=request.user.team,
        )
    context = {
        "form": form,
        "household_of": household_of,
        "existing_client": existing_client,
        "possible_duplicates": _possible_duplicates(request.user, form) if form.is_bound else [],
    }
    if _is_partial_request(request):
        return render(request, "clients/_registration_form.html", context)
    return render(request, "clients/register.html", {**context})


def _dossier_opened(request, client, form) -> str:
    """The dossier opened with the registration: its page. Refused (the person is registered all the same):
    the confirmation page, which says why and offers the dossier-open form."""
    try:
        url = dossier_access().dossier_open_at_registration(
            request.user, client, form.cleaned_data["dossier_team"]
        )
    except DomainError as refusal:
        messages.error(
            request,
            _("De cliënt is geregistreerd, maar het dossier is niet geopend: %(why)s")
            % {"why": refusal.message},
        )
        return reverse("clients:registered")
    messages.success(
        request, _("%(name)s is geregistreerd en het dossier is geopend.") % {"name": _full_name(client)}
    )
    return url


def _full_name(person) -> str:
    return f"{person.first_name} {person.last_name}"


def _uuid_or_none(text):
    try:
        return uuid.UUID(str(text)) if text else None
    except ValueError:
        return None


def _client_with_insz(user, insz: str):
    """The person already registered with this INSZ, as the search shows them to this user (logged)."""
    try:
        shown = client_search_results(
            user=user, query=insz, paginate=lambda found: found[:1], purpose=Purpose.DUPLICATE_CHECK
        )
    except PermissionDeniedError:
        return None
    return shown[0] if shown else None


def _possible_duplicates(user, form) -> list:
    """Persons with the same birth date and a similar name, once the three are filled in and valid."""
    names_and_birth_date = ["first_name", "last_name", "birth_date"]
    values = {field: form.cleaned_data.get(field) for field in names_and_birth_date}
    if not all(values.values()) or any(field in form.errors for field in names_and_birth_date):
        return []
    return client_possible_duplicates(user=user, **values)


@login_required
@require_GET
def client_possible_duplicates_check(request):
    """The warning box of the registration form, asked for while the worker types: it warns, never blocks."""
    if not may_register_clients(request.user):
        raise PermissionDenied
    form = PersonNameAndBirthDateForm(request.GET)
    form.is_valid()
    return render(
        request,
        "clients/_possible_duplicates.html",
        {"possible_duplicates": _possible_duplicates(request.user, form)},
    )


def _remember_registration(request, registration) -> None:
    client = registration.client
    request.session[LAST_REGISTRATION_SESSION_KEY] = {
        "id": str(client.pk),
        "first_name": client.first_name,
        "last_name": client.last_name,
        "birth_date": client.birth_date.isoformat(),
        "insz": format_insz(client.insz),
        "possible_duplicates": [
            {"name": f"{person.first_name} {person.last_name}", "birth_date": person.birth_date.isoformat()}
            for person in registration.possible_duplicates
        ],
    }


@login_required
@require_GET
def client_registered_page(request):
    """Confirms the registration with the identity just entered; the full client page comes with the access
    policy of a later issue."""
    registration = request.session.get(LAST_REGISTRATION_SESSION_KEY)
    if registration is None:
        return redirect("clients:search")
    registration = {
        **registration,
        "birth_date": datetime.date.fromisoformat(registration["birth_date"]),
        "possible_duplicates": [
            {**person, "birth_date": datetime.date.fromisoformat(person["birth_date"])}
            for person in registration["possible_duplicates"]
        ],
    }
    next_steps = dossier_access().next_steps(request.user, registration["id"])
    return render(
        request, "clients/registered.html", {"registration": registration, "next_steps": next_steps}
    )


# --- The household: who lives with the person, over time ---

HOUSEHOLD_ADD = "add"
HOUSEHOLD_END = "end"


def _household_to_change(request, client_id):
    """The person, their household over time (read and logged) and whether this user may change it."""
    try:
        client, members = client_household(user=request.user, client_id=client_id)
    except NotFoundError:
        raise Http404 from None
    may_change = may_register_clients(request.user) and dossier_access().may_change_identity(
        request.user, client
    )
    return client, members, may_change


def _end_forms(members, data=None, ending_row=None) -> dict:
    return {
        row.pk: HouseholdMemberEndForm(data if str(row.pk) == ending_row else None, prefix=f"einde-{row.pk}")
        for row in members
        if row.to_date is None
    }


@login_required
@require_http_methods(["GET", "POST"])
def household_page(request, client_id):
    """The household over time; a member is added by choosing them from the search or registering them in
    place, and ends on a date, so the composition of every month stays known."""
    client, members, may_change = _household_to_change(request, client_id)
    action = request.POST.get("action") if request.method == "POST" else None
    if action and not may_change:
        raise PermissionDenied
    chosen_id = request.POST.get("member") if action == HOUSEHOLD_ADD else request.GET.get("lid")
    chosen = _household_candidate(request.user, chosen_id) if chosen_id and may_change else None
    add_form = HouseholdMemberForm(
        request.POST if action == HOUSEHOLD_ADD else None, initial={"member": chosen.pk if chosen else None}
    )
    end_forms = _end_forms(
        members, request.POST if action == HOUSEHOLD_END else None, request.POST.get("row")
    )
    ending = next((form for form in end_forms.values() if form.is_bound), None)
    try:
        if action == HOUSEHOLD_ADD and chosen and add_form.is_valid():
            household_member_add(
                actor=request.user,
                client=client,
                member=chosen,
                relation=add_form.cleaned_data["relation"],
                from_date=add_form.cleaned_data["from_date"],
            )
            messages.success(request, _("%(name)s hoort nu bij het gezin.") % {"name": _full_name(chosen)})
            return redirect("clients:household", client_id=client.pk)
        if action == HOUSEHOLD_END and ending is not None and ending.is_valid():
            household_member_end(
                actor=request.user,
                client=client,
                row_id=request.POST["row"],
                to_date=ending.cleaned_data["to_date"],
            )
            messages.success(request, _("Het gezin is bijgewerkt."))
            return redirect("clients:household", client_id=client.pk)
    except PermissionDeniedError as denied:
        raise PermissionDenied from denied
    except NotFoundError:
        raise Http404 from None
    except DomainError as error:
        add_domain_error(ending if action == HOUSEHOLD_END else add_form, error)
    return _household_render(
        request, client, members, may_change, end_forms, chosen=chosen, add_form=add_form
    )


def _household_render(request, client, members, may_change, end_forms, *, status=200, **forms):
    query = request.GET.get("q", "").strip()
    chosen = forms.get("chosen")
    search = _search_results(request.user, query) if may_change and not chosen else {"searched": False}
    context = {
        "client": client,
        "members": [(row, end_forms.get(row.pk)) for row in members],
        "may_change": may_change,
        "chosen": chosen,
        "add_form": forms.get("add_form") or HouseholdMemberForm(),
        "new_member_form": forms.get("new_member_form") or HouseholdNewMemberForm(client=client),
        "view_from": "gezin",
        "query": query,
        **search,
    }
    return render(request, "clients/household.html", context, status=status)


@login_required
@require_POST
def household_new_member(request, client_id):
    """A person not yet in the registry (a child, a partner) registered into the household in place, from the
    dossier page or the household screen. With HTMX the answer is the form again, empty for the next one, with
    the household's count (dossier page) or table (household screen) out of band: no page load. Without
    JavaScript: the household screen."""
    client, members, may_change = _household_to_change(request, client_id)
    if not may_change:
        raise PermissionDenied
    form = HouseholdNewMemberForm(request.POST, client=client)
    added = None
    if form.is_valid():
        identity = dict(form.cleaned_data)
        relation, from_date = identity.pop("relation"), identity.pop("from_date")
        try:
            _registration, added = household_member_register(
                actor=request.user, client=client, relation=relation, from_date=from_date, **identity
            )
        except ClientAlreadyRegistered as conflict:
            form.add_error("insz", conflict.message)
        except PermissionDeniedError as denied:
            raise PermissionDenied from denied
        except DomainError as error:
            add_domain_error(form, error)
    if added is not None:
        household_members_read(user=request.user, client=client, members=[added])
        added_text = _("%(name)s hoort nu bij het gezin (%(relation)s).") % {
            "name": _full_name(added.member),
            "relation": added.get_relation_display(),
        }
    if not request.htmx:
        if added is None:
            return _household_render(
                request, client, members, may_change, _end_forms(members), new_member_form=form, status=400
            )
        messages.success(request, added_text)
        return redirect("clients:household", client_id=client.pk)
    view_from = "dossier" if request.POST.get("weergave") == "dossier" else "gezin"
    members = list(members.all()) if added else []  # a fresh read, the new member in it
    end_forms = _end_forms(members)
    today = timezone.localdate()
    context = {
        "client": client,
        "new_member_form": _next_member_form(client) if added else _focus_on_error(form),
        "added_text": added_text if added else "",
        "view_from": view_from,
        "members": [(row, end_forms.get(row.pk)) for row in members],
        "may_change": may_change,
        "household_size": sum(
            1 for row in members if row.from_date <= today and (row.to_date is None or row.to_date >= today)
        ),
    }
    return render(request, "clients/_household_new_member.html", context, status=200 if added else 400)


def _next_member_form(client):
    """Empty again, the cursor in the first name: the next child is typed at once."""
    form = HouseholdNewMemberForm(client=client)
    form.fields["first_name"].widget.attrs["autofocus"] = True
    return form


def _focus_on_error(form):
    """After a refused add the cursor goes to the first field to correct."""
    invalid = [name for name in form.fields if name in form.errors]
    if invalid:
        form.fields[invalid[0]].widget.attrs["autofocus"] = True
    return form


def _household_candidate(user, client_id):
    """The person chosen to join the household, as the search shows them (logged)."""
    try:
        return client_identity_get(user=user, client_id=client_id, purpose=Purpose.DOSSIER)
    except DomainError:
        return None


# --- "Who saw my data?" (the DPO, the head of service, a team lead for their team) ---


def _require_access_log_reader(user):
    if not may_read_access_logs(user):
        raise PermissionDenied


@login_required
def access_log_search(request):
    _require_access_log_reader(request.user)
    query = request.GET.get("q", "").strip()
    results = _search_results(request.user, query, purpose=Purpose.GDPR_REQUEST)
    template = "clients/_access_log_results.html" if request.htmx else "clients/access_log_search.html"
    return render(
        request, template, {"query": query, "clients": results["clients"], "searched": results["searched"]}
    )


# "Who saw my data?" on screen, a page at a time (a client in every caseload list has thousands of entries);
# the exports hold every entry.
ACCESS_LOG_PAGE_SIZE = 100


@login_required
def access_log(request, client_id):
    _require_access_log_reader(request.user)
    try:
        client, entries = client_access_log(user=request.user, client_id=client_id)
    except (NotFoundError, PermissionDeniedError):
        raise Http404 from None
    raw_entries = entries
    filters = AccessLogFilterForm(request.GET or None)
    shown = filters.apply(raw_entries) if filters.is_valid() else raw_entries
    # One query counts the entries and the break-the-glass ones; one more reads the page.
    totals = shown.order_by().aggregate(
        total=Count("pk"), break_glass=Count("pk", filter=Q(what__contains="break_glass"))
    )
    paginator = Paginator(shown, ACCESS_LOG_PAGE_SIZE)
    paginator.count = totals["total"]
    page = paginator.get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "clients/access_log_page.html",
        {
            "client": client,
            "entries": entries_described(page.object_list),
            "page": page,
            "filters": filters,
            "filter_query": query.urlencode(),
            "break_glass_count": totals["break_glass"],
        },
    )


@login_required
@require_http_methods(["POST"])
def access_log_export_start(request, client_id):
    """Ask for a PDF or CSV of the whole log: made by a Celery task (thousands of entries never tie up a web
    worker); the next page shows the progress and then the download."""
    _require_access_log_reader(request.user)
    try:
        client, _entries = client_access_log(user=request.user, client_id=client_id)
    except (NotFoundError, PermissionDeniedError):
        raise Http404 from None
    export_format = request.POST.get("export")
    if export_format not in ("csv", "pdf"):
        return redirect("clients:access-log", client_id=client.pk)
    made = access_log_export_request(actor=request.user, client=client, export_format=export_format)
    return redirect("clients:access-log-export", export_id=made.pk)


@login_required
@require_GET
def access_log_export(request, export_id):
    """The progress of an export (HTMX polls it every second while it runs), then its download link."""
    _require_access_log_reader(request.user)
    try:
        export = access_log_export_of(user=request.user, export_id=export_id)
    except NotFoundError:
        raise Http404 from None
    template = "clients/_access_log_export_status.html" if request.htmx else "clients/access_log_export.html"
    return render(request, template, {"export": export})


@login_required
@require_GET
def access_log_export_file(request, export_id):
    _require_access_log_reader(request.user)
    try:
        export = access_log_export_of(user=request.user, export_id=export_id)
    except NotFoundError:
        raise Http404 from None
    if export.status != AccessLogExportStatus.DONE:
        return redirect("clients:access-log-export", export_id=export.pk)
    content_type = "application/pdf" if export.format == "pdf" else "text/csv; charset=utf-8"
    response = HttpResponse(bytes(export.content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{access_log_file_name(export)}"'
    return response


def access_log_file_name(export) -> str:
    """toegangslog-<last name>-<first name>-<day asked>.<format>, in plain ASCII (a file sent on to the person
    or kept in their GDPR folder is found by its name)."""
    person = export.client
    day = timezone.localtime(export.created_at).date().isoformat()
    name = "-".join(part for part in (slugify(person.last_name), slugify(person.first_name)) if part)
    return f"toegangslog-{name or 'client'}-{day}.{export.format}"


# --- The DPO's checks of the ledger itself ---


def _require_ledger_controller(user):
    if not may_control_ledger(user):
        raise PermissionDenied


@login_required
@require_GET
def access_log_verification(request):
    """The hash chain checked now against the rows and the heads exported outside the database: the first
    broken link, per month how many rows are sealed and how many wait for the next sealing run."""
    _require_ledger_controller(request.user)
    month = request.GET.get("maand", "")
    chains = None
    if month:
        try:
            chains = [datetime.date.fromisoformat(f"{month}-01")]
        except ValueError:
            chains = None
    verification = access_log_verify(chains=chains)
    return render(
        request,
        "clients/access_log_verification.html",
        {"verification": verification, "month": month},
    )


@login_required
@require_GET
def access_log_unusual(request):
    """Who opened more dossiers of other teams, or searched more often, than the settings allow in a day."""
    _require_ledger_controller(request.user)
    try:
        day = datetime.date.fromisoformat(request.GET.get("dag", ""))
    except ValueError:
        day = timezone.localdate()
    report = access_log_unusual_volumes(user=request.user, day=day)
    if request.GET.get("export") == "csv":
        response = HttpResponse(
            csv_for_excel(UNUSUAL_VOLUME_COLUMNS, unusual_volume_rows(day, report)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="ongewone-volumes-{day:%Y-%m-%d}.csv"'
        return response
    return render(
        request,
        "clients/access_log_unusual.html",
        {
            "day": day,
            "report": report,
            "dossier_limit": settings.ACCESS_LOG_UNUSUAL_OTHER_TEAM_DOSSIERS,
            "search_limit": settings.ACCESS_LOG_UNUSUAL_SEARCHES,
        },
    )
