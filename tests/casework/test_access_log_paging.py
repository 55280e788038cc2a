""" "Who saw my data?" on screen: a hundred entries a page, filtered by period, reader and break-the-glass;
the exports keep every entry; bad filters are an error message, not a 500."""

import pytest

from clients.ledger import access_log_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_access_log_page_is_paged_and_filtered(client, dossier, social_worker):
    other = UserFactory(username="lotte", team=social_worker.team, roles=["social_worker"])
    for n in range(230):
        access_log_record(
            user=social_worker if n % 2 else other,
            client_ids=[dossier.client_id],
            what="dossier_page" if n % 10 else "dossier_page,break_glass",
            purpose="dossier",
            dossier_ids=[dossier.pk],
        )
    dpo = UserFactory(username="pieter", team=None, roles=["dpo"])
    client.force_login(dpo)
    url = f"/toegangslog/{dossier.client_id}/"

    first = client.get(url).content.decode()
    assert first.count("<tr") == 1 + 100  # the header and a page of a hundred
    assert "230 raadplegingen" in first and "Pagina 1 van 3" in first
    assert "23 keer break-the-glass" in first
    last = client.get(url, {"pagina": 3}).content.decode()
    assert last.count("<tr") == 1 + 31  # the DPO's first look is in the log too (reading it is a read)

    lotte = client.get(url, {"wie": "lotte"}).content.decode()
    assert "115 raadplegingen" in lotte and "pagina=2" in lotte and "wie=lotte" in lotte
    glass = client.get(url, {"break_the_glass": "on"}).content.decode()
    assert "23 raadplegingen" in glass
    future = client.get(url, {"van": "2999-01-01"}).content.decode()
    assert "0 raadplegingen" in future
    bad = client.get(url, {"van": "gisteren", "pagina": "x"})
    assert bad.status_code == 200 and "Controleer de filters" in bad.content.decode()

    csv = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) > 1 + 230  # every entry, the DPO's own looks included
