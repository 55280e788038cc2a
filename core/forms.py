"""Web form pieces every screen shares."""

from django import forms


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
