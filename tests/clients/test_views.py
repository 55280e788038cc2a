"""The web UI of the client registry, without a browser: access, Dutch errors, nothing stored on bad input.
The constant number of queries of the search results is guarded in test_query_counts.py."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from activation.models import Trajectory
from casework.obligations import services as obligations
from clients.models import Client
from tests.factories import ClientFactory, DossierFactory, UserFactory, make_insz

pytestmark = pytest.mark.django_db

YASMINA_BIRTH_DATE = datetime.date(1992, 3, 4)
HTMX = {"HTTP_HX_REQUEST": "true"}


def valid_registration(**changes) -> dict:
    data = {
        "first_name": "Yasmina",
        "last_name": "El Amrani",
        "birth_date": "04/03/1992",
        "insz": make_insz(YASMINA_BIRTH_DATE, 124),
        "street": "Kerkstraat",
        "house_number": "12",
        "postal_code": "9000",
        "municipality": "Gent",
        "iban": "BE68 5390 0754 7034",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    "url_name", ["home", "clients:search", "clients:register", "clients:possible-duplicates"]
)
def test_anonymous_visitor_is_sent_to_the_login_page(client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_login_page_is_dutch_and_labels_every_field(client):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl-BE">' in content
    assert '<label for="id_username">Gebruikersnaam <span class="required"' in content
    assert '<label for="id_password">Wachtwoord <span class="required"' in content


def test_wrong_password_is_refused_in_dutch(client, social_worker):
    response = client.post(reverse("login"), {"username": "sofie", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in." in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_with_a_dutch_page(client, social_worker, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _attempt in range(2):
        response = client.post(reverse("login"), {"username": "sofie", "password": "fout"})
    assert response.status_code == 429
    content = response.content.decode()
    assert "Account tijdelijk geblokkeerd" in content
    assert "Na 2 mislukte pogingen om aan te melden" in content
    assert "over 15 minuten opnieuw" in content


def test_home_shows_the_links_of_the_users_roles(client, social_worker):
    client.force_login(social_worker)
    content = client.get(reverse("home")).content.decode()
    assert "Cliënten zoeken" in content
    assert "Nieuwe cliënt" in content
    assert "Maatschappelijk werker" in content


def test_committee_member_sees_no_client_links_and_gets_403_on_search(client, team):
    marc = UserFactory(username="marc", team=team, roles=["committee_member"])
    client.force_login(marc)
    assert "Cliënten zoeken" not in client.get(reverse("home")).content.decode()
    response = client.get(reverse("clients:search"), {"q": "el amr"})
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert client.get(reverse("clients:search"), {"q": "el amr"}, **HTMX).status_code == 403


def test_activation_coach_may_search_but_not_register(client, team):
    karim = UserFactory(username="karim", team=team, roles=["activation_coach"])
    client.force_login(karim)
    assert client.get(reverse("clients:search")).status_code == 200
    assert client.get(reverse("clients:register")).status_code == 403
    assert client.post(reverse("clients:register"), valid_registration()).status_code == 403
    assert not Client.objects.exists()


def test_search_results_show_name_birth_date_and_dossier_and_carry_the_name_to_registration(
    client, social_worker
):
    ClientFactory(first_name="Jasmina", last_name="Elamrani", birth_date=YASMINA_BIRTH_DATE)
    client.force_login(social_worker)

    content = client.get(reverse("clients:search"), {"q": "el amr"}, **HTMX).content.decode()

    assert "Elamrani, Jasmina" in content
    assert "04/03/1992" in content
    assert "geen dossier" in content
    assert f"{reverse('clients:register')}?achternaam=el+amr" in content
    assert "<html" not in content  # a fragment, not a page


def test_search_without_match_shows_the_empty_state_with_a_registration_button(client, social_worker):
    client.force_login(social_worker)
    content = client.get(reverse("clients:search"), {"q": "nobody"}).content.decode()
    assert "Geen cliënten gevonden" in content
    assert f"{reverse('clients:register')}?achternaam=nobody" in content


def test_an_insz_typed_in_the_search_box_is_carried_to_the_insz_field(client, social_worker):
    client.force_login(social_worker)
    insz = make_insz(YASMINA_BIRTH_DATE, 124)
    content = client.get(reverse("clients:search"), {"q": insz}).content.decode()
    assert f"{reverse('clients:register')}?insz={insz}" in content


def test_registration_form_takes_over_the_name_typed_in_the_search_box(client, social_worker):
    client.force_login(social_worker)
    response = client.get(reverse("clients:register"), {"achternaam": "el amr"})
    assert response.context["form"]["last_name"].value() == "el amr"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "insz",
            "92030412459",
            "Dit is geen geldig rijksregisternummer of BIS-nummer: controleer de cijfers.",
        ),
        ("iban", "BE68 5390 0754 7035", "Dit is geen geldig IBAN-rekeningnummer: controleer de cijfers."),
        ("birth_date", "31/02/1992", "Voer een geldige datum in."),
        ("birth_date", "01/01/1850", "Een geboortedatum ligt tussen 01/01/1900 en vandaag."),
        ("first_name", "   ", "Dit veld is vereist."),
        ("postal_code", "900", "Een Belgische postcode heeft 4 cijfers."),
        ("nationality", "B1", "Geef een landcode van twee letters (ISO 3166), bv. BE."),
        ("phone", "bel me", "Geef een geldig telefoonnummer."),
        ("municipality", "", "Vul dit ook in: een adres heeft een straat, huisnummer, postcode en gemeente."),
    ],
)
def test_invalid_registration_shows_the_dutch_error_on_the_field_and_stores_nothing(
    client, social_worker, field, value, message
):
    client.force_login(social_worker)

    response = client.post(reverse("clients:register"), valid_registration(**{field: value}), **HTMX)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not Client.objects.exists()


def test_invalid_registration_keeps_what_was_typed(client, social_worker):
    client.force_login(social_worker)
    response = client.post(reverse("clients:register"), valid_registration(insz="92030412459"), **HTMX)
    content = response.content.decode()
    assert 'value="Yasmina"' in content
    assert 'value="04/03/1992"' in content
    assert 'value="92030412459"' in content
    assert 'value="BE68 5390 0754 7034"' in content


def test_registration_uses_the_same_messages_as_the_api(client, api, social_worker):
    client.force_login(social_worker)
    web = client.post(reverse("clients:register"), valid_registration(insz="92030412459"))
    body = {
        "first_name": "Yasmina",
        "last_name": "El Amrani",
        "birth_date": "1992-03-04",
        "insz": "92030412459",
    }
    api_response = api(social_worker).post("/api/v1/clients/", body, format="json")
    assert api_response.status_code == 400
    assert web.context["form"].errors["insz"] == api_response.data["insz"]


def test_registration_stores_the_person_and_confirms_with_the_formatted_insz(client, social_worker):
    client.force_login(social_worker)
    insz = make_insz(YASMINA_BIRTH_DATE, 124)

    response = client.post(reverse("clients:register"), valid_registration(), **HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("clients:registered")
    yasmina = Client.objects.get()
    assert (yasmina.insz, yasmina.iban, yasmina.birth_date) == (insz, "BE68539007547034", YASMINA_BIRTH_DATE)
    assert yasmina.created_by == social_worker
    confirmation = client.get(reverse("clients:registered")).content.decode()
    assert "Yasmina El Amrani is geregistreerd." in confirmation
    assert "04/03/1992" in confirmation
    assert f"{insz[0:2]}.{insz[2:4]}.{insz[4:6]}-{insz[6:9]}.{insz[9:11]}" in confirmation


def test_registration_accepts_the_iso_date_of_a_date_input(client, social_worker):
    client.force_login(social_worker)
    response = client.post(reverse("clients:register"), valid_registration(birth_date="1992-03-04"))
    assert response.status_code == 302
    assert Client.objects.get().birth_date == YASMINA_BIRTH_DATE


def test_known_insz_is_refused_on_the_field_with_the_person_already_registered(client, social_worker):
    insz = make_insz(YASMINA_BIRTH_DATE, 124)
    ClientFactory(first_name="Yasmina", last_name="El Amrani", birth_date=YASMINA_BIRTH_DATE, insz=insz)
    client.force_login(social_worker)

    response = client.post(reverse("clients:register"), valid_registration(first_name="Jasmien"), **HTMX)

    assert response.context["form"].errors["insz"] == [
        "Deze persoon is al geregistreerd met dit INSZ-nummer."
    ]
    assert "Met dit INSZ is al geregistreerd: Yasmina El Amrani, geboren op 04/03/1992." in (
        response.content.decode()
    )
    assert Client.objects.count() == 1


def test_possible_duplicate_is_announced_while_typing_and_does_not_block(client, social_worker):
    ClientFactory(first_name="Jasmina", last_name="Elamrani", birth_date=YASMINA_BIRTH_DATE)
    client.force_login(social_worker)
    identity = {"first_name": "Yasmina", "last_name": "El Amrani", "birth_date": "04/03/1992"}

    warning = client.get(reverse("clients:possible-duplicates"), identity, **HTMX).content.decode()
    incomplete = client.get(
        reverse("clients:possible-duplicates"), {**identity, "birth_date": ""}, **HTMX
    ).content.decode()
    saved = client.post(reverse("clients:register"), valid_registration())

    assert "Mogelijk dubbele registratie:" in warning
    assert "Jasmina Elamrani, zelfde geboortedatum" in warning
    assert incomplete.strip() == ""
    assert saved.status_code == 302
    assert Client.objects.count() == 2


def test_api_errors_are_english_for_an_english_speaking_caller(api, social_worker):
    body = {"first_name": " ", "last_name": "El Amrani", "birth_date": "1992-03-04", "insz": "92030412459"}
    response = api(social_worker).post("/api/v1/clients/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.data["insz"] == ["This is not a valid national register or BIS number: check the digits."]
    assert response.data["first_name"] == ["This field may not be blank."]


def test_pages_are_english_after_choosing_english(client, social_worker):
    client.force_login(social_worker)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("clients:register")})
    response = client.post(reverse("clients:register"), valid_registration(insz="92030412459"))
    content = response.content.decode()
    assert '<html lang="en-BE">' in content
    assert "Register a new client" in content
    assert "This is not a valid national register or BIS number: check the digits." in content


def _headings(response) -> list[str]:
    """The text of every <h1>..<h6> of a page, tags and spacing stripped."""
    assert response.status_code == 200
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", response.content.decode(), flags=re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for _level, text in found]


def test_my_work_the_coachs_board_and_the_dashboard_are_english_after_choosing_english(
    client, team, social_worker
):
    """The screens merged after the catalogue was last brought up to date (activation, the head of
    service's dashboard, the obligations engine) have every heading in English: none of the Dutch page's
    headings is left."""
    today = timezone.localdate()
    dossier = DossierFactory(team=team, social_worker=social_worker)
    for kind, days in (("decision_due", -2), ("annual_review_due", 3)):  # one overdue, one this week
        obligations.obligation_open(
            actor=social_worker,
            kind=kind,
            obj=dossier,
            due_on=today + datetime.timedelta(days=days),
            dossier=dossier,
            responsible=social_worker,
        )
    coach = UserFactory(username="karim", team=team, roles=["activation_coach"], first_name="Karim")
    Trajectory.objects.create(
        dossier=dossier,
        coach=coach,
        phase="work",
        phase_since=today,
        started_on=today,
        next_monitoring_due=today,
    )
    head = UserFactory(username="hilde", team=team, roles=["head_of_service"], first_name="Hilde")
    pages = [
        (
            social_worker,
            reverse("home"),
            ["My work", "Overdue 1", "This week 1", "What would you like to do?"],
        ),
        (coach, "/activering/", ["My pathways"]),
        (
            head,
            "/cijfers/",
            ["Deadlines and caseload", "Caseload per social worker", "Activation: clients per phase"],
        ),
    ]

    dutch = {}
    for user, url, _english in pages:
        client.force_login(user)
        dutch[url] = _headings(client.get(url))
    assert "Mijn werk" in dutch["/"] and "Mijn trajecten" in dutch["/activering/"]
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    for user, url, english in pages:
        client.force_login(user)
        response = client.get(url)
        headings = _headings(response)
        assert set(english) <= set(headings), (url, headings)
        assert set(dutch[url]).isdisjoint(headings), (url, set(dutch[url]) & set(headings))
    # The dashboard's <h1> with the period after it, and the flow chart's own labels.
    assert headings[0].startswith("Service figures: Q")
    assert ">from</text>" in response.content.decode() and ">to</text>" in response.content.decode()


def test_an_expired_session_during_live_search_sends_the_browser_to_the_login_page(client):
    response = client.get("/clienten/", {"q": "el amr"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/login/")
