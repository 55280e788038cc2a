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

    name = forms.CharField(label=_("Document"), max_length=rules.DOCUMENT_NAME_MAX_LENGTH)
    received = forms.BooleanField(required=False)
    not_applicable_reason = forms.CharField(
        label=_("Niet van toepassing omdat"), max_length=300, required=False
    )


RESOURCE_ROWS = 6
OWN_HOME = "cadastral_income_own_home"  # a choice of the form: kind cadastral_income with own_home
# The kinds in plain Dutch for the worker (the lines of the motivation keep the rules' labels).
CALCULATOR_KINDS = [
    ("", "—"),
    ("earned_income", _("Loon of andere inkomsten uit werk")),
    ("replacement_income", _("Uitkering (werkloosheid, ziekte, pensioen, ...)")),
    ("partner_income", _("Inkomsten van de partner")),
    ("relative_income", _("Inkomsten van een samenwonende ouder of meerderjarig kind")),
    ("maintenance_received", _("Onderhoudsgeld voor de aanvrager")),
    ("maintenance_for_children", _("Onderhoudsgeld voor de kinderen (telt niet mee)")),
    ("child_benefit", _("Groeipakket (telt niet mee)")),
    ("study_grant", _("Studiebeurs (telt niet mee)")),
    ("capital", _("Spaargeld en beleggingen (het bedrag dat er staat)")),
    (OWN_HOME, _("Kadastraal inkomen van de eigen woning")),
    ("cadastral_income", _("Kadastraal inkomen van een ander huis of grond")),
    ("property_income", _("Andere inkomsten uit eigendom")),
    ("other", _("Andere bestaansmiddelen")),
]


class CalculatorForm(forms.Form):
    category = forms.TypedChoiceField(
        label=_("Categorie"),
        coerce=int,
        choices=[
            (category, f"{category} {label}") for category, label in leefloon_rules.CATEGORY_LABELS.items()
        ],
    )
    reference_date = forms.DateField(label=_("Referentiedatum"), widget=DateInput())
    children_in_care = forms.IntegerField(
        label=_("Aantal kinderen ten laste"), min_value=0, max_value=30, initial=0, required=False
    )
    apply_general_exemption = forms.BooleanField(label=_("Algemene vrijstelling toepassen"), required=False)
    apply_spi_exemption = forms.BooleanField(
        label=_("SPI-vrijstelling op inkomsten uit werk"), required=False
    )
    spi_first_used_on = forms.DateField(
        label=_("SPI-vrijstelling voor het eerst gekregen op (leeg: nog nooit)"),
        widget=DateInput(),
        required=False,
    )
    spi_months_used = forms.IntegerField(
        label=_("Maanden SPI-vrijstelling al gekregen"), min_value=0, max_value=72, initial=0, required=False
    )
    count_relative_income = forms.BooleanField(
        label=_("Inkomsten van samenwonende ouders of meerderjarige kinderen meetellen"), required=False
    )
    relative_income_reason = forms.CharField(label=_("Reden"), required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(RESOURCE_ROWS):
            self.fields[f"kind_{row}"] = forms.ChoiceField(
                label=_("Soort"), choices=CALCULATOR_KINDS, required=False
            )
            self.fields[f"amount_{row}"] = forms.DecimalField(
                label=_("Bedrag (€)"), max_digits=12, decimal_places=2, min_value=0, required=False
            )
            self.fields[f"description_{row}"] = forms.CharField(
                label=_("Omschrijving"), max_length=200, required=False
            )
            self.fields[f"person_{row}"] = forms.CharField(
                label=_("Welke verwant"), max_length=100, required=False
            )
            self.fields[f"share_{row}"] = forms.DecimalField(
                label=_("Deel dat meetelt (%)"),
                max_digits=5,
                decimal_places=2,
                min_value=0,
                max_value=100,
                required=False,
            )

    def resource_rows(self):
        return [
            (
                self[f"kind_{row}"],
                self[f"amount_{row}"],
                self[f"description_{row}"],
                self[f"person_{row}"],
                self[f"share_{row}"],
            )
            for row in range(RESOURCE_ROWS)
        ]

    def clean(self):
        cleaned = super().clean()
        for row in range(RESOURCE_ROWS):
            if cleaned.get(f"kind_{row}") and cleaned.get(f"amount_{row}") is None:
                self.add_error(f"amount_{row}", _("Geef het bedrag."))
        return cleaned

    def resources(self):
        data = self.cleaned_data
        resources = []
        for row in range(RESOURCE_ROWS):
            kind = data.get(f"kind_{row}")
            if not kind:
                continue
            share = data.get(f"share_{row}")
            resources.append(
                leefloon_rules.Resource(
                    "cadastral_income" if kind == OWN_HOME else kind,
                    data[f"amount_{row}"],
                    data[f"description_{row}"],
                    person=data[f"person_{row}"].strip() if kind == "relative_income" else "",
                    counted_share=share if share is not None else leefloon_rules.HUNDRED,
                    own_home=kind == OWN_HOME,
                )
            )
        return resources

    def service_inputs(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data["category"],
            "reference_date": data["reference_date"],
            "resources": self.resources(),
            "apply_general_exemption": data["apply_general_exemption"],
            "count_relative_income": data["count_relative_income"],
            "relative_income_reason": data["relative_income_reason"],
            "apply_spi_exemption": data["apply_spi_exemption"],
            "spi_first_used_on": data["spi_first_used_on"],
            "spi_months_used": data["spi_months_used"] or 0,
            "children_in_care": data["children_in_care"] or 0,
        }
