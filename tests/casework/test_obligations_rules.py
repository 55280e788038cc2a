"""Every due-date rule of the obligations engine, table-driven: month ends, leap years, and terms ending on a
weekend or a public holiday (moved only for the kinds whose term the Judicial Code moves)."""

from datetime import date, timedelta

import pytest

from casework.obligations import rules
from casework.obligations.rules import Kind

D = date.fromisoformat
HOLIDAYS = frozenset(day for year in range(2025, 2029) for day, _name in rules.belgian_public_holidays(year))


@pytest.mark.parametrize(
    ("rule", "start", "expected"),
    [
        # decision: 30 calendar days after receipt, not moved (administrative term)
        (rules.decision_due, "2026-01-01", "2026-01-31"),  # a Saturday: stays
        (rules.decision_due, "2026-02-01", "2026-03-03"),  # through a 28-day February
        (rules.decision_due, "2028-02-01", "2028-03-02"),  # through a leap February
        (rules.decision_due, "2026-01-31", "2026-03-02"),  # from a month's last day
        (rules.decision_due, "2026-12-15", "2027-01-14"),  # over the year end
        # forwarding: 5 calendar days, not moved
        (rules.forward_due, "2026-12-28", "2027-01-02"),  # a Saturday: stays
        (rules.forward_due, "2028-02-26", "2028-03-02"),
        # notification: 8 days after the decision, not moved
        (rules.notification_due, "2026-02-24", "2026-03-04"),
        (rules.notification_due, "2028-02-24", "2028-03-03"),
        (rules.notification_due, "2026-12-17", "2026-12-25"),  # Christmas: stays
        # appeal window: 3 months after notification; a procedural term, moved (art. 53 Ger.W.)
        (rules.appeal_window_end, "2026-11-30", "2027-03-01"),  # 28/02/2027 is a Sunday
        (rules.appeal_window_end, "2027-11-30", "2028-02-29"),  # leap day, a Tuesday
        (rules.appeal_window_end, "2026-08-11", "2026-11-12"),  # Armistice (Wednesday) → Thursday
        (rules.appeal_window_end, "2027-09-25", "2027-12-27"),  # Christmas on a Saturday → Monday
        (rules.appeal_window_end, "2026-10-01", "2027-01-04"),  # New Year (Friday), weekend → Monday
        (rules.appeal_window_end, "2026-01-15", "2026-04-15"),
        # yearly leefloon review
        (rules.annual_review_due, "2028-02-29", "2029-02-28"),
        (rules.annual_review_due, "2026-12-03", "2027-12-03"),
        # GPMI conclusion: 3 months after the grant, not moved
        (rules.gpmi_conclusion_due, "2026-11-30", "2027-02-28"),  # a Sunday: stays
        (rules.gpmi_conclusion_due, "2027-11-30", "2028-02-29"),
        (rules.gpmi_conclusion_due, "2026-08-31", "2026-11-30"),
        # referral feedback: 30 days
        (rules.referral_feedback_due, "2026-12-03", "2027-01-02"),
        # heating allowance application: 60 days after delivery
        (rules.heating_allowance_application_due, "2026-01-15", "2026-03-16"),
        (rules.heating_allowance_application_due, "2028-01-01", "2028-03-01"),
        # instalment: its date, moved past a weekend or bank holiday
        (rules.instalment_overdue_on, "2026-12-25", "2026-12-28"),  # Christmas Friday → Monday
        (rules.instalment_overdue_on, "2026-04-06", "2026-04-07"),  # Easter Monday → Tuesday
        (rules.instalment_overdue_on, "2026-03-10", "2026-03-10"),
    ],
)
def test_due_dates(rule, start, expected):
    assert rule(D(start), HOLIDAYS) == D(expected)


@pytest.mark.parametrize(
    ("meeting", "days", "expected"),
    [("2026-12-15", 8, "2026-12-07"), ("2027-03-01", 8, "2027-02-21"), ("2028-03-05", 5, "2028-02-29")],
)
def test_agenda_publication_is_counted_back_from_the_meeting(meeting, days, expected):
    assert rules.agenda_publication_due(D(meeting), days) == D(expected)


@pytest.mark.parametrize(
    ("last", "per_year", "expected"),
    [
        ("2026-01-31", 3, "2026-05-31"),
        ("2026-01-31", 4, "2026-04-30"),  # quarterly, the older rule: a month's last day
        ("2027-10-31", 3, "2028-02-29"),
        ("2026-01-01", 5, "2026-03-15"),  # a year that does not divide: 73 days
    ],
)
def test_gpmi_evaluations(last, per_year, expected):
    assert rules.gpmi_evaluation_due(D(last), per_year) == D(expected)


@pytest.mark.parametrize(
    ("since", "interval", "expected"),
    [("2026-12-20", 14, "2027-01-03"), ("2028-02-15", 14, "2028-02-29"), ("2026-01-31", 30, "2026-03-02")],
)
def test_monitoring_cadence(since, interval, expected):
    assert rules.monitoring_due(D(since), interval) == D(expected)


@pytest.mark.parametrize(
    ("requested", "meeting", "expected"),
    [
        ("2026-12-03", None, "2026-12-18"),
        ("2026-12-03", "2026-12-10", "2026-12-10"),  # before the meeting that decides
        ("2026-12-03", "2027-01-10", "2026-12-18"),
        ("2026-12-03", "2026-11-30", "2026-12-18"),  # a meeting already past does not count
    ],
)
def test_hearing_to_schedule(requested, meeting, expected):
    assert rules.hearing_due(D(requested), D(meeting) if meeting else None) == D(expected)


def test_an_urgent_decision_is_ratified_at_the_next_meeting():
    assert rules.ratification_due(D("2027-01-12")) == D("2027-01-12")


@pytest.mark.parametrize(
    ("kind", "moves", "expected"),
    [
        (Kind.DECISION_DUE, None, "2026-01-31"),  # the default: not moved
        (Kind.DECISION_DUE, True, "2026-02-02"),  # the setting moves it past the weekend
        (Kind.APPEAL_WINDOW_END, None, "2026-04-01"),
    ],
)
def test_the_working_day_rule_is_a_parameter_per_kind(kind, moves, expected):
    start = D("2026-01-01")
    assert rules.due_on(kind, start, holidays=HOLIDAYS, moves={} if moves is None else {kind: moves}) == D(
        expected
    )


def test_the_number_of_days_is_a_parameter_too():
    assert rules.due_on(
        Kind.REFERRAL_FEEDBACK_DUE, D("2026-12-03"), days={Kind.REFERRAL_FEEDBACK_DUE: 14}
    ) == D("2026-12-17")


def test_every_kind_has_a_documented_term():
    from casework.obligations.models import ObligationKind

    assert set(ObligationKind.values) == set(rules.TERMS)
    procedural = {kind for kind, term in rules.TERMS.items() if term.moves_to_working_day}
    assert procedural == {Kind.APPEAL_WINDOW_END, Kind.INSTALMENT_DUE}


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"),
     (2027, "2027-03-28"), (2028, "2028-04-16")],
)  # fmt: skip
def test_easter(year, easter):
    assert rules.easter_sunday(year) == D(easter)


def test_ten_holidays_a_year_with_the_moving_ones():
    days = dict(rules.belgian_public_holidays(2026))
    assert len(days) == 10
    assert days[D("2026-04-06")] == "Paasmaandag"
    assert days[D("2026-05-14")] == "Onze-Lieve-Heer-Hemelvaart"
    assert days[D("2026-05-25")] == "Pinkstermaandag"


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        ("2026-12-02", "2026-12-03", "overdue"),
        ("2026-12-03", "2026-12-03", "this_week"),
        ("2026-12-10", "2026-12-03", "this_week"),
        ("2026-12-11", "2026-12-03", "later"),
    ],
)
def test_urgency_groups(due, today, expected):
    assert rules.urgency(D(due), D(today)) == expected


@pytest.mark.parametrize(
    ("due", "today", "lead", "expected"),
    [
        ("2026-12-10", "2026-12-03", 3, None),
        ("2026-12-10", "2026-12-07", 3, "before"),
        ("2026-12-10", "2026-12-10", 3, "before"),  # the last day itself
        ("2026-12-10", "2026-12-11", 3, "overdue"),  # the day it passes
        ("2026-12-10", "2027-01-11", 3, "overdue"),
    ],
)
def test_reminder_stages(due, today, lead, expected):
    assert rules.reminder_stage(D(due), D(today), lead) == expected


def test_a_term_from_every_day_of_a_leap_year_never_fails():
    day = D("2028-01-01")
    while day.year == 2028:
        for kind in rules.TERMS:
            assert rules.due_on(kind, day, holidays=HOLIDAYS) >= day - timedelta(days=8)
        day += timedelta(days=1)
