"""Every read of the registry: takes the user, asks clients.policy (and, for the full record, the dossier app
through the hook it registered), writes the access log for personal data."""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet

from clients.ledger import Purpose, What, access_log_about, access_log_record
from clients.models import AccessLogSeal, BankAccountChange, Client, HouseholdMember
from clients.policy import dossier_access, may_read_access_logs, may_search_clients
from clients.rules import POSSIBLE_DUPLICATE_THRESHOLD, name_similarity, search_terms
from core.errors import NotFoundError, PermissionDeniedError
from core.ids import uuid_or_404

IDENTITY_FIELDS = ["id", "first_name", "last_name", "birth_date"]


def _with_has_dossier(queryset: QuerySet, user) -> QuerySet:
    return queryset.annotate(has_dossier=dossier_access().has_dossier(user))


def client_search(*, user, query: str) -> QuerySet:
    """Minimal identity of the persons matching a name fragment or an INSZ, for intake and duplicate checks.
    Every fragment must occur in the first or last name, whatever the accents or case. Not logged here: the
    caller shows a page of it through `client_search_results`, which logs the ids shown."""
    if not may_search_clients(user):
        raise PermissionDeniedError()
    insz, fragments = search_terms(query)
    if insz:
        condition = Q(insz=insz)
    elif fragments:
        condition = Q()
        for fragment in fragments:
            condition &= Q(search_text__contains=fragment)
    else:
        return Client.objects.none()
    return Client.objects.filter(condition).only(*IDENTITY_FIELDS)


def client_search_results(
    *, user, query: str, paginate: Callable[[QuerySet], list], purpose: str = Purpose.SEARCH
) -> list:
    """A page of the search, logged as one ledger row: the query as typed and the ids shown. Whether each
    person has a dossier is asked for the page only: asked of every match, PostgreSQL hashes every dossier
    whenever a common fragment matches a few thousand persons (docs/performance.md)."""
    page = list(paginate(client_search(user=user, query=query)))
    with_dossier = set(
        _with_has_dossier(Client.objects.filter(pk__in=[person.pk for person in page]), user)
        .filter(has_dossier=True)
        .values_list("pk", flat=True)
    )
    for person in page:
        person.has_dossier = person.pk in with_dossier
    access_log_record(
        user=user,
        client_ids=[person.pk for person in page],
        what=What.CLIENT_SEARCH,
        purpose=purpose,
        query=query,
    )
    return page


def client_possible_duplicates(*, user, first_name: str, last_name: str, birth_date, exclude_id=None) -> list:
    """Persons with the same birth date and a similar name: shown as a warning, never blocking."""
    if not may_search_clients(user):
        raise PermissionDeniedError()
    same_birth_date = _with_has_dossier(
        Client.objects.filter(birth_date=birth_date).only(*IDENTITY_FIELDS), user
    )
    if exclude_id:
        same_birth_date = same_birth_date.exclude(pk=exclude_id)
    duplicates = [
        person
        for person in same_birth_date[:200]
        if name_similarity(first_name, last_name, person.first_name, person.last_name)
        >= POSSIBLE_DUPLICATE_THRESHOLD
    ]
    if duplicates:  # their names and birth dates are shown as a warning: a read of each
        access_log_record(
            user=user,
            client_ids=[person.pk for person in duplicates],
            what=What.POSSIBLE_DUPLICATES,
            purpose=Purpose.DUPLICATE_CHECK,
        )
    return duplicates


def client_identity_get(
    *, user, client_id, purpose: str = Purpose.DOSSIER_OPEN, shown: bool = True
) -> Client:
    """One person's minimal identity, as the search shows it (e.g. to open a dossier for them); logged when
    it is shown. `shown=False` for a caller that only hands the person to a service (the API's dossier open,
    whose answer is read back, and logged, through the dossier)."""
    if not may_search_clients(user):
        raise PermissionDeniedError()
    client = _with_has_dossier(
        Client.objects.filter(pk=uuid_or_404(client_id)).only(*IDENTITY_FIELDS), user
    ).first()
    if client is None:
        raise NotFoundError()
    if shown:
        access_log_record(user=user, client_ids=[client.pk], what=What.CLIENT_IDENTITY, purpose=purpose)
    return client


# --- The full record: for whoever has access to one of the person's dossiers ---


def client_get(*, user, client_id, what: str = What.CLIENT_RECORD, also_read=()) -> Client:
    """The full record, for whoever has access to one of the client's dossiers; the read is logged."""
    client = Client.objects.filter(pk=uuid_or_404(client_id)).first()
    grant = dossier_access().record_grant(user, client) if client else None
    if grant is None:
        raise NotFoundError()
    client.dossier_ids = grant.dossier_ids
    client.read_through_dossier_id = grant.readable_dossier_id
    access_log_record(
        user=user,
        client_ids=[client.pk, *also_read],
        what=what,
        purpose=Purpose.DOSSIER,
        dossier_ids=[grant.readable_dossier_id],
    )
    return client


def client_household(*, user, client_id) -> tuple[Client, QuerySet]:
    """The household over time; the members' names are a read of each member's data."""
    members = HouseholdMember.objects.filter(client_id=uuid_or_404(client_id)).select_related("member")
    member_ids = list(members.values_list("member_id", flat=True))
    client = client_get(user=user, client_id=client_id, what=What.HOUSEHOLD, also_read=member_ids)
    return client, members.order_by("from_date")


def household_members_read(*, user, client, members) -> None:
    """Members shown after a change of the household (new ones are read too)."""
    access_log_record(
        user=user,
        client_ids=[client.pk, *(member.member_id for member in members)],
        what=What.HOUSEHOLD,
        purpose=Purpose.DOSSIER,
        dossier_ids=[getattr(client, "read_through_dossier_id", None)],
    )


def client_history(*, user, client_id) -> list[dict]:
    """Every change of the client's identity: who, when, and each field's old and new value."""
    client = client_get(user=user, client_id=client_id, what=What.CLIENT_HISTORY)
    records = list(client.history.select_related("history_user").order_by("history_date", "history_id"))
    changes = []
    previous = None
    for record in records:
        if previous is None:
            fields = []
        else:
            fields = [
                {"field": change.field, "old": change.old, "new": change.new}
                for change in record.diff_against(previous).changes
            ]
        changes.append(
            {
                "changed_at": record.history_date,
                "changed_by": record.history_user.username if record.history_user else None,
                "change_type": {"+": "created", "~": "changed", "-": "deleted"}[record.history_type],
                "changes": fields,
            }
        )
        previous = record
    return list(reversed(changes))


def client_access_log(*, user, client_id) -> tuple[Client, QuerySet]:
    """'Who saw my data?': the DPO and the head of service for anyone, a team lead for their team's clients,
    without the entries made through a restricted dossier the team lead is not on (its existence stays
    hidden). Newest first, each entry marked sealed or not yet; reading the ledger is itself logged."""
    # The role is checked first, so that the answer never tells someone without the role that an id exists.
    if not may_read_access_logs(user):
        raise PermissionDeniedError()
    client = Client.objects.filter(pk=uuid_or_404(client_id)).first()
    if client is None or not dossier_access().may_read_access_log(user, client):
        raise NotFoundError()
    entries = _access_log_entries(user, client)
    access_log_record(user=user, client_ids=[client.pk], what=What.ACCESS_LOG, purpose=Purpose.GDPR_REQUEST)
    return client, entries


def _access_log_entries(user, client) -> QuerySet:
    hidden = dossier_access().dossiers_hidden_from_log(user, client)
    return (
        access_log_about(client.pk, hidden_dossier_ids=hidden)
        .annotate(sealed=Exists(AccessLogSeal.objects.filter(log_id=OuterRef("pk"))))
        .select_related("user")
        .order_by("-accessed_at", "-id")
    )


def access_log_export_entries(export) -> QuerySet:
    """The entries of an export, as its requester saw them when asking (the read was logged then)."""
    return _access_log_entries(export.requested_by, export.client)


def access_log_export_of(*, user, export_id):
    """An export, for the person who asked it only (anyone else: 404)."""
    from clients.models import AccessLogExport

    export = AccessLogExport.objects.filter(pk=uuid_or_404(export_id), requested_by=user).first()
    if export is None:
        raise NotFoundError()
    return export


def bank_account_changes_unseen(*, client) -> list:
    """The bank-account changes nobody of the dossier has seen yet, for a page that already read (and logged)
    the person through their dossier."""
    return list(
        BankAccountChange.objects.filter(client=client, acknowledged_at__isnull=True).select_related(
            "changed_by"
        )
    )


def bank_account_change_of(*, client, change_id):
    """One unseen or seen change of this person (the caller read the person through a dossier)."""
    change = BankAccountChange.objects.filter(client=client, pk=change_id).first()
    if change is None:
        raise NotFoundError()
    return change
