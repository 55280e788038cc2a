"""Referrals to partners of the social map, followed until the partner's feedback (closed loop): one
transition table, each step with its date, completion only with feedback."""

import datetime
import itertools

import pytest
from django.utils import timezone

from casework.models import Referral
from casework.socialmap import rules
from casework.socialmap.transitions import REFERRAL_WORKFLOW
from clients.models import AccessLog
from tests.factories import PartnerFactory, PartnerServiceFactory, ReferralFactory

URL = "/api/v1/referrals/"
TODAY = timezone.localdate()
STATUSES = ["proposed", "sent", "accepted", "declined", "completed"]

# The table of shared/api.md and journey 4, written out independently of the transitions module.
ALLOWED = {
    ("proposed", "sent"),
    ("proposed", "declined"),  # the client refuses before the referral is sent
    ("sent", "accepted"),
    ("sent", "declined"),
    ("accepted", "completed"),
}


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Sociaal Verhuurkantoor Test", description="Woningen voor lage inkomens")


@pytest.fixture
def service(partner):
    return PartnerServiceFactory(partner=partner, name="Inschrijving", languages="Nederlands")


@pytest.fixture
def referral(api, dossier, partner, service, social_worker):
    body = {"dossier": str(dossier.pk), "partner": str(partner.pk), "service": str(service.pk)}
    response = api(social_worker).post(URL, body | {"reason": "Zoekt een betaalbare woning"}, format="json")
    assert response.status_code == 201, response.data
    return Referral.objects.get(pk=response.data["id"])


def in_status(referral, status: str, *, on=datetime.date(2024, 3, 1)) -> Referral:
    """Put a referral in a status directly, with the dates its earlier steps would have set."""
    referral.status = status
    referral.sent_on = on if status != "proposed" else None
    referral.answered_on = on if status in ("accepted", "declined", "completed") else None
    referral.completed_on = on if status == "completed" else None
    referral.save()
    return referral


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_the_transition_table(current, target):
    assert REFERRAL_WORKFLOW.is_allowed(current, target) is ((current, target) in ALLOWED)


def test_feedback_is_due_a_month_after_the_referral():
    assert rules.referral_feedback_due(datetime.date(2024, 1, 31)) == datetime.date(2024, 3, 1)
    assert rules.referral_feedback_due(datetime.date(2023, 12, 15)) == datetime.date(2024, 1, 14)


def test_a_referral_is_proposed_with_feedback_due_in_30_days(api, referral, partner, service, social_worker):
    data = api(social_worker).get(f"{URL}{referral.pk}/").data
    assert (data["status"], data["partner"], data["service"]) == (
        "proposed",
        str(partner.pk),
        str(service.pk),
    )
    assert (data["partner_name"], data["service_name"]) == ("Sociaal Verhuurkantoor Test", "Inschrijving")
    assert data["feedback_due"] == (TODAY + datetime.timedelta(days=30)).isoformat()
    assert data["allowed_transitions"] == ["sent", "declined"]
    assert (data["sent_on"], data["answered_on"], data["completed_on"]) == (None, None, None)


def test_a_referral_may_name_its_own_feedback_date_and_no_service(api, dossier, partner, social_worker):
    body = {"dossier": str(dossier.pk), "partner": str(partner.pk), "reason": "Huurachterstal"}
    due = (TODAY + datetime.timedelta(days=10)).isoformat()
    response = api(social_worker).post(URL, body | {"feedback_due": due}, format="json")
    assert response.status_code == 201, response.data
    assert (response.data["feedback_due"], response.data["service"]) == (due, None)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_every_move_through_the_api_follows_the_table(api, referral, social_worker, current, target):
    in_status(referral, current)
    body = {"to": target, "feedback": "De cliënt heeft een woning gevonden."}
    response = api(social_worker).post(f"{URL}{referral.pk}/transition/", body, format="json")
    referral.refresh_from_db()
    if (current, target) in ALLOWED:
        assert response.status_code == 200, response.data
        assert referral.status == target
    else:
        assert response.status_code == 409, response.data
        assert response.data["allowed"] == list(REFERRAL_WORKFLOW.allowed(current))
        assert f"'{current}'" in response.data["detail"]
        assert f"'{target}'" in response.data["detail"]
        assert referral.status == current


def test_the_closed_loop_records_each_date_and_the_feedback(api, referral, social_worker):
    me = api(social_worker)
    url = f"{URL}{referral.pk}/transition/"
    sent_on = TODAY - datetime.timedelta(days=9)
    answered_on = TODAY - datetime.timedelta(days=3)
    assert me.post(url, {"to": "sent", "on": sent_on.isoformat()}, format="json").status_code == 200
    assert me.post(url, {"to": "accepted", "on": answered_on.isoformat()}, format="json").status_code == 200

    no_feedback = me.post(url, {"to": "completed"}, format="json")
    assert no_feedback.status_code == 400
    assert "feedback" in no_feedback.data
    blank_feedback = me.post(url, {"to": "completed", "feedback": "   "}, format="json")
    assert blank_feedback.status_code == 400
    assert "feedback" in blank_feedback.data

    done = me.post(url, {"to": "completed", "feedback": "Ingeschreven; wachttijd 2 jaar."}, format="json")
    assert done.status_code == 200, done.data
    assert (done.data["sent_on"], done.data["answered_on"], done.data["completed_on"]) == (
        sent_on.isoformat(),
        answered_on.isoformat(),
        TODAY.isoformat(),  # `on` defaults to today
    )
    assert (done.data["status"], done.data["feedback"], done.data["allowed_transitions"]) == (
        "completed",
        "Ingeschreven; wachttijd 2 jaar.",
        [],
    )
    reasons = [r.history_change_reason for r in referral.history.order_by("history_id")]
    assert reasons == [
        "referral_propose",
        "referral_transition:sent",
        "referral_transition:accepted",
        "referral_transition:completed",
    ]
    assert {r.history_user for r in referral.history.all()} == {social_worker}


def test_the_client_may_decline_before_the_referral_is_sent(api, referral, social_worker):
    response = api(social_worker).post(
        f"{URL}{referral.pk}/transition/",
        {"to": "declined", "feedback": "Wil niet verhuizen."},
        format="json",
    )
    assert response.status_code == 200
    assert (response.data["status"], response.data["answered_on"]) == ("declined", TODAY.isoformat())


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "verloren"}, "to"),
        ({}, "to"),
        ({"to": "sent", "on": "2999-01-01"}, "on"),
        ({"to": "sent", "on": "vorige week"}, "on"),
        ({"to": "sent", "feedback": ["lijst"]}, "feedback"),
    ],
)
def test_invalid_transitions_are_refused_on_their_field(api, referral, social_worker, body, field):
    response = api(social_worker).post(f"{URL}{referral.pk}/transition/", body, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data, response.data
    referral.refresh_from_db()
    assert (referral.status, referral.sent_on) == ("proposed", None)


def test_an_answer_cannot_precede_the_sending(api, referral, social_worker):
    in_status(referral, "sent", on=TODAY)
    before = (TODAY - datetime.timedelta(days=1)).isoformat()
    response = api(social_worker).post(
        f"{URL}{referral.pk}/transition/", {"to": "accepted", "on": before}, format="json"
    )
    assert response.status_code == 400
    assert "on" in response.data
    referral.refresh_from_db()
    assert referral.status == "sent"


class TestPatch:
    """The contract's shape: PATCH {status, feedback} goes through the same transition function."""

    def test_patch_moves_the_status(self, api, referral, social_worker):
        me = api(social_worker)
        assert me.patch(f"{URL}{referral.pk}/", {"status": "sent"}, format="json").data["status"] == "sent"
        assert me.patch(f"{URL}{referral.pk}/", {"status": "accepted"}, format="json").status_code == 200
        refused = me.patch(f"{URL}{referral.pk}/", {"status": "completed"}, format="json")
        assert refused.status_code == 400
        assert "feedback" in refused.data
        done = me.patch(
            f"{URL}{referral.pk}/", {"status": "completed", "feedback": "Traject loopt."}, format="json"
        )
        assert (done.status_code, done.data["feedback"]) == (200, "Traject loopt.")

    def test_patch_refuses_moves_outside_the_table(self, api, referral, social_worker):
        response = api(social_worker).patch(f"{URL}{referral.pk}/", {"status": "completed"}, format="json")
        assert response.status_code == 409
        assert response.data["allowed"] == ["sent", "declined"]
        assert "sent, declined" in response.data["detail"]

    def test_patch_needs_a_status(self, api, referral, social_worker):
        response = api(social_worker).patch(f"{URL}{referral.pk}/", {"feedback": "x"}, format="json")
        assert response.status_code == 400
        assert "status" in response.data


class TestInvalidReferrals:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"partner": "00000000-0000-0000-0000-000000000000"}, "partner"),
            ({"partner": "geen-uuid"}, "partner"),
            ({"partner": 42}, "partner"),
            ({"partner": None}, "partner"),
            ({"service": "00000000-0000-0000-0000-000000000000"}, "service"),
            ({"reason": ""}, "reason"),
            ({"reason": "   "}, "reason"),
            ({"feedback_due": "2000-01-01"}, "feedback_due"),
            ({"feedback_due": "volgende maand"}, "feedback_due"),
            ({"dossier": "geen-uuid"}, "dossier"),
        ],
    )
    def test_invalid_input_is_refused_on_its_field_and_nothing_stored(
        self, api, dossier, partner, social_worker, change, field
    ):
        body = {"dossier": str(dossier.pk), "partner": str(partner.pk), "reason": "Woonnood"} | change
        response = api(social_worker).post(URL, body, format="json")
        assert response.status_code == 400, response.data
        assert field in response.data, response.data
        assert not Referral.objects.exists()

    def test_a_service_of_another_partner_is_refused(self, api, dossier, partner, social_worker):
        foreign = PartnerServiceFactory(partner__name="VDAB Test", name="Inschrijving werkzoekende")
        body = {"dossier": str(dossier.pk), "partner": str(partner.pk), "service": str(foreign.pk)}
        response = api(social_worker).post(URL, body | {"reason": "Werk"}, format="json")
        assert response.status_code == 400
        assert "service" in response.data
        assert not Referral.objects.exists()

    def test_an_inactive_partner_is_refused(self, api, dossier, partner, social_worker):
        partner.active = False
        partner.save()
        body = {"dossier": str(dossier.pk), "partner": str(partner.pk), "reason": "Woonnood"}
        response = api(social_worker).post(URL, body, format="json")
        assert response.status_code == 400
        assert "partner" in response.data


class TestAccess:
    def requests(self, referral, dossier, partner):
        create = {"dossier": str(dossier.pk), "partner": str(partner.pk), "reason": "Woonnood"}
        return [
            ("get", URL, {"dossier": str(dossier.pk)}, 200),
            ("get", f"{URL}{referral.pk}/", None, 200),
            ("post", URL, create, 201),
            ("post", f"{URL}{referral.pk}/transition/", {"to": "sent"}, 200),
            ("patch", f"{URL}{referral.pk}/", {"status": "accepted"}, 200),
        ]

    def test_the_owner_may(self, api, referral, dossier, partner, social_worker):
        for method, url, body, expected in self.requests(referral, dossier, partner):
            assert getattr(api(social_worker), method)(url, body, format="json").status_code == expected, url

    def test_a_colleague_of_another_team_gets_404(self, api, referral, dossier, partner, other_team_worker):
        for method, url, body, _expected in self.requests(referral, dossier, partner):
            assert getattr(api(other_team_worker), method)(url, body, format="json").status_code == 404, url
        referral.refresh_from_db()
        assert referral.status == "proposed"
        assert Referral.objects.count() == 1

    def test_an_anonymous_caller_gets_401(self, api, referral, dossier, partner):
        for method, url, body, _expected in self.requests(referral, dossier, partner):
            assert getattr(api(), method)(url, body, format="json").status_code == 401, url


def test_the_list_is_filtered_by_status_and_logged_once(api, referral, dossier, partner, social_worker):
    ReferralFactory(dossier=dossier, partner=partner, reason="Ander", status="sent")
    me = api(social_worker)
    logged = AccessLog.objects.count()
    assert me.get(URL, {"dossier": str(dossier.pk)}).data["count"] == 2
    assert AccessLog.objects.count() == logged + 1
    assert [
        r["status"] for r in me.get(URL, {"dossier": str(dossier.pk), "status": "sent"}).data["results"]
    ] == ["sent"]


def test_no_new_referral_in_a_closed_dossier_but_the_loop_can_still_close(
    api, referral, dossier, partner, social_worker
):
    me = api(social_worker)
    in_status(referral, "accepted")
    assert me.post(f"/api/v1/dossiers/{dossier.pk}/close/", {"reason": "Verhuisd"}).status_code == 200
    body = {"dossier": str(dossier.pk), "partner": str(partner.pk), "reason": "Nog een vraag"}
    refused = me.post(URL, body, format="json")
    assert refused.status_code == 409
    assert Referral.objects.count() == 1
    # The partner's feedback may arrive after the dossier was closed; it is still recorded.
    done = me.post(
        f"{URL}{referral.pk}/transition/", {"to": "completed", "feedback": "Afgerond."}, format="json"
    )
    assert done.status_code == 200
