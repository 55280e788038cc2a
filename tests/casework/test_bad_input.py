"""Bad input gets a clear answer and changes nothing (issue 10, "Bad input that still gets past")."""

import datetime
import json

import pytest
from django.utils import timezone

from casework.models import Contact, Dossier
from clients.models import Client
from tests.factories import ClientFactory

TODAY = timezone.localdate()
DEEP = "[" * 1000 + "]" * 1000


@pytest.mark.parametrize(
    "url", ["/api/v1/contacts/", "/api/v1/clients/", "/api/v1/dossiers/", "/api/v1/leefloon/calculations/"]
)
def test_deeply_nested_json_is_a_400(api, social_worker, url):
    response = api(social_worker).post(url, data=DEEP, content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_deeply_nested_json_to_the_anonymous_token_endpoint_is_a_400(client):
    response = client.post("/api/v1/auth/token/", data=DEEP, content_type="application/json")

    assert response.status_code == 400


def test_a_body_over_the_limit_is_a_json_413(api, social_worker, dossier):
    body = json.dumps({"dossier": str(dossier.pk), "channel": "phone", "summary": "x" * 2_100_000})

    response = api(social_worker).post("/api/v1/contacts/", data=body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "te groot" in response.json()["detail"]
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("occurred_at", "accepted"),
    [
        ("0001-01-01T10:00:00+01:00", False),
        ("1892-05-01T10:00:00+01:00", False),
        ("1999-12-31T23:59:00+01:00", False),
        ("2000-01-01T10:00:00+01:00", True),
        ((timezone.now() - datetime.timedelta(hours=1)).isoformat(), True),
        ((timezone.now() + datetime.timedelta(minutes=3)).isoformat(), True),
        ((timezone.now() + datetime.timedelta(hours=1)).isoformat(), False),
    ],
    # Fixed names: parallel workers collect the tests at different instants and must agree on them.
    ids=["year-1", "1892", "end-1999", "start-2000", "an-hour-ago", "in-3-minutes", "in-an-hour"],
)
def test_contacts_happen_between_2000_and_now(api, social_worker, dossier, occurred_at, accepted):
    body = {"dossier": str(dossier.pk), "channel": "phone", "summary": "Belde", "occurred_at": occurred_at}

    response = api(social_worker).post("/api/v1/contacts/", body, format="json")

    assert response.status_code == (201 if accepted else 400), response.data
    if accepted:
        assert not response.data["occurred_at"].endswith("+00:17:30")
    else:
        assert "occurred_at" in response.data
        assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("birth_date", "accepted"),
    [
        ("1899-12-31", False),
        ("1900-01-01", True),
        (TODAY.isoformat(), True),
        ((TODAY + datetime.timedelta(days=1)).isoformat(), False),
    ],
)
def test_birth_dates_lie_between_1900_and_today(api, social_worker, birth_date, accepted):
    body = {"first_name": "Jan", "last_name": "Peeters", "birth_date": birth_date}

    response = api(social_worker).post("/api/v1/clients/", body, format="json")

    assert response.status_code == (201 if accepted else 400), response.data
    assert Client.objects.exists() is accepted


@pytest.mark.parametrize(
    ("target_date", "accepted"),
    [
        ("1999-12-31", False),
        (TODAY.isoformat(), True),
        (TODAY.replace(year=TODAY.year + 9).isoformat(), True),
        (TODAY.replace(year=TODAY.year + 11).isoformat(), False),
    ],
)
def test_planned_dates_lie_at_most_ten_years_ahead(api, social_worker, dossier, target_date, accepted):
    goal = {"domain": "income", "description": "Een inkomen", "priority": 1, "target_date": target_date}

    response = api(social_worker).post(
        "/api/v1/help-plans/", {"dossier": str(dossier.pk), "goals": [goal]}, format="json"
    )

    assert response.status_code == (201 if accepted else 400), response.data


@pytest.fixture
def record(team, social_worker):
    client = ClientFactory(street="Naamsestraat", house_number="12")
    Dossier.objects.create(client=client, team=team, social_worker=social_worker)
    return client


def test_two_people_editing_the_same_record_one_gets_409(api, social_worker, team, record):
    from tests.factories import UserFactory

    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
    read = api(social_worker).get(f"/api/v1/clients/{record.pk}/").data
    assert read["version"] == 1

    first = api(colleague).patch(
        f"/api/v1/clients/{record.pk}/", {"phone": "016 11 22 33", "version": 1}, format="json"
    )
    second = api(social_worker).patch(
        f"/api/v1/clients/{record.pk}/", {"email": "jan@example.be", "version": 1}, format="json"
    )

    assert first.status_code == 200
    assert first.data["version"] == 2
    assert second.status_code == 409
    assert second.data["current_version"] == 2
    record.refresh_from_db()
    assert record.phone == "016 11 22 33"
    assert record.email == ""


def test_a_patch_without_version_is_still_accepted(api, social_worker, record):
    response = api(social_worker).patch(
        f"/api/v1/clients/{record.pk}/", {"phone": "016 11 22 33"}, format="json"
    )

    assert response.status_code == 200
    assert response.data["version"] == 2
