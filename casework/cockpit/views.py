"""The caseload and the dossier page, with the timeline and the quick contact: the screens that bring the
subjects of a dossier together."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.views import menu_add
from casework import policy
from casework.cockpit import selectors
from casework.cockpit.forms import TimelineFilterForm
from casework.contacts.forms import ContactForm
from casework.contacts.services import contact_record
from casework.dossiers.selectors import dossier_get, dossier_list_page
from casework.dossiers.views import break_glass_or_404
from casework.policy import Access
from casework.register.forms import RequestRegisterForm
from clients.forms import HouseholdNewMemberForm
from clients.policy import may_register_clients
from clients.selectors import bank_account_change_of
from clients.services import bank_account_change_acknowledge
from core.errors import DomainError, NotFoundError
from core.forms import add_domain_error

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
    position=30,
)


CASELOAD_PAGE_SIZE = 25


@login_required
def caseload(request):
    """The worker's dossiers, own first or the nearest decision deadline first, with what each waits for."""
    status = request.GET.get("status", "open")
    status = status if status in ("open", "closed") else "open"
    by_deadline = request.GET.get("sorteer") == "termijn"
    members = _team_members(request.user)
    worker = next((m for m in members if m.username == request.GET.get("werker")), None)
    pages = {}

    def paginate(queryset):
        pages["page"] = Paginator(queryset, CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
        return pages["page"].object_list

    dossiers = dossier_list_page(
        user=request.user,
        paginate=paginate,
        status=status,
        social_worker=worker,
        first={"deadline": selectors.next_decision_due()} if by_deadline else None,
    )
    query = {
        "status": status,
        "sorteer": "termijn" if by_deadline else "",
        "werker": worker.username if worker else "",
    }
    return render(
        request,
        "casework/cockpit/caseload.html",
        {
            "dossiers": selectors.caseload_facts(dossiers),
            "page": pages["page"],
            "status": status,
            "by_deadline": by_deadline,
            "members": members,
            "worker": worker,
            "query": urlencode({k: v for k, v in query.items() if v}),
        },
    )


def _team_members(user) -> list:
    """Whose dossiers a team lead (or the head of service) may pick out: the team's social workers."""
    if not user.has_role(Role.TEAM_LEAD, Role.HEAD_OF_SERVICE) or user.team_id is None:
        return []
    team = User.objects.filter(team_id=user.team_id, is_active=True).order_by("first_name", "last_name")
    return [member for member in team if member.has_role(Role.SOCIAL_WORKER)]


@login_required
def dossier_detail(request, dossier_id):
    # ?voor=: an older page of the timeline, for a browser without JavaScript ("Oudere contacten tonen").
    before = selectors.TimelineCursor.parse(request.GET.get("voor"))
    filters = TimelineFilterForm.from_query(request.GET)
    try:
        dossier = selectors.dossier_page(
            user=request.user, dossier_id=dossier_id, before=before, only=filters.timeline_filter()
        )
    except NotFoundError:
        return break_glass_or_404(request, dossier_id)
    return _dossier_page(request, dossier, filters=filters)


@login_required
def timeline_more(request, dossier_id):
    """The next page of the timeline, put in place of the "Oudere contacten tonen" link (HTMX); the first new
    entry takes the keyboard focus. Without HTMX: the dossier page at that point of the timeline."""
    before = selectors.TimelineCursor.parse(request.GET.get("voor"))
    filters = TimelineFilterForm.from_query(request.GET)
    only = filters.timeline_filter()
    try:
        dossier, items, following = selectors.timeline_more(
            user=request.user, dossier_id=dossier_id, before=before, only=only
        )
    except NotFoundError:
        raise Http404 from None
    if not request.htmx:
        query = urlencode({**({"voor": before} if before else {}), **only.query()})
        url = reverse("casework:dossier", args=[dossier.pk])
        return redirect(f"{url}?{query}#timeline-title" if query else url)
    context = {
        "dossier": dossier,
        "items": items,
        "next_cursor": following,
        "filter_query": urlencode(only.query()),
        # A next page puts the keyboard on its first entry; new filters leave it on the filter form.
        "focus_first": before is not None,
        "filtered_empty": before is None and not items,
    }
    return render(request, "casework/cockpit/_timeline_items.html", context)


def _dossier_page(request, dossier, contact_form=None, status=200, filters=None):
    filters = filters or TimelineFilterForm()
    filters.authors_are(getattr(dossier, "timeline_authors", []))
    return render(
        request,
        "casework/cockpit/dossier.html",
        {
            "dossier": dossier,
            "client": dossier.client,
            "full_access": dossier.access is Access.FULL,
            "may_work": policy.may_work_on(request.user, dossier),
            "may_register_request": policy.may_register_request(request.user, dossier),
            "contact_form": contact_form or ContactForm(),
            "request_form": RequestRegisterForm(),
            "household_form": _household_form(request.user, dossier),
            "timeline_filters": filters,
            "filter_query": urlencode(filters.timeline_filter().query()),
        },
        status=status,
    )


def _household_form(user, dossier):
    """The form that registers a child or partner into the household from the dossier page, for whoever may
    change the household (not on an emergency access)."""
    if may_register_clients(user) and policy.may_change_identity(user, [dossier]):
        return HouseholdNewMemberForm(client=dossier.client)
    return None


def _focus_first_error(form) -> None:
    """After a refused save the cursor goes to the first field to correct, not back to the summary."""
    invalid = [name for name in form.fields if name in form.errors]
    if invalid:
        for field in form.fields.values():
            field.widget.attrs.pop("autofocus", None)
        form.fields[invalid[0]].widget.attrs["autofocus"] = True


@login_required
@require_POST
def contact_add(request, dossier_id):
    """Saved in one round trip: the answer is a fresh form plus the new timeline item (out of band)."""
    try:
        dossier = dossier_get(
            user=request.user, dossier_id=dossier_id, what="contact_register", minimum=Access.FULL
        )
    except NotFoundError:
        raise Http404 from None
    form = ContactForm(request.POST)
    contact = None
    if form.is_valid():
        try:
            contact = contact_record(actor=request.user, dossier=dossier, **form.cleaned_data)
            form = ContactForm()
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    if contact is None:
        _focus_first_error(form)
    if request.htmx:
        context = {
            "dossier": dossier,
            "contact_form": form,
            "new_contact": contact,
            "new_contact_list": [contact] if contact else [],
        }
        return render(request, "casework/contacts/_contact_form.html", context)
    if contact is None:  # without JavaScript: the whole page again, with what was typed and the errors
        return _dossier_page(
            request, selectors.dossier_page(user=request.user, dossier_id=dossier.pk), form, status=400
        )
    return redirect("casework:dossier", dossier_id=dossier.pk)


@login_required
@require_POST
def bank_account_change_seen(request, dossier_id, change_id):
    """Someone of the dossier has seen the new bank account: the alert leaves the dossier page."""
    dossier = dossier_get(
        user=request.user, dossier_id=dossier_id, what="bank_account_change_seen", minimum=Access.FULL
    )
    if not policy.may_work_on(request.user, dossier):
        raise PermissionDenied
    change = bank_account_change_of(client=dossier.client, change_id=change_id)
    bank_account_change_acknowledge(actor=request.user, change=change)
    return redirect("casework:dossier", dossier_id=dossier.pk)
