"""Amounts and dates typed as people in Belgium type them."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from core.formats import amount_from_text
from core.forms import AmountField, DateInput


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2.400,50", "2400.50"),
        ("2400,50", "2400.50"),
        ("2400.50", "2400.50"),  # pasted from a spreadsheet
        ("1.500", "1500"),  # a Belgian bill: fifteen hundred
        ("1.234.567,8", "1234567.8"),
        ("€ 12,5", "12.5"),
        ("12", "12"),
        ("0,01", "0.01"),
        ("1.5", "1.5"),  # one group of one digit: a decimal point
    ],
)
def test_amounts_are_read_as_typed_in_belgium(typed, read):
    assert amount_from_text(typed) == read


class _Form(forms.Form):
    amount = AmountField(label="Bedrag")
    on = forms.DateField(label="Datum", widget=DateInput())


@pytest.mark.parametrize(
    ("typed", "amount"), [("2.400,50", Decimal("2400.50")), ("2400.50", Decimal("2400.50"))]
)
def test_an_amount_field_takes_the_belgian_notation(typed, amount):
    with translation.override("nl"):
        form = _Form({"amount": typed, "on": "02/12/2026"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount


def test_a_word_is_refused_as_an_amount_in_dutch():
    with translation.override("nl"):
        form = _Form({"amount": "twintig", "on": "02/12/2026"})
        assert not form.is_valid()
        assert form.errors["amount"] == ["Voer een getal in."]


def test_a_date_is_a_text_box_with_dd_mm_jjjj_and_takes_the_iso_form_too():
    with translation.override("nl"):
        rendered = str(_Form(initial={"on": datetime.date(2026, 12, 2)})["on"])
        iso = _Form({"amount": "1", "on": "2026-12-02"})
        assert iso.is_valid()
    assert (
        'type="text"' in rendered
        and 'value="02/12/2026"' in rendered
        and 'placeholder="dd/mm/jjjj"' in rendered
    )
    assert iso.cleaned_data["on"] == datetime.date(2026, 12, 2)
