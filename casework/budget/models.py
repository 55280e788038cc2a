"""Budget guidance, budget management and debt mediation: debts, payment plans and their instalments."""

import uuid
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier


class DebtStatus(models.TextChoices):
    OPEN = "open", _("openstaand")
    IN_PLAN = "in_plan", _("in afbetalingsplan")
    DISPUTED = "disputed", _("betwist")
    SETTLED = "settled", _("afgelost")


class Debt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="debts")
    creditor = models.CharField(_("schuldeiser"), max_length=150)
    reference = models.CharField(_("referentie"), max_length=100, blank=True)
    amount = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    status = models.CharField(max_length=10, choices=DebtStatus.choices, default=DebtStatus.OPEN)
    noted_on = models.DateField(_("genoteerd op"), default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        ordering = ["creditor"]

    def __str__(self):
        return f"{self.creditor}: € {self.amount}"


class PaymentPlanStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    AGREED = "agreed", _("akkoord")
    DEFAULTED = "defaulted", _("niet nageleefd")
    COMPLETED = "completed", _("afgerond")


class PaymentPlan(models.Model):
    """A payment plan agreed with the client and a creditor; its instalments follow from it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    debt = models.ForeignKey(Debt, on_delete=models.PROTECT, related_name="payment_plans")
    instalment_amount = models.DecimalField(
        _("afbetaling"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    first_due_on = models.DateField(_("eerste vervaldag"))
    agreed_with_client_on = models.DateField(null=True, blank=True)
    agreed_with_creditor_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=PaymentPlanStatus.choices, default=PaymentPlanStatus.PROPOSED
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.debt.creditor}: € {self.instalment_amount}/maand"


class Instalment(models.Model):
    plan = models.ForeignKey(PaymentPlan, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("vervaldag"))
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["plan", "due_on"], name="instalment_unique_due")]

    def __str__(self):
        return f"{self.due_on:%d/%m/%Y} € {self.amount}"
