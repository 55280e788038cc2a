"""The committee's pure rules, table by table."""

from datetime import date
from decimal import Decimal

import pytest

from bcsd import rules


@pytest.mark.parametrize(
    ("on", "meeting", "days", "late"),
    [
        (date(2026, 3, 2), date(2026, 3, 10), 8, False),  # the deadline day itself
        (date(2026, 3, 3), date(2026, 3, 10), 8, True),
        (date(2026, 3, 5), date(2026, 3, 10), 5, False),  # rules of procedure: 5 days
        (date(2026, 3, 6), date(2026, 3, 10), 5, True),
        (date(2026, 2, 1), date(2026, 3, 10), 8, False),
    ],
)
def test_an_item_after_the_agenda_deadline_is_late(on, meeting, days, late):
    assert rules.is_late(on, meeting, days) is late


@pytest.mark.parametrize(
    ("in_favour", "against", "abstained", "carries"),
    [
        (6, 3, 0, True),  # exactly 2/3
        (5, 3, 0, False),
        (6, 2, 1, True),
        (5, 2, 2, False),  # abstentions are present
        (9, 0, 0, True),
        (0, 0, 0, False),
    ],
)
def test_a_late_item_needs_two_thirds_of_those_present(in_favour, against, abstained, carries):
    assert rules.late_vote_carries(in_favour, against, abstained) is carries


@pytest.mark.parametrize(
    ("decided_on", "due"),
    [(date(2026, 3, 10), date(2026, 3, 18)), (date(2026, 12, 28), date(2027, 1, 5))],
)
def test_notification_is_due_eight_days_after_the_decision(decided_on, due):
    assert rules.notification_due(decided_on) == due


@pytest.mark.parametrize(
    ("sent_on", "method", "notified"),
    [
        (date(2026, 3, 10), "registered_mail", date(2026, 3, 13)),  # Tuesday → Friday
        (date(2026, 3, 12), "registered_mail", date(2026, 3, 17)),  # Thursday → Tuesday (weekend skipped)
        (date(2026, 3, 14), "registered_mail", date(2026, 3, 18)),  # posted on Saturday
        (date(2026, 3, 12), "receipt", date(2026, 3, 12)),
        (date(2026, 3, 12), "ordinary_mail", date(2026, 3, 12)),
    ],
)
def test_registered_mail_counts_from_the_third_working_day(sent_on, method, notified):
    assert rules.notified_on(sent_on, method, 3) == notified


@pytest.mark.parametrize(
    ("notified", "until"),
    [
        (date(2026, 3, 13), date(2026, 6, 13)),
        (date(2026, 11, 30), date(2027, 2, 28)),  # no 30 February
        (date(2027, 11, 30), date(2028, 2, 29)),  # leap year
        (date(2026, 12, 31), date(2027, 3, 31)),
    ],
)
def test_the_appeal_window_is_three_months_from_notification(notified, until):
    assert rules.appeal_until(notified) == until


@pytest.mark.parametrize(
    ("published_on", "meeting", "today", "may"),
    [
        (None, date(2026, 3, 10), date(2026, 3, 5), False),  # not published
        (date(2026, 3, 2), date(2026, 3, 10), date(2026, 3, 1), False),  # before publication
        (date(2026, 3, 2), date(2026, 3, 10), date(2026, 3, 7), True),  # the weekend before
        (date(2026, 3, 2), date(2026, 3, 10), date(2026, 3, 17), True),  # last day of the period
        (date(2026, 3, 2), date(2026, 3, 10), date(2026, 3, 18), False),
    ],
)
def test_members_read_from_publication_until_the_period_after_the_meeting(published_on, meeting, today, may):
    assert (
        rules.member_may_read(published_on=published_on, meeting_date=meeting, today=today, days_after=7)
        is may
    )


BASE = {
    "kind": "financial_aid",
    "has_request": True,
    "proposal": "Steun",
    "motivation": "Want",
    "legal_basis": "Art. 57",
    "amount": Decimal("10.00"),
    "hearing_offered": False,
    "review_required": True,
    "review_approved": True,
}


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({}, []),
        ({"review_approved": False}, ["review"]),
        ({"review_required": False, "review_approved": False}, []),
        ({"amount": None}, ["amount"]),
        ({"kind": "leefloon_refusal", "amount": None}, []),
        ({"motivation": "  "}, ["motivation"]),
        ({"kind": "gpmi_sanction", "has_request": False, "amount": None}, ["hearing_offered"]),
        ({"kind": "recovery", "has_request": False, "amount": None, "hearing_offered": True}, ["amount"]),
    ],
)
def test_what_keeps_a_submission_from_the_agenda(changes, missing):
    assert rules.submission_missing(**{**BASE, **changes}) == missing


def test_the_snapshot_hash_is_canonical():
    assert rules.snapshot_hash({"a": 1, "b": "é"}) == rules.snapshot_hash({"b": "é", "a": 1})
    assert rules.snapshot_hash({"a": 1}) != rules.snapshot_hash({"a": 2})


def test_a_missing_mention_is_named():
    mentions = {"court": ("arbeidsrechtbank",), "term": ("binnen drie maanden",)}

    assert rules.missing_mentions("Beroep bij de Arbeidsrechtbank binnen  drie\nmaanden", mentions) == []
    assert rules.missing_mentions("Beroep bij de arbeidsrechtbank", mentions) == ["term"]
