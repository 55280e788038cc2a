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


def test_the_dossier_page_shows_the_newest_fifty_and_the_rest_on_demand(client, dossier, social_worker):
    from clients.models import AccessLog

    now = timezone.now()
    for n in range(120):  # two at the same moment each time: the cursor breaks ties by id
        ContactFactory(
            dossier=dossier,
            author=social_worker,
            summary=f"Contact nr {n:03d}.",
            occurred_at=now - datetime.timedelta(hours=n // 2),
        )
    timeline_event_record(
        actor=social_worker,
        dossier=dossier,
        kind="bcsd.decision",
        title="Beslissing",
        occurred_at=now - datetime.timedelta(hours=30, minutes=30),
    )
    client.force_login(social_worker)

    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert page.count('class="timeline__item') == 50
    assert "Oudere contacten tonen" in page
    seen = page.count("Contact nr")
    cursor = page.split("?voor=")[1].split("#")[0]
    logged = AccessLog.objects.count()
    pages = 1
    while cursor:
        more = client.get(f"/dossiers/{dossier.pk}/tijdlijn/?voor={cursor}", headers={"HX-Request": "true"})
        assert more.status_code == 200
        html = more.content.decode()
        assert "data-focus-after-swap" in html  # the keyboard focus goes to the first new entry
        seen += html.count("Contact nr")
        pages += 1
        cursor = (
            html.split("hx-get=")[1].split("?voor=")[1].split('"')[0] if "timeline-more" in html else None
        )
    assert (seen, pages) == (120, 3)
    assert AccessLog.objects.count() == logged + 2  # each page of the timeline is a read, logged once

    # Without JavaScript: the dossier page at that point of the timeline; a bad cursor gives the top.
    older = client.get(f"/dossiers/{dossier.pk}/?voor={page.split('?voor=')[1].split('#')[0]}")
    assert "Contact nr 050." in older.content.decode() and "Contact nr 000." not in older.content.decode()
    assert client.get(f"/dossiers/{dossier.pk}/?voor=nonsense_x").status_code == 200
    redirect = client.get(f"/dossiers/{dossier.pk}/tijdlijn/?voor=nonsense")
    assert redirect.status_code == 302


def test_a_colleague_without_full_access_gets_no_timeline_page(client, dossier, other_team_worker):
    client.force_login(other_team_worker)
    response = client.get(f"/dossiers/{dossier.pk}/tijdlijn/", headers={"HX-Request": "true"})
    assert response.status_code == 404
