"""Who may do what with the client registry. Access to a dossier's content is decided in casework.policy."""

from accounts.models import Role

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
