"""Side effects go through a transactional outbox: a broker that is down, or stalled (it accepts connections
and never answers), never holds the user's write, and every queued notification arrives once it is back."""

import os
import socket
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from core import outbox
from core.models import OutboxMessage
from tests.conftest import point_celery_at

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS_FOR_THIS_TEST = REDIS_URL.rsplit("/", 1)[0] + "/13"


use_broker = point_celery_at


@pytest.fixture
def stalled_broker():
    """A TCP listener that accepts every connection and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture
def broker_switch(settings):
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    outbox._broker_paused_until = 0.0
    yield lambda url: use_broker(broker_url=url, task_always_eager=False, result_backend=None)
    use_broker(**saved)
    outbox._broker_paused_until = 0.0


def break_the_glass(api, dossier, colleague):
    api(colleague).get("/api/v1/dossiers/")  # warm up (imports, token): only the write is timed
    started = time.monotonic()
    response = api(colleague).post(
        f"/api/v1/dossiers/{dossier.pk}/break-glass/",
        {"reason": "collega ziek, dringende vraag aan het onthaal"},
        format="json",
    )
    return response, time.monotonic() - started


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("broker", ["stalled", "dead"])
def test_a_broker_that_does_not_answer_never_holds_the_write_and_nothing_is_lost(
    api, dossier, other_team_worker, team_lead, broker_switch, stalled_broker, broker
):
    broker_switch(stalled_broker if broker == "stalled" else "redis://127.0.0.1:1/0")

    response, seconds = break_the_glass(api, dossier, other_team_worker)

    assert response.status_code == 201
    assert seconds < 3
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 1
    assert not team_lead.notifications.exists()

    # The broker is back: the relay (beat runs it every few seconds) delivers what waited, once.
    broker_switch(REDIS_FOR_THIS_TEST)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert outbox.relay() == 1
        assert wait_for(team_lead.notifications.exists)
        assert outbox.relay() == 0
        time.sleep(0.5)  # a second delivery, if any, would land now
    assert team_lead.notifications.count() == 1
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_sixteen_writes_against_a_stalled_broker_each_answer_quickly(
    api, dossier, other_team_worker, team_lead, broker_switch, stalled_broker
):
    broker_switch(stalled_broker)
    timings = [break_the_glass(api, dossier, other_team_worker) for _ in range(16)]

    assert all(response.status_code == 201 for response, _seconds in timings)
    # The first write finds out that the broker does not answer; the others do not wait for it again.
    assert sum(seconds for _response, seconds in timings) < 3 + 16 * 0.5
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 16


@pytest.mark.django_db(transaction=True)
def test_a_message_decided_in_a_write_that_rolls_back_is_never_sent(dossier, other_team_worker):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("casework.tasks.notify_team_lead_of_break_glass", "does-not-matter")
        raise RuntimeError("the write fails")

    assert not OutboxMessage.objects.exists()
