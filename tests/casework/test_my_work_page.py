"""Mijn werk on the home page of every role: overdue first, then this week, then later, each linking to its
object; a team lead sees the team's and reassigns within it; the head of service sees counts per team."""

import pytest
from django.utils import timezone

from casework.obligations.models import Obligation
from clients.models import AccessLog
from tests.casework.test_obligations import make
from tests.factories import UserFactory

TODAY = timezone.localdate()


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def test_the_home_page_lists_overdue_first_then_this_week_then_later(signed_in, social_worker):
    later = make(social_worker, days=20)
    overdue = make(social_worker, days=-2)
    week = make(social_worker, days=3, kind="monitoring_due")

    page = signed_in(social_worker).get("/").content.decode()

    assert page.index("Te laat") < page.index("Deze week") < page.index("Later")
    positions = [page.index(o.dossier.reference) for o in (overdue, week, later)]
    assert positions == sorted(positions)
    assert "2 dagen te laat" in page
    assert f'href="/dossiers/{overdue.dossier_id}/"' in page
    assert AccessLog.objects.filter(user=social_worker, what="worklist").exists()


def test_the_worklist_page_and_the_caseload_stay_in_the_menu(signed_in, social_worker):
    page = signed_in(social_worker).get("/mijn-werk/").content.decode()
    assert "<h1>Mijn werk</h1>" in page
    assert 'href="/dossiers/"' in page  # "Mijn dossiers" is still in the menu


def test_a_team_lead_reassigns_within_the_team(signed_in, social_worker, team_lead, team):
    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"], first_name="Lotte")
    obligation = make(social_worker, days=-1)

    page = signed_in(team_lead).get("/").content.decode()
    assert "Werk van het team" in page and f"/mijn-werk/{obligation.pk}/toewijzen/" in page

    response = signed_in(team_lead).post(
        f"/mijn-werk/{obligation.pk}/toewijzen/", {"to": "lotte", "next": "/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert Obligation.objects.get().responsible == colleague
    assert obligation.dossier.reference in signed_in(colleague).get("/").content.decode()


def test_a_reassignment_outside_the_team_is_refused_with_a_message(
    signed_in, team_lead, social_worker, other_team_worker
):
    obligation = make(social_worker, days=1)
    response = signed_in(team_lead).post(
        f"/mijn-werk/{obligation.pk}/toewijzen/", {"to": "bram"}, follow=True
    )
    assert "Kies een medewerker van het team." in response.content.decode()
    assert Obligation.objects.get().responsible == social_worker


def test_another_team_cannot_reassign(signed_in, social_worker, other_team_worker):
    obligation = make(social_worker, days=1)
    response = signed_in(other_team_worker).post(f"/mijn-werk/{obligation.pk}/toewijzen/", {"to": "bram"})
    assert response.status_code == 404


def test_the_head_of_service_sees_counts_per_team(signed_in, social_worker, other_team_worker):
    head = UserFactory(username="hilde", roles=["head_of_service"])
    make(social_worker, days=-1)
    make(other_team_worker, days=2)
    page = signed_in(head).get("/").content.decode()
    assert "Termijnen per team" in page
    assert "Centrum" in page and "Noord" in page


def test_the_home_page_reads_a_constant_number_of_queries(
    signed_in, team_lead, social_worker, django_assert_max_num_queries
):
    for days in range(-5, 25):
        make(social_worker, days=days)
        make(team_lead, days=days)
    browser = signed_in(team_lead)
    browser.get("/")
    with django_assert_max_num_queries(25):
        assert browser.get("/").status_code == 200
