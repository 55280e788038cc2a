import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    ContactFactory,
    DossierFactory,
    InquiryFactory,
    LeefloonCalculationFactory,
    UserFactory,
)

REPORT = {
    "situation": "Alleenstaande vrouw, sinds vorige maand zonder inkomen.",
    "household": "Woont alleen.",
    "means": "Geen eigen inkomen.",
    "housing": "Private huur, 650 euro per maand.",
    "health": "Geen bijzonderheden.",
    "work_and_education": "Diploma secundair onderwijs.",
    "problem_analysis": "Geen bestaansmiddelen; recht op leefloon.",
    "advice": "Leefloon categorie 2 toekennen vanaf de aanvraag.",
}


@pytest.fixture
def team_lead(team):
    return UserFactory(username="els", team=team, roles=["team_lead"], first_name="Els", last_name="Peeters")


@pytest.fixture
def secretary(db):
    return UserFactory(username="ann", roles=["committee_secretary"], first_name="Ann", last_name="Claes")


@pytest.fixture
def members(db):
    return [
        UserFactory(username=name, roles=["committee_member"], first_name=name.title())
        for name in ("marc", "lien", "jan")
    ]


@pytest.fixture
def dossier(team, social_worker):
    social_worker.first_name, social_worker.last_name = "Sofie", "Janssens"
    social_worker.save()
    return DossierFactory(
        team=team,
        social_worker=social_worker,
        client__first_name="Yasmina",
        client__last_name="El Amrani",
    )


def complete_request(dossier):
    """A leefloon request whose inquiry is complete (report, advice, home visit, sworn statement, hearing
    right told), with a calculation."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    inquiry = InquiryFactory(
        request__dossier=dossier,
        request__status="in_inquiry",
        request__received_on=yesterday,
        sworn_statement_on=yesterday,
        hearing_right_informed_on=yesterday,
        **REPORT,
    )
    ContactFactory(dossier=dossier, channel="home_visit", summary="Huisbezoek")
    LeefloonCalculationFactory(inquiry=inquiry)
    return inquiry.request


@pytest.fixture
def aid_request(dossier):
    return complete_request(dossier)
