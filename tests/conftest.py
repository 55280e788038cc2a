import os

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import TeamFactory, UserFactory


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


def api_client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


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
