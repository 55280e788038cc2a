"""The client registry API (api.md, Clients): registering a person and finding them again, for the right
people only, with clear answers to bad input (never a 500) in the caller's language."""

import datetime
import json

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from clients.models import Client
from clients.rules import search_text
from tests.factories import ClientFactory, DossierFactory, UserFactory

URL = "/api/v1/clients/"
IDENTITY_KEYS = {"id", "first_name", "last_name", "birth_date", "has_dossier"}
INSZ = "85073003328"  # 30/07/1985, male
INVALID_INSZ_NL = "Dit is geen geldig rijksregisternummer of BIS-nummer: controleer de cijfers."
INVALID_IBAN_NL = "Dit is geen geldig IBAN-rekeningnummer: controleer de cijfers."
ALREADY_REGISTERED_NL = "Deze persoon is al geregistreerd met dit INSZ-nummer."
PASSWORD = "Geheim-wachtwoord-1"  # the factory's


def person(**overrides):
    body = {"first_name": "Yasmina", "last_name": "El Amrani", "birth_date": "1985-07-30", "insz": INSZ}
    body.update(overrides)
    return body


@pytest.fixture
def committee_member(team):
    return UserFactory(username="karel", team=team, roles=["committee_member"])


@pytest.fixture
def dpo(team):
    return UserFactory(username="dora", team=team, roles=["dpo"])


@pytest.fixture
def yasmina(db):
    return ClientFactory(
        first_name="Yasmina", last_name="El Amrani", birth_date=datetime.date(1985, 7, 30), insz=INSZ
    )


# --- registering --------------------------------------------------------------------------------------------


def test_register_answers_201_with_the_normalised_insz(api, social_worker):
    response = api(social_worker).post(
        URL, person(insz="85.07.30-033.28", iban="BE71 0961 2345 6769", nationality="be"), format="json"
    )

    assert response.status_code == 201, response.data
    assert response.data["insz"] == INSZ
    stored = Client.objects.get(pk=response.data["id"])
    assert stored.insz == INSZ
    assert stored.iban == "BE71096123456769"
    assert stored.nationality == "BE"
    assert stored.created_by == social_worker
    assert stored.search_text == "yasmina el amrani elamrani"
    assert stored.history.get().history_user == social_worker  # every change keeps history


def test_register_with_a_full_address(api, social_worker):
    address = {
        "street": "Kerkstraat",
        "house_number": "12",
        "box": "3",
        "postal_code": "9000",
        "municipality": "Gent",
    }
    response = api(social_worker).post(URL, person(address=address, gender="f"), format="json")

    assert response.status_code == 201, response.data
    stored = Client.objects.get(pk=response.data["id"])
    assert (stored.street, stored.house_number, stored.box, stored.postal_code, stored.municipality) == (
        "Kerkstraat",
        "12",
        "3",
        "9000",
        "Gent",
    )


def test_register_without_insz_is_allowed_for_newcomers(api, social_worker):
    first = api(social_worker).post(URL, person(insz=None), format="json")
    second = api(social_worker).post(URL, person(insz="", first_name="Amal"), format="json")

    assert first.status_code == 201
    assert second.status_code == 201
    # Two people without INSZ do not conflict.
    assert first.data["insz"] is None
    assert second.data["insz"] is None
    assert Client.objects.filter(insz__isnull=True).count() == 2


def test_register_a_bis_number(api, social_worker):
    response = api(social_worker).post(URL, person(insz="85.47.30-034.16"), format="json")

    assert response.status_code == 201, response.data
    assert response.data["insz"] == "85473003416"


def test_invalid_insz_is_refused_on_the_insz_field_and_nothing_is_stored(api, social_worker):
    before = Client.objects.count()

    response = api(social_worker).post(URL, person(insz="85073003329"), format="json")

    assert response.status_code == 400
    assert response.data == {"insz": [INVALID_INSZ_NL]}
    assert Client.objects.count() == before


def test_invalid_iban_is_refused_on_the_iban_field(api, social_worker):
    response = api(social_worker).post(URL, person(iban="BE69 5390 0754 7034"), format="json")

    assert response.status_code == 400
    assert response.data == {"iban": [INVALID_IBAN_NL]}
    assert not Client.objects.exists()


def test_known_insz_is_a_conflict_naming_the_existing_client(api, social_worker, yasmina):
    response = api(social_worker).post(
        URL, person(insz="85 07 30 033 28", first_name="Jasmina"), format="json"
    )

    assert response.status_code == 409
    assert response.data == {"detail": ALREADY_REGISTERED_NL, "existing_client": str(yasmina.pk)}
    assert Client.objects.count() == 1


def test_possible_duplicates_same_birth_date_and_similar_name(api, social_worker, yasmina):
    swapped = api(social_worker).post(
        URL, person(insz=None, first_name="El Amrani", last_name="Yasmina"), format="json"
    )
    written_together = api(social_worker).post(
        URL, person(insz=None, first_name="Yasmina", last_name="Elamrani"), format="json"
    )

    assert swapped.status_code == 201
    assert written_together.status_code == 201
    assert [d["id"] for d in swapped.data["possible_duplicates"]] == [str(yasmina.pk)]
    assert {d["id"] for d in written_together.data["possible_duplicates"]} == {
        str(yasmina.pk),
        swapped.data["id"],
    }
    for duplicate in written_together.data["possible_duplicates"]:
        assert set(duplicate) == IDENTITY_KEYS  # a warning shows identity only, never the record


def test_no_possible_duplicates_for_another_birth_date_or_another_name(api, social_worker, yasmina):
    other_date = api(social_worker).post(URL, person(insz=None, birth_date="1985-07-31"), format="json")
    other_name = api(social_worker).post(
        URL, person(insz=None, first_name="Jan", last_name="Peeters"), format="json"
    )

    assert other_date.status_code == 201
    assert other_name.status_code == 201
    assert other_date.data["possible_duplicates"] == []
    assert other_name.data["possible_duplicates"] == []


TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

BAD_BODIES = [
    pytest.param({}, {"first_name", "last_name", "birth_date"}, id="empty-object"),
    pytest.param(person(first_name=None), {"first_name"}, id="null-first-name"),
    pytest.param(person(first_name="   "), {"first_name"}, id="blank-first-name"),
    pytest.param(person(last_name=""), {"last_name"}, id="empty-last-name"),
    pytest.param(person(birth_date="1985-13-01"), {"birth_date"}, id="month-13"),
    pytest.param(person(birth_date="1985-02-30"), {"birth_date"}, id="30-february"),
    pytest.param(person(birth_date="30/07/1985"), {"birth_date"}, id="belgian-notation"),
    pytest.param(person(birth_date="gisteren"), {"birth_date"}, id="words"),
    pytest.param(person(birth_date=""), {"birth_date"}, id="empty-date"),
    pytest.param(person(birth_date=19850730), {"birth_date"}, id="number-date"),
    pytest.param(person(birth_date=TOMORROW), {"birth_date"}, id="future-birth-date"),
    pytest.param(person(birth_date="1889-12-31"), {"birth_date"}, id="before-1890"),
    pytest.param(person(birth_date="1899-12-31"), {"birth_date"}, id="before-1900"),
    pytest.param(person(birth_date="0001-01-01"), {"birth_date"}, id="year-1"),
    pytest.param(person(birth_date="99999-01-01"), {"birth_date"}, id="year-99999"),
    pytest.param(person(nationality="BEL"), {"nationality"}, id="nationality-three-letters"),
    pytest.param(person(nationality="B1"), {"nationality"}, id="nationality-digit"),
    pytest.param(person(nationality="É"), {"nationality"}, id="nationality-accent"),
    pytest.param(person(gender="y"), {"gender"}, id="unknown-gender"),
    pytest.param(person(gender=None), {"gender"}, id="null-gender"),
    pytest.param(person(email="niet-een-adres"), {"email"}, id="bad-email"),
    pytest.param(person(phone="bel me"), {"phone"}, id="bad-phone"),
    pytest.param(
        person(
            address={
                "street": "Kerkstraat",
                "house_number": "1",
                "postal_code": "123",
                "municipality": "Gent",
            }
        ),
        {"address"},
        id="postal-code-three-digits",
    ),
    pytest.param(
        person(
            address={"street": "Kerkstraat", "house_number": "1", "postal_code": "12345", "municipality": "X"}
        ),
        {"address"},
        id="postal-code-five-digits",
    ),
    pytest.param(
        person(
            address={"street": "Kerkstraat", "house_number": "1", "postal_code": "0999", "municipality": "X"}
        ),
        {"address"},
        id="postal-code-leading-zero",
    ),
    pytest.param(person(address={"street": "Kerkstraat"}), {"address"}, id="address-incomplete"),
    pytest.param(person(address="Kerkstraat 1, 9000 Gent"), {"address"}, id="address-as-string"),
    pytest.param(person(address=["Kerkstraat", "1"]), {"address"}, id="address-as-list"),
    pytest.param(person(first_name=["Yasmina"]), {"first_name"}, id="list-for-string"),
    pytest.param(person(last_name={"nl": "El Amrani"}), {"last_name"}, id="object-for-string"),
    pytest.param(person(insz=["85073003328"]), {"insz"}, id="insz-as-list"),
    pytest.param(person(insz=True), {"insz"}, id="insz-as-boolean"),
    pytest.param(person(insz="8" * 100), {"insz"}, id="insz-too-long"),
    pytest.param(person(insz="85073003328\x00"), {"insz"}, id="insz-nul"),
    pytest.param(person(iban={"iban": "BE71096123456769"}), {"iban"}, id="iban-as-object"),
    pytest.param(person(first_name="Yas\x00mina"), {"first_name"}, id="nul-in-name"),
    pytest.param(person(last_name="\ud800"), {"last_name"}, id="lone-surrogate"),
    pytest.param(person(first_name="a" * 100_000), {"first_name"}, id="huge-first-name"),
    pytest.param(person(language="y" * 10_000), {"language"}, id="huge-language"),
    pytest.param(person(email=("a" * 300) + "@example.be"), {"email"}, id="huge-email"),
    pytest.param(person(iban="BE" + "9" * 10_000), {"iban"}, id="huge-iban"),
]


@pytest.mark.parametrize(("body", "fields"), BAD_BODIES)
def test_bad_input_is_a_400_on_the_field_never_a_500(api, social_worker, body, fields):
    # json.dumps escapes what cannot be encoded (a lone surrogate travels as "\\ud800", as on the wire).
    response = api(social_worker).generic("POST", URL, json.dumps(body), content_type="application/json")

    assert response.status_code == 400, response.content[:500]
    assert set(response.data) == fields
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"{not json", id="malformed"),
        pytest.param(b'{"first_name": "Yasmina",', id="truncated"),
        pytest.param(b"[1, 2, 3]", id="array"),
        pytest.param(b'"Yasmina El Amrani"', id="string"),
        pytest.param(b"null", id="null"),
        pytest.param(b"42", id="number"),
        pytest.param(b"\xff\xfe\x00garbage", id="not-utf8"),
        pytest.param(b"", id="empty-body"),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_400(api, social_worker, raw):
    response = api(social_worker).generic("POST", URL, raw, content_type="application/json")

    assert response.status_code == 400, response.content[:500]
    assert not Client.objects.exists()


def test_a_body_in_an_unsupported_media_type_is_refused_not_a_500(api, social_worker):
    response = api(social_worker).generic("POST", URL, b"Yasmina El Amrani", content_type="text/plain")

    assert response.status_code == 415
    assert not Client.objects.exists()


# --- language of the answers --------------------------------------------------------------------------------


def test_messages_are_dutch_by_default(api, social_worker):
    response = api(social_worker).post(URL, {"insz": "123"}, format="json")

    assert response.status_code == 400
    assert response.data["insz"] == [INVALID_INSZ_NL]
    assert response.data["first_name"] == ["Dit veld is vereist."]
    assert response["Content-Language"] == "nl"


def test_messages_are_dutch_for_a_language_we_do_not_offer(api, social_worker):
    response = api(social_worker).post(URL, {"insz": "123"}, format="json", HTTP_ACCEPT_LANGUAGE="fr-BE")

    assert response.data["insz"] == [INVALID_INSZ_NL]


def test_messages_are_english_with_accept_language_en(api, social_worker):
    response = api(social_worker).post(URL, {"insz": "123"}, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.data["first_name"] == ["This field is required."]
    # Our own message, translated in locale/en: not the Dutch text, and exactly what the catalogue says.
    with translation.override("en"):
        english = gettext(INVALID_INSZ_NL)
    assert english != INVALID_INSZ_NL, "locale/en does not translate the INSZ message (run `make messages`)"
    assert response.data["insz"] == [english]


def test_conflict_message_is_english_with_accept_language_en(api, social_worker, yasmina):
    response = api(social_worker).post(URL, person(), format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 409
    with translation.override("en"):
        english = gettext(ALREADY_REGISTERED_NL)
    assert english != ALREADY_REGISTERED_NL, "locale/en does not translate the conflict message"
    assert response.data == {"detail": english, "existing_client": str(yasmina.pk)}


# --- searching ----------------------------------------------------------------------------------------------


@pytest.fixture
def registry(db, yasmina):
    """A few people with names that look alike, and a twin of Yasmina's name born on another day."""
    return {
        "yasmina": yasmina,
        "elodie": ClientFactory(
            first_name="Élodie", last_name="Dubois", birth_date=datetime.date(1990, 1, 2)
        ),
        "amrani": ClientFactory(first_name="Karim", last_name="Amrani", birth_date=datetime.date(1970, 5, 6)),
        "jan": ClientFactory(first_name="Jan", last_name="Peeters", birth_date=datetime.date(1960, 3, 4)),
        "ayse": ClientFactory(first_name="Ayşe", last_name="Yıldız", birth_date=datetime.date(1995, 6, 7)),
    }


def found_ids(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [row["id"] for row in response.data["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("el amr", {"yasmina"}, id="partial-two-fragments"),
        pytest.param("ÉLAMR", {"yasmina"}, id="upper-case-accent-written-together"),
        pytest.param("yasm", {"yasmina"}, id="first-name-fragment"),
        pytest.param("amrani", {"yasmina", "amrani"}, id="last-name-of-two-people"),
        pytest.param("amrani yasmina", {"yasmina"}, id="last-name-first"),
        pytest.param("elodie", {"elodie"}, id="without-the-accent"),
        pytest.param("ÉLODIE DUBOIS", {"elodie"}, id="full-name-upper-case"),
        pytest.param("yildiz", {"ayse"}, id="turkish-name-typed-on-a-belgian-keyboard"),
        pytest.param("ayse", {"ayse"}, id="cedilla-dropped"),
        pytest.param(INSZ, {"yasmina"}, id="insz"),
        pytest.param("85.07.30-033.28", {"yasmina"}, id="formatted-insz"),
        pytest.param("85073003329", set(), id="insz-with-wrong-check-finds-nobody"),
        pytest.param("nobody", set(), id="no-match"),
        pytest.param("%%", set(), id="like-wildcard-is-not-a-wildcard"),
        pytest.param("__", set(), id="like-underscore-is-not-a-wildcard"),
    ],
)
def test_search(api, social_worker, registry, query, expected):
    response = api(social_worker).get(URL, {"q": query})

    assert set(found_ids(response)) == {str(registry[name].pk) for name in expected}
    assert response.data["count"] == len(expected)


# Issue 10: a search needs two characters (one lists half the population) and at most 200; it was 200 with
# nobody before, it is a 400 with a Dutch message now.
@pytest.mark.parametrize("query", ["", "%", "_", "\x00", "a" * 10_000])
def test_search_refuses_what_is_no_search(api, social_worker, registry, query):
    response = api(social_worker).get(URL, {"q": query})

    assert response.status_code == 400 and "q" in response.data


def test_search_without_q_is_refused(api, social_worker, registry):
    assert api(social_worker).get(URL).data == {"q": ["Geef minstens twee tekens in om te zoeken."]}


def test_search_answers_minimal_identity_only(api, social_worker, registry):
    response = api(social_worker).get(URL, {"q": "yasmina"})

    assert response.data["results"] == [
        {
            "id": str(registry["yasmina"].pk),
            "first_name": "Yasmina",
            "last_name": "El Amrani",
            "birth_date": "1985-07-30",
            "has_dossier": False,
        }
    ]


def test_has_dossier_tells_intake_a_dossier_exists(api, social_worker, other_team, registry):
    DossierFactory(client=registry["amrani"], team=other_team)

    response = api(social_worker).get(URL, {"q": "amrani"})

    assert {row["id"]: row["has_dossier"] for row in response.data["results"]} == {
        str(registry["amrani"].pk): True,
        str(registry["yasmina"].pk): False,
    }


@pytest.fixture
def peeters_family(db):
    """205 people called Peeters: more than one page even at the largest page size."""
    Client.objects.bulk_create(
        Client(
            first_name=f"Persoon{i:03d}",
            last_name="Peeters",
            birth_date=datetime.date(1950, 1, 1) + datetime.timedelta(days=i),
            search_text=search_text(f"Persoon{i:03d}", "Peeters"),
        )
        for i in range(205)
    )


@pytest.mark.parametrize(
    ("page_size", "expected"),
    [
        pytest.param(None, 50, id="default-50"),
        pytest.param(10, 10, id="ten"),
        pytest.param(200, 200, id="maximum-200"),
        pytest.param(1000, 200, id="capped-at-200"),
        pytest.param("veel", 50, id="not-a-number-uses-default"),
    ],
)
def test_search_is_paginated(api, social_worker, peeters_family, page_size, expected):
    params = {"q": "peeters"} | ({"page_size": page_size} if page_size is not None else {})

    response = api(social_worker).get(URL, params)

    assert response.status_code == 200
    assert response.data["count"] == 205
    assert len(response.data["results"]) == expected
    assert response.data["next"] is not None
    assert response.data["previous"] is None


def test_search_last_page_and_a_page_that_does_not_exist(api, social_worker, peeters_family):
    me = api(social_worker)

    last = me.get(URL, {"q": "peeters", "page_size": 200, "page": 2})
    beyond = me.get(URL, {"q": "peeters", "page_size": 200, "page": 3})
    garbage = me.get(URL, {"q": "peeters", "page": "laatste"})

    assert len(last.data["results"]) == 5
    assert last.data["next"] is None
    assert beyond.status_code == 404
    assert garbage.status_code == 404


def test_search_pages_do_not_overlap(api, social_worker, peeters_family):
    me = api(social_worker)
    ids = [found_ids(me.get(URL, {"q": "peeters", "page_size": 100, "page": page})) for page in (1, 2, 3)]

    assert len(set(ids[0]) | set(ids[1]) | set(ids[2])) == 205


# --- who may: the three-person test and the roles -----------------------------------------------------------


def test_owner_may_search_and_register(api, social_worker, registry):
    me = api(social_worker)

    assert found_ids(me.get(URL, {"q": "yasmina"})) == [str(registry["yasmina"].pk)]
    assert me.post(URL, person(insz=None, first_name="Nieuw"), format="json").status_code == 201


def test_colleague_of_another_team_finds_the_shared_registry_with_minimal_identity_only(
    api, social_worker, other_team_worker, registry
):
    DossierFactory(client=registry["yasmina"], team=social_worker.team, social_worker=social_worker)

    response = api(other_team_worker).get(URL, {"q": "el amr"})

    assert found_ids(response) == [str(registry["yasmina"].pk)]
    assert (
        set(response.data["results"][0]) == IDENTITY_KEYS
    )  # no INSZ, address, IBAN... of another team's client
    assert response.data["results"][0]["has_dossier"] is True


def test_colleague_of_another_team_gets_the_conflict_but_only_the_id(api, other_team_worker, yasmina):
    response = api(other_team_worker).post(URL, person(), format="json")

    assert response.status_code == 409
    assert set(response.data) == {"detail", "existing_client"}


def test_anonymous_may_not_search_or_register(api, registry):
    anonymous = api()

    search = anonymous.get(URL, {"q": "yasmina"})
    create = anonymous.post(URL, person(insz=None), format="json")

    assert search.status_code == 401
    assert create.status_code == 401
    assert "results" not in search.data
    assert Client.objects.count() == len(registry)


def test_a_wrong_token_is_anonymous(api, registry):
    stranger = api()
    stranger.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    assert stranger.get(URL, {"q": "yasmina"}).status_code == 401


def test_committee_member_may_neither_search_nor_register(api, committee_member, registry):
    member = api(committee_member)

    search = member.get(URL, {"q": "yasmina"})
    create = member.post(URL, person(insz=None, first_name="Nieuw"), format="json")

    assert search.status_code == 403
    assert create.status_code == 403
    assert search.data == {"detail": "Uw rol laat deze handeling niet toe."}
    assert Client.objects.count() == len(registry)


def test_committee_member_does_not_learn_that_an_insz_is_registered(api, committee_member, yasmina):
    response = api(committee_member).post(URL, person(), format="json")

    assert response.status_code == 403
    assert "existing_client" not in response.data


def test_dpo_may_search_but_not_register(api, dpo, registry):
    officer = api(dpo)

    assert found_ids(officer.get(URL, {"q": "yasmina"})) == [str(registry["yasmina"].pk)]
    response = officer.post(URL, person(insz=None, first_name="Nieuw"), format="json")
    assert response.status_code == 403
    assert Client.objects.count() == len(registry)


@pytest.mark.parametrize(
    ("role", "may_search", "may_register"),
    [
        pytest.param("social_worker", True, True, id="social_worker"),
        pytest.param("intake_officer", True, True, id="intake_officer"),
        pytest.param("team_lead", True, True, id="team_lead"),
        pytest.param("head_of_service", True, True, id="head_of_service"),
        pytest.param("admin", True, True, id="admin"),
        pytest.param("activation_coach", True, False, id="activation_coach"),
        pytest.param("committee_secretary", True, False, id="committee_secretary"),
        pytest.param("dpo", True, False, id="dpo"),
        pytest.param("committee_member", False, False, id="committee_member"),
    ],
)
def test_roles(api, team, role, may_search, may_register):
    user = api(UserFactory(username=f"user-{role}", team=team, roles=[role]))

    assert user.get(URL, {"q": "xy"}).status_code == (200 if may_search else 403)
    assert user.post(URL, person(insz=None), format="json").status_code == (201 if may_register else 403)


def test_a_user_without_roles_may_do_nothing(api, team):
    user = api(UserFactory(username="nobody", team=team, roles=[]))

    assert user.get(URL, {"q": "xy"}).status_code == 403
    assert user.post(URL, person(insz=None), format="json").status_code == 403
