"""The screens' access matrix: every URL of the web UI (and each method it answers) × every role × the
dossier's relation to the caller, and an anonymous browser. A completeness test walks the URL resolver, so a
new screen without a row here fails the suite. The cells are run and judged as in the API's matrix
(access_world.py).

A screen answers some refusals with a page or a redirect that shows the message (Kept): the head of service
reads a team's dossier but does not write in it, and the form says so; nothing may be written then."""

import datetime
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.activation import world as activation_world
from tests.casework.access_world import (
    ACCESS_LOG_READ,
    ACCESS_LOG_READERS,
    ALL_BUT_COMMITTEE_MEMBERS,
    ALL_STAFF,
    BREAK_GLASS,
    CLIENT_EDIT,
    FIGURE_READERS,
    HEARING,
    LEDGER_CONTROLLERS,
    LETTER,
    LISTS,
    LOGIN,
    MEETING_READ,
    OPEN_DOSSIER,
    PUBLIC,
    READ,
    READ_FULL,
    READS,
    REGISTER,
    REGISTRARS,
    REQUEST_MOVE,
    REVIEW,
    ROLES,
    SEARCHES,
    SUBMISSION_READ,
    WORK,
    WRITES,
    CellRunner,
    Kept,
    World,
    cells_to_run,
    check_table,
    judge,
    only,
    only_no_dossier,
    table,
    with_role_cells,
)
from tests.casework.access_world import OK as ALLOWED

TODAY = datetime.date.today().isoformat()


@dataclass(frozen=True)
class Case:
    name: str  # the URL's name, with its namespace
    method: str
    cells: dict  # role -> situation -> expected status
    kind: str  # access_world.READS, LISTS, SEARCHES, PUBLIC or WRITES
    target: Callable  # (world, dossier or None) -> (url, form data or None)
    variant: str = ""

    def __str__(self):
        return f"{self.method} {self.name}" + (f" ({self.variant})" if self.variant else "")


def _at(name, argument=None, query=""):
    """The URL of `name` for an object of the dossier (argument(world, dossier)), with a query string."""

    def target(world, dossier):
        args = [argument(world, dossier)] if argument else []
        return reverse(name, args=args) + query, None

    return target


def _post(name, argument, data):
    def target(world, dossier):
        args = [argument(world, dossier)] if argument else []
        return reverse(name, args=args), data(world, dossier) if callable(data) else data

    return target


def _dossier(w, d):
    return d.pk


def _open_for(w, d):
    return f"{reverse('casework:dossier-open')}?client={w.person().pk}"


# The head of service reads a team's dossiers (full access) but works in none of them: screens differ in how
# they say no to a write.
HEAD_READS = ("team", "other")


def work_refused_by_the_head_with(status) -> dict:
    def cells(ok):
        return with_role_cells(
            table(WORK, ok), "head_of_service", **{situation: status for situation in HEAD_READS}
        )

    return cells


def _now_for_a_form() -> str:
    return (timezone.localtime() - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")


CASES = [
    # --- accounts: every member of staff has a home page and notifications ---
    Case("home", "GET", table(ALL_STAFF, 200), PUBLIC, _at("home")),
    Case("notifications", "GET", table(ALL_STAFF, 200), PUBLIC, _at("notifications")),
    # --- clients: the registry at the counter and "who saw my data?" ---
    Case(
        "clients:search",
        "GET",
        table(ALL_BUT_COMMITTEE_MEMBERS, 200),
        SEARCHES,
        _at("clients:search", query="?q=Zonderdossier"),
    ),
    Case("clients:register", "GET", table(REGISTRARS, 200), PUBLIC, _at("clients:register")),
    Case(
        "clients:register",
        "POST",
        table(REGISTRARS, 302),
        WRITES,
        _post(
            "clients:register",
            None,
            {"first_name": "Nieuwe", "last_name": "Persoon", "birth_date": "01/04/1990"},
        ),
    ),
    Case(
        "clients:possible-duplicates",
        "GET",
        table(REGISTRARS, 200),
        PUBLIC,
        _at(
            "clients:possible-duplicates",
            query="?first_name=Nieuwe&last_name=Zonderdossier&birth_date=01/04/1990",
        ),
    ),
    # Without a registration in the session the confirmation sends everyone back to the search.
    Case("clients:registered", "GET", table(ALL_STAFF, 302), PUBLIC, _at("clients:registered")),
    Case(
        "clients:access-log-search",
        "GET",
        table(ACCESS_LOG_READERS, 200),
        SEARCHES,
        _at("clients:access-log-search", query="?q=Zonderdossier"),
    ),
    # The ledger's own checks: names of staff and counts, no client's data.
    Case(
        "clients:access-log-verification",
        "GET",
        table(LEDGER_CONTROLLERS, 200),
        PUBLIC,
        _at("clients:access-log-verification"),
    ),
    Case(
        "clients:access-log-unusual",
        "GET",
        table(LEDGER_CONTROLLERS, 200),
        PUBLIC,
        _at("clients:access-log-unusual"),
    ),
    Case(
        "clients:access-log",
        "GET",
        table(ACCESS_LOG_READ, 200),
        READS,
        _at("clients:access-log", lambda w, d: d.client_id),
    ),
    Case(
        "clients:access-log-export-start",
        "POST",
        table(ACCESS_LOG_READ, 302),  # the export is made by a task: to its progress page (issue 11)
        WRITES,
        _post("clients:access-log-export-start", lambda w, d: d.client_id, {"export": "csv"}),
    ),
    # The household: read through a dossier; changed like the identity (not on an emergency access).
    Case(
        "clients:household",
        "GET",
        table(READ, 200),
        READS,
        _at("clients:household", lambda w, d: d.client_id),
    ),
    Case(
        "clients:household",
        "POST",
        table(CLIENT_EDIT, 302),
        WRITES,
        _post(
            "clients:household",
            lambda w, d: d.client_id,
            lambda w, d: {
                "action": "add",
                "member": w.person().pk,
                "relation": "child",
                "from_date": "01/09/2020",
            },
        ),
    ),
    Case(
        "clients:household-new-member",
        "POST",
        table(CLIENT_EDIT, 302),  # without HTMX: to the household screen (issue 12)
        WRITES,
        _post(
            "clients:household-new-member",
            lambda w, d: d.client_id,
            lambda w, d: {
                "gezinslid-first_name": "Adam",
                "gezinslid-last_name": "Peeters",
                "gezinslid-birth_date": "12/07/2016",
                "gezinslid-relation": "child",
                "gezinslid-from_date": "01/09/2020",
            },
        ),
    ),
    # --- casework: "Mijn werk" (own obligations, no one else's data) and a team lead's reassignment ---
    Case("casework:my-work", "GET", table(ALL_STAFF, 200), PUBLIC, _at("casework:my-work")),
    Case(
        "casework:my-work-reassign",
        "POST",
        {
            role: {"own": 403, "team": 404, "other": 404, "restricted": 404}
            | ({"glass": 404} if role == "social_worker" else {})
            for role in ("social_worker", "activation_coach")
        }
        | {"intake_officer": {"team": 404, "other": 404, "restricted": 404}}
        | {"team_lead": {"own": 302, "team": 302, "other": 404, "restricted": 404, "glass": 404}}
        | {"head_of_service": {"team": 302, "other": 302, "restricted": 404}}
        | {
            role: {"team": 404, "other": 404, "restricted": 404}
            for role in ("committee_member", "committee_secretary", "dpo", "admin")
        },
        WRITES,
        _post("casework:my-work-reassign", lambda w, d: w.obligation(d).pk, {"to": "colleague"}),
    ),
    # --- casework: the caseload, the dossier page and opening a dossier ---
    Case("casework:caseload", "GET", table(ALL_STAFF, 200), LISTS, _at("casework:caseload")),
    Case(
        "casework:dossier-open",
        "GET",
        # The person's minimal identity, for every role that may search; for the others nobody is there.
        table(
            {role: (404 if status == 403 else status) for role, status in ALL_BUT_COMMITTEE_MEMBERS.items()},
            200,
        ),
        SEARCHES,
        lambda w, d: (_open_for(w, d), None),
    ),
    Case(
        "casework:dossier-open",
        "POST",
        # The form says which team the caller may not open a dossier for; a committee member finds nobody.
        with_role_cells(
            {
                role: {s: (Kept(200) if v == 403 else v) for s, v in cells.items()}
                for role, cells in table(OPEN_DOSSIER, 302).items()
            },
            "committee_member",
            team=404,
            other=404,
        ),
        WRITES,
        lambda w, d: (_open_for(w, d), {"team": d.team.code}),
    ),
    Case("casework:dossier", "GET", table(READ, 200), READS, _at("casework:dossier", _dossier)),
    Case(
        "casework:contact-add",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "casework:contact-add",
            _dossier,
            lambda w, d: {
                "summary": "Telefonisch contact",
                "channel": "phone",
                "occurred_at": _now_for_a_form(),
            },
        ),
    ),
    Case(
        "casework:break-glass",
        "POST",
        table(BREAK_GLASS, 302),
        WRITES,
        _post("casework:break-glass", _dossier, {"reason": "Collega ziek, dringende vraag"}),
    ),
    Case(
        "casework:bank-account-change-seen",
        "POST",
        work_refused_by_the_head_with(403)(302),  # the head reads the dossier, the alert is for its workers
        WRITES,
        lambda w, d: (
            reverse("casework:bank-account-change-seen", args=[d.pk, w.bank_account_change(d).pk]),
            {},
        ),
    ),
    # --- the register ---
    Case(
        "casework:request-add",
        "POST",
        table(REGISTER, 200),  # the form again, with the number of the request just registered
        WRITES,
        _post(
            "casework:request-add",
            _dossier,
            {"kind": "financial_aid", "received_on": TODAY, "channel": "oral"},
        ),
    ),
    Case(
        "casework:request",
        "GET",
        table(READ, 200),
        READS,
        _at("casework:request", lambda w, d: w.request(d).pk),
    ),
    Case(
        "casework:request-transition",
        "POST",
        table(REQUEST_MOVE, 302),
        WRITES,
        _post("casework:request-transition", lambda w, d: w.request(d).pk, {"to": "in_inquiry"}),
    ),
    # --- the social inquiry ---
    Case(
        "casework:inquiry",
        "GET",
        table(READ_FULL, 200),
        READS,
        _at("casework:inquiry", lambda w, d: w.inquiry(d).pk),
    ),
    Case(
        "casework:inquiry-report",
        "POST",
        work_refused_by_the_head_with(403)(302),
        WRITES,
        _post(
            "casework:inquiry-report",
            lambda w, d: w.inquiry(d).pk,
            {"version": 1, "situation": "Alleenstaand"},
        ),
    ),
    Case(
        "casework:inquiry-draft",
        "POST",
        work_refused_by_the_head_with(403)(204),  # the worker's own unsaved typing, kept
        WRITES,
        _post(
            "casework:inquiry-draft",
            lambda w, d: w.inquiry(d).pk,
            {"version": 1, "situation": "Alleenstaand, twee kinde"},
        ),
    ),
    Case(
        "casework:inquiry-document",
        "POST",
        work_refused_by_the_head_with(403)(302),
        WRITES,
        _post(
            "casework:inquiry-document",
            lambda w, d: w.inquiry(d).pk,
            {"name": "Identiteitskaart", "received": "on"},
        ),
    ),
    Case(
        "casework:inquiry-ksz",
        "POST",
        work_refused_by_the_head_with(403)(302),
        WRITES,
        _post(
            "casework:inquiry-ksz",
            lambda w, d: w.inquiry(d).pk,
            {"service": "income", "purpose": "Inkomsten nagaan"},
        ),
    ),
    Case(
        "casework:inquiry-calculate",
        "POST",
        work_refused_by_the_head_with(Kept(200))(200),  # the calculator with the calculation kept
        WRITES,
        _post(
            "casework:inquiry-calculate",
            lambda w, d: w.inquiry(d).pk,
            {"category": 2, "reference_date": TODAY, "apply_general_exemption": "on", "action": "store"},
        ),
    ),
    # --- help plan, referrals, case conferences ---
    Case(
        "casework:help-plan",
        "GET",
        table(READ_FULL, 200),
        READS,
        _at("casework:help-plan", _dossier),
    ),
    Case(
        "casework:help-plan",
        "POST",
        work_refused_by_the_head_with(Kept(200))(302),
        WRITES,
        _post(
            "casework:help-plan",
            _dossier,
            {"domain_0": "housing", "priority_0": 1, "description_0": "Een betaalbare woning vinden"},
        ),
    ),
    Case(
        "casework:help-plan-action-add",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "casework:help-plan-action-add",
            lambda w, d: w.help_plan(d).goals.first().pk,
            {"description": "Afspraak bij het OCMW-energieloket", "owner": "de cliënt"},
        ),
    ),
    Case(
        "casework:help-plan-action-move",
        "POST",
        table(WORK, 302),
        WRITES,
        _post("casework:help-plan-action-move", lambda w, d: w.help_plan_action(d).pk, {"to": "in_progress"}),
    ),
    Case(
        "casework:referral-add",
        "POST",
        work_refused_by_the_head_with(Kept(400))(302),
        WRITES,
        _post(
            "casework:referral-add",
            _dossier,
            lambda w, d: {"partner": str(w.partner().pk), "reason": "Woonbegeleiding"},
        ),
    ),
    Case(
        "casework:referral-move",
        "POST",
        table(WORK, 302),
        WRITES,
        _post("casework:referral-move", lambda w, d: w.referral(d).pk, {"to": "sent"}),
    ),
    Case(
        "casework:case-conferences",
        "GET",
        table(READ_FULL, 200),
        READS,
        _at("casework:case-conferences", _dossier),
    ),
    Case(
        "casework:case-conferences",
        "POST",
        work_refused_by_the_head_with(Kept(200))(302),
        WRITES,
        _post("casework:case-conferences", _dossier, {"held_on": TODAY, "agreements": "Het CAW volgt op"}),
    ),
    # --- budget ---
    Case("casework:budget", "GET", table(READ_FULL, 200), READS, _at("casework:budget", _dossier)),
    Case(
        "casework:budget",
        "POST",
        work_refused_by_the_head_with(Kept(200))(302),
        WRITES,
        _post("casework:budget", _dossier, {"form": "debt", "creditor": "Waterbedrijf", "amount": "80.00"}),
    ),
    Case(
        "casework:payment-plan-add",
        "POST",
        work_refused_by_the_head_with(Kept(302))(302),  # back to the budget page, with the refusal
        WRITES,
        _post(
            "casework:payment-plan-add",
            lambda w, d: w.debt(d).pk,
            {"instalment_amount": "100.00", "first_due_on": TODAY},
        ),
    ),
    Case(
        "casework:instalment-paid",
        "POST",
        work_refused_by_the_head_with(Kept(302))(302),
        WRITES,
        _post(
            "casework:instalment-paid",
            lambda w, d: w.payment_plan(d).pk,
            lambda w, d: {"due_on": w.payment_plan(d).first_due_on.isoformat()},
        ),
    ),
    # --- bcsd: the secretary's screens and the members' portal ---
    Case("bcsd:meetings", "GET", table(ALL_STAFF, 200), PUBLIC, _at("bcsd:meetings")),
    Case(
        "bcsd:meeting-create",
        "POST",
        table(only_no_dossier("committee_secretary"), 302),
        WRITES,
        _post(
            "bcsd:meeting-create",
            None,
            lambda w, d: {"date": TODAY, "time": "19:00", "members": [w.callers["committee_member"].pk]},
        ),
    ),
    Case(
        "bcsd:meeting",
        "GET",
        table(MEETING_READ, 200),
        READS,
        _at("bcsd:meeting", lambda w, d: w.held_meeting(d).pk),
    ),
    Case(
        "bcsd:meeting-act",
        "POST",
        table(only_no_dossier("committee_secretary"), 302),
        WRITES,
        lambda w, d: (reverse("bcsd:meeting-act", args=[w.planned_meeting().pk]), {"act": "publish"}),
    ),
    Case(
        "bcsd:submission",
        "GET",
        table(SUBMISSION_READ, 200),
        READS,
        _at("bcsd:submission", lambda w, d: w.submission_on_agenda(d).pk),
    ),
    Case(
        "bcsd:decision-record",
        "POST",
        table(only("committee_secretary"), 302),
        WRITES,
        _post(
            "bcsd:decision-record",
            lambda w, d: w.submission_on_agenda(d).pk,
            {"outcome": "approved", "motivation": "Geen bestaansmiddelen.", "decided_on": TODAY},
        ),
    ),
    Case(
        "bcsd:dossier-submissions",
        "GET",
        table(READ_FULL, 200),
        READS,
        _at("bcsd:dossier-submissions", _dossier),
    ),
    Case(
        "bcsd:dossier-submissions",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "bcsd:dossier-submissions",
            _dossier,
            {
                "kind": "other",
                "proposal": "Budgetbeheer opstarten.",
                "motivation": "Schulden bij de energieleverancier.",
                "legal_basis": "Art. 57 §1 OCMW-wet",
            },
        ),
    ),
    Case(
        "bcsd:submission-review",
        "POST",
        table(REVIEW, 302),
        WRITES,
        _post("bcsd:submission-review", lambda w, d: w.submission_submitted(d).pk, {"outcome": "approved"}),
    ),
    Case(
        "bcsd:hearing-add",
        "POST",
        table(HEARING, 302),
        WRITES,
        _post(
            "bcsd:hearing-add",
            lambda w, d: w.submission_ready(d).pk,
            {"requested_on": TODAY, "companion": "haar zus"},
        ),
    ),
    Case(
        "bcsd:decision-notify",
        "POST",
        table(only("committee_secretary"), 302),
        WRITES,
        _post("bcsd:decision-notify", lambda w, d: w.decision(d).pk, {"sent_on": TODAY, "method": "receipt"}),
    ),
    Case(
        "bcsd:letter",
        "GET",
        table(LETTER, 200),
        READS,
        _at("bcsd:letter", lambda w, d: w.decision(d).pk),
    ),
]

# --- activation: the coach's board, screening, trajectories and the GPMI. Whoever works in the dossier
# (policy.may_work_on) writes; the head of service reads (a write is refused as if the dossier were not
# there). Starting a trajectory names the dossier's coach: not on a break-the-glass grant. The board lists
# the caller's own trajectories (none in the world: nobody's data, nothing logged).
TRAJECTORY_START = {
    **WORK,
    **{role: {**WORK[role], "glass": 404} for role in ("social_worker", "team_lead")},
}


def _trajectory(w, d):
    return activation_world.trajectory(w, d).pk


def _gpmi(w, d):
    return activation_world.gpmi(w, d).pk


GPMI_TEXTS = {
    "social_balance": "Sociale balans",
    "goals": "Werkervaring opdoen",
    "client_commitments": "Vrijwilligerswerk",
    "ocmw_commitments": "Begeleiding",
}
# Group activation work concerns no dossier: the coach organises; for anyone else an activity is not there.
CASES += [
    Case("activation:groups", "GET", table(ALL_STAFF, 200), PUBLIC, _at("activation:groups")),
    Case(
        "activation:groups",
        "POST",
        table({role: (ALLOWED if role == "activation_coach" else 403) for role in ROLES}, 302),
        WRITES,
        _post("activation:groups", None, {"name": "Jobclub", "starts_on": TODAY}),
    ),
    Case(
        "activation:group",
        "GET",
        table({role: (ALLOWED if role == "activation_coach" else 404) for role in ROLES}, 200),
        PUBLIC,  # no participants in the world: nobody's data
        _at("activation:group", lambda w, d: activation_world.group_activity(w).pk),
    ),
    Case(
        "activation:group",
        "POST",
        table({role: (ALLOWED if role == "activation_coach" else 404) for role in ROLES}, 302),
        WRITES,
        _post(
            "activation:group",
            lambda w, d: activation_world.group_activity(w).pk,
            {"form": "evaluation", "evaluation": "Goede groep, vier vonden werk"},
        ),
    ),
    Case("activation:board", "GET", table(ALL_STAFF, 200), PUBLIC, _at("activation:board")),
    Case("activation:screening", "GET", table(READ_FULL, 200), READS, _at("activation:screening", _dossier)),
    Case(
        "activation:screening",
        "POST",
        table(WORK, 302),
        WRITES,
        _post("activation:screening", _dossier, {"q_care_needs_block_work": "yes"}),
    ),
    Case(
        "activation:trajectory-start",
        "POST",
        table(TRAJECTORY_START, 302),
        WRITES,
        _post(
            "activation:trajectory-start",
            _dossier,
            lambda w, d: {
                "coach": str(w.callers["activation_coach"].pk),
                "phase": "care",
                "started_on": TODAY,
            },
        ),
    ),
    Case(
        "activation:trajectory",
        "GET",
        table(READ_FULL, 200),
        READS,
        _at("activation:trajectory", _trajectory),
    ),
    Case(
        "activation:phase-change",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "activation:phase-change",
            _trajectory,
            {"to_phase": "work_activation", "changed_on": TODAY, "reason": "Klaar voor een IBO"},
        ),
    ),
    Case(
        "activation:measure-add",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "activation:measure-add",
            _trajectory,
            {"kind": "volunteer_work", "partner_name": "Sociaal restaurant", "started_on": TODAY},
        ),
    ),
    Case(
        "activation:monitoring-add",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "activation:monitoring-add",
            _trajectory,
            {"held_on": TODAY, "with_whom": "Cliënt", "in_person": "on", "summary": "Opvolggesprek"},
        ),
    ),
    Case(
        "activation:gpmi-create",
        "POST",
        table(WORK, 302),
        WRITES,
        _post("activation:gpmi-create", _trajectory, {"kind": "standard", "leefloon_granted_on": TODAY}),
    ),
    Case("activation:gpmi", "GET", table(READ_FULL, 200), READS, _at("activation:gpmi", _gpmi)),
    Case("activation:gpmi-pdf", "GET", table(READ_FULL, 200), READS, _at("activation:gpmi-pdf", _gpmi)),
    Case("activation:gpmi", "POST", table(WORK, 302), WRITES, _post("activation:gpmi", _gpmi, GPMI_TEXTS)),
    Case(
        "activation:gpmi-evaluate",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "activation:gpmi-evaluate", _gpmi, {"held_on": TODAY, "in_person": "on", "summary": "Goed op weg"}
        ),
    ),
]

# A formal warning and a sanction proposal on the GPMI page: whoever works in the dossier.
CASES += [
    Case(
        "activation:gpmi-warning",
        "POST",
        table(WORK, 302),
        WRITES,
        _post("activation:gpmi-warning", _gpmi, {"given_on": TODAY, "reason": "Niet op de afspraak"}),
    ),
    Case(
        "activation:gpmi-sanction",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "activation:gpmi-sanction",
            lambda w, d: activation_world.warned_gpmi(w, d).pk,
            {"suspension_months": "1", "motivation": "Herhaaldelijk niet op afspraak, na verwittiging"},
        ),
    ),
]
# The committee app turns a GPMI sanction proposal into a submission: whoever works in the dossier.
CASES.append(
    Case(
        "bcsd:sanction-submit",
        "POST",
        table(WORK, 302),
        WRITES,
        _post(
            "bcsd:sanction-submit",
            lambda w, d: activation_world.sanction_proposal(w, d).pk,
            {"hearing_offered_on": TODAY},
        ),
    )
)
# --- Reporting: the department's dashboard and its exports (head of service, team leads) ---
CASES += [
    Case("reporting:dashboard", "GET", table(FIGURE_READERS, 200), PUBLIC, _at("reporting:dashboard")),
    Case(
        "reporting:export-start",
        "POST",
        table(FIGURE_READERS, 302),  # to the export's progress page
        WRITES,
        _post(
            "reporting:export-start",
            None,
            {"kind": "kpis", "format": "csv", "van": "2026-01-01", "tot": "2026-03-31", "team": ""},
        ),
    ),
]

# URLs outside the matrix, and why.
NOT_IN_THE_MATRIX_PREFIXES = (
    "api/",  # the API: its own matrix, built from the OpenAPI schema (test_access_matrix.py)
    "admin/",  # Django's admin: staff flags and its own permissions, for configuration data only
)
NOT_IN_THE_MATRIX = {
    "login",  # signing in and out is how a browser authenticates; tested in tests/accounts
    "logout",
    "set_language",  # i18n: the language cookie, no data
    "healthz",  # the probe of the load balancer: database and broker status, no personal data
    # The user's own account: the login's second step, the second factor, the password, the idle timeout;
    # tested in tests/accounts.
    "login-code",
    "second-factor",
    "second-factor-recovery-codes",
    "password-change",
    "session-keepalive",
    "session-expired",
    # An access-log export (its progress, its file) is for the person who asked it only, whatever their role;
    # tested in tests/casework/test_access_log_paging.py.
    "clients:access-log-export",
    "clients:access-log-export-file",
    # Same for an export of the department's figures; tested in tests/reporting/test_views.py.
    "reporting:export",
    "reporting:export-file",
    # The next page of a dossier's timeline: the dossier read with full access (dossier_get), 404 otherwise;
    # tested in tests/casework/test_timeline.py.
    "casework:timeline",
}

# Reading the person's identity on the form that opens a dossier (logged): whoever may search may read it,
# also when the form comes back with a refusal.
IDENTITY_ON_THE_FORM = {"casework:dossier-open"}


def web_urls() -> set:
    """The name of every URL of the resolver (with its namespace), but the ones outside the matrix."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                yield ":".join(filter(None, [namespace, pattern.name or route])), route

    return {
        name
        for name, route in walk(get_resolver().url_patterns)
        if not route.startswith(NOT_IN_THE_MATRIX_PREFIXES) and name not in NOT_IN_THE_MATRIX
    }


def test_every_web_url_is_in_the_matrix():
    assert sorted(web_urls() - {case.name for case in CASES}) == []


def test_the_matrix_names_no_url_the_resolver_lacks():
    assert sorted({case.name for case in CASES} - web_urls()) == []


def test_every_case_has_every_role_and_the_situations_that_matter():
    assert [problem for case in CASES for problem in check_table(case)] == []


# The owner's cell is also a query-count guard (see test_access_matrix.py).
MAX_QUERIES = 45  # the inquiry page with its calculator, draft and means-test parameters is the largest


def _send(client, method, url, data):
    return client.post(url, data) if method == "POST" else client.get(url)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_web_access(db, case, django_assert_max_num_queries):
    world = World()
    clients = world.web_clients()
    cells = cells_to_run(case.cells, case.kind)
    targets = {
        (role, s): case.target(world, world.dossier(role, s)) for role in ROLES for s in case.cells[role]
    }
    owner = ("social_worker", next(iter(case.cells["social_worker"])))
    runner = CellRunner()
    failures = []

    for role, situation, expected in cells:
        role_situation = (role, situation)
        url, data = targets[role_situation]
        guard = django_assert_max_num_queries(MAX_QUERIES) if role_situation == owner else nullcontext()
        with guard:
            outcome = runner.run(lambda: _send(clients[role], case.method, url, data))
        if case.kind == LISTS and outcome.status == 200:
            outcome.listed = {dossier.pk for dossier in outcome.response.context["dossiers"]}
        problems = judge(
            case.kind,
            expected,
            outcome,
            caller=world.callers[role],
            dossier=world.dossier(role, situation),
            may_read=READ[role].get(situation) == ALLOWED
            or (case.name in IDENTITY_ON_THE_FORM and ALL_BUT_COMMITTEE_MEMBERS[role] == ALLOWED),
            listed=world.expected_listed(role, READ) if case.kind == LISTS else None,
        )
        failures += [f"{role}/{situation}: {problem}" for problem in problems]

    # An anonymous browser is sent to the login page, and nothing is read or written.
    url, data = targets[owner]
    outcome = runner.run(lambda: _send(clients[None], case.method, url, data))
    failures += [f"anonymous: {p}" for p in judge(case.kind, LOGIN, outcome)]

    assert not failures, f"{case}:\n" + "\n".join(failures)
