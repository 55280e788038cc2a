"""The bounds of every date the product accepts, with one Dutch message each. A date outside them is a typing
error (1892 for 1992, a year 1 from a broken client), never a fact of a social dossier."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
# Contacts, documents, decisions: nothing in a dossier happened before the product's records begin.
EARLIEST_EVENT = datetime.date(2000, 1, 1)
# A clock a few minutes ahead of the server's must not refuse a contact recorded "now".
CLOCK_TOLERANCE = datetime.timedelta(minutes=5)
PLANNING_YEARS = 10


def as_date(value: datetime.date | None) -> datetime.date | None:
    """A date as a date: PostgreSQL truncates a date to its month as a timestamp (TruncMonth, DATE_TRUNC)."""
    return value.date() if isinstance(value, datetime.datetime) else value


def _years_ahead(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_birth_date(value: datetime.date | None, *, field: str = "birth_date") -> None:
    if value is not None and not EARLIEST_BIRTH_DATE <= value <= timezone.localdate():
        raise DomainError(_("Een geboortedatum ligt tussen 01/01/1900 en vandaag."), field=field)


def check_life_date(value: datetime.date | None, *, field: str) -> None:
    """A fact of a person's life before the dossier (living together since): from 1900 up to today."""
    if value is not None and not EARLIEST_BIRTH_DATE <= value <= timezone.localdate():
        raise DomainError(_("Deze datum ligt tussen 01/01/1900 en vandaag."), field=field)


def _too_early(field: str) -> DomainError:
    return DomainError(_("Deze datum ligt voor 01/01/2000: is het jaartal juist?"), field=field)


def check_event_date(value: datetime.date | None, *, field: str, future_message: str = "") -> None:
    """Something that happened: from 2000 up to today."""
    if value is None:
        return
    if value > timezone.localdate():
        raise DomainError(future_message or _("Deze datum kan niet in de toekomst liggen."), field=field)
    if value < EARLIEST_EVENT:
        raise _too_early(field)


def check_event_moment(value: datetime.datetime | None, *, field: str, future_message: str = "") -> None:
    """Something that happened, with its time: from 2000 up to now (a few minutes' grace)."""
    if value is None:
        return
    if value > timezone.now() + CLOCK_TOLERANCE:
        raise DomainError(future_message or _("Dit tijdstip kan niet in de toekomst liggen."), field=field)
    if value < timezone.make_aware(datetime.datetime.combine(EARLIEST_EVENT, datetime.time())):
        raise _too_early(field)


def check_planned_date(value: datetime.date | None, *, field: str) -> None:
    """A target, a due date, a next evaluation: from 2000 up to ten years ahead."""
    if value is None:
        return
    if not EARLIEST_EVENT <= value <= _years_ahead(timezone.localdate(), PLANNING_YEARS):
        raise DomainError(
            _("Deze datum ligt tussen 01/01/2000 en %(years)d jaar na vandaag.") % {"years": PLANNING_YEARS},
            field=field,
        )


# The former name: "not in the future" is now "an event date".
not_in_future = check_event_date
