import datetime

import pytest
from django.utils import timezone

from casework.models import BreakGlassAccess, Contact, Dossier
from clients.models import AccessLog
from tests.factories import (
    BreakGlassAccessFactory,
    ClientFactory,
    ContactFactory,
    DossierFactory,
    UserFactory,
)


def test_changing_an_address_shows_old_and_new_values_who_and_when(api, dossier, social_worker):
    me = api(social_worker)
    address = {
        "street": "Naamsestraat",
        "house_number": "12",
        "postal_code": "3000",
        "municipality": "Leuven",
    }
    assert (
        me.patch(f"/api/v1/clients/{dossier.client_id}/", {"address": address}, format="json").status_code
        == 200
    )
    address |= {"street": "Tiensestraat", "house_number": "5"}
    assert (
        me.patch(f"/api/v1/clients/{dossier.client_id}/", {"address": address}, format="json").status_code
        == 200
    )

    history = me.get(f"/api/v1/clients/{dossier.client_id}/history/").data

    latest = history[0]
    assert latest["changed_by"] == "sofie"
    assert latest["change_type"] == "changed"
    assert datetime.datetime.fromisoformat(latest["changed_at"]) > timezone.now() - datetime.timedelta(
        minutes=1
    )
    assert {(c["field"], c["old"], c["new"]) for c in latest["changes"]} == {
        ("street", "Naamsestraat", "Tiensestraat"),
        ("house_number", "12", "5"),
    }


def test_two_colleagues_editing_different_fields_keep_each_others_work(api, dossier, social_worker, team):
    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
    api(social_worker).patch(
        f"/api/v1/clients/{dossier.client_id}/", {"phone": "016 12 34 56"}, format="json"
    )
    api(colleague).patch(f"/api/v1/clients/{dossier.client_id}/", {"email": "a@example.be"}, format="json")
    record = api(social_worker).get(f"/api/v1/clients/{dossier.client_id}/").data
    assert (record["phone"], record["email"]) == ("016 12 34 56", "a@example.be")


def test_patch_with_an_invalid_iban_changes_nothing(api, dossier, social_worker):
    response = api(social_worker).patch(
        f"/api/v1/clients/{dossier.client_id}/", {"iban": "BE00 0000", "phone": "016 11 11 11"}, format="json"
    )
    assert response.status_code == 400
    assert "iban" in response.data
    assert api(social_worker).get(f"/api/v1/clients/{dossier.client_id}/").data["phone"] == ""


class TestBreakTheGlass:
    def url(self, dossier):
        return f"/api/v1/dossiers/{dossier.pk}/break-glass/"

    @pytest.mark.parametrize("reason", [None, "", "te kort", "         x         "])
    def test_without_a_real_reason_nothing_opens(self, api, dossier, other_team_worker, reason):
        body = {} if reason is None else {"reason": reason}
        response = api(other_team_worker).post(self.url(dossier), body, format="json")
        assert response.status_code == 400
        assert "reason" in response.data
        assert not BreakGlassAccess.objects.exists()
        assert api(other_team_worker).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 404

    def test_with_a_reason_access_lasts_the_configured_period_then_ends(
        self, api, dossier, other_team_worker, team_lead, settings, django_capture_on_commit_callbacks
    ):
        settings.BREAK_GLASS_HOURS = 24
        colleague = api(other_team_worker)
        with django_capture_on_commit_callbacks(execute=True):
            response = colleague.post(
                self.url(dossier), {"reason": "collega ziek, dringende vraag"}, format="json"
            )
        assert response.status_code == 201
        grant = BreakGlassAccess.objects.get()
        assert grant.expires_at - grant.granted_at == datetime.timedelta(hours=24)
        assert colleague.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
        assert colleague.get(f"/api/v1/contacts/?dossier={dossier.pk}").status_code == 200

        logged = AccessLog.objects.filter(user=other_team_worker, what="break_glass").get()
        assert (logged.purpose, logged.purpose_text) == ("break_glass", "collega ziek, dringende vraag")
        assert team_lead.notifications.get().message.startswith(other_team_worker.display_name)

        BreakGlassAccess.objects.filter(pk=grant.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert colleague.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 404
        assert colleague.get("/api/v1/dossiers/").data["count"] == 0

    def test_a_restricted_dossier_cannot_be_opened_by_breaking_the_glass(
        self, api, dossier, other_team_worker
    ):
        dossier.restricted = True
        dossier.save()
        response = api(other_team_worker).post(self.url(dossier), {"reason": "collega ziek, dringende vraag"})
        assert response.status_code == 404

    def test_committee_members_cannot_break_the_glass(self, api, dossier, team):
        member = UserFactory(username="marc", team=None, roles=["committee_member"])
        response = api(member).post(self.url(dossier), {"reason": "ik wil dit dossier lezen"}, format="json")
        assert response.status_code == 404

    def test_a_retried_notification_task_notifies_once(self, dossier, other_team_worker, team_lead):
        from casework.dossiers.services import break_glass_notify_team_leads

        grant = BreakGlassAccessFactory(dossier=dossier, user=other_team_worker)
        break_glass_notify_team_leads(grant_id=grant.pk)
        break_glass_notify_team_leads(grant_id=grant.pk)
        assert team_lead.notifications.count() == 1


class TestContacts:
    def test_record_a_contact_in_one_call_and_see_it_first(self, api, dossier, social_worker):
        me = api(social_worker)
        old = timezone.now() - datetime.timedelta(days=2)
        ContactFactory(dossier=dossier, channel="office", summary="Eerder", occurred_at=old)
        created = me.post(
            "/api/v1/contacts/",
            {
                "dossier": str(dossier.pk),
                "channel": "home_visit",
                "summary": "Huisbezoek",
                "duration_minutes": 45,
            },
            format="json",
        )
        assert created.status_code == 201, created.data
        listed = me.get("/api/v1/contacts/", {"dossier": str(dossier.pk)}).data["results"]
        assert [c["summary"] for c in listed] == ["Huisbezoek", "Eerder"]
        assert listed[0]["author"] == "sofie"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"channel": "fax", "summary": "x"}, "channel"),
            ({"channel": "phone", "summary": ""}, "summary"),
            ({"channel": "phone"}, "summary"),
            ({"channel": "phone", "summary": "x", "occurred_at": "2999-01-01T10:00:00+01:00"}, "occurred_at"),
            ({"channel": "phone", "summary": "x", "duration_minutes": -5}, "duration_minutes"),
            ({"channel": "phone", "summary": "x", "occurred_at": "gisteren"}, "occurred_at"),
        ],
    )
    def test_bad_input_is_refused_on_its_field_and_stores_nothing(
        self, api, dossier, social_worker, body, field
    ):
        response = api(social_worker).post(
            "/api/v1/contacts/", {"dossier": str(dossier.pk), **body}, format="json"
        )
        assert response.status_code == 400
        assert field in response.data
        assert not Contact.objects.exists()

    def test_listing_without_a_dossier_is_a_clear_400(self, api, social_worker):
        response = api(social_worker).get("/api/v1/contacts/")
        assert response.status_code == 400
        assert "dossier" in response.data

    def test_other_team_cannot_record_a_contact(self, api, dossier, other_team_worker):
        body = {"dossier": str(dossier.pk), "channel": "phone", "summary": "x"}
        assert api(other_team_worker).post("/api/v1/contacts/", body, format="json").status_code == 404
        assert api().post("/api/v1/contacts/", body, format="json").status_code == 401
        assert not Contact.objects.exists()

    def test_confidential_notes_only_for_the_assigned_worker_the_team_lead_and_the_author(
        self, api, dossier, social_worker, team_lead, team
    ):
        colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
        ContactFactory(dossier=dossier, summary="Gewoon", author=social_worker)
        ContactFactory(dossier=dossier, summary="Vertrouwelijk", author=social_worker, confidential=True)
        ContactFactory(dossier=dossier, summary="Eigen notitie", author=colleague, confidential=True)

        def seen_by(user):
            return {
                c["summary"]
                for c in api(user).get("/api/v1/contacts/", {"dossier": str(dossier.pk)}).data["results"]
            }

        everything = {"Gewoon", "Vertrouwelijk", "Eigen notitie"}
        assert seen_by(social_worker) == everything
        assert seen_by(team_lead) == everything
        assert seen_by(colleague) == {"Gewoon", "Eigen notitie"}


class TestDossiers:
    def test_open_a_dossier_for_a_registered_client(self, api, social_worker):
        person = ClientFactory()
        response = api(social_worker).post(
            "/api/v1/dossiers/",
            {"client": str(person.pk), "team": "centrum", "social_worker": "sofie"},
            format="json",
        )
        assert response.status_code == 201
        assert response.data["status"] == "open"
        assert response.data["social_worker"] == "sofie"
        assert response.data["opened_on"] == timezone.localdate().isoformat()

    def test_a_second_open_dossier_for_the_same_client_is_a_conflict(self, api, dossier, social_worker):
        response = api(social_worker).post(
            "/api/v1/dossiers/", {"client": str(dossier.client_id), "team": "centrum"}, format="json"
        )
        assert response.status_code == 409
        assert response.data["existing_dossier"] == str(dossier.pk)

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"client": None}, "client"),
            ({"client": "not-a-uuid", "team": "centrum"}, "client"),
            ({"team": "bestaat-niet"}, "team"),
            ({"team": "centrum", "social_worker": "bram"}, "social_worker"),
        ],
    )
    def test_bad_input_is_refused(self, api, social_worker, other_team_worker, body, field):
        body = {"client": str(ClientFactory().pk), **body}
        response = api(social_worker).post("/api/v1/dossiers/", body, format="json")
        assert response.status_code == 400, response.data
        assert field in response.data, response.data
        assert not Dossier.objects.exists()

    def test_a_social_worker_opens_dossiers_for_their_own_team_only(self, api, social_worker, other_team):
        body = {"client": str(ClientFactory().pk), "team": other_team.code}
        assert api(social_worker).post("/api/v1/dossiers/", body, format="json").status_code == 403

    def test_close_with_a_reason_and_not_twice(self, api, dossier, social_worker):
        url = f"/api/v1/dossiers/{dossier.pk}/close/"
        assert api(social_worker).post(url, {"reason": ""}, format="json").status_code == 400
        closed = api(social_worker).post(url, {"reason": "Hulpvraag beantwoord"}, format="json")
        assert closed.status_code == 200
        assert closed.data["status"] == "closed"
        assert api(social_worker).post(url, {"reason": "nogmaals"}, format="json").status_code == 409

    def test_the_team_lead_restricts_a_dossier_to_a_list(self, api, dossier, social_worker, team_lead, team):
        colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
        response = api(team_lead).post(
            f"/api/v1/dossiers/{dossier.pk}/restriction/",
            {"restricted": True, "allowed": ["sofie"]},
            format="json",
        )
        assert response.status_code == 200
        assert response.data["restricted"]
        assert api(social_worker).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
        assert api(team_lead).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
        assert api(colleague).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 404

    def test_a_social_worker_cannot_restrict(self, api, dossier, social_worker):
        response = api(social_worker).post(
            f"/api/v1/dossiers/{dossier.pk}/restriction/", {"restricted": True, "allowed": []}, format="json"
        )
        assert response.status_code == 404
        dossier.refresh_from_db()
        assert not dossier.restricted

    def test_caseload_first(self, api, social_worker, team):
        colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
        theirs = DossierFactory(client__last_name="Aerts", team=team, social_worker=colleague)
        mine = DossierFactory(client__last_name="Zeger", team=team, social_worker=social_worker)
        ids = [row["id"] for row in api(social_worker).get("/api/v1/dossiers/").data["results"]]
        assert ids == [str(mine.pk), str(theirs.pk)]


def test_household_over_time(api, dossier, social_worker):
    child, ex_partner = ClientFactory(), ClientFactory()
    url = f"/api/v1/clients/{dossier.client_id}/household/"
    members = [
        {"client": str(child.pk), "relation": "child", "from_date": "2015-04-01"},
        {
            "client": str(ex_partner.pk),
            "relation": "partner",
            "from_date": "2012-01-01",
            "to_date": "2026-10-15",
        },
    ]
    response = api(social_worker).put(url, {"members": members}, format="json")
    assert response.status_code == 200, response.data
    got = api(social_worker).get(url).data["members"]
    assert [(m["client"], m["relation"], m["to_date"]) for m in got] == [
        (str(ex_partner.pk), "partner", "2026-10-15"),
        (str(child.pk), "child", None),
    ]
    bad = api(social_worker).put(
        url,
        {
            "members": [
                {
                    "client": str(child.pk),
                    "relation": "child",
                    "from_date": "2020-01-01",
                    "to_date": "2019-01-01",
                }
            ]
        },
        format="json",
    )
    assert bad.status_code == 400
    assert len(api(social_worker).get(url).data["members"]) == 2
