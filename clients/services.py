from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from clients.models import Client
from clients.policy import may_register_clients
from clients.rules import search_text
from clients.selectors import client_possible_duplicates
from config.errors import Conflict, PermissionDeniedError


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
    return Registration(client=client, possible_duplicates=duplicates)
