"""The social map: partners and their services (Open Referral fields), read by all staff except committee
members, edited in the admin with history, seeded with the usual Flemish partners. Not personal data."""

import importlib

import pytest
from django.apps import apps

from accounts.models import User
from casework.models import Partner, PartnerService
from clients.models import AccessLog
from tests.factories import PartnerFactory, PartnerServiceFactory, UserFactory

URL = "/api/v1/partners/"
seed_migration = importlib.import_module("casework.migrations.0007_social_map_partners")


@pytest.fixture
def social_map(db):
    Partner.objects.all().delete()  # the seeded map is rolled back after the test; these rows are known
    caw = PartnerFactory(name="CAW Test", description="Algemeen welzijnswerk")
    PartnerServiceFactory(
        partner=caw,
        name="Crisishulp",
        description="Snelle hulp bij een acute crisis",
        eligibility="Iedereen in crisis",
        application_process="Binnenlopen",
        required_documents="Geen",
        languages="Nederlands, Engels",
        service_area="Demostad",
        contact="Onthaal CAW",
    )
    vdab = PartnerFactory(name="VDAB Test", description="Arbeidsbemiddeling")
    PartnerServiceFactory(partner=vdab, name="Inschrijving werkzoekende", languages="Nederlands")
    closed = PartnerFactory(name="Gesloten vzw", description="Bestaat niet meer", active=False)
    return {"caw": caw, "vdab": vdab, "closed": closed}


def names(response) -> list[str]:
    assert response.status_code == 200, response.data
    return [partner["name"] for partner in response.data["results"]]


def test_the_migration_seeds_the_usual_partners_idempotently_and_keeps_edits(db):
    Partner.objects.all().delete()  # test setup; start from an empty map whatever ran before
    seed_migration.seed(apps, None)
    partners = Partner.objects.prefetch_related("services")
    assert partners.count() == 16
    assert len(seed_migration.PARTNERS) == 16
    assert all(1 <= len(p.services.all()) <= 3 for p in partners)
    caw = Partner.objects.get(name="CAW (Centrum Algemeen Welzijnswerk)")
    assert set(caw.services.values_list("name", flat=True)) == {"Onthaal", "Crisishulp", "Begeleid wonen"}
    # No phone numbers in seeded data: they differ per local office and a made-up one reaches someone real.
    assert not Partner.objects.exclude(phone="").exists()
    contacts = "".join(PartnerService.objects.values_list("contact", flat=True))
    assert not any(char.isdigit() for char in contacts)

    caw.address = "Stationsstraat 1, Demostad"
    caw.save()
    counts = (Partner.objects.count(), PartnerService.objects.count())
    seed_migration.seed(apps, None)
    assert (Partner.objects.count(), PartnerService.objects.count()) == counts
    caw.refresh_from_db()
    assert caw.address == "Stationsstraat 1, Demostad"


def test_the_list_shows_active_partners_with_their_services_in_hsds_fields(api, social_map, social_worker):
    response = api(social_worker).get(URL, {"q": "crisis"})
    assert names(response) == ["CAW Test"]
    service = response.data["results"][0]["services"][0]
    assert set(service) == {
        "id",
        "name",
        "description",
        "eligibility",
        "application_process",
        "required_documents",
        "languages",
        "service_area",
        "contact",
    }
    assert service["service_area"] == "Demostad"
    assert "Gesloten vzw" not in names(api(social_worker).get(URL))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["CAW Test", "VDAB Test"]),
        ({"q": "vdab"}, ["VDAB Test"]),  # name, case-insensitive
        ({"q": "welzijn"}, ["CAW Test"]),  # description
        ({"q": "werkzoekende"}, ["VDAB Test"]),  # a service's name
        ({"q": "ACUTE"}, ["CAW Test"]),  # a service's description
        ({"q": "niets dat bestaat"}, []),
        ({"language": "engels"}, ["CAW Test"]),
        ({"language": "Nederlands"}, ["CAW Test", "VDAB Test"]),
        ({"q": "inschrijving", "language": "engels"}, []),
    ],
)
def test_search_on_name_description_services_and_language(api, social_map, social_worker, params, expected):
    assert names(api(social_worker).get(URL, params)) == expected


def test_a_partner_is_read_with_its_services(api, social_map, social_worker):
    data = api(social_worker).get(f"{URL}{social_map['caw'].pk}/").data
    assert (data["name"], [s["name"] for s in data["services"]]) == ("CAW Test", ["Crisishulp"])
    assert api(social_worker).get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code == 404
    assert api(social_worker).get(f"{URL}geen-uuid/").status_code == 404


def test_reading_the_social_map_writes_no_access_log(api, social_map, social_worker):
    api(social_worker).get(URL)
    api(social_worker).get(f"{URL}{social_map['caw'].pk}/")
    assert not AccessLog.objects.exists()


class TestAccess:
    """Not dossier data: every staff role reads the same map (a colleague of another team too), except a
    committee member; an anonymous caller gets 401."""

    @pytest.mark.parametrize(
        "roles",
        [["social_worker"], ["intake_officer"], ["activation_coach"], ["dpo"], ["committee_secretary"]],
    )
    def test_staff_may_read(self, api, social_map, other_team, roles):
        user = UserFactory(team=other_team, roles=roles)
        assert api(user).get(URL).status_code == 200
        assert api(user).get(f"{URL}{social_map['caw'].pk}/").status_code == 200

    def test_a_colleague_of_another_team_reads_the_same_map(self, api, social_map, other_team_worker):
        assert names(api(other_team_worker).get(URL)) == ["CAW Test", "VDAB Test"]

    def test_a_committee_member_may_not(self, api, social_map, team):
        councillor = UserFactory(username="marc", team=None, roles=["committee_member"])
        assert api(councillor).get(URL).status_code == 403
        assert api(councillor).get(f"{URL}{social_map['caw'].pk}/").status_code == 403

    def test_an_anonymous_caller_gets_401(self, api, social_map):
        assert api().get(URL).status_code == 401
        assert api().get(f"{URL}{social_map['caw'].pk}/").status_code == 401

    def test_the_map_is_read_only_through_the_api(self, api, social_map, social_worker):
        me = api(social_worker)
        assert me.post(URL, {"name": "Nieuw"}, format="json").status_code == 405
        assert me.patch(f"{URL}{social_map['caw'].pk}/", {"name": "X"}, format="json").status_code == 405
        assert me.delete(f"{URL}{social_map['caw'].pk}/").status_code == 405


def test_the_admin_edits_partners_and_services_with_history(client, db):
    admin_user = User.objects.create_superuser("beheerder", "beheer@example.org", "Geheim-wachtwoord-1")
    client.force_login(admin_user)
    body = {
        "name": "Huurdersbond Demostad",
        "description": "Advies voor huurders",
        "website": "",
        "phone": "",
        "email": "",
        "address": "",
        "active": "on",
        "services-TOTAL_FORMS": "1",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
        "services-0-name": "Huuradvies",
        "services-0-description": "Advies over huurcontracten",
        "services-0-languages": "Nederlands",
    }
    response = client.post("/admin/casework/partner/add/", body)
    assert response.status_code == 302, response.content.decode()[:2000]
    partner = Partner.objects.get(name="Huurdersbond Demostad")
    assert list(partner.services.values_list("name", flat=True)) == ["Huuradvies"]
    assert partner.history.get().history_user == admin_user
    assert PartnerService.history.get().history_user == admin_user
    assert client.get(f"/admin/casework/partner/{partner.pk}/history/").status_code == 200
