"""The intake search stays fast as the registry grows: the same few queries for 10 or 10,000 persons
(architecture rule 10), and PostgreSQL finds a name fragment through the trigram index instead of reading
every row. The measured times are in docs/search-performance.md."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clients.models import Client
from clients.rules import search_text
from clients.selectors import client_search
from tests.factories import bulk_create_persons, make_insz

URL = "/api/v1/clients/"
MAX_QUERIES = 5  # token + user, count, page (+ room for the access log of what was shown)


def queries_for(api_client, params) -> tuple[int, list[str], object]:
    with CaptureQueriesContext(connection) as captured:
        response = api_client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured), [query["sql"] for query in captured], response


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"q": "peeters"}, id="name-fragment"),
        pytest.param({"q": "van den"}, id="two-fragments"),
        pytest.param({"q": "ee", "page_size": 200}, id="short-fragment-full-page"),
        pytest.param({"q": "85073003328"}, id="insz"),
    ],
)
def test_search_costs_the_same_queries_for_10_and_10000_persons(api, social_worker, params):
    me = api(social_worker)  # token authentication is part of every API call's cost
    # Ten persons that every query finds, so that both measurements include the page of results.
    Client.objects.bulk_create(
        Client(
            first_name=f"Jan{i}",
            last_name="Van den Peeters",
            birth_date=datetime.date(1985, 7, 30),
            insz=make_insz(datetime.date(1985, 7, 30), 33 + 2 * i),
            search_text=search_text(f"Jan{i}", "Van den Peeters"),
        )
        for i in range(10)
    )
    few, few_sql, few_response = queries_for(me, params)
    assert few_response.data["count"] >= 1

    bulk_create_persons(9_990, first=10)
    many, many_sql, many_response = queries_for(me, params)

    assert few == many <= MAX_QUERIES, many_sql
    assert many_response.data["count"] >= few_response.data["count"]
    if "page_size" in params:
        assert len(many_response.data["results"]) == 200  # a full page costs no more than an empty one


@pytest.fixture(scope="module")
def ten_thousand_persons(django_db_setup, django_db_blocker):
    """Built once for the module's tests (each would otherwise load 10,000 rows again) and removed after them,
    so that no other test sees them."""
    with django_db_blocker.unblock():
        persons = bulk_create_persons(10_000)
        with connection.cursor() as cursor:
            # A bulk load leaves every new row in the GIN index's pending list (fastupdate), which each index
            # scan reads in full: the planner then rightly prefers a sequential scan. In production VACUUM
            # (autovacuum) merges the list into the index; this does the same for the test, so that the plan
            # checked is the one of a registry in its steady state. ANALYZE alone does not.
            cursor.execute("SELECT gin_clean_pending_list('client_search_text_trgm')")
            cursor.execute("ANALYZE clients_client")
    yield persons
    with django_db_blocker.unblock():
        Client.objects.filter(pk__in=[person.pk for person in persons]).delete()


@pytest.mark.parametrize("fragment", ["elamr", "peeters", "vandenbroeck", "yildiz", "janssens", "van den"])
def test_a_name_fragment_is_found_through_the_trigram_index(ten_thousand_persons, social_worker, fragment):
    found = client_search(user=social_worker, query=fragment)

    plan = found.explain()

    assert "Bitmap Index Scan on client_search_text_trgm" in plan, plan
    assert "Seq Scan on clients_client" not in plan, plan
    expected = Client.objects.all()
    for part in fragment.split():
        expected = expected.filter(search_text__contains=part)
    assert found.count() == expected.count() > 0


def test_an_insz_is_found_through_the_unique_index(ten_thousand_persons, social_worker):
    person = ten_thousand_persons[4321]

    found = client_search(user=social_worker, query=person.insz)

    assert "client_insz_unique" in found.explain()
    assert [p.pk for p in found] == [person.pk]
