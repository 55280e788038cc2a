from celery import shared_task
from django.utils import timezone
from knox.models import AuthToken


@shared_task(name="accounts.delete_expired_api_tokens", ignore_result=True)
def delete_expired_api_tokens() -> int:
    """Expired API tokens are of no use to anyone: beat removes them every hour."""
    deleted, _per_model = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
