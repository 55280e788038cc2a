"""The DPO's "who saw my data?" page (issue 12): each row names the reader's roles and team, a
break-the-glass read carries a label (not only a colour), the list filters on the reader's team and on what
was read, and the export is named after the person and the day."""

import pytest
from django.test.testcases import TestCase
from django.utils import timezone

from clients.ledger import Purpose, What, access_log_record
from tests.factories import ClientFactory, DossierFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo():
    return UserFactory(username="pieter", team=None, roles=["dpo"])


@pytest.fixture
def scene(team, social_worker, other_team_worker):
    person = ClientFactory(first_name="Élodie", last_name="D'Hondt-Vandeputte")
    dossier = DossierFactory(client=person, team=team, social_worker=social_worker)
    access_log_record(
        user=social_worker, client_ids=[person.pk], what=What.HOUSEHOLD, purpose=Purpose.DOSSIER
    )
    access_log_record(
        user=other_team_worker, client_ids=[person.pk], what=What.CLIENT_HISTORY, purpose=Purpose.DOSSIER
    )
    return person, dossier


def test_each_row_names_the_readers_roles_and_team(client, dpo, social_worker, scene):
    person, _dossier = scene
    client.force_login(dpo)

    page = client.get(f"/toegangslog/{person.pk}/").content.decode()

    assert "Rol en team (nu)" in page
    assert f"Maatschappelijk werker · {social_worker.team.name}" in page


def test_a_break_the_glass_read_carries_a_label(client, dpo, other_team_worker, scene):
    from casework.dossiers.services import break_glass

    person, dossier = scene
    break_glass(actor=other_team_worker, dossier=dossier, reason="collega ziek, dringende vraag")
    client.force_login(dpo)

    page = client.get(f"/toegangslog/{person.pk}/").content.decode()

    row = next(part for part in page.split("<tr") if "collega ziek" in part)
    assert 'class="highlight"' in row and '<strong class="badge badge--warning">noodtoegang</strong>' in row
    assert "draagt het label ‘noodtoegang’" in page


def test_the_team_filter_keeps_the_reads_of_that_team(client, dpo, social_worker, other_team_worker, scene):
    person, _dossier = scene
    client.force_login(dpo)

    page = client.get(f"/toegangslog/{person.pk}/", {"team": other_team_worker.team.code}).content.decode()

    assert f"({other_team_worker.username})" in page
    assert f"({social_worker.username})" not in page


def test_the_what_filter_keeps_that_read_and_not_a_longer_code(client, dpo, social_worker, scene):
    person, _dossier = scene
    access_log_record(
        user=social_worker,
        client_ids=[person.pk],
        what=f"{What.CLIENT_RECORD},{What.HOUSEHOLD}",
        purpose=Purpose.DOSSIER,
    )
    client.force_login(dpo)

    response = client.get(f"/toegangslog/{person.pk}/", {"wat": What.HOUSEHOLD})

    assert response.context["page"].paginator.count == 2  # alone, and second in a list of two
    assert all(What.HOUSEHOLD in entry.what_codes for entry in response.context["entries"])


@pytest.mark.parametrize("query", [{"team": "geen-team"}, {"wat": "<script>"}], ids=["team", "what"])
def test_an_unknown_filter_value_is_shown_and_changes_nothing(client, dpo, scene, query):
    person, _dossier = scene
    client.force_login(dpo)

    response = client.get(f"/toegangslog/{person.pk}/", query)

    assert response.status_code == 200
    assert "Controleer de filters" in response.content.decode()
    assert response.context["page"].paginator.count >= 2


def test_the_export_is_named_after_the_person_and_the_day_in_plain_ascii(client, dpo, scene):
    person, _dossier = scene
    client.force_login(dpo)

    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(f"/toegangslog/{person.pk}/export/", {"export": "pdf"})
    download = client.get(asked["Location"] + "bestand/")

    day = timezone.localdate().isoformat()
    expected = f"toegangslog-dhondt-vandeputte-elodie-{day}.pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_a_team_lead_filters_their_team_and_sees_no_other_client(client, team, scene):
    person, _dossier = scene
    client.force_login(UserFactory(team=team, roles=["team_lead"]))
    assert client.get(f"/toegangslog/{person.pk}/", {"team": team.code}).status_code == 200
    client.force_login(UserFactory(team=TeamFactory(), roles=["team_lead"]))
    assert client.get(f"/toegangslog/{person.pk}/", {"team": team.code}).status_code == 404


def test_the_csv_export_names_the_readers_roles_and_team_in_the_last_columns(
    client, dpo, social_worker, scene
):
    person, _dossier = scene
    client.force_login(dpo)

    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(f"/toegangslog/{person.pk}/export/", {"export": "csv"})
    rows = client.get(asked["Location"] + "bestand/").content.decode("utf-8-sig").splitlines()

    assert rows[0].endswith(";user_roles;user_team")
    assert any(row.endswith(f";Maatschappelijk werker;{social_worker.team.name}") for row in rows)
