"""Each figure of the dashboard and the API against the hand-made dataset (tests/reporting/dataset.py), with
the expected values worked out by hand."""

from decimal import Decimal

import pytest

from reporting import figures
from reporting.rules import months_between
from tests.reporting.dataset import Q1, TODAY, D, Dataset


@pytest.fixture
def data(db):
    return Dataset()


def _by_code(kpis):
    return {kpi.code: kpi for kpi in kpis}


def test_the_deadline_kpis_of_the_quarter_for_all_teams(data):
    kpis = _by_code(figures.kpis(*Q1, today=TODAY))

    # Day 30 on time, day 31 late, the Zuid decision on time; the postponement and December do not count.
    assert (kpis["decisions_within_30_days"].numerator, kpis["decisions_within_30_days"].denominator) == (
        2,
        3,
    )
    assert kpis["decisions_within_30_days"].value == Decimal("66.7")
    # Day 8 on time, day 9 late, the Zuid one not notified after 45 days late; the two leefloon grants
    # notified the day they were decided.
    assert (
        kpis["notifications_within_8_days"].numerator,
        kpis["notifications_within_8_days"].denominator,
    ) == (
        3,
        5,
    )
    assert kpis["notifications_within_8_days"].value == Decimal("60.0")
    # Day 5 on time, day 6 late.
    assert kpis["forwardings_within_5_days"].value == Decimal("50.0")
    # Signed on the last day of the third month: on time; a day late; not signed and overdue; exempted: none.
    gpmi = kpis["gpmi_concluded_within_3_months"]
    assert (gpmi.numerator, gpmi.denominator, gpmi.value) == (1, 3, Decimal("33.3"))
    evaluations = kpis["gpmi_evaluations_on_time"]
    assert (evaluations.numerator, evaluations.denominator, evaluations.value) == (3, 4, Decimal("75.0"))
    # 10 open dossiers (the restricted one included, the closed one not) for 3 social workers.
    caseload = kpis["open_caseload"]
    assert (caseload.numerator, caseload.denominator, caseload.value) == (10, 3, Decimal("3.3"))


def test_per_team_and_per_worker(data):
    kpis = _by_code(figures.kpis(*Q1, today=TODAY))
    decisions = kpis["decisions_within_30_days"]

    assert decisions.per_team[data.noord.pk].percent == Decimal("50.0")
    assert decisions.per_team[data.zuid.pk].percent == Decimal("100.0")
    assert decisions.per_worker[data.an.pk].percent == Decimal("50.0")
    notifications = kpis["notifications_within_8_days"]
    assert notifications.per_team[data.noord.pk].percent == Decimal("66.7")
    assert notifications.per_team[data.zuid.pk].percent == Decimal("50.0")


def test_a_team_alone(data):
    kpis = _by_code(figures.kpis(*Q1, data.zuid.pk, today=TODAY))

    assert kpis["decisions_within_30_days"].value == Decimal("100.0")
    assert kpis["gpmi_concluded_within_3_months"].value == Decimal("0.0")
    assert (kpis["open_caseload"].numerator, kpis["open_caseload"].denominator) == (1, 1)


def test_a_notification_not_yet_due_is_not_counted(data):
    # On 5 March the Zuid decision of 1 March is 4 days old: still pending, neither on time nor late.
    kpis = _by_code(figures.kpis(*Q1, today=D(2026, 3, 5)))

    notifications = kpis["notifications_within_8_days"]
    assert (notifications.numerator, notifications.denominator, notifications.pending) == (3, 4, 1)


def test_the_caseload_flags_a_worker_above_1_3_times_the_team_median(data):
    load = figures.caseload()

    assert [(w["name"], w["count"], w["flagged"]) for w in load.per_worker] == [
        ("An", 6, True),
        ("Bo", 3, False),
        ("Cas", 1, False),
    ]


def test_requests_per_kind_and_month(data):
    table = figures.requests_per_kind(*Q1)

    assert table == {
        "leefloon": {D(2026, 1, 1): 4, D(2026, 2, 1): 2},
        "heating_allowance": {D(2026, 3, 1): 1},
    }


def test_committee_outcomes_hearings_and_appeals(data):
    committee = figures.committee(*Q1)

    assert committee["outcomes"] == {
        "financial_aid": {"approved": 3, "postponed": 1},
        "leefloon_grant": {"approved": 2},
    }
    assert committee["hearings"] == {"held": 1}
    assert committee["appeals"] == {"": 1}


def test_activation_per_phase_transitions_exits_and_measures(data):
    months = months_between(*Q1)
    activation = figures.activation(months, months)

    assert activation.per_phase[D(2026, 1, 1)]["care"] == 2
    assert (
        activation.per_phase[D(2026, 2, 1)]["care"],
        activation.per_phase[D(2026, 2, 1)]["work_activation"],
    ) == (
        1,
        1,
    )
    assert (activation.per_phase[D(2026, 3, 1)]["care"], activation.per_phase[D(2026, 3, 1)]["work"]) == (
        1,
        1,
    )
    assert activation.transitions == {("care", "work_activation"): 1, ("work_activation", "work"): 1}
    assert activation.exits_to_work == 1
    assert activation.measures == {D(2026, 1, 1): {}, D(2026, 2, 1): {"ibo": 1}, D(2026, 3, 1): {"ibo": 1}}


def test_leefloon_beneficiaries_with_gpmi_status_and_the_expected_subsidy(data):
    months = figures.subsidy(months_between(*Q1))

    january, february, march = months
    # January: An's leefloon, the GPMI not yet signed: 55 % of 1,000.
    assert (january.total, january.beneficiaries["draft"], january.expected) == (1, 1, Decimal("550.00"))
    # February: An's GPMI signed on the 28th (first year: 55 + 10 %), Cas's in draft (55 %).
    assert february.beneficiaries["first_year"] == 1
    assert february.beneficiaries["draft"] == 1
    assert february.amount == Decimal("1800.00")
    assert february.expected == Decimal("1090.00")
    assert march.expected == Decimal("1090.00")
    assert sum(m.total for m in months) == 5  # beneficiary-months
    assert february.rate.rate == Decimal("55.00")


def test_the_subsidy_of_one_team_uses_the_rate_of_the_whole_ocmw(data):
    months = figures.subsidy(months_between(*Q1), data.zuid.pk)

    assert [m.total for m in months] == [0, 1, 1]
    assert [m.ocmw_beneficiaries for m in months] == [1, 2, 2]
    assert months[1].expected == Decimal("440.00")
