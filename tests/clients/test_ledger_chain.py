"""The ledger's hash chain (issue 10, "tamper-evident"): rows are sealed after insert into a chain per month;
a row changed behind the triggers' back, a back-dated row and a chain re-hashed from end to end are each
caught, the first broken link reported by `verify_access_log` and the DPO's screen."""

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from clients.ledger import access_log_about, access_log_record
from clients.ledger_chain import (
    access_log_export_heads,
    access_log_partitions_ensure,
    access_log_seal,
    access_log_verify,
    chain_of,
    database_now,
    link_hash,
)
from clients.models import AccessLog, AccessLogSeal
from tests.factories import ClientFactory, UserFactory


@pytest.fixture
def ledger(db, settings, tmp_path):
    settings.ACCESS_LOG_SEAL_SETTLE_SECONDS = 0
    settings.ACCESS_LOG_HEADS_DIR = str(tmp_path / "heads")
    settings.ACCESS_LOG_HEADS_KEY = "test-heads-key"
    reader = UserFactory(username="sofie", roles=["social_worker"])
    person = ClientFactory()
    for reason in ("eerste", "tweede", "derde"):
        access_log_record(
            user=reader, client_ids=[person.pk], what="dossier", purpose="break_glass", purpose_text=reason
        )
    return reader, person


def behind_the_triggers(sql, params=None):
    """What only the owner can do: statements with the triggers off (session_replication_role)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = origin")


def test_rows_are_sealed_in_a_chain_per_month_and_verify(ledger):
    assert access_log_seal() == 3
    assert access_log_seal() == 0  # idempotent

    links = list(AccessLogSeal.objects.order_by("seq"))
    assert [link.seq for link in links] == [1, 2, 3]
    assert {link.chain for link in links} == {chain_of(database_now())}
    verification = access_log_verify()
    assert verification.ok and verification.chains[0].sealed == 3


def test_the_database_sets_the_time_not_the_client(ledger):
    reader, person = ledger
    entry = AccessLog.objects.first()
    assert abs(entry.accessed_at - database_now()) < timedelta(minutes=1)
    forged = AccessLog(user=reader, subject_ids=[str(person.pk)], what="dossier", purpose="dossier")
    forged.accessed_at = database_now() - timedelta(hours=2)
    with pytest.raises(DatabaseError), transaction.atomic():
        forged.save(force_insert=True)


def test_links_cannot_be_changed_or_deleted(ledger):
    access_log_seal()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogSeal.objects.filter(seq=1).update(hash="0" * 64)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogSeal.objects.filter(seq=1).delete()


def test_a_row_changed_with_the_triggers_off_is_the_first_broken_link(ledger):
    access_log_seal()
    second = AccessLog.objects.order_by("id")[1]
    behind_the_triggers(
        "UPDATE clients_accesslog SET purpose_text = 'niets gebeurd' WHERE id = %s", [second.pk]
    )

    verification = access_log_verify()

    assert not verification.ok
    broken = verification.first_broken
    assert (broken.seq, broken.log_id, broken.reason) == (2, second.pk, "row_changed")
    assert f"rij {second.pk}" in broken.message.lower()
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("verify_access_log", stdout=out, stderr=err)
    assert exit_status.value.code == 1
    assert "Eerste gebroken schakel" in err.getvalue() and str(second.pk) in err.getvalue()


def test_a_deleted_row_is_caught(ledger):
    access_log_seal()
    first = AccessLog.objects.order_by("id").first()
    behind_the_triggers("DELETE FROM clients_accesslog WHERE id = %s", [first.pk])

    assert access_log_verify().first_broken.reason == "row_missing"


def test_a_back_dated_row_is_caught_sealed_or_not(ledger):
    reader, person = ledger
    access_log_seal()
    behind_the_triggers(
        "INSERT INTO clients_accesslog (accessed_at, user_id, subject_ids, what, purpose, purpose_text, "
        "dossier_ids, query) VALUES (clock_timestamp() - interval '20 minutes', %s, %s, 'dossier', "
        "'dossier', '', '[]', '')",
        [reader.pk, json.dumps([str(person.pk)])],
    )
    forged = AccessLog.objects.order_by("-id").first()

    unsealed = access_log_verify()
    assert (unsealed.first_broken.log_id, unsealed.first_broken.reason) == (forged.pk, "unsealed_behind")

    assert access_log_seal() == 1  # the next run seals it (it lies within the look-back)
    sealed = access_log_verify()
    assert (sealed.first_broken.log_id, sealed.first_broken.reason) == (forged.pk, "backdated")


def test_a_rehashed_chain_is_caught_by_the_heads_exported_outside(ledger, settings):
    access_log_seal()
    access_log_export_heads()
    [heads_file] = list(Path(settings.ACCESS_LOG_HEADS_DIR).glob("access-log-heads-*.json"))
    first = AccessLog.objects.order_by("id").first()
    behind_the_triggers("UPDATE clients_accesslog SET purpose_text = 'herschreven' WHERE id = %s", [first.pk])
    # The forger recomputes every link after the change, so the chain is consistent in itself ...
    previous = "0" * 64
    for link in AccessLogSeal.objects.order_by("seq"):
        entry = AccessLog.objects.get(pk=link.log_id)
        previous = link_hash(previous, entry, chain=link.chain, seq=link.seq, horizon=link.horizon)
        behind_the_triggers("UPDATE clients_accesslogseal SET hash = %s WHERE id = %s", [previous, link.pk])
    assert access_log_verify(head_paths=[]).ok

    # ... but not with the head kept outside the database.
    verification = access_log_verify()
    assert verification.heads_checked == 1
    assert verification.first_broken.reason == "head_mismatch" and verification.first_broken.seq == 3
    assert "herschreven" in verification.first_broken.message

    # A heads file changed by hand is refused by its signature.
    document = json.loads(heads_file.read_text())
    document["chains"][0]["hash"] = previous
    heads_file.write_text(json.dumps(document))
    assert access_log_verify().first_broken.reason == "head_signature"


def test_the_heads_are_mailed_to_the_dpo(ledger):
    UserFactory(username="pieter", email="dpo@ocmw.example", team=None, roles=["dpo"])
    access_log_seal()

    document = access_log_export_heads()

    [message] = mail.outbox
    assert message.to == ["dpo@ocmw.example"]
    attached = json.loads(message.attachments[0][1])
    assert attached["chains"] == document["chains"] and attached["signature"] == document["signature"]


def test_unsealed_rows_show_as_such_and_the_dpo_screen_reports_the_first_broken_link(ledger, client):
    reader, person = ledger
    dpo = UserFactory(username="pieter", team=None, roles=["dpo"])
    client.force_login(dpo)
    page = client.get(f"/toegangslog/{person.pk}/").content.decode()
    assert page.count("nog niet verzegeld") == 3

    access_log_seal()
    page = client.get(f"/toegangslog/{person.pk}/").content.decode()
    assert "nog niet verzegeld" not in page  # the DPO's own reads are written after the page is made
    assert "De keten is intact." in client.get("/toegangslog/controle/").content.decode()

    second = AccessLog.objects.order_by("id")[1]
    behind_the_triggers("UPDATE clients_accesslog SET what = 'niets' WHERE id = %s", [second.pk])
    screen = client.get("/toegangslog/controle/").content.decode()
    assert "Eerste gebroken schakel" in screen and f"De inhoud van rij {second.pk} verschilt" in screen
    client.force_login(reader)
    assert client.get("/toegangslog/controle/").status_code == 403


def test_the_log_is_partitioned_by_month_with_partitions_made_ahead(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE relname = 'clients_accesslog'")
        assert cursor.fetchone()[0] == "p"
        before = access_log_partitions_ensure(0)
        created = access_log_partitions_ensure(4)
        cursor.execute("SELECT count(*) FROM pg_inherits WHERE inhparent = 'clients_accesslog'::regclass")
        assert before == 0 and created >= 1 and cursor.fetchone()[0] >= 5
        assert access_log_partitions_ensure(4) == 0


def test_who_saw_my_data_is_answered_by_the_subjects_index(db):
    reader = UserFactory(username="massa")
    person = ClientFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clients_accesslog (user_id, subject_ids, what, purpose) "
            "SELECT %s, jsonb_build_array(gen_random_uuid()::text, gen_random_uuid()::text), 'dossier_list', "
            "'caseload' FROM generate_series(1, 20000)",
            [reader.pk],
        )
        cursor.execute("ANALYZE clients_accesslog")
    access_log_record(user=reader, client_ids=[person.pk], what="dossier", purpose="dossier")
    query = access_log_about(person.pk).order_by("-accessed_at")[:50]
    assert [e.subject_ids for e in query] == [[str(person.pk)]]
    plan = query.explain()
    assert "accesslog_subjects" in plan or "subject_ids_idx" in plan, plan
