import os

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.policy import second_factor_required
from accounts.services import api_token_issue, totp_register
from tests.factories import TeamFactory, UserFactory

# The TOTP secret of the devices that the helpers below give to users whose role needs a second factor
# (tests.accounts and the browser tests compute its codes).
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def pytest_sessionfinish(session, exitstatus):
    """CI runs every test: a skipped test fails the run there (locally a skip is only reported)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") == "true" and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI: {len(skipped)} skipped test(s); every test must run in CI.", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _axes_reset(settings):
    # Lockout counters persist in the database between requests; each test starts with a clean slate.
    settings.AXES_ENABLED = True


@pytest.fixture
def team(db):
    return TeamFactory(code="centrum", name="Centrum")


@pytest.fixture
def other_team(db):
    return TeamFactory(code="noord", name="Noord")


@pytest.fixture
def social_worker(team):
    return UserFactory(username="sofie", team=team, roles=["social_worker"])


@pytest.fixture
def other_team_worker(other_team):
    return UserFactory(username="bram", team=other_team, roles=["social_worker"])


def enrolled_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app; one with TEST_TOTP_SECRET is registered for a user whose role
    needs a second factor and who has none (as if they had enrolled), so that they may work."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and second_factor_required(user):
        device = totp_register(user=user, secret_base32=TEST_TOTP_SECRET)
    return device


def api_client_for(user=None) -> APIClient:
    """An API client with an expiring token of this user (`client.token`), as if they had given their password
    and, when they have a second factor, its code at POST /api/v1/auth/token/."""
    client = APIClient()
    if user is not None:
        enrolled_device(user)
        client.token = api_token_issue(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {client.token}")
    return client


def second_factor_session(user) -> dict:
    """What a session holds after the login's second step (the verified device), when the user has one."""
    device = enrolled_device(user)
    return {DEVICE_ID_SESSION_KEY: device.persistent_id} if device is not None else {}


class SignedInClient(Client):
    """Django's test client, whose force_login stands for the whole login: the password and, for a user with
    a second factor (or a role that needs one), the code. `login()` stays the password alone."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        device = enrolled_device(user)
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return SignedInClient()


@pytest.fixture
def api():
    return api_client_for


def point_celery_at(**conf) -> None:
    """Point the Celery app at another broker: the connections and producers pooled for the previous one (by
    this app, or by kombu for all apps) must not be reused."""
    import kombu.pools

    from config.celery import app

    app.conf.update(conf)
    kombu.pools.reset()
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
