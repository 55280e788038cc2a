from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from casework.dossiers.models import BreakGlassCategory


class BreakGlassForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Soort reden"),
        choices=BreakGlassCategory.choices,
        initial=BreakGlassCategory.ABSENT_COLLEAGUE,
        widget=forms.RadioSelect,
        required=False,  # not chosen (a form of an older page): "other"
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        # The prompt is the whole page: typing the reason starts at once (and the dialog has focus).
        widget=forms.Textarea(attrs={"rows": 2, "autofocus": True}),
        help_text=_("Minstens 10 tekens, bv. “collega ziek, dringende vraag aan het onthaal”."),
    )
    # The minimum length is checked by the service (dossiers.rules), not by the browser: the message is the
    # same in every browser and language, on this form and in the API.

    def clean_category(self):
        return self.cleaned_data["category"] or BreakGlassCategory.OTHER


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
