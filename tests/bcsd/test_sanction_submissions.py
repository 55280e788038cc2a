"""A warning, then a GPMI sanction proposal (stored in activation) that the committee app turns into a
submission of kind gpmi_sanction: frozen like every submission, always after the right to be heard, once per
proposal (a second attempt is refused in Dutch, 409), by whoever may submit to the committee for the
dossier."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activation import services as activation_services
from activation.models import SanctionProposal
from bcsd import services
from bcsd.models import Submission
from casework.timeline.models import TimelineEvent
from core.errors import Conflict, DomainError
from tests.conftest import api_client_for
from tests.factories import UserFactory

TODAY = timezone.localdate()
CONTRACT = {"social_balance": "Balans", "client_commitments": "Afspraken", "ocmw_commitments": "Begeleiding"}


@pytest.fixture(autouse=True)
def default_tree(db):
    from importlib import import_module

    from django.apps import apps

    import_module("activation.migrations.0002_default_tree_and_rules").seed(apps, None)


@pytest.fixture
def coach(team):
    return UserFactory(username="karim", team=team, roles=["activation_coach"], first_name="Karim")


@pytest.fixture
def proposal(dossier, coach):
    dossier.activation_coach = coach
    dossier.save()
    signed = TODAY - datetime.timedelta(days=120)
    gpmi = activation_services.gpmi_create(
        actor=coach,
        dossier=dossier,
        kind="standard",
        leefloon_granted_on=signed,
        signed_on=signed,
        **CONTRACT,
    )
    activation_services.gpmi_warning_give(
        actor=coach,
        gpmi=gpmi,
        given_on=TODAY - datetime.timedelta(days=20),
        reason="Drie keer niet op afspraak",
    )
    return activation_services.sanction_propose(
        actor=coach, gpmi=gpmi, suspension_months=1, motivation="Zonder reden niet op de evaluatiegesprekken"
    )


def _read(user, proposal):
    from activation import selectors

    return selectors.sanction_proposal_for_committee(user=user, proposal_id=proposal.pk)


def test_the_committee_turns_the_proposal_into_a_frozen_submission_once(social_worker, proposal):
    submission = services.submission_from_sanction_proposal(
        actor=social_worker, proposal=_read(social_worker, proposal), hearing_offered_on=TODAY
    )

    assert submission.kind == "gpmi_sanction"
    assert "gedurende 1 maand omdat" in submission.proposal
    assert "Zonder reden niet op de evaluatiegesprekken" in submission.motivation
    assert "Drie keer niet op afspraak" in submission.motivation
    assert "art. 30 §2" in submission.legal_basis
    assert submission.hearing_offered_on == TODAY
    assert submission.snapshot["proposal"]["kind"] == "gpmi_sanction"
    assert len(submission.snapshot_hash) == 64
    # Review is required for every kind by default: submitted, waiting only for the team lead.
    assert services.submission_missing(submission) == ["review"]
    proposal.refresh_from_db()
    assert (proposal.status, proposal.submission_id) == ("submitted", submission.pk)
    assert TimelineEvent.objects.filter(dossier=proposal.gpmi.dossier, kind="bcsd.submission").exists()

    with pytest.raises(Conflict, match="al aan het BCSD voorgelegd"):
        services.submission_from_sanction_proposal(
            actor=social_worker, proposal=_read(social_worker, proposal), hearing_offered_on=TODAY
        )
    assert Submission.objects.filter(kind="gpmi_sanction").count() == 1


def test_a_repeat_within_the_year_says_so(social_worker, coach, proposal):
    again = activation_services.sanction_propose(
        actor=coach, gpmi=proposal.gpmi, suspension_months=3, motivation="Opnieuw niet nagekomen"
    )
    submission = services.submission_from_sanction_proposal(
        actor=social_worker, proposal=_read(social_worker, again), hearing_offered_on=TODAY
    )
    assert "gedurende 3 maanden omdat" in submission.proposal
    assert "Herhaling binnen het jaar" in submission.proposal


def test_never_without_the_right_to_be_heard(social_worker, proposal):
    with pytest.raises(DomainError, match="hoorrecht") as refused:
        services.submission_from_sanction_proposal(
            actor=social_worker, proposal=_read(social_worker, proposal), hearing_offered_on=None
        )
    assert refused.value.field == "hearing_offered_on"
    assert not Submission.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_api_submits_once_then_409(social_worker, proposal):
    api = api_client_for(social_worker)
    url = "/api/v1/bcsd/submissions/from-sanction-proposal/"

    missing_hearing = api.post(url, {"sanction_proposal": str(proposal.pk)}, format="json")
    assert missing_hearing.status_code == 400
    assert "hoorrecht" in str(missing_hearing.json())

    response = api.post(
        url, {"sanction_proposal": str(proposal.pk), "hearing_offered_on": TODAY.isoformat()}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["status"], body["ready"]) == ("gpmi_sanction", "submitted", False)
    assert body["hearing_offered_on"] == TODAY.isoformat()

    again = api.post(
        url, {"sanction_proposal": str(proposal.pk), "hearing_offered_on": TODAY.isoformat()}, format="json"
    )
    assert again.status_code == 409
    assert "al aan het BCSD voorgelegd" in str(again.json())
    assert Submission.objects.count() == 1


def test_api_other_team_and_anonymous(other_team_worker, proposal):
    url = "/api/v1/bcsd/submissions/from-sanction-proposal/"
    body = {"sanction_proposal": str(proposal.pk), "hearing_offered_on": TODAY.isoformat()}
    assert api_client_for(other_team_worker).post(url, body, format="json").status_code == 404
    assert api_client_for(None).post(url, body, format="json").status_code in (401, 403)
    assert not Submission.objects.exists()
    assert SanctionProposal.objects.get(pk=proposal.pk).status == "proposed"


def test_web_the_dossier_page_lists_the_proposal_and_hands_it_over(client, social_worker, proposal):
    dossier = proposal.gpmi.dossier
    client.force_login(social_worker)
    page = client.get(reverse("bcsd:dossier-submissions", args=[dossier.pk]))
    assert page.status_code == 200
    assert "Sanctievoorstellen GPMI" in page.content.decode()
    action = reverse("bcsd:sanction-submit", args=[proposal.pk])
    assert action in page.content.decode()

    refused = client.post(action, {"hearing_offered_on": ""})
    assert refused.status_code == 302
    assert "hoorrecht" in client.get(refused["Location"]).content.decode()
    assert not Submission.objects.exists()

    done = client.post(action, {"hearing_offered_on": TODAY.strftime("%d/%m/%Y")})
    assert done.status_code == 302
    assert Submission.objects.get().kind == "gpmi_sanction"
    after = client.get(done["Location"]).content.decode()
    assert action not in after  # handed over: no second button

    twice = client.post(action, {"hearing_offered_on": TODAY.strftime("%d/%m/%Y")})
    assert "al aan het BCSD voorgelegd" in client.get(twice["Location"]).content.decode()
    assert Submission.objects.count() == 1


def test_web_other_team_gets_404(client, other_team_worker, proposal):
    client.force_login(other_team_worker)
    action = reverse("bcsd:sanction-submit", args=[proposal.pk])
    assert client.post(action, {"hearing_offered_on": TODAY.strftime("%d/%m/%Y")}).status_code == 404
    assert not Submission.objects.exists()


def test_on_the_screens_a_warning_a_proposal_and_the_committee_submission(
    client, coach, social_worker, dossier
):
    """Karim warns and proposes on the GPMI page; Sofie follows its link to the committee's page of the
    dossier and hands the proposal over, once."""
    dossier.activation_coach = coach
    dossier.save()
    signed = TODAY - datetime.timedelta(days=120)
    gpmi = activation_services.gpmi_create(
        actor=coach,
        dossier=dossier,
        kind="standard",
        leefloon_granted_on=signed,
        signed_on=signed,
        **CONTRACT,
    )
    page_url = reverse("activation:gpmi", args=[gpmi.pk])
    client.force_login(coach)
    early = client.post(
        reverse("activation:gpmi-sanction", args=[gpmi.pk]), {"suspension_months": "1", "motivation": "x"}
    )
    assert early.status_code == 400
    assert "na een formele verwittiging" in early.content.decode()
    assert client.post(
        reverse("activation:gpmi-warning", args=[gpmi.pk]),
        {"given_on": TODAY.strftime("%d/%m/%Y"), "reason": "Drie keer niet op afspraak"},
    )["Location"].startswith(page_url)
    too_long = client.post(
        reverse("activation:gpmi-sanction", args=[gpmi.pk]), {"suspension_months": "3", "motivation": "x"}
    )
    assert too_long.status_code == 400
    assert "1 tot 1 maand" in too_long.content.decode()
    proposed = client.post(
        reverse("activation:gpmi-sanction", args=[gpmi.pk]),
        {"suspension_months": "1", "motivation": "Zonder reden niet op de afspraken"},
    )
    assert proposed.status_code == 302
    proposal = SanctionProposal.objects.get()

    client.force_login(social_worker)
    page = client.get(page_url).content.decode()
    committee_page = reverse("bcsd:dossier-submissions", args=[dossier.pk])
    assert f"{committee_page}#sanction-{proposal.pk}" in page
    assert "Drie keer niet op afspraak" in page
    done = client.post(
        reverse("bcsd:sanction-submit", args=[proposal.pk]),
        {"hearing_offered_on": TODAY.strftime("%d/%m/%Y")},
    )
    assert done["Location"] == committee_page
    assert Submission.objects.get().kind == "gpmi_sanction"
    assert "aan het BCSD voorgelegd" in client.get(page_url).content.decode()
    assert f"#sanction-{proposal.pk}" not in client.get(page_url).content.decode()
