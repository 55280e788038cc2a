"""Pure rules of payment plans: the instalment schedule. No ORM, table-tested."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from core.money import CENT, ZERO

# A guard, not a legal limit: a schedule of more than ten years means the instalment is too small to be a
# real plan (and would write thousands of rows); the worker renegotiates the amount instead.
MAX_INSTALMENTS = 120


# A plan is drawn up for payments that start soon; this also keeps every due date a valid calendar date.
PAYMENT_PLAN_MAX_START_DAYS = 366


class ScheduleError(ValueError):
    """The amounts do not make a payment plan (not positive, not in cents, or too many instalments)."""


@dataclass(frozen=True)
class ScheduledInstalment:
    due_on: date
    amount: Decimal


def monthly_due_date(first_due_on: date, months_later: int) -> date:
    """The same day of the month as the first instalment, capped at the month's last day. Counted from the
    first due date, not from the previous one, so 31 Jan → 28 (29) Feb → 31 Mar."""
    month_index = first_due_on.month - 1 + months_later
    year, month = first_due_on.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return date(year, month, min(first_due_on.day, last_day))


def instalment_schedule(
    *, total: Decimal, instalment_amount: Decimal, first_due_on: date, max_instalments: int = MAX_INSTALMENTS
) -> list[ScheduledInstalment]:
    """Monthly instalments of `instalment_amount` until `total` is paid; the last one is the remainder."""
    for amount in (total, instalment_amount):
        if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= ZERO:
            raise ScheduleError("amounts must be positive Decimals")
        if amount != amount.quantize(CENT):
            raise ScheduleError("amounts are in cents")
    full, remainder = divmod(total, instalment_amount)
    count = int(full) + (1 if remainder else 0)
    if count > max_instalments:
        raise ScheduleError(f"{count} instalments, at most {max_instalments}")
    amounts = [instalment_amount] * int(full) + ([remainder] if remainder else [])
    return [
        ScheduledInstalment(due_on=monthly_due_date(first_due_on, i), amount=amount)
        for i, amount in enumerate(amounts)
    ]
