import pytest

from tests.factories import DossierFactory, UserFactory


@pytest.fixture
def team_lead(team):
    return UserFactory(username="els", team=team, roles=["team_lead"])


@pytest.fixture
def dossier(team, social_worker):
    return DossierFactory(team=team, social_worker=social_worker)
