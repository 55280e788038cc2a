import uuid

from core.errors import NotFoundError


def uuid_or_404(value) -> uuid.UUID:
    """An id from a URL or a query parameter: anything that is not a UUID is simply not found."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError() from None
