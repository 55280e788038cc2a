"""The secretary's forms: a meeting, and a decision recorded in the meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from bcsd.models import DecisionOutcome, Frequency, NotificationMethod, ReviewOutcome, SubmissionKind
from core.forms import DateInput


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.display_name


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    time = forms.TimeField(label=_("Uur"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Plaats"), required=False, max_length=150)
    members = MemberChoiceField(
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
        label=_("Bedrag"), required=False, max_digits=10, decimal_places=2, min_value=0, localize=True
    )
    frequency = forms.ChoiceField(
        label=_("Frequentie"), choices=[("", "—"), *Frequency.choices], required=False
    )
    period_start = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    in_favour = forms.IntegerField(label=_("Voor"), required=False, min_value=0, max_value=100)
    against = forms.IntegerField(label=_("Tegen"), required=False, min_value=0, max_value=100)
    abstained = forms.IntegerField(label=_("Onthouding"), required=False, min_value=0, max_value=100)


class SubmissionForm(forms.Form):
    """A proposal to the committee, from the dossier (optionally for one of its requests)."""

    request = forms.ChoiceField(label=_("Aanvraag"), required=False)
    kind = forms.ChoiceField(label=_("Soort"), choices=SubmissionKind.choices)
    proposal = forms.CharField(
        label=_("Ontwerpbeslissing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )
    motivation = forms.CharField(
        label=_("Motivering (feiten en rechtsgronden)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
    )
    legal_basis = forms.CharField(label=_("Rechtsgrond"), max_length=5000)
    amount = forms.DecimalField(
        label=_("Bedrag"), required=False, max_digits=10, decimal_places=2, min_value=0, localize=True
    )
    frequency = forms.ChoiceField(
        label=_("Frequentie"), choices=[("", "—"), *Frequency.choices], required=False
    )
    period_start = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Tot"), required=False, widget=DateInput())

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requests = {str(r.pk): r for r in requests}
        self.fields["request"].choices = [("", "—")] + [
            (str(r.pk), f"{r.register_number} {r.get_kind_display()}") for r in requests
        ]

    def clean_request(self):
        return self.requests.get(self.cleaned_data.get("request") or "")


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(choices=ReviewOutcome.choices)
    remarks = forms.CharField(required=False, max_length=5000)


class HearingForm(forms.Form):
    requested_on = forms.DateField(label=_("Gevraagd op"), widget=DateInput())
    scheduled_at = forms.DateTimeField(
        label=_("Gepland om"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    companion = forms.CharField(label=_("Bijgestaan door"), required=False, max_length=150)


class NotifyForm(forms.Form):
    sent_on = forms.DateField(label=_("Verstuurd op"), widget=DateInput())
    method = forms.ChoiceField(label=_("Wijze"), choices=NotificationMethod.choices)


class SanctionSubmissionForm(forms.Form):
    """A GPMI sanction proposed in activation, handed to the committee: always after the right to be heard."""

    hearing_offered_on = forms.DateField(
        label=_("Hoorrecht schriftelijk aangeboden op"), required=False, widget=DateInput()
    )
