"""How long the intake search takes on a registry of 10,000 persons (PostgreSQL). `make bench` runs this
with statistics (docs/search-performance.md records the results); the normal suite runs it too, so that it
keeps working.

What is timed is what GET /api/v1/clients/?q= asks of the database: the count and the first page of 50."""

import pytest
from django.db import connection

from clients.models import Client
from clients.rules import search_terms
from clients.selectors import client_search
from tests.factories import bulk_create_persons

PAGE = 50


@pytest.fixture
def registry_of_10000(db):
    persons = bulk_create_persons(10_000)
    with connection.cursor() as cursor:
        # The steady state of a live registry: autovacuum has merged new rows into the trigram index (see
        # tests/clients/test_search_performance.py) and the planner has statistics.
        cursor.execute("SELECT gin_clean_pending_list('client_search_text_trgm')")
        cursor.execute("ANALYZE clients_client")
    return persons


def search_page(user, query) -> tuple[int, list]:
    found = client_search(user=user, query=query)
    return found.count(), list(found[:PAGE])


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("elamr", id="rare-fragment"),
        pytest.param("peeters", id="common-last-name"),
        pytest.param("van den", id="two-fragments"),
        pytest.param("jan", id="short-common-fragment"),
        pytest.param("insz", id="insz"),
    ],
)
def test_search_on_10000_persons(benchmark, registry_of_10000, social_worker, query):
    if query == "insz":
        query = registry_of_10000[1234].insz
    expected = client_search(user=social_worker, query=query)
    benchmark.extra_info["explain_analyze"] = expected.explain(analyze=True)

    count, page = benchmark.pedantic(search_page, args=(social_worker, query), rounds=30, warmup_rounds=3)

    assert count == expected.count() > 0
    assert len(page) == min(count, PAGE)
    insz, fragments = search_terms(query)
    for person in Client.objects.filter(pk__in=[p.pk for p in page]):
        assert person.insz == insz if insz else all(f in person.search_text for f in fragments)
