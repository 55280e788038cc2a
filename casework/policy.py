"""The one access policy for social dossiers (shared/architecture.md rule 3). Every selector, view and service
asks it; nothing else decides who may see or do what with a dossier.

Levels of access to a dossier:
- FULL: everything a social worker needs (identity, requests, contacts, reports).
- INTAKE: identity and requests only, for the front desk; no contact notes, no reports.
- NONE: the caller gets 404, so the dossier's existence is not confirmed.
"""

import enum

from django.db.models import Q
from django.utils import timezone

from accounts.models import Role


class Access(enum.IntEnum):
    NONE = 0
    INTAKE = 1
    FULL = 2


# Roles that may give a reason and open a dossier of another team (break-the-glass).
BREAK_GLASS_ROLES = (Role.SOCIAL_WORKER, Role.TEAM_LEAD)
# Roles that may open a dossier for a client.
DOSSIER_OPENERS = (Role.SOCIAL_WORKER, Role.INTAKE_OFFICER, Role.TEAM_LEAD, Role.HEAD_OF_SERVICE)


def _has_active_break_glass(user, dossier) -> bool:
    grants = getattr(dossier, "active_break_glass_user_ids", None)
    if grants is not None:  # prefetched by the selectors
        return user.pk in grants
    return dossier.break_glass.filter(user=user, expires_at__gt=timezone.now()).exists()


def dossier_access(user, dossier) -> Access:
    own = own_access(user, dossier)
    if own is Access.FULL or dossier.restricted:  # a restricted dossier: no break-the-glass
        return own
    if user.has_role(*BREAK_GLASS_ROLES) and _has_active_break_glass(user, dossier):
        return Access.FULL
    return own


def own_access(user, dossier) -> Access:
    """The access the user has by their place in the service, without a break-the-glass grant. A grant lets a
    colleague read, record contacts and register requests; changing identity, the bank account or the
    restriction, and closing the dossier, stay with its own people."""
    if not user.is_authenticated or not user.is_active:
        return Access.NONE
    if dossier.restricted:
        # Sensitive dossiers: only the people on the list, whatever their role.
        return Access.FULL if may_know_of(user, dossier) else Access.NONE
    if dossier.social_worker_id == user.pk or dossier.activation_coach_id == user.pk:
        return Access.FULL
    same_team = user.team_id is not None and user.team_id == dossier.team_id
    if same_team and user.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD):
        return Access.FULL  # team colleagues stand in for each other; the team lead supervises
    if user.has_role(Role.HEAD_OF_SERVICE):
        return Access.FULL
    if user.has_role(Role.INTAKE_OFFICER):
        return Access.INTAKE
    return Access.NONE


def visible_dossiers_q(user) -> Q:
    """The same rules as dossier_access, as a filter for lists (the two are tested against each other)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    # No joins: each arm is a condition on the dossier's own columns that an index answers (social_worker,
    # activation_coach, team), and the two small lists (the user's live break-the-glass grants, the restricted
    # dossiers naming the user) are arrays computed once (`__any_of`), so that PostgreSQL plans a BitmapOr of
    # index scans instead of a sequential scan of every dossier, and no dossier comes back twice.
    from casework.dossiers.models import BreakGlassAccess, Dossier

    restricted_to_user = (
        Dossier.restricted_to.through.objects.filter(user=user).order_by().values("dossier_id")
    )
    on_their_list = Q(restricted=True, pk__any_of=restricted_to_user)
    if user.has_role(Role.HEAD_OF_SERVICE, Role.INTAKE_OFFICER):
        return Q(restricted=False) | on_their_list
    open_to_role = Q(social_worker=user) | Q(activation_coach=user)
    if user.team_id is not None and user.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD):
        open_to_role |= Q(team_id=user.team_id)
    if user.has_role(*BREAK_GLASS_ROLES):
        grants = (
            BreakGlassAccess.objects.filter(user=user, expires_at__gt=timezone.now())
            .order_by()
            .values("dossier_id")
        )
        open_to_role |= Q(pk__any_of=grants)
    return (Q(restricted=False) & open_to_role) | on_their_list


def may_know_of(user, dossier) -> bool:
    """Whether the dossier's existence may be known to the user at all (its id, that the person has it): a
    restricted dossier only to those on its list."""
    if not dossier.restricted:
        return True
    allowed = getattr(dossier, "restricted_to_ids", None)
    if allowed is None:
        allowed = set(dossier.restricted_to.values_list("pk", flat=True))
    return user.pk in allowed


def existing_dossiers_q(user) -> Q:
    """may_know_of as a filter: the dossiers whose existence the user may know. Without a join (the restricted
    dossiers naming the user are an array computed once), so that an EXISTS per person found by a search is an
    index probe on the person's dossiers, not a hash join over every dossier."""
    if not user.is_authenticated:
        return Q(restricted=False)
    from casework.dossiers.models import Dossier

    restricted_to_user = (
        Dossier.restricted_to.through.objects.filter(user=user).order_by().values("dossier_id")
    )
    return Q(restricted=False) | Q(pk__any_of=restricted_to_user)


def may_work_on(user, dossier) -> bool:
    """Record contacts and other work in the dossier: full access, and not only by reading rights."""
    return dossier_access(user, dossier) is Access.FULL and user.has_role(
        Role.SOCIAL_WORKER, Role.TEAM_LEAD, Role.ACTIVATION_COACH
    )


def may_assign_coach(user, dossier) -> bool:
    """The dossier's own social workers and team lead name its activation coach, and so does a coach taking
    the client up (the activation app decides which coach may)."""
    if (
        not user.is_authenticated
        or not user.is_active
        or dossier.restricted
        and not may_know_of(user, dossier)
    ):
        return False
    if user.has_role(Role.ACTIVATION_COACH):
        return True
    return own_access(user, dossier) is Access.FULL and user.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD)


def may_close(user, dossier) -> bool:
    """Closing a dossier is for its own people, never on a break-the-glass grant."""
    return may_work_on(user, dossier) and own_access(user, dossier) is Access.FULL


def may_change_identity(user, dossiers) -> bool:
    """A person's identity is corrected by whoever reaches them through a dossier by their own place in the
    service (the front desk included), not on a break-the-glass grant."""
    return any(own_access(user, dossier) >= Access.INTAKE for dossier in dossiers)


def may_change_bank_account(user, dossiers) -> bool:
    """The bank account is where payment fraud starts: only the dossier's own team (its social workers, team
    lead and front desk) changes it; not the front desk of another team, not a break-the-glass grant."""
    for dossier in dossiers:
        if not may_know_of(user, dossier):
            continue
        in_team = user.team_id is not None and user.team_id == dossier.team_id
        if dossier.social_worker_id == user.pk or (
            in_team and user.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD, Role.INTAKE_OFFICER)
        ):
            return True
    return False


def may_read_confidential(user, dossier) -> bool:
    """Confidential contact notes: the assigned social worker and the team lead of the dossier's team."""
    if dossier_access(user, dossier) is not Access.FULL:
        return False
    is_team_lead = user.has_role(Role.TEAM_LEAD) and user.team_id == dossier.team_id
    return dossier.social_worker_id == user.pk or is_team_lead


def confidential_visible_q(user, dossier) -> Q:
    """Which contacts of a dossier the user sees: all when allowed, else the non-confidential ones and their
    own confidential notes."""
    if may_read_confidential(user, dossier):
        return Q()
    return Q(confidential=False) | Q(author=user)


def may_open_dossier(user, team) -> bool:
    """The front desk and the head of service open dossiers for any team; social workers and team leads for
    their own team."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.INTAKE_OFFICER, Role.HEAD_OF_SERVICE):
        return True
    return user.has_role(*DOSSIER_OPENERS) and user.team_id == team.pk


def may_restrict(user, dossier) -> bool:
    """The team lead of the dossier's team or the head of service, when they can open the dossier."""
    is_lead = user.has_role(Role.TEAM_LEAD) and user.team_id == dossier.team_id
    return (is_lead or user.has_role(Role.HEAD_OF_SERVICE)) and dossier_access(user, dossier) is Access.FULL


def may_break_glass(user, dossier) -> bool:
    return user.has_role(*BREAK_GLASS_ROLES) and not dossier.restricted


def may_read_access_log(user, client_dossier_teams: set[int]) -> bool:
    """The DPO and the head of service for every client; a team lead for the clients of their team."""
    if user.has_role(Role.DPO, Role.HEAD_OF_SERVICE):
        return True
    return user.has_role(Role.TEAM_LEAD) and user.team_id in client_dossier_teams


def client_access(user, dossiers) -> Access:
    """A client's full record is readable by whoever has access to one of their dossiers (the best level)."""
    return max((dossier_access(user, dossier) for dossier in dossiers), default=Access.NONE)


def may_register_request(user, dossier) -> bool:
    """The front desk and the dossier's social workers register requests (on the day they are received); the
    head of service too (a late registration needs a team lead's or the head's reason)."""
    access = dossier_access(user, dossier)
    if user.has_role(Role.INTAKE_OFFICER) and access >= Access.INTAKE:
        return True
    return access is Access.FULL and user.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD, Role.HEAD_OF_SERVICE)


def may_read_social_map(user) -> bool:
    """The social map (partners and their services) is for all staff; committee members (councillors) only
    read the items on their meetings' agendas, so a user whose only role is committee member is refused."""
    if not user.is_authenticated or not user.is_active:
        return False
    return any(role != Role.COMMITTEE_MEMBER for role in user.roles)


# --- The committee (bcsd): who proposes, reviews, and reads what the committee reads ---


def may_submit_to_committee(user, dossier) -> bool:
    """A proposal to the committee is written by whoever works in the dossier."""
    return may_work_on(user, dossier)


def is_committee_secretary(user) -> bool:
    """The secretary builds agendas, records decisions and sends the letters, for every meeting."""
    return user.is_authenticated and user.is_active and user.has_role(Role.COMMITTEE_SECRETARY)


def may_review_submission(user, dossier) -> bool:
    """The four-eyes check: the team lead of the dossier's team, who can open the dossier by their place."""
    return (
        user.has_role(Role.TEAM_LEAD)
        and user.team_id is not None
        and user.team_id == dossier.team_id
        and own_access(user, dossier) is Access.FULL
    )


def may_read_submission(user, dossier, *, on_members_agenda: bool) -> bool:
    """A frozen submission: the dossier's own people (full access), the secretary, and a committee member
    while it is on the agenda of one of their meetings in its reading period (`on_members_agenda`, decided
    by bcsd from the meeting). Committee members never read the live dossier."""
    if is_committee_secretary(user):
        return True
    if user.has_role(Role.COMMITTEE_MEMBER) and on_members_agenda:
        return True
    return dossier_access(user, dossier) is Access.FULL


def may_read_meeting(user, *, is_member: bool, in_reading_period: bool) -> bool:
    """A meeting's agenda: the secretary and the head of service; a member of that meeting from the agenda's
    publication until the reading period after the meeting ends."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_committee_secretary(user) or user.has_role(Role.HEAD_OF_SERVICE):
        return True
    return user.has_role(Role.COMMITTEE_MEMBER) and is_member and in_reading_period


def may_read_decision_letter(user, dossier) -> bool:
    """The notification letter: the secretary, the dossier's social worker and its team's lead."""
    if is_committee_secretary(user):
        return True
    if dossier_access(user, dossier) is not Access.FULL:
        return False
    is_team_lead = user.has_role(Role.TEAM_LEAD) and user.team_id == dossier.team_id
    return dossier.social_worker_id == user.pk or is_team_lead
