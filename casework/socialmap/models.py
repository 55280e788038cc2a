"""The social map (sociale kaart) and closed-loop referrals to its partners."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier


class Partner(models.Model):
    """An organisation of the social map. Configuration data, edited in the admin."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=150, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(_("adres"), max_length=250, blank=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("sociale kaart")

    def __str__(self):
        return self.name


class PartnerService(models.Model):
    """A service of a partner, with the fields of an Open Referral (HSDS) service record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True)
    eligibility = models.TextField(_("voor wie"), blank=True)
    application_process = models.TextField(_("hoe aanvragen"), blank=True)
    required_documents = models.TextField(_("mee te brengen documenten"), blank=True)
    languages = models.CharField(_("talen"), max_length=150, blank=True)
    service_area = models.CharField(_("werkgebied"), max_length=150, blank=True)
    contact = models.CharField(_("contact"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name", "name"]
        constraints = [models.UniqueConstraint(fields=["partner", "name"], name="partner_service_unique")]

    def __str__(self):
        return f"{self.partner}: {self.name}"


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    SENT = "sent", _("verstuurd")
    ACCEPTED = "accepted", _("aanvaard")
    DECLINED = "declined", _("geweigerd")
    COMPLETED = "completed", _("afgerond")


class Referral(models.Model):
    """A warm, closed-loop referral: proposed, sent, answered by the partner, completed with feedback."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="referrals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(
        PartnerService, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reden"))
    status = models.CharField(max_length=15, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED)
    feedback = models.TextField(_("terugkoppeling van de partner"), blank=True)
    feedback_due = models.DateField(_("terugkoppeling verwacht tegen"), null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "feedback_due"], name="referral_status_due")]

    def __str__(self):
        return f"{self.partner} ({self.get_status_display()})"
