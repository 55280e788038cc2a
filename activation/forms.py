from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from activation.models import GpmiKind, MeasureKind, Phase
from core.forms import DateInput

YES_NO = [("yes", _("ja")), ("no", _("nee"))]


class ScreeningForm(forms.Form):
    """One yes/no question per question of the tree in force, in its order; then the phase the coach chooses
    (empty: the recommended one) and the reason when it differs."""

    chosen_phase = forms.ChoiceField(
        label=_("Gekozen fase"),
        choices=[("", _("de aanbevolen fase")), *Phase.choices],
        required=False,
        help_text=_("Laat leeg om de fase van de beslissingsboom te volgen."),
    )
    override_reason = forms.CharField(
        label=_("Reden voor een andere fase"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.question_codes = []
        for question in questions:
            name = f"q_{question.code}"
            self.fields[name] = forms.ChoiceField(
                label=f"{question.position}. {question.text}",
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )
            self.question_codes.append(question.code)
        self.order_fields([f"q_{code}" for code in self.question_codes])

    def question_fields(self):
        return [self[f"q_{code}"] for code in self.question_codes]

    def answers(self) -> dict:
        """The answers given, up to and including the first "yes" (first match wins: the rest is not
        asked)."""
        answers = {}
        for code in self.question_codes:
            value = self.cleaned_data.get(f"q_{code}")
            if not value:
                break
            answers[code] = value == "yes"
            if value == "yes":
                break
        return answers


def coaches():
    return [
        user
        for user in User.objects.filter(is_active=True).order_by("first_name")
        if user.has_role(Role.ACTIVATION_COACH)
    ]


class TrajectoryStartForm(forms.Form):
    coach = forms.ChoiceField(label=_("Trajectbegeleider"))
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices)
    started_on = forms.DateField(label=_("Start"), widget=DateInput())
    reason = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.coach_users = {str(user.pk): user for user in coaches()}
        self.fields["coach"].choices = [(pk, user.display_name) for pk, user in self.coach_users.items()]

    def clean_coach(self):
        return self.coach_users[self.cleaned_data["coach"]]


class PhaseChangeForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("Naar fase"), choices=Phase.choices)
    changed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Maatregel"), choices=MeasureKind.choices)
    partner_name = forms.CharField(
        label=_("Partner (organisatie, werkgever, VDAB)"), max_length=150, required=False
    )
    started_on = forms.DateField(label=_("Start"), widget=DateInput())
    ended_on = forms.DateField(label=_("Einde"), widget=DateInput(), required=False)
    hours_per_month = forms.IntegerField(
        label=_("Uren per maand"), min_value=0, max_value=744, required=False
    )
    interests = forms.CharField(label=_("Interesses van de cliënt"), max_length=2000, required=False)
    job_target = forms.CharField(label=_("Jobdoelwit"), max_length=200, required=False)
    level = forms.CharField(label=_("Niveau (cursus Nederlands)"), max_length=20, required=False)


class MonitoringContactForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    with_whom = forms.CharField(label=_("Met wie"), max_length=150)
    in_person = forms.BooleanField(label=_("Face to face"), required=False, initial=True)
    summary = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 2}))


class GpmiCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort GPMI"), choices=GpmiKind.choices)
    leefloon_granted_on = forms.DateField(label=_("Leefloon toegekend op"), widget=DateInput())


class GpmiForm(forms.Form):
    social_balance = forms.CharField(
        label=_("Sociale balans"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    goals = forms.CharField(label=_("Doelen"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    client_commitments = forms.CharField(
        label=_("Engagementen van de cliënt"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    ocmw_commitments = forms.CharField(
        label=_("Engagementen van het OCMW"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    third_parties = forms.CharField(
        label=_("Andere partijen die ondertekenen"), max_length=2000, required=False
    )
    signed_on = forms.DateField(label=_("Ondertekend op"), widget=DateInput(), required=False)


class GpmiEvaluationForm(forms.Form):
    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    in_person = forms.BooleanField(label=_("Face to face"), required=False, initial=True)
    summary = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 2}))


class GpmiWarningForm(forms.Form):
    given_on = forms.DateField(label=_("Gegeven op"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reden van de verwittiging"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class SanctionProposalForm(forms.Form):
    suspension_months = forms.TypedChoiceField(
        label=_("Schorsing van het leefloon"),
        choices=[(1, _("1 maand")), (2, _("2 maanden")), (3, _("3 maanden (herhaling binnen het jaar)"))],
        coerce=int,
    )
    motivation = forms.CharField(
        label=_("Motivering voor het comité"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )


class GroupActivityForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    description = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class GroupParticipantForm(forms.Form):
    trajectory = forms.ChoiceField(label=_("Cliënt (uit uw trajecten)"))

    def __init__(self, *args, trajectories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectories = {str(t.pk): t for t in trajectories}
        self.fields["trajectory"].choices = [
            (pk, f"{t.dossier.client.last_name}, {t.dossier.client.first_name}")
            for pk, t in self.trajectories.items()
        ]

    def clean_trajectory(self):
        return self.trajectories[self.cleaned_data["trajectory"]]


class GroupSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    topic = forms.CharField(label=_("Onderwerp"), max_length=200)
    present = forms.MultipleChoiceField(
        label=_("Aanwezig"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(p.pk), f"{p.trajectory.dossier.client.last_name}, {p.trajectory.dossier.client.first_name}")
            for p in participants
        ]


class GroupEvaluationForm(forms.Form):
    evaluation = forms.CharField(label=_("Eindevaluatie"), widget=forms.Textarea(attrs={"rows": 3}))
