"""Checks of a person's identity shared by the web form and the API, so that both refuse the same input
with the same words. They raise Django's ValidationError, which forms and DRF serializers both understand."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import core.dates
from clients.rules import (
    birth_date_contradicts_insz,
    insz_birth_date,
    normalise_belgian_or_sepa_iban,
    normalise_insz,
)

NOT_BLANK = _("Dit veld mag niet leeg zijn.")
INVALID_INSZ = _("Dit is geen geldig rijksregisternummer of BIS-nummer: controleer de cijfers.")
INVALID_IBAN = _("Dit is geen geldig IBAN-rekeningnummer: controleer de cijfers.")
BIRTH_DATE_OUT_OF_RANGE = _("Een geboortedatum ligt tussen 01/01/1900 en vandaag.")
EARLIEST_BIRTH_DATE = core.dates.EARLIEST_BIRTH_DATE

BELGIAN_POSTAL_CODE_PATTERN = r"^[1-9]\d{3}$"
INVALID_POSTAL_CODE = _("Een Belgische postcode heeft 4 cijfers.")
COUNTRY_CODE_PATTERN = r"^[A-Za-z]{2}$"
INVALID_COUNTRY_CODE = _("Geef een landcode van twee letters (ISO 3166), bv. BE.")
PHONE_PATTERN = r"^\+?[0-9 ./()-]{6,30}$"
INVALID_PHONE = _("Geef een geldig telefoonnummer.")


def clean_name(value: str) -> str:
    if not value.strip():
        raise ValidationError(NOT_BLANK, code="blank")
    return value.strip()


def clean_insz(value: str | None) -> str | None:
    """The 11 digits of a valid INSZ/BIS number; None when left empty (a newcomer may not have one yet)."""
    if not value:
        return None
    insz = normalise_insz(value)
    if insz is None:
        raise ValidationError(INVALID_INSZ, code="invalid")
    return insz


def clean_iban(value: str | None) -> str:
    """The compact IBAN; an empty string when left empty."""
    if not value:
        return ""
    iban = normalise_belgian_or_sepa_iban(value)
    if iban is None:
        raise ValidationError(INVALID_IBAN, code="invalid")
    return iban


def clean_birth_date(value: datetime.date) -> datetime.date:
    if not EARLIEST_BIRTH_DATE <= value <= timezone.localdate():
        raise ValidationError(BIRTH_DATE_OUT_OF_RANGE, code="out_of_range")
    return value


def insz_birth_date_message(insz: str | None, birth_date) -> str | None:
    """The message for the birth-date field when the rijksregisternummer says another birth date (None when
    they agree, or when the number carries no reliable date: a BIS number, an unknown day or month)."""
    if not birth_date_contradicts_insz(insz, birth_date):
        return None
    return str(
        _(
            "Het rijksregisternummer hoort bij geboortedatum %(date)s: controleer de geboortedatum of het "
            "rijksregisternummer."
        )
        % {"date": insz_birth_date(insz).strftime("%d/%m/%Y")}
    )
