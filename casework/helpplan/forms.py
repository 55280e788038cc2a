from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from casework.helpplan.models import GoalStatus, ProblemDomain
from core.forms import DateInput

# Empty rows under the plan's goals: a new goal is typed there; after a save there are again this many.
EMPTY_GOAL_ROWS = 2
MAX_GOAL_ROWS = 40
GOAL_COLUMNS = ["domain", "priority", "description", "target", "status"]


class HelpPlanForm(forms.Form):
    """The plan's goals, as many as it has and two empty rows; their actions are edited one by one beside
    it (HelpPlanActionForm), so saving the goals never rewrites an action."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)  # read by _row_count
    agreed_with_client_on = forms.DateField(
        label=_("Besproken met de cliënt op"), widget=DateInput(), required=False
    )
    next_evaluation_on = forms.DateField(label=_("Volgende evaluatie"), widget=DateInput(), required=False)

    def __init__(self, data=None, *, plan=None, **kwargs):
        goals = list(plan.goals.all()) if plan else []
        self.row_count = _row_count(data, max(len(goals), 2) + EMPTY_GOAL_ROWS)  # a new plan: four rows
        if data is None and plan is not None:
            kwargs["initial"] = self._initial_from(plan, goals)
        super().__init__(data, **kwargs)
        self.fields["rows"].initial = self.row_count
        for row in range(self.row_count):
            self.fields[f"goal_{row}"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.fields[f"domain_{row}"] = forms.ChoiceField(
                label=_("Domein"), choices=[("", "—"), *ProblemDomain.choices], required=False
            )
            self.fields[f"priority_{row}"] = forms.IntegerField(
                label=_("Prioriteit"),
                min_value=1,
                required=False,
                widget=forms.NumberInput(attrs={"size": 3}),
            )
            self.fields[f"description_{row}"] = forms.CharField(
                label=_("Doel"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"target_{row}"] = forms.DateField(
                label=_("Streefdatum"), widget=DateInput(), required=False
            )
            self.fields[f"status_{row}"] = forms.ChoiceField(
                label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.OPEN, required=False
            )

    def goal_rows(self):
        return [
            (self[f"goal_{row}"], [self[f"{name}_{row}"] for name in GOAL_COLUMNS])
            for row in range(self.row_count)
        ]

    def clean(self):
        cleaned = super().clean()
        for row in range(self.row_count):
            if cleaned.get(f"domain_{row}"):
                for name in ("priority", "description"):
                    if not cleaned.get(f"{name}_{row}"):
                        self.add_error(f"{name}_{row}", _("Dit veld is vereist."))
        return cleaned

    def goals(self):
        """The goals typed, the existing ones with their id; a row whose domain was emptied ends its goal."""
        data = self.cleaned_data
        return [
            {
                "id": data.get(f"goal_{row}"),
                "domain": data[f"domain_{row}"],
                "priority": data[f"priority_{row}"],
                "description": data[f"description_{row}"],
                "target_date": data[f"target_{row}"],
                "status": data.get(f"status_{row}") or GoalStatus.OPEN,
            }
            for row in range(self.row_count)
            if data.get(f"domain_{row}")
        ]

    @staticmethod
    def _initial_from(plan, goals) -> dict:
        initial = {
            "version": plan.version,
            "agreed_with_client_on": plan.agreed_with_client_on,
            "next_evaluation_on": plan.next_evaluation_on,
        }
        for row, goal in enumerate(goals):
            initial |= {
                f"goal_{row}": goal.pk,
                f"domain_{row}": goal.domain,
                f"priority_{row}": goal.priority,
                f"description_{row}": goal.description,
                f"target_{row}": goal.target_date,
                f"status_{row}": goal.status,
            }
        return initial


def _row_count(data, default: int) -> int:
    """The rows the form was drawn with (a posted form), else the plan's goals and the empty rows."""
    try:
        posted = int(data.get("rows")) if data is not None else default
    except (TypeError, ValueError):
        posted = default
    return max(1, min(posted, MAX_GOAL_ROWS))


class HelpPlanActionForm(forms.Form):
    """One action under a goal: what, who (the client, a colleague or a partner) and by when."""

    description = forms.CharField(label=_("Actie"), max_length=2000)
    owner = forms.CharField(
        label=_("Wie"),
        max_length=150,
        help_text=_("De cliënt, een collega of een partner"),
        widget=forms.TextInput(attrs={"list": "action-owners"}),
    )
    due_on = forms.DateField(label=_("Tegen"), widget=DateInput(), required=False)


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
