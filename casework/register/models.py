"""The register of applications (RMI law 26 May 2002, KB 11 July 2002): register, receipt, 30 days,
forwarding; and the document checklist per kind of request."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier


class RequestKind(models.TextChoices):
    LEEFLOON = "leefloon", _("leefloon")
    EQUIVALENT_LEEFLOON = "equivalent_leefloon", _("equivalent leefloon")
    FINANCIAL_AID = "financial_aid", _("financiële steun")
    RENTAL_DEPOSIT = "rental_deposit", _("huurwaarborg")
    HEATING_ALLOWANCE = "heating_allowance", _("verwarmingstoelage")
    MEDICAL_CARD = "medical_card", _("medische kaart")
    BUDGET_GUIDANCE = "budget_guidance", _("budgetbegeleiding")
    BUDGET_MANAGEMENT = "budget_management", _("budgetbeheer")
    DEBT_MEDIATION = "debt_mediation", _("schuldbemiddeling")
    ADVANCE = "advance", _("voorschot")
    ARTICLE_60 = "article_60", _("tewerkstelling art. 60 §7")
    OTHER = "other", _("andere")


class RequestChannel(models.TextChoices):
    ORAL = "oral", _("mondeling")
    WRITTEN = "written", _("schriftelijk")
    EMAIL = "email", _("e-mail")


class RequestStatus(models.TextChoices):
    REGISTERED = "registered", _("geregistreerd")
    IN_INQUIRY = "in_inquiry", _("in onderzoek")
    PROPOSED = "proposed", _("voorgesteld")
    DECIDED = "decided", _("beslist")
    NOTIFIED = "notified", _("kennisgegeven")
    FORWARDED = "forwarded", _("doorgestuurd")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class RegisterCounter(models.Model):
    """The last register number used per calendar year; locked while a number is taken, so numbers are
    gapless and unique even when two workers register at the same moment."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_serial = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}/{self.last_serial:06d}"


class AidRequest(models.Model):
    """An application (aanvraag), entered in the register on the day it is received."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(_("soort"), max_length=30, choices=RequestKind.choices)
    description = models.TextField(_("hulpvraag"), blank=True)
    received_on = models.DateField(_("ontvangen op"))
    channel = models.CharField(_("kanaal"), max_length=10, choices=RequestChannel.choices, default="oral")
    register_year = models.PositiveSmallIntegerField(editable=False)
    register_serial = models.PositiveIntegerField(editable=False)
    register_number = models.CharField(_("registernummer"), max_length=11, unique=True, editable=False)
    decision_due = models.DateField(_("beslissing uiterlijk"))
    status = models.CharField(max_length=15, choices=RequestStatus.choices, default=RequestStatus.REGISTERED)
    forwarded_to = models.CharField(_("doorgestuurd naar OCMW"), max_length=150, blank=True)
    forward_reasons = models.TextField(_("redenen van doorsturen"), blank=True)
    forwarded_on = models.DateField(_("doorgestuurd op"), null=True, blank=True)
    forward_due = models.DateField(_("doorsturen uiterlijk"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Why a request was entered more than a few days after it was received (a team lead's reason).
    late_registration_reason = models.TextField(_("reden van late registratie"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-register_year", "-register_serial"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["register_year", "register_serial"], name="request_register_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status", "decision_due"], name="request_status_due"),
            # The head of service's dashboard (casework/aggregates.py): requests of a period, forwardings, and
            # the receipt date beside a decision (bcsd/aggregates.py), read from the index alone.
            models.Index(fields=["received_on"], include=["kind", "dossier"], name="request_received_on"),
            models.Index(fields=["id"], include=["received_on"], name="request_received_by_id"),
            models.Index(
                fields=["forwarded_on"],
                condition=models.Q(forwarded_on__isnull=False),
                name="request_forwarded_on",
            ),
        ]

    def __str__(self):
        return f"{self.register_number} {self.get_kind_display()}"


class RequiredDocument(models.Model):
    """The document checklist per kind of request: configuration, edited in the admin."""

    request_kind = models.CharField(_("soort aanvraag"), max_length=30, choices=RequestKind.choices)
    name = models.CharField(_("document"), max_length=150)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["request_kind", "order", "name"]
        verbose_name = _("vereist document")
        verbose_name_plural = _("vereiste documenten")
        constraints = [
            models.UniqueConstraint(fields=["request_kind", "name"], name="required_document_unique")
        ]

    def __str__(self):
        return f"{self.get_request_kind_display()}: {self.name}"
