"""Who may do what with the client registry. Access to a dossier's content is decided in casework.policy."""

from dataclasses import dataclass
from typing import Protocol

from django.db.models import BooleanField, Expression, Value

from accounts.models import Role
from core.errors import PermissionDeniedError

# Intake needs to find people before any dossier exists; committee members only see their agendas.
SEARCHERS = {
    Role.SOCIAL_WORKER,
    Role.ACTIVATION_COACH,
    Role.INTAKE_OFFICER,
    Role.TEAM_LEAD,
    Role.HEAD_OF_SERVICE,
    Role.COMMITTEE_SECRETARY,
    Role.DPO,
    Role.ADMIN,
}
REGISTRARS = {Role.SOCIAL_WORKER, Role.INTAKE_OFFICER, Role.TEAM_LEAD, Role.HEAD_OF_SERVICE, Role.ADMIN}


def may_search_clients(user) -> bool:
    return user.is_authenticated and user.has_role(*SEARCHERS)


def may_register_clients(user) -> bool:
    return user.is_authenticated and user.has_role(*REGISTRARS)


# --- What the registry asks about a person's dossiers ---
# Dossiers live in a higher app (casework). The registry names no dossier relation or URL: the app that keeps
# the dossiers registers its answers here when it starts (CaseworkConfig.ready), and the registry asks them.


@dataclass(frozen=True)
class RecordGrant:
    """Why a user may read a person's full record: the dossiers through which they see it."""

    dossier_ids: list  # the person's dossiers, shown on the record
    readable_dossier_id: object  # the dossier the read is logged for


class DossierAccess(Protocol):
    def has_dossier(self, user) -> Expression:
        """An annotation for a Client queryset: does the person have a dossier?"""

    def record_grant(self, user, client) -> RecordGrant | None:
        """None when the user has access to none of the person's dossiers."""

    def may_read_access_log(self, user, client) -> bool:
        """Besides the role: may this user read this person's access log?"""

    def next_steps(self, user, client_id) -> list[tuple[str, str]]:
        """(label, url) of what to do next with a person just registered."""

    def search_links(self, user, client_ids) -> dict:
        """{client id: (label, url)}: where each person found in the search leads this user, if anywhere."""

    def teams_to_open_dossier_for(self, user) -> list:
        """[(team code, team name)] the user may open a dossier for right from the registration, their own
        team first; empty when they open none."""

    def dossier_open_at_registration(self, actor, client, team_code) -> str:
        """Open the person's dossier for the team (the actor its social worker when they are one of it); the
        URL of the dossier page. A refusal raises a DomainError."""

    def may_change_identity(self, user, client) -> bool:
        """Besides the role: may this user correct this person's identity?"""

    def may_change_bank_account(self, user, client) -> bool:
        """Besides the role: may this user change this person's bank account?"""

    def bank_account_changed(self, actor, client) -> None:
        """Tell whoever follows this person that the bank account changed."""

    def dossiers_hidden_from_log(self, user, client) -> list:
        """The person's dossiers whose ledger entries this reader may not see (restricted, not listed)."""

    def dossier_references(self, dossier_ids) -> dict:
        """{str(dossier id): its current display reference}, to show a ledger row's purpose."""

    def dossier_teams(self, dossier_ids) -> dict:
        """{str(dossier id): team id}, for the DPO's report of reads outside one's own team."""


class _NoDossiers:
    """Until an app registers its dossiers: nobody reads a full record, nobody has a dossier."""

    def has_dossier(self, user) -> Expression:
        return Value(False, output_field=BooleanField())

    def record_grant(self, user, client) -> RecordGrant | None:
        return None

    def may_read_access_log(self, user, client) -> bool:
        return user.has_role(Role.DPO, Role.HEAD_OF_SERVICE)

    def next_steps(self, user, client_id) -> list[tuple[str, str]]:
        return []

    def search_links(self, user, client_ids) -> dict:
        return {}

    def teams_to_open_dossier_for(self, user) -> list:
        return []

    def dossier_open_at_registration(self, actor, client, team_code) -> str:
        raise PermissionDeniedError()

    def may_change_identity(self, user, client) -> bool:
        return True

    def may_change_bank_account(self, user, client) -> bool:
        return True

    def bank_account_changed(self, actor, client) -> None:
        return None

    def dossiers_hidden_from_log(self, user, client) -> list:
        return []

    def dossier_references(self, dossier_ids) -> dict:
        return {}

    def dossier_teams(self, dossier_ids) -> dict:
        return {}


_dossier_access: DossierAccess = _NoDossiers()


def use_dossier_access(provider: DossierAccess) -> None:
    global _dossier_access
    _dossier_access = provider


def dossier_access() -> DossierAccess:
    return _dossier_access


# Roles that read a client's access log ("who saw my data?"); which clients a team lead may ask about is the
# dossier app's answer (their team's).
ACCESS_LOG_READERS = (Role.DPO, Role.TEAM_LEAD, Role.HEAD_OF_SERVICE)


def may_read_access_logs(user) -> bool:
    return user.is_authenticated and user.has_role(*ACCESS_LOG_READERS)


def may_control_ledger(user) -> bool:
    """The checks of the ledger itself (its chain, unusual volumes) are the DPO's."""
    return user.is_authenticated and user.has_role(Role.DPO)
