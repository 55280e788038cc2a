"""A warning, then a sanction proposal that the committee app turns into a submission (activation never
imports bcsd: the committee reads the proposal through activation's selector and marks it submitted)."""

import datetime
import uuid

import pytest
from django.utils import timezone

from activation import selectors, services
from casework.timeline.models import TimelineEvent
from core.errors import Conflict, DomainError, NotFoundError

TODAY = timezone.localdate()
CONTRACT = {"social_balance": "Balans", "client_commitments": "Afspraken", "ocmw_commitments": "Begeleiding"}


@pytest.fixture
def gpmi(coached_dossier, coach):
    signed = TODAY - datetime.timedelta(days=120)
    return services.gpmi_create(
        actor=coach,
        dossier=coached_dossier,
        kind="standard",
        leefloon_granted_on=signed,
        signed_on=signed,
        **CONTRACT,
    )


def test_no_proposal_without_a_warning(coach, gpmi):
    with pytest.raises(Conflict):
        services.sanction_propose(actor=coach, gpmi=gpmi, suspension_months=1, motivation="Niet nagekomen")


def test_a_warning_then_a_proposal_the_committee_turns_into_a_submission(
    coach, social_worker, gpmi, other_team_worker
):
    services.gpmi_warning_give(
        actor=coach,
        gpmi=gpmi,
        given_on=TODAY - datetime.timedelta(days=20),
        reason="Drie keer niet op afspraak",
    )
    with pytest.raises(DomainError):  # a first sanction: at most one month
        services.sanction_propose(actor=coach, gpmi=gpmi, suspension_months=2, motivation="Niet nagekomen")

    proposal = services.sanction_propose(
        actor=coach, gpmi=gpmi, suspension_months=1, motivation="Niet nagekomen"
    )
    assert (proposal.status, proposal.repeat) == ("proposed", False)

    # The committee app (its own service, run by the social worker who prepares the dossier) reads it ...
    read = selectors.sanction_proposal_for_committee(user=social_worker, proposal_id=proposal.pk)
    assert (read.suspension_months, read.motivation, read.warning.reason) == (
        1,
        "Niet nagekomen",
        "Drie keer niet op afspraak",
    )
    with pytest.raises(NotFoundError):
        selectors.sanction_proposal_for_committee(user=other_team_worker, proposal_id=proposal.pk)
    # ... makes its submission of kind gpmi_sanction, and marks the proposal.
    submission_id = uuid.uuid4()
    services.sanction_proposal_mark_submitted(actor=social_worker, proposal=read, submission_id=submission_id)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.submission_id) == ("submitted", submission_id)
    with pytest.raises(Conflict):
        services.sanction_proposal_mark_submitted(
            actor=social_worker, proposal=proposal, submission_id=uuid.uuid4()
        )
    kinds = set(TimelineEvent.objects.filter(dossier=gpmi.dossier).values_list("kind", flat=True))
    assert {"activation.gpmi_warning", "activation.sanction_proposal"} <= kinds


def test_a_repeat_within_a_year_allows_up_to_three_months(coach, gpmi):
    services.gpmi_warning_give(
        actor=coach, gpmi=gpmi, given_on=TODAY - datetime.timedelta(days=100), reason="x"
    )
    services.sanction_propose(
        actor=coach,
        gpmi=gpmi,
        suspension_months=1,
        motivation="Eerste keer",
        proposed_on=TODAY - datetime.timedelta(days=90),
    )

    again = services.sanction_propose(actor=coach, gpmi=gpmi, suspension_months=3, motivation="Herhaling")

    assert again.repeat is True
