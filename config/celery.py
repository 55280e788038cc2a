import logging
import os

from celery import Celery
from django.db import transaction

logger = logging.getLogger(__name__)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("casework")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue_after_commit(task, *args) -> None:
    """Queue a task once the transaction commits. If the broker is down the user's write stands: the task,
    idempotent by rule, runs in the request instead of being lost."""

    def send():
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - kombu/redis raise many kinds; any of them means "not queued"
            logger.warning("broker unavailable; running %s inline", task.name, exc_info=True)
            task.apply(args=args)

    transaction.on_commit(send)
