from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.register.models import RequestChannel, RequestKind
from core.forms import DateInput


class RequestRegisterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort aanvraag"), choices=RequestKind.choices)
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
    channel = forms.ChoiceField(label=_("Kanaal"), choices=RequestChannel.choices)
    description = forms.CharField(
        label=_("Hulpvraag"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    late_registration_reason = forms.CharField(
        label=_("Reden van late registratie"),
        required=False,
        max_length=2000,
        help_text=_(
            "Alleen voor een aanvraag die meer dan een week geleden ontvangen werd (teamverantwoordelijke)."
        ),
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the dossier page also holds the contact form, with a "channel" of its own.
        kwargs.setdefault("auto_id", "id_request_%s")
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
