import datetime

import pytest
from django.utils import timezone

from casework.models import Inquiry
from clients.models import AccessLog
from tests.factories import ContactFactory


@pytest.fixture
def inquiry(api, dossier, social_worker):
    body = {"dossier": str(dossier.pk), "kind": "leefloon", "received_on": timezone.localdate().isoformat()}
    created = api(social_worker).post("/api/v1/requests/", body, format="json").data
    return Inquiry.objects.get(request_id=created["id"])


def url(inquiry, suffix=""):
    return f"/api/v1/inquiries/{inquiry.pk}/{suffix}"


REPORT = {
    "situation": "Alleenstaande moeder, sinds vorige maand gescheiden.",
    "household": "Twee kinderen van 6 en 9 jaar.",
    "means": "Geen eigen inkomen; onderhoudsgeld van de ex-partner.",
    "housing": "Private huur, 750 euro per maand.",
    "health": "Geen bijzonderheden.",
    "work_and_education": "Diploma secundair onderwijs, geen recente werkervaring.",
    "problem_analysis": "Inkomen onvoldoende; schulden bij de energieleverancier.",
}


def test_a_new_inquiry_lists_what_blocks_the_proposal(api, inquiry, social_worker):
    data = api(social_worker).get(url(inquiry)).data
    assert data["complete"] is False
    assert "huisbezoek" in data["missing"]
    assert "verklaring op eer" in data["missing"]
    assert any(item.startswith("document: Identiteitskaart") for item in data["missing"])
    assert [d["name"] for d in data["documents"]][0] == "Identiteitskaart of verblijfsdocument"


def test_the_inquiry_becomes_complete_and_the_request_can_be_proposed(api, inquiry, dossier, social_worker):
    me = api(social_worker)
    for document in inquiry.documents.all():
        me.post(
            url(inquiry, "documents/"),
            {"name": document.name, "received_on": timezone.localdate()},
            format="json",
        )
    ContactFactory(dossier=dossier, channel="home_visit", summary="Huisbezoek")
    today = timezone.localdate().isoformat()
    body = REPORT | {"advice": "Leefloon categorie 3 toekennen.", "sworn_statement_on": today}
    body |= {"hearing_right_informed_on": today, "version": 1}
    updated = me.patch(url(inquiry), body, format="json")
    assert updated.status_code == 200, updated.data
    assert (updated.data["complete"], updated.data["missing"], updated.data["version"]) == (True, [], 2)
    assert len(updated.data["home_visits"]) == 1

    transition = f"/api/v1/requests/{inquiry.request_id}/transition/"
    assert me.post(transition, {"to": "in_inquiry"}, format="json").status_code == 200
    assert me.post(transition, {"to": "proposed"}, format="json").data["status"] == "proposed"


def test_a_stale_update_of_the_social_report_is_refused_and_the_newer_text_kept(
    api, inquiry, social_worker, team
):
    from tests.factories import UserFactory

    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
    first = api(social_worker).patch(
        url(inquiry), {"situation": "Versie van Sofie", "version": 1}, format="json"
    )
    assert first.status_code == 200
    stale = api(colleague).patch(url(inquiry), {"situation": "Versie van Lotte", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.data["current_version"] == 2
    assert "Herlaad" in stale.data["detail"]
    inquiry.refresh_from_db()
    assert (inquiry.situation, inquiry.version) == ("Versie van Sofie", 2)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"situation": "x"}, "version"),
        ({"version": 0}, "version"),
        ({"version": "één"}, "version"),
        ({"version": 1, "sworn_statement_on": "2999-01-01"}, "sworn_statement_on"),
        ({"version": 1, "situation": ["lijst"]}, "situation"),
    ],
)
def test_bad_updates_are_refused_on_their_field(api, inquiry, social_worker, body, field):
    response = api(social_worker).patch(url(inquiry), body, format="json")
    assert response.status_code == 400
    assert field in response.data
    inquiry.refresh_from_db()
    assert inquiry.version == 1


def test_the_front_desk_does_not_read_social_reports(api, inquiry, other_team):
    from tests.factories import UserFactory

    intake = UserFactory(username="ines", team=other_team, roles=["intake_officer"])
    assert api(intake).get(f"/api/v1/requests/{inquiry.request_id}/").status_code == 200
    assert api(intake).get(url(inquiry)).status_code == 404


def test_owner_other_team_anonymous(api, inquiry, social_worker, other_team_worker):
    assert (
        api(social_worker).get("/api/v1/inquiries/", {"request": str(inquiry.request_id)}).status_code == 200
    )
    assert api(other_team_worker).get(url(inquiry)).status_code == 404
    assert (
        api(other_team_worker).patch(url(inquiry), {"version": 1, "advice": "x"}, format="json").status_code
        == 404
    )
    assert api().get(url(inquiry)).status_code == 401


class TestKsz:
    def test_every_consultation_appears_in_the_access_log_with_its_purpose(
        self, api, dossier, inquiry, social_worker
    ):
        me = api(social_worker)
        for service, purpose in [
            ("national_register", "Controle gezinssamenstelling voor leefloon"),
            ("income", "Nagaan van inkomsten van de ex-partner"),
        ]:
            body = {"dossier": str(dossier.pk), "request": str(inquiry.request_id), "service": service}
            response = me.post("/api/v1/ksz-consultations/", body | {"purpose": purpose}, format="json")
            assert response.status_code == 201, response.data

        # One row per request (the dossier read and the consultation), with the service and the typed purpose.
        logged = AccessLog.objects.filter(purpose="ksz").order_by("id")
        assert [(e.user, e.subject_ids, e.what, e.purpose_text) for e in logged] == [
            (
                social_worker,
                [str(dossier.client_id)],
                "ksz_register,ksz.national_register",
                "Controle gezinssamenstelling voor leefloon",
            ),
            (
                social_worker,
                [str(dossier.client_id)],
                "ksz_register,ksz.income",
                "Nagaan van inkomsten van de ex-partner",
            ),
        ]
        assert len(me.get(url(inquiry)).data["ksz_consultations"]) == 2
        listed = me.get("/api/v1/ksz-consultations/", {"dossier": str(dossier.pk)}).data
        assert listed["count"] == 2

    @pytest.mark.parametrize(
        ("body", "field"),
        [({"service": "horoscope"}, "service"), ({"purpose": ""}, "purpose"), ({"purpose": "x"}, "purpose")],
    )
    def test_a_consultation_needs_a_known_service_and_a_purpose(
        self, api, dossier, social_worker, body, field
    ):
        payload = {"dossier": str(dossier.pk), "service": "income", "purpose": "Inkomsten nagaan"} | body
        response = api(social_worker).post("/api/v1/ksz-consultations/", payload, format="json")
        assert response.status_code == 400
        assert field in response.data
        assert not AccessLog.objects.filter(what__contains="ksz.").exists()

    def test_other_team_and_anonymous_cannot_record(self, api, dossier, other_team_worker):
        body = {"dossier": str(dossier.pk), "service": "income", "purpose": "Inkomsten nagaan"}
        assert (
            api(other_team_worker).post("/api/v1/ksz-consultations/", body, format="json").status_code == 404
        )
        assert api().post("/api/v1/ksz-consultations/", body, format="json").status_code == 401


def test_home_visit_findings_are_recorded_with_the_contact(api, dossier, social_worker):
    body = {
        "dossier": str(dossier.pk),
        "channel": "home_visit",
        "summary": "Huisbezoek",
        "findings": "Woning vochtig; kinderen gaan naar school; achterstal bij energieleverancier.",
        "occurred_at": (timezone.now() - datetime.timedelta(hours=2)).isoformat(),
    }
    response = api(social_worker).post("/api/v1/contacts/", body, format="json")
    assert response.status_code == 201
    assert response.data["findings"].startswith("Woning vochtig")
