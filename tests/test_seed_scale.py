"""`manage.py seed_scale` at a small scale: valid, deterministic data on which every page answers."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from stdnum.be import iban as be_iban
from stdnum.be import nn

from accounts.models import User
from casework.models import Contact, Dossier
from clients.models import AccessLog, Client
from clients.rules import is_bis_number, search_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale_dataset():
    out = StringIO()
    call_command("seed_scale", scale=0.004, seed=7, stdout=out)
    return out.getvalue()


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT md5(string_agg(id::text || insz || search_text, ',' ORDER BY id)) FROM clients_client "
            "WHERE insz IS NOT NULL"
        )
        clients = cursor.fetchone()[0]
        cursor.execute(
            "SELECT md5(string_agg(id::text || occurred_at::text, ',' ORDER BY id)) FROM casework_contact"
        )
        return clients + cursor.fetchone()[0]


def test_the_scale_dataset_is_valid_and_every_page_answers_on_it(scale_dataset, client, api):
    assert "access-log rows" in scale_dataset
    assert Client.objects.count() == 200
    assert Dossier.objects.filter(status="open").exists()
    assert AccessLog.objects.count() >= 1000
    people = list(Client.objects.all())
    for person in people:
        assert person.search_text == search_text(person.first_name, person.last_name)
        if person.insz and not is_bis_number(person.insz):
            assert nn.is_valid(person.insz), person.insz
        if person.iban:
            assert be_iban.is_valid(person.iban), person.iban
    assert sum(1 for person in people if person.insz) > 180

    worker = User.objects.get(username="mw001")
    bench_dossier = max(
        Dossier.objects.filter(social_worker=worker, status="open"), key=lambda d: d.contacts.count()
    )
    assert Contact.objects.filter(dossier=bench_dossier).count() == 1200
    client.force_login(worker)
    for url in ["/dossiers/", f"/dossiers/{bench_dossier.pk}/", "/clienten/?q=peet"]:
        assert client.get(url).status_code == 200, url
    token_client = api(worker)
    for url in [
        "/api/v1/dossiers/",
        f"/api/v1/dossiers/{bench_dossier.pk}/",
        f"/api/v1/contacts/?dossier={bench_dossier.pk}",
        "/api/v1/clients/?q=peet",
    ]:
        assert token_client.get(url).status_code == 200, url
    lead = User.objects.get(username=f"tl-{worker.team.code}")
    client.force_login(lead)
    assert client.get(f"/toegangslog/{bench_dossier.client_id}/").status_code == 200


def test_the_scale_dataset_has_the_obligations_of_its_requests_and_the_worklist_renders(
    scale_dataset, client, api
):
    from casework.models import AidRequest, Obligation

    assert Obligation.objects.filter(kind="decision_due").count() == AidRequest.objects.count()
    assert Obligation.objects.filter(kind="annual_review_due").exists()
    assert Obligation.objects.filter(state="met").exists()
    assert Obligation.objects.filter(state__in=["open", "overdue"]).exists()
    assert Obligation.history.count() == Obligation.objects.count()
    worker = User.objects.get(username="mw001")
    client.force_login(worker)
    assert client.get("/").status_code == 200
    assert client.get("/mijn-werk/").status_code == 200
    response = api(worker).get("/api/v1/worklist/")
    assert response.status_code == 200 and response.json()["count"] > 0
    lead = User.objects.get(username=f"tl-{worker.team.code}")
    assert api(lead).get(f"/api/v1/worklist/?team={worker.team.code}").json()["count"] > 0


def test_the_same_seed_gives_the_same_rows(scale_dataset):
    first = _fingerprint()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE accounts_team, accounts_user, clients_client, clients_accesslog CASCADE")
    call_command("seed_scale", scale=0.004, seed=7, stdout=StringIO())
    assert _fingerprint() == first
