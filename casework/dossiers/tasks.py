from celery import shared_task

from casework.dossiers import services


@shared_task(
    name="casework.tasks.notify_team_lead_of_break_glass",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def notify_team_lead_of_break_glass(grant_id: str) -> None:
    services.break_glass_notify_team_leads(grant_id=grant_id)
