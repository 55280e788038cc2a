"""Who sees the department's figures (issue 16): the head of service for any team or all, a team lead for
their own team; nobody else (403). Lists behind the figures hold personal data: they are read through the
dossier policy (casework.policy.visible_dossiers_q) and logged."""

from django.utils.translation import gettext as _

from accounts.models import Role, Team
from core.errors import DomainError, PermissionDeniedError


def may_read_figures(user) -> bool:
    return user.is_authenticated and user.has_role(Role.HEAD_OF_SERVICE, Role.TEAM_LEAD)


def figures_team(user, team_code: str | None) -> Team | None:
    """The team whose figures the user asks for (None: all teams). A team lead gets their own team whatever
    they ask; another team is refused, as is every other role."""
    if not may_read_figures(user):
        raise PermissionDeniedError()
    if user.has_role(Role.HEAD_OF_SERVICE):
        if not team_code:
            return None
        team = Team.objects.filter(code=team_code).first()
        if team is None:
            raise DomainError(_("Onbekend team."), field="team")
        return team
    if user.team_id is None or (team_code and team_code != user.team.code):
        raise PermissionDeniedError(_("U ziet alleen de cijfers van uw eigen team."))
    return user.team
