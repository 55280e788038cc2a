"""The members' portal and the secretary's screens."""

import datetime

from django.urls import reverse
from django.utils import timezone

from bcsd.models import Decision
from clients.models import AccessLog
from tests.bcsd.factories import AgendaItemFactory, MeetingFactory

TODAY = timezone.localdate()


def test_a_member_reads_the_frozen_item_of_their_meeting_and_each_opening_is_logged(client, members, dossier):
    marc = members[0]
    item = AgendaItemFactory(
        meeting=MeetingFactory(status="agenda_published", published_on=TODAY, members=[marc]),
        submission__dossier=dossier,
        submission__snapshot={
            "format": 1,
            "client": {"name": "Yasmina El Amrani"},
            "proposal": {"proposal": "Leefloon"},
        },
    )
    other = AgendaItemFactory(meeting=MeetingFactory(status="agenda_published", published_on=TODAY))
    client.force_login(marc)

    meetings = client.get(reverse("bcsd:meetings"))
    assert str(item.meeting_id) in meetings.text and str(other.meeting_id) not in meetings.text
    agenda = client.get(reverse("bcsd:meeting", args=[item.meeting_id]))
    assert "Yasmina El Amrani" in agenda.text
    assert "Beslissing vastleggen" not in agenda.text and "Agenda versturen" not in agenda.text
    page = client.get(reverse("bcsd:submission", args=[item.submission_id]))
    assert page.status_code == 200 and "Alleen lezen" in page.text
    assert client.get(reverse("bcsd:submission", args=[other.submission_id])).status_code == 404
    assert client.get(reverse("bcsd:meeting", args=[other.meeting_id])).status_code == 404
    assert client.get(reverse("casework:dossier", args=[dossier.pk])).status_code == 404
    assert AccessLog.objects.filter(user=marc, subject_ids__contains=[str(dossier.client_id)]).count() == 2


def test_the_secretary_builds_publishes_holds_and_decides_item_by_item(client, secretary, members, dossier):
    from tests.bcsd.factories import SubmissionFactory

    meeting = MeetingFactory(date=TODAY, members=members, chair=members[0])
    ready = SubmissionFactory(dossier=dossier)
    client.force_login(secretary)
    act = reverse("bcsd:meeting-act", args=[meeting.pk])

    assert ready.dossier.reference in client.get(reverse("bcsd:meeting", args=[meeting.pk])).text
    assert client.post(act, {"act": "add", "submission": ready.pk}).status_code == 302
    assert client.post(act, {"act": "publish"}).status_code == 302
    assert client.post(act, {"act": "hold"}).status_code == 302
    page = client.get(reverse("bcsd:meeting", args=[meeting.pk]))
    assert "Beslissing vastleggen" in page.text and "2/3" in page.text

    decided = client.post(
        reverse("bcsd:decision-record", args=[ready.pk]),
        {
            "outcome": "approved",
            "motivation": "Geen bestaansmiddelen.",
            "decided_on": TODAY,
            "amount": "250.00",
            "frequency": "once",
            "in_favour": 3,
            "against": 0,
            "abstained": 0,
        },
    )
    assert decided.status_code == 302
    decision = Decision.objects.get(submission=ready)
    assert decision.amount == 250
    letter = client.get(reverse("bcsd:letter", args=[decision.pk]))
    assert letter["Content-Type"] == "application/pdf"


def test_a_refusal_is_shown_on_the_agenda_not_a_crash(client, secretary, members):
    meeting = MeetingFactory(
        date=TODAY + datetime.timedelta(days=2), status="agenda_published", members=members
    )
    client.force_login(secretary)

    response = client.post(reverse("bcsd:meeting-act", args=[meeting.pk]), {"act": "hold"}, follow=True)

    assert response.status_code == 200
    assert "niet voor haar datum" in response.text


def test_the_social_worker_sees_the_outcome_on_the_dossier_timeline(
    client, social_worker, secretary, dossier
):
    item = AgendaItemFactory(meeting=MeetingFactory(status="held"), submission__dossier=dossier)
    client.force_login(secretary)
    client.post(
        reverse("bcsd:decision-record", args=[item.submission_id]),
        {"outcome": "approved", "motivation": "Geen bestaansmiddelen.", "decided_on": TODAY},
    )
    client.force_login(social_worker)

    page = client.get(reverse("casework:dossier", args=[dossier.pk]))

    assert "BCSD-beslissing: goedgekeurd" in page.text


def test_sofie_proposes_from_the_dossier_and_els_returns_it_with_remarks_she_then_reads(
    client, social_worker, team_lead, dossier, aid_request
):
    page = reverse("bcsd:dossier-submissions", args=[dossier.pk])
    client.force_login(social_worker)
    created = client.post(
        page,
        {
            "request": str(aid_request.pk),
            "kind": "leefloon_grant",
            "proposal": "Leefloon categorie 2.",
            "motivation": "Geen bestaansmiddelen.",
            "legal_basis": "Art. 14 RMI-wet",
            "amount": "1314.20",
            "frequency": "monthly",
        },
    )
    assert created.status_code == 302
    from bcsd.models import Submission

    submission = Submission.objects.get(dossier=dossier)
    assert submission.request_id == aid_request.pk

    client.force_login(team_lead)
    assert "Goedkeuren" in client.get(page).text
    client.post(
        reverse("bcsd:submission-review", args=[submission.pk]),
        {"outcome": "returned", "remarks": "Voeg het huurcontract toe."},
    )

    client.force_login(social_worker)
    mine = client.get(page).text
    assert "Voeg het huurcontract toe." in mine and "Goedkeuren" not in mine


def test_the_secretary_schedules_a_hearing_at_half_past_seven_with_her_sister(client, secretary, dossier):
    from bcsd.models import Hearing
    from tests.bcsd.factories import SubmissionFactory

    submission = SubmissionFactory(dossier=dossier)
    client.force_login(secretary)
    at = timezone.localtime().replace(hour=19, minute=30).strftime("%Y-%m-%dT%H:%M")

    client.post(
        reverse("bcsd:hearing-add", args=[submission.pk]),
        {"requested_on": TODAY.isoformat(), "scheduled_at": at, "companion": "haar zus"},
    )

    hearing = Hearing.objects.get(submission=submission)
    assert (timezone.localtime(hearing.scheduled_at).strftime("%H:%M"), hearing.companion) == (
        "19:30",
        "haar zus",
    )


def test_members_see_initials_until_the_meeting_when_the_committee_chose_so(
    client, members, dossier, settings
):
    settings.BCSD_PSEUDONYMISE_UNTIL_MEETING = True
    item = AgendaItemFactory(
        meeting=MeetingFactory(
            date=TODAY + datetime.timedelta(days=3),
            status="agenda_published",
            published_on=TODAY,
            members=members,
        ),
        submission__dossier=dossier,
        submission__snapshot={"format": 1, "client": {"name": "Yasmina El Amrani"}},
    )
    client.force_login(members[0])

    agenda = client.get(reverse("bcsd:meeting", args=[item.meeting_id])).text
    page = client.get(reverse("bcsd:submission", args=[item.submission_id])).text

    assert "Y. E. A." in agenda and "Yasmina" not in agenda
    assert "Y. E. A." in page and "Yasmina" not in page
