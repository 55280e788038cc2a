"""Side effects after commit, through a transactional outbox (architecture rule 8).

A service calls `enqueue(task_name, *ids)` inside its transaction: the message is a row of that transaction,
so it exists exactly when the write does. After the commit the message is published at once when the broker
answers (within a second or two, never longer); otherwise it waits for the relay task that beat runs every few
seconds, and goes once the broker is back. A message is marked sent after it was published; tasks are
idempotent, so the rare second publication (a crash between the two) does no harm. Services name the task
instead of importing it, so services and tasks (which call services) never import each other.
"""

import logging
import time

from celery import current_app
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage

logger = logging.getLogger(__name__)

# After a failed publication, requests stop trying the broker for a while and leave the relay to beat: when
# the broker is down, sixteen users should not each wait for its timeout.
BROKER_PAUSE_SECONDS = 30
RELAY_BATCH = 200
_broker_paused_until = 0.0


def enqueue(task_name: str, *args) -> None:
    """Decide a side effect inside the current transaction; it is published once the transaction commits.
    Without a broker (the demo: tasks run eagerly, no beat) every commit drains the whole outbox at once."""
    message = OutboxMessage.objects.create(task_name=task_name, args=list(args))
    if current_app.conf.task_always_eager:
        transaction.on_commit(relay)
    else:
        transaction.on_commit(lambda: relay(only=[message.pk], from_request=True))


def relay(*, only: list[int] | None = None, from_request: bool = False) -> int:
    """Publish unsent messages in order; returns how many were sent. Rows are locked while they are published
    (SKIP LOCKED), so two relays never publish the same message."""
    global _broker_paused_until
    if from_request and time.monotonic() < _broker_paused_until:
        return 0
    sent = 0
    with transaction.atomic():
        pending = OutboxMessage.objects.select_for_update(skip_locked=True).filter(sent_at__isnull=True)
        if only is not None:
            pending = pending.filter(pk__in=only)
        for message in pending.order_by("id")[:RELAY_BATCH]:
            try:
                _publish(message)
            except Exception as error:  # noqa: BLE001 - kombu/redis raise many kinds; all mean "not published"
                logger.warning("outbox: %s not published (%s); the relay will retry", message, error)
                message.attempts += 1
                message.last_error = str(error)[:500]
                message.save(update_fields=["attempts", "last_error"])
                if not current_app.conf.task_always_eager:
                    _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
                break
            message.sent_at = timezone.now()
            message.save(update_fields=["sent_at"])
            sent += 1
    if sent:
        _broker_paused_until = 0.0
    return sent


def _publish(message: OutboxMessage) -> None:
    # retry=False: the broker's own timeouts (settings) bound the wait; the relay is the retry.
    current_app.tasks[message.task_name].apply_async(args=message.args, retry=False)
