"""The committee's path, service by service: freeze, review, agenda, meeting, decision, notification."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from bcsd import rules, services
from bcsd.documents import decision_letter_html, decision_letter_pdf, html_text
from bcsd.models import AgendaItem, Decision, Meeting, Submission
from casework.inquiry.services import inquiry_update
from casework.models import AidRequest, TimelineEvent
from core.errors import Conflict, DomainError, PermissionDeniedError
from tests.bcsd.factories import AgendaItemFactory, MeetingFactory, SubmissionFactory

TODAY = timezone.localdate()


def submit(actor, dossier, aid_request=None, **fields):
    body = {
        "kind": "leefloon_grant",
        "proposal": "Leefloon categorie 2 toekennen vanaf de aanvraag.",
        "motivation": "Mevrouw heeft geen bestaansmiddelen en voldoet aan de voorwaarden.",
        "legal_basis": "Art. 2, 3 en 14 §1, 2° RMI-wet van 26 mei 2002",
        "amount": Decimal("1314.20"),
        "frequency": "monthly",
        "period_start": TODAY,
    } | fields
    return services.submission_create(actor=actor, dossier=dossier, aid_request=aid_request, **body)


def test_a_submission_freezes_the_report_and_its_hash_verifies_after_edits(
    social_worker, dossier, aid_request
):
    submission = submit(social_worker, dossier, aid_request)

    inquiry = aid_request.inquiry
    inquiry_update(
        actor=social_worker, inquiry=inquiry, version=inquiry.version, housing="Verhuisd naar een studio."
    )

    frozen = Submission.objects.get(pk=submission.pk)
    assert frozen.snapshot["social_report"]["housing"]["text"] == "Private huur, 650 euro per maand."
    assert frozen.snapshot["calculation"]["monthly_amount"] == "1314.20"
    assert rules.snapshot_hash(frozen.snapshot) == frozen.snapshot_hash
    assert AidRequest.objects.get(pk=aid_request.pk).status == "proposed"
    assert (frozen.status, services.submission_missing(frozen)) == ("submitted", ["review"])


def test_an_incomplete_inquiry_cannot_go_to_the_committee(social_worker, dossier, aid_request):
    aid_request.inquiry.advice = ""
    aid_request.inquiry.save()

    with pytest.raises(Conflict):
        submit(social_worker, dossier, aid_request)


def test_the_team_lead_approves_or_returns_with_remarks_never_their_own(
    social_worker, team_lead, dossier, aid_request
):
    submission = submit(social_worker, dossier, aid_request)
    with pytest.raises(DomainError):
        services.submission_review(actor=team_lead, submission=submission, outcome="returned", remarks="")

    services.submission_review(actor=team_lead, submission=submission, outcome="approved")
    assert Submission.objects.get(pk=submission.pk).status == "ready"

    own = submit(team_lead, dossier, kind="other", amount=None)
    with pytest.raises(PermissionDeniedError):
        services.submission_review(actor=team_lead, submission=own, outcome="approved")
    with pytest.raises(PermissionDeniedError):
        services.submission_review(actor=social_worker, submission=own, outcome="approved")


def test_returned_remarks_reach_the_dossier_timeline(social_worker, team_lead, dossier, aid_request):
    submission = submit(social_worker, dossier, aid_request)
    services.submission_review(
        actor=team_lead, submission=submission, outcome="returned", remarks="Huurcontract ontbreekt."
    )
    event = TimelineEvent.objects.filter(dossier=dossier, kind="bcsd.review").get()
    assert event.detail == "Huurcontract ontbreekt."
    assert Submission.objects.get(pk=submission.pk).status == "returned"


def test_an_item_added_after_the_deadline_is_late_and_a_late_publication_makes_all_late(secretary, members):
    soon = MeetingFactory(date=TODAY + datetime.timedelta(days=3), members=members)
    early = SubmissionFactory()
    services.agenda_add(actor=secretary, meeting=soon, submission=early)
    assert AgendaItem.objects.get(submission=early).late is True

    later = MeetingFactory(date=TODAY + datetime.timedelta(days=20), members=members)
    on_time = SubmissionFactory()
    assert services.agenda_add(actor=secretary, meeting=later, submission=on_time).late is False
    services.meeting_publish(actor=secretary, meeting=later)
    assert AgendaItem.objects.get(submission=on_time).late is False
    after_publication = SubmissionFactory()
    assert services.agenda_add(actor=secretary, meeting=later, submission=after_publication).late is True

    urgent = MeetingFactory(date=TODAY + datetime.timedelta(days=2), members=members)
    item = AgendaItemFactory(meeting=urgent, late=False)
    services.meeting_publish(actor=secretary, meeting=urgent)
    item.refresh_from_db()
    assert item.late is True


def test_a_submission_that_is_not_ready_is_refused_on_the_agenda(secretary, members):
    meeting = MeetingFactory(date=TODAY + datetime.timedelta(days=20), members=members)
    with pytest.raises(DomainError) as refused:
        services.agenda_add(
            actor=secretary, meeting=meeting, submission=SubmissionFactory(status="submitted")
        )
    assert refused.value.status_code == 400


def test_holding_a_meeting_before_its_date_is_refused(secretary, members):
    meeting = MeetingFactory(date=TODAY + datetime.timedelta(days=1), status="agenda_published")
    with pytest.raises(Conflict):
        services.meeting_hold(actor=secretary, meeting=meeting)


def _held_item(**item):
    meeting = MeetingFactory(status="held", published_on=TODAY, held_on=TODAY)
    return AgendaItemFactory(meeting=meeting, **item)


def test_a_decision_needs_a_held_meeting_agenda(secretary):
    published = AgendaItemFactory(meeting=MeetingFactory(status="agenda_published"))
    with pytest.raises(Conflict):
        services.decision_record(
            actor=secretary,
            submission=published.submission,
            outcome="approved",
            motivation="M",
            decided_on=TODAY,
        )
    with pytest.raises(Conflict):
        services.decision_record(
            actor=secretary,
            submission=SubmissionFactory(),
            outcome="approved",
            motivation="M",
            decided_on=TODAY,
        )


def test_a_late_item_needs_two_thirds_in_favour(secretary):
    item = _held_item(late=True)
    decide = {"actor": secretary, "submission": item.submission, "motivation": "M", "decided_on": TODAY}
    with pytest.raises(Conflict):
        services.decision_record(outcome="approved", **decide)
    with pytest.raises(Conflict):
        services.decision_record(
            outcome="approved", votes={"in_favour": 5, "against": 3, "abstained": 0}, **decide
        )

    decision = services.decision_record(
        outcome="approved", votes={"in_favour": 6, "against": 3, "abstained": 0}, **decide
    )
    assert (decision.votes_in_favour, decision.notification_due) == (6, TODAY + datetime.timedelta(days=8))


def test_a_postponed_item_goes_back_to_ready(secretary):
    item = _held_item()
    services.decision_record(
        actor=secretary,
        submission=item.submission,
        outcome="postponed",
        motivation="Meer onderzoek",
        decided_on=TODAY,
    )
    assert Submission.objects.get(pk=item.submission_id).status == "ready"
    assert Decision.objects.get(submission=item.submission).outcome == "postponed"


def test_the_decision_moves_the_request_and_the_notification_starts_the_appeal_term(
    social_worker, team_lead, secretary, dossier, aid_request
):
    submission = submit(social_worker, dossier, aid_request)
    services.submission_review(actor=team_lead, submission=submission, outcome="approved")
    meeting = MeetingFactory(date=TODAY, status="planned")
    services.agenda_add(actor=secretary, meeting=meeting, submission=submission)
    services.meeting_publish(actor=secretary, meeting=meeting)
    services.meeting_hold(actor=secretary, meeting=meeting)
    decision = services.decision_record(
        actor=secretary,
        submission=submission,
        outcome="approved",
        motivation="Mevrouw heeft geen bestaansmiddelen en voldoet aan de voorwaarden.",
        decided_on=TODAY,
        votes={"in_favour": 3, "against": 0, "abstained": 0},  # an urgent agenda: every item late
    )
    assert AidRequest.objects.get(pk=aid_request.pk).status == "decided"
    assert decision.review_due == rules.yearly_review_due(TODAY)
    assert decision.subsidy_category == "leefloon"

    notified = services.decision_notify(
        actor=secretary, decision=decision, sent_on=TODAY, method="registered_mail"
    )

    assert notified.notified_on == rules.add_working_days(TODAY, 3)
    assert notified.appeal_until == rules.appeal_until(notified.notified_on)
    assert AidRequest.objects.get(pk=aid_request.pk).status == "notified"
    assert TimelineEvent.objects.filter(dossier=dossier, kind="bcsd.decision").exists()
    with pytest.raises(Conflict):
        services.decision_notify(actor=secretary, decision=decision, sent_on=TODAY, method="receipt")


MENTIONS = [
    "arbeidsrechtbank",
    "binnen drie maanden",
    "Smoldersplein 5, 3000 Leuven",
    "verzoekschrift",
    "kosteloos",
    "Artikel 728",
    "Artikel 1017",
    "schorst de uitvoering van de beslissing niet",
    "Motivering",
    "Mevrouw heeft geen bestaansmiddelen",
    "€ 1.314,20",
    "per maand",
    "contactpersoon",
    "Sofie Janssens",
    "recht om gehoord te worden",
]


@pytest.fixture
def granted(secretary, dossier):
    item = _held_item(submission__dossier=dossier, submission__amount=Decimal("1314.20"))
    return services.decision_record(
        actor=secretary,
        submission=item.submission,
        outcome="approved",
        motivation="Mevrouw heeft geen bestaansmiddelen en voldoet aan de voorwaarden.",
        decided_on=TODAY,
        frequency="monthly",
    )


def test_the_letter_is_a_pdf_with_every_mandatory_mention(granted, dossier):
    from io import BytesIO

    from pypdf import PdfReader

    pdf = decision_letter_pdf(granted)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)

    assert pdf.startswith(b"%PDF")
    for mention in [*MENTIONS, dossier.reference]:
        assert mention.casefold() in text.casefold(), mention


@pytest.mark.parametrize(
    "removed",
    [
        "beroep instellen bij de arbeidsrechtbank",
        "binnen drie maanden",
        "Smoldersplein 5, 3000 Leuven",
        "verzoekschrift",
        "kosteloos",
        "Artikel 728",
        "Artikel 1017",
        "schorst de uitvoering van de beslissing niet",
        "Motivering",
        "€ 1.314,20",
        "contactpersoon",
        "Sofie Janssens",
        "uitleg",
    ],
)
def test_a_letter_lacking_a_mention_is_not_generated(granted, monkeypatch, removed):
    from bcsd import documents

    real = documents.render_to_string
    monkeypatch.setattr(
        documents,
        "render_to_string",
        lambda *a, **k: real(*a, **k).replace(removed, "").replace(removed.lower(), ""),
    )
    with pytest.raises(Conflict):
        decision_letter_html(granted)


def test_the_letter_text_is_dutch_and_names_the_dossier(granted, dossier):
    html, version = decision_letter_html(granted)
    assert version == "v1"
    assert dossier.reference in html_text(html)


@pytest.mark.django_db(transaction=True)
def test_concurrent_decisions_on_one_item_exactly_one_wins():
    from tests.factories import UserFactory

    secretary = UserFactory(roles=["committee_secretary"])
    item = _held_item()
    results = []
    barrier = threading.Barrier(2)

    def decide(outcome):
        try:
            barrier.wait()
            services.decision_record(
                actor=secretary, submission=item.submission, outcome=outcome, motivation="M", decided_on=TODAY
            )
            results.append("ok")
        except Conflict:
            results.append("409")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(o,)) for o in ("approved", "refused")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["409", "ok"]
    assert Decision.objects.filter(submission=item.submission).count() == 1


def test_an_urgent_decision_of_the_chair_goes_on_the_next_agenda(members):
    chair = members[0]
    upcoming = MeetingFactory(date=TODAY + datetime.timedelta(days=10), chair=chair, members=members)
    submission = SubmissionFactory()

    decision = services.decision_record(
        actor=chair,
        submission=submission,
        outcome="approved",
        motivation="Dringend",
        decided_on=TODAY,
        urgent=True,
    )

    assert decision.urgent is True
    assert AgendaItem.objects.get(meeting=upcoming, submission=submission).ratification is True
    with pytest.raises(PermissionDeniedError):
        services.decision_record(
            actor=members[1],
            submission=SubmissionFactory(),
            outcome="approved",
            motivation="Dringend",
            decided_on=TODAY,
            urgent=True,
        )
    assert Meeting.objects.count() == 1
