from django.db import models
from django.db.models import Q


class OutboxMessage(models.Model):
    """A side effect decided inside a write (a notification to send, a letter to render), stored in the same
    transaction and relayed to the broker after it (a transactional outbox): a broker that is down or stalled
    never holds the user's request, and nothing decided is lost."""

    id = models.BigAutoField(primary_key=True)
    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="outbox_unsent")]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"
