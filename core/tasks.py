from celery import shared_task

from core import outbox


@shared_task(name="core.relay_outbox", ignore_result=True)
def relay_outbox() -> int:
    """Beat runs this every few seconds: what a request could not publish goes once the broker answers."""
    return outbox.relay()
