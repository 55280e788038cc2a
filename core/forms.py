"""Web form pieces every screen shares."""

from django import forms


def add_domain_error(form, error) -> None:
    """Show a service's refusal on the field it names (or above the form), in the user's language."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
