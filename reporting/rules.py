"""The definitions of the department's figures (issue 16, shared/domain.md §2-§4): pure functions, no ORM,
table-driven tests in tests/reporting/test_rules.py. The aggregates of the apps give histograms of days (or
dates); these rules say which count as on time.

An event counts in the period of its own date (shared/api.md): a decision by its decision date, a
notification and a forwarding by the decision's and the forwarding's date, a GPMI by the day it had to be
concluded, an evaluation by the day it was held."""

import calendar
import datetime
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from activation.rules import add_months, evaluation_interval_end
from bcsd.rules import NOTIFICATION_DAYS
from casework.register.rules import DECISION_DAYS, FORWARD_DAYS

ON_TIME, LATE, PENDING = "on_time", "late", "pending"

# --- Periods ---

PERIOD_KINDS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def months(self) -> list[tuple[datetime.date, datetime.date]]:
        return months_between(self.start, self.end)


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_of(kind: str, day: datetime.date) -> Period:
    """The month, quarter or calendar year that holds `day`."""
    if kind == "month":
        start = day.replace(day=1)
        return Period(kind, start, month_end(start))
    if kind == "quarter":
        start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return Period(kind, start, month_end(add_months(start, 2)))
    if kind == "year":
        return Period(kind, datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
    raise ValueError(kind)


def period_before(period: Period) -> Period:
    return period_of(period.kind, period.start - datetime.timedelta(days=1))


def period_after(period: Period) -> Period:
    return period_of(period.kind, period.end + datetime.timedelta(days=1))


def months_between(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The calendar months that [start, end] touches, as (first day, last day)."""
    months, first = [], start.replace(day=1)
    while first <= end:
        months.append((first, month_end(first)))
        first = add_months(first, 1)
    return months


def trend_window(period: Period) -> tuple[datetime.date, datetime.date]:
    """The months a chart shows: the year up to the period's last month (or the period, when longer)."""
    return min(period.start, add_months(period.end.replace(day=1), -11)), period.end


# --- On time or late ---


def days(delay: datetime.timedelta | int | None) -> int | None:
    return delay.days if isinstance(delay, datetime.timedelta) else delay


def decision_state(delay) -> str:
    """Art. 58 §1 RMI law (domain §2.5): the decision within 30 days of the application. Day 30 is on time,
    day 31 late (received 1 March, decided 31 March: on time)."""
    return ON_TIME if days(delay) <= DECISION_DAYS else LATE


def notification_state(delay, *, waiting_since: datetime.date | None, today: datetime.date) -> str:
    """Domain §2.6: notified within 8 days of the decision. One not notified yet is late once the 8 days are
    over, and not counted before (it may still be on time)."""
    if delay is not None:
        return ON_TIME if days(delay) <= NOTIFICATION_DAYS else LATE
    return LATE if (today - waiting_since).days > NOTIFICATION_DAYS else PENDING


def forwarding_state(delay) -> str:
    """Domain §2.2: an application for another OCMW is forwarded within 5 calendar days."""
    return ON_TIME if days(delay) <= FORWARD_DAYS else LATE


def gpmi_conclusion_state(late, *, open_due: datetime.date | None, today: datetime.date) -> str:
    """Domain §4: concluded within 3 months of the leefloon grant, i.e. by its `conclusion_due` (granted 31
    January, due 30 April: signed on 30 April is on time). Not signed: late once the due date has passed."""
    if late is not None:
        return ON_TIME if days(late) <= 0 else LATE
    return LATE if open_due < today else PENDING


def evaluation_state(since: datetime.date, held_on: datetime.date, *, per_year: int) -> str:
    """Domain §4: at least `per_year` evaluations a year (default 3): one is on time when held within 12 /
    per_year months of the one before it (or of the signing), as activation computes the next one due."""
    return ON_TIME if held_on <= evaluation_interval_end(since, per_year) else LATE


# --- Ratios ---


@dataclass
class Tally:
    on_time: int = 0
    late: int = 0
    pending: int = 0

    def add(self, state: str, count: int) -> None:
        setattr(self, state, getattr(self, state) + count)

    @property
    def counted(self) -> int:
        return self.on_time + self.late

    @property
    def percent(self) -> Decimal | None:
        return percent(self.on_time, self.counted)


def percent(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with one decimal, half up (87.45 → 87.5); None when there is nothing to count."""
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- Caseload ---


def caseload_outliers(counts: Mapping, *, factor: Decimal) -> set:
    """The workers whose open caseload is above `factor` × the median of their team (a setting, 1.3):
    `counts` maps a worker to their number of open dossiers, for one team."""
    if not counts:
        return set()
    median = Decimal(str(statistics.median(counts.values())))
    return {worker for worker, count in counts.items() if count > factor * median}


# --- The subsidy (domain §3, §10) ---


@dataclass(frozen=True)
class SubsidyRate:
    """From `valid_from` on, an OCMW with at least `beneficiaries_from` leefloon beneficiaries in a month is
    reimbursed `rate` % of the leefloon, and `gpmi_bonus` % more during the first year of a GPMI."""

    valid_from: datetime.date
    beneficiaries_from: int
    rate: Decimal
    gpmi_bonus: Decimal


def subsidy_rate(
    rates: Iterable[SubsidyRate], month: datetime.date, beneficiaries: int
) -> SubsidyRate | None:
    """The rate in force for a month (the newest `valid_from` on or before its first day) at the month's
    volume (55 % below 500 beneficiaries, 65 % from 500, 70 % from 1,000)."""
    in_force = [r for r in rates if r.valid_from <= month]
    if not in_force:
        return None
    newest = max(r.valid_from for r in in_force)
    tiers = [r for r in in_force if r.valid_from == newest and r.beneficiaries_from <= beneficiaries]
    return max(tiers, key=lambda r: r.beneficiaries_from, default=None)


def gpmi_state(status: str | None, signed_on: datetime.date | None, month_end: datetime.date) -> str:
    """The state of a beneficiary's GPMI in a month: signed by the month's end, exempted, draft (not signed
    yet, also when signed later), or none."""
    if signed_on is not None and signed_on <= month_end:
        return "signed"
    if status == "exempted":
        return "exempted"
    return "draft" if status else "none"


def in_first_gpmi_year(signed_on: datetime.date | None, month: datetime.date) -> bool:
    return signed_on is not None and first_gpmi_year_since(month) <= signed_on <= month_end(month)


def first_gpmi_year_since(month: datetime.date) -> datetime.date:
    """The earliest signing date for which `month` is still in the GPMI's first year: the year runs from the
    month of signing through the eleventh month after it (signed 15 January 2026: January-December 2026)."""
    return add_months(month.replace(day=1), -11)


def expected_subsidy(amount: Decimal, rate: SubsidyRate | None, *, first_gpmi_year: bool) -> Decimal:
    """The share of the leefloon paid in a month that the federal state reimburses: amount × (rate, plus the
    bonus in a GPMI's first year), in cents."""
    if rate is None or amount is None:
        return Decimal("0.00")
    share = rate.rate + (rate.gpmi_bonus if first_gpmi_year else Decimal(0))
    return (amount * share / Decimal(100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
