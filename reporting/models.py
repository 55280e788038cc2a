"""Reporting writes nothing of the other apps; it keeps its own parameters (the subsidy rates) and the
exports it made."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Team


class SubsidyRate(models.Model):
    """The federal subsidy of the leefloon (domain §3, §10) from a date on: the rate at a monthly volume of
    beneficiaries and the bonus during a GPMI's first year. Dated data, never code: the 2026 reform of the
    unemployment benefits changes it (a new row per change)."""

    valid_from = models.DateField(_("geldig vanaf"))
    beneficiaries_from = models.PositiveIntegerField(
        _("vanaf aantal leefloongerechtigden per maand"), default=0
    )
    rate = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    gpmi_bonus = models.DecimalField(_("extra percentage eerste jaar GPMI"), max_digits=5, decimal_places=2)
    source = models.CharField(_("bron"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "beneficiaries_from"]
        verbose_name = _("subsidiepercentage leefloon")
        verbose_name_plural = _("subsidiepercentages leefloon")
        constraints = [
            models.UniqueConstraint(fields=["valid_from", "beneficiaries_from"], name="subsidy_rate_unique")
        ]

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y} ≥ {self.beneficiaries_from}: {self.rate} % (+{self.gpmi_bonus} %)"


class ExportKind(models.TextChoices):
    REQUESTS = "requests", _("aanvragen")
    DECISIONS = "decisions", _("beslissingen")
    GPMI = "gpmi", _("GPMI's")
    ACTIVATION = "activation", _("activeringstrajecten")
    CASELOAD = "caseload", _("caseload per medewerker")
    KPIS = "kpis", _("kerncijfers")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class ReportExport(models.Model):
    """An export of the department's figures or of a list behind them, made by a Celery task
    (reporting.tasks.report_export) with its progress here; downloadable by the requester only, deleted
    after REPORTING_EXPORT_RETENTION_HOURS. The file is kept in the row (web and worker share no disk)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ExportKind.choices)
    format = models.CharField(max_length=4, choices=ExportFormat.choices)
    date_from = models.DateField()
    date_to = models.DateField()
    # None: all teams (the head of service).
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    content = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export van cijfers")
        verbose_name_plural = _("exports van cijfers")

    def __str__(self):
        return f"{self.kind} {self.date_from}–{self.date_to} {self.format} {self.status}"

    @property
    def progress(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.{self.format}"
