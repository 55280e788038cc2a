"""The social dossier, its assignment and temporary access of colleagues outside the team."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Team
from clients.models import Client


class DossierStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("afgesloten")


class Dossier(models.Model):
    """The social dossier: one per client per service episode."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The readable dossier number (2026-00123) printed on screens, receipts and letters; given when the
    # dossier is opened (casework.dossiers.services), per year of opening.
    number = models.CharField(_("dossiernummer"), max_length=12, unique=True, null=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="dossiers")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="dossiers")
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="caseload"
    )
    # Set by the activation app when a trajectory starts (a higher app calls a casework service).
    activation_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="coached"
    )
    status = models.CharField(max_length=10, choices=DossierStatus.choices, default=DossierStatus.OPEN)
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)
    # Sensitive dossiers (the client is a staff member or a mandatary): only the people listed may open it.
    restricted = models.BooleanField(default=False)
    restricted_to = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    # The client's name, copied by the database (triggers of migration 0018, on every write of the dossier and
    # every change of the name), so that a caseload sorts by name without joining every client
    # (docs/decisions/0073). Never set by the code; not part of the dossier's history.
    client_last_name = models.CharField(max_length=100, default="", editable=False)
    client_first_name = models.CharField(max_length=100, default="", editable=False)

    history = HistoricalRecords(
        m2m_fields=[restricted_to], excluded_fields=["client_last_name", "client_first_name"]
    )

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(status="open"), name="dossier_one_open_per_client"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | Q(status="closed", closed_on__isnull=False),
                name="dossier_closed_on_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.client} ({self.opened_on:%d/%m/%Y})"

    @property
    def reference(self) -> str:
        """The dossier number; a dossier made outside the services (tests, imports) shows its id's start."""
        return self.number or f"D-{str(self.id)[:8].upper()}"


class DossierCounter(models.Model):
    """The last dossier number given per year; locked while a number is taken, so numbers are unique and
    gapless even when two dossiers are opened at the same moment."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_serial = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}-{self.last_serial:05d}"


class BreakGlassCategory(models.TextChoices):
    ABSENT_COLLEAGUE = "absent_colleague", _("collega afwezig")
    COUNTER = "counter", _("vraag aan het onthaal")
    EMERGENCY = "emergency", _("noodsituatie")
    OTHER = "other", _("andere")


class BreakGlassAccess(models.Model):
    """Temporary access of a colleague outside the team, with the reason given. Never updated."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A category the DPO can count, beside the free text a reader can judge.
    category = models.CharField(
        _("soort reden"), max_length=20, choices=BreakGlassCategory.choices, default=BreakGlassCategory.OTHER
    )
    reason = models.CharField(max_length=500)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"], name="breakglass_user_expiry")]

    def __str__(self):
        return f"{self.user} → {self.dossier} ({self.granted_at:%d/%m/%Y %H:%M})"
