"""The committee's clocks in the obligations engine: the agenda before the meeting, the decision that meets
the request's 30 days and starts the 8 days of notification, the yearly leefloon review, the ratification of
an urgent decision and the hearing to schedule."""

import datetime

from django.utils import timezone

from bcsd import services
from casework.obligations.models import Obligation
from tests.bcsd.factories import MeetingFactory, SubmissionFactory
from tests.bcsd.test_services import submit

TODAY = timezone.localdate()


def state(kind):
    return list(Obligation.objects.filter(kind=kind).values_list("state", flat=True))


def test_the_path_of_a_request_through_the_committee_moves_every_clock(
    social_worker, team_lead, secretary, members, dossier, aid_request
):
    from casework.obligations.services import request_registered

    request_registered(actor=social_worker, aid_request=aid_request)  # the factory skipped the register
    meeting = services.meeting_create(actor=secretary, date=TODAY, members=members)
    agenda = Obligation.objects.get(kind="agenda_publication_due")
    assert (agenda.due_on, agenda.dossier, agenda.responsible) == (
        TODAY - datetime.timedelta(days=8),
        None,
        secretary,
    )

    submission = submit(social_worker, dossier, aid_request)
    services.submission_review(actor=team_lead, submission=submission, outcome="approved")
    services.agenda_add(actor=secretary, meeting=meeting, submission=submission)
    services.meeting_publish(actor=secretary, meeting=meeting)
    assert state("agenda_publication_due") == ["met"]
    services.meeting_hold(actor=secretary, meeting=meeting)
    decision = services.decision_record(
        actor=secretary,
        submission=submission,
        outcome="approved",
        motivation="Voldoet aan de voorwaarden.",
        decided_on=TODAY,
        votes={"in_favour": 3, "against": 0, "abstained": 0},
    )

    assert state("decision_due") == ["met"]
    notification = Obligation.objects.get(kind="notification_due")
    assert notification.due_on == TODAY + datetime.timedelta(days=8) == decision.notification_due
    review = Obligation.objects.get(kind="annual_review_due")
    assert (review.due_on, review.responsible) == (decision.review_due, social_worker)

    services.decision_notify(actor=secretary, decision=decision, sent_on=TODAY, method="receipt")
    assert state("notification_due") == ["met"]
    assert Obligation.objects.get(kind="notification_due").met_on == TODAY


def test_an_urgent_decision_is_to_be_ratified_at_the_next_meeting(members):
    chair = members[0]
    upcoming = MeetingFactory(date=TODAY + datetime.timedelta(days=10), chair=chair, members=members)
    decision = services.decision_record(
        actor=chair,
        submission=SubmissionFactory(),
        outcome="approved",
        motivation="Dringend",
        decided_on=TODAY,
        urgent=True,
    )
    ratification = Obligation.objects.get(kind="ratification_due")
    assert (ratification.due_on, ratification.object_id) == (upcoming.date, str(decision.pk))


def test_a_hearing_to_schedule_is_met_when_held(social_worker, secretary, dossier):
    submission = SubmissionFactory(dossier=dossier)
    hearing = services.hearing_request(actor=social_worker, submission=submission, requested_on=TODAY)
    obligation = Obligation.objects.get(kind="hearing_due")
    assert (obligation.due_on, obligation.responsible) == (TODAY + datetime.timedelta(days=15), social_worker)

    services.hearing_outcome(actor=secretary, hearing=hearing, held=True)
    assert state("hearing_due") == ["met"]


def test_a_hearing_scheduled_at_once_has_no_clock(social_worker, dossier, members, secretary):
    meeting = MeetingFactory(date=TODAY + datetime.timedelta(days=5))
    services.hearing_request(
        actor=social_worker,
        submission=SubmissionFactory(dossier=dossier),
        requested_on=TODAY,
        meeting=meeting,
        scheduled_at=timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time(19, 30))),
    )
    assert not Obligation.objects.filter(kind="hearing_due").exists()


def test_holding_the_next_meeting_meets_the_ratification(members, secretary):
    chair = members[0]
    meeting = MeetingFactory(date=TODAY, chair=chair, members=members, status="agenda_published")
    services.decision_record(
        actor=chair,
        submission=SubmissionFactory(),
        outcome="approved",
        motivation="Dringend",
        decided_on=TODAY,
        urgent=True,
    )
    assert state("ratification_due") == ["open"]

    services.meeting_hold(actor=secretary, meeting=meeting)

    assert state("ratification_due") == ["met"]
