import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, transaction
from django.test import RequestFactory

from clients.ledger import access_log_record
from clients.models import AccessLog
from tests.factories import UserFactory


@pytest.fixture
def entry(dossier, social_worker):
    access_log_record(user=social_worker, client_ids=[dossier.client_id], what="dossier", purpose="test")
    return AccessLog.objects.get()


def test_the_database_refuses_to_change_an_entry(entry):
    entry.purpose = "rewritten"
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).update(purpose="rewritten")
    assert AccessLog.objects.get().purpose == "test"


def test_the_database_refuses_to_delete_an_entry(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        entry.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLog.objects.all().delete()
    assert AccessLog.objects.count() == 1


def test_the_admin_shows_the_log_read_only_even_to_a_superuser(entry):
    superuser = UserFactory(username="root", roles=["admin"], is_superuser=True, is_staff=True)
    request = RequestFactory().get("/admin/")
    request.user = superuser
    model_admin = site._registry[AccessLog]
    assert model_admin.has_view_permission(request, entry)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


def test_the_admin_change_page_cannot_save_an_entry(client, entry):
    superuser = UserFactory(username="root", roles=["admin"], is_superuser=True, is_staff=True)
    client.force_login(superuser)
    url = f"/admin/clients/accesslog/{entry.pk}/change/"
    assert client.get(url).status_code == 200
    client.post(url, {"purpose": "rewritten", "what": "x"})
    client.post(f"/admin/clients/accesslog/{entry.pk}/delete/", {"post": "yes"})
    assert AccessLog.objects.get().purpose == "test"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_offers_no_way_to_write_the_log(api, entry, dossier, method):
    dpo = UserFactory(username="pieter", team=None, roles=["dpo"])
    response = getattr(api(dpo), method)(
        f"/api/v1/clients/{dossier.client_id}/access-log/", {}, format="json"
    )
    assert response.status_code == 405
    assert list(AccessLog.objects.values_list("purpose", flat=True)) == ["test"]
