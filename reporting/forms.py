from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from reporting.models import ExportFormat, ExportKind

PERIOD_CHOICES = [("month", _("maand")), ("quarter", _("kwartaal")), ("year", _("jaar"))]


class PeriodForm(forms.Form):
    """The dashboard's period and team (a GET form: the page's address says what it shows)."""

    periode = forms.ChoiceField(label=_("Periode"), choices=PERIOD_CHOICES, required=False)
    datum = forms.DateField(
        label=_("Een dag in de periode"),
        required=False,
        widget=DateInput(attrs={"aria-describedby": "datum-help"}),
    )
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("Alle teams")), *((team.code, team.name) for team in teams)]


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Wat"), choices=ExportKind.choices)
    format = forms.ChoiceField(label=_("Formaat"), choices=ExportFormat.choices, initial=ExportFormat.XLSX)
    van = forms.DateField(widget=forms.HiddenInput)
    tot = forms.DateField(widget=forms.HiddenInput)
    team = forms.CharField(widget=forms.HiddenInput, required=False)
