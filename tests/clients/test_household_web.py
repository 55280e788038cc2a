"""The household screen (journey 1: the two children join the household): choose a registered person or
register them first, say the relation and since when; a member leaves on a date and the row stays."""

import datetime

import pytest
from django.urls import reverse

from clients.models import HouseholdMember
from tests.factories import ClientFactory, DossierFactory, HouseholdMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(team, social_worker):
    return DossierFactory(client=ClientFactory(first_name="Amina", last_name="Benali"), team=team)


SINCE_2015 = datetime.date(2015, 1, 1)


def _household_url(dossier) -> str:
    return reverse("clients:household", args=[dossier.client_id])


def test_a_child_found_in_the_registry_joins_the_household(client, social_worker, dossier):
    child = ClientFactory(first_name="Yasmine", last_name="Benali", birth_date=datetime.date(2018, 3, 4))
    client.force_login(social_worker)

    found = client.get(_household_url(dossier), {"q": "Yasmine"}).content.decode()
    chosen = client.get(_household_url(dossier), {"lid": child.pk})
    response = client.post(
        _household_url(dossier),
        {"action": "add", "member": child.pk, "relation": "child", "from_date": "04/03/2018"},
        follow=True,
    )

    assert f"?lid={child.pk}" in found
    assert "Yasmine Benali" in chosen.content.decode()
    joined = HouseholdMember.objects.get(client=dossier.client, member=child)
    assert joined.from_date == datetime.date(2018, 3, 4)
    assert "Yasmine Benali hoort nu bij het gezin." in response.content.decode()


def test_a_child_registered_from_the_household_comes_back_chosen(client, social_worker, dossier):
    client.force_login(social_worker)

    form = client.get(reverse("clients:register"), {"gezin": dossier.client_id}).content.decode()
    response = client.post(
        reverse("clients:register"),
        {"gezin": dossier.client_id, "first_name": "Adam", "last_name": "Benali", "birth_date": "12/07/2020"},
    )

    assert f'name="gezin" value="{dossier.client_id}"' in form
    assert response.status_code == 302
    assert response["Location"].startswith(f"{_household_url(dossier)}?lid=")


def test_a_wrong_date_is_shown_on_its_field_and_changes_nothing(client, social_worker, dossier):
    child = ClientFactory()
    client.force_login(social_worker)

    response = client.post(
        _household_url(dossier),
        {"action": "add", "member": child.pk, "relation": "child", "from_date": "31/02/2020"},
    )

    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert not HouseholdMember.objects.exists()


def test_a_person_already_in_the_household_is_refused_in_dutch(client, social_worker, dossier):
    member = HouseholdMemberFactory(client=dossier.client, relation="child").member
    client.force_login(social_worker)

    response = client.post(
        _household_url(dossier),
        {"action": "add", "member": member.pk, "relation": "child", "from_date": "01/01/2021"},
    )

    assert "Deze persoon hoort al bij het gezin." in response.content.decode()
    assert HouseholdMember.objects.count() == 1


def test_a_member_who_leaves_keeps_the_row_with_the_end_date(client, social_worker, dossier):
    row = HouseholdMemberFactory(client=dossier.client, relation="partner", from_date=SINCE_2015)
    client.force_login(social_worker)

    client.post(
        _household_url(dossier),
        {"action": "end", "row": row.pk, f"einde-{row.pk}-to_date": "30/06/2026"},
    )

    row.refresh_from_db()
    assert row.to_date == datetime.date(2026, 6, 30)


def test_an_end_before_the_start_is_refused_on_the_field(client, social_worker, dossier):
    row = HouseholdMemberFactory(client=dossier.client, relation="partner", from_date=SINCE_2015)
    client.force_login(social_worker)

    response = client.post(
        _household_url(dossier),
        {"action": "end", "row": row.pk, f"einde-{row.pk}-to_date": "01/01/2014"},
    )

    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    row.refresh_from_db()
    assert row.to_date is None


def test_another_teams_worker_gets_404_and_anonymous_the_login_page(client, other_team_worker, dossier):
    anonymous = client.get(_household_url(dossier))
    client.force_login(other_team_worker)

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    assert client.get(_household_url(dossier)).status_code == 404
