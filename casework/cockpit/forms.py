from django import forms
from django.utils.translation import gettext_lazy as _

from casework.cockpit.selectors import TimelineFilter
from casework.contacts.models import Channel
from core.forms import DateInput


class TimelineFilterForm(forms.Form):
    """The filters of a dossier's timeline: channel, author, period. All optional; a bad date is shown on its
    field and the timeline stays unfiltered (never a 500). The labels differ from the contact form's on the
    same page ("Kanaal", "Tijdstip")."""

    kanaal = forms.ChoiceField(
        label=_("Contactwijze"), required=False, choices=[("", _("alle")), *Channel.choices]
    )
    # A username; the choices (whoever wrote in this dossier) are known only after the dossier is read, so
    # they are the widget's: an unknown name filters to nothing, never an error.
    auteur = forms.CharField(label=_("Geschreven door"), required=False, max_length=150, widget=forms.Select)
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "filter")
        super().__init__(*args, **kwargs)
        self.authors_are([])

    def authors_are(self, authors) -> None:
        self.fields["auteur"].widget.choices = [("", _("iedereen")), *authors]

    @classmethod
    def from_query(cls, query) -> "TimelineFilterForm":
        """Bound when the query has a filter in it (the paging cursor alone is no filter)."""
        return cls(query if any(name.startswith("filter-") for name in query) else None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("van") and cleaned.get("tot") and cleaned["van"] > cleaned["tot"]:
            self.add_error("tot", _("Deze datum ligt voor de datum ‘vanaf’."))
        return cleaned

    def timeline_filter(self) -> TimelineFilter:
        if not self.is_bound or not self.is_valid():
            return TimelineFilter()
        data = self.cleaned_data
        return TimelineFilter(
            channel=data["kanaal"] or None,
            author=data["auteur"] or None,
            from_date=data["van"],
            to_date=data["tot"],
        )
