"""Mijn werk: every member of staff's obligations on their home page, overdue first, then this week, then
later; a team lead also sees the team's and reassigns; the head of service sees the counts per team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.views import home_section_add, menu_add
from casework.obligations import rules, selectors, services
from clients.ledger import Purpose, access_log_record
from core.errors import DomainError

# A home page is not an archive: the most urgent ones; the API pages through the rest.
SHOWN = 100

menu_add(
    label=gettext_lazy("Mijn werk"),
    description=gettext_lazy("Wat te laat is, wat deze week moet en wat later komt."),
    url_name="casework:my-work",
    shown_to=lambda user: True,
    position=5,
)


def _grouped(obligations, today) -> list[dict]:
    groups = {
        "overdue": {"key": "overdue", "title": _("Te laat"), "items": []},
        "this_week": {"key": "this_week", "title": _("Deze week"), "items": []},
        "later": {"key": "later", "title": _("Later"), "items": []},
    }
    for obligation in obligations:
        obligation.days = (obligation.due_on - today).days
        obligation.days_late = max(0, -obligation.days)
        groups[rules.urgency(obligation.due_on, today)]["items"].append(obligation)
    return list(groups.values())


def _with_member_options(obligations, members) -> None:
    """The team's members as the options of each row's "reassign" choice, built in Python: a template loop of
    ~20 members on each of 100 rows was half of a team lead's home page (docs/performance.md)."""
    for obligation in obligations:
        obligation.member_options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (m.username, " selected" if m.pk == obligation.responsible_id else "", m.display_name)
                for m in members
            ),
        )


def _my_work_context(request) -> dict:
    user = request.user
    today = timezone.localdate()
    mine = list(selectors.worklist(user=user, today=today)[:SHOWN])
    team_items, members = [], []
    if user.has_role(Role.TEAM_LEAD) and user.team_id:
        team_items = [
            o for o in selectors.worklist(user=user, team=user.team.code, today=today)[:SHOWN]
            if o.responsible_id != user.pk
        ]  # fmt: skip
        members = list(User.objects.filter(team_id=user.team_id, is_active=True).order_by("first_name"))
        _with_member_options(team_items, members)
    shown = [o for o in [*mine, *team_items] if o.dossier_id]
    # The client's name is shown beside each dossier's obligation: a read of personal data, logged.
    access_log_record(
        user=user,
        client_ids={o.dossier.client_id for o in shown},
        what="worklist",
        purpose=Purpose.CASELOAD,
        dossier_ids={o.dossier_id for o in shown},
    )
    return {
        "groups": _grouped(mine, today),
        "mine_count": len(mine),
        "team_groups": _grouped(team_items, today) if team_items else [],
        "members": members,
        "team_counts": selectors.team_counts(user=user, today=today),
        "next": request.get_full_path(),
    }


def home_section(request) -> str:
    """The "Mijn werk" part of the home page (accounts.views.home), the page people land on."""
    return render_to_string("casework/obligations/_my_work.html", _my_work_context(request), request=request)


home_section_add(home_section)


@login_required
def my_work(request):
    return render(request, "casework/obligations/my_work.html", _my_work_context(request))


@login_required
@require_POST
def reassign(request, obligation_id):
    """A team lead gives an obligation to another member of the team (back to where they came from)."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    try:
        obligation = services.obligation_reassign(
            actor=request.user, obligation_id=obligation_id, to=request.POST.get("to", "")
        )
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Toegewezen aan %(name)s.") % {"name": obligation.responsible.display_name},
        )
    return redirect(next_url or "casework:my-work")
