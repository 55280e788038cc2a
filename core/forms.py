"""Web form pieces every screen shares."""

from decimal import Decimal, InvalidOperation

from django import forms

from core.formats import amount_from_text


def add_domain_error(form, error) -> None:
    """Show a service's refusal on the field it names (or above the form), in the user's language."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class DateInput(forms.DateInput):
    """One date style everywhere, dd/mm/jjjj typed as nl-BE reads it, not a native picker that follows the
    browser's locale (and shows mm/dd/yyyy on an English Windows). The field also takes an ISO date."""

    input_type = "text"

    def __init__(self, **kwargs):
        attrs = {
            "placeholder": "dd/mm/jjjj",
            "inputmode": "numeric",
            "autocomplete": "off",
            **kwargs.pop("attrs", {}),
        }
        super().__init__(format="%d/%m/%Y", attrs=attrs, **kwargs)


class AmountField(forms.DecimalField):
    """Euro as typed in nl-BE: "2.400,50", "2400,50" or "2400.50"; shown back with a decimal comma."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(localize=True, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        # Not Django's localized parsing: in nl it drops every point, so a pasted "2400.50" became 240050.
        if value in self.empty_values:
            return None
        try:
            return Decimal(amount_from_text(str(value)))
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
