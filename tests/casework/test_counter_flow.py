"""Journey 1 made shorter at the counter (issue 12): the dossier opened with the registration, and the
children registered into the household from the dossier page in place (HTMX), with a working form without
JavaScript."""

import datetime
import re

import pytest
from django.urls import reverse

from casework.dossiers.models import Dossier
from clients.models import Client, HouseholdMember
from tests.factories import ClientFactory, DossierFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
YASMINA = {"first_name": "Yasmina", "last_name": "El Amrani", "birth_date": "04/03/1992"}


def _child(first_name="Adam", **overrides) -> dict:
    fields = {
        "first_name": first_name,
        "last_name": "El Amrani",
        "birth_date": "12/07/2016",
        "relation": "child",
        "from_date": "12/07/2016",
        **overrides,
    }
    return {f"gezinslid-{name}": value for name, value in fields.items()}


def test_the_registration_form_offers_a_dossier_for_the_workers_own_team_first(client, social_worker):
    client.force_login(social_worker)

    form = client.get(reverse("clients:register")).content.decode()

    assert 'name="dossier_team"' in form
    assert f'<option value="{social_worker.team.code}" selected>' in form
    first_field = re.search(r'<input[^>]*name="first_name"[^>]*>', form).group()
    assert "autofocus" in first_field  # the cursor in the first field


def test_registering_with_a_dossier_lands_on_the_dossier_page(client, social_worker):
    client.force_login(social_worker)

    response = client.post(reverse("clients:register"), {**YASMINA, "dossier_team": social_worker.team.code})

    dossier = Dossier.objects.get(client__last_name="El Amrani")
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:dossier", args=[dossier.pk])
    assert dossier.team == social_worker.team and dossier.social_worker == social_worker


def test_registering_without_a_dossier_goes_to_the_confirmation_as_before(client, social_worker):
    client.force_login(social_worker)

    response = client.post(reverse("clients:register"), {**YASMINA, "dossier_team": ""})

    assert response["Location"] == reverse("clients:registered")
    assert not Dossier.objects.exists()


def test_a_team_the_worker_may_not_open_for_is_refused_on_the_field(client, social_worker, other_team):
    client.force_login(social_worker)

    response = client.post(reverse("clients:register"), {**YASMINA, "dossier_team": other_team.code})

    assert response.status_code == 200
    assert not Client.objects.filter(last_name="El Amrani").exists()
    assert not Dossier.objects.exists()


def test_the_front_desk_chooses_any_team_and_a_worker_without_a_team_gets_no_choice(client, team, other_team):
    client.force_login(UserFactory(team=team, roles=["intake_officer"]))
    front_desk = client.get(reverse("clients:register")).content.decode()
    client.force_login(UserFactory(team=None, roles=["social_worker"]))
    without_team = client.get(reverse("clients:register")).content.decode()

    assert f'value="{other_team.code}"' in front_desk
    client.force_login(UserFactory(team=None, roles=["intake_officer"]))
    central_desk = client.get(reverse("clients:register")).content.decode()
    assert '<option value="" selected>' in central_desk  # of no team: no team chosen for them
    assert 'name="dossier_team"' not in without_team


@pytest.fixture
def dossier(social_worker):
    yasmina = ClientFactory(first_name="Yasmina", last_name="El Amrani", birth_date=datetime.date(1992, 3, 4))
    return DossierFactory(client=yasmina, team=social_worker.team, social_worker=social_worker)


def test_the_dossier_page_offers_the_household_form_with_the_family_name_and_today(
    client, social_worker, dossier
):
    client.force_login(social_worker)

    page = client.get(reverse("casework:dossier", args=[dossier.pk])).content.decode()

    assert 'name="gezinslid-last_name"' in page and 'value="El Amrani"' in page
    assert '<option value="child" selected>' in page
    assert datetime.date.today().strftime("%d/%m/%Y") in page


def test_a_child_registered_from_the_dossier_page_joins_the_household_in_place(
    client, social_worker, dossier
):
    client.force_login(social_worker)
    url = reverse("clients:household-new-member", args=[dossier.client_id])

    first = client.post(url, {**_child("Adam"), "weergave": "dossier"}, headers=HTMX)
    second = client.post(
        url, {**_child("Nour", birth_date="03/01/2019"), "weergave": "dossier"}, headers=HTMX
    )

    assert first.status_code == 200
    answer = second.content.decode()
    assert "Nour El Amrani hoort nu bij het gezin (kind)." in answer
    assert 'id="household-size" hx-swap-oob="true">2 huisgenoten' in answer
    assert 'name="gezinslid-first_name"' in answer and 'value="Nour"' not in answer  # empty for the next
    children = HouseholdMember.objects.filter(client=dossier.client, relation="child")
    assert sorted(row.member.first_name for row in children) == ["Adam", "Nour"]
    assert children.first().history.exists()


def test_on_the_household_screen_the_table_follows_out_of_band(client, social_worker, dossier):
    client.force_login(social_worker)

    answer = client.post(
        reverse("clients:household-new-member", args=[dossier.client_id]),
        {**_child("Adam"), "weergave": "gezin"},
        headers=HTMX,
    ).content.decode()

    assert 'id="household-members" hx-swap-oob="true"' in answer
    assert "El Amrani, Adam" in answer


def test_without_javascript_the_household_screen_follows(client, social_worker, dossier):
    client.force_login(social_worker)

    response = client.post(
        reverse("clients:household-new-member", args=[dossier.client_id]), _child("Adam"), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("clients:household", args=[dossier.client_id])
    assert "Adam El Amrani hoort nu bij het gezin (kind)." in response.content.decode()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_a_bad_birth_date_is_shown_on_its_field_and_registers_no_one(client, social_worker, dossier, htmx):
    client.force_login(social_worker)

    response = client.post(
        reverse("clients:household-new-member", args=[dossier.client_id]),
        _child("Adam", birth_date="31/02/2016"),
        headers=HTMX if htmx else {},
    )

    assert response.status_code == 400
    assert "Geboortedatum" in response.content.decode()
    assert not Client.objects.filter(first_name="Adam").exists()
    assert not HouseholdMember.objects.exists()


def test_a_from_date_in_the_future_registers_no_one(client, social_worker, dossier):
    client.force_login(social_worker)
    next_year = (datetime.date.today() + datetime.timedelta(days=400)).strftime("%d/%m/%Y")

    response = client.post(
        reverse("clients:household-new-member", args=[dossier.client_id]),
        _child("Adam", from_date=next_year),
        headers=HTMX,
    )

    assert response.status_code == 400
    assert not Client.objects.filter(first_name="Adam").exists()


def test_another_teams_worker_gets_404(client, other_team_worker, dossier):
    client.force_login(other_team_worker)

    response = client.post(reverse("clients:household-new-member", args=[dossier.client_id]), _child())

    assert response.status_code == 404
    assert not HouseholdMember.objects.exists()


def test_the_new_screens_speak_english_through_the_catalogue(client, social_worker, dossier):
    client.force_login(social_worker)
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}

    registration = client.get(reverse("clients:register"), **english).content.decode()
    page = client.get(reverse("casework:dossier", args=[dossier.pk]), **english).content.decode()

    assert "Yes, for team" in registration and "No, no dossier yet" in registration
    assert "Add a household member" in page and "Register and add to the household" in page
    assert "Filter the timeline" in page and "Written by" in page
