from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from casework import rules
from casework.models import Channel, Inquiry, KszService, ProblemDomain, RequestChannel, RequestKind
from casework.services import MINIMUM_BREAK_GLASS_REASON


def add_domain_error(form, error) -> None:
    """Show a service's refusal on the field it names (or above the form), in the user's language."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        # The prompt is the whole page: typing the reason starts at once (and the dialog has focus).
        widget=forms.Textarea(attrs={"rows": 2, "autofocus": True}),
        help_text=_("Minstens 10 tekens, bv. “collega ziek, dringende vraag aan het onthaal”."),
    )

    def clean_reason(self):
        # Checked here rather than by the browser, so the message is the same in every browser and language.
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < MINIMUM_BREAK_GLASS_REASON:
            raise forms.ValidationError(_("Geef een reden van minstens 10 tekens."))
        return reason


class DossierOpenForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), to_field_name="code")
    social_worker = forms.ModelChoiceField(
        label=_("Maatschappelijk werker"),
        queryset=User.objects.filter(is_active=True, team__isnull=False)
        .select_related("team")
        .order_by("first_name", "last_name"),
        to_field_name="username",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A name a colleague recognises, with the team, instead of a login name.
        self.fields["social_worker"].label_from_instance = lambda user: f"{user.display_name} ({user.team})"


class RequestRegisterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort aanvraag"), choices=RequestKind.choices)
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Kanaal"), choices=RequestChannel.choices)
    description = forms.CharField(
        label=_("Hulpvraag"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class KszForm(forms.Form):
    service = forms.ChoiceField(label=_("Dienst"), choices=KszService.choices)
    purpose = forms.CharField(label=_("Doel van de raadpleging"), max_length=300, min_length=5)


INQUIRY_TEXT_FIELDS = [
    "situation",
    "household",
    "means",
    "housing",
    "health",
    "work_and_education",
    "problem_analysis",
    "advice",
]


class InquiryForm(forms.ModelForm):
    """The social report in its sections; `version` is the one the worker read, to detect lost updates."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Inquiry
        fields = ["sworn_statement_on", "authorisation_on", "hearing_right_informed_on", *INQUIRY_TEXT_FIELDS]
        widgets = {
            "sworn_statement_on": DateInput(),
            "authorisation_on": DateInput(),
            "hearing_right_informed_on": DateInput(),
            **{field: forms.Textarea(attrs={"rows": 3}) for field in INQUIRY_TEXT_FIELDS},
        }

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for field in ("sworn_statement_on", "authorisation_on", "hearing_right_informed_on"):
            if cleaned.get(field) and cleaned[field] > today:
                self.add_error(field, _("Deze datum kan niet in de toekomst liggen."))
        return cleaned


RESOURCE_ROWS = 4


class CalculatorForm(forms.Form):
    category = forms.TypedChoiceField(
        label=_("Categorie"),
        coerce=int,
        choices=[
            (1, _("1 samenwonende")),
            (2, _("2 alleenstaande")),
            (3, _("3 persoon met gezin ten laste")),
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
        kinds = [("", "—"), *rules.RESOURCE_LABELS.items()]
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
            rules.Resource(data[f"kind_{row}"], data[f"amount_{row}"], data[f"description_{row}"])
            for row in range(RESOURCE_ROWS)
            if data.get(f"kind_{row}")
        ]


GOAL_ROWS = 4


class HelpPlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    agreed_with_client_on = forms.DateField(
        label=_("Besproken met de cliënt op"), widget=DateInput(), required=False
    )
    next_evaluation_on = forms.DateField(label=_("Volgende evaluatie"), widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in range(GOAL_ROWS):
            self.fields[f"domain_{row}"] = forms.ChoiceField(
                label=_("Domein"), choices=[("", "—"), *ProblemDomain.choices], required=False
            )
            self.fields[f"priority_{row}"] = forms.IntegerField(
                label=_("Prioriteit"), min_value=1, required=False
            )
            self.fields[f"description_{row}"] = forms.CharField(
                label=_("Doel"), max_length=2000, required=False
            )
            self.fields[f"target_{row}"] = forms.DateField(
                label=_("Streefdatum"), widget=DateInput(), required=False
            )
            self.fields[f"action_{row}"] = forms.CharField(label=_("Actie"), max_length=2000, required=False)
            self.fields[f"owner_{row}"] = forms.CharField(label=_("Wie"), max_length=150, required=False)
            self.fields[f"due_{row}"] = forms.DateField(label=_("Tegen"), widget=DateInput(), required=False)

    def goal_rows(self):
        names = ["domain", "priority", "description", "target", "action", "owner", "due"]
        return [[self[f"{name}_{row}"] for name in names] for row in range(GOAL_ROWS)]

    def clean(self):
        cleaned = super().clean()
        for row in range(GOAL_ROWS):
            if cleaned.get(f"domain_{row}"):
                for name in ("priority", "description"):
                    if not cleaned.get(f"{name}_{row}"):
                        self.add_error(f"{name}_{row}", _("Dit veld is vereist."))
                if cleaned.get(f"action_{row}") and not cleaned.get(f"owner_{row}"):
                    self.add_error(f"owner_{row}", _("Wie voert deze actie uit?"))
        return cleaned

    def goals(self):
        data = self.cleaned_data
        goals = []
        for row in range(GOAL_ROWS):
            if not data.get(f"domain_{row}"):
                continue
            actions = []
            if data.get(f"action_{row}"):
                actions.append(
                    {
                        "description": data[f"action_{row}"],
                        "owner": data[f"owner_{row}"],
                        "due_on": data[f"due_{row}"],
                    }
                )
            goals.append(
                {
                    "domain": data[f"domain_{row}"],
                    "priority": data[f"priority_{row}"],
                    "description": data[f"description_{row}"],
                    "target_date": data[f"target_{row}"],
                    "actions": actions,
                }
            )
        return goals

    @staticmethod
    def initial_from(plan) -> dict:
        initial = {
            "version": plan.version,
            "agreed_with_client_on": plan.agreed_with_client_on,
            "next_evaluation_on": plan.next_evaluation_on,
        }
        for row, goal in enumerate(list(plan.goals.all())[:GOAL_ROWS]):
            action = next(iter(goal.actions.all()), None)
            initial |= {
                f"domain_{row}": goal.domain,
                f"priority_{row}": goal.priority,
                f"description_{row}": goal.description,
                f"target_{row}": goal.target_date,
                f"action_{row}": action.description if action else "",
                f"owner_{row}": action.owner if action else "",
                f"due_{row}": action.due_on if action else None,
            }
        return initial


class ReferralForm(forms.Form):
    partner = forms.ChoiceField(label=_("Partner"))
    reason = forms.CharField(
        label=_("Reden van doorverwijzing"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    feedback_due = forms.DateField(
        label=_("Terugkoppeling verwacht tegen"), widget=DateInput(), required=False
    )

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "—"), *((str(p.pk), p.name) for p in partners)]


class CaseConferenceForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    internal_participants = forms.ModelMultipleChoiceField(
        label=_("Collega's"),
        queryset=User.objects.filter(is_active=True, team__isnull=False).order_by("first_name"),
        to_field_name="username",
        required=False,
    )
    external_participants = forms.CharField(
        label=_("Externe deelnemers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    client_present = forms.BooleanField(label=_("Cliënt aanwezig"), required=False)
    agreements = forms.CharField(
        label=_("Afspraken"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DebtForm(forms.Form):
    creditor = forms.CharField(label=_("Schuldeiser"), max_length=150)
    reference = forms.CharField(label=_("Referentie"), max_length=100, required=False)
    amount = forms.DecimalField(
        label=_("Bedrag (€)"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )


class PaymentPlanForm(forms.Form):
    instalment_amount = forms.DecimalField(
        label=_("Afbetaling per maand (€)"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    first_due_on = forms.DateField(label=_("Eerste vervaldag"), widget=DateInput())
