from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.ledger import Purpose, What, access_log_record
from clients.models import BankAccountChange, Client, HouseholdMember
from clients.policy import dossier_access, may_register_clients
from clients.rules import search_text
from clients.selectors import client_possible_duplicates
from clients.validators import insz_birth_date_message
from core.dates import check_birth_date, check_life_date, check_planned_date
from core.errors import Conflict, DomainError, NotFoundError, PermissionDeniedError
from core.history import save_with_history


class ClientAlreadyRegistered(Conflict):
    def __init__(self, existing_id):
        super().__init__(
            _("Deze persoon is al geregistreerd met dit INSZ-nummer."), existing_client=str(existing_id)
        )


@dataclass(frozen=True)
class Registration:
    client: Client
    possible_duplicates: list


def client_register(
    *,
    actor,
    first_name: str,
    last_name: str,
    birth_date: date,
    insz: str | None = None,
    **identity,
) -> Registration:
    """Register a person. `insz` and `iban` arrive validated and normalised (see clients.rules).
    A known INSZ is a conflict, decided by the unique constraint so that two simultaneous registrations of
    the same person leave one row."""
    if not may_register_clients(actor):
        raise PermissionDeniedError()
    check_birth_date(birth_date)
    _check_insz_agrees_with_birth_date(insz, birth_date)
    if insz and (existing := Client.objects.filter(insz=insz).values_list("pk", flat=True).first()):
        raise ClientAlreadyRegistered(existing)
    duplicates = client_possible_duplicates(
        user=actor, first_name=first_name, last_name=last_name, birth_date=birth_date
    )
    client = Client(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        insz=insz or None,
        created_by=actor,
        **identity,
    )
    client.search_text = search_text(client.first_name, client.last_name)
    client._change_reason = "client_register"
    client._history_user = actor
    try:
        with transaction.atomic():
            client.save(force_insert=True)
    except IntegrityError:
        existing = Client.objects.filter(insz=insz).values_list("pk", flat=True).first()
        if existing is None:
            raise
        raise ClientAlreadyRegistered(existing) from None
    # The identity is shown back to the registrar (with the possible duplicates, logged by their selector):
    # one ledger row for the request.
    access_log_record(
        user=actor, client_ids=[client.pk], what=What.CLIENT_REGISTERED, purpose=Purpose.REGISTRATION
    )
    return Registration(client=client, possible_duplicates=duplicates)


IDENTITY_EDITABLE = {
    "insz", "first_name", "last_name", "birth_date", "gender", "nationality", "language", "street",
    "house_number", "box", "postal_code", "municipality", "phone", "email", "iban",
}  # fmt: skip


def _check_insz_agrees_with_birth_date(insz, birth_date) -> None:
    if message := insz_birth_date_message(insz, birth_date):
        raise DomainError(message, field="birth_date")


class StaleClient(Conflict):
    def __init__(self, current: int):
        super().__init__(
            _(
                "Iemand anders heeft deze gegevens intussen gewijzigd (versie %(version)d). "
                "Herlaad en probeer opnieuw."
            )
            % {"version": current},
            current_version=current,
        )


@transaction.atomic
def client_update(*, actor, client: Client, version: int | None = None, **changes) -> Client:
    """Change identity fields; history records old and new values. With the `version` the editor read, a
    change based on an older version is refused (409) instead of silently overwriting a colleague's; without
    it (older clients of the API) only the fields given are written. The bank account is changed by the
    dossier's own team only, and whoever follows the person is told."""
    if not may_register_clients(actor):
        raise PermissionDeniedError()
    unknown = set(changes) - IDENTITY_EDITABLE
    if unknown:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    client = Client.objects.select_for_update().get(pk=client.pk)
    if version is not None and version != client.version:
        raise StaleClient(client.version)
    check_birth_date(changes.get("birth_date"))
    _check_insz_agrees_with_birth_date(
        changes.get("insz", client.insz), changes.get("birth_date", client.birth_date)
    )
    changed = [field for field, value in changes.items() if getattr(client, field) != value]
    if not changed:
        return client
    dossiers = dossier_access()
    if "iban" in changed and not dossiers.may_change_bank_account(actor, client):
        raise PermissionDeniedError(_("Alleen het team van het dossier kan het rekeningnummer wijzigen."))
    if set(changed) - {"iban"} and not dossiers.may_change_identity(actor, client):
        raise PermissionDeniedError(_("Met een noodtoegang kunt u de identiteit niet wijzigen."))
    old_iban = client.iban
    for field in changed:
        setattr(client, field, changes[field])
    if {"first_name", "last_name"} & set(changed):
        client.search_text = search_text(client.first_name, client.last_name)
        changed.append("search_text")
    client.version += 1
    changed.append("version")
    client._change_reason = "client_update"
    client._history_user = actor
    try:
        with transaction.atomic():
            client.save(update_fields=changed)
    except IntegrityError:
        raise ClientAlreadyRegistered(Client.objects.get(insz=client.insz).pk) from None
    if "iban" in changed:
        change = BankAccountChange(client=client, old_iban=old_iban, new_iban=client.iban, changed_by=actor)
        save_with_history(change, actor=actor, reason="client_update", force_insert=True)
        dossiers.bank_account_changed(actor, client)
    return client


@transaction.atomic
def bank_account_change_acknowledge(*, actor, change: BankAccountChange) -> BankAccountChange:
    """Someone of the dossier saw the new bank account (the caller checked they may read the dossier)."""
    change = BankAccountChange.objects.select_for_update().get(pk=change.pk)
    if change.acknowledged_at is None:
        change.acknowledged_by = actor
        change.acknowledged_at = timezone.now()
        save_with_history(change, actor=actor, reason="bank_account_change_acknowledge")
    return change


def _check_household_change(actor, client: Client) -> None:
    if not may_register_clients(actor):
        raise PermissionDeniedError()
    # The household is registry data, like the identity: an emergency access reads it, never changes it.
    if not dossier_access().may_change_identity(actor, client):
        raise PermissionDeniedError(_("Met een noodtoegang kunt u het gezin niet wijzigen."))


@transaction.atomic
def household_replace(*, actor, client: Client, members: list[dict]):
    """Set the household composition over time: rows not given end (deleted with history), given rows are
    created or updated. Each member is a registered person."""
    _check_household_change(actor, client)
    member_ids = {m["member_id"] for m in members}
    known = set(Client.objects.filter(pk__in=member_ids).values_list("pk", flat=True))
    if unknown := member_ids - known:
        raise DomainError(
            _("Onbekende persoon in het gezin: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
        )
    if client.pk in member_ids:
        raise DomainError(_("Een cliënt kan geen lid van het eigen gezin zijn."))
    for member in members:
        check_life_date(member["from_date"], field="from_date")
        check_planned_date(member.get("to_date"), field="to_date")
    existing = {(row.member_id, row.from_date): row for row in HouseholdMember.objects.filter(client=client)}
    for wanted in members:
        key = (wanted["member_id"], wanted["from_date"])
        row = existing.pop(key, None) or HouseholdMember(client=client, member_id=key[0], from_date=key[1])
        if row.pk is None or row.relation != wanted["relation"] or row.to_date != wanted.get("to_date"):
            row.relation = wanted["relation"]
            row.to_date = wanted.get("to_date")
            row._history_user = actor
            row._change_reason = "household_replace"
            row.save()
    for row in existing.values():
        row._history_user = actor
        row._change_reason = "household_replace"
        row.delete()
    return HouseholdMember.objects.filter(client=client).select_related("member").order_by("from_date")


@transaction.atomic
def household_member_add(
    *, actor, client: Client, member: Client, relation: str, from_date: date, to_date: date | None = None
) -> HouseholdMember:
    """One person joins the household from a date (the screen's way; the API replaces the whole list)."""
    _check_household_change(actor, client)
    if member.pk == client.pk:
        raise DomainError(_("Een cliënt kan geen lid van het eigen gezin zijn."), field="member")
    check_life_date(from_date, field="from_date")
    check_planned_date(to_date, field="to_date")
    if to_date is not None and to_date < from_date:
        raise DomainError(_("De einddatum ligt voor de begindatum."), field="to_date")
    Client.objects.select_for_update().filter(pk=client.pk).first()  # two screens adding: one after the other
    if HouseholdMember.objects.filter(client=client, member=member, to_date__isnull=True).exists():
        raise DomainError(_("Deze persoon hoort al bij het gezin."), field="member")
    row = HouseholdMember(
        client=client, member=member, relation=relation, from_date=from_date, to_date=to_date
    )
    save_with_history(row, actor=actor, reason="household_member_add")
    return row


@transaction.atomic
def household_member_register(
    *, actor, client: Client, relation: str, from_date: date, **identity
) -> tuple[Registration, HouseholdMember]:
    """A person not yet in the registry (a child, a partner) registered and added to the household at once:
    both or neither."""
    _check_household_change(actor, client)
    registration = client_register(actor=actor, **identity)
    row = household_member_add(
        actor=actor, client=client, member=registration.client, relation=relation, from_date=from_date
    )
    return registration, row


@transaction.atomic
def household_member_end(*, actor, client: Client, row_id, to_date: date) -> HouseholdMember:
    """A member leaves the household on a date; the row stays, so the composition over time is kept."""
    _check_household_change(actor, client)
    row = HouseholdMember.objects.select_for_update().filter(client=client, pk=row_id).first()
    if row is None:
        raise NotFoundError()
    check_planned_date(to_date, field="to_date")
    if to_date < row.from_date:
        raise DomainError(_("De einddatum ligt voor de begindatum."), field="to_date")
    row.to_date = to_date
    save_with_history(row, actor=actor, reason="household_member_end")
    return row


# --- "Who saw my data?" exports, made by a Celery task (clients.tasks.access_log_export) ---

EXPORT_PROGRESS_STEP = 500


@transaction.atomic
def access_log_export_request(*, actor, client, export_format: str):
    """Ask for an export of a client's access log; the caller has read the log (and that read was logged).
    The task is enqueued in the same transaction (core.outbox)."""
    from clients.models import AccessLogExport
    from core.outbox import enqueue

    if export_format not in ("pdf", "csv"):
        raise DomainError(_("Kies PDF of CSV."), field="export")
    export = AccessLogExport.objects.create(client=client, requested_by=actor, format=export_format)
    enqueue("clients.tasks.access_log_export", str(export.pk))
    return export


def access_log_export_run(export_id) -> None:
    """Make the export: the entries described in steps (progress saved every EXPORT_PROGRESS_STEP rows), then
    the file. Idempotent: a finished export is left alone."""
    from clients.documents import access_log_csv, access_log_pdf
    from clients.ledger_display import entries_described
    from clients.models import AccessLogExport, AccessLogExportStatus
    from clients.selectors import access_log_export_entries

    export = AccessLogExport.objects.select_related("client", "requested_by").filter(pk=export_id).first()
    if export is None or export.status == AccessLogExportStatus.DONE:
        return
    try:
        entries_query = access_log_export_entries(export)
        export.status, export.total, export.done = AccessLogExportStatus.RUNNING, entries_query.count(), 0
        export.save(update_fields=["status", "total", "done"])
        entries = []
        for entry in entries_query.iterator(chunk_size=EXPORT_PROGRESS_STEP):
            entries.append(entry)
            if len(entries) % EXPORT_PROGRESS_STEP == 0:
                export.done = len(entries)
                export.save(update_fields=["done"])
        entries = entries_described(entries)
        if export.format == "csv":
            export.content = access_log_csv(entries).encode("utf-8")
        else:
            export.content = access_log_pdf(
                client=export.client, entries=entries, printed_by=export.requested_by
            )
        export.done, export.status, export.finished_at = (
            len(entries),
            AccessLogExportStatus.DONE,
            timezone.now(),
        )
        export.save(update_fields=["content", "done", "status", "finished_at"])
    except Exception:
        AccessLogExport.objects.filter(pk=export.pk).update(status=AccessLogExportStatus.FAILED)
        raise
