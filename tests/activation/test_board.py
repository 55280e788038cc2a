"""The coach's board: a constant number of queries for 10 and 300 trajectories, the overdue first, and an
admin's change of the GPMI evaluation rule changes the outcome."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activation import selectors
from activation.models import Gpmi, GpmiEvaluationRule, Measure, Trajectory
from casework.models import Dossier
from tests.factories import ClientFactory, DossierFactory

TODAY = timezone.localdate()


def _trajectories(count, *, coach, team, social_worker):
    clients = ClientFactory.create_batch(count)
    dossiers = Dossier.objects.bulk_create(
        DossierFactory.build(client=c, team=team, social_worker=social_worker, activation_coach=coach)
        for c in clients
    )
    trajectories = Trajectory.objects.bulk_create(
        Trajectory(
            dossier=d, coach=coach, phase="work", phase_since=TODAY, started_on=TODAY,
            next_monitoring_due=TODAY + datetime.timedelta(days=i % 20 - 5),
        )
        for i, d in enumerate(dossiers)
    )  # fmt: skip
    Measure.objects.bulk_create(
        Measure(trajectory=t, phase="work", kind="job_search", started_on=TODAY, recorded_by=coach)
        for t in trajectories
    )
    Gpmi.objects.bulk_create(
        Gpmi(
            dossier=d,
            leefloon_granted_on=TODAY,
            conclusion_due=TODAY + datetime.timedelta(days=90),
            created_by=coach,
        )
        for d in dossiers
    )
    return trajectories


def _board_queries(client, coach) -> int:
    client.force_login(coach)
    client.get(reverse("activation:board"))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("activation:board"))
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("count", [10, 300])
def test_the_board_uses_a_constant_number_of_queries(client, coach, team, social_worker, count):
    _trajectories(10, coach=coach, team=team, social_worker=social_worker)
    ten, _ = _board_queries(client, coach)
    if count > 10:
        _trajectories(count - 10, coach=coach, team=team, social_worker=social_worker)

    queries, response = _board_queries(client, coach)

    assert queries == ten
    rows = response.context["trajectories"]
    assert len(rows) == count
    overdue = [t.monitoring_overdue for t in rows]
    assert overdue == sorted(overdue, reverse=True)  # the overdue first


def test_the_board_filters_per_phase_and_measure(client, coach, team, social_worker):
    _trajectories(3, coach=coach, team=team, social_worker=social_worker)
    client.force_login(coach)

    assert len(client.get(reverse("activation:board") + "?phase=care").context["trajectories"]) == 0
    assert len(client.get(reverse("activation:board") + "?measure=job_search").context["trajectories"]) == 3
    assert len(client.get(reverse("activation:board") + "?measure=ibo").context["trajectories"]) == 0


def test_a_new_rule_row_changes_the_next_evaluation(coach, coached_dossier):
    signed = TODAY - datetime.timedelta(days=30)
    gpmi = Gpmi.objects.create(
        dossier=coached_dossier, leefloon_granted_on=signed, conclusion_due=signed, signed_on=signed,
        status="signed", created_by=coach,
    )  # fmt: skip
    before = selectors.gpmi_standing(gpmi).next_due

    # The admin adds a row (activation/admin.py): quarterly, 4 a year, from yesterday.
    GpmiEvaluationRule.objects.create(
        valid_from=TODAY - datetime.timedelta(days=1), evaluations_per_year=4, in_person_minimum=2
    )

    after = selectors.gpmi_standing(gpmi).next_due
    assert before > after  # 4 months → 3 months
