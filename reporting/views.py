"""The dashboard of the head of service and the team leads (journey 6): figures as pictures first (inline
SVG), each with its table, and exports made by a task with a progress bar."""

import datetime
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.views import menu_add
from activation.models import MeasureKind, Phase
from bcsd.models import DecisionOutcome, SubmissionKind
from casework.register.models import RequestKind
from core.errors import DomainError, NotFoundError, PermissionDeniedError
from core.formats import euro
from reporting import charts, figures, policy, rules, selectors, services
from reporting.api import export_file_response
from reporting.forms import ExportForm, PeriodForm
from reporting.models import ExportStatus

menu_add(
    label=gettext_lazy("Cijfers van de dienst"),
    description=gettext_lazy("Termijnen, caseload, activering en de subsidiebasis, per team."),
    url_name="reporting:dashboard",
    shown_to=lambda user: user.has_role(Role.HEAD_OF_SERVICE, Role.TEAM_LEAD),
    position=10,
)

GPMI_GROUP_LABELS = {
    "first_year": gettext_lazy("GPMI, eerste jaar"),
    "signed": gettext_lazy("GPMI, na het eerste jaar"),
    "draft": gettext_lazy("GPMI nog niet ondertekend"),
    "exempted": gettext_lazy("vrijgesteld van GPMI"),
    "none": gettext_lazy("geen GPMI"),
}
HEARING_LABELS = {
    "held": gettext_lazy("gehouden"),
    "not_held": gettext_lazy("niet gehouden"),
    "planned": gettext_lazy("nog te houden"),
}


DEFAULT_PERIOD = "quarter"


def _require_reader(user):
    if not policy.may_read_figures(user):
        raise PermissionDenied


def _month_label(day: datetime.date) -> str:
    return formats.date_format(day, "M Y")


def _period_label(period: rules.Period) -> str:
    if period.kind == "month":
        return formats.date_format(period.start, "F Y")
    if period.kind == "quarter":
        return _("kwartaal %(q)s %(year)s") % {
            "q": (period.start.month - 1) // 3 + 1,
            "year": period.start.year,
        }
    return str(period.start.year)


@login_required
@require_GET
def dashboard(request):
    _require_reader(request.user)
    is_head = request.user.has_role(Role.HEAD_OF_SERVICE)
    teams = figures.teams() if is_head else []
    # The form shows the period the page shows: without one, the default (a quarter) is filled in, so that
    # picking only a team keeps the quarter instead of switching to the form's first choice (a month).
    query = request.GET.copy()
    query["periode"] = query.get("periode") or DEFAULT_PERIOD
    form = PeriodForm(query, teams=teams)
    # What is valid is used (a bad date alone does not reset the period kind); the form shows the rest.
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    try:
        team = policy.figures_team(request.user, request.GET.get("team") or None)
    except PermissionDeniedError:
        raise PermissionDenied from None
    except DomainError:  # an unknown team: all teams, and the form says why
        team = None
    period = rules.period_of(data.get("periode") or DEFAULT_PERIOD, data.get("datum") or timezone.localdate())
    team_id = team.pk if team else None
    window_start, window_end = rules.trend_window(period)
    window = rules.months_between(window_start, window_end)
    period_months = {first for first, _last in period.months}
    labels = [_month_label(first) for first, _last in window]

    load = figures.caseload(team_id)
    kpis = figures.kpis(
        window_start, window_end, team_id, months=period_months, load=load, by_worker=bool(team_id)
    )
    by_code = {kpi.code: kpi for kpi in kpis}
    team_names = {t.pk: t.name for t in (teams or figures.teams())}
    for worker in load.per_worker:
        worker["team_name"] = team_names.get(worker["team_id"], "")
    activation = figures.activation(window, period.months, team_id)
    subsidy = figures.subsidy(window, team_id)
    requests = figures.requests_per_kind(period.start, period.end, team_id)
    committee = figures.committee(period.start, period.end, team_id)

    trend_codes = (
        "decisions_within_30_days",
        "notifications_within_8_days",
        "gpmi_concluded_within_3_months",
    )
    trend = [
        (
            by_code[code].label,
            [by_code[code].per_month.get(first, rules.Tally()).percent for first, _l in window],
        )
        for code in trend_codes
    ]
    phases = list(Phase.choices)
    phase_series = [
        (str(label), [activation.per_phase[first][code] for first, _l in window]) for code, label in phases
    ]
    gpmi_series = [
        (str(GPMI_GROUP_LABELS[group]), [month.beneficiaries[group] for month in subsidy])
        for group in figures.GPMI_GROUPS
    ]
    worker_rows = load.per_worker if team_id else load.per_worker[:20]
    median = load.median_by_team.get(team_id) if team_id else None
    team_lead_links = request.user.has_role(Role.TEAM_LEAD) and team_id == request.user.team_id
    # All teams: a row per team; one team: a row per social worker of the team.
    if team_id:
        breakdown = [
            (w["name"], [by_code[code].per_worker.get(w["id"]) for code in figures.RATIO_CODES])
            for w in sorted(load.per_worker, key=lambda w: w["name"])
        ]
    else:
        breakdown = [
            (team_names.get(key, "?"), [by_code[code].per_team.get(key) for code in figures.RATIO_CODES])
            for key in sorted({k for kpi in kpis for k in kpi.per_team}, key=lambda k: team_names.get(k, ""))
        ]
    period_form_values = {"periode": period.kind, "team": team.code if team else ""}
    context = {
        "form": form,
        "team": team,
        "is_head": is_head,
        "period": period,
        "period_label": _period_label(period),
        "previous": {**period_form_values, "datum": rules.period_before(period).start.isoformat()},
        "next": {**period_form_values, "datum": rules.period_after(period).start.isoformat()},
        "kpis": [kpi for kpi in kpis],
        "breakdown": breakdown,
        "breakdown_by_worker": bool(team_id),
        "trend_chart": charts.trend_lines(
            "chart-trend",
            _("Termijnen per maand"),
            _("Percentage op tijd per maand, de laatste twaalf maanden."),
            labels,
            trend,
        ),  # fmt: skip
        "trend_rows": [
            {"month": label, "values": [series[1][index] for series in trend]}
            for index, label in enumerate(labels)
        ],
        "trend_names": [name for name, _values in trend],
        "caseload": load,
        "caseload_chart": charts.horizontal_bars(
            "chart-caseload",
            _("Open dossiers per maatschappelijk werker"),
            _("Een balk per medewerker; boven 1,3 × de mediaan van het team in oranje met een uitroepteken."),
            [(w["name"], w["count"], w["flagged"]) for w in worker_rows],
            marker=median,
        ),  # fmt: skip
        "worker_rows": worker_rows,
        "flagged_workers": [w for w in load.per_worker if w["flagged"]],
        "team_names": team_names,
        "caseload_links": team_lead_links,
        "phase_chart": charts.stacked_bars(
            "chart-phases",
            _("Cliënten per activeringsfase"),
            _("Lopende trajecten per fase aan het einde van elke maand."),
            labels,
            phase_series,
        ),  # fmt: skip
        "phase_rows": [
            {"month": label, "values": [series[1][index] for series in phase_series]}
            for index, label in enumerate(labels)
        ],
        "phase_names": [str(label) for _code, label in phases],
        "flow_chart": charts.flow(
            "chart-flow",
            _("Overgangen tussen fasen"),
            _("Van welke fase naar welke fase cliënten gingen in de periode."),
            [(code, str(label)) for code, label in phases],
            activation.transitions,
        ),  # fmt: skip
        "transitions": sorted(
            ((Phase(f).label, Phase(t).label, count) for (f, t), count in activation.transitions.items()),
            key=lambda row: -row[2],
        ),
        "exits_to_work": activation.exits_to_work,
        "measures": [
            (str(MeasureKind(kind).label), count)
            for kind, count in sorted(
                activation.measures.get(period.months[-1][0], {}).items(), key=lambda item: -item[1]
            )
        ],
        "gpmi_chart": charts.stacked_bars(
            "chart-beneficiaries",
            _("Leefloongerechtigden per maand en hun GPMI"),
            _("Aantal leefloongerechtigden per maand, opgedeeld naar de toestand van hun GPMI."),
            labels,
            gpmi_series,
        ),  # fmt: skip
        "subsidy_rows": [
            {
                "month": _month_label(m.month),
                "groups": [m.beneficiaries[g] for g in figures.GPMI_GROUPS],
                "total": m.total,
                "amount": euro(m.amount),
                "rate": m.rate,
                "expected": euro(m.expected),
            }
            for m in subsidy
        ],  # fmt: skip
        "gpmi_group_names": [str(GPMI_GROUP_LABELS[g]) for g in figures.GPMI_GROUPS],
        "subsidy_total": euro(
            sum((m.expected for m in subsidy if m.month in period_months), start=Decimal(0))
        ),
        "requests": _requests_table(requests, period),
        "committee": [
            (
                str(SubmissionKind(kind).label),
                [(str(DecisionOutcome(o).label), n) for o, n in sorted(outcomes.items())],
            )
            for kind, outcomes in sorted(committee["outcomes"].items())
        ],
        "hearings": [(str(HEARING_LABELS[state]), n) for state, n in sorted(committee["hearings"].items())],
        "appeals": [
            (outcome or _("nog geen uitspraak"), n) for outcome, n in sorted(committee["appeals"].items())
        ],
        "export_form": ExportForm(
            initial={
                "van": period.start,
                "tot": period.end,
                "team": team.code if team else "",
                "kind": "kpis",
            }
        ),
    }
    return render(request, "reporting/dashboard.html", context)


def _requests_table(requests: dict, period: rules.Period) -> dict:
    months = [first for first, _last in period.months]
    return {
        "months": [_month_label(m) for m in months],
        "rows": [
            (str(RequestKind(kind).label), [per_month.get(m, 0) for m in months], sum(per_month.values()))
            for kind, per_month in sorted(requests.items())
        ],
    }


@login_required
@require_POST
def export_start(request):
    _require_reader(request.user)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return redirect("reporting:dashboard")
    data = form.cleaned_data
    try:
        export = services.report_export_request(
            actor=request.user,
            kind=data["kind"],
            date_from=data["van"],
            date_to=data["tot"],
            export_format=data["format"],
            team_code=data["team"] or None,
        )
    except PermissionDeniedError:
        raise PermissionDenied from None
    except DomainError:
        return redirect("reporting:dashboard")
    return redirect("reporting:export", export_id=export.pk)


@login_required
@require_GET
def export_status(request, export_id):
    """The progress of an export (HTMX polls it every second while it runs), then its download link."""
    try:
        export = selectors.export_of(user=request.user, export_id=export_id)
    except NotFoundError:
        raise Http404 from None
    template = "reporting/_export_status.html" if request.htmx else "reporting/export.html"
    return render(request, template, {"export": export, "dashboard": reverse("reporting:dashboard")})


@login_required
@require_GET
def export_file(request, export_id):
    try:
        export = selectors.export_of(user=request.user, export_id=export_id)
    except NotFoundError:
        raise Http404 from None
    if export.status != ExportStatus.DONE:
        return redirect("reporting:export", export_id=export.pk)
    return export_file_response(export)
