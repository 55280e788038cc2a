import pytest

from tests.factories import DossierFactory, UserFactory


@pytest.fixture
def coach(team):
    return UserFactory(username="karim", team=team, roles=["activation_coach"], first_name="Karim")


@pytest.fixture
def dossier(team, social_worker):
    return DossierFactory(team=team, social_worker=social_worker)


@pytest.fixture
def coached_dossier(dossier, coach):
    dossier.activation_coach = coach
    dossier.save()
    return dossier
