"""Two intake officers register the same person at the same moment: the database keeps one person (the partial
unique constraint client_insz_unique), one of them gets 201 and the other 409 pointing at that person."""

import threading
import time

import pytest
from django.db import IntegrityError, connection, connections, transaction

from clients.models import Client
from tests.conftest import api_client_for
from tests.factories import ClientFactory, UserFactory

INSZ = "85073003328"
URL = "/api/v1/clients/"


def register_at_once(requests: list[tuple]) -> list:
    """POST each (user, body) from its own thread, all released together by a barrier."""
    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)
    errors = []

    def register(index, user, body):
        try:
            client = api_client_for(user)
            barrier.wait(timeout=10)
            responses[index] = client.post(URL, body, format="json")
        except Exception as error:  # noqa: BLE001 - reported to the test below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()  # each thread has its own connection; leave none open for the flush

    threads = [threading.Thread(target=register, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert all(response is not None for response in responses)
    return responses


@pytest.fixture
def intake_officers(team):
    return [UserFactory(username=f"onthaal{i}", team=team, roles=["intake_officer"]) for i in range(8)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("concurrent", [2, 8], ids=["two", "eight"])
def test_concurrent_registrations_of_one_insz_leave_one_person(intake_officers, concurrent):
    body = {"first_name": "Yasmina", "last_name": "El Amrani", "birth_date": "1985-07-30", "insz": INSZ}

    responses = register_at_once([(user, body) for user in intake_officers[:concurrent]])

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [201] + [409] * (concurrent - 1), [r.content for r in responses]
    person = Client.objects.get(insz=INSZ)
    assert Client.objects.count() == 1
    assert person.history.count() == 1  # the losers left no history row behind either
    created = next(r for r in responses if r.status_code == 201)
    assert created.data["id"] == str(person.pk)
    for conflict in (r for r in responses if r.status_code == 409):
        assert conflict.data["existing_client"] == str(person.pk)
        assert set(conflict.data) == {"detail", "existing_client"}


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_different_people_all_succeed(intake_officers):
    bodies = [
        {"first_name": f"Persoon{i}", "last_name": "Peeters", "birth_date": "1985-07-30", "insz": insz}
        for i, insz in enumerate(["85073003328", "85073003427", "85073003526", "85073003625"])
    ]

    responses = register_at_once(list(zip(intake_officers, bodies, strict=False)))

    assert [response.status_code for response in responses] == [201] * 4
    assert Client.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_constraint_decides_when_the_duplicate_check_cannot_see_the_other_registration(intake_officers):
    """The race made deterministic: a colleague's registration is inserted but not yet committed, so the
    request's own look-up finds nobody; its insert then waits on the unique index and, once the colleague
    commits, fails on client_insz_unique. The answer must still be the 409 naming the colleague's person."""
    body = {"first_name": "Yasmina", "last_name": "El Amrani", "birth_date": "1985-07-30", "insz": INSZ}
    responses = []

    def register():
        try:
            responses.append(api_client_for(intake_officers[1]).post(URL, body, format="json"))
        finally:
            connections.close_all()

    with transaction.atomic():
        colleague = ClientFactory(insz=INSZ)
        request = threading.Thread(target=register)
        request.start()
        waiting = False
        for _ in range(200):  # up to 10 s for the request's INSERT to block on our uncommitted row
            with connection.cursor() as cursor:
                # pg_stat_activity is a snapshot kept for the whole transaction unless cleared.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
                waiting = cursor.fetchone()[0] > 0
            if waiting or not request.is_alive():
                break
            time.sleep(0.05)
        assert waiting, f"the request never waited on the unique index: {[r.content for r in responses]}"
    request.join(timeout=30)

    assert [r.status_code for r in responses] == [409]
    assert responses[0].data["existing_client"] == str(colleague.pk)
    assert Client.objects.count() == 1


def test_the_database_refuses_a_second_person_with_the_same_insz(db):
    ClientFactory(insz=INSZ)

    with pytest.raises(IntegrityError, match="client_insz_unique"), transaction.atomic():
        ClientFactory(insz=INSZ)

    assert Client.objects.count() == 1


def test_the_constraint_allows_many_people_without_insz(db):
    ClientFactory(insz=None)
    ClientFactory(insz=None)

    assert Client.objects.filter(insz__isnull=True).count() == 2


def test_the_constraint_is_a_partial_unique_index_in_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'client_insz_unique'")
        (definition,) = cursor.fetchone()

    assert "UNIQUE INDEX" in definition
    assert "WHERE (insz IS NOT NULL)" in definition
