"""Side effects after commit (architecture rule 8). A service names the task instead of importing it, so that
services and tasks (which call services) never import each other."""

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_after_commit(task_name: str, *args) -> None:
    """Queue a task once the transaction commits. If the broker is down the user's write stands: the task,
    idempotent by rule, runs in the request instead of being lost."""

    def send():
        task = current_app.tasks[task_name]
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - kombu/redis raise many kinds; any of them means "not queued"
            logger.warning("broker unavailable; running %s inline", task_name, exc_info=True)
            task.apply(args=args)

    transaction.on_commit(send)
