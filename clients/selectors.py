from django.db.models import Exists, OuterRef, Q, QuerySet

from clients.models import Client
from clients.policy import may_search_clients
from clients.rules import POSSIBLE_DUPLICATE_THRESHOLD, name_similarity, search_terms
from config.errors import NotFoundError, PermissionDeniedError

IDENTITY_FIELDS = ["id", "first_name", "last_name", "birth_date"]


def _with_has_dossier(queryset: QuerySet) -> QuerySet:
    # By the reverse relation name: the registry imports nothing from casework (dependencies run one way).
    has_dossier = Client.objects.filter(pk=OuterRef("pk"), dossiers__isnull=False)
    return queryset.annotate(has_dossier=Exists(has_dossier))


def client_search(*, user, query: str) -> QuerySet:
    """Minimal identity of the persons matching a name fragment or an INSZ, for intake and duplicate checks.
    Every fragment must occur in the first or last name, whatever the accents or case."""
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
    return _with_has_dossier(Client.objects.filter(condition).only(*IDENTITY_FIELDS))


def client_possible_duplicates(*, user, first_name: str, last_name: str, birth_date, exclude_id=None) -> list:
    """Persons with the same birth date and a similar name: shown as a warning, never blocking."""
    if not may_search_clients(user):
        raise PermissionDeniedError()
    same_birth_date = _with_has_dossier(Client.objects.filter(birth_date=birth_date).only(*IDENTITY_FIELDS))
    if exclude_id:
        same_birth_date = same_birth_date.exclude(pk=exclude_id)
    return [
        person
        for person in same_birth_date[:200]
        if name_similarity(first_name, last_name, person.first_name, person.last_name)
        >= POSSIBLE_DUPLICATE_THRESHOLD
    ]


def client_identity_get(*, user, client_id) -> Client:
    """One person's minimal identity, as the search shows it (e.g. to open a dossier for them)."""
    if not may_search_clients(user):
        raise PermissionDeniedError()
    client = _with_has_dossier(Client.objects.filter(pk=client_id).only(*IDENTITY_FIELDS)).first()
    if client is None:
        raise NotFoundError()
    return client
