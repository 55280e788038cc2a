"""Error pages in Dutch that keep the navigation, so the worker finds the way back to their work."""

import pytest

from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_page_is_a_dutch_404_with_the_menu(client, social_worker):
    client.force_login(social_worker)

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
    assert 'aria-label="Hoofdmenu"' in response.content.decode()


def test_a_refused_page_is_a_dutch_403_with_the_menu(client, team):
    client.force_login(UserFactory(team=team, roles=["committee_member"]))

    response = client.get("/clienten/")

    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert 'aria-label="Hoofdmenu"' in response.content.decode()


@pytest.mark.urls("tests.error_urls")
def test_a_bug_is_a_dutch_500_with_the_menu(client, social_worker):
    client.raise_request_exception = False
    client.force_login(social_worker)

    response = client.get("/kapot/")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert 'aria-label="Hoofdmenu"' in response.content.decode()


def test_another_teams_dossier_is_the_same_404_as_an_unknown_one(client, team, other_team):
    dossier = DossierFactory(team=other_team)
    client.force_login(UserFactory(team=team, roles=["activation_coach"]))

    response = client.get(f"/dossiers/{dossier.pk}/")

    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
