"""Pure rules about identifiers and names: no ORM, easy to test."""

import re
import unicodedata
from datetime import date
from difflib import SequenceMatcher

from stdnum import iban as iban_numbers
from stdnum.be import bis, nn
from stdnum.exceptions import ValidationError as StdnumError

# Shorter searches list half the population (and are how a curious colleague browses it): refused.
SEARCH_MINIMUM_LENGTH = 2


def normalise_insz(value: str) -> str | None:
    """The 11 digits of a valid rijksregisternummer or BIS number, or None when the check fails."""
    digits = re.sub(r"[\s.\-/]", "", value or "")
    if not digits.isdigit() or len(digits) != 11:
        return None
    for module in (nn, bis):
        try:
            return module.validate(digits)
        except StdnumError:
            continue
    return None


def is_bis_number(insz: str) -> bool:
    return bis.is_valid(insz)


def insz_birth_date(insz: str) -> date | None:
    """The birth date a rijksregisternummer carries: its first six digits, the century told by the check
    digits (a "2" before the nine digits from 2000 on). None for a BIS number (its date is not reliable), an
    unknown day or month (00), or a number that is not valid."""
    if not insz or len(insz) != 11 or not nn.is_valid(insz) or is_bis_number(insz):
        return None
    year, month, day = int(insz[0:2]), int(insz[2:4]), int(insz[4:6])
    if month == 0 or day == 0:
        return None
    century = 2000 if 97 - int("2" + insz[:9]) % 97 == int(insz[9:]) else 1900
    try:
        return date(century + year, month, day)
    except ValueError:
        return None


def birth_date_contradicts_insz(insz: str | None, birth_date: date | None) -> bool:
    """True when the rijksregisternummer says another birth date than the one typed."""
    carried = insz_birth_date(insz) if insz else None
    return carried is not None and birth_date is not None and carried != birth_date


def normalise_belgian_or_sepa_iban(value: str) -> str | None:
    """The compact IBAN (BE68539007547034) when valid, the Belgian national check included; else None.
    A Belgian number is judged on its two checks (domain §9), not on python-stdnum's copy of the NBB list of
    bank codes: that list lags behind newly licensed banks, and refusing a real account blocks a payment."""
    try:
        number = iban_numbers.validate(value, check_country=False)
        if not number.startswith("BE"):
            return iban_numbers.validate(number)  # other countries' national checks, where stdnum has them
    except StdnumError:
        return None
    national_check = int(number[4:14]) % 97 or 97
    return number if number[14:] == f"{national_check:02d}" else None


# Latin letters that Unicode does not decompose into a base letter and an accent, written as people type
# them on a Belgian keyboard: without this "Yıldız" or "Łukasz" could not be found as "yildiz" or "lukasz".
_UNDECOMPOSED_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
     "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ħ": "h", "Ħ": "H"}
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents or punctuation, for searching names as people type them."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_UNDECOMPOSED_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def search_text(first_name: str, last_name: str) -> str:
    """What the name search matches against: both names, and the last name written together
    ("el amrani" is also found as "elamrani")."""
    last = fold(last_name)
    return " ".join(filter(None, [fold(first_name), last, last.replace(" ", "") if " " in last else ""]))


def name_similarity(first_a: str, last_a: str, first_b: str, last_b: str) -> float:
    """0..1: how alike two full names are, whatever the order of first and last name, spaces or accents."""
    a = fold(f"{first_a}{last_a}").replace(" ", "")
    b_straight = fold(f"{first_b}{last_b}").replace(" ", "")
    b_swapped = fold(f"{last_b}{first_b}").replace(" ", "")
    return max(SequenceMatcher(None, a, b).ratio() for b in (b_straight, b_swapped))


POSSIBLE_DUPLICATE_THRESHOLD = 0.8


def search_terms(query: str) -> tuple[str | None, list[str]]:
    """Split a search box entry into an INSZ (when it is one) or the name fragments to match."""
    insz = normalise_insz(query)
    if insz:
        return insz, []
    return None, fold(query).split()


def insz_for(birth_date: date, serial: int, *, bis_offset: int = 0) -> str:
    """The rijksregisternummer (or BIS number with month +20/+40) of a birth date and a day serial
    (odd: male, even: female): check = 97 − (9 digits mod 97), with a "2" before them from 2000 on."""
    base = f"{birth_date:%y}{birth_date.month + bis_offset:02d}{birth_date:%d}{serial:03d}"
    number = int(("2" if birth_date.year >= 2000 else "") + base)
    return f"{base}{97 - number % 97:02d}"


def format_insz(insz: str | None) -> str:
    """An INSZ as people write it: YY.MM.DD-SSS.CC."""
    if not insz or len(insz) != 11:
        return insz or ""
    return f"{insz[0:2]}.{insz[2:4]}.{insz[4:6]}-{insz[6:9]}.{insz[9:11]}"
