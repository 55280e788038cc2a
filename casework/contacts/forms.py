from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.contacts.models import Channel


class ContactForm(forms.Form):
    """The quick contact: the fastest form of the product, so only the summary needs typing."""

    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        help_text=_("Ctrl+Enter bewaart."),
    )
    channel = forms.ChoiceField(label=_("Kanaal"), choices=Channel.choices, initial=Channel.OFFICE)
    occurred_at = forms.DateTimeField(
        label=_("Tijdstip"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=0, max_value=24 * 60, required=False
    )
    participants = forms.CharField(label=_("Deelnemers"), max_length=300, required=False)
    findings = forms.CharField(
        label=_("Vaststellingen (huisbezoek)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confidential = forms.BooleanField(label=_("Vertrouwelijk"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
