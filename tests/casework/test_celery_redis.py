"""Side effects travel through the real broker: a break-the-glass queues its notification on Redis and a real
worker delivers it to the team lead. (An outage of the broker: tests/test_outbox.py.)"""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from tests.conftest import point_celery_at

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


use_broker = point_celery_at


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
