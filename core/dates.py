"""Date checks that every subject shares, with one message each."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError


def not_in_future(value, *, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise DomainError(_("Deze datum kan niet in de toekomst liggen."), field=field)
