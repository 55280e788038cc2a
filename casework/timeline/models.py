"""What happened in a dossier besides its contacts: a committee decision, an activation phase, a letter sent.
The apps above casework record these through timeline.services; the dossier page shows them with the contacts,
so the social worker follows every step (journeys 3 and 5)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier


class TimelineEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="timeline_events")
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    # Which app and what kind ("bcsd.decision", "activation.phase_change"): filters and icons, not prose.
    kind = models.CharField(_("soort"), max_length=60)
    title = models.CharField(_("titel"), max_length=200)
    detail = models.TextField(_("toelichting"), blank=True)
    # Where the worker reads more (a decision, a trajectory); a path inside the product.
    link = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        indexes = [models.Index(fields=["dossier", "-occurred_at"], name="timeline_dossier_time")]

    def __str__(self):
        return f"{self.title} ({self.occurred_at:%d/%m/%Y})"
