"""Case conferences (cliëntoverleg): who took part (colleagues by username, partners in words), whether the
client was there, and what was agreed."""

import datetime

import pytest
from django.utils import timezone

from casework.models import CaseConference
from clients.models import AccessLog
from tests.factories import UserFactory

URL = "/api/v1/case-conferences/"
TODAY = timezone.localdate()


@pytest.fixture
def coach(team):
    return UserFactory(username="karim", team=team, roles=["activation_coach"])


def conference_body(dossier, **change):
    return {
        "dossier": str(dossier.pk),
        "held_on": TODAY.isoformat(),
        "internal_participants": ["sofie", "karim"],
        "external_participants": "Consulent VDAB; begeleider CAW",
        "client_present": True,
        "agreements": "VDAB start trajectbegeleiding; CAW volgt de woonzoektocht op.",
    } | change


def test_a_case_conference_is_recorded_with_its_participants(api, dossier, social_worker, coach):
    response = api(social_worker).post(URL, conference_body(dossier), format="json")

    assert response.status_code == 201, response.data
    data = response.data
    assert sorted(data["internal_participants"]) == ["karim", "sofie"]
    assert (data["client_present"], data["author"], data["held_on"]) == (True, "sofie", TODAY.isoformat())
    conference = CaseConference.objects.get()
    assert set(conference.internal_participants.all()) == {social_worker, coach}
    assert conference.history.first().history_user == social_worker


def test_participants_are_optional(api, dossier, social_worker):
    body = conference_body(dossier)
    del body["internal_participants"]
    response = api(social_worker).post(URL, body, format="json")
    assert response.status_code == 201
    assert response.data["internal_participants"] == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"internal_participants": ["sofie", "niemand"]}, "internal_participants"),
        ({"internal_participants": "sofie"}, "internal_participants"),
        ({"internal_participants": [{"naam": "sofie"}]}, "internal_participants"),
        ({"held_on": "2999-01-01"}, "held_on"),
        ({"held_on": "vorige dinsdag"}, "held_on"),
        ({"held_on": None}, "held_on"),
        ({"agreements": ""}, "agreements"),
        ({"agreements": "   "}, "agreements"),
        ({"client_present": "misschien"}, "client_present"),
        ({"external_participants": ["lijst"]}, "external_participants"),
        ({"dossier": "geen-uuid"}, "dossier"),
    ],
)
def test_invalid_input_is_refused_on_its_field_and_nothing_stored(
    api, dossier, social_worker, coach, change, field
):
    response = api(social_worker).post(URL, conference_body(dossier) | change, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data, response.data
    assert not CaseConference.objects.exists()


def test_the_list_of_a_dossier_is_newest_first_and_logged_once(api, dossier, social_worker, coach):
    me = api(social_worker)
    for days_ago in (30, 2, 10):
        held_on = (TODAY - datetime.timedelta(days=days_ago)).isoformat()
        assert me.post(URL, conference_body(dossier, held_on=held_on), format="json").status_code == 201
    logged = AccessLog.objects.count()

    listed = me.get(URL, {"dossier": str(dossier.pk)})

    assert [c["held_on"] for c in listed.data["results"]] == [
        (TODAY - datetime.timedelta(days=d)).isoformat() for d in (2, 10, 30)
    ]
    assert AccessLog.objects.count() == logged + 1
    assert me.get(URL).status_code == 400  # the dossier is required


class TestAccess:
    def test_the_owner_may(self, api, dossier, social_worker, coach):
        assert api(social_worker).post(URL, conference_body(dossier), format="json").status_code == 201
        assert api(social_worker).get(URL, {"dossier": str(dossier.pk)}).status_code == 200

    def test_a_colleague_of_another_team_gets_404(
        self, api, dossier, social_worker, coach, other_team_worker
    ):
        assert api(other_team_worker).post(URL, conference_body(dossier), format="json").status_code == 404
        assert api(other_team_worker).get(URL, {"dossier": str(dossier.pk)}).status_code == 404
        assert not CaseConference.objects.exists()

    def test_an_anonymous_caller_gets_401(self, api, dossier, coach, social_worker):
        assert api().post(URL, conference_body(dossier), format="json").status_code == 401
        assert api().get(URL, {"dossier": str(dossier.pk)}).status_code == 401
