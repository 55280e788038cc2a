"""Domain errors raised by services; the API and the web UI turn them into a status and a clear message."""

from django.utils.translation import gettext


class DomainError(Exception):
    """A rule of the work forbids this; answered with 400 and the message."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None, **extra):
        super().__init__(message)
        self.message = message
        self.field = field  # answered as {field: [message]}, like a serializer's field error
        self.extra = extra


class Conflict(DomainError):
    """Duplicate, stale version or invalid state transition: 409."""

    status_code = 409


class PermissionDeniedError(DomainError):
    """The caller's role does not allow this kind of action: 403. (Objects they may not see are 404.)"""

    status_code = 403

    def __init__(self, message=None):
        super().__init__(message or gettext("Uw rol laat deze handeling niet toe."))


class NotFoundError(DomainError):
    """Absent, or present but not visible to the caller: the same 404, so ids are not confirmed."""

    status_code = 404

    def __init__(self, message=None):
        super().__init__(message or gettext("Niet gevonden."))
