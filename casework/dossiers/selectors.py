"""Reads of dossiers: take the user, ask casework.policy, write the access log. An object the user may not
see raises NotFoundError (404), exactly like one that does not exist."""

from collections.abc import Callable

from django.db.models import Case, F, IntegerField, Prefetch, QuerySet, Value, When
from django.utils import timezone

from casework import policy
from casework.dossiers import reads
from casework.dossiers.models import BreakGlassAccess, Dossier
from casework.policy import Access
from clients.ledger import Purpose, access_log_record
from core.errors import NotFoundError
from core.ids import uuid_or_404


def _dossiers_with_policy_facts() -> QuerySet:
    """Dossiers with what the policy needs (restricted list, live break-the-glass grants) in two queries."""
    return Dossier.objects.select_related("client", "team", "social_worker").prefetch_related(
        Prefetch("restricted_to", to_attr="restricted_to_users"),
        Prefetch(
            "break_glass",
            queryset=BreakGlassAccess.objects.filter(expires_at__gt=timezone.now()),
            to_attr="active_break_glass",
        ),
    )


def _with_policy_facts(dossiers) -> list[Dossier]:
    for dossier in dossiers:
        dossier.restricted_to_ids = {user.pk for user in dossier.restricted_to_users}
        dossier.active_break_glass_user_ids = {grant.user_id for grant in dossier.active_break_glass}
    return list(dossiers)


def _log(user, dossier: Dossier, what: str) -> None:
    access_log_record(
        user=user,
        client_ids=[dossier.client_id],
        what=what,
        purpose=Purpose.DOSSIER,
        dossier_ids=[dossier.pk],
    )


def dossier_get(*, user, dossier_id, what: str = "dossier", minimum: Access = Access.INTAKE) -> Dossier:
    """One dossier the user may open at least at `minimum`; the read is logged."""
    dossier = _dossiers_with_policy_facts().filter(pk=uuid_or_404(dossier_id)).first()
    if dossier is None:
        raise NotFoundError()
    _with_policy_facts([dossier])
    dossier.access = policy.dossier_access(user, dossier)
    if dossier.access < minimum:
        raise NotFoundError()
    _log(user, dossier, what)
    return dossier


def dossier_list_page(
    *,
    user,
    paginate: Callable[[QuerySet], list],
    status: str | None = None,
    social_worker=None,
    first: dict | None = None,
) -> list[Dossier]:
    """The dossiers the user may see, their own caseload first (or first by `first`: {name: expression},
    ascending, empty last, e.g. the nearest deadline); every client shown on the page is logged.

    Two steps (docs/decisions/0073): the page's ids are sorted on the dossier's own narrow columns (the
    client's name is copied onto it), then only those dossiers are loaded with their client, team and worker;
    joining every visible dossier with its client before sorting cost most of a team's caseload."""
    ordered = (
        Dossier.objects.filter(policy.visible_dossiers_q(user))  # no joins: no duplicates, index scans
        .annotate(
            mine=Case(When(social_worker=user, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("mine", "client_last_name", "client_first_name", "-opened_on", "pk")
    )
    if first:
        ((name, expression),) = first.items()
        ordered = ordered.annotate(**first).order_by(
            F(name).asc(nulls_last=True), "client_last_name", "client_first_name", "-opened_on", "pk"
        )
    if status:
        ordered = ordered.filter(status=status)
    if social_worker is not None:
        ordered = ordered.filter(social_worker=social_worker)
    page_ids = list(paginate(ordered.values_list("pk", flat=True)))
    loaded = _dossiers_with_policy_facts().in_bulk(page_ids)
    page = _with_policy_facts([loaded[pk] for pk in page_ids])
    for dossier in page:
        dossier.access = policy.dossier_access(user, dossier)
    # One row for the page: the persons and the dossiers it showed.
    access_log_record(
        user=user,
        client_ids=[d.client_id for d in page],
        what=reads.DOSSIER_LIST,
        purpose=Purpose.CASELOAD,
        dossier_ids=[d.pk for d in page],
    )
    return page


def dossier_for_break_glass(*, user, dossier_id) -> Dossier:
    """The dossier a colleague asks to open with a reason; nothing is read (or logged) before access."""
    dossier = Dossier.objects.filter(pk=uuid_or_404(dossier_id)).first()
    if dossier is None or not policy.may_break_glass(user, dossier):
        raise NotFoundError()
    return dossier


def dossiers_of_client(client) -> list[Dossier]:
    """All dossiers of a person with what the policy needs, newest first (the record is readable through any
    of them). No log here: the caller logs the read of the record."""
    return _with_policy_facts(_dossiers_with_policy_facts().filter(client=client).order_by("-opened_on"))


def dossiers_of_clients(client_ids) -> list[Dossier]:
    """The dossiers of a page of persons with what the policy needs, open ones first, then the newest. No
    log: nothing of a dossier is shown, only where it leads."""
    return _with_policy_facts(
        _dossiers_with_policy_facts()
        .filter(client_id__in=list(client_ids))
        .order_by(Case(When(status="open", then=Value(0)), default=Value(1)), "-opened_on")
    )


def dossier_of(model, object_id, *, user, dossier_path: str, what: str) -> Dossier:
    """The dossier of one of its objects (a plan, a debt), checked and logged before the object is loaded."""
    dossier_id = model.objects.filter(pk=uuid_or_404(object_id)).values_list(dossier_path, flat=True).first()
    if dossier_id is None:
        raise NotFoundError()
    return dossier_get(user=user, dossier_id=dossier_id, what=what, minimum=Access.FULL)
