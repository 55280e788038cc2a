"""The privacy ledger's one write: who read which data of whom, when and why (KSZ minimum security norms).

Every selector that reads personal data calls `access_log_record`. Within a web or API request the reads are
gathered and written as **one row when the request ends** (LedgerMiddleware): a list records the ids it showed
in that one row, a view that reads a dossier and then records a KSZ consultation writes one row, and a request
that changes data writes its row in the same transaction as its changes (one commit, not one per read).
Outside a request (a task, a command) each call writes its row at once.

`what` and `purpose` are codes, stored language-neutral and shown in the reader's language: each app registers
the labels of the codes it writes (`ledger_codes_register`); free text is stored only where a person typed it
(a break-the-glass reason, a KSZ purpose) and the search as typed."""

import contextvars
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from clients.models import AccessLog

# --- The codes: what was read, and why ---


class Purpose:
    """Why the data was read. A code is stored; the label is shown in the reader's language."""

    DOSSIER = "dossier"  # work in the dossier(s) named by id in the row
    CASELOAD = "caseload"
    SEARCH = "search"
    DUPLICATE_CHECK = "duplicate_check"
    REGISTRATION = "registration"
    DOSSIER_OPEN = "dossier_open"
    GDPR_REQUEST = "gdpr_request"
    BREAK_GLASS = "break_glass"  # with the reason as typed
    KSZ = "ksz"  # with the purpose as typed
    LEGACY = "legacy"  # rows written before the codes (migration 0006): their text as it was


class What:
    """What the registry itself reads; casework registers its own codes (casework.dossiers.reads)."""

    CLIENT_SEARCH = "client_search"
    POSSIBLE_DUPLICATES = "possible_duplicates"
    CLIENT_REGISTERED = "client_registered"
    CLIENT_IDENTITY = "client_identity"
    CLIENT_RECORD = "client_record"
    CLIENT_RECORD_UPDATE = "client_record_update"
    HOUSEHOLD = "household"
    CLIENT_HISTORY = "client_history"
    ACCESS_LOG = "access_log"
    LEGACY = "legacy"


_WHAT_LABELS: dict[str, Promise] = {
    What.CLIENT_SEARCH: _("zoekresultaten (naam, geboortedatum)"),
    What.POSSIBLE_DUPLICATES: _("mogelijke dubbele registraties"),
    What.CLIENT_REGISTERED: _("identiteit na registratie"),
    What.CLIENT_IDENTITY: _("identiteit (dossier openen)"),
    What.CLIENT_RECORD: _("volledige cliëntfiche"),
    What.CLIENT_RECORD_UPDATE: _("cliëntfiche wijzigen"),
    What.HOUSEHOLD: _("gezinssamenstelling"),
    What.CLIENT_HISTORY: _("wijzigingshistoriek"),
    What.ACCESS_LOG: _("toegangslog"),
    What.LEGACY: _("(oude vermelding)"),
}
_PURPOSE_LABELS: dict[str, Promise] = {
    Purpose.DOSSIER: _("werk in dossier"),
    Purpose.CASELOAD: _("overzicht van de dossiers"),
    Purpose.SEARCH: _("opzoeking van een persoon"),
    Purpose.DUPLICATE_CHECK: _("controle op dubbele registratie"),
    Purpose.REGISTRATION: _("registratie van een persoon"),
    Purpose.DOSSIER_OPEN: _("dossier openen"),
    Purpose.GDPR_REQUEST: _("vraag: wie heeft mijn gegevens gezien?"),
    Purpose.BREAK_GLASS: _("noodtoegang"),
    Purpose.KSZ: _("KSZ-raadpleging"),
    Purpose.LEGACY: _("(oude vermelding)"),
}


def ledger_codes_register(*, what: dict | None = None, purposes: dict | None = None) -> None:
    """An app that writes ledger rows names its codes here, with their (lazy) labels."""
    _WHAT_LABELS.update(what or {})
    _PURPOSE_LABELS.update(purposes or {})


def what_label(code: str) -> str:
    return ", ".join(str(_WHAT_LABELS.get(part, part)) for part in code.split(",") if part)


def purpose_label(entry: AccessLog, dossier_references: dict | None = None) -> str:
    """The purpose in the reader's language: its label, the dossier's current reference (looked up by id),
    and what a person typed."""
    label = str(_PURPOSE_LABELS.get(entry.purpose, entry.purpose))
    if entry.purpose == Purpose.LEGACY:
        return entry.purpose_text
    if entry.purpose == Purpose.DOSSIER and entry.dossier_ids:
        references = [str((dossier_references or {}).get(d, "")) for d in entry.dossier_ids]
        if any(references):
            return f"{label} {', '.join(r for r in references if r)}"
    if entry.purpose_text:
        return f"{label}: {entry.purpose_text}"
    return label


def known_what_codes() -> set[str]:
    return set(_WHAT_LABELS)


def ksz_what(service: str) -> str:
    return f"ksz.{service}"


def ksz_what_labels(choices) -> dict:
    return {ksz_what(value): format_lazy("{}: {}", _("KSZ"), label) for value, label in choices}


# --- Writing: one row per request ---


@dataclass
class _PendingRead:
    user: object
    what: list = field(default_factory=list)
    purpose: str = ""
    purpose_text: str = ""
    subject_ids: dict = field(default_factory=dict)  # an ordered set
    dossier_ids: dict = field(default_factory=dict)
    query: str = ""

    def add(self, *, what, purpose, purpose_text, subject_ids, dossier_ids, query):
        if what and what not in self.what:
            self.what.append(what)
        # A reason typed by a person says more than a generic purpose: it wins, and two typed ones are kept.
        if not self.purpose or (purpose_text and not self.purpose_text):
            self.purpose = purpose
        if purpose_text and purpose_text not in self.purpose_text:
            self.purpose_text = f"{self.purpose_text} | {purpose_text}" if self.purpose_text else purpose_text
        self.subject_ids.update(dict.fromkeys(str(s) for s in subject_ids))
        self.dossier_ids.update(dict.fromkeys(str(d) for d in dossier_ids if d))
        self.query = self.query or query

    def row(self) -> AccessLog:
        return AccessLog(
            user=self.user,
            subject_ids=list(self.subject_ids),
            what=",".join(self.what)[:200],
            purpose=self.purpose,
            purpose_text=self.purpose_text[:500],
            dossier_ids=list(self.dossier_ids),
            query=self.query[:200],
        )


class RequestLedger:
    """The reads of one request, written as one row per user (in practice one) when the request ends."""

    def __init__(self):
        self.pending: dict = {}
        self.flushed = False

    def add(self, user, **read):
        pending = self.pending.get(user.pk)
        if pending is None:
            pending = self.pending[user.pk] = _PendingRead(user=user)
        pending.add(**read)

    def flush(self, *, wait_for_disk: bool = True) -> None:
        rows = [pending.row() for pending in self.pending.values()]
        self.pending = {}
        self.flushed = True
        if not rows:
            return
        if wait_for_disk or connection.in_atomic_block or connection.vendor != "postgresql":
            AccessLog.objects.bulk_create(rows)
            return
        # A read alone (a GET) commits its ledger row without waiting for the disk (docs/decisions/0073): the
        # fsync was the largest part of a page's time. PostgreSQL writes the WAL in order, so a record can be
        # lost only in a crash of the database itself, with the last fraction of a second before it, and
        # never while a later change (committed synchronously) survives.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
            AccessLog.objects.bulk_create(rows)


_current_request: contextvars.ContextVar[RequestLedger | None] = contextvars.ContextVar(
    "casework_request_ledger", default=None
)


def access_log_record(
    *,
    user,
    client_ids: Iterable,
    what: str,
    purpose: str,
    purpose_text: str = "",
    dossier_ids: Iterable = (),
    query: str = "",
) -> None:
    """Record that `user` read the data of the persons `client_ids` (what, why). Within a request the read
    joins the request's one row; elsewhere it is written at once. A read of nobody (an empty list) is no
    read of personal data, except a search: what was looked for is recorded even when nothing was found."""
    client_ids = list(client_ids)
    if not client_ids and not (query or "").strip():
        return
    read = {
        "what": what,
        "purpose": purpose,
        "purpose_text": (purpose_text or "").strip(),
        "subject_ids": client_ids,
        "dossier_ids": list(dossier_ids),
        "query": (query or "").strip(),
    }
    ledger = _current_request.get()
    if ledger is not None and not ledger.flushed:
        ledger.add(user, **read)
        return
    pending = _PendingRead(user=user)
    pending.add(**read)
    pending.row().save(force_insert=True)


class LedgerMiddleware:
    """Gathers the reads of a request and writes them as one ledger row before the response leaves.

    A request that may change data (not GET/HEAD/OPTIONS) runs in one transaction with its ledger row: the
    changes and the record of what was read commit together, once. A response of 5xx rolls the changes back;
    the reads are still recorded (the data may have been read before the failure). A read that cannot be
    recorded fails the request: nothing is shown that the ledger does not know."""

    SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        self.get_response = get_response

    def _autocommit(self, request) -> bool:
        # A read answers in autocommit (its row is one INSERT, one commit); a request without credentials
        # reads no personal data; inside a transaction already (a test), the ledger row joins it. The
        # credentials are looked at, not checked: the user is the view's to load (and refuse).
        if request.method in self.SAFE_METHODS or connection.in_atomic_block:
            return True
        has_credentials = (
            "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        return not has_credentials

    def __call__(self, request):
        ledger = RequestLedger()
        token = _current_request.set(ledger)
        try:
            if self._autocommit(request):
                response = self.get_response(request)
            else:
                with transaction.atomic():
                    response = self.get_response(request)
                    if response.status_code >= 500:
                        transaction.set_rollback(True)
                    else:
                        ledger.flush()
            if not ledger.flushed:
                ledger.flush(wait_for_disk=request.method not in self.SAFE_METHODS)
        finally:
            _current_request.reset(token)
        return response


# --- Reading: "who saw my data?" ---


def _json_list_has(field_name: str, value: str) -> Q:
    """Rows whose JSON list `field_name` holds the string `value`: a GIN-indexed containment on PostgreSQL,
    the quoted value in the JSON text elsewhere (SQLite, the demo; exact, as ids are UUIDs)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__contains": [value]})
    return Q(**{f"_{field_name}_text__contains": f'"{value}"'})


def _with_json_text(queryset, *field_names):
    if connection.vendor == "postgresql":
        return queryset
    return queryset.annotate(**{f"_{name}_text": Cast(name, TextField()) for name in field_names})


def access_log_about(client_id, *, hidden_dossier_ids: Iterable = ()):
    """The ledger rows that read this person's data, minus those made through dossiers the reader may not
    know of (a restricted dossier they are not on)."""
    hidden = [str(d) for d in hidden_dossier_ids]
    queryset = _with_json_text(AccessLog.objects.all(), "subject_ids", "dossier_ids")
    queryset = queryset.filter(_json_list_has("subject_ids", str(client_id)))
    for dossier_id in hidden:
        queryset = queryset.exclude(_json_list_has("dossier_ids", dossier_id))
    return queryset
