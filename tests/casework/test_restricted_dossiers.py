"""A restricted dossier is invisible to everyone not on its list: its id, its existence, through every side
route (the client record, the search, opening a new dossier). Issue 10, "Leaks and hangs"."""

import pytest
from django.utils import timezone

from casework.dossiers.services import dossier_restrict
from casework.models import Dossier
from tests.factories import ClientFactory, TeamFactory, UserFactory


@pytest.fixture
def world(db):
    """Client Z has a closed dossier in team B (noord) and an open restricted dossier in team A (centrum)."""
    centrum, noord = TeamFactory(code="centrum"), TeamFactory(code="noord")
    lead_a = UserFactory(username="els", team=centrum, roles=["team_lead"])
    worker_a = UserFactory(username="sofie", team=centrum, roles=["social_worker"])
    worker_b = UserFactory(username="bram", team=noord, roles=["social_worker"])
    lead_b = UserFactory(username="tom", team=noord, roles=["team_lead"])
    head = UserFactory(username="hilde", team=None, roles=["head_of_service"])
    z = ClientFactory(last_name="Zeebroek", iban="BE68539007547034")
    closed = Dossier.objects.create(
        client=z, team=noord, social_worker=worker_b, status="closed", closed_on=timezone.localdate()
    )
    restricted = Dossier.objects.create(client=z, team=centrum, social_worker=worker_a)
    dossier_restrict(actor=lead_a, dossier=restricted, restricted=True, allowed_users=[worker_a])
    return {
        "z": z,
        "closed": closed,
        "restricted": restricted,
        "worker_a": worker_a,
        "worker_b": worker_b,
        "lead_b": lead_b,
        "head": head,
    }


def test_a_colleague_with_another_dossier_reads_the_record_without_the_restricted_dossier(api, world):
    response = api(world["worker_b"]).get(f"/api/v1/clients/{world['z'].pk}/")

    assert response.status_code == 200
    assert response.data["dossiers"] == [str(world["closed"].pk)]
    assert str(world["restricted"].pk) not in str(response.data)


def test_someone_on_the_list_sees_both_dossiers(api, world):
    response = api(world["worker_a"]).get(f"/api/v1/clients/{world['z'].pk}/")

    assert response.status_code == 200
    assert sorted(response.data["dossiers"]) == sorted([str(world["closed"].pk), str(world["restricted"].pk)])


def test_the_head_of_service_not_on_the_list_does_not_learn_of_the_restricted_dossier(api, world):
    response = api(world["head"]).get(f"/api/v1/clients/{world['z'].pk}/")

    assert response.status_code == 200
    assert response.data["dossiers"] == [str(world["closed"].pk)]


def test_a_person_with_only_a_restricted_dossier_shows_no_dossier_in_the_search(api, world):
    only_restricted = ClientFactory(first_name="Yanick", last_name="Verborgen")
    hidden = Dossier.objects.create(client=only_restricted, team=world["restricted"].team)
    dossier_restrict(
        actor=UserFactory(username="els2", team=hidden.team, roles=["team_lead"]),
        dossier=hidden,
        restricted=True,
        allowed_users=[world["worker_a"]],
    )

    outsider = api(world["worker_b"]).get("/api/v1/clients/", {"q": "verborgen"}).data["results"]
    on_the_list = api(world["worker_a"]).get("/api/v1/clients/", {"q": "verborgen"}).data["results"]

    assert outsider[0]["has_dossier"] is False
    assert on_the_list[0]["has_dossier"] is True


def test_the_record_of_a_person_with_only_a_hidden_dossier_is_not_found(api, world):
    other_team_worker = UserFactory(username="nora", team=TeamFactory(code="zuid"), roles=["social_worker"])
    hidden_only = ClientFactory()
    dossier = Dossier.objects.create(client=hidden_only, team=world["restricted"].team)
    dossier.restricted = True
    dossier.save()

    assert api(other_team_worker).get(f"/api/v1/clients/{hidden_only.pk}/").status_code == 404
    assert api(world["head"]).get(f"/api/v1/clients/{hidden_only.pk}/").status_code == 404


def test_opening_a_dossier_next_to_a_hidden_one_is_a_neutral_refusal_and_tells_the_head(api, world):
    body = {"client": str(world["z"].pk), "team": "noord"}

    response = api(world["worker_b"]).post("/api/v1/dossiers/", body, format="json")

    assert response.status_code == 403
    assert "afdelingshoofd" in response.data["detail"]
    assert str(world["restricted"].pk) not in str(response.data)
    assert Dossier.objects.filter(client=world["z"]).count() == 2
    notification = world["head"].notifications.get()
    assert world["worker_b"].display_name in notification.message


def test_someone_on_the_list_is_told_of_the_open_dossier(api, world):
    centrum_worker_on_list = world["worker_a"]
    body = {"client": str(world["z"].pk), "team": "centrum"}

    response = api(centrum_worker_on_list).post("/api/v1/dossiers/", body, format="json")

    assert response.status_code == 409
    assert response.data["existing_dossier"] == str(world["restricted"].pk)


def test_the_web_form_shows_the_neutral_refusal(client, world):
    client.force_login(world["worker_b"])

    response = client.post(f"/dossiers/nieuw/?client={world['z'].pk}", {"team": "noord"})

    page = response.content.decode()
    assert "neem contact op met het afdelingshoofd" in page
    assert str(world["restricted"].pk) not in page
