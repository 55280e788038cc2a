"""The privacy ledger's rows (issues 10 and 11): one row per request with the ids it showed, codes shown in
the reader's language, every read of personal data logged once, searches limited, and the team lead's view
without the restricted dossiers they are not on."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.dossiers.models import Dossier
from clients.ledger import known_what_codes
from clients.models import AccessLog, HouseholdMember
from tests.factories import ClientFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def rows():
    return list(AccessLog.objects.order_by("id"))


@pytest.fixture
def three_dossiers(team, social_worker):
    return [
        Dossier.objects.create(client=ClientFactory(), team=team, social_worker=social_worker)
        for _ in range(3)
    ]


def test_a_list_page_writes_one_row_with_the_ids_it_showed(api, social_worker, three_dossiers):
    response = api(social_worker).get("/api/v1/dossiers/")

    assert response.status_code == 200 and response.data["count"] == 3
    [entry] = rows()
    assert sorted(entry.subject_ids) == sorted(str(d.client_id) for d in three_dossiers)
    assert sorted(entry.dossier_ids) == sorted(str(d.pk) for d in three_dossiers)
    assert (entry.what, entry.purpose) == ("dossier_list", "caseload")


def test_the_web_caseload_writes_one_insert_for_the_page(client, social_worker, three_dossiers):
    client.force_login(social_worker)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    inserts = [q for q in captured.captured_queries if 'INSERT INTO "clients_accesslog"' in q["sql"]]
    assert len(inserts) <= 1
    assert len(rows()) == len(inserts)


def test_a_dossier_read_stores_the_dossier_id_never_its_reference(api, social_worker, dossier):
    assert api(social_worker).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200

    [entry] = rows()
    assert entry.dossier_ids == [str(dossier.pk)] and entry.purpose == "dossier"
    stored = " ".join([entry.what, entry.purpose, entry.purpose_text, entry.query])
    assert dossier.reference not in stored


def test_a_search_is_one_row_with_the_query_and_the_ids_shown(api, social_worker):
    peeters = [ClientFactory(last_name="Peeters", first_name=f"Jan{i}") for i in range(3)]
    ClientFactory(last_name="Janssens")

    response = api(social_worker).get("/api/v1/clients/", {"q": "peet", "page_size": 2})

    assert response.status_code == 200 and response.data["count"] == 3
    [entry] = rows()
    shown = [row["id"] for row in response.data["results"]]
    assert entry.subject_ids == shown and set(shown) <= {str(p.pk) for p in peeters}
    assert (entry.what, entry.purpose, entry.query) == ("client_search", "search", "peet")


def test_the_web_search_logs_the_people_it_shows(client, social_worker):
    person = ClientFactory(last_name="Vermeulen")
    client.force_login(social_worker)

    assert "Vermeulen" in client.get("/clienten/", {"q": "vermeu"}).content.decode()

    [entry] = rows()
    assert entry.subject_ids == [str(person.pk)] and entry.query == "vermeu"


@pytest.mark.parametrize("query", ["", "a", " b "])
def test_a_search_needs_two_characters(api, social_worker, query):
    response = api(social_worker).get("/api/v1/clients/", {"q": query})

    assert response.status_code == 400
    assert response.data["q"] == ["Geef minstens twee tekens in om te zoeken."]
    assert not rows()


def test_the_search_has_its_own_rate(api, social_worker, settings):
    settings.CLIENT_SEARCH_THROTTLE_RATE = "3/minute"
    searcher = api(UserFactory(username="curieus", team=social_worker.team, roles=["social_worker"]))

    answers = [searcher.get("/api/v1/clients/", {"q": "peeters"}).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    # Other reads are not counted against it.
    assert searcher.get("/api/v1/dossiers/").status_code == 200


def test_registration_shows_the_identity_and_possible_duplicates_in_one_row(api, social_worker):
    known = ClientFactory(first_name="Jan", last_name="Peeters", birth_date=date(1980, 5, 17))
    body = {"first_name": "Jan", "last_name": "Peeters", "birth_date": "1980-05-17"}

    response = api(social_worker).post("/api/v1/clients/", body, format="json")

    assert response.status_code == 201
    [entry] = rows()
    assert set(entry.subject_ids) == {str(known.pk), response.data["id"]}
    assert entry.what == "possible_duplicates,client_registered"


def test_the_dossier_open_form_logs_the_identity_it_shows(client, social_worker):
    person = ClientFactory(last_name="Wouters")
    client.force_login(social_worker)

    assert "Wouters" in client.get("/dossiers/nieuw/", {"client": str(person.pk)}).content.decode()

    [entry] = rows()
    assert (entry.subject_ids, entry.what, entry.purpose) == (
        [str(person.pk)],
        "client_identity",
        "dossier_open",
    )


def test_household_members_names_are_a_read_of_each_member(api, social_worker, dossier):
    member = ClientFactory(first_name="Lotte")
    HouseholdMember.objects.create(
        client=dossier.client, member=member, relation="child", from_date=date(2020, 1, 1)
    )

    response = api(social_worker).get(f"/api/v1/clients/{dossier.client_id}/household/")

    assert response.status_code == 200
    [entry] = rows()
    assert entry.subject_ids == [str(dossier.client_id), str(member.pk)]


def test_the_log_shows_codes_in_the_readers_language(api, social_worker, dossier):
    api(social_worker).get(f"/api/v1/dossiers/{dossier.pk}/")
    dpo = api(UserFactory(username="pieter", team=None, roles=["dpo"]))

    dutch = dpo.get(f"/api/v1/clients/{dossier.client_id}/access-log/", HTTP_ACCEPT_LANGUAGE="nl")
    english = dpo.get(f"/api/v1/clients/{dossier.client_id}/access-log/", HTTP_ACCEPT_LANGUAGE="en")

    entry = dutch.data["results"][0]
    assert (entry["what"], entry["purpose"], entry["what_code"]) == (
        "dossier",
        f"werk in dossier {dossier.reference}",
        "dossier",
    )
    assert entry["sealed"] is False
    english_entry = english.data["results"][-1]  # after the DPO's own first read
    assert english_entry["purpose"] == f"work on case {dossier.reference}"


def test_every_code_written_has_a_label():
    source = " ".join(
        path.read_text() for path in (ROOT / "casework").rglob("*.py") if "migrations" not in str(path)
    )
    written = set(re.findall(r'what(?::\s*str)?\s*=\s*"([a-z_]+)"', source))
    written |= set(re.findall(r'_plan_dossier\(request, dossier_id, "([a-z_]+)"\)', source))
    assert written and written <= known_what_codes()


# --- A restricted dossier's ledger entries (issue 10, the first leak) ---


@pytest.fixture
def client_with_restricted_dossier(team, other_team, social_worker):
    """Client Z: a closed dossier in team "centrum" and a restricted dossier in team "noord"."""
    person = ClientFactory(last_name="Zeger")
    Dossier.objects.create(
        client=person, team=team, social_worker=social_worker, status="closed", closed_on=date.today()
    )
    listed = UserFactory(username="q7-listed", team=other_team, roles=["social_worker"])
    restricted = Dossier.objects.create(client=person, team=other_team, social_worker=listed, restricted=True)
    restricted.restricted_to.set([listed])
    return person, restricted, listed


def test_a_team_lead_does_not_see_the_entries_of_a_restricted_dossier_they_are_not_on(
    api, client, team, client_with_restricted_dossier
):
    person, restricted, listed = client_with_restricted_dossier
    assert api(listed).get(f"/api/v1/dossiers/{restricted.pk}/").status_code == 200
    lead = UserFactory(username="leider", team=team, roles=["team_lead"])

    response = api(lead).get(f"/api/v1/clients/{person.pk}/access-log/")

    assert response.status_code == 200
    assert [entry["user"] for entry in response.data["results"]] == []
    client.force_login(lead)
    assert "q7-listed" not in client.get(f"/toegangslog/{person.pk}/").content.decode()


@pytest.mark.parametrize("role", ["dpo", "head_of_service"])
def test_the_dpo_and_the_head_of_service_see_every_entry(api, role, client_with_restricted_dossier):
    person, restricted, listed = client_with_restricted_dossier
    api(listed).get(f"/api/v1/dossiers/{restricted.pk}/")

    response = api(UserFactory(username=f"alle-{role}", team=None, roles=[role])).get(
        f"/api/v1/clients/{person.pk}/access-log/"
    )

    assert "q7-listed" in [entry["user"] for entry in response.data["results"]]
    assert {"count", "next", "previous", "results"} <= set(response.data)  # still paginated


def test_the_access_log_csv_cannot_carry_a_formula(client, dossier, other_team_worker):
    from casework.dossiers.services import break_glass

    break_glass(actor=other_team_worker, dossier=dossier, reason='=HYPERLINK("http://x.example","klik hier")')
    client.force_login(UserFactory(username="pieter", team=None, roles=["dpo"]))

    from tests.casework.test_views import _export

    text = _export(client, dossier.client_id, "csv").content.decode("utf-8-sig")

    assert "=HYPERLINK" in text
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for line in text.splitlines() for cell in line.split(";")
    )


# --- The DPO's report of unusual volumes (issue 10) ---


def test_the_dpo_report_flags_other_teams_dossiers_and_many_searches(
    api, client, settings, team, other_team, social_worker
):
    settings.ACCESS_LOG_UNUSUAL_OTHER_TEAM_DOSSIERS = 1
    settings.ACCESS_LOG_UNUSUAL_SEARCHES = 2
    theirs = [Dossier.objects.create(client=ClientFactory(), team=other_team) for _ in range(2)]
    ours = Dossier.objects.create(client=ClientFactory(), team=team)
    counter = UserFactory(username="balie", team=team, roles=["intake_officer"])
    for dossier in [*theirs, ours]:
        assert api(counter).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
    for _ in range(3):
        api(social_worker).get("/api/v1/clients/", {"q": "peeters"})
    api(social_worker).get(f"/api/v1/dossiers/{ours.pk}/")  # own team: not counted
    client.force_login(UserFactory(username="pieter", team=None, roles=["dpo"]))

    page = client.get("/toegangslog/ongewone-volumes/").content.decode()
    csv = (
        client.get("/toegangslog/ongewone-volumes/", {"export": "csv"})
        .content.decode("utf-8-sig")
        .splitlines()
    )

    assert "balie" in page and "sofie" in page
    assert csv[0] == "day;user;user_name;other_team_dossiers;searches"
    rows = {line.split(";")[1]: line.split(";")[3:] for line in csv[1:]}
    assert rows == {"balie": ["2", "0"], "sofie": ["0", "3"]}
    client.force_login(social_worker)
    assert client.get("/toegangslog/ongewone-volumes/").status_code == 403


# --- In the same transaction as the request's other writes (issue 11) ---


@pytest.mark.django_db(transaction=True)
def test_a_change_and_its_ledger_row_commit_together(api, team, monkeypatch):
    from casework.contacts.models import Contact
    from clients.ledger import RequestLedger

    worker = UserFactory(username="sofie", team=team, roles=["social_worker"])
    dossier = Dossier.objects.create(client=ClientFactory(), team=team, social_worker=worker)
    body = {"dossier": str(dossier.pk), "channel": "office", "summary": "Gesprek aan de balie"}

    assert api(worker).post("/api/v1/contacts/", body, format="json").status_code == 201
    [entry] = rows()
    assert entry.what == "contact_register" and Contact.objects.count() == 1

    def ledger_unavailable(self):
        raise RuntimeError("the ledger cannot be written")

    monkeypatch.setattr(RequestLedger, "flush", ledger_unavailable)
    with pytest.raises(RuntimeError):
        api(worker).post("/api/v1/contacts/", body, format="json")
    # No change stands whose reads the ledger does not know.
    assert Contact.objects.count() == 1 and len(rows()) == 1


@pytest.mark.django_db(transaction=True)
def test_a_read_commits_its_row_without_waiting_for_the_disk_and_a_change_waits(api, social_worker, team):
    """A GET's row is committed with synchronous_commit off, for that transaction only (ADR 0073); a request
    that changes data commits its row with the change, durably. Both rows are there once the answer is out."""
    dossier = Dossier.objects.create(client=ClientFactory(), team=team, social_worker=social_worker)
    caller = api(social_worker)

    with CaptureQueriesContext(connection) as read:
        assert caller.get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
    with CaptureQueriesContext(connection) as change:
        body = {"dossier": str(dossier.pk), "channel": "phone", "summary": "Belde over de huur."}
        assert caller.post("/api/v1/contacts/", body, format="json").status_code == 201

    asynchronous = [q["sql"] for q in read.captured_queries if "synchronous_commit" in q["sql"]]
    assert asynchronous == ["SET LOCAL synchronous_commit = off"]
    assert not any("synchronous_commit" in q["sql"] for q in change.captured_queries)
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # LOCAL: the connection's next transactions wait again
    assert [entry.what for entry in rows()] == ["dossier", "contact_register"]
