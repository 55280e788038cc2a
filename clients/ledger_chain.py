"""The ledger's proof against rewriting: a hash chain per month, its heads kept outside the database, and the
check that reports the first broken link.

- **Sealing** (`access_log_seal`, a Celery task every minute): rows are written unsealed, so that
  requests never wait on one lock; a run takes the rows written up to its *horizon* (the database clock minus
  a settling time, so that transactions still in flight have committed) that have no link yet, and appends
  one link per row to the chain of the row's month (UTC): hash = sha256(previous hash + the row's content +
  the link's place and horizon). Links are inserted, never updated (AccessLogSeal).
- **Heads** (`access_log_export_heads`, daily): the last link of every chain, signed with an HMAC key that the
  database does not hold, written to a directory outside the database and mailed to the DPO. Re-hashing the
  whole chain after a change is then caught: the exported hash of a link no longer matches.
- **Verification** (`access_log_verify`, the `verify_access_log` command and the DPO's screen): recomputes
  every link; reports a changed or missing row, a changed link, a row that appeared after its time was sealed
  (back-dated), an unsealed row behind the chain, and a chain that no longer matches an exported head.
"""

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from clients.models import AccessLog, AccessLogSeal

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
# A sealing run looks back this far before the last horizon for rows that committed late.
SEAL_LOOKBACK = timedelta(hours=1)
SEAL_BATCH = 2000
HEADS_FORMAT = 1


def chain_of(moment: datetime) -> date:
    """The chain (and the PostgreSQL partition) of a moment: its month in UTC."""
    moment = moment.astimezone(UTC)
    return date(moment.year, moment.month, 1)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    start = datetime(month.year, month.month, 1, tzinfo=UTC)
    end_month = _next_month(month)
    return start, datetime(end_month.year, end_month.month, 1, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def link_hash(previous_hash: str, entry: AccessLog, *, chain: date, seq: int, horizon: datetime) -> str:
    content = {
        "chain": chain.isoformat(),
        "seq": seq,
        "horizon": _iso(horizon),
        "id": entry.pk,
        "accessed_at": _iso(entry.accessed_at),
        "user": entry.user_id,
        "subjects": list(entry.subject_ids),
        "what": entry.what,
        "purpose": entry.purpose,
        "purpose_text": entry.purpose_text,
        "dossiers": list(entry.dossier_ids),
        "query": entry.query,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()


def database_now() -> datetime:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT clock_timestamp()")
            return cursor.fetchone()[0]
    return timezone.now()


# --- Sealing ---


def _unsealed():
    return AccessLog.objects.filter(~Exists(AccessLogSeal.objects.filter(log_id=OuterRef("pk"))))


def access_log_seal() -> int:
    """Seal every row written up to now minus the settling time; returns the number of links added.
    Idempotent and safe to run twice at once (one run per chain at a time, the other skips it)."""
    horizon = database_now() - timedelta(seconds=settings.ACCESS_LOG_SEAL_SETTLE_SECONDS)
    latest = AccessLogSeal.objects.order_by("-horizon").values_list("horizon", flat=True).first()
    if latest is not None:
        start = latest - SEAL_LOOKBACK
    else:
        start = AccessLog.objects.order_by("accessed_at").values_list("accessed_at", flat=True).first()
        if start is None:
            return 0
    sealed = 0
    month = chain_of(start)
    while month <= chain_of(horizon):
        sealed += _seal_chain(month, start, horizon)
        month = _next_month(month)
    return sealed


@transaction.atomic
def _seal_chain(chain: date, start: datetime, horizon: datetime) -> int:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # One sealer per chain: a second run at the same time leaves this chain to the first.
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(hashtext('clients_accesslog_seal'), %s)",
                [chain.toordinal()],
            )
            if not cursor.fetchone()[0]:
                return 0
    month_start, month_end = _month_bounds(chain)
    rows = (
        _unsealed()
        .filter(accessed_at__gte=max(start, month_start), accessed_at__lt=month_end, accessed_at__lte=horizon)
        .order_by("id")
    )
    head = AccessLogSeal.objects.filter(chain=chain).order_by("-seq").first()
    previous, seq = (head.hash, head.seq) if head else (GENESIS, 0)
    links, sealed = [], 0
    # A backlog (the first run after a migration, a long outage) streams: links go in per batch.
    for entry in rows.iterator(chunk_size=SEAL_BATCH):
        seq += 1
        previous = link_hash(previous, entry, chain=chain, seq=seq, horizon=horizon)
        links.append(AccessLogSeal(chain=chain, seq=seq, log_id=entry.pk, horizon=horizon, hash=previous))
        if len(links) >= SEAL_BATCH:
            AccessLogSeal.objects.bulk_create(links)
            sealed += len(links)
            links = []
    AccessLogSeal.objects.bulk_create(links)
    return sealed + len(links)


# --- Heads kept outside the database ---


def _heads_signature(payload: dict) -> str:
    message = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    key = settings.ACCESS_LOG_HEADS_KEY
    if key:
        return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()
    return salted_hmac("casework.access-log-heads", message, algorithm="sha256").hexdigest()


def access_log_heads() -> dict:
    """The last link of every chain, and the horizon up to which it sealed."""
    chains = []
    for chain in AccessLogSeal.objects.order_by("chain").values_list("chain", flat=True).distinct():
        head = AccessLogSeal.objects.filter(chain=chain).order_by("-seq").first()
        horizon = (
            AccessLogSeal.objects.filter(chain=chain).order_by("-horizon").values_list("horizon", flat=True)
        )
        chains.append(
            {"chain": chain.isoformat(), "seq": head.seq, "hash": head.hash, "horizon": _iso(horizon.first())}
        )
    return {"format": HEADS_FORMAT, "exported_at": _iso(database_now()), "chains": chains}


def signed_heads(payload: dict) -> dict:
    return {**payload, "signature": _heads_signature(payload)}


def access_log_export_heads() -> dict:
    """Write today's heads, signed, to ACCESS_LOG_HEADS_DIR and mail them to the DPO(s)."""
    document = signed_heads(access_log_heads())
    text = json.dumps(document, indent=2, sort_keys=True)
    filename = f"access-log-heads-{document['exported_at'][:19].replace(':', '')}Z.json"
    directory = settings.ACCESS_LOG_HEADS_DIR
    if directory:
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        (path / filename).write_text(text)
    recipients = _dpo_addresses()
    if recipients:
        message = EmailMessage(
            subject=_("Toegangslog: de koppen van de keten van %(day)s")
            % {"day": document["exported_at"][:10]},
            body=_(
                "In bijlage de laatste schakel van elke maand van het toegangslog, ondertekend. Bewaar dit "
                "bestand buiten Casework: het bewijst later dat de keten niet herschreven werd "
                "(manage.py verify_access_log --heads BESTAND)."
            ),
            to=recipients,
        )
        message.attach(filename, text, "application/json")
        message.send()
    return document


def _dpo_addresses() -> list[str]:
    return [
        user.email
        for user in User.objects.filter(is_active=True).exclude(email="")
        if user.has_role(Role.DPO)
    ] + list(settings.ACCESS_LOG_HEADS_MAIL_TO)


def verification_failure_notify(verification) -> None:
    """Tell the DPO(s) at once that the ledger's chain is broken, with the first broken link."""
    recipients = _dpo_addresses()
    if recipients:
        EmailMessage(
            subject=_("Toegangslog: de keten is gebroken"),
            body=_("De nachtelijke controle van het toegangslog vond een gebroken schakel:\n\n%(message)s")
            % {"message": verification.first_broken.message},
            to=recipients,
        ).send()


def heads_read(paths) -> list[tuple[str, dict | None]]:
    """Each exported heads file with its content, or None when its signature does not hold."""
    found = []
    for path in paths:
        try:
            document = json.loads(Path(path).read_text())
            signature = document.pop("signature", "")
        except (OSError, ValueError, AttributeError):
            found.append((str(path), None))
            continue
        valid = hmac.compare_digest(signature, _heads_signature(document))
        found.append((str(path), document if valid else None))
    return found


def exported_heads_paths() -> list[Path]:
    directory = settings.ACCESS_LOG_HEADS_DIR
    if not directory or not Path(directory).is_dir():
        return []
    return sorted(Path(directory).glob("access-log-heads-*.json"))


# --- Verification ---


BROKEN_REASONS = {
    "row_changed": gettext_lazy(
        "De inhoud van rij %(log)s verschilt van wat verzegeld werd (of de schakel werd gewijzigd)."
    ),
    "row_missing": gettext_lazy("Rij %(log)s werd verzegeld maar is verdwenen."),
    "seq_gap": gettext_lazy("De keten springt: schakel %(seq)s ontbreekt."),
    "backdated": gettext_lazy(
        "Rij %(log)s verscheen pas nadat haar tijdstip al verzegeld was: teruggedateerd."
    ),
    "unsealed_behind": gettext_lazy(
        "Rij %(log)s staat niet in de keten, maar haar tijdstip werd al verzegeld: toegevoegd of "
        "teruggedateerd."
    ),
    "head_mismatch": gettext_lazy(
        "Schakel %(seq)s verschilt van de kop die op %(exported)s buiten de databank bewaard werd: de keten "
        "werd herschreven."
    ),
    "head_missing": gettext_lazy(
        "Schakel %(seq)s, op %(exported)s buiten de databank bewaard, bestaat niet meer."
    ),
    "head_signature": gettext_lazy("Het bestand met koppen %(file)s is niet geldig ondertekend."),
}


@dataclass(frozen=True)
class BrokenLink:
    chain: date | None
    seq: int | None
    log_id: int | None
    reason: str
    exported_at: str = ""
    file: str = ""

    @property
    def message(self) -> str:
        text = str(BROKEN_REASONS[self.reason]) % {
            "log": self.log_id,
            "seq": self.seq,
            "exported": self.exported_at[:16].replace("T", " "),
            "file": self.file,
        }
        chain = f"{self.chain:%Y-%m}: " if self.chain else ""
        return chain + text

    def sort_key(self):
        return (self.chain or date.min, self.seq or 0, self.log_id or 0)


@dataclass
class ChainReport:
    chain: date
    sealed: int = 0
    pending: int = 0
    broken: list = field(default_factory=list)


@dataclass
class Verification:
    chains: list = field(default_factory=list)
    heads_checked: int = 0
    head_files: int = 0
    broken: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken

    @property
    def first_broken(self) -> BrokenLink | None:
        return min(self.broken, key=BrokenLink.sort_key, default=None)


def _chains_to_check(chains) -> list[date]:
    if chains is not None:
        return sorted(chains)
    months = set(AccessLogSeal.objects.values_list("chain", flat=True).distinct())
    first = AccessLog.objects.order_by("accessed_at").values_list("accessed_at", flat=True).first()
    last = AccessLog.objects.order_by("-accessed_at").values_list("accessed_at", flat=True).first()
    if first is not None:
        month = chain_of(first)
        while month <= chain_of(last):
            months.add(month)
            month = _next_month(month)
    return sorted(months)


def _verify_chain(chain: date, covered_by_heads: datetime | None) -> ChainReport:
    report = ChainReport(chain=chain)
    month_start, month_end = _month_bounds(chain)
    links = AccessLogSeal.objects.filter(chain=chain).order_by("seq")
    previous, expected_seq = GENESIS, 1
    batch_horizon = covered = None
    chunk: list = []

    def check(chunk):
        nonlocal previous, expected_seq, batch_horizon, covered
        rows = AccessLog.objects.in_bulk([link.log_id for link in chunk])
        for link in chunk:
            if link.seq != expected_seq:
                report.broken.append(BrokenLink(chain, expected_seq, None, "seq_gap"))
            expected_seq = link.seq + 1
            if link.horizon != batch_horizon:
                if batch_horizon is not None:
                    covered = max(covered or batch_horizon, batch_horizon)
                batch_horizon = link.horizon
            entry = rows.get(link.log_id)
            if entry is None or not (month_start <= entry.accessed_at < month_end):
                report.broken.append(BrokenLink(chain, link.seq, link.log_id, "row_missing"))
            elif link_hash(previous, entry, chain=chain, seq=link.seq, horizon=link.horizon) != link.hash:
                report.broken.append(BrokenLink(chain, link.seq, link.log_id, "row_changed"))
            elif covered is not None and entry.accessed_at <= covered:
                report.broken.append(BrokenLink(chain, link.seq, link.log_id, "backdated"))
            # Go on from the stored hash: every later link is checked on its own.
            previous = link.hash
            report.sealed += 1

    for link in links.iterator(chunk_size=SEAL_BATCH):
        chunk.append(link)
        if len(chunk) >= SEAL_BATCH:
            check(chunk)
            chunk = []
    if chunk:
        check(chunk)

    sealed_until = max(filter(None, [batch_horizon, covered_by_heads]), default=None)
    unsealed = _unsealed().filter(accessed_at__gte=month_start, accessed_at__lt=month_end)
    for log_id, accessed_at in unsealed.order_by("id").values_list("id", "accessed_at").iterator():
        if sealed_until is not None and accessed_at <= sealed_until:
            report.broken.append(BrokenLink(chain, None, log_id, "unsealed_behind"))
        else:
            report.pending += 1
    return report


def access_log_verify(*, chains=None, head_paths=None) -> Verification:
    """Check the chains (all, or the months given) against their rows and against the exported heads."""
    verification = Verification()
    heads = heads_read(exported_heads_paths() if head_paths is None else head_paths)
    verification.head_files = len(heads)
    covered: dict[date, datetime] = {}
    links_to_match = []
    for path, document in heads:
        if document is None:
            verification.broken.append(BrokenLink(None, None, None, "head_signature", file=path))
            continue
        for head in document["chains"]:
            chain = date.fromisoformat(head["chain"])
            horizon = datetime.fromisoformat(head["horizon"])
            covered[chain] = max(covered.get(chain, horizon), horizon)
            links_to_match.append((chain, head, document["exported_at"]))
    for chain, head, exported_at in links_to_match:
        if chains is not None and chain not in chains:
            continue
        verification.heads_checked += 1
        stored = (
            AccessLogSeal.objects.filter(chain=chain, seq=head["seq"]).values_list("hash", flat=True).first()
        )
        if stored is None:
            verification.broken.append(BrokenLink(chain, head["seq"], None, "head_missing", exported_at))
        elif stored != head["hash"]:
            verification.broken.append(BrokenLink(chain, head["seq"], None, "head_mismatch", exported_at))
    for chain in _chains_to_check(chains):
        report = _verify_chain(chain, covered.get(chain))
        verification.chains.append(report)
        verification.broken.extend(report.broken)
    return verification


# --- Monthly partitions (PostgreSQL) ---


def access_log_partitions_ensure(months_ahead: int | None = None) -> int:
    """Create the partitions of this month and the months ahead that do not exist yet (PostgreSQL; the
    demo's SQLite keeps one plain table). Returns how many were created. The function is the owner's
    (SECURITY DEFINER): the application's role creates partitions without owning the table."""
    if connection.vendor != "postgresql":
        return 0
    months = settings.ACCESS_LOG_PARTITIONS_AHEAD if months_ahead is None else months_ahead
    with connection.cursor() as cursor:
        cursor.execute("SELECT clients_accesslog_add_partitions(%s)", [months])
        return cursor.fetchone()[0]
