"""Events recorded by the apps above casework (a decision, an activation step) show on the dossier timeline
beside the contacts, newest first; the coach is named through a casework service."""

import datetime

import pytest
from django.utils import timezone

from casework.dossiers.services import dossier_coach_assign
from casework.timeline.services import timeline_event_record
from core.errors import DomainError, NotFoundError
from tests.factories import ContactFactory, UserFactory


def test_events_and_contacts_share_the_timeline_newest_first(client, dossier, social_worker):
    now = timezone.now()
    ContactFactory(
        dossier=dossier, author=social_worker, summary="Belde", occurred_at=now - datetime.timedelta(days=2)
    )
    timeline_event_record(
        actor=social_worker,
        dossier=dossier,
        kind="bcsd.decision",
        title="Leefloon toegekend door het BCSD",
        occurred_at=now - datetime.timedelta(days=1),
    )
    client.force_login(social_worker)

    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()

    assert page.index("Leefloon toegekend door het BCSD") < page.index("Belde")


def test_an_event_needs_a_title_and_a_moment_that_happened(dossier, social_worker):
    with pytest.raises(DomainError):
        timeline_event_record(actor=social_worker, dossier=dossier, kind="x", title=" ")
    with pytest.raises(DomainError):
        timeline_event_record(
            actor=social_worker,
            dossier=dossier,
            kind="x",
            title="Later",
            occurred_at=timezone.now() + datetime.timedelta(days=1),
        )


def test_the_coach_named_on_the_dossier_may_open_it(api, dossier, social_worker, other_team):
    coach = UserFactory(username="karim", team=other_team, roles=["activation_coach"])
    assert api(coach).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 404

    dossier_coach_assign(actor=social_worker, dossier=dossier, coach=coach)

    assert api(coach).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200


def test_only_a_coach_can_be_named_and_only_by_the_dossiers_people(dossier, social_worker, other_team_worker):
    with pytest.raises(DomainError):
        dossier_coach_assign(actor=social_worker, dossier=dossier, coach=other_team_worker)
    with pytest.raises(NotFoundError):
        dossier_coach_assign(actor=other_team_worker, dossier=dossier, coach=None)
