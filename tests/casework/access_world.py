"""What the access matrices (test_access_matrix.py for the API, test_access_matrix_web.py for the screens)
share: the people, the dossiers they stand in a relation to, the expectations the policy gives, and the one
way a cell is run.

A matrix test is one operation (or one URL and method). It builds the world once, then runs every cell (role ×
situation, and an anonymous caller) inside a savepoint that is rolled back, so that a write which succeeds in
one cell does not change what the next cell sees. Each cell records what the request wrote, from PostgreSQL's
per-transaction counters (pg_stat_xact_user_tables): inserts, updates and deletes on every table, also the
ones a service would write without history."""

import datetime
import json
import re
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client as WebClient
from django.utils import timezone
from django.utils.crypto import get_random_string
from rest_framework.test import APIClient

from accounts.models import Team, User
from bcsd.models import AgendaItem, Decision, Hearing
from casework.models import BreakGlassAccess, Dossier
from clients.models import AccessLog, Client
from tests.bcsd.factories import MeetingFactory, SubmissionFactory
from tests.conftest import api_client_for, second_factor_session
from tests.factories import (
    BankAccountChangeFactory,
    BreakGlassAccessFactory,
    ClientFactory,
    DebtFactory,
    DossierFactory,
    HelpPlanActionFactory,
    HelpPlanFactory,
    HelpPlanGoalFactory,
    InquiryDocumentFactory,
    InquiryFactory,
    InstalmentFactory,
    LeefloonCalculationFactory,
    PartnerFactory,
    PaymentPlanFactory,
    ReferralFactory,
    TeamFactory,
    UserFactory,
)

ROLES = [
    "social_worker",
    "activation_coach",
    "intake_officer",
    "team_lead",
    "head_of_service",
    "committee_member",
    "committee_secretary",
    "dpo",
    "admin",
]
# own: the caller is the dossier's social worker (or, for a coach, its activation coach); team: a dossier of
# the caller's team assigned to a colleague; other: another team's dossier; restricted: a sensitive dossier of
# the caller's team whose list names a colleague, not the caller; glass: another team's dossier the caller
# opened with break-the-glass (a live grant: read and help, never change identity or bank account, restrict
# or close). Every caller is in the team "centrum".
SITUATIONS = ["own", "team", "other", "restricted", "glass"]
CAN_BE_ASSIGNED = ("social_worker", "team_lead", "activation_coach")
MAY_BREAK_THE_GLASS = ("social_worker", "team_lead")
# The situation of operations that concern no dossier (search, the social map, a calculation without inquiry).
NO_DOSSIER = "-"


# --- What the policy says (casework/policy.py, clients/policy.py, shared/api.md), written out ---
# OK stands for the operation's success status (200, 201, 302 ...), filled in by `table`.

OK = "ok"


class Kept(int):
    """A status that answers a refused write with a page or a redirect (the web UI shows the refusal as a
    message): the status is this one, and nothing may have been written."""

    def __repr__(self):
        return f"{int(self)} (refused, nothing written)"


# Reading a dossier at the front desk's level or better: the dossier, its requests and receipts, and the
# client's record, history and household.
READ = {
    "social_worker": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "activation_coach": {"own": OK, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": OK, "other": OK, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "head_of_service": {"team": OK, "other": OK, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Reading what needs full access (contacts, the inquiry and its report, KSZ, calculations, help plan,
# referrals, case conferences, debts, payment plans): as READ, without the front desk.
READ_FULL = {
    "social_worker": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "activation_coach": {"own": OK, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 404, "other": 404, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "head_of_service": {"team": OK, "other": OK, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Working in a dossier (policy.may_work_on): full access and the role of a social worker, team lead or
# activation coach. The head of service reads, but does not write in, a team's dossiers.
WORK = {
    "social_worker": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "activation_coach": {"own": OK, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 404, "other": 404, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "head_of_service": {"team": 404, "other": 404, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Closing a dossier (policy.may_close): whoever works in it by their own place in the service, never on a
# break-the-glass grant (the refusal names the grant: the caller reads the dossier).
CLOSE = {**WORK, **{role: {**WORK[role], "glass": 403} for role in MAY_BREAK_THE_GLASS}}
# Registering a request (policy.may_register_request): the front desk for any dossier it can open, the
# social workers and team leads who work in the dossier, and the head of service (who may give the reason a
# late registration needs).
REGISTER = {
    "social_worker": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "activation_coach": {"own": 404, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": OK, "other": OK, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "head_of_service": {"team": OK, "other": OK, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Moving a request through its statuses: whoever works in the dossier or may register requests in it.
REQUEST_MOVE = {
    "social_worker": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "activation_coach": {"own": OK, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": OK, "other": OK, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": OK},
    "head_of_service": {"team": OK, "other": OK, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Changing a client's identity or household: whoever reads the record and has a registering role
# (clients.policy.REGISTRARS); an activation coach reads the record of their dossier but may not change it.
CLIENT_EDIT = {
    "social_worker": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": 403},
    "activation_coach": {"own": 403, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": OK, "other": OK, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": 403},
    "head_of_service": {"team": OK, "other": OK, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Changing a client's bank account (policy.may_change_bank_account): besides CLIENT_EDIT, only the dossier's
# own team (its social workers, team lead and front desk) or its assigned worker; the front desk of another
# team and the head of service read the record but are told no (payment fraud starts with the bank account).
BANK_ACCOUNT_EDIT = {
    "social_worker": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": 403},
    "activation_coach": {"own": 403, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": OK, "other": 403, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": 403},
    "head_of_service": {"team": 403, "other": 403, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Break-the-glass (policy.may_break_glass): social workers and team leads, for any dossier that is not
# restricted; for everyone else the dossier does not exist.
BREAK_GLASS = {
    "social_worker": {"own": OK, "team": OK, "other": OK, "restricted": 404, "glass": OK},
    "activation_coach": {"own": 404, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 404, "other": 404, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": OK, "restricted": 404, "glass": OK},
    "head_of_service": {"team": 404, "other": 404, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Restricting a dossier (policy.may_restrict): the team lead of the dossier's team or the head of service,
# when they can open it; a social worker who can open it is refused as if it did not exist.
RESTRICT = {
    "social_worker": {"own": 404, "team": 404, "other": 404, "restricted": 404, "glass": 404},
    "activation_coach": {"own": 404, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 404, "other": 404, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": 404},
    "head_of_service": {"team": OK, "other": OK, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Opening a dossier (policy.may_open_dossier) for the caller's own team ("team") or another team ("other"):
# the front desk and the head of service for any team, social workers and team leads for their own. Team
# codes are no secret, so a role that may not open one is told so (403).
OPEN_DOSSIER = {
    "social_worker": {"team": OK, "other": 403},
    "activation_coach": {"team": 403, "other": 403},
    "intake_officer": {"team": OK, "other": OK},
    "team_lead": {"team": OK, "other": 403},
    "head_of_service": {"team": OK, "other": OK},
    "committee_member": {"team": 403, "other": 403},
    "committee_secretary": {"team": 403, "other": 403},
    "dpo": {"team": 403, "other": 403},
    "admin": {"team": 403, "other": 403},
}
# "Who saw my data?": the DPO and the head of service for anyone, a team lead for the team's clients (not a
# restricted dossier's); other roles are not allowed this kind of action at all (403, whatever the id).
ACCESS_LOG_READ = {
    "social_worker": {"own": 403, "team": 403, "other": 403, "restricted": 403, "glass": 403},
    "activation_coach": {"own": 403, "team": 403, "other": 403, "restricted": 403},
    "intake_officer": {"team": 403, "other": 403, "restricted": 403},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": 404},
    "head_of_service": {"team": OK, "other": OK, "restricted": OK},
    "committee_member": {"team": 403, "other": 403, "restricted": 403},
    "committee_secretary": {"team": 403, "other": 403, "restricted": 403},
    "dpo": {"team": OK, "other": OK, "restricted": OK},
    "admin": {"team": 403, "other": 403, "restricted": 403},
}

# --- The committee (bcsd) ---
# Reading a frozen submission: the dossier's own people (full access), the secretary, and a committee member
# while it is on the agenda of one of their meetings (the world's are held today, in the reading period).
SUBMISSION_READ = {
    **READ_FULL,
    "committee_member": {"team": OK, "other": OK, "restricted": OK},
    "committee_secretary": {"team": OK, "other": OK, "restricted": OK},
}
# A meeting's agenda (and its minutes): the secretary, the head of service, the members of that meeting.
MEETING_READ = {
    "social_worker": {"own": 404, "team": 404, "other": 404, "restricted": 404, "glass": 404},
    "activation_coach": {"own": 404, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 404, "other": 404, "restricted": 404},
    "team_lead": {"own": 404, "team": 404, "other": 404, "restricted": 404, "glass": 404},
    "head_of_service": {"team": OK, "other": OK, "restricted": OK},
    "committee_member": {"team": OK, "other": OK, "restricted": OK},
    "committee_secretary": {"team": OK, "other": OK, "restricted": OK},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# The four-eyes review: the team lead of the dossier's team, never of their own proposal; whoever reads the
# submission but may not review it is told so (403).
REVIEW = {
    "social_worker": {"own": 403, "team": 403, "other": 404, "restricted": 404, "glass": 403},
    "activation_coach": {"own": 403, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 404, "other": 404, "restricted": 404},
    "team_lead": {"own": 403, "team": OK, "other": 404, "restricted": 404, "glass": 403},
    "head_of_service": {"team": 403, "other": 403, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 403, "other": 403, "restricted": 403},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# A hearing is recorded by the secretary or whoever works in the dossier.
HEARING = {
    **WORK,
    "head_of_service": {"team": 403, "other": 403, "restricted": 404},
    "committee_secretary": {"team": OK, "other": OK, "restricted": OK},
}
# The notification letter: the secretary, the dossier's social worker and its team's lead.
LETTER = {
    "social_worker": {"own": OK, "team": 404, "other": 404, "restricted": 404, "glass": 404},
    "activation_coach": {"own": 404, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 404, "other": 404, "restricted": 404},
    "team_lead": {"own": OK, "team": OK, "other": 404, "restricted": 404, "glass": 404},
    "head_of_service": {"team": 404, "other": 404, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": OK, "other": OK, "restricted": OK},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# A decision read through the API: as a submission, without the committee members' portal.
DECISION_READ = {**READ_FULL, "committee_secretary": {"team": OK, "other": OK, "restricted": OK}}


def only(role: str) -> dict:
    """A write only one role makes (the secretary records decisions, the chair decides urgently): the others
    are refused for their role (403), whatever the dossier."""
    return {r: {s: (OK if r == role else 403) for s in ("team", "other", "restricted")} for r in ROLES}


def only_no_dossier(role: str) -> dict:
    return {r: (OK if r == role else 403) for r in ROLES}


# Operations on no dossier: by role only.
ALL_STAFF = {role: OK for role in ROLES}
# The registry's search (clients.policy.SEARCHERS) and the social map: all staff but committee members, who
# only read the frozen submissions on their meetings' agendas.
ALL_BUT_COMMITTEE_MEMBERS = {role: (403 if role == "committee_member" else OK) for role in ROLES}
# The department's figures and their exports (reporting.policy): the head of service and the team leads.
FIGURE_READERS = {role: (OK if role in ("head_of_service", "team_lead") else 403) for role in ROLES}
# Registering a person (clients.policy.REGISTRARS).
REGISTRARS = {
    "social_worker": OK,
    "activation_coach": 403,
    "intake_officer": OK,
    "team_lead": OK,
    "head_of_service": OK,
    "committee_member": 403,
    "committee_secretary": 403,
    "dpo": 403,
    "admin": OK,
}
# Searching for a client whose access log to read (clients.policy.ACCESS_LOG_READERS).
ACCESS_LOG_READERS = {
    role: (OK if role in ("dpo", "team_lead", "head_of_service") else 403) for role in ROLES
}


# The ledger's own checks (clients.policy.may_control_ledger).
LEDGER_CONTROLLERS = {role: (OK if role == "dpo" else 403) for role in ROLES}


def table(policy: dict, ok: int) -> dict:
    """The cells of a policy table, with OK as the operation's success status."""

    def cell(value):
        return ok if value == OK else value

    return {
        role: {s: cell(v) for s, v in cells.items()} if isinstance(cells, dict) else {NO_DOSSIER: cell(cells)}
        for role, cells in policy.items()
    }


def with_role_cells(cells: dict, role: str, **situations) -> dict:
    """The table with some cells of one role changed (where a screen answers a refusal differently)."""
    return {**cells, role: {**cells[role], **situations}}


# --- The world ---


class World:
    """Two teams, one caller per role (all in "centrum"), a colleague and a stranger, and a dossier for each
    situation (the break-the-glass one with a live grant for each caller who may break the glass); the objects
    an operation needs are added to a dossier when a case asks for them.

    Built once per matrix test, so it is built about a hundred times per run: the people, their tokens and
    sessions, the persons and their dossiers are built by the factories and inserted in one query per table
    (so without history rows: the matrix asks who may read a history, not what it holds)."""

    def __init__(self):
        self.centrum, self.noord = Team.objects.bulk_create(
            [TeamFactory.build(code="centrum"), TeamFactory.build(code="noord")]
        )
        people = [
            UserFactory.build(username=f"caller-{role}", team=self.centrum, roles=[role]) for role in ROLES
        ]
        people += [
            UserFactory.build(username="colleague", team=self.centrum, roles=["social_worker"]),
            UserFactory.build(username="stranger", team=self.noord, roles=["social_worker"]),
        ]
        *callers, self.colleague, self.stranger = User.objects.bulk_create(people)
        self.callers = dict(zip(ROLES, callers, strict=True))
        persons = iter(Client.objects.bulk_create(ClientFactory.build_batch(7)))

        def dossier(**fields):
            return DossierFactory.build(client=next(persons), **fields)

        centrum = {"team": self.centrum, "social_worker": self.colleague}
        dossiers = {
            "team": dossier(**centrum),
            "other": dossier(team=self.noord, social_worker=self.stranger),
            "restricted": dossier(**centrum, restricted=True),
            "glass": dossier(team=self.noord, social_worker=self.stranger),
            "own:social_worker": dossier(team=self.centrum, social_worker=self.callers["social_worker"]),
            "own:team_lead": dossier(team=self.centrum, social_worker=self.callers["team_lead"]),
            "own:activation_coach": dossier(**centrum, activation_coach=self.callers["activation_coach"]),
        }
        Dossier.objects.bulk_create(dossiers.values())
        Dossier.restricted_to.through.objects.create(dossier=dossiers["restricted"], user=self.colleague)
        BreakGlassAccess.objects.bulk_create(
            BreakGlassAccessFactory.build(dossier=dossiers["glass"], user=self.callers[role])
            for role in MAY_BREAK_THE_GLASS
        )
        self.dossiers = {name: d for name, d in dossiers.items() if not name.startswith("own:")}
        self.own = {name[4:]: d for name, d in dossiers.items() if name.startswith("own:")}
        self._made = {}

    def api_clients(self) -> dict:
        """An API client per role, authenticated by a token as a partner's program would be (after the second
        factor, for a role that needs one)."""
        clients = {None: APIClient()}
        for role, user in self.callers.items():
            clients[role] = api_client_for(user)
        return clients

    def web_clients(self) -> dict:
        """A browser per role with a signed-in session (the session a login would store, without the login's
        own bookkeeping, which the matrix does not test)."""
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        sessions = {
            role: Session(
                session_key=get_random_string(32, VALID_KEY_CHARS),  # as Django makes them
                expire_date=timezone.now() + datetime.timedelta(hours=1),
                session_data=store.encode(
                    {
                        SESSION_KEY: str(user.pk),
                        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash(),
                        **second_factor_session(user),
                    }
                ),
            )
            for role, user in self.callers.items()
        }
        Session.objects.bulk_create(sessions.values())
        clients = {None: WebClient()}
        for role, session in sessions.items():
            clients[role] = WebClient()
            clients[role].cookies[settings.SESSION_COOKIE_NAME] = session.session_key
        return clients

    def dossier(self, role: str, situation: str):
        if situation == NO_DOSSIER:
            return None
        return self.own[role] if situation == "own" else self.dossiers[situation]

    def all_dossiers(self) -> list:
        return [*self.own.values(), *self.dossiers.values()]

    def situation_of(self, role: str, dossier) -> str:
        """How a world dossier stands to a caller (for lists, which show them all at once)."""
        if self.own.get(role) == dossier:
            return "own"
        if dossier.restricted:
            return "restricted"
        if dossier == self.dossiers["glass"] and role in MAY_BREAK_THE_GLASS:
            return "glass"
        return "team" if dossier.team_id == self.centrum.pk else "other"

    def expected_listed(self, role: str, policy: dict) -> set:
        return {d.pk for d in self.all_dossiers() if policy[role].get(self.situation_of(role, d)) == OK}

    # Objects of a dossier, made once per world (before any cell runs, so no cell rolls them back).

    def _once(self, key, build):
        if key not in self._made:
            self._made[key] = build()
        return self._made[key]

    def inquiry(self, dossier):
        """A registered request's inquiry, with one document on its checklist (a request always has one)."""

        def build():
            inquiry = InquiryFactory(request__dossier=dossier)
            InquiryDocumentFactory(inquiry=inquiry, name="Identiteitskaart")
            return inquiry

        return self._once(("inquiry", dossier.pk), build)

    def request(self, dossier):
        return self.inquiry(dossier).request

    def calculation(self, dossier):
        return self._once(
            ("calculation", dossier.pk), lambda: LeefloonCalculationFactory(inquiry=self.inquiry(dossier))
        )

    def help_plan(self, dossier):
        def build():
            plan = HelpPlanFactory(dossier=dossier)
            HelpPlanGoalFactory(plan=plan, priority=1)
            return plan

        return self._once(("help_plan", dossier.pk), build)

    def help_plan_action(self, dossier):
        def build():
            return HelpPlanActionFactory(goal=self.help_plan(dossier).goals.first())

        return self._once(("help_plan_action", dossier.pk), build)

    def partner(self):
        return self._once("partner", lambda: PartnerFactory(name="CAW Centrum"))

    def referral(self, dossier):
        return self._once(
            ("referral", dossier.pk), lambda: ReferralFactory(dossier=dossier, partner=self.partner())
        )

    def obligation(self, dossier):
        """The dossier's decision clock, owned by its activation coach or else its social worker."""
        from casework.obligations.models import Obligation

        return self._once(
            ("obligation", dossier.pk),
            lambda: Obligation.objects.create(
                kind="decision_due",
                due_on=timezone.localdate(),
                responsible=dossier.activation_coach or dossier.social_worker,
                team=dossier.team,
                dossier=dossier,
                object_type="casework.dossier",
                object_id=str(dossier.pk),
            ),
        )

    def debt(self, dossier):
        """A debt without a payment plan (a plan can be drawn up for it)."""
        return self._once(("debt", dossier.pk), lambda: DebtFactory(dossier=dossier))

    def payment_plan(self, dossier):
        """A proposed plan of three monthly instalments, none paid yet, for a debt in that plan."""

        def build():
            plan = PaymentPlanFactory(debt__dossier=dossier, debt__status="in_plan")
            for due_on in (plan.first_due_on, datetime.date(2024, 2, 29), datetime.date(2024, 3, 31)):
                InstalmentFactory(plan=plan, due_on=due_on)
            return plan

        return self._once(("payment_plan", dossier.pk), build)

    def bank_account_change(self, dossier):
        """A change of the person's bank account that nobody of the dossier has seen yet."""
        return self._once(
            ("bank_account_change", dossier.pk),
            lambda: BankAccountChangeFactory(client=dossier.client, changed_by=self.colleague),
        )

    # The committee: every meeting has the caller who is a committee member as its member and chair.

    def _meeting(self, key, **fields):
        member = self.callers["committee_member"]
        return self._once(
            ("meeting", key),
            lambda: MeetingFactory(
                chair=member, members=[member], created_by=self.callers["committee_secretary"], **fields
            ),
        )

    def held_meeting(self, dossier):
        """The dossier's meeting, held today (in the members' reading period), its item on the agenda."""
        today = timezone.localdate()

        def build():
            meeting = self._meeting(("held", dossier.pk), status="held", published_on=today, held_on=today)
            self._agenda_item(meeting, self._submission(dossier, "on_agenda"))
            return meeting

        return self._once(("held_meeting", dossier.pk), build)

    def _agenda_item(self, meeting, submission, position=1):
        return AgendaItem.objects.create(
            meeting=meeting, submission=submission, position=position, added_by=meeting.created_by
        )

    def _submission(self, dossier, status, key=""):
        return self._once(
            ("submission", dossier.pk, status, key), lambda: SubmissionFactory(dossier=dossier, status=status)
        )

    def submission_on_agenda(self, dossier):
        self.held_meeting(dossier)
        return self._submission(dossier, "on_agenda")

    def submission_submitted(self, dossier):
        return self._submission(dossier, "submitted")

    def submission_ready(self, dossier):
        return self._submission(dossier, "ready")

    def planned_meeting(self):
        """A meeting in twenty days with two items (to reorder)."""

        def build():
            meeting = self._meeting("planned", date=timezone.localdate() + datetime.timedelta(days=20))
            for position, key in enumerate(("first", "second"), start=1):
                submission = self._submission(self.dossiers["team"], "on_agenda", key)
                self._agenda_item(meeting, submission, position)
            return meeting

        return self._once("planned_meeting", build)

    def published_meeting(self):
        """Today's meeting, its agenda sent ten days ago: it can be held, and urgent decisions go on it."""
        return self._meeting(
            "published",
            status="agenda_published",
            published_on=timezone.localdate() - datetime.timedelta(days=10),
        )

    def decision(self, dossier):
        def build():
            item = self._agenda_item(self.held_meeting(dossier), self._submission(dossier, "decided"), 2)
            return Decision.objects.create(
                submission=item.submission,
                agenda_item=item,
                outcome="approved",
                motivation="Geen bestaansmiddelen.",
                legal_basis="Art. 57 OCMW-wet",
                amount=item.submission.amount,
                frequency="once",
                decided_on=timezone.localdate(),
                notification_due=timezone.localdate() + datetime.timedelta(days=8),
                recorded_by=self.callers["committee_secretary"],
            )

        return self._once(("decision", dossier.pk), build)

    def hearing(self, dossier):
        return self._once(
            ("hearing", dossier.pk),
            lambda: Hearing.objects.create(
                submission=self.submission_ready(dossier),
                requested_on=timezone.localdate(),
                recorded_by=self.callers["committee_secretary"],
            ),
        )

    def person(self, name: str = "person"):
        """A registered person without a dossier (to open one for, or to add to a household)."""
        return self._once(("person", name), lambda: ClientFactory(last_name="Zonderdossier"))


# --- Running a cell ---

# Tables a request may write without changing anything the policy protects: the session (a web login, the
# message a screen keeps for after its redirect) and django-axes' bookkeeping of logins.
NOT_DOMAIN_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
ACCESS_LOG_TABLE = AccessLog._meta.db_table
# The log is partitioned by month on PostgreSQL: its rows land in clients_accesslog_YYYY_MM.
ACCESS_LOG_TABLES = re.compile(rf"^{ACCESS_LOG_TABLE}(_\d{{4}}_\d{{2}})?$")
NEWEST_LOG_ENTRY = f"SELECT user_id, subject_ids FROM {ACCESS_LOG_TABLE} ORDER BY id DESC LIMIT 1"


def _tuples_written() -> dict:
    """Rows inserted, updated and deleted so far in this transaction, per table that has any. The counters
    only grow (a rolled-back savepoint keeps its counts), so the difference of two readings is what happened
    between them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT json_object_agg(relname, json_build_array(n_tup_ins, n_tup_upd, n_tup_del)) "
            "FROM pg_stat_xact_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return cursor.fetchone()[0] or {}


@dataclass
class Outcome:
    status: int
    writes: dict = field(default_factory=dict)  # table -> (inserted, updated, deleted), domain tables only
    logged: int = 0  # access-log rows added
    last_log_entry: tuple | None = None  # (user id, [subject ids]) of the newest access-log row
    location: str = ""
    response: object = None
    listed: set | None = None  # the dossiers a list showed (set by the test that knows the response's shape)


class CellRunner:
    """Runs cells one after the other, each in a savepoint rolled back afterwards; reads the counters once per
    cell (the reading after one cell is the reading before the next)."""

    def __init__(self):
        self.counts = None

    def run(self, send) -> Outcome:
        with transaction.atomic():
            before = self.counts if self.counts is not None else _tuples_written()
            response = send()
            self.counts = after = _tuples_written()
            writes = {}
            for table_name, counts in after.items():
                delta = tuple(a - b for a, b in zip(counts, before.get(table_name, (0, 0, 0)), strict=True))
                if any(delta):
                    writes[table_name] = delta
            logged = sum(writes.pop(name)[0] for name in list(writes) if ACCESS_LOG_TABLES.match(name))
            last = None
            if logged:
                with connection.cursor() as cursor:
                    cursor.execute(NEWEST_LOG_ENTRY)
                    user_id, subject_ids = cursor.fetchone()
                    last = (
                        user_id,
                        subject_ids if isinstance(subject_ids, list) else json.loads(subject_ids),
                    )
            transaction.set_rollback(True)
        return Outcome(
            status=response.status_code,
            writes={t: d for t, d in writes.items() if t not in NOT_DOMAIN_TABLES},
            logged=logged,
            last_log_entry=last,
            location=response.get("Location", ""),
            response=response,
        )


# --- Judging a cell ---

# What an operation is, for the checks after its status:
READS = (
    "read"  # reads personal data: a success adds exactly one access-log row, for the caller and the client
)
LISTS = "list"  # a list of dossiers: exactly the ones the policy allows, one access-log row naming them all
PUBLIC = "public"  # no personal data (the social map, a calculation, a search by identity): never logged
WRITES = "write"  # a change: a success writes, a refusal writes nothing
SEARCHES = "search"  # a search of persons: one access-log row for the caller, with what was looked for
KINDS = (READS, LISTS, PUBLIC, WRITES, SEARCHES)
LOGIN = "login"  # the expected answer to an anonymous browser: a redirect to the login page


def succeeded(expected) -> bool:
    return expected != LOGIN and not isinstance(expected, Kept) and int(expected) < 400


def judge(
    kind, expected, outcome: Outcome, *, caller=None, dossier=None, may_read=False, listed=None
) -> list:
    """What is wrong with a cell's outcome (nothing: an empty list)."""
    problems = []
    if expected == LOGIN:
        if outcome.status != 302 or not outcome.location.startswith("/login/"):
            problems.append(
                f"status {outcome.status} {outcome.location}, expected a redirect to the login page"
            )
    elif outcome.status != expected:
        problems.append(f"status {outcome.status}, expected {expected!r}")
    ok = succeeded(expected)
    if kind == WRITES:
        if ok and not outcome.writes:
            problems.append("a write that succeeded changed nothing")
        if not ok and outcome.writes:
            problems.append(f"a refused write changed {outcome.writes}")
        if not ok and outcome.logged and not may_read:
            problems.append(f"a refused write logged {outcome.logged} read(s) for someone who may not read")
        return problems
    if outcome.writes:
        problems.append(f"a read changed {outcome.writes}")
    if kind == READS and ok:
        if outcome.logged != 1:
            problems.append(f"{outcome.logged} access-log rows, expected exactly 1")
        elif (
            outcome.last_log_entry[0] != caller.pk or str(dossier.client_id) not in outcome.last_log_entry[1]
        ):
            problems.append(
                f"the access-log row names {outcome.last_log_entry}, not the caller and the client"
            )
    elif kind == LISTS and ok:
        if listed is not None and outcome.listed != listed:
            problems.append(f"listed {len(outcome.listed)} dossier(s), expected {len(listed)}")
        if listed is not None and outcome.logged != (1 if listed else 0):
            problems.append(f"{outcome.logged} access-log rows for {len(listed)} dossier(s) shown")
    elif kind == SEARCHES and ok:
        if outcome.logged != 1 or outcome.last_log_entry[0] != caller.pk:
            problems.append(f"{outcome.logged} access-log rows for a search, expected 1 for the caller")
    elif outcome.logged:
        problems.append(f"{outcome.logged} access-log row(s) for a {'refused ' if not ok else ''}read")
    return problems


def cells_to_run(cells: dict, kind: str) -> list:
    """(role, situation, expected) of the cells a case runs. Reads run every cell. A write runs in every
    situation where the role's answer differs; a role refused alike in every situation (the DPO, say, writes
    in no dossier at all) is tried once, on a dossier of its own team, where a wrong grant is likeliest."""
    run = []
    for role in ROLES:
        row = cells[role]
        answers = {repr(expected) for expected in row.values()}
        if kind == WRITES and len(row) > 1 and len(answers) == 1 and not succeeded(next(iter(row.values()))):
            situation = "team" if "team" in row else next(iter(row))
            run.append((role, situation, row[situation]))
        else:
            run += [(role, situation, expected) for situation, expected in row.items()]
    return run


def check_table(case) -> list:
    """What is malformed in a case's table: every role, situations the world knows ("own" only for a role a
    dossier can be assigned to), and at least the owner's team and another team for a dossier's operation."""
    problems = []
    if list(case.cells) != ROLES:
        problems.append(f"roles {list(case.cells)}")
    if case.kind not in KINDS:
        problems.append(f"kind {case.kind}")
    for role, row in case.cells.items():
        if (
            not set(row) <= {*SITUATIONS, NO_DOSSIER}
            or ("own" in row and role not in CAN_BE_ASSIGNED)
            or ("glass" in row and role not in MAY_BREAK_THE_GLASS)
        ):
            problems.append(f"{role}: situations {list(row)}")
        if NO_DOSSIER not in row and not {"team", "other"} <= set(row):
            problems.append(f"{role}: no 'team' and 'other' cells")
    return [f"{case}: {problem}" for problem in problems]
