"""A rijksregisternummer carries its owner's birth date: a typed birth date that disagrees is refused on the
birth-date field, with what to check (BIS numbers and unknown date parts excepted). Issue 12."""

import datetime

import pytest

from clients.models import Client
from clients.rules import birth_date_contradicts_insz, insz_birth_date, insz_for

D = datetime.date


@pytest.mark.parametrize(
    ("insz", "expected"),
    [
        (insz_for(D(1992, 3, 4), 123), D(1992, 3, 4)),
        (insz_for(D(2003, 3, 4), 124), D(2003, 3, 4)),  # born from 2000 on: a "2" before the nine digits
        (insz_for(D(1900, 1, 1), 1), D(1900, 1, 1)),
        (insz_for(D(2000, 2, 29), 2), D(2000, 2, 29)),
        (insz_for(D(1992, 3, 4), 123, bis_offset=40), None),  # BIS number: its date is not reliable
        (insz_for(D(1992, 3, 4), 123, bis_offset=20), None),
        ("92000012345", None),  # not valid
        ("", None),
    ],
)
def test_the_birth_date_an_insz_carries(insz, expected):
    assert insz_birth_date(insz) == expected


def unknown_day_insz() -> str:
    base = "920300123"
    return f"{base}{97 - int(base) % 97:02d}"


@pytest.mark.parametrize(
    ("insz", "birth_date", "contradicts"),
    [
        (insz_for(D(1992, 3, 4), 123), D(1992, 3, 4), False),
        (insz_for(D(1992, 3, 4), 123), D(1985, 5, 5), True),
        (insz_for(D(1992, 3, 4), 123, bis_offset=40), D(1985, 5, 5), False),
        (unknown_day_insz(), D(1992, 3, 17), False),
        (None, D(1985, 5, 5), False),
    ],
)
def test_a_contradiction_is_only_a_date_the_number_really_carries(insz, birth_date, contradicts):
    assert birth_date_contradicts_insz(insz, birth_date) is contradicts


def test_the_api_refuses_a_birth_date_the_insz_contradicts(api, social_worker):
    body = {
        "first_name": "Yasmina",
        "last_name": "El Amrani",
        "birth_date": "1985-05-05",
        "insz": insz_for(D(1992, 3, 4), 124),
    }

    response = api(social_worker).post("/api/v1/clients/", body, format="json")

    assert response.status_code == 400
    assert "04/03/1992" in response.data["birth_date"][0]
    assert not Client.objects.exists()


def test_the_registration_form_says_which_to_check(client, social_worker):
    client.force_login(social_worker)
    form = {
        "first_name": "Yasmina",
        "last_name": "El Amrani",
        "birth_date": "05/05/1985",
        "insz": insz_for(D(1992, 3, 4), 124),
    }

    response = client.post("/clienten/nieuw/", form)

    assert "controleer de geboortedatum of het rijksregisternummer" in response.content.decode()
    assert not Client.objects.exists()
