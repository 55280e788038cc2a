"""A workflow is a table (django-oscar's order pipeline): from each status the statuses it may move to,
which moves need more than the right to work on the object, and one refusal naming the allowed moves.
Services call `check`; screens ask `moves_for` which buttons to show, so a screen never offers a move the
service refuses."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.errors import Conflict, PermissionDeniedError


class TransitionRefused(Conflict):
    def __init__(self, refusal: str, current: str, target: str, allowed: tuple[str, ...]):
        super().__init__(
            refusal % {"current": current, "target": target, "allowed": ", ".join(allowed) or _("geen")},
            allowed=list(allowed),
        )


@dataclass(frozen=True)
class Restriction:
    """A move that only some may make (a committee decision, say): `may(user, obj)` and why not."""

    may: Callable
    refusal: str


@dataclass(frozen=True)
class Workflow:
    # "Een aanvraag met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s." (lazy)
    refusal: str
    moves: Mapping[str, tuple[str, ...]]
    restrictions: Mapping[str, Restriction] = field(default_factory=dict)

    def allowed(self, current: str) -> tuple[str, ...]:
        return self.moves.get(current, ())

    def is_allowed(self, current: str, target: str) -> bool:
        return target in self.allowed(current)

    def may(self, user, obj, target: str) -> bool:
        restriction = self.restrictions.get(target)
        return restriction is None or bool(restriction.may(user, obj))

    def check(self, user, obj, current: str, target: str) -> None:
        """Refuse a move the table does not allow (409, naming the allowed ones) or one the user may not
        make (403)."""
        if not self.is_allowed(current, target):
            raise TransitionRefused(str(self.refusal), current, target, self.allowed(current))
        if not self.may(user, obj, target):
            raise PermissionDeniedError(str(self.restrictions[target].refusal))

    def moves_for(self, user, obj, current: str) -> list[str]:
        """The moves this user may make from the current status: the buttons a screen shows."""
        return [target for target in self.allowed(current) if self.may(user, obj, target)]
