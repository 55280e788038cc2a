from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput


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
