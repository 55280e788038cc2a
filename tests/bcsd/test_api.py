"""The committee's API: the journey through it, and the walls around the members' portal."""

import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from bcsd.models import Submission
from clients.models import AccessLog
from tests.bcsd.factories import AgendaItemFactory, MeetingFactory, SubmissionFactory

TODAY = timezone.localdate()
V1 = "/api/v1/bcsd"


def test_journey_3_through_the_api(api, social_worker, team_lead, secretary, members, dossier, aid_request):
    sofie, els, ann, marc = api(social_worker), api(team_lead), api(secretary), api(members[0])

    created = sofie.post(
        f"{V1}/submissions/",
        {
            "dossier": str(dossier.pk),
            "request": str(aid_request.pk),
            "kind": "leefloon_grant",
            "proposal": "Leefloon categorie 2 toekennen.",
            "motivation": "Mevrouw heeft geen bestaansmiddelen en voldoet aan de voorwaarden.",
            "legal_basis": "Art. 2, 3 en 14 RMI-wet",
            "amount": "1314.20",
            "frequency": "monthly",
            "period_start": TODAY.isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.data
    assert (created.data["ready"], created.data["missing"]) == (
        False,
        ["goedkeuring door de teamverantwoordelijke"],
    )
    submission = created.data["id"]

    assert (
        els.post(f"{V1}/submissions/{submission}/review/", {"outcome": "approved"}, format="json").status_code
        == 201
    )
    meeting = ann.post(
        f"{V1}/meetings/",
        {"date": TODAY.isoformat(), "members": [m.username for m in members], "chair": "marc"},
        format="json",
    ).data["id"]
    assert (
        ann.post(f"{V1}/meetings/{meeting}/agenda/", {"submission": submission}, format="json").status_code
        == 201
    )
    assert marc.get(f"{V1}/meetings/{meeting}/").status_code == 404  # not published yet
    assert ann.post(f"{V1}/meetings/{meeting}/publish/").status_code == 200
    agenda = marc.get(f"{V1}/meetings/{meeting}/")
    assert agenda.status_code == 200
    assert agenda.data["agenda"][0]["late"] is True  # published on the day: an urgent meeting
    frozen = marc.get(f"{V1}/submissions/{submission}/")
    assert frozen.data["snapshot"]["social_report"]["advice"]["text"].startswith("Leefloon")
    assert AccessLog.objects.filter(user=members[0], what__contains="bcsd_submission").exists()

    hearing = ann.post(
        f"{V1}/submissions/{submission}/hearing/",
        {"requested_on": TODAY.isoformat(), "meeting": meeting, "companion": "haar zus"},
        format="json",
    )
    assert hearing.status_code == 201, hearing.data
    invitation = sofie.get(f"{V1}/hearings/{hearing.data['id']}/invitation.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(invitation.content)).pages)
    assert "haar zus" in text and "persoon naar keuze" in text

    assert ann.post(f"{V1}/meetings/{meeting}/hold/").status_code == 200
    decide = {
        "outcome": "approved",
        "motivation": "Mevrouw heeft geen bestaansmiddelen.",
        "decided_on": TODAY.isoformat(),
    }
    assert (
        ann.post(f"{V1}/submissions/{submission}/decision/", decide, format="json").status_code == 409
    )  # no votes
    decision = ann.post(
        f"{V1}/submissions/{submission}/decision/",
        decide | {"votes": {"in_favour": 3, "against": 0, "abstained": 0}},
        format="json",
    )
    assert decision.status_code == 201, decision.data
    assert decision.data["notification_due"] == (TODAY + datetime.timedelta(days=8)).isoformat()
    assert decision.data["amount"] == "1314.20"

    letter = sofie.get(f"{V1}/decisions/{decision.data['id']}/letter.pdf")
    assert letter["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(letter.content)).pages)
    assert "arbeidsrechtbank" in text

    notified = ann.post(
        f"{V1}/decisions/{decision.data['id']}/notify/",
        {"sent_on": TODAY.isoformat(), "method": "receipt"},
        format="json",
    )
    assert (notified.status_code, notified.data["notified_on"]) == (200, TODAY.isoformat())
    assert notified.data["appeal_until"]
    aid_request.refresh_from_db()
    assert aid_request.status == "notified"

    appeal = ann.post(
        f"{V1}/decisions/{decision.data['id']}/appeal/",
        {"filed_on": TODAY.isoformat(), "court": "Arbeidsrechtbank Leuven", "case_number": "26/123/A"},
        format="json",
    )
    assert appeal.status_code == 201
    assert ann.get(f"{V1}/decisions/{decision.data['id']}/").data["appeals"][0]["case_number"] == "26/123/A"
    minutes = ann.get(f"{V1}/meetings/{meeting}/minutes.pdf")
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF")


def _published(members, **fields):
    return MeetingFactory(status="agenda_published", published_on=TODAY, members=members, **fields)


def test_a_member_of_meeting_a_sees_nothing_of_meeting_b_nor_any_live_dossier(
    api, members, dossier, aid_request
):
    marc, lien = members[0], members[1]
    a = AgendaItemFactory(meeting=_published([marc]), submission__dossier=dossier)
    b = AgendaItemFactory(meeting=_published([lien]))
    me = api(marc)

    assert me.get(f"{V1}/meetings/{a.meeting_id}/").status_code == 200
    assert me.get(f"{V1}/submissions/{a.submission_id}/").status_code == 200
    assert me.get(f"{V1}/meetings/{b.meeting_id}/").status_code == 404
    assert me.get(f"{V1}/submissions/{b.submission_id}/").status_code == 404
    for url in [
        f"/api/v1/dossiers/{dossier.pk}/",
        f"/api/v1/clients/{dossier.client_id}/",
        f"/api/v1/contacts/?dossier={dossier.pk}",
        f"/api/v1/requests/{aid_request.pk}/",
        f"/api/v1/requests/?dossier={dossier.pk}",
    ]:
        assert me.get(url).status_code == 404, url
    assert [m["id"] for m in me.get(f"{V1}/meetings/").data["results"]] == [str(a.meeting_id)]


def test_after_the_reading_period_the_member_gets_404_on_their_own_meeting(api, members, settings):
    settings.BCSD_MEMBER_ACCESS_DAYS = 7
    long_ago = TODAY - datetime.timedelta(days=8)
    item = AgendaItemFactory(
        meeting=MeetingFactory(date=long_ago, status="held", published_on=long_ago, members=[members[0]])
    )

    assert api(members[0]).get(f"{V1}/meetings/{item.meeting_id}/").status_code == 404
    assert api(members[0]).get(f"{V1}/submissions/{item.submission_id}/").status_code == 404


def test_submissions_owner_other_team_and_anonymous(api, social_worker, other_team_worker, dossier):
    submission = SubmissionFactory(dossier=dossier)

    assert api(social_worker).get(f"{V1}/submissions/{submission.pk}/").status_code == 200
    assert api(other_team_worker).get(f"{V1}/submissions/{submission.pk}/").status_code == 404
    assert api().get(f"{V1}/submissions/{submission.pk}/").status_code == 401


def test_a_letter_owner_other_team_and_anonymous(api, social_worker, other_team_worker, secretary, dossier):
    item = AgendaItemFactory(meeting=MeetingFactory(status="held"), submission__dossier=dossier)
    decision = api(secretary).post(
        f"{V1}/submissions/{item.submission_id}/decision/",
        {"outcome": "refused", "motivation": "Voldoende bestaansmiddelen.", "decided_on": TODAY.isoformat()},
        format="json",
    )
    url = f"{V1}/decisions/{decision.data['id']}/letter.pdf"

    assert api(social_worker).get(url).status_code == 200
    assert api(other_team_worker).get(url).status_code == 404
    assert api().get(url).status_code == 401


def test_holding_before_the_date_and_bad_input_are_answered_not_crashed(api, secretary, members):
    meeting = MeetingFactory(
        date=TODAY + datetime.timedelta(days=3), status="agenda_published", members=members
    )
    ann = api(secretary)

    assert ann.post(f"{V1}/meetings/{meeting.pk}/hold/").status_code == 409
    assert (
        ann.post(f"{V1}/meetings/", {"date": "morgen", "members": ["niemand"]}, format="json").status_code
        == 400
    )
    assert (
        ann.post(f"{V1}/meetings/{meeting.pk}/agenda/", {"submission": "x"}, format="json").status_code == 400
    )
    not_ready = SubmissionFactory(status="submitted")
    assert (
        ann.post(
            f"{V1}/meetings/{meeting.pk}/agenda/", {"submission": str(not_ready.pk)}, format="json"
        ).status_code
        == 400
    )
    assert ann.get(f"{V1}/meetings/not-a-uuid/").status_code == 404
    assert Submission.objects.get(pk=not_ready.pk).status == "submitted"


@pytest.mark.parametrize("role", ["social_worker", "team_lead", "committee_member"])
def test_only_the_secretary_plans_meetings(api, role, members):
    from tests.factories import UserFactory

    response = api(UserFactory(roles=[role])).post(
        f"{V1}/meetings/", {"date": TODAY.isoformat(), "members": [members[0].username]}, format="json"
    )
    assert response.status_code == 403
