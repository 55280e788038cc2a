from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from casework.helpplan.models import ProblemDomain
from core.forms import DateInput

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
