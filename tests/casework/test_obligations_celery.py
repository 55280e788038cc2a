"""The reminders on the real machinery: a Celery worker and beat against Redis run the daily scan, which
creates the expected notifications and mails; a second scan creates none. And a broker that is down or
stalled never holds the writes that create obligations and reminders: once it is back, every queued reminder
mail is delivered exactly once (the outbox, decision 0016)."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from casework.obligations import services
from casework.obligations.models import Obligation, ObligationReminder
from config.celery import app
from core import outbox
from core.models import OutboxMessage
from tests.casework.test_obligations import make
from tests.casework.test_outbox import stalled_broker, wait_for  # noqa: F401 - a fixture
from tests.conftest import point_celery_at

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# Its own Redis database: the worker and beat of this test see only this test's messages.
BROKER = REDIS_URL.rsplit("/", 1)[0] + "/7"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def celery_on_redis(settings):
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    outbox._broker_paused_until = 0.0
    yield lambda url: point_celery_at(broker_url=url, task_always_eager=False, result_backend=None)
    point_celery_at(**saved)
    outbox._broker_paused_until = 0.0


@pytest.fixture
def people(social_worker, team_lead):
    social_worker.email, team_lead.email = "sofie@ocmw.test", "els@ocmw.test"
    social_worker.save()
    team_lead.save()
    return social_worker, team_lead


@pytest.fixture
def beat(tmp_path):
    """celery beat in its own process, with the daily scan every second (the demo's settings: REDIS_URL set,
    so tasks are sent to the broker, never run eagerly in beat)."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "REDIS_URL": BROKER,
        "DATABASE_URL": "postgres://unused",  # beat sends; it never reads the database
        "CASEWORK_OBLIGATION_SCAN_SECONDS": "1",
    }
    log = tmp_path / "beat.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "beat", "-s", str(tmp_path / "schedule"),
             "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield lambda: log.read_text().count("Sending due task obligations-daily-scan")
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_beat_and_a_worker_run_the_scan_and_a_second_scan_sends_nothing(people, celery_on_redis, beat):
    social_worker, team_lead = people
    redis.Redis.from_url(BROKER).flushdb()
    celery_on_redis(BROKER)
    late = make(social_worker, days=-1)
    soon = make(social_worker, days=1, kind="monitoring_due")
    make(social_worker, days=30, kind="monitoring_due")  # too far for a reminder

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert wait_for(lambda: ObligationReminder.objects.count() == 3, seconds=30)
        assert wait_for(lambda: len(mail.outbox) == 3, seconds=20)
        scans = beat()
        assert wait_for(lambda: beat() >= scans + 2, seconds=20)  # two more scans ran...
        time.sleep(1)  # ...and their work, if any, landed

    assert beat() >= 3
    assert set(ObligationReminder.objects.values_list("obligation", "stage", "recipient")) == {
        (late.pk, "overdue", social_worker.pk),
        (late.pk, "escalated", team_lead.pk),
        (soon.pk, "before", social_worker.pk),
    }
    assert Notification.objects.filter(recipient=social_worker).count() == 2
    assert Notification.objects.filter(recipient=team_lead).count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["els@ocmw.test", "sofie@ocmw.test", "sofie@ocmw.test"]
    assert Obligation.objects.get(pk=late.pk).state == "overdue"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("broker", ["stalled", "dead"])
def test_a_broker_outage_holds_no_write_and_every_reminder_arrives_once(
    api,
    dossier,
    people,
    celery_on_redis,
    stalled_broker,  # noqa: F811 - the fixture imported above
    broker,
):
    social_worker, team_lead = people
    redis.Redis.from_url(BROKER).flushdb()
    celery_on_redis(stalled_broker if broker == "stalled" else "redis://127.0.0.1:1/0")
    received = (timezone.localdate() - datetime.timedelta(days=35)).isoformat()
    client = api(team_lead)
    client.get("/api/v1/worklist/")  # warm up: only the writes are timed

    started = time.monotonic()
    # A request received 35 days ago, registered late with the team lead's reason: its decision is overdue.
    response = client.post(
        "/api/v1/requests/",
        {"dossier": str(dossier.pk), "kind": "leefloon", "received_on": received,
         "late_registration_reason": "Lag bij het onthaal."},
        format="json",
    )  # fmt: skip
    reminders = services.obligations_scan()  # what the worker's scan does: notifications, mails queued
    seconds = time.monotonic() - started

    assert response.status_code == 201
    assert seconds < 3
    assert reminders == 2
    assert Obligation.objects.get().kind == "decision_due"
    assert Notification.objects.count() == 2  # in the application at once
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 2
    assert mail.outbox == []

    # The broker is back: the relay (beat runs it every few seconds) delivers what waited, once.
    celery_on_redis(BROKER)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert outbox.relay() == 2
        assert wait_for(lambda: len(mail.outbox) == 2)
        assert services.obligations_scan() == 0
        assert outbox.relay() == 0
        time.sleep(0.5)  # a second delivery, if any, would land now
    assert sorted(m.to[0] for m in mail.outbox) == ["els@ocmw.test", "sofie@ocmw.test"]
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
