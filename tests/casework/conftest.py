import pytest

from casework.models import Dossier
from tests.factories import ClientFactory, UserFactory


@pytest.fixture
def team_lead(team):
    return UserFactory(username="els", team=team, roles=["team_lead"])


@pytest.fixture
def dossier(team, social_worker):
    return Dossier.objects.create(client=ClientFactory(), team=team, social_worker=social_worker)
