"""The client record, its history, household and access log (API, page and exports) and the search results
cost as many queries for 2 rows as for 30: a lookup per row (an N+1) fails here. Each guard also names the
most queries its answer may cost (django_assert_max_num_queries)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from clients.ledger import access_log_record
from clients.models import Client
from core.history import save_with_history
from tests.factories import (
    BreakGlassAccessFactory,
    ClientFactory,
    DossierFactory,
    HouseholdMemberFactory,
    TeamFactory,
    UserFactory,
)

SMALL, LARGE = 2, 30
READ_FOR_THE_TEST = "gelezen voor de test"  # the `what` of the access log rows the guards add


@dataclass
class Scene:
    """A person with one open dossier of the caller's team; the caller is its social worker."""

    person: object
    dossier: object
    workers: list
    api: object
    dpo_api: object
    dpo_web: object
    outsider: object  # a colleague of another team, who reads dossiers by breaking the glass

    def worker(self, i):
        return self.workers[i % len(self.workers)]


def more_dossiers(scene, count):
    """Earlier (closed) dossiers of the person, each with what the policy reads: its restricted list and a
    break-the-glass grant."""
    for i in range(count):
        dossier = DossierFactory(
            client=scene.person,
            team=scene.dossier.team,
            social_worker=scene.worker(i),
            status="closed",
            closed_on=timezone.localdate(),
            restricted_to=[scene.worker(i + 1)],
        )
        BreakGlassAccessFactory(dossier=dossier, user=scene.outsider)


def more_changes(scene, count):
    for i in range(count):
        scene.person.phone = f"016 00 00 {i:02d}"
        save_with_history(scene.person, actor=scene.worker(i), reason="client_update")


def more_household_members(scene, count):
    HouseholdMemberFactory.create_batch(count, client=scene.person)


def more_reads(scene, count):
    for i in range(count):
        access_log_record(
            user=scene.worker(i), client_ids=[scene.person.pk], what=READ_FOR_THE_TEST, purpose="x"
        )


def reads_listed(rows) -> int:
    return sum(row["what"] == READ_FOR_THE_TEST for row in rows)


@dataclass(frozen=True)
class Guard:
    url: Callable[[Scene], str]
    grow: Callable[[Scene, int], None]
    queries: int  # the most this answer may cost; the same for SMALL and LARGE rows
    shown: Callable | None = None
    reader: str = "api"  # who asks: the person's social worker (api), or the DPO (dpo_api, dpo_web)


GUARDS = {
    "client record": Guard(
        url=lambda s: f"/api/v1/clients/{s.person.pk}/",
        grow=more_dossiers,
        queries=6,
        shown=lambda response: len(response.data["dossiers"]),
    ),
    "client history": Guard(
        url=lambda s: f"/api/v1/clients/{s.person.pk}/history/",
        grow=more_changes,
        queries=7,
        shown=lambda response: len(response.data),
    ),
    "client household": Guard(
        url=lambda s: f"/api/v1/clients/{s.person.pk}/household/",
        grow=more_household_members,
        queries=8,
        shown=lambda response: len(response.data["members"]),
    ),
    "access log": Guard(
        url=lambda s: f"/api/v1/clients/{s.person.pk}/access-log/?page_size=200",
        grow=more_reads,
        queries=7,
        shown=lambda response: reads_listed(response.data["results"]),
        reader="dpo_api",
    ),
    "access log page": Guard(
        url=lambda s: f"/toegangslog/{s.person.pk}/",
        grow=more_reads,
        queries=10,  # paged (issue 11): the counts in one query, then the page; + the teams of the filter
        shown=lambda response: sum(entry.what == READ_FOR_THE_TEST for entry in response.context["entries"]),
        reader="dpo_web",
    ),
}


@pytest.fixture
def scene(api, client, team, social_worker):
    dpo = UserFactory(username="pieter", team=None, roles=["dpo"])
    client.force_login(dpo)
    dossier = DossierFactory(team=team, social_worker=social_worker)
    return Scene(
        person=dossier.client,
        dossier=dossier,
        workers=[social_worker, *UserFactory.create_batch(3, team=team)],
        api=api(social_worker),
        dpo_api=api(dpo),
        dpo_web=client,
        outsider=UserFactory(team=TeamFactory()),
    )


@pytest.mark.parametrize("name", GUARDS, ids=lambda name: name.replace(" ", "-"))
def test_queries_do_not_grow_with_the_rows(name, scene, django_assert_max_num_queries):
    guard = GUARDS[name]
    counts, shown, grown = [], [], 0
    for rows in (SMALL, LARGE):
        guard.grow(scene, rows - grown)
        grown = rows
        with django_assert_max_num_queries(guard.queries, info=f"{name} with {rows} rows") as captured:
            response = getattr(scene, guard.reader).get(guard.url(scene))
        assert response.status_code == 200
        counts.append(len(captured))
        if guard.shown:
            shown.append(guard.shown(response))
    if guard.shown:  # not an empty guard: the larger answer shows the rows that were added
        assert shown[1] - shown[0] == LARGE - SMALL
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries for {SMALL} rows, {counts[1]} for {LARGE}"


def test_search_results_take_the_same_number_of_queries_for_2_and_30_clients(
    client, social_worker, django_assert_max_num_queries
):
    client.force_login(social_worker)
    counts = []
    for rows in (SMALL, LARGE):
        ClientFactory.create_batch(rows - Client.objects.count(), last_name="Peeters")
        # + 3 for where each person leads: the page's dossiers, their restricted lists and live grants
        with django_assert_max_num_queries(9, info=f"search page with {rows} matches") as captured:
            response = client.get(reverse("clients:search"), {"q": "peet"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert response.content.decode().count("<tr>") == min(rows, 25) + 1  # + header row
        counts.append(len(captured))
    assert counts[0] == counts[1], (
        f"search page: {counts[0]} queries for {SMALL} rows, {counts[1]} for {LARGE}"
    )


@pytest.mark.parametrize("export_format", ["csv", "pdf"])
def test_the_access_log_export_task_takes_the_same_number_of_queries_for_2_and_30_reads(
    export_format, scene, django_assert_max_num_queries
):
    """The exports are made by a Celery task (issue 11), not by a request: its queries do not grow either."""
    from accounts.models import User
    from clients.models import AccessLogExport
    from clients.services import access_log_export_run

    dpo = User.objects.get(username="pieter")
    counts, grown = [], 0
    for rows in (SMALL, LARGE):
        more_reads(scene, rows - grown)
        grown = rows
        export = AccessLogExport.objects.create(client=scene.person, requested_by=dpo, format=export_format)
        with django_assert_max_num_queries(12, info=f"access log export with {rows} rows") as captured:
            access_log_export_run(export.pk)
        export.refresh_from_db()
        assert export.status == "done"
        if export_format == "csv":
            assert bytes(export.content).decode("utf-8-sig").count(READ_FOR_THE_TEST) == rows
        counts.append(len(captured))
    assert counts[0] == counts[1]
