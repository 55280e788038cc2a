"""Rows of the committee as the services would leave them, for tests that need them around what they test."""

import datetime

import factory
from django.utils import timezone

from bcsd import rules
from bcsd.models import AgendaItem, Meeting, MeetingStatus, Submission, SubmissionStatus
from tests.factories import DossierFactory, UserFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    date = factory.LazyFunction(timezone.localdate)
    time = datetime.time(19, 0)
    place = "Raadzaal"
    status = MeetingStatus.PLANNED
    created_by = factory.SubFactory(UserFactory, roles=["committee_secretary"])

    @factory.post_generation
    def members(meeting, create, extracted, **kwargs):
        if create and extracted:
            meeting.members.set(extracted)


def _snapshot(submission) -> dict:
    return {"format": 1, "proposal": {"proposal": submission.proposal, "kind": submission.kind}}


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    dossier = factory.SubFactory(DossierFactory)
    kind = "financial_aid"
    proposal = "Eenmalige financiële steun voor de energiefactuur."
    motivation = "De cliënt heeft onvoldoende bestaansmiddelen (zie sociaal verslag)."
    legal_basis = "Art. 1 en 57 §1 OCMW-wet van 8 juli 1976"
    amount = factory.LazyFunction(lambda: __import__("decimal").Decimal("250.00"))
    frequency = "once"
    status = SubmissionStatus.READY
    snapshot = factory.LazyAttribute(_snapshot)
    snapshot_hash = factory.LazyAttribute(lambda s: rules.snapshot_hash(s.snapshot))
    submitted_by = factory.LazyAttribute(
        lambda s: s.dossier.social_worker or UserFactory(team=s.dossier.team, roles=["social_worker"])
    )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    submission = factory.SubFactory(SubmissionFactory, status=SubmissionStatus.ON_AGENDA)
    position = factory.Sequence(lambda n: n + 1)
    added_by = factory.LazyAttribute(lambda item: item.meeting.created_by)
