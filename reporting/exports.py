"""What each kind of export holds. Figures (kpis, caseload) are aggregates: counts, no personal data, not
logged. Lists (requests, decisions, gpmi, activation) name dossiers: they are read through the dossier policy
of the requester (casework.policy.visible_dossiers_q: restricted dossiers only for the people on their list)
and the export is logged once, with the persons and dossiers it held (reporting.services)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from activation.models import Gpmi, Phase, Trajectory
from bcsd.models import Decision, DecisionOutcome, SubmissionKind
from casework.dossiers.models import Dossier
from casework.policy import visible_dossiers_q
from casework.register.models import AidRequest, RequestKind, RequestStatus
from reporting import figures, rules

LIST_KINDS = ("requests", "decisions", "gpmi", "activation")


@dataclass
class Table:
    header: list
    rows: object  # a queryset of dicts (lists) or a list of rows (figures)
    to_row: object  # dict -> list of cells
    personal: bool  # holds dossiers: access-checked and logged


def _visible(user, team_id, path: str) -> Q:
    """Rows of the dossiers the requester may see (and of the team asked for)."""
    dossiers = Dossier.objects.filter(visible_dossiers_q(user))
    if team_id:
        dossiers = dossiers.filter(team_id=team_id)
    return Q(**{f"{path}__in": dossiers.values("pk")})


def _yes_no(state: str) -> str:
    return {rules.ON_TIME: _("ja"), rules.LATE: _("nee"), rules.PENDING: _("nog niet")}[state]


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _worker(row, prefix) -> str:
    return " ".join(filter(None, [row[f"{prefix}__first_name"], row[f"{prefix}__last_name"]])) or (
        row[f"{prefix}__username"] or ""
    )


DOSSIER_COLUMNS = (
    "dossier__number",
    "dossier__team__name",
    "dossier__social_worker__first_name",
    "dossier__social_worker__last_name",
    "dossier__social_worker__username",
    "dossier__client_id",
    "dossier_id",
)


def requests_table(user, start, end, team_id, today) -> Table:
    decided = (
        Decision.objects.filter(submission__request_id=OuterRef("pk"))
        .exclude(outcome=DecisionOutcome.POSTPONED)
        .order_by()
        .values("submission__request_id")
        .annotate(first=Min("decided_on"))
        .values("first")
    )
    rows = (
        AidRequest.objects.filter(_visible(user, team_id, "dossier"), received_on__range=(start, end))
        .annotate(decided_on=Subquery(decided))
        .order_by("received_on", "register_number")
        .values(
            "register_number", "kind", "received_on", "status", "decided_on", "forwarded_on", *DOSSIER_COLUMNS
        )
    )
    kinds, statuses = dict(RequestKind.choices), dict(RequestStatus.choices)

    def to_row(row):
        delay = (row["decided_on"] - row["received_on"]).days if row["decided_on"] else None
        return [
            row["register_number"],
            row["dossier__number"] or "",
            row["dossier__team__name"],
            _worker(row, "dossier__social_worker"),
            str(kinds.get(row["kind"], row["kind"])),
            _date(row["received_on"]),
            str(statuses.get(row["status"], row["status"])),
            _date(row["decided_on"]),
            delay if delay is not None else "",
            _yes_no(rules.decision_state(delay)) if delay is not None else "",
            _date(row["forwarded_on"]),
        ]

    header = [
        _("registernummer"), _("dossier"), _("team"), _("maatschappelijk werker"), _("soort"),
        _("ontvangen op"), _("status"), _("beslist op"), _("dagen tot beslissing"), _("binnen 30 dagen"),
        _("doorgestuurd op"),
    ]  # fmt: skip
    return Table(header, rows, to_row, personal=True)


def decisions_table(user, start, end, team_id, today) -> Table:
    rows = (
        Decision.objects.filter(
            _visible(user, team_id, "submission__dossier"), decided_on__range=(start, end)
        )
        .order_by("decided_on", "recorded_at")
        .values(
            "decided_on",
            "outcome",
            "urgent",
            "notified_on",
            "submission__kind",
            "submission__request__received_on",
            *(f"submission__{column}" for column in DOSSIER_COLUMNS),
        )  # fmt: skip
    )
    kinds, outcomes = dict(SubmissionKind.choices), dict(DecisionOutcome.choices)

    def to_row(row):
        received = row["submission__request__received_on"]
        postponed = row["outcome"] == DecisionOutcome.POSTPONED
        delay = (row["decided_on"] - received).days if received and not postponed else None
        notified = (row["notified_on"] - row["decided_on"]).days if row["notified_on"] else None
        notification = (
            ""
            if postponed
            else _yes_no(
                rules.notification_state(
                    notified, waiting_since=None if notified is not None else row["decided_on"], today=today
                )
            )
        )
        return [
            row["submission__dossier__number"] or "",
            row["submission__dossier__team__name"],
            _worker(row, "submission__dossier__social_worker"),
            str(kinds.get(row["submission__kind"], row["submission__kind"])),
            str(outcomes.get(row["outcome"], row["outcome"])),
            _("ja") if row["urgent"] else _("nee"),
            _date(received),
            _date(row["decided_on"]),
            delay if delay is not None else "",
            _yes_no(rules.decision_state(delay)) if delay is not None else "",
            _date(row["notified_on"]),
            notification,
        ]

    header = [
        _("dossier"), _("team"), _("maatschappelijk werker"), _("soort"), _("beslissing"), _("dringend"),
        _("aanvraag ontvangen op"), _("beslist op"), _("dagen tot beslissing"), _("binnen 30 dagen"),
        _("kennisgegeven op"), _("binnen 8 dagen"),
    ]  # fmt: skip
    return Table(header, rows, to_row, personal=True)


def gpmi_table(user, start, end, team_id, today) -> Table:
    rows = (
        Gpmi.objects.filter(_visible(user, team_id, "dossier"), conclusion_due__range=(start, end))
        .annotate(evaluations_held=Count("evaluations"), last_evaluation=Max("evaluations__held_on"))
        .order_by("conclusion_due", "created_at")
        .values(
            "kind",
            "status",
            "leefloon_granted_on",
            "conclusion_due",
            "signed_on",
            "evaluations_held",
            "last_evaluation",
            *DOSSIER_COLUMNS,
        )  # fmt: skip
    )

    def to_row(row):
        exempted = row["status"] == "exempted"
        late = (row["signed_on"] - row["conclusion_due"]).days if row["signed_on"] else None
        state = rules.gpmi_conclusion_state(
            late, open_due=None if row["signed_on"] else row["conclusion_due"], today=today
        )
        return [
            row["dossier__number"] or "",
            row["dossier__team__name"],
            _worker(row, "dossier__social_worker"),
            row["kind"],
            row["status"],
            _date(row["leefloon_granted_on"]),
            _date(row["conclusion_due"]),
            _date(row["signed_on"]),
            "" if exempted else _yes_no(state),
            row["evaluations_held"],
            _date(row["last_evaluation"]),
        ]

    header = [
        _("dossier"), _("team"), _("maatschappelijk werker"), _("soort"), _("status"),
        _("leefloon toegekend op"), _("af te sluiten tegen"), _("ondertekend op"), _("binnen 3 maanden"),
        _("evaluaties"), _("laatste evaluatie"),
    ]  # fmt: skip
    return Table(header, rows, to_row, personal=True)


def activation_table(user, start, end, team_id, today) -> Table:
    rows = (
        Trajectory.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=start),
            _visible(user, team_id, "dossier"),
            started_on__lte=end,
        )
        .annotate(
            measures_running=Count(
                "measures", filter=Q(measures__started_on__lte=end) & ~Q(measures__ended_on__lt=start)
            )
        )
        .order_by("started_on", "created_at")
        .values(
            "phase",
            "phase_since",
            "started_on",
            "ended_on",
            "measures_running",
            "coach__first_name",
            "coach__last_name",
            "coach__username",
            *DOSSIER_COLUMNS,
        )  # fmt: skip
    )
    phases = dict(Phase.choices)

    def to_row(row):
        return [
            row["dossier__number"] or "",
            row["dossier__team__name"],
            _worker(row, "coach"),
            str(phases.get(row["phase"], row["phase"])),
            _date(row["phase_since"]),
            _date(row["started_on"]),
            _date(row["ended_on"]),
            row["measures_running"],
        ]

    header = [
        _("dossier"), _("team"), _("trajectbegeleider"), _("fase nu"), _("in deze fase sinds"),
        _("gestart op"), _("beëindigd op"), _("lopende maatregelen in de periode"),
    ]  # fmt: skip
    return Table(header, rows, to_row, personal=True)


def caseload_table(user, start, end, team_id, today) -> Table:
    load = figures.caseload(team_id)
    names = {team.pk: team.name for team in figures.teams()}
    rows = [
        [names.get(w["team_id"], ""), w["name"], w["count"], _("ja") if w["flagged"] else _("nee")]
        for w in load.per_worker
    ]
    header = [
        _("team"),
        _("maatschappelijk werker"),
        _("open dossiers"),
        _("boven 1,3 × de mediaan van het team"),
    ]
    return Table(header, rows, list, personal=False)


def kpis_table(user, start, end, team_id, today) -> Table:
    names = {team.pk: team.name for team in figures.teams()}
    rows = []
    for kpi in figures.kpis(start, end, team_id, today=today):
        scope = _("alle") if not team_id else names.get(team_id)
        value = kpi.value if kpi.value is not None else ""
        rows.append([kpi.label, scope, kpi.numerator, kpi.denominator, value])
        for team, tally in sorted(kpi.per_team.items(), key=lambda item: names.get(item[0], "")):
            if not team_id:
                rows.append(
                    [kpi.label, names.get(team, ""), tally.on_time, tally.counted, tally.percent or ""]
                )
    header = [_("kerncijfer"), _("team"), _("teller"), _("noemer"), _("waarde")]
    return Table(header, rows, list, personal=False)


TABLES = {
    "requests": requests_table,
    "decisions": decisions_table,
    "gpmi": gpmi_table,
    "activation": activation_table,
    "caseload": caseload_table,
    "kpis": kpis_table,
}


def table_of(export, today: datetime.date) -> Table:
    return TABLES[export.kind](export.requested_by, export.date_from, export.date_to, export.team_id, today)
