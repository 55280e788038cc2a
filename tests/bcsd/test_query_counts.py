"""The agenda costs the same number of queries for 2 items as for 12 (architecture rule 10)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.bcsd.factories import AgendaItemFactory, MeetingFactory

TODAY = timezone.localdate()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/api/v1/bcsd/meetings/{id}/", "/bcsd/zittingen/{id}/"])
def test_the_agenda_reads_in_constant_queries(api, client, members, secretary, path):
    small = MeetingFactory(status="agenda_published", published_on=TODAY, members=members)
    large = MeetingFactory(status="agenda_published", published_on=TODAY, members=members)
    AgendaItemFactory.create_batch(2, meeting=small)
    AgendaItemFactory.create_batch(12, meeting=large)
    caller = api(members[0]) if path.startswith("/api/") else client
    if not path.startswith("/api/"):
        client.force_login(members[0])

    assert _queries(caller, path.format(id=small.pk)) == _queries(caller, path.format(id=large.pk))
