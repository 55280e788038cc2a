from io import StringIO

from django.core.management import call_command

from accounts.models import Role, Team, User
from casework.models import AidRequest, Dossier
from clients.models import Client, HouseholdMember
from clients.rules import normalise_belgian_or_sepa_iban, normalise_insz


def counts():
    return [m.objects.count() for m in (Team, User, Client, HouseholdMember, Dossier, AidRequest)]


def test_seed_demo_is_realistic_and_idempotent(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    teams, staff, clients, households, dossiers, requests = first
    assert teams == 6 and clients == 50 and households >= 5 and dossiers == 30 and requests >= 5
    assert {role for user in User.objects.all() for role in user.roles} == set(Role.values)
    for client in Client.objects.all():
        assert client.insz is None or normalise_insz(client.insz) == client.insz
        assert client.iban == "" or normalise_belgian_or_sepa_iban(client.iban) == client.iban
    assert Client.objects.filter(first_name="Jasmina", last_name="Elamrani").exists()
    assert not Client.objects.filter(first_name="Yasmina").exists()
    assert "sofie" in out.getvalue() and "casework-demo" in out.getvalue()
