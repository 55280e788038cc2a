"""The register is kept on the day of receipt; dossier numbers are readable and unique per year (issue 12)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from casework.dossiers.services import dossier_open
from casework.models import AidRequest, Dossier
from casework.register.rules import received_on_problem
from tests.factories import ClientFactory, UserFactory

D = datetime.date
TODAY = D(2026, 12, 2)


@pytest.mark.parametrize(
    ("received_on", "problem"),
    [
        (D(2026, 12, 3), "future"),
        (D(2026, 12, 2), None),
        (D(2026, 11, 25), None),  # 7 days ago: still on time
        (D(2026, 11, 24), "late"),  # 8 days ago
        (D(2025, 1, 1), "late"),  # the first day of the previous calendar year
        (D(2024, 12, 31), "too_old"),
    ],
)
def test_which_received_dates_the_register_takes(received_on, problem):
    assert received_on_problem(received_on, TODAY, late_after_days=7) == problem


def register(api_client, dossier, received_on, **extra):
    body = {"dossier": str(dossier.pk), "kind": "leefloon", "received_on": received_on.isoformat(), **extra}
    return api_client.post("/api/v1/requests/", body, format="json")


def test_a_late_request_needs_a_team_leads_reason(api, dossier, social_worker, team_lead):
    ten_days_ago = timezone.localdate() - datetime.timedelta(days=10)
    reason = {"late_registration_reason": "Brief bleef in de verkeerde bus liggen"}

    by_worker = register(api(social_worker), dossier, ten_days_ago, **reason)
    without_reason = register(api(team_lead), dossier, ten_days_ago)
    by_lead = register(api(team_lead), dossier, ten_days_ago, **reason)

    assert by_worker.status_code == 400
    assert without_reason.status_code == 400
    assert "received_on" in without_reason.data
    assert by_lead.status_code == 201
    assert by_lead.data["late_registration_reason"] == reason["late_registration_reason"]
    assert AidRequest.objects.count() == 1


def test_a_request_from_before_last_year_never_enters_the_register(api, dossier, team_lead):
    long_ago = D(timezone.localdate().year - 2, 12, 31)

    response = register(api(team_lead), dossier, long_ago, late_registration_reason="Oud dossier")

    assert response.status_code == 400
    assert not AidRequest.objects.exists()


def test_a_dossier_gets_a_readable_number_of_its_year(team, social_worker):
    first = dossier_open(actor=social_worker, client=ClientFactory(), team=team, social_worker=social_worker)
    second = dossier_open(actor=social_worker, client=ClientFactory(), team=team, social_worker=social_worker)

    year = timezone.localdate().year
    assert first.reference == f"{year}-00001"
    assert second.reference == f"{year}-00002"


@pytest.mark.django_db(transaction=True)
def test_dossiers_opened_at_the_same_moment_get_distinct_numbers(team):
    workers = [UserFactory(username=f"w{i}", team=team, roles=["social_worker"]) for i in range(10)]
    clients = ClientFactory.create_batch(10)
    barrier = threading.Barrier(10)
    errors = []

    def open_one(i):
        try:
            barrier.wait()
            dossier_open(actor=workers[i], client=clients[i], team=team, social_worker=workers[i])
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    numbers = sorted(Dossier.objects.values_list("number", flat=True))
    year = timezone.localdate().year
    assert errors == []
    assert numbers == [f"{year}-{i:05d}" for i in range(1, 11)]
