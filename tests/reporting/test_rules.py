"""The definitions of the figures (reporting.rules), table-driven."""

import datetime
from decimal import Decimal

import pytest

from reporting import rules

D = datetime.date


@pytest.mark.parametrize(
    ("received", "decided", "state"),
    [
        (D(2026, 3, 1), D(2026, 3, 31), "on_time"),  # day 30
        (D(2026, 3, 1), D(2026, 4, 1), "late"),  # day 31
        (D(2026, 1, 31), D(2026, 3, 2), "on_time"),  # 30 days across February
        (D(2026, 1, 31), D(2026, 3, 3), "late"),
    ],
)
def test_a_decision_on_day_30_is_on_time_on_day_31_late(received, decided, state):
    assert rules.decision_state(decided - received) == state


@pytest.mark.parametrize(
    ("delay", "waiting_since", "today", "state"),
    [
        (8, None, D(2026, 5, 1), "on_time"),
        (9, None, D(2026, 5, 1), "late"),
        (None, D(2026, 4, 1), D(2026, 4, 9), "pending"),  # day 8, not yet notified: may still be on time
        (None, D(2026, 4, 1), D(2026, 4, 10), "late"),
    ],
)
def test_notification_within_8_days(delay, waiting_since, today, state):
    assert rules.notification_state(delay, waiting_since=waiting_since, today=today) == state


@pytest.mark.parametrize(("delay", "state"), [(0, "on_time"), (5, "on_time"), (6, "late")])
def test_forwarding_within_5_days(delay, state):
    assert rules.forwarding_state(datetime.timedelta(days=delay)) == state


@pytest.mark.parametrize(
    ("late", "open_due", "today", "state"),
    [
        (0, None, D(2026, 6, 1), "on_time"),  # signed on the due date (the last day of the third month)
        (-10, None, D(2026, 6, 1), "on_time"),
        (1, None, D(2026, 6, 1), "late"),
        (None, D(2026, 5, 31), D(2026, 5, 31), "pending"),
        (None, D(2026, 5, 31), D(2026, 6, 1), "late"),
    ],
)
def test_gpmi_concluded_within_3_months(late, open_due, today, state):
    assert rules.gpmi_conclusion_state(late, open_due=open_due, today=today) == state


def test_a_gpmi_granted_on_the_last_of_november_is_due_on_the_last_of_february():
    from activation.rules import gpmi_conclusion_due

    due = gpmi_conclusion_due(D(2025, 11, 30))
    assert due == D(2026, 2, 28)
    assert rules.gpmi_conclusion_state(D(2026, 2, 28) - due, open_due=None, today=D(2026, 3, 1)) == "on_time"


@pytest.mark.parametrize(
    ("since", "held", "per_year", "state"),
    [
        (D(2025, 10, 1), D(2026, 2, 1), 3, "on_time"),
        (D(2025, 10, 1), D(2026, 2, 2), 3, "late"),
        (D(2025, 10, 1), D(2026, 1, 1), 4, "on_time"),
        (D(2025, 10, 1), D(2026, 1, 2), 4, "late"),
    ],
)
def test_evaluation_on_time(since, held, per_year, state):
    assert rules.evaluation_state(since, held, per_year=per_year) == state


@pytest.mark.parametrize(
    ("numerator", "denominator", "value"),
    [(2, 3, Decimal("66.7")), (1, 8, Decimal("12.5")), (0, 4, Decimal("0.0")), (0, 0, None)],
)
def test_percent_with_one_decimal(numerator, denominator, value):
    assert rules.percent(numerator, denominator) == value


@pytest.mark.parametrize(
    ("counts", "flagged"),
    [
        ({"a": 85, "b": 40, "c": 42, "d": 45}, {"a"}),  # median 43.5: above 56.55 stands out
        ({"a": 13, "b": 10, "c": 10}, set()),  # 13 = 1.3 × 10: not above
        ({"a": 14, "b": 10, "c": 10}, {"a"}),
        ({}, set()),
    ],
)
def test_caseload_outliers(counts, flagged):
    assert rules.caseload_outliers(counts, factor=Decimal("1.3")) == flagged


@pytest.mark.parametrize(
    ("kind", "day", "start", "end"),
    [
        ("month", D(2026, 2, 14), D(2026, 2, 1), D(2026, 2, 28)),
        ("quarter", D(2026, 5, 2), D(2026, 4, 1), D(2026, 6, 30)),
        ("quarter", D(2026, 12, 31), D(2026, 10, 1), D(2026, 12, 31)),
        ("year", D(2026, 7, 1), D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_periods(kind, day, start, end):
    period = rules.period_of(kind, day)
    assert (period.start, period.end) == (start, end)


RATES = [
    rules.SubsidyRate(D(2016, 11, 1), 0, Decimal("55"), Decimal("10")),
    rules.SubsidyRate(D(2016, 11, 1), 500, Decimal("65"), Decimal("10")),
    rules.SubsidyRate(D(2016, 11, 1), 1000, Decimal("70"), Decimal("10")),
    rules.SubsidyRate(D(2027, 1, 1), 0, Decimal("60"), Decimal("10")),
]


@pytest.mark.parametrize(
    ("month", "beneficiaries", "rate"),
    [
        (D(2026, 3, 1), 499, Decimal("55")),
        (D(2026, 3, 1), 500, Decimal("65")),
        (D(2026, 3, 1), 1000, Decimal("70")),
        (D(2027, 1, 1), 1000, Decimal("60")),  # a newer row replaces the whole table from its date
        (D(2016, 10, 1), 10, None),
    ],
)
def test_the_subsidy_rate_in_force_by_volume_and_date(month, beneficiaries, rate):
    found = rules.subsidy_rate(RATES, month, beneficiaries)
    assert (found.rate if found else None) == rate


def test_the_expected_subsidy_adds_the_gpmi_bonus_in_its_first_year():
    rate = rules.subsidy_rate(RATES, D(2026, 3, 1), 600)
    assert rules.expected_subsidy(Decimal("1000.00"), rate, first_gpmi_year=False) == Decimal("650.00")
    assert rules.expected_subsidy(Decimal("1000.00"), rate, first_gpmi_year=True) == Decimal("750.00")


@pytest.mark.parametrize(
    ("month", "signed", "first_year"),
    [
        (D(2026, 1, 1), D(2026, 1, 15), True),
        (D(2026, 12, 1), D(2026, 1, 15), True),
        (D(2027, 1, 1), D(2026, 1, 15), False),
    ],
)
def test_the_first_gpmi_year_runs_twelve_months_from_the_month_of_signing(month, signed, first_year):
    assert (rules.first_gpmi_year_since(month) <= signed) == first_year


@pytest.mark.parametrize(
    ("status", "signed", "month_end", "state"),
    [
        ("signed", D(2026, 2, 28), D(2026, 2, 28), "signed"),
        ("signed", D(2026, 2, 28), D(2026, 1, 31), "draft"),  # signed later: not yet that month
        ("exempted", None, D(2026, 1, 31), "exempted"),
        ("draft", None, D(2026, 1, 31), "draft"),
        (None, None, D(2026, 1, 31), "none"),
    ],
)
def test_the_gpmi_state_of_a_beneficiary_in_a_month(status, signed, month_end, state):
    assert rules.gpmi_state(status, signed, month_end) == state


@pytest.mark.parametrize(
    ("signed", "month", "first_year"),
    [
        (D(2026, 2, 28), D(2026, 2, 1), True),
        (D(2026, 2, 28), D(2027, 1, 1), True),
        (D(2026, 2, 28), D(2027, 2, 1), False),
        (D(2026, 2, 28), D(2026, 1, 1), False),
        (None, D(2026, 1, 1), False),
    ],
)
def test_in_the_first_gpmi_year(signed, month, first_year):
    assert rules.in_first_gpmi_year(signed, month) == first_year
