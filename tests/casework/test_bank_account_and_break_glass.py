"""The bank account is where payment fraud starts; a break-the-glass grant reads and helps at the counter but
never changes who the person is, where their money goes, or the dossier itself (issue 10)."""

import pytest

from casework.dossiers.services import break_glass
from casework.models import BreakGlassAccess, Contact, Dossier
from clients.models import BankAccountChange
from tests.factories import ClientFactory, TeamFactory, UserFactory

NEW_IBAN = "BE71096123456769"


@pytest.fixture
def person(team, social_worker):
    client = ClientFactory(iban="BE68539007547034")
    dossier = Dossier.objects.create(client=client, team=team, social_worker=social_worker)
    return client, dossier


def change_iban(api, user, client):
    return api(user).patch(f"/api/v1/clients/{client.pk}/", {"iban": NEW_IBAN}, format="json")


def test_the_dossiers_own_team_changes_the_bank_account_and_the_assigned_worker_is_told(
    api, team, social_worker, person
):
    client, dossier = person
    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])

    response = change_iban(api, colleague, client)

    assert response.status_code == 200
    assert response.data["iban"] == NEW_IBAN
    change = BankAccountChange.objects.get()
    assert change.old_iban == "BE68539007547034"
    assert change.changed_by == colleague
    assert "rekeningnummer" in social_worker.notifications.get().message


def test_the_change_stays_on_the_dossier_page_until_someone_has_seen_it(
    client, team, social_worker, person, api
):
    person_, dossier = person
    change_iban(api, UserFactory(username="lotte", team=team, roles=["social_worker"]), person_)
    client.force_login(social_worker)
    assert "Rekeningnummer gewijzigd" in client.get(f"/dossiers/{dossier.pk}/").content.decode()

    change = BankAccountChange.objects.get()
    response = client.post(f"/dossiers/{dossier.pk}/rekeningwijziging/{change.pk}/gezien/")

    assert response.status_code == 302
    assert "Rekeningnummer gewijzigd" not in client.get(f"/dossiers/{dossier.pk}/").content.decode()
    change.refresh_from_db()
    assert change.acknowledged_by == social_worker


@pytest.mark.parametrize("who", ["front_desk_of_another_team", "break_the_glass", "head_of_service"])
def test_others_may_not_change_the_bank_account(api, person, other_team, who):
    client, dossier = person
    if who == "front_desk_of_another_team":
        user = UserFactory(username="ines", team=other_team, roles=["intake_officer"])
    elif who == "head_of_service":
        user = UserFactory(username="hilde", team=None, roles=["head_of_service"])
    else:
        user = UserFactory(username="bram", team=other_team, roles=["social_worker"])
        break_glass(actor=user, dossier=dossier, reason="collega ziek, dringende vraag", category="counter")

    response = change_iban(api, user, client)

    assert response.status_code == 403
    client.refresh_from_db()
    assert client.iban == "BE68539007547034"
    assert not BankAccountChange.objects.exists()


@pytest.fixture
def glass(person, other_team):
    client, dossier = person
    colleague = UserFactory(username="bram", team=other_team, roles=["social_worker"])
    break_glass(
        actor=colleague, dossier=dossier, reason="collega ziek, vraag aan het onthaal", category="counter"
    )
    return colleague, client, dossier


def test_a_break_the_glass_grant_reads_records_contacts_and_registers_requests(api, glass):
    colleague, client, dossier = glass

    assert api(colleague).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
    contact = {"dossier": str(dossier.pk), "channel": "office", "summary": "Vraag aan het onthaal"}
    assert api(colleague).post("/api/v1/contacts/", contact, format="json").status_code == 201
    request = {"dossier": str(dossier.pk), "kind": "financial_aid", "received_on": str(dossier.opened_on)}
    assert api(colleague).post("/api/v1/requests/", request, format="json").status_code == 201
    assert Contact.objects.count() == 1


def test_a_break_the_glass_grant_never_changes_identity_restriction_or_closes(api, glass):
    colleague, client, dossier = glass

    identity = api(colleague).patch(f"/api/v1/clients/{client.pk}/", {"last_name": "Anders"}, format="json")
    closing = api(colleague).post(f"/api/v1/dossiers/{dossier.pk}/close/", {"reason": "klaar"}, format="json")
    restricting = api(colleague).post(
        f"/api/v1/dossiers/{dossier.pk}/restriction/", {"restricted": True}, format="json"
    )

    assert identity.status_code == 403
    assert closing.status_code == 403
    assert restricting.status_code == 404
    client.refresh_from_db()
    dossier.refresh_from_db()
    assert client.last_name != "Anders"
    assert dossier.status == "open"
    assert dossier.restricted is False


def test_the_reason_of_a_break_the_glass_has_a_category(api, person, other_team):
    client, dossier = person
    colleague = UserFactory(username="bram", team=other_team, roles=["social_worker"])
    body = {"reason": "collega afwezig, cliënt aan de balie", "category": "absent_colleague"}

    response = api(colleague).post(f"/api/v1/dossiers/{dossier.pk}/break-glass/", body, format="json")
    wrong = api(colleague).post(
        f"/api/v1/dossiers/{dossier.pk}/break-glass/", body | {"category": "curiosity"}, format="json"
    )

    assert response.status_code == 201
    assert response.data["category"] == "absent_colleague"
    assert wrong.status_code == 400
    assert BreakGlassAccess.objects.get().category == "absent_colleague"


def test_the_front_desk_of_another_team_may_still_correct_an_address(api, person):
    client, dossier = person
    front_desk = UserFactory(username="ines", team=TeamFactory(code="onthaal"), roles=["intake_officer"])

    response = api(front_desk).patch(
        f"/api/v1/clients/{client.pk}/", {"phone": "016 12 34 56"}, format="json"
    )

    assert response.status_code == 200
