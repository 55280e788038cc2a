from django import forms
from django.utils.translation import gettext_lazy as _

from casework.inquiry import rules
from casework.inquiry.models import Inquiry, KszService
from casework.leefloon import rules as leefloon_rules
from core.forms import DateInput


class KszForm(forms.Form):
    service = forms.ChoiceField(label=_("Dienst"), choices=KszService.choices)
    purpose = forms.CharField(
        label=_("Doel van de raadpleging"), max_length=300, min_length=rules.KSZ_PURPOSE_MIN_LENGTH
    )


INQUIRY_TEXT_FIELDS = [*rules.REPORT_SECTIONS, "advice"]


class InquiryForm(forms.ModelForm):
    """The social report in its sections; `version` is the one the worker read, to detect lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Inquiry
        fields = [*rules.INQUIRY_DATES, *INQUIRY_TEXT_FIELDS]
        widgets = {
            **{field: DateInput() for field in rules.INQUIRY_DATES},
            **{field: forms.Textarea(attrs={"rows": 3}) for field in INQUIRY_TEXT_FIELDS},
        }

    # Dates in the future are refused by the service (inquiry_update), shown on their field.


class DocumentMarkForm(forms.Form):
    """A ticked (or unticked) document of the checklist."""

    name = forms.CharField(max_length=rules.DOCUMENT_NAME_MAX_LENGTH)
    received = forms.BooleanField(required=False)


RESOURCE_ROWS = 4


class CalculatorForm(forms.Form):
    category = forms.TypedChoiceField(
        label=_("Categorie"),
        coerce=int,
        choices=[
            (category, f"{category} {label}") for category, label in leefloon_rules.CATEGORY_LABELS.items()
        ],
    )
    reference_date = forms.DateField(label=_("Referentiedatum"), widget=DateInput())
    apply_general_exemption = forms.BooleanField(label=_("Algemene vrijstelling toepassen"), required=False)
    apply_spi_exemption = forms.BooleanField(
        label=_("SPI-vrijstelling op inkomsten uit arbeid"), required=False
    )
    count_relative_income = forms.BooleanField(label=_("Inkomsten van verwanten meetellen"), required=False)
    relative_income_reason = forms.CharField(label=_("Reden"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = [("", "—"), *leefloon_rules.RESOURCE_LABELS.items()]
        for row in range(RESOURCE_ROWS):
            self.fields[f"kind_{row}"] = forms.ChoiceField(label=_("Soort"), choices=kinds, required=False)
            self.fields[f"amount_{row}"] = forms.DecimalField(
                label=_("Bedrag per jaar (€)"), max_digits=12, decimal_places=2, min_value=0, required=False
            )
            self.fields[f"description_{row}"] = forms.CharField(
                label=_("Omschrijving"), max_length=200, required=False
            )

    def resource_rows(self):
        return [
            (self[f"kind_{row}"], self[f"amount_{row}"], self[f"description_{row}"])
            for row in range(RESOURCE_ROWS)
        ]

    def clean(self):
        cleaned = super().clean()
        for row in range(RESOURCE_ROWS):
            if cleaned.get(f"kind_{row}") and cleaned.get(f"amount_{row}") is None:
                self.add_error(f"amount_{row}", _("Geef het bedrag per jaar."))
        return cleaned

    def resources(self):
        data = self.cleaned_data
        return [
            leefloon_rules.Resource(data[f"kind_{row}"], data[f"amount_{row}"], data[f"description_{row}"])
            for row in range(RESOURCE_ROWS)
            if data.get(f"kind_{row}")
        ]
