"""The caseload list and the dossier timeline cost the same number of queries for 10 rows as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import BreakGlassAccess, Contact, Dossier
from tests.factories import ClientFactory

ROWS = [10, 200]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def fill_caseload(team, social_worker, other_team_worker):
    def fill(n):
        clients = ClientFactory.create_batch(n)
        for person in clients:
            dossier = Dossier.objects.create(client=person, team=team, social_worker=social_worker)
            dossier.restricted_to.add(social_worker)  # prefetched facts the policy reads, per row
            BreakGlassAccess.objects.create(
                dossier=dossier, user=other_team_worker, reason="collega ziek", expires_at="2999-01-01T00:00Z"
            )

    return fill


def test_caseload_list_is_constant(api, social_worker, fill_caseload):
    me = api(social_worker)
    counts = []
    for n in ROWS:
        fill_caseload(n - Dossier.objects.count())
        counts.append(queries_for(me, "/api/v1/dossiers/?page_size=200"))
    assert counts[0] == counts[1] <= 8, counts


def test_dossier_timeline_is_constant(api, dossier, social_worker):
    me = api(social_worker)
    counts = []
    for n in ROWS:
        Contact.objects.bulk_create(
            Contact(dossier=dossier, channel="phone", summary=f"Contact {i}", author=social_worker)
            for i in range(n - Contact.objects.count())
        )
        counts.append(queries_for(me, f"/api/v1/contacts/?dossier={dossier.pk}&page_size=200"))
    assert counts[0] == counts[1] <= 8, counts
