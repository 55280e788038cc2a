"""The department's figures, computed from the apps' aggregates (counts, no personal data, not logged) with
the rules of reporting.rules. One call of each aggregate per figure set, whatever the size of the data: the
dashboard's number of queries depends on the number of months shown, never on the number of dossiers."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from activation import aggregates as activation_aggregates
from activation.rules import PHASES
from activation.selectors import evaluation_rule
from bcsd import aggregates as bcsd_aggregates
from casework import aggregates as casework_aggregates
from core.dates import as_date
from reporting import rules
from reporting.models import SubsidyRate

KPI_LABELS = {
    "decisions_within_30_days": _("Beslissingen binnen 30 dagen"),
    "notifications_within_8_days": _("Kennisgevingen binnen 8 dagen"),
    "forwardings_within_5_days": _("Doorzendingen binnen 5 dagen"),
    "gpmi_concluded_within_3_months": _("GPMI's gesloten binnen 3 maanden"),
    "gpmi_evaluations_on_time": _("GPMI-evaluaties op tijd"),
    "open_caseload": _("Open dossiers per maatschappelijk werker"),
}
RATIO_CODES = tuple(code for code in KPI_LABELS if code != "open_caseload")


@dataclass
class Kpi:
    code: str
    label: str
    numerator: int
    denominator: int
    value: Decimal | None
    pending: int = 0
    per_team: dict = field(default_factory=dict)  # team id -> rules.Tally
    per_worker: dict = field(default_factory=dict)  # worker id -> rules.Tally
    per_month: dict = field(default_factory=dict)  # first day of the month -> rules.Tally
    # Filled by name_breakdowns (for the API): [{"key": team code or username, "numerator", ...}]
    team_breakdown: list = field(default_factory=list)
    worker_breakdown: list = field(default_factory=list)


def _tallied(code, rows, classify, months=None) -> Kpi:
    total, per_team, per_worker, per_month = (
        rules.Tally(),
        defaultdict(rules.Tally),
        defaultdict(rules.Tally),
        defaultdict(rules.Tally),
    )
    for row in rows:
        month = as_date(row["month"])
        state = classify(row)
        per_month[month].add(state, row["count"])
        if months is not None and month not in months:
            continue
        total.add(state, row["count"])
        per_team[row["team_id"]].add(state, row["count"])
        if "worker_id" in row:  # grouped per worker (by_worker)
            per_worker[row["worker_id"]].add(state, row["count"])
    return Kpi(
        code=code,
        label=str(KPI_LABELS[code]),
        numerator=total.on_time,
        denominator=total.counted,
        value=total.percent,
        pending=total.pending,
        per_team=dict(per_team),
        per_worker=dict(per_worker),
        per_month=dict(per_month),
    )


@dataclass
class Caseload:
    per_worker: list  # [{"id", "name", "team_id", "count", "flagged"}], most dossiers first
    unassigned: int
    open_dossiers: int
    social_workers: int
    median_by_team: dict

    @property
    def average(self) -> Decimal | None:
        if not self.social_workers:
            return None
        return (Decimal(self.open_dossiers) / self.social_workers).quantize(Decimal("0.1"))


def caseload(team_id=None) -> Caseload:
    counts = casework_aggregates.open_caseload(team_id)
    workers = casework_aggregates.active_social_workers(team_id)
    by_worker = {row["worker_id"]: row["count"] for row in counts if row["worker_id"] is not None}
    factor = Decimal(str(settings.REPORTING_CASELOAD_FLAG_FACTOR))
    flagged, medians = set(), {}
    teams = {worker["team_id"] for worker in workers}
    for team in teams:
        team_counts = {w["id"]: by_worker.get(w["id"], 0) for w in workers if w["team_id"] == team}
        flagged |= rules.caseload_outliers(team_counts, factor=factor)
        medians[team] = sorted(team_counts.values())[len(team_counts) // 2] if team_counts else 0
    per_worker = sorted(
        (
            {**worker, "count": by_worker.get(worker["id"], 0), "flagged": worker["id"] in flagged}
            for worker in workers
        ),
        key=lambda w: (-w["count"], w["name"]),
    )
    return Caseload(
        per_worker=per_worker,
        unassigned=sum(row["count"] for row in counts if row["worker_id"] is None),
        open_dossiers=sum(row["count"] for row in counts),
        social_workers=len(workers),
        median_by_team=medians,
    )


def kpis(
    start: datetime.date,
    end: datetime.date,
    team_id=None,
    *,
    today=None,
    months=None,
    load=None,
    by_worker=True,
) -> list[Kpi]:
    """The deadline KPIs over [start, end] (for the dashboard: over the trend window, counted for the
    period's `months` only, with every month's tally kept for the trend lines) and the open caseload (`load`,
    when the caller has it already). Per team, and per social worker unless not `by_worker` (the dashboard
    of all teams shows no worker: a tenth of the rows)."""
    today = today or datetime.date.today()
    per_year = evaluation_rule(end).per_year
    clocks = bcsd_aggregates.decision_clocks(
        start,
        end,
        team_id,
        decision_days=rules.DECISION_DAYS,
        notification_days=rules.NOTIFICATION_DAYS,
        by_worker=by_worker,
    )
    result = [
        _tallied(
            "decisions_within_30_days",
            [row for row in clocks if row["decision"] is not None],
            lambda row: rules.decision_state(row["decision"]),
            months,
        ),
        _tallied(
            "notifications_within_8_days",
            clocks,
            lambda row: rules.notification_state(
                row["notification"], waiting_since=row["waiting_since"], today=today
            ),
            months,
        ),
        _tallied(
            "forwardings_within_5_days",
            casework_aggregates.forwarding_delays(start, end, team_id, by_worker=by_worker),
            lambda row: rules.forwarding_state(row["delay"]),
            months,
        ),
        _tallied(
            "gpmi_concluded_within_3_months",
            activation_aggregates.gpmi_conclusions(start, end, team_id, by_worker=by_worker),
            lambda row: rules.gpmi_conclusion_state(row["late"], open_due=row["open_due"], today=today),
            months,
        ),
        _tallied(
            "gpmi_evaluations_on_time",
            activation_aggregates.gpmi_evaluation_intervals(start, end, team_id, by_worker=by_worker),
            lambda row: rules.evaluation_state(row["since"], row["held_on"], per_year=per_year),
            months,
        ),
    ]
    load = load or caseload(team_id)
    result.append(
        Kpi(
            code="open_caseload",
            label=str(KPI_LABELS["open_caseload"]),
            numerator=load.open_dossiers,
            denominator=load.social_workers,
            value=load.average,
        )
    )
    return result


def name_breakdowns(kpis: list[Kpi]) -> None:
    """The ratios per team (by code) and per social worker (by username), for the API: two queries."""
    from django.contrib.auth import get_user_model

    team_ids = {key for kpi in kpis for key in kpi.per_team if key}
    worker_ids = {key for kpi in kpis for key in kpi.per_worker if key}
    codes = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "code"))
    usernames = dict(get_user_model().objects.filter(pk__in=worker_ids).values_list("pk", "username"))

    def rows(tallies, names):
        return [
            {"key": names[key], "numerator": t.on_time, "denominator": t.counted, "value": t.percent}
            for key, t in sorted(tallies.items(), key=lambda item: names.get(item[0], ""))
            if key in names
        ]

    for kpi in kpis:
        kpi.team_breakdown = rows(kpi.per_team, codes)
        kpi.worker_breakdown = rows(kpi.per_worker, usernames)


# --- Activation ---


@dataclass
class Activation:
    months: list  # first days
    per_phase: dict  # first day of the month -> {phase: count} (at the month's end)
    transitions: dict  # (from, to) -> count, in the period
    exits_to_work: int
    exits_per_month: dict  # first day -> count
    measures: dict  # first day -> {kind: count}


def activation(window_months, period_months, team_id=None) -> Activation:
    month_firsts = [first for first, _last in window_months]
    in_period = {first for first, _last in period_months}
    per_phase = {first: dict.fromkeys(PHASES, 0) for first in month_firsts}
    for row in activation_aggregates.clients_per_phase(window_months, team_id):
        if row["phase_then"]:
            per_phase[row["day"].replace(day=1)][row["phase_then"]] += row["count"]
    transitions, exits_per_month = defaultdict(int), dict.fromkeys(month_firsts, 0)
    start, end = window_months[0][0], window_months[-1][1]
    for row in activation_aggregates.phase_transitions(start, end, team_id):
        month = as_date(row["month"])
        if row["to_phase"] == "work":
            exits_per_month[month] = exits_per_month.get(month, 0) + row["count"]
        if month in in_period:
            transitions[(row["from_phase"], row["to_phase"])] += row["count"]
    measures = {first: defaultdict(int) for first in month_firsts}
    for row in activation_aggregates.measures_running(window_months, team_id):
        measures[row["month"]][row["kind"]] += row["count"]
    return Activation(
        months=month_firsts,
        per_phase=per_phase,
        transitions=dict(transitions),
        exits_to_work=sum(count for (_f, to), count in transitions.items() if to == "work"),
        exits_per_month=exits_per_month,
        measures={month: dict(kinds) for month, kinds in measures.items()},
    )


# --- Leefloon beneficiaries and the subsidy ---

GPMI_GROUPS = ("first_year", "signed", "draft", "exempted", "none")


@dataclass
class SubsidyMonth:
    month: datetime.date
    beneficiaries: dict  # GPMI group -> count
    amount: Decimal
    rate: rules.SubsidyRate | None
    expected: Decimal
    ocmw_beneficiaries: int  # the whole OCMW's, which sets the rate

    @property
    def total(self) -> int:
        return sum(self.beneficiaries.values())


def subsidy_rates() -> list[rules.SubsidyRate]:
    return [
        rules.SubsidyRate(r.valid_from, r.beneficiaries_from, r.rate, r.gpmi_bonus)
        for r in SubsidyRate.objects.all()
    ]


def subsidy(months, team_id=None) -> list[SubsidyMonth]:
    """Leefloon beneficiaries per month with their GPMI's state and first-year flag, and the expected
    subsidy: the amounts granted × the rate in force that month (set by the OCMW's whole volume), plus the
    GPMI bonus for the beneficiaries in their GPMI's first year, in cents per beneficiary. A beneficiary-month
    is a granted decision whose period covers the month."""
    rates = subsidy_rates()
    grants = bcsd_aggregates.leefloon_grants(months[0][0], months[-1][0], team_id) if months else []
    result = []
    for first, last in months:
        running = [
            g
            for g in grants
            if g["from_month"] <= first and (g["to_month"] is None or g["to_month"] >= first)
        ]
        rate = rules.subsidy_rate(rates, first, sum(g["count"] for g in running))
        groups = dict.fromkeys(GPMI_GROUPS, 0)
        amount, expected, per_beneficiary = Decimal("0.00"), Decimal("0.00"), {}
        for grant in running:
            if not grant["in_team"]:
                continue
            # The signing month stands for the signing date: the rules compare it with whole months only.
            state = rules.gpmi_state(grant["gpmi_status"], grant["signed_month"], last)
            first_year = state == "signed" and rules.in_first_gpmi_year(grant["signed_month"], first)
            groups["first_year" if first_year else state] += grant["count"]
            monthly = grant["monthly_amount"] or Decimal(0)
            amount += monthly * grant["count"]
            if (monthly, first_year) not in per_beneficiary:
                per_beneficiary[monthly, first_year] = rules.expected_subsidy(
                    monthly, rate, first_gpmi_year=first_year
                )
            expected += per_beneficiary[monthly, first_year] * grant["count"]
        result.append(SubsidyMonth(first, groups, amount, rate, expected, sum(g["count"] for g in running)))
    return result


# --- Requests, the committee, hearings and appeals ---


def requests_per_kind(start, end, team_id=None) -> dict:
    """{kind: {first day of month: count}}"""
    table = defaultdict(lambda: defaultdict(int))
    for row in casework_aggregates.requests_per_kind(start, end, team_id):
        table[row["kind"]][as_date(row["month"])] += row["count"]
    return {kind: dict(months) for kind, months in table.items()}


def committee(start, end, team_id=None) -> dict:
    outcomes = defaultdict(lambda: defaultdict(int))
    for row in bcsd_aggregates.committee_outcomes(start, end, team_id):
        outcomes[row["kind"]][row["outcome"]] += row["count"]
    hearings = defaultdict(int)
    for row in bcsd_aggregates.hearings(start, end, team_id):
        hearings[{True: "held", False: "not_held", None: "planned"}[row["held"]]] += row["count"]
    appeals = defaultdict(int)
    for row in bcsd_aggregates.appeals(start, end, team_id):
        appeals[row["outcome"].strip() or ""] += row["count"]
    return {
        "outcomes": {kind: dict(counts) for kind, counts in outcomes.items()},
        "hearings": dict(hearings),
        "appeals": dict(appeals),
    }


def teams() -> list[Team]:
    return list(Team.objects.order_by("name"))
