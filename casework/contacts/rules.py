"""Pure rules of client contacts."""

from datetime import datetime, timedelta

# A contact is recorded during or after it happened; a few minutes' grace covers clocks that differ.
FUTURE_TOLERANCE = timedelta(minutes=5)


def is_in_the_future(occurred_at: datetime, now: datetime) -> bool:
    return occurred_at > now + FUTURE_TOLERANCE
