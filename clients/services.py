from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from clients.ledger import Purpose, What, access_log_record
from clients.models import Client, HouseholdMember
from clients.policy import may_register_clients
from clients.rules import search_text
from clients.selectors import client_possible_duplicates
from core.errors import Conflict, DomainError, PermissionDeniedError


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


@transaction.atomic
def client_update(*, actor, client: Client, **changes) -> Client:
    """Change identity fields. Only the fields given are written, so two colleagues editing different fields
    at the same time keep each other's work; history records old and new values."""
    if not may_register_clients(actor):
        raise PermissionDeniedError()
    unknown = set(changes) - IDENTITY_EDITABLE
    if unknown:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    client = Client.objects.select_for_update().get(pk=client.pk)
    changed = [field for field, value in changes.items() if getattr(client, field) != value]
    for field in changed:
        setattr(client, field, changes[field])
    if not changed:
        return client
    if {"first_name", "last_name"} & set(changed):
        client.search_text = search_text(client.first_name, client.last_name)
        changed.append("search_text")
    client._change_reason = "client_update"
    client._history_user = actor
    try:
        with transaction.atomic():
            client.save(update_fields=changed)
    except IntegrityError:
        raise ClientAlreadyRegistered(Client.objects.get(insz=client.insz).pk) from None
    return client


@transaction.atomic
def household_replace(*, actor, client: Client, members: list[dict]):
    """Set the household composition over time: rows not given end (deleted with history), given rows are
    created or updated. Each member is a registered person."""
    if not may_register_clients(actor):
        raise PermissionDeniedError()
    member_ids = {m["member_id"] for m in members}
    known = set(Client.objects.filter(pk__in=member_ids).values_list("pk", flat=True))
    if unknown := member_ids - known:
        raise DomainError(
            _("Onbekende persoon in het gezin: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
        )
    if client.pk in member_ids:
        raise DomainError(_("Een cliënt kan geen lid van het eigen gezin zijn."))
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
