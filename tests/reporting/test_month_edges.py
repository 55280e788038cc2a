"""The subsidy and the phases per month are computed on whole months (bcsd.aggregates.leefloon_grants and
activation.aggregates.clients_per_phase fold their dates into months in the query). These tests hold them
to the day-by-day definition on the dates where months could go wrong: the last and first day of a month,
two phase changes on one day, a GPMI signed long before or after the window, a yearly amount."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest

from activation.models import Gpmi, PhaseChange, Trajectory
from bcsd.models import Decision
from bcsd.rules import notification_due
from reporting import figures, rules
from tests.bcsd.factories import SubmissionFactory
from tests.factories import DossierFactory, TeamFactory, UserFactory

D = datetime.date
WINDOW = rules.months_between(D(2026, 1, 1), D(2026, 12, 31))

# period start, period end, frequency, amount, GPMI (status, signed on) or None
GRANTS = [
    (D(2025, 3, 15), None, "monthly", "1000.00", ("signed", D(2024, 6, 10))),  # signed over a year before
    (D(2026, 2, 10), D(2026, 4, 30), "monthly", "800.00", None),  # ends on the last day of April
    (D(2025, 12, 1), D(2026, 5, 1), "monthly", "900.00", ("draft", None)),  # ends on the first of May
    (D(2026, 1, 1), None, "monthly", "1000.00", ("signed", D(2026, 3, 31))),  # signed on a month's last day
    (D(2025, 6, 1), None, "monthly", "1000.00", ("signed", D(2025, 2, 15))),  # first year ends in January
    (D(2026, 6, 1), None, "monthly", "1000.00", ("signed", D(2027, 1, 5))),  # signed after the window
    (D(2026, 1, 1), D(2026, 12, 31), "yearly", "12000.00", ("exempted", None)),
    (D(2026, 7, 1), None, "monthly", "333.33", ("signed", D(2026, 7, 1))),  # signed on a month's first day
    (D(2027, 2, 1), None, "monthly", "1000.00", None),  # starts after the window
    (D(2024, 1, 1), D(2025, 12, 31), "monthly", "1000.00", None),  # ended before it
]


def _expected_subsidy(grants):
    """The definition, grant by grant and date by date."""
    result = []
    for first, last in WINDOW:
        groups, amount, expected = defaultdict(int), Decimal("0.00"), Decimal("0.00")
        running = [g for g in grants if g[0] <= last and (g[1] is None or g[1] >= first)]
        rate = rules.subsidy_rate(figures.subsidy_rates(), first, len(running))
        for _start, _end, frequency, monthly, gpmi in running:
            status, signed_on = gpmi or (None, None)
            state = rules.gpmi_state(status, signed_on, last)
            first_year = state == "signed" and rules.in_first_gpmi_year(signed_on, first)
            groups["first_year" if first_year else state] += 1
            monthly = Decimal(monthly) / (12 if frequency == "yearly" else 1)
            amount += monthly
            expected += rules.expected_subsidy(monthly, rate, first_gpmi_year=first_year)
        result.append((first, {g: groups[g] for g in figures.GPMI_GROUPS}, amount, expected))
    return result


@pytest.mark.django_db
def test_the_subsidy_folded_into_months_is_the_subsidy_day_by_day():
    team, worker = TeamFactory(), UserFactory(roles=["social_worker"])
    for start, end, frequency, amount, gpmi in GRANTS:
        dossier = DossierFactory(team=team, social_worker=worker)
        submission = SubmissionFactory(dossier=dossier, kind="leefloon_grant", status="decided")
        Decision.objects.create(
            submission=submission, outcome="approved", motivation="m", legal_basis="l", decided_on=start,
            notification_due=notification_due(start), notified_on=start, amount=Decimal(amount),
            frequency=frequency, period_start=start, period_end=end, recorded_by=worker,
        )  # fmt: skip
        if gpmi:
            Gpmi.objects.create(
                dossier=dossier, status=gpmi[0], leefloon_granted_on=start, conclusion_due=start,
                signed_on=gpmi[1], created_by=worker,
            )  # fmt: skip

    months = figures.subsidy(WINDOW)

    assert [(m.month, m.beneficiaries, m.amount, m.expected) for m in months] == _expected_subsidy(GRANTS)
    # The cases the table is about: January in the first GPMI year of the one signed 15 February 2025,
    # February not; the one signed 31 March 2026 signed (first year) from March; the grant ending 1 May
    # counted in May, the one ending 30 April not.
    january, february, march = months[0], months[1], months[2]
    assert (january.beneficiaries["first_year"], february.beneficiaries["first_year"]) == (1, 0)
    assert march.beneficiaries["first_year"] == 1
    assert (months[3].total, months[4].total) == (6, 5)


# started, ended, phase changes (to phase, date) in the order they were recorded
TRAJECTORIES = [
    (D(2025, 11, 1), None, [("care", D(2025, 11, 1)), ("language", D(2026, 1, 31))]),
    (
        D(2026, 2, 15),
        None,
        [("care", D(2026, 2, 15)), ("language", D(2026, 4, 10)), ("work", D(2026, 4, 10))],
    ),
    (D(2026, 1, 10), D(2026, 6, 30), [("care", D(2026, 1, 10))]),  # ended on the last day of June
    (D(2026, 1, 10), D(2026, 7, 15), [("job_guidance", D(2026, 1, 10))]),
    (D(2026, 3, 1), None, [("social_activation", D(2026, 2, 20))]),  # the change dated before the start
    (D(2025, 1, 1), D(2025, 12, 31), [("care", D(2025, 1, 1))]),  # ended before the window
]


def _expected_phases():
    counts = {first: defaultdict(int) for first, _last in WINDOW}
    for first, last in WINDOW:
        for started, ended, changes in TRAJECTORIES:
            if started > last or (ended is not None and ended <= last):
                continue
            done = [phase for phase, day in changes if day <= last]  # recorded in order: the last one wins
            if done:
                counts[first][done[-1]] += 1
    return counts


@pytest.mark.django_db
def test_the_phases_at_month_ends_folded_into_months_are_the_phases_day_by_day():
    team, coach = TeamFactory(), UserFactory(roles=["activation_coach"])
    for started, ended, changes in TRAJECTORIES:
        trajectory = Trajectory.objects.create(
            dossier=DossierFactory(team=team), coach=coach, phase=changes[-1][0], phase_since=changes[-1][1],
            started_on=started, ended_on=ended,
        )  # fmt: skip
        previous = ""
        for phase, day in changes:
            PhaseChange.objects.create(
                trajectory=trajectory, from_phase=previous, to_phase=phase, changed_on=day, changed_by=coach
            )
            previous = phase

    per_phase = figures.activation(WINDOW, WINDOW[-3:]).per_phase

    expected = _expected_phases()
    assert {m: {p: n for p, n in c.items() if n} for m, c in per_phase.items()} == {
        m: dict(c) for m, c in expected.items()
    }
    # Language at the end of January (moved on its last day); work at the end of April (two moves that day);
    # the one ended 30 June gone at the end of June, the one ended 15 July still there.
    assert per_phase[D(2026, 1, 1)]["language"] == 1
    assert per_phase[D(2026, 4, 1)]["work"] == 1
    assert (per_phase[D(2026, 6, 1)]["care"], per_phase[D(2026, 6, 1)]["job_guidance"]) == (0, 1)
    assert per_phase[D(2026, 3, 1)]["social_activation"] == 1
