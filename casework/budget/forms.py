from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField, DateInput


class DebtForm(forms.Form):
    creditor = forms.CharField(label=_("Schuldeiser"), max_length=150)
    reference = forms.CharField(label=_("Referentie"), max_length=100, required=False)
    amount = AmountField(label=_("Bedrag (€)"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"))


class PaymentPlanForm(forms.Form):
    instalment_amount = AmountField(
        label=_("Afbetaling per maand (€)"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    first_due_on = forms.DateField(label=_("Eerste vervaldag"), widget=DateInput())


class InstalmentPaidForm(forms.Form):
    """The instalment ticked as paid, by its due date (the hidden field of its row)."""

    due_on = forms.DateField(input_formats=["%Y-%m-%d"])
