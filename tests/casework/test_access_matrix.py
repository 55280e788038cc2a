"""The API's access matrix: every operation of the OpenAPI schema × every role × the dossier's relation to the
caller, and an anonymous caller. A completeness test reads the schema, so a new endpoint without a row here
fails the suite.

Each case is one test: the world is built once, then every cell runs in a savepoint that is rolled back (see
access_world.py). A cell checks the status, that a successful read of personal data adds exactly one
access-log row (for the caller and the client), that a read writes nothing else, and that a refused write
writes nothing at all."""

import datetime
import functools
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.activation import world as activation_world
from tests.casework.access_world import (
    ACCESS_LOG_READ,
    ALL_BUT_COMMITTEE_MEMBERS,
    ALL_STAFF,
    BANK_ACCOUNT_EDIT,
    BREAK_GLASS,
    CLIENT_EDIT,
    CLOSE,
    DECISION_READ,
    FIGURE_READERS,
    HEARING,
    LETTER,
    LISTS,
    MEETING_READ,
    OPEN_DOSSIER,
    PUBLIC,
    READ,
    READ_FULL,
    READS,
    REGISTER,
    REGISTRARS,
    REQUEST_MOVE,
    RESTRICT,
    REVIEW,
    ROLES,
    SEARCHES,
    SUBMISSION_READ,
    WORK,
    WRITES,
    CellRunner,
    World,
    cells_to_run,
    check_table,
    judge,
    only,
    only_no_dossier,
    table,
)
from tests.casework.access_world import OK as ALLOWED
from tests.factories import UserFactory

TODAY = datetime.date.today().isoformat()
V1 = "/api/v1"


@dataclass(frozen=True)
class Case:
    method: str
    path: str  # as the schema writes it
    cells: dict  # role -> situation -> expected status
    kind: str  # access_world.READS, LISTS, PUBLIC or WRITES
    target: Callable  # (world, dossier or None) -> (url, body)
    variant: str = ""  # when one operation needs more than one case

    def __str__(self):
        return f"{self.method} {self.path}" + (f" ({self.variant})" if self.variant else "")


def _id(path):
    return lambda w, d: (path.format(d=d), None)


def _listing(path, make):
    return lambda w, d: (f"{V1}/{path}/?{make(w, d)}", None)


def _dossier_list(path):
    return _listing(path, lambda w, d: f"dossier={d.pk}")


GOAL = {"domain": "housing", "description": "Een woning vinden", "priority": 1}


def _household(world) -> dict:
    return {"members": [{"client": str(world.person().pk), "relation": "child", "from_date": "2020-01-01"}]}


CASES = [
    # --- Dossiers ---
    Case("GET", "/api/v1/dossiers/", table(ALL_STAFF, 200), LISTS, lambda w, d: (f"{V1}/dossiers/", None)),
    Case(
        "POST",
        "/api/v1/dossiers/",
        table(OPEN_DOSSIER, 201),
        WRITES,
        lambda w, d: (f"{V1}/dossiers/", {"client": str(w.person().pk), "team": d.team.code}),
    ),
    Case("GET", "/api/v1/dossiers/{id}/", table(READ, 200), READS, _id(V1 + "/dossiers/{d.pk}/")),
    Case(
        "POST",
        "/api/v1/dossiers/{id}/break-glass/",
        table(BREAK_GLASS, 201),
        WRITES,
        lambda w, d: (f"{V1}/dossiers/{d.pk}/break-glass/", {"reason": "Collega ziek, dringende vraag"}),
    ),
    Case(
        "POST",
        "/api/v1/dossiers/{id}/close/",
        table(CLOSE, 200),
        WRITES,
        lambda w, d: (f"{V1}/dossiers/{d.pk}/close/", {"reason": "Hulpverlening afgerond"}),
    ),
    Case(
        "POST",
        "/api/v1/dossiers/{id}/restriction/",
        table(RESTRICT, 200),
        WRITES,
        lambda w, d: (f"{V1}/dossiers/{d.pk}/restriction/", {"restricted": True}),
    ),
    # --- Clients: the registry, and the record through the dossier policy ---
    Case(
        "GET",
        "/api/v1/clients/",
        table(ALL_BUT_COMMITTEE_MEMBERS, 200),
        SEARCHES,  # one access-log row per search: the query and the persons shown
        lambda w, d: (f"{V1}/clients/?q=Zonderdossier", None),
    ),
    Case(
        "POST",
        "/api/v1/clients/",
        table(REGISTRARS, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/clients/",
            {"first_name": "Nieuwe", "last_name": "Persoon", "birth_date": "1990-04-01"},
        ),
    ),
    Case("GET", "/api/v1/clients/{id}/", table(READ, 200), READS, _id(V1 + "/clients/{d.client_id}/")),
    Case(
        "PATCH",
        "/api/v1/clients/{id}/",
        table(CLIENT_EDIT, 200),
        WRITES,
        lambda w, d: (f"{V1}/clients/{d.client_id}/", {"phone": "0470 12 34 56"}),
        variant="identity",
    ),
    Case(
        "PATCH",
        "/api/v1/clients/{id}/",
        table(BANK_ACCOUNT_EDIT, 200),
        WRITES,
        lambda w, d: (f"{V1}/clients/{d.client_id}/", {"iban": "BE68 5390 0754 7034"}),
        variant="bank account",
    ),
    Case(
        "GET",
        "/api/v1/clients/{id}/history/",
        table(READ, 200),
        READS,
        _id(V1 + "/clients/{d.client_id}/history/"),
    ),
    Case(
        "GET",
        "/api/v1/clients/{id}/household/",
        table(READ, 200),
        READS,
        _id(V1 + "/clients/{d.client_id}/household/"),
    ),
    Case(
        "PUT",
        "/api/v1/clients/{id}/household/",
        # A break-the-glass grant reads the household, never changes it (like the identity).
        table(CLIENT_EDIT, 200),
        WRITES,
        lambda w, d: (f"{V1}/clients/{d.client_id}/household/", _household(w)),
    ),
    Case(
        "GET",
        "/api/v1/clients/{id}/access-log/",
        table(ACCESS_LOG_READ, 200),
        READS,
        _id(V1 + "/clients/{d.client_id}/access-log/"),
    ),
    # --- Contacts ---
    Case("GET", "/api/v1/contacts/", table(READ_FULL, 200), READS, _dossier_list("contacts")),
    Case(
        "POST",
        "/api/v1/contacts/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (f"{V1}/contacts/", {"dossier": str(d.pk), "channel": "phone", "summary": "Gebeld"}),
    ),
    # --- The register of requests ---
    Case("GET", "/api/v1/requests/", table(READ, 200), READS, _dossier_list("requests")),
    Case(
        "POST",
        "/api/v1/requests/",
        table(REGISTER, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/requests/",
            {"dossier": str(d.pk), "kind": "financial_aid", "received_on": TODAY},
        ),
    ),
    Case(
        "GET",
        "/api/v1/requests/{id}/",
        table(READ, 200),
        READS,
        lambda w, d: (f"{V1}/requests/{w.request(d).pk}/", None),
    ),
    Case(
        "GET",
        "/api/v1/requests/{id}/receipt.pdf",
        table(READ, 200),
        READS,
        lambda w, d: (f"{V1}/requests/{w.request(d).pk}/receipt.pdf", None),
    ),
    Case(
        "POST",
        "/api/v1/requests/{id}/transition/",
        table(REQUEST_MOVE, 200),
        WRITES,
        lambda w, d: (f"{V1}/requests/{w.request(d).pk}/transition/", {"to": "in_inquiry"}),
    ),
    # --- The social inquiry, KSZ and the leefloon calculation ---
    Case(
        "GET",
        "/api/v1/inquiries/",
        table(READ_FULL, 200),
        READS,
        _listing("inquiries", lambda w, d: f"request={w.inquiry(d).request_id}"),
    ),
    Case(
        "GET",
        "/api/v1/inquiries/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/inquiries/{w.inquiry(d).pk}/", None),
    ),
    Case(
        "PATCH",
        "/api/v1/inquiries/{id}/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (f"{V1}/inquiries/{w.inquiry(d).pk}/", {"version": 1, "situation": "Alleenstaand"}),
    ),
    Case(
        "POST",
        "/api/v1/inquiries/{id}/documents/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (
            f"{V1}/inquiries/{w.inquiry(d).pk}/documents/",
            {"name": "Identiteitskaart", "received_on": TODAY},
        ),
    ),
    Case(
        "GET", "/api/v1/ksz-consultations/", table(READ_FULL, 200), READS, _dossier_list("ksz-consultations")
    ),
    Case(
        "POST",
        "/api/v1/ksz-consultations/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/ksz-consultations/",
            {"dossier": str(d.pk), "service": "income", "purpose": "Inkomsten nagaan"},
        ),
    ),
    Case(
        "GET",
        "/api/v1/leefloon/calculations/",
        table(READ_FULL, 200),
        READS,
        _listing("leefloon/calculations", lambda w, d: f"inquiry={w.calculation(d).inquiry_id}"),
    ),
    Case(
        "POST",
        "/api/v1/leefloon/calculations/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/leefloon/calculations/",
            {"category": 2, "reference_date": TODAY, "inquiry": str(w.inquiry(d).pk)},
        ),
        variant="kept with an inquiry",
    ),
    Case(
        "POST",
        "/api/v1/leefloon/calculations/",
        table(ALL_STAFF, 200),
        PUBLIC,  # a calculation on figures alone reads nobody's data
        lambda w, d: (f"{V1}/leefloon/calculations/", {"category": 2, "reference_date": TODAY}),
        variant="without inquiry",
    ),
    Case(
        "POST",
        "/api/v1/heating-allowance/calculations/",
        table(ALL_STAFF, 200),
        PUBLIC,
        lambda w, d: (
            f"{V1}/heating-allowance/calculations/",
            {"delivered_on": TODAY, "litres": "500", "price_per_litre": "1.100"},
        ),
    ),
    # --- Help plans and case conferences ---
    Case("GET", "/api/v1/help-plans/", table(READ_FULL, 200), READS, _dossier_list("help-plans")),
    Case(
        "POST",
        "/api/v1/help-plans/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (f"{V1}/help-plans/", {"dossier": str(d.pk), "goals": [GOAL]}),
    ),
    Case(
        "GET",
        "/api/v1/help-plans/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/help-plans/{w.help_plan(d).pk}/", None),
    ),
    Case(
        "PUT",
        "/api/v1/help-plans/{id}/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (f"{V1}/help-plans/{w.help_plan(d).pk}/", {"version": 1, "goals": [GOAL]}),
    ),
    Case(
        "POST",
        "/api/v1/help-plans/{id}/evaluations/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/help-plans/{w.help_plan(d).pk}/evaluations/",
            {"held_on": TODAY, "summary": "Goed op weg"},
        ),
    ),
    Case("GET", "/api/v1/case-conferences/", table(READ_FULL, 200), READS, _dossier_list("case-conferences")),
    Case(
        "POST",
        "/api/v1/case-conferences/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/case-conferences/",
            {"dossier": str(d.pk), "held_on": TODAY, "agreements": "Het CAW volgt op"},
        ),
    ),
    # --- The social map and referrals ---
    Case(
        "GET",
        "/api/v1/partners/",
        table(ALL_BUT_COMMITTEE_MEMBERS, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/partners/", None),
    ),
    Case(
        "GET",
        "/api/v1/partners/{id}/",
        table(ALL_BUT_COMMITTEE_MEMBERS, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/partners/{w.partner().pk}/", None),
    ),
    Case("GET", "/api/v1/referrals/", table(READ_FULL, 200), READS, _dossier_list("referrals")),
    Case(
        "POST",
        "/api/v1/referrals/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/referrals/",
            {"dossier": str(d.pk), "partner": str(w.partner().pk), "reason": "Woonbegeleiding"},
        ),
    ),
    Case(
        "GET",
        "/api/v1/referrals/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/referrals/{w.referral(d).pk}/", None),
    ),
    Case(
        "PATCH",
        "/api/v1/referrals/{id}/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (f"{V1}/referrals/{w.referral(d).pk}/", {"status": "sent"}),
    ),
    Case(
        "POST",
        "/api/v1/referrals/{id}/transition/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (f"{V1}/referrals/{w.referral(d).pk}/transition/", {"to": "sent"}),
    ),
    # --- The worklist: one's own obligations (no personal data); a team lead reassigns within the team ---
    Case("GET", "/api/v1/worklist/", table(ALL_STAFF, 200), PUBLIC, lambda w, d: (f"{V1}/worklist/", None)),
    Case(
        "POST",
        "/api/v1/worklist/{id}/reassign/",
        {
            role: {"own": 403, "team": 404, "other": 404, "restricted": 404}
            | ({"glass": 404} if role == "social_worker" else {})
            for role in ("social_worker", "activation_coach")
        }
        | {"intake_officer": {"team": 404, "other": 404, "restricted": 404}}
        | {"team_lead": {"own": 200, "team": 200, "other": 404, "restricted": 404, "glass": 404}}
        | {"head_of_service": {"team": 200, "other": 200, "restricted": 404}}
        | {
            role: {"team": 404, "other": 404, "restricted": 404}
            for role in ("committee_member", "committee_secretary", "dpo", "admin")
        },
        WRITES,
        lambda w, d: (f"{V1}/worklist/{w.obligation(d).pk}/reassign/", {"to": "colleague"}),
    ),
    # --- Budget: debts and payment plans ---
    Case("GET", "/api/v1/debts/", table(READ_FULL, 200), READS, _dossier_list("debts")),
    Case(
        "POST",
        "/api/v1/debts/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (f"{V1}/debts/", {"dossier": str(d.pk), "creditor": "Waterbedrijf", "amount": "80.00"}),
    ),
    Case(
        "GET",
        "/api/v1/debts/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/debts/{w.debt(d).pk}/", None),
    ),
    Case("GET", "/api/v1/payment-plans/", table(READ_FULL, 200), READS, _dossier_list("payment-plans")),
    Case(
        "POST",
        "/api/v1/payment-plans/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/payment-plans/",
            {"debt": str(w.debt(d).pk), "instalment_amount": "100.00", "first_due_on": TODAY},
        ),
    ),
    Case(
        "GET",
        "/api/v1/payment-plans/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/payment-plans/{w.payment_plan(d).pk}/", None),
    ),
    Case(
        "PATCH",
        "/api/v1/payment-plans/{id}/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (f"{V1}/payment-plans/{w.payment_plan(d).pk}/", {"agreed_with_client_on": TODAY}),
    ),
    Case(
        "POST",
        "/api/v1/payment-plans/{id}/instalments/{due_on}/paid/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (
            f"{V1}/payment-plans/{w.payment_plan(d).pk}/instalments/{w.payment_plan(d).first_due_on}/paid/",
            {},
        ),
    ),
    Case(
        "POST",
        "/api/v1/payment-plans/{id}/transition/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (f"{V1}/payment-plans/{w.payment_plan(d).pk}/transition/", {"to": "defaulted"}),
    ),
    # --- The committee (bcsd) ---
    Case(
        "GET",
        "/api/v1/bcsd/meetings/",
        table(ALL_STAFF, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/bcsd/meetings/", None),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/meetings/",
        table(only_no_dossier("committee_secretary"), 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/meetings/",
            {"date": TODAY, "members": [w.callers["committee_member"].username]},
        ),
    ),
    Case(
        "GET",
        "/api/v1/bcsd/meetings/{id}/",
        table(MEETING_READ, 200),
        READS,
        lambda w, d: (f"{V1}/bcsd/meetings/{w.held_meeting(d).pk}/", None),
    ),
    Case(
        "GET",
        "/api/v1/bcsd/meetings/{id}/minutes.pdf",
        table(MEETING_READ, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/bcsd/meetings/{w.held_meeting(d).pk}/minutes.pdf", None),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/meetings/{id}/agenda/",
        table(only_no_dossier("committee_secretary"), 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/meetings/{w.planned_meeting().pk}/agenda/",
            {"submission": str(w.submission_ready(w.dossiers["team"]).pk)},
        ),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/meetings/{id}/agenda/order/",
        table(only_no_dossier("committee_secretary"), 200),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/meetings/{w.planned_meeting().pk}/agenda/order/",
            {"submissions": [str(i.submission_id) for i in w.planned_meeting().items.order_by("-position")]},
        ),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/meetings/{id}/publish/",
        table(only_no_dossier("committee_secretary"), 200),
        WRITES,
        lambda w, d: (f"{V1}/bcsd/meetings/{w.planned_meeting().pk}/publish/", {}),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/meetings/{id}/hold/",
        table(only_no_dossier("committee_secretary"), 200),
        WRITES,
        lambda w, d: (f"{V1}/bcsd/meetings/{w.published_meeting().pk}/hold/", {}),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/submissions/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/submissions/",
            {
                "dossier": str(d.pk),
                "kind": "other",
                "proposal": "Budgetbeheer opstarten.",
                "motivation": "Schulden bij de energieleverancier.",
                "legal_basis": "Art. 57 §1 OCMW-wet",
            },
        ),
    ),
    Case(
        "GET",
        "/api/v1/bcsd/submissions/{id}/",
        table(SUBMISSION_READ, 200),
        READS,
        lambda w, d: (f"{V1}/bcsd/submissions/{w.submission_on_agenda(d).pk}/", None),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/submissions/{id}/review/",
        table(REVIEW, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/submissions/{w.submission_submitted(d).pk}/review/",
            {"outcome": "approved"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/submissions/{id}/decision/",
        table(only("committee_secretary"), 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/submissions/{w.submission_on_agenda(d).pk}/decision/",
            {"outcome": "approved", "motivation": "Geen bestaansmiddelen.", "decided_on": TODAY},
        ),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/submissions/{id}/urgent-decision/",
        table(only("committee_member"), 201),
        WRITES,
        lambda w, d: (
            w.published_meeting() and f"{V1}/bcsd/submissions/{w.submission_ready(d).pk}/urgent-decision/",
            {"outcome": "approved", "motivation": "Dringend: uithuiszetting.", "decided_on": TODAY},
        ),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/submissions/{id}/hearing/",
        table(HEARING, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/submissions/{w.submission_ready(d).pk}/hearing/",
            {"requested_on": TODAY, "companion": "haar zus"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/hearings/{id}/outcome/",
        table(only("committee_secretary"), 200),
        WRITES,
        lambda w, d: (f"{V1}/bcsd/hearings/{w.hearing(d).pk}/outcome/", {"held": True}),
    ),
    Case(
        "GET",
        "/api/v1/bcsd/hearings/{id}/invitation.pdf",
        table(DECISION_READ, 200),
        READS,
        lambda w, d: (f"{V1}/bcsd/hearings/{w.hearing(d).pk}/invitation.pdf", None),
    ),
    Case(
        "GET",
        "/api/v1/bcsd/decisions/{id}/",
        table(DECISION_READ, 200),
        READS,
        lambda w, d: (f"{V1}/bcsd/decisions/{w.decision(d).pk}/", None),
    ),
    Case(
        "GET",
        "/api/v1/bcsd/decisions/{id}/letter.pdf",
        table(LETTER, 200),
        READS,
        lambda w, d: (f"{V1}/bcsd/decisions/{w.decision(d).pk}/letter.pdf", None),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/decisions/{id}/notify/",
        table(only("committee_secretary"), 200),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/decisions/{w.decision(d).pk}/notify/",
            {"sent_on": TODAY, "method": "receipt"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/bcsd/decisions/{id}/appeal/",
        table(only("committee_secretary"), 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/decisions/{w.decision(d).pk}/appeal/",
            {"filed_on": TODAY, "court": "Arbeidsrechtbank Leuven"},
        ),
    ),
]

# --- Activation (screenings, trajectories) and the GPMI: whoever works in the dossier (policy.may_work_on):
# its social workers, its team lead, its activation coach; the head of service reads. Starting a trajectory
# names the dossier's coach (policy.may_assign_coach): not on a break-the-glass grant.
TRAJECTORY_START = {
    **WORK,
    **{role: {**WORK[role], "glass": 404} for role in ("social_worker", "team_lead")},
}
ACTIVATION_CASES = [
    Case(
        "GET",
        "/api/v1/activation/decision-tree/",
        table(ALL_STAFF, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/activation/decision-tree/", None),
    ),
    Case(
        "GET",
        "/api/v1/activation/screenings/",
        table(READ_FULL, 200),
        READS,
        _dossier_list("activation/screenings"),
    ),
    Case(
        "POST",
        "/api/v1/activation/screenings/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/screenings/",
            {"dossier": str(d.pk), "answers": {"care_needs_block_work": True}},
        ),
    ),
    Case(
        "GET",
        "/api/v1/activation/screenings/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/activation/screenings/{activation_world.screening(w, d).pk}/", None),
    ),
    Case(
        "GET",
        "/api/v1/activation/trajectories/",
        table(READ_FULL, 200),
        READS,
        _dossier_list("activation/trajectories"),
    ),
    Case(
        "POST",
        "/api/v1/activation/trajectories/",
        table(TRAJECTORY_START, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/trajectories/",
            {"dossier": str(d.pk), "coach": "caller-activation_coach", "phase": "care", "started_on": TODAY},
        ),
    ),
    Case(
        "GET",
        "/api/v1/activation/trajectories/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/activation/trajectories/{activation_world.trajectory(w, d).pk}/", None),
    ),
    Case(
        "POST",
        "/api/v1/activation/trajectories/{id}/phase-changes/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/trajectories/{activation_world.trajectory(w, d).pk}/phase-changes/",
            {"to_phase": "work_activation", "reason": "Klaar voor een IBO"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/activation/trajectories/{id}/measures/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/trajectories/{activation_world.trajectory(w, d).pk}/measures/",
            {"kind": "volunteer_work", "started_on": TODAY, "partner": "Sociaal restaurant"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/activation/trajectories/{id}/monitoring-contacts/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/trajectories/{activation_world.trajectory(w, d).pk}/monitoring-contacts/",
            {"held_on": TODAY, "with_whom": "Cliënt", "summary": "Gesprek over het vrijwilligerswerk"},
        ),
    ),
    Case("GET", "/api/v1/gpmi/", table(READ_FULL, 200), READS, _dossier_list("gpmi")),
    Case(
        "POST",
        "/api/v1/gpmi/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/gpmi/",
            {"dossier": str(d.pk), "kind": "standard", "leefloon_granted_on": TODAY},
        ),
    ),
    Case(
        "GET",
        "/api/v1/gpmi/{id}/",
        table(READ_FULL, 200),
        READS,
        lambda w, d: (f"{V1}/gpmi/{activation_world.gpmi(w, d).pk}/", None),
    ),
    Case(
        "PATCH",
        "/api/v1/gpmi/{id}/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (f"{V1}/gpmi/{activation_world.gpmi(w, d).pk}/", {"goals": "Werkervaring opdoen"}),
    ),
    Case(
        "POST",
        "/api/v1/gpmi/{id}/evaluations/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/gpmi/{activation_world.gpmi(w, d).pk}/evaluations/",
            {"held_on": TODAY, "in_person": True, "summary": "Goed op weg"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/gpmi/{id}/exemption/",
        table(WORK, 200),
        WRITES,
        lambda w, d: (
            f"{V1}/gpmi/{activation_world.gpmi(w, d, signed=False).pk}/exemption/",
            {"reason": "Langdurig ziek (attest huisarts)"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/gpmi/{id}/warnings/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/gpmi/{activation_world.gpmi(w, d).pk}/warnings/",
            {"given_on": TODAY, "reason": "Niet op de afspraak van maandag"},
        ),
    ),
    Case(
        "POST",
        "/api/v1/gpmi/{id}/sanction-proposals/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/gpmi/{activation_world.warned_gpmi(w, d).pk}/sanction-proposals/",
            {"suspension_months": 1, "motivation": "Herhaaldelijk niet op afspraak, na verwittiging"},
        ),
    ),
]
CASES += ACTIVATION_CASES
# The coach's board lists the caller's own trajectories (none in the world: nobody's data, nothing logged).
# Group activation work concerns no dossier: the coach organises; for anyone else an activity is not there.
# A participant joins through their trajectory, added by its organiser who works in the dossier.
ORGANISER = {role: (ALLOWED if role == "activation_coach" else 404) for role in ROLES}
GROUP_JOIN = {
    role: (WORK[role] if role == "activation_coach" else {s: 404 for s in WORK[role]}) for role in ROLES
}
CASES += [
    Case(
        "GET",
        "/api/v1/activation/board/",
        table(ALL_STAFF, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/activation/board/", None),
    ),
    Case(
        "GET",
        "/api/v1/activation/group-activities/",
        table(ALL_STAFF, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/activation/group-activities/", None),
    ),
    Case(
        "POST",
        "/api/v1/activation/group-activities/",
        table(only_no_dossier("activation_coach"), 201),
        WRITES,
        lambda w, d: (f"{V1}/activation/group-activities/", {"name": "Jobclub", "starts_on": TODAY}),
    ),
    Case(
        "GET",
        "/api/v1/activation/group-activities/{id}/",
        table(ORGANISER, 200),
        PUBLIC,  # no participants in the world: nobody's data
        lambda w, d: (f"{V1}/activation/group-activities/{activation_world.group_activity(w).pk}/", None),
    ),
    Case(
        "POST",
        "/api/v1/activation/group-activities/{id}/participants/",
        table(GROUP_JOIN, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/group-activities/{activation_world.group_activity(w).pk}/participants/",
            {"trajectory": str(activation_world.trajectory(w, d).pk)},
        ),
    ),
    Case(
        "POST",
        "/api/v1/activation/group-activities/{id}/sessions/",
        table(ORGANISER, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/group-activities/{activation_world.group_activity(w).pk}/sessions/",
            {"held_on": TODAY, "topic": "Sollicitatiebrief schrijven", "present": []},
        ),
    ),
    Case(
        "POST",
        "/api/v1/activation/group-activities/{id}/evaluation/",
        table(ORGANISER, 200),
        WRITES,
        lambda w, d: (
            f"{V1}/activation/group-activities/{activation_world.group_activity(w).pk}/evaluation/",
            {"evaluation": "Goede groep, vier vonden werk"},
        ),
    ),
]
# The committee app turns a GPMI sanction proposal into a submission: whoever may submit to the committee for
# the dossier (policy.may_submit_to_committee, i.e. works in it).
CASES.append(
    Case(
        "POST",
        "/api/v1/bcsd/submissions/from-sanction-proposal/",
        table(WORK, 201),
        WRITES,
        lambda w, d: (
            f"{V1}/bcsd/submissions/from-sanction-proposal/",
            {
                "sanction_proposal": str(activation_world.sanction_proposal(w, d).pk),
                "hearing_offered_on": TODAY,
            },
        ),
    )
)

# --- Reporting: the head of service (all teams) and the team leads (their own team); counts, never logged.
# An export of a list is made by a task after the commit (never inside the cell's rolled-back transaction).
CASES += [
    Case(
        "GET",
        "/api/v1/reporting/kpis/",
        table(FIGURE_READERS, 200),
        PUBLIC,
        lambda w, d: (f"{V1}/reporting/kpis/?from=2026-01-01&to=2026-03-31", None),
    ),
    Case(
        "POST",
        "/api/v1/reporting/exports/",
        table(FIGURE_READERS, 202),
        WRITES,
        lambda w, d: (
            f"{V1}/reporting/exports/",
            {"kind": "requests", "from": "2026-01-01", "to": "2026-03-31", "format": "csv"},
        ),
    ),
]

# Operations outside the matrix, and why.
NOT_IN_THE_MATRIX = {
    # Obtaining a token is how a caller authenticates: it reads no personal data and is open to anyone by
    # design (its refusals, lockout and second factor are tested in tests/accounts).
    ("POST", "/api/v1/auth/token/"),
    # Ending one's own token: no data, only the caller's own credential (tested in tests/accounts).
    ("POST", "/api/v1/auth/logout/"),
    # An export (its status, its file) is for the person who asked it only, whatever their role; tested in
    # tests/reporting/test_api.py.
    ("GET", "/api/v1/reporting/exports/{id}/"),
    ("GET", "/api/v1/reporting/exports/{id}/download/"),
}


@functools.cache
def schema_operations() -> frozenset:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return frozenset(
        (method.upper(), path) for path, operations in schema["paths"].items() for method in operations
    )


def test_every_operation_of_the_schema_is_in_the_matrix():
    covered = {(case.method, case.path) for case in CASES}

    assert sorted(schema_operations() - covered - NOT_IN_THE_MATRIX) == []


def test_the_matrix_names_no_operation_the_schema_lacks():
    covered = {(case.method, case.path) for case in CASES}

    assert sorted(covered - schema_operations()) == []


def test_every_case_has_every_role_and_the_situations_that_matter():
    assert [problem for case in CASES for problem in check_table(case)] == []


# The owner's cell is also a query-count guard: one request, in a world with one object of each kind (lists
# that grow have their own guards in test_query_counts.py). The count includes the cell's own four
# statements (savepoint, counters, last access-log row, rollback). Starting a trajectory is the largest: its
# coach, phase, timeline and, since decision 0080, its monitoring clock (look up, insert, history: 3), and
# since decision 0051 the coach named on the dossier through casework's service.
MAX_QUERIES = 39


def _send(client, method, url, body):
    return getattr(client, method.lower())(url, body, format="json") if body is not None else client.get(url)


def _listed(response) -> set:
    return {uuid.UUID(row["id"]) for row in response.json()["results"]}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_api_access(db, case, django_assert_max_num_queries, monkeypatch):
    # The receipt is rendered by WeasyPrint (a second per PDF); the matrix asks who gets it, not what it says
    # (tests/casework/test_requests_register.py reads the document).
    monkeypatch.setattr("casework.register.api.receipt_pdf", lambda aid_request: b"%PDF-1.7 matrix")
    monkeypatch.setattr("bcsd.api.minutes_pdf", lambda meeting: b"%PDF-1.7 matrix")
    monkeypatch.setattr("bcsd.api.decision_letter_pdf", lambda decision: b"%PDF-1.7 matrix")
    monkeypatch.setattr("bcsd.api.hearing_invitation_pdf", lambda hearing: b"%PDF-1.7 matrix")
    world = World()
    clients = world.api_clients()
    cells = cells_to_run(case.cells, case.kind)
    targets = {
        (role, s): case.target(world, world.dossier(role, s)) for role in ROLES for s in case.cells[role]
    }
    owner = ("social_worker", next(iter(case.cells["social_worker"])))
    runner = CellRunner()
    failures = []

    for role, situation, expected in cells:
        dossier = world.dossier(role, situation)
        role_situation = (role, situation)
        url, body = targets[role_situation]
        guard = django_assert_max_num_queries(MAX_QUERIES) if role_situation == owner else nullcontext()
        with guard:
            outcome = runner.run(lambda: _send(clients[role], case.method, url, body))
        if case.kind == LISTS and outcome.status == 200:
            outcome.listed = _listed(outcome.response)
        problems = judge(
            case.kind,
            expected,
            outcome,
            caller=world.callers[role],
            dossier=dossier,
            may_read=READ[role].get(situation) == ALLOWED,
            listed=world.expected_listed(role, READ) if case.kind == LISTS else None,
        )
        failures += [f"{role}/{situation}: {problem}" for problem in problems]

    # The anonymous caller, on the owner's dossier (or on no dossier).
    url, body = targets[owner]
    outcome = runner.run(lambda: _send(clients[None], case.method, url, body))
    failures += [f"anonymous: {p}" for p in judge(case.kind, 401, outcome)]

    assert not failures, f"{case}:\n" + "\n".join(failures)


# --- A restricted dossier, from the other side: the people on its list open it, whatever their role ---


@pytest.mark.parametrize("role", ROLES)
def test_a_restricted_dossier_opens_for_the_people_on_its_list(api, db, role):
    world = World()
    listed = UserFactory(username=f"listed-{role}", team=world.noord, roles=[role])
    dossier = world.dossiers["restricted"]
    dossier.restricted_to.add(listed)

    assert api(listed).get(f"{V1}/dossiers/{dossier.pk}/").status_code == 200
    assert api(listed).get(f"{V1}/clients/{dossier.client_id}/").status_code == 200


# --- Leaks the matrix found, closed; each stays as a test of its own ---


@pytest.mark.parametrize("role", ["social_worker", "team_lead"])
def test_a_break_the_glass_grant_does_not_change_the_household(db, role):
    world = World()
    dossier = world.dossier(role, "glass")
    client = world.api_clients()[role]
    household = _household(world)

    outcome = CellRunner().run(
        lambda: client.put(f"{V1}/clients/{dossier.client_id}/household/", household, format="json")
    )

    assert judge(WRITES, 403, outcome, caller=world.callers[role], dossier=dossier, may_read=True) == []
