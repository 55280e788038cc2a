"""The identifier and name rules of the client registry (domain.md §9), table by table.

Every valid example was computed with the mod-97 rule (97 - the first 9 digits mod 97, with a "2" in front of
them for births from 2000) and checked against python-stdnum (test_examples_agree_with_python_stdnum)."""

import datetime

import pytest
from stdnum import iban as stdnum_iban
from stdnum.be import bis, nn

from clients.rules import (
    POSSIBLE_DUPLICATE_THRESHOLD,
    fold,
    is_bis_number,
    name_similarity,
    normalise_belgian_or_sepa_iban,
    normalise_insz,
    search_terms,
    search_text,
)
from tests.factories import make_insz

# (input, expected 11 digits)
VALID_INSZ = [
    pytest.param("85073003328", "85073003328", id="1985-male-odd-serial"),
    pytest.param("85073003427", "85073003427", id="1985-female-even-serial"),
    pytest.param("99123199841", "99123199841", id="last-day-before-2000"),
    pytest.param("00010100501", "00010100501", id="2000-01-01-uses-2-prefix"),
    pytest.param("01020300170", "01020300170", id="2001-male-2-prefix"),
    pytest.param("01020300269", "01020300269", id="2001-female-2-prefix"),
    pytest.param("85000003306", "85000003306", id="unknown-month-and-day-00"),
    pytest.param("85070003355", "85070003355", id="unknown-day-00"),
    pytest.param("40000000163", "40000000163", id="birth-date-entirely-unknown"),
    # A day past the end of the month is not a typo: the register uses it when a day's serials run out.
    pytest.param("85023103360", "85023103360", id="day-counter-beyond-month-end"),
    pytest.param("85.07.30-033.28", "85073003328", id="formatted-dots-and-dash"),
    pytest.param("85 07 30 033 28", "85073003328", id="spaces"),
    pytest.param("850730-033-28", "85073003328", id="dashes"),
    pytest.param("850730/033.28", "85073003328", id="slash"),
    pytest.param("  85073003328  ", "85073003328", id="surrounding-whitespace"),
    pytest.param("01.02.03-001.70", "01020300170", id="formatted-from-2000"),
    # BIS numbers: month + 20 (sex unknown) or + 40 (sex known); same check digits rule.
    pytest.param("85273003371", "85273003371", id="bis-month-plus-20"),
    pytest.param("85473003416", "85473003416", id="bis-month-plus-40"),
    pytest.param("01420300159", "01420300159", id="bis-plus-40-from-2000"),
    pytest.param("01220300215", "01220300215", id="bis-plus-20-from-2000"),
    pytest.param("85200000181", "85200000181", id="bis-unknown-birth-date"),
    pytest.param("85.47.30-034.16", "85473003416", id="bis-formatted"),
]

INVALID_INSZ = [
    pytest.param("85073003329", id="check-digits-one-too-high"),
    pytest.param("85073003327", id="check-digits-one-too-low"),
    pytest.param("85073003428", id="check-of-the-neighbour-serial"),
    pytest.param("01020300171", id="2000s-wrong-check"),
    pytest.param("85073103328", id="one-digit-typo-in-birth-date"),
    pytest.param("58073003328", id="transposed-digits"),
    pytest.param("85133003370", id="month-13-with-matching-check"),
    pytest.param("8507300332", id="ten-digits"),
    pytest.param("850730033280", id="twelve-digits"),
    pytest.param("8507300332A", id="letter"),
    pytest.param("abcdefghijk", id="letters-only"),
    pytest.param("85073003328\x00", id="nul-character"),
    pytest.param("", id="empty"),
    pytest.param("   ", id="blank"),
    pytest.param(None, id="none"),
]


@pytest.mark.parametrize(("value", "expected"), VALID_INSZ)
def test_normalise_insz_accepts_valid_numbers_in_any_usual_notation(value, expected):
    assert normalise_insz(value) == expected


@pytest.mark.parametrize("value", INVALID_INSZ)
def test_normalise_insz_refuses_invalid_numbers(value):
    assert normalise_insz(value) is None


def _check_digits(nine_digits: str, born_from_2000: bool) -> str:
    number = int(("2" if born_from_2000 else "") + nine_digits)
    return f"{97 - number % 97:02d}"


@pytest.mark.parametrize(
    ("nine_digits", "born_from_2000", "module"),
    [
        pytest.param("850730033", False, nn, id="nn-1985"),
        pytest.param("010203001", True, nn, id="nn-2001"),
        pytest.param("000101005", True, nn, id="nn-2000"),
        pytest.param("850000033", False, nn, id="nn-unknown-date"),
        pytest.param("852730033", False, bis, id="bis-plus-20"),
        pytest.param("854730034", False, bis, id="bis-plus-40"),
        pytest.param("014203001", True, bis, id="bis-plus-40-2001"),
    ],
)
def test_examples_agree_with_python_stdnum(nine_digits, born_from_2000, module):
    """Our own mod-97 computation, python-stdnum and normalise_insz agree on each example used above."""
    number = nine_digits + _check_digits(nine_digits, born_from_2000)
    assert module.is_valid(number)
    assert normalise_insz(number) == number


@pytest.mark.parametrize(
    ("insz", "birth_year"),
    [
        pytest.param("01020300170", 2001, id="check-with-2-prefix-means-2001"),
        pytest.param("01020300141", 1901, id="same-digits-check-without-prefix-means-1901"),
        pytest.param("85073003328", 1985, id="1985"),
    ],
)
def test_the_check_digits_decide_the_century(insz, birth_year):
    assert normalise_insz(insz) == insz
    assert nn.get_birth_date(insz).year == birth_year


def test_factory_insz_is_valid_before_and_from_2000():
    assert normalise_insz(make_insz(datetime.date(1985, 7, 30), 33)) == "85073003328"
    assert normalise_insz(make_insz(datetime.date(2001, 2, 3), 1)) == "01020300170"


@pytest.mark.parametrize(
    ("insz", "expected"),
    [
        pytest.param("85273003371", True, id="plus-20"),
        pytest.param("85473003416", True, id="plus-40"),
        pytest.param("85073003328", False, id="rijksregisternummer"),
        pytest.param("01020300170", False, id="rijksregisternummer-2001"),
    ],
)
def test_is_bis_number(insz, expected):
    assert is_bis_number(insz) is expected


VALID_IBAN = [
    pytest.param("BE68 5390 0754 7034", "BE68539007547034", id="be-textbook-example"),
    pytest.param("BE71 0961 2345 6769", "BE71096123456769", id="be-belfius"),
    pytest.param("be71096123456769", "BE71096123456769", id="be-lower-case-compact"),
    pytest.param(" BE71-0961-2345-6769 ", "BE71096123456769", id="be-dashes"),
    pytest.param("NL91ABNA0417164300", "NL91ABNA0417164300", id="nl"),
    pytest.param("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", id="nl-grouped"),
    pytest.param("DE89370400440532013000", "DE89370400440532013000", id="de"),
    pytest.param("FR1420041010050500013M02606", "FR1420041010050500013M02606", id="fr-with-letter"),
    pytest.param("LU280019400644750000", "LU280019400644750000", id="lu"),
    pytest.param("ES9121000418450200051332", "ES9121000418450200051332", id="es-national-check-ok"),
]

INVALID_IBAN = [
    pytest.param("BE69539007547034", id="be-wrong-iban-check-digits"),
    pytest.param("BE68539007547035", id="be-typo-in-account"),
    # Valid IBAN check digits around a wrong Belgian national check (first 10 digits mod 97).
    pytest.param("BE41539007547035", id="be-wrong-national-check"),
    pytest.param("BE98096123456768", id="be-wrong-national-check-belfius"),
    pytest.param("BE68 5390 0754 703", id="be-too-short"),
    pytest.param("NL92ABNA0417164300", id="nl-wrong-check-digits"),
    pytest.param("DE89370400440532013001", id="de-typo"),
    pytest.param("ES9121000418450200051331", id="es-wrong-check"),
    pytest.param("XX89370400440532013000", id="unknown-country"),
    pytest.param("garbage", id="garbage"),
    pytest.param("BE", id="country-only"),
    pytest.param("", id="empty"),
    pytest.param("BE71 0961 2345 6769\x00", id="nul-character"),
    pytest.param("ÄÖÜ 1234", id="non-ascii"),
    pytest.param("1" * 200, id="very-long"),
]


@pytest.mark.parametrize(("value", "expected"), VALID_IBAN)
def test_iban_valid_belgian_and_foreign_numbers_are_compacted(value, expected):
    assert normalise_belgian_or_sepa_iban(value) == expected


@pytest.mark.parametrize("value", INVALID_IBAN)
def test_iban_invalid_numbers_are_refused(value):
    assert normalise_belgian_or_sepa_iban(value) is None


def test_iban_wrong_national_check_examples_pass_the_iban_check_itself():
    """So that the table above really tests the Belgian national check, not the IBAN check."""
    for number in ("BE41539007547035", "BE98096123456768"):
        assert stdnum_iban.is_valid(number, check_country=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Élodie", "elodie", id="acute-accent"),
        pytest.param("ÇAĞLAR Öztürk", "caglar ozturk", id="turkish-cedilla-breve-umlaut"),
        pytest.param("Yıldız", "yildiz", id="turkish-dotless-i"),
        pytest.param("İbrahim", "ibrahim", id="turkish-dotted-capital-i"),
        pytest.param("Łukasz Wójcik", "lukasz wojcik", id="polish-l-stroke"),
        pytest.param("Søren Ærø", "soren aero", id="danish-o-slash-ae"),
        pytest.param("Strauß", "strauss", id="sharp-s"),
        pytest.param("D'Hondt", "d hondt", id="apostrophe"),
        pytest.param("Van  den   Broeck", "van den broeck", id="collapsed-spaces"),
        pytest.param("Jean-Pierre", "jean pierre", id="hyphen"),
        pytest.param("ANNE-MARIE", "anne marie", id="upper-case"),
        pytest.param("", "", id="empty"),
        pytest.param(None, "", id="none"),
        pytest.param("\x00", "", id="nul-only"),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("first_name", "last_name", "expected"),
    [
        pytest.param(
            "Yasmina", "El Amrani", "yasmina el amrani elamrani", id="particle-also-written-together"
        ),
        pytest.param("Jan", "Peeters", "jan peeters", id="simple"),
        pytest.param("Éric", "Van den Broeck", "eric van den broeck vandenbroeck", id="accent-and-particles"),
        pytest.param("", "D'Hondt", "d hondt dhondt", id="no-first-name"),
    ],
)
def test_search_text(first_name, last_name, expected):
    assert search_text(first_name, last_name) == expected


@pytest.mark.parametrize(
    ("query", "found_in"),
    [
        pytest.param("el amr", ("Yasmina", "El Amrani"), id="partial-with-space"),
        pytest.param("ÉLAMR", ("Yasmina", "El Amrani"), id="upper-case-accent-written-together"),
        pytest.param("yasm", ("Yasmina", "El Amrani"), id="first-name-fragment"),
        pytest.param("amrani yasmina", ("Yasmina", "El Amrani"), id="swapped-order"),
        pytest.param("vandenbroeck", ("Éric", "Van den Broeck"), id="particles-together"),
        pytest.param("yildiz", ("Ayşe", "Yıldız"), id="typed-without-turkish-letters"),
    ],
)
def test_every_search_fragment_occurs_in_the_search_text(query, found_in):
    insz, fragments = search_terms(query)
    assert insz is None
    assert fragments
    text = search_text(*found_in)
    assert all(fragment in text for fragment in fragments)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("85073003328", ("85073003328", []), id="insz"),
        pytest.param("85.07.30-033.28", ("85073003328", []), id="formatted-insz"),
        pytest.param("85473003416", ("85473003416", []), id="bis"),
        pytest.param("85073003329", (None, ["85073003329"]), id="wrong-check-is-not-an-insz"),
        pytest.param("ÉLAMR", (None, ["elamr"]), id="folded-name"),
        pytest.param("  El  Amrani ", (None, ["el", "amrani"]), id="fragments"),
        pytest.param("", (None, []), id="empty"),
        pytest.param("%_\\", (None, []), id="like-wildcards-only"),
        pytest.param("\x00", (None, []), id="nul"),
    ],
)
def test_search_terms(query, expected):
    assert search_terms(query) == expected


@pytest.mark.parametrize(
    ("name_a", "name_b", "duplicate"),
    [
        pytest.param(("Yasmina", "El Amrani"), ("Yasmina", "Elamrani"), True, id="particle-together"),
        pytest.param(("Yasmina", "El Amrani"), ("El Amrani", "Yasmina"), True, id="first-last-swapped"),
        pytest.param(("Élodie", "Dubois"), ("elodie", "DUBOIS"), True, id="accents-and-case"),
        pytest.param(("Mohamed", "Benali"), ("Mohammed", "Benali"), True, id="one-letter-spelling-variant"),
        pytest.param(("Jan", "Peeters"), ("Marie", "Janssens"), False, id="different-person"),
        pytest.param(("Jan", "Peeters"), ("Jan", "Claes"), False, id="same-first-name-only"),
    ],
)
def test_name_similarity(name_a, name_b, duplicate):
    similarity = name_similarity(*name_a, *name_b)
    assert 0 <= similarity <= 1
    assert (similarity >= POSSIBLE_DUPLICATE_THRESHOLD) is duplicate


def test_name_similarity_identical_names_is_one():
    assert name_similarity("Yasmina", "El Amrani", "Yasmina", "El Amrani") == 1.0


@pytest.mark.parametrize(
    ("insz", "shown"),
    [("92030412460", "92.03.04-124.60"), (None, ""), ("", ""), ("123", "123")],
)
def test_an_insz_is_shown_as_people_write_it(insz, shown):
    from clients.rules import format_insz

    assert format_insz(insz) == shown
