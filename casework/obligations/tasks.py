"""The obligations' Celery tasks: the daily scan (beat) and the reminder mail (through the outbox). Both take
ids (or nothing), are idempotent (ObligationReminder's unique key, mailed_at), acknowledged late and retried
with backoff."""

from celery import shared_task

from casework.obligations import services


@shared_task(
    name="casework.obligations.scan",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def scan() -> int:
    return services.obligations_scan()


@shared_task(
    name="casework.obligations.reminder_mail",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=8,
)
def reminder_mail(reminder_id: int) -> bool:
    return services.reminder_mail(reminder_id=reminder_id)
