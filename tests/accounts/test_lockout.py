"""Lockout per address across user names (docs/decisions/0032): one address trying many names is stopped at
50 failures in 15 minutes, beside the 5 per user name and address; the address is the client's, read behind
the proxy as configured (django-ipware)."""

import pytest
from axes.models import AccessAttempt

from tests.factories import UserFactory

PASSWORD = "Geheim-wachtwoord-1"
TOKEN_URL = "/api/v1/auth/token/"
NAMES = [f"naam{i}" for i in range(12)]


def fail(api, username, address="10.0.0.1", **headers):
    return api().post(
        TOKEN_URL, {"username": username, "password": "fout"}, format="json", REMOTE_ADDR=address, **headers
    )


def token(api, username, address="10.0.0.1", **headers):
    return api().post(
        TOKEN_URL, {"username": username, "password": PASSWORD}, format="json", REMOTE_ADDR=address, **headers
    )


def test_many_names_from_one_address_are_locked_at_the_address_limit(api, social_worker, settings):
    assert settings.LOCKOUT_ADDRESS_FAILURE_LIMIT == 50
    # 12 names, 4 failures each: no name reaches its own limit of 5; 48 failures from the address.
    for name in NAMES:
        assert [fail(api, name).status_code for _ in range(4)] == [400] * 4
    assert token(api, "sofie").status_code == 200  # still under 50 (and a success resets only Sofie's count)

    assert fail(api, "naam0-bis").status_code == 400  # the 49th
    assert fail(api, "naam1-bis").status_code == 403  # the 50th locks the address

    assert token(api, "sofie").status_code == 403  # every name from that address, the right password too
    assert token(api, "sofie", address="10.0.0.2").status_code == 200  # another address is not locked


def test_the_web_login_is_locked_per_address_too(client, api, social_worker, settings):
    settings.LOCKOUT_ADDRESS_FAILURE_LIMIT = 6
    for name in NAMES[:3]:
        for _ in range(2):
            fail(api, name)

    response = client.post("/login/", {"username": "sofie", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert "Account tijdelijk geblokkeerd" in response.content.decode()


def test_failures_older_than_the_cool_off_time_do_not_count(api, social_worker, settings):
    settings.LOCKOUT_ADDRESS_FAILURE_LIMIT = 6
    for name in NAMES[:3]:
        for _ in range(2):
            fail(api, name)
    assert token(api, "sofie").status_code == 403

    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - settings.AXES_COOLOFF_TIME
    )

    assert token(api, "sofie").status_code == 200


def test_without_proxy_settings_a_forwarded_address_is_not_believed(api, social_worker, settings):
    """By default the address is the socket's: a client cannot escape the lockout with X-Forwarded-For."""
    settings.LOCKOUT_ADDRESS_FAILURE_LIMIT = 6
    for i, name in enumerate(NAMES[:6]):
        fail(api, name, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")

    assert token(api, "sofie", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 403


def test_behind_a_proxy_that_sets_x_real_ip(api, social_worker, settings):
    """CASEWORK_CLIENT_IP_HEADERS=HTTP_X_REAL_IP: the proxy (10.0.0.1, every request's socket address) writes
    the client's address in X-Real-IP, overwriting what a client sent."""
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")
    settings.LOCKOUT_ADDRESS_FAILURE_LIMIT = 6
    for name in NAMES[:6]:
        fail(api, name, HTTP_X_REAL_IP="203.0.113.7")

    assert token(api, "sofie", HTTP_X_REAL_IP="203.0.113.7").status_code == 403
    assert token(api, "sofie", HTTP_X_REAL_IP="198.51.100.4").status_code == 200
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_behind_a_proxy_that_appends_to_x_forwarded_for(api, social_worker, settings):
    """CASEWORK_CLIENT_IP_HEADERS=HTTP_X_FORWARDED_FOR,REMOTE_ADDR and CASEWORK_PROXY_COUNT=0: one proxy
    appends the client's address to X-Forwarded-For. A client that sends an X-Forwarded-For of its own
    does not become someone else: its failures count for the proxy's address, where all such requests are
    locked together."""
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.LOCKOUT_ADDRESS_FAILURE_LIMIT = 6
    for i, name in enumerate(NAMES[:6]):
        fail(api, name, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.7")

    assert token(api, "sofie", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7").status_code == 403
    assert token(api, "sofie", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert token(api, "sofie", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 200


@pytest.mark.parametrize("limit", [5])
def test_the_limit_per_name_and_address_still_holds(api, social_worker, limit, settings):
    assert limit == settings.AXES_FAILURE_LIMIT
    UserFactory(username="karim", team=social_worker.team)
    for _ in range(limit):
        fail(api, "karim")

    assert token(api, "karim").status_code == 403
    assert token(api, "sofie").status_code == 200
