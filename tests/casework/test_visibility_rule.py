"""The one visibility rule, twice: `visible_dossiers_q` (the filter of every list, written to use indexes)
and `dossier_access` (one dossier) agree for every role, team, break-the-glass grant (live, expired, on a
restricted dossier) and restricted list."""

import datetime

import pytest
from django.utils import timezone

from casework import policy
from casework.dossiers.models import BreakGlassAccess, Dossier
from tests.casework.access_world import ROLES, World
from tests.factories import BreakGlassAccessFactory, DossierFactory

pytestmark = pytest.mark.django_db


def test_the_list_filter_and_the_dossier_check_agree_for_everyone():
    world = World()
    people = [*world.callers.values(), world.colleague, world.stranger]
    restricted_for_lead = DossierFactory(team=world.noord, restricted=True)
    restricted_for_lead.restricted_to.add(world.callers["team_lead"])
    expired = DossierFactory(team=world.noord)
    glass_on_restricted = DossierFactory(team=world.noord, restricted=True)
    past = timezone.now() - datetime.timedelta(hours=1)
    for role in ("social_worker", "team_lead"):
        BreakGlassAccessFactory(dossier=expired, user=world.callers[role], expires_at=past)
        BreakGlassAccess.objects.create(
            dossier=glass_on_restricted,
            user=world.callers[role],
            reason="x",
            expires_at=past + datetime.timedelta(days=1),
        )
    inactive = world.callers[ROLES[0]]
    dossiers = list(Dossier.objects.all())
    assert len(dossiers) >= 10
    for user in people:
        listed = set(Dossier.objects.filter(policy.visible_dossiers_q(user)).values_list("pk", flat=True))
        checked = {d.pk for d in dossiers if policy.dossier_access(user, d) is not policy.Access.NONE}
        assert listed == checked, user.username
        # No joins: a dossier is listed once however many grants or list entries name the user.
        assert Dossier.objects.filter(policy.visible_dossiers_q(user)).count() == len(listed)
    inactive.is_active = False
    assert not Dossier.objects.filter(policy.visible_dossiers_q(inactive)).exists()
