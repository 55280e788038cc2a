"""Who must sign in with a second factor (docs/decisions/0030)."""

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import Role

# The roles that see the most (the head of service and the DPO every dossier's log, the administrator every
# account, the committee the dossiers on its agenda) always need a second factor; no setting turns it off.
ALWAYS_REQUIRED_ROLES = frozenset(
    {Role.ADMIN, Role.DPO, Role.HEAD_OF_SERVICE, Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY}
)


def second_factor_required(user) -> bool:
    """True when this user may do nothing before a second factor is set up. The other roles are offered one;
    settings.SECOND_FACTOR_REQUIRED_ROLES (CASEWORK_SECOND_FACTOR_ROLES) makes it required for more roles."""
    extra = set(settings.SECOND_FACTOR_REQUIRED_ROLES)
    if "all" in extra:
        return True
    return user.has_role(*ALWAYS_REQUIRED_ROLES, *extra)


def second_factor_enrolment_message() -> str:
    """The refusal for a user who must enrol a second factor first (api.md: 403 {"detail"})."""
    return _(
        "Uw rol vraagt een tweede factor bij het aanmelden. Stel eerst tweestapsverificatie in via de "
        "webtoepassing (Tweestapsverificatie)."
    )
