"""Side effects travel through the real broker: a break-the-glass queues its notification on Redis and a real
worker delivers it to the team lead."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def use_broker(**conf):
    """Point the app at another broker; its pooled connections belong to the previous one."""
    app.conf.update(conf)
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None


@pytest.fixture
def redis_worker(settings):
    broker = REDIS_URL.rsplit("/", 1)[0] + "/14"
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    use_broker(broker_url=broker, task_always_eager=False, result_backend=None)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        use_broker(**saved)


@pytest.mark.django_db(transaction=True)
def test_break_the_glass_notifies_the_team_lead_through_redis(
    api, dossier, other_team_worker, team_lead, redis_worker
):
    response = api(other_team_worker).post(
        f"/api/v1/dossiers/{dossier.pk}/break-glass/",
        {"reason": "collega ziek, dringende vraag"},
        format="json",
    )
    assert response.status_code == 201

    deadline = time.monotonic() + 15
    while not team_lead.notifications.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "collega ziek, dringende vraag" in team_lead.notifications.get().message


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_does_not_lose_the_write(api, dossier, other_team_worker, team_lead, settings):
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    use_broker(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    try:
        response = api(other_team_worker).post(
            f"/api/v1/dossiers/{dossier.pk}/break-glass/",
            {"reason": "collega ziek, dringende vraag"},
            format="json",
        )
    finally:
        use_broker(**saved)
    assert response.status_code == 201
    assert team_lead.notifications.count() == 1  # delivered in the request instead of being lost
