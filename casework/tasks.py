from celery import shared_task

# Module imports both ways (services queues this task, the task calls a service): names resolve at call time.
from casework import services


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def notify_team_lead_of_break_glass(grant_id: str) -> None:
    services.break_glass_notify_team_leads(grant_id=grant_id)
