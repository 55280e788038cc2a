"""Getting in through the API: expiring tokens (django-rest-knox), the second factor's `otp`, logout, and the
lockout after repeated failures (django-axes), which must hold at both doors."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from knox.models import AuthToken

from accounts.services import password_change, recovery_codes_renew
from tests.conftest import TEST_TOTP_SECRET, enrolled_device
from tests.factories import ClientFactory, UserFactory

PASSWORD = "Geheim-wachtwoord-1"  # the factory's
TOKEN_URL = "/api/v1/auth/token/"
LOGOUT_URL = "/api/v1/auth/logout/"


def code_for(device, *, steps_ahead: int = 0) -> str:
    """What the authenticator app shows (steps_ahead=1: the next code, for a second login within 30 s)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, drift=steps_ahead)
    return f"{totp.token():06d}"


@pytest.fixture
def dpo(team):
    user = UserFactory(username="pieter", team=None, roles=["dpo"])
    enrolled_device(user)
    return user


def test_token_for_the_right_password_gives_access(api, social_worker):
    yasmina = ClientFactory(first_name="Yasmina", last_name="El Amrani")
    response = api().post(TOKEN_URL, {"username": "sofie", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert set(response.data) == {"token"}
    assert "no-store" in response["Cache-Control"]
    stored = AuthToken.objects.get(user=social_worker)
    assert response.data["token"] not in (stored.digest, stored.token_key)  # only a hash is kept
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
    assert not AuthToken.objects.exists()


def test_an_inactive_user_gets_no_token(api, social_worker):
    social_worker.is_active = False
    social_worker.save()

    assert (
        api().post(TOKEN_URL, {"username": "sofie", "password": PASSWORD}, format="json").status_code == 400
    )


def test_a_token_expires_after_its_lifetime(api, social_worker, settings):
    token = api().post(TOKEN_URL, {"username": "sofie", "password": PASSWORD}, format="json").data["token"]
    caller = api()
    caller.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert caller.get("/api/v1/dossiers/").status_code == 200

    lifetime = settings.REST_KNOX["TOKEN_TTL"]
    assert lifetime == datetime.timedelta(hours=10)
    later = timezone.now() + lifetime + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert caller.get("/api/v1/dossiers/").status_code == 401
    assert not AuthToken.objects.exists()  # knox removes an expired token when it is shown


def test_logout_revokes_the_callers_token_only(api, social_worker):
    first, second = api(social_worker), api(social_worker)

    assert first.post(LOGOUT_URL).status_code == 204

    assert first.get("/api/v1/dossiers/").status_code == 401
    assert second.get("/api/v1/dossiers/").status_code == 200
    assert api().post(LOGOUT_URL).status_code == 401


def test_a_password_change_revokes_every_token(api, social_worker):
    caller = api(social_worker)
    password_change(user=social_worker, old_password=PASSWORD, new_password="Nieuw-en-lang-genoeg-7")

    assert caller.get("/api/v1/dossiers/").status_code == 401
    assert not AuthToken.objects.filter(user=social_worker).exists()


def test_a_password_set_elsewhere_revokes_every_token_too(api, social_worker):
    """The admin's password form and `manage.py changepassword` save the user with set_password."""
    caller = api(social_worker)
    social_worker.set_password("Door-de-beheerder-gezet-3")
    social_worker.save()

    assert caller.get("/api/v1/dossiers/").status_code == 401


# The second factor (api.md: a user with a second factor gives `otp`, the current code).


def test_a_user_with_a_second_factor_needs_the_code(api, dpo):
    anonymous = api()
    without = anonymous.post(TOKEN_URL, {"username": "pieter", "password": PASSWORD}, format="json")
    wrong = anonymous.post(
        TOKEN_URL, {"username": "pieter", "password": PASSWORD, "otp": "000000"}, format="json"
    )

    assert without.status_code == wrong.status_code == 400
    assert set(without.data) == set(wrong.data) == {"otp"}
    assert not AuthToken.objects.exists()

    device = dpo.totpdevice_set.get()
    device.throttle_reset()  # django-otp makes a device wait a second after a wrong code
    right = anonymous.post(
        TOKEN_URL, {"username": "pieter", "password": PASSWORD, "otp": code_for(device)}, format="json"
    )
    assert right.status_code == 200
    assert set(right.data) == {"token"}


def test_the_code_comes_after_the_password(api, dpo):
    """A right code with a wrong password is a wrong password: nothing says whether the code was right."""
    device = dpo.totpdevice_set.get()
    response = api().post(
        TOKEN_URL, {"username": "pieter", "password": "fout", "otp": code_for(device)}, format="json"
    )

    assert response.status_code == 400
    assert set(response.data) == {"non_field_errors"}


def test_a_recovery_code_works_once(api, dpo):
    code = recovery_codes_renew(user=dpo)[0]
    payload = {"username": "pieter", "password": PASSWORD, "otp": code.upper()}

    assert api().post(TOKEN_URL, payload, format="json").status_code == 200
    for device in dpo.staticdevice_set.all():
        device.throttle_reset()
    assert api().post(TOKEN_URL, payload, format="json").status_code == 400


def test_a_role_that_needs_a_second_factor_must_enrol_before_it_gets_a_token(api, team):
    UserFactory(username="hilde", team=None, roles=["head_of_service"])

    response = api().post(TOKEN_URL, {"username": "hilde", "password": PASSWORD}, format="json")

    assert response.status_code == 403
    assert set(response.data) == {"detail"}
    assert "tweestapsverificatie" in response.data["detail"].lower()


def test_a_token_stops_working_when_the_role_comes_to_need_a_second_factor(api, social_worker):
    caller = api(social_worker)
    social_worker.roles = ["social_worker", "dpo"]
    social_worker.save()

    response = caller.get("/api/v1/dossiers/")

    assert response.status_code == 403
    assert "tweestapsverificatie" in response.data["detail"].lower()


def test_wrong_codes_count_towards_the_lockout(api, dpo, settings):
    anonymous = api()
    device = dpo.totpdevice_set.get()
    answers = []
    for _attempt in range(5):
        device.throttle_reset()
        answers.append(
            anonymous.post(
                TOKEN_URL, {"username": "pieter", "password": PASSWORD, "otp": "000000"}, format="json"
            ).status_code
        )
    device.throttle_reset()
    right = anonymous.post(
        TOKEN_URL, {"username": "pieter", "password": PASSWORD, "otp": code_for(device)}, format="json"
    )

    assert answers == [400, 400, 400, 400, 403]
    assert right.status_code == 403
    assert not AuthToken.objects.exists()


def test_codes_in_quick_succession_are_slowed_down(api, dpo):
    anonymous = api()
    anonymous.post(TOKEN_URL, {"username": "pieter", "password": PASSWORD, "otp": "000000"}, format="json")

    response = anonymous.post(
        TOKEN_URL, {"username": "pieter", "password": PASSWORD, "otp": "111111"}, format="json"
    )

    assert response.status_code == 429
    assert "Wacht" in response.data["otp"][0]


# Lockout (django-axes): 5 failures per user name and address.


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
    assert not AuthToken.objects.filter(user=social_worker).exists()


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


def test_the_test_secret_is_the_one_the_helpers_register(dpo):
    assert dpo.totpdevice_set.get().bin_key.hex() == enrolled_device(dpo).key
    assert TEST_TOTP_SECRET
