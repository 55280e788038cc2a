"""Getting in: API tokens and the web login, and the lockout after repeated failures (django-axes), which must
hold at both doors."""

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import ClientFactory

PASSWORD = "Geheim-wachtwoord-1"  # the factory's
TOKEN_URL = "/api/v1/auth/token/"


def test_token_for_the_right_password_gives_access(api, social_worker):
    yasmina = ClientFactory(first_name="Yasmina", last_name="El Amrani")
    response = api().post(TOKEN_URL, {"username": "sofie", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.data == {"token": Token.objects.get(user=social_worker).key}
    with_token = api()
    with_token.credentials(HTTP_AUTHORIZATION=f"Token {response.data['token']}")
    found = with_token.get("/api/v1/clients/", {"q": "yasmina"})
    assert found.status_code == 200
    assert [row["id"] for row in found.data["results"]] == [str(yasmina.pk)]


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param({"username": "sofie", "password": "fout"}, id="wrong-password"),
        pytest.param({"username": "niemand", "password": PASSWORD}, id="unknown-user"),
        pytest.param({"username": "sofie"}, id="no-password"),
        pytest.param({}, id="nothing"),
        pytest.param({"username": ["sofie"], "password": {"x": 1}}, id="wrong-types"),
    ],
)
def test_token_refused(api, social_worker, credentials):
    response = api().post(TOKEN_URL, credentials, format="json")

    assert response.status_code == 400
    assert "token" not in response.data
    assert not Token.objects.exists()


def test_an_inactive_user_gets_no_token(api, social_worker):
    social_worker.is_active = False
    social_worker.save()

    assert (
        api().post(TOKEN_URL, {"username": "sofie", "password": PASSWORD}, format="json").status_code == 400
    )


def test_token_lockout_after_repeated_failures_even_with_the_right_password(api, social_worker, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    anonymous = api()
    answers = [
        anonymous.post(TOKEN_URL, {"username": "sofie", "password": f"fout{i}"}, format="json").status_code
        for i in range(4)
    ]
    assert answers == [400] * 4

    fifth = anonymous.post(TOKEN_URL, {"username": "sofie", "password": "fout5"}, format="json")
    right = anonymous.post(TOKEN_URL, {"username": "sofie", "password": PASSWORD}, format="json")

    assert fifth.status_code == 403
    assert right.status_code == 403
    assert set(right.data) == {"detail"}
    assert not Token.objects.filter(user=social_worker).exists()


def test_lockout_of_one_account_does_not_lock_a_colleague(api, social_worker, other_team_worker):
    anonymous = api()
    for i in range(5):
        anonymous.post(TOKEN_URL, {"username": "sofie", "password": f"fout{i}"}, format="json")

    response = anonymous.post(TOKEN_URL, {"username": "bram", "password": PASSWORD}, format="json")

    assert response.status_code == 200


def test_fewer_failures_than_the_limit_do_not_lock(api, social_worker):
    anonymous = api()
    for i in range(4):
        anonymous.post(TOKEN_URL, {"username": "sofie", "password": f"fout{i}"}, format="json")

    assert (
        anonymous.post(TOKEN_URL, {"username": "sofie", "password": PASSWORD}, format="json").status_code
        == 200
    )


def test_login_page_locks_out_after_repeated_failures(client, social_worker, settings):
    """The web login (Dutch) locks the account the same way: the right password no longer logs in."""
    for i in range(4):
        response = client.post("/login/", {"username": "sofie", "password": f"fout{i}"})
        assert response.status_code == 200  # the form again, with an error
        assert response["Content-Language"] == "nl"

    locked = client.post("/login/", {"username": "sofie", "password": "fout5"})
    right = client.post("/login/", {"username": "sofie", "password": PASSWORD})

    assert locked.status_code == right.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert right["Content-Language"] == "nl"
    assert "Account tijdelijk geblokkeerd" in right.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # still not logged in: the home page sends to the login page


def test_login_page_logs_in_with_the_right_password(client, social_worker):
    response = client.post("/login/", {"username": "sofie", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(social_worker.pk)
