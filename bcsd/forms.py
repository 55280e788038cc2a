"""The secretary's forms: a meeting, and a decision recorded in the meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from bcsd.models import DecisionOutcome, Frequency
from core.forms import DateInput


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    time = forms.TimeField(label=_("Uur"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Plaats"), required=False, max_length=150)
    members = forms.ModelMultipleChoiceField(
        label=_("Leden"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    chair = forms.ModelChoiceField(
        label=_("Voorzitter"),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Roles are a JSON list: filtered here, so that the SQLite demo works as PostgreSQL does.
        member_ids = [
            user.pk for user in User.objects.filter(is_active=True) if user.has_role("committee_member")
        ]
        members = User.objects.filter(pk__in=member_ids).order_by("last_name", "first_name")
        self.fields["members"].queryset = members
        self.fields["chair"].queryset = members

    def clean_members(self):
        return list(self.cleaned_data["members"])


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Beslissing"), choices=DecisionOutcome.choices)
    motivation = forms.CharField(
        label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )
    decided_on = forms.DateField(label=_("Beslist op"), widget=DateInput())
    amount = forms.DecimalField(
        label=_("Bedrag"), required=False, max_digits=10, decimal_places=2, min_value=0
    )
    frequency = forms.ChoiceField(
        label=_("Frequentie"), choices=[("", "—"), *Frequency.choices], required=False
    )
    period_start = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    in_favour = forms.IntegerField(label=_("Voor"), required=False, min_value=0, max_value=100)
    against = forms.IntegerField(label=_("Tegen"), required=False, min_value=0, max_value=100)
    abstained = forms.IntegerField(label=_("Onthouding"), required=False, min_value=0, max_value=100)
