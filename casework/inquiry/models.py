"""The social inquiry of a request: documents, KSZ consultations, the social report and the advice, and the
leefloon calculations kept with it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier
from casework.leefloon.models import LeefloonCategory


class Inquiry(models.Model):
    """The social inquiry of one request; ends in a structured social report and an advice (proposal).
    `version` detects lost updates when two people edit the report."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # By name: the register (casework.register) opens the inquiry, so the inquiry does not import it.
    request = models.OneToOneField("casework.AidRequest", on_delete=models.PROTECT, related_name="inquiry")
    sworn_statement_on = models.DateField(_("verklaring op eer ondertekend op"), null=True, blank=True)
    authorisation_on = models.DateField(_("machtiging ondertekend op"), null=True, blank=True)
    hearing_right_informed_on = models.DateField(_("hoorrecht meegedeeld op"), null=True, blank=True)
    means_overview = models.TextField(_("overzicht bestaansmiddelen"), blank=True)
    situation = models.TextField(_("situatie en hulpvraag"), blank=True)
    household = models.TextField(_("gezinssituatie"), blank=True)
    means = models.TextField(_("bestaansmiddelen"), blank=True)
    housing = models.TextField(_("huisvesting"), blank=True)
    health = models.TextField(_("gezondheid"), blank=True)
    work_and_education = models.TextField(_("werk en opleiding"), blank=True)
    problem_analysis = models.TextField(_("probleemanalyse"), blank=True)
    advice = models.TextField(_("advies en voorstel"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sociaal onderzoek")
        verbose_name_plural = _("sociale onderzoeken")

    def __str__(self):
        return f"{_('Sociaal onderzoek')} {self.request.register_number}"


class InquiryDocument(models.Model):
    """A document of the checklist and whether (and when) it was received."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("document"), max_length=150)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    # Why the checklist's document does not apply to this person (no rent contract: they live with family).
    not_applicable_reason = models.CharField(_("niet van toepassing omdat"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "name"], name="inquiry_document_unique")]

    def __str__(self):
        return self.name


class KszService(models.TextChoices):
    NATIONAL_REGISTER = "national_register", _("Rijksregister (identiteit, adres, gezinssamenstelling)")
    INCOME = "income", _("Inkomsten en uitkeringen")
    EMPLOYMENT = "employment", _("Tewerkstelling (Dimona, DmfA)")
    UNEMPLOYMENT = "unemployment", _("Werkloosheid (RVA)")
    HEALTH_INSURANCE = "health_insurance", _("Ziekte- en invaliditeitsverzekering")
    PENSIONS = "pensions", _("Pensioenen")
    FAMILY_BENEFITS = "family_benefits", _("Gezinsbijslag (Groeipakket)")
    PROPERTY = "property", _("Kadaster (onroerende goederen)")
    DISABILITY = "disability", _("Tegemoetkomingen personen met een handicap")
    OTHER = "other", _("Andere")


class KszConsultation(models.Model):
    """A consultation of the Crossroads Bank for Social Security: who, when, which service, why. It is also
    written to the access log (KSZ minimum security norms)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="ksz_consultations")
    request = models.ForeignKey(
        "casework.AidRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ksz_consultations",
    )
    service = models.CharField(_("dienst"), max_length=30, choices=KszService.choices)
    purpose = models.CharField(_("doel"), max_length=300)
    consulted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    consulted_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-consulted_at"]

    def __str__(self):
        return f"{self.get_service_display()} ({self.consulted_at:%d/%m/%Y})"


class LeefloonCalculation(models.Model):
    """A calculation kept with a request's inquiry, so that a committee submission carries the calculation
    it was based on: its inputs, the rate used, every line and the result."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="calculations")
    kind = models.CharField(max_length=30, default="leefloon")
    category = models.PositiveSmallIntegerField(choices=LeefloonCategory.choices)
    reference_date = models.DateField()
    rate_valid_from = models.DateField()
    inputs = models.JSONField()
    lines = models.JSONField()
    yearly_amount = models.DecimalField(max_digits=10, decimal_places=2)
    monthly_amount = models.DecimalField(max_digits=10, decimal_places=2)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_category_display()} {self.reference_date:%d/%m/%Y}: € {self.monthly_amount}/maand"


class InquiryReportDraft(models.Model):
    """What one worker typed in the report and has not saved yet, kept on the server (never in the browser's
    storage: a shared PC at the counter) and put back after a reload or a lost connection; gone once the
    report is saved. A scratch pad of the worker's own, so no history: the saved report keeps its history."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fields = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField()  # the report's version the typing started from
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["inquiry", "user"], name="one_report_draft_per_user")]

    def __str__(self):
        return f"{self.inquiry_id} · {self.user_id} · {self.saved_at:%Y-%m-%d %H:%M}"
