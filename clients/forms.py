from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from clients import validators
from clients.ledger import what_choices
from clients.models import Gender, Relation
from core.forms import DateInput

ADDRESS_FIELDS = ["street", "house_number", "box", "postal_code", "municipality"]
ADDRESS_REQUIRED_FIELDS = ["street", "house_number", "postal_code", "municipality"]


class BirthDateInput(forms.DateInput):
    """A text box for dd/mm/jjjj: typing the date is faster at the counter than a date picker.
    The field accepts an ISO date as well, as a browser's date input sends it."""

    input_type = "text"

    def __init__(self):
        super().__init__(
            attrs={"placeholder": _("dd/mm/jjjj"), "inputmode": "numeric", "autocomplete": "off"},
        )


class PersonNameAndBirthDateForm(forms.Form):
    """What the possible-duplicate check needs; the registration form adds the rest."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=100, validators=[validators.clean_name])
    last_name = forms.CharField(label=_("Achternaam"), max_length=100, validators=[validators.clean_name])
    birth_date = forms.DateField(
        label=_("Geboortedatum"),
        help_text=_("dd/mm/jjjj"),
        widget=BirthDateInput(),
        validators=[validators.clean_birth_date],
    )


class ClientRegistrationForm(PersonNameAndBirthDateForm):
    insz = forms.CharField(
        label=_("INSZ (rijksregister- of BIS-nummer)"),
        required=False,
        max_length=20,
        help_text=_("11 cijfers, met of zonder punten en streepje: jj.mm.dd-vvv.cc"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    gender = forms.ChoiceField(
        label=_("Geslacht"), required=False, choices=[("", _("niet opgegeven")), *Gender.choices]
    )
    nationality = forms.CharField(
        label=_("Nationaliteit"),
        required=False,
        max_length=2,
        help_text=_("Landcode van twee letters, bv. BE"),
        validators=[RegexValidator(validators.COUNTRY_CODE_PATTERN, validators.INVALID_COUNTRY_CODE)],
        widget=forms.TextInput(attrs={"size": 3, "autocapitalize": "characters"}),
    )
    language = forms.CharField(
        label=_("Voorkeurtaal"),
        required=False,
        max_length=35,
        help_text=_("De taal voor gesprekken en brieven, bv. Nederlands, Frans, Arabisch"),
    )
    street = forms.CharField(label=_("Straat"), required=False, max_length=150)
    house_number = forms.CharField(label=_("Huisnummer"), required=False, max_length=15)
    box = forms.CharField(label=_("Bus"), required=False, max_length=15)
    postal_code = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=4,
        validators=[RegexValidator(validators.BELGIAN_POSTAL_CODE_PATTERN, validators.INVALID_POSTAL_CODE)],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    municipality = forms.CharField(label=_("Gemeente"), required=False, max_length=100)
    phone = forms.CharField(
        label=_("Telefoon"),
        required=False,
        max_length=30,
        validators=[RegexValidator(validators.PHONE_PATTERN, validators.INVALID_PHONE)],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    iban = forms.CharField(
        label=_("IBAN-rekeningnummer"),
        required=False,
        max_length=42,
        help_text=_("bv. BE68 5390 0754 7034"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, dossier_teams=(), own_team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autofocus"] = True  # the counter starts typing at once
        if dossier_teams:
            # Yes for the worker's own team by default; someone of no team (a central front desk) chooses.
            own = own_team.code if own_team and own_team.code in dict(dossier_teams) else ""
            # The dossier opened with the registration: one form and one page less at the counter.
            self.fields["dossier_team"] = forms.ChoiceField(
                label=_("Dossier openen"),
                required=False,
                choices=[
                    *((code, _("Ja, voor team %(team)s") % {"team": name}) for code, name in dossier_teams),
                    ("", _("Nee, nu nog geen dossier")),
                ],
                initial=own,
            )

    def clean_insz(self):
        return validators.clean_insz(self.cleaned_data["insz"])

    def clean_iban(self):
        return validators.clean_iban(self.cleaned_data["iban"])

    def clean_nationality(self):
        return self.cleaned_data["nationality"].upper()

    def clean(self):
        cleaned = super().clean()
        if message := validators.insz_birth_date_message(cleaned.get("insz"), cleaned.get("birth_date")):
            self.add_error("birth_date", message)
        # As in the API: an address is either left out or complete enough to send a letter to.
        if any(cleaned.get(field) for field in ADDRESS_FIELDS):
            for field in ADDRESS_REQUIRED_FIELDS:
                if not cleaned.get(field) and field not in self.errors:
                    self.add_error(
                        field,
                        _("Vul dit ook in: een adres heeft een straat, huisnummer, postcode en gemeente."),
                    )
        return cleaned

    def service_arguments(self) -> dict:
        """The keyword arguments of clients.services.client_register."""
        return {name: value for name, value in self.cleaned_data.items() if name != "dossier_team"}


class HouseholdMemberForm(forms.Form):
    """A registered person joins the household (chosen from the search or just registered)."""

    member = forms.UUIDField(widget=forms.HiddenInput)
    relation = forms.ChoiceField(
        label=_("Relatie tot de cliënt"), choices=[("", _("Kies de relatie")), *Relation.choices]
    )
    from_date = forms.DateField(
        label=_("Woont samen sinds"), help_text=_("dd/mm/jjjj"), widget=BirthDateInput()
    )


class HouseholdNewMemberForm(PersonNameAndBirthDateForm):
    """A person not yet in the registry registered straight into the household: the family name of the client
    filled in, a child from today unless the worker says otherwise."""

    insz = forms.CharField(
        label=_("INSZ"),
        required=False,
        max_length=20,
        help_text=_("Als het gekend is"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    relation = forms.ChoiceField(label=_("Relatie tot de cliënt"), choices=Relation.choices)
    from_date = forms.DateField(label=_("Woont samen sinds"), help_text=_("dd/mm/jjjj"), widget=DateInput())

    def __init__(self, *args, client=None, **kwargs):
        kwargs.setdefault("prefix", "gezinslid")  # the dossier page has other forms with a first name or date
        super().__init__(*args, **kwargs)
        self.initial.setdefault("last_name", client.last_name if client else "")
        self.initial.setdefault("relation", Relation.CHILD)
        self.initial.setdefault("from_date", timezone.localdate())

    def clean_insz(self):
        return validators.clean_insz(self.cleaned_data["insz"])

    def clean(self):
        cleaned = super().clean()
        if message := validators.insz_birth_date_message(cleaned.get("insz"), cleaned.get("birth_date")):
            self.add_error("birth_date", message)
        return cleaned


class HouseholdMemberEndForm(forms.Form):
    """A member leaves the household (one form per member, with the row's id as prefix)."""

    to_date = forms.DateField(
        label=_("Woont niet meer samen sinds"), help_text=_("dd/mm/jjjj"), widget=BirthDateInput()
    )


class AccessLogFilterForm(forms.Form):
    """The filters of "who saw my data?": a period, who read (a username or a team), what was read, only the
    break-the-glass reads. Every field is optional; a bad date is shown as an error and the list stays
    unfiltered, never a 500."""

    van = forms.DateField(label=_("Van"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())
    wie = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    team = forms.ModelChoiceField(
        label=_("Team van de lezer"),
        required=False,
        queryset=Team.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("alle teams"),
    )
    wat = forms.ChoiceField(label=_("Wat werd gelezen"), required=False)
    break_the_glass = forms.BooleanField(label=_("Alleen noodtoegang"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wat"].choices = [("", _("alles")), *what_choices()]

    def apply(self, entries):
        data = self.cleaned_data
        if data.get("van"):
            entries = entries.filter(accessed_at__date__gte=data["van"])
        if data.get("tot"):
            entries = entries.filter(accessed_at__date__lte=data["tot"])
        if data.get("wie"):
            entries = entries.filter(user__username__iexact=data["wie"].strip())
        if data.get("team"):
            entries = entries.filter(user__team=data["team"])
        if data.get("wat"):
            entries = entries.filter(_what_is_one_of(data["wat"]))
        if data.get("break_the_glass"):
            entries = entries.filter(what__contains="break_glass")
        return entries


def _what_is_one_of(code: str) -> Q:
    # `what` holds the codes joined by commas: the code as a whole item, not a part of another one.
    return (
        Q(what=code)
        | Q(what__startswith=f"{code},")
        | Q(what__endswith=f",{code}")
        | Q(what__contains=f",{code},")
    )
