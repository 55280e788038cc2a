"""A person found in the search leads somewhere: to their dossier, to the emergency access of another team's
dossier (for whoever may ask for it), or to opening a dossier. A restricted dossier leaves no trace."""

import pytest
from django.urls import reverse

from tests.factories import ClientFactory, DossierFactory, UserFactory

pytestmark = pytest.mark.django_db


def _result_links(client, query: str) -> str:
    return client.get(reverse("clients:search"), {"q": query}).content.decode()


def test_a_person_of_ones_own_team_leads_to_the_dossier(client, social_worker, team):
    dossier = DossierFactory(client=ClientFactory(last_name="Peeters"), team=team)
    client.force_login(social_worker)

    page = _result_links(client, "Peeters")

    assert f'href="{reverse("casework:dossier", args=[dossier.pk])}"' in page


def test_another_teams_person_leads_a_social_worker_to_the_emergency_access(
    client, social_worker, other_team
):
    dossier = DossierFactory(client=ClientFactory(last_name="Peeters"), team=other_team)
    client.force_login(social_worker)

    page = _result_links(client, "Peeters")

    assert f'href="{reverse("casework:break-glass", args=[dossier.pk])}"' in page
    assert "Noodtoegang vragen" in page


def test_a_person_without_a_dossier_leads_to_opening_one(client, social_worker):
    person = ClientFactory(last_name="Peeters")
    client.force_login(social_worker)

    page = _result_links(client, "Peeters")

    assert f'href="{reverse("casework:dossier-open")}?client={person.pk}"' in page


def test_a_restricted_dossier_leaves_no_link_to_it(client, social_worker, other_team):
    dossier = DossierFactory(
        client=ClientFactory(last_name="Peeters"), team=other_team, restricted=True, restricted_to=[]
    )
    client.force_login(social_worker)

    page = _result_links(client, "Peeters")

    assert str(dossier.pk) not in page


def test_an_activation_coach_gets_no_emergency_access_link(client, team, other_team):
    coach = UserFactory(team=team, roles=["activation_coach"])
    dossier = DossierFactory(client=ClientFactory(last_name="Peeters"), team=other_team)
    client.force_login(coach)

    page = _result_links(client, "Peeters")

    assert str(dossier.pk) not in page
