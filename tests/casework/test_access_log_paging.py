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
    assert "23 keer noodtoegang" in first
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

    from tests.casework.test_views import _export

    csv = _export(client, dossier.client_id, "csv").content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) > 1 + 230  # every entry, the DPO's own looks included


def test_an_export_is_made_by_a_task_with_progress_and_is_only_for_who_asked(client, dossier, social_worker):
    from django.test.testcases import TestCase

    from clients.models import AccessLogExport

    for _n in range(12):
        access_log_record(
            user=social_worker, client_ids=[dossier.client_id], what="dossier_page", purpose="dossier"
        )
    dpo = UserFactory(username="pieter", team=None, roles=["dpo"])
    client.force_login(dpo)
    asked = client.post(f"/toegangslog/{dossier.client_id}/export/", {"export": "csv"})
    export = AccessLogExport.objects.get()
    assert asked.status_code == 302 and export.status == "pending"  # nothing made in the request
    waiting = client.get(asked["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "<progress" in waiting
    assert client.get(asked["Location"] + "bestand/").status_code == 302  # not ready yet: back to the status

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/toegangslog/{dossier.client_id}/export/", {"export": "pdf"})
    pdf = AccessLogExport.objects.get(format="pdf")
    assert pdf.status == "done" and pdf.done == pdf.total >= 12 and pdf.percent == 100
    download = client.get(f"/toegangslog/export/{pdf.pk}/bestand/")
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")

    someone_else = UserFactory(username="hilde", team=None, roles=["dpo"])
    client.force_login(someone_else)
    assert client.get(f"/toegangslog/export/{pdf.pk}/bestand/").status_code == 404
    assert client.get(f"/toegangslog/export/{pdf.pk}/").status_code == 404
