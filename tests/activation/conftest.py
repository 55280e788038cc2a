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


@pytest.fixture(autouse=True)
def default_tree(db):
    """The default tree, cadences and evaluation rule of data migration 0002 (a transactional test elsewhere
    in the run empties the tables; the seed is idempotent)."""
    from importlib import import_module

    from django.apps import apps

    import_module("activation.migrations.0002_default_tree_and_rules").seed(apps, None)
