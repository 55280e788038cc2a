"""Two database roles (issue 10, "Database roles"): the application connects as a role that may only INSERT
and SELECT the ledger, its seals and every history table; history tables are append-only like the ledger. The
suite runs as the owner; these tests create the application's role and connect as it."""

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction

from clients.database_roles import app_role_grant
from clients.ledger import access_log_record
from clients.models import Client
from tests.factories import ClientFactory, UserFactory

APPEND_ONLY = [
    "clients_accesslog",
    "clients_accesslogseal",
    "clients_historicalclient",
    "casework_historicaldossier",
]


def test_history_rows_cannot_be_changed_or_deleted(db):
    person = ClientFactory()
    record = person.history.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        Client.history.model.objects.filter(pk=record.pk).update(first_name="herschreven")
    with pytest.raises(DatabaseError), transaction.atomic():
        record.delete()


@pytest.fixture
def app_role(transactional_db):
    """The application's role for this test database (roles are the cluster's: one per database)."""
    name = f"app_{connection.settings_dict['NAME']}"[:63].lower()
    app_role_grant(connection, name)
    return name


def connect_as(role):
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=role,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )


def refused(cursor, sql, params=None) -> bool:
    try:
        cursor.execute(sql, params)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


def test_the_application_role_may_only_insert_and_select_the_ledger_and_history(app_role):
    reader = UserFactory(username="sofie")
    person = ClientFactory()
    access_log_record(user=reader, client_ids=[person.pk], what="dossier", purpose="dossier")
    with connect_as(app_role) as app, app.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clients_accesslog (user_id, subject_ids, what, purpose) "
            "VALUES (%s, %s, 'dossier', 'dossier')",
            [reader.pk, f'["{person.pk}"]'],
        )
        cursor.execute("SELECT count(*) FROM clients_accesslog")
        assert cursor.fetchone()[0] == 2
        cursor.execute("SELECT count(*) FROM clients_historicalclient")
        for table in APPEND_ONLY:
            assert refused(cursor, f"UPDATE {table} SET id = id"), table
            assert refused(cursor, f"DELETE FROM {table}"), table
            assert refused(cursor, f"TRUNCATE {table}"), table
        cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'clients_accesslog_2%%' LIMIT 1")
        partition = cursor.fetchone()[0]
        assert refused(cursor, f"SELECT * FROM {partition}")  # only through the parent
        # The seals: sealing runs as this role.
        cursor.execute(
            "INSERT INTO clients_accesslogseal (chain, seq, log_id, horizon, hash) "
            "VALUES (current_date, 1, 1, now(), 'x')"
        )
        # Ordinary tables are the application's to change.
        cursor.execute("UPDATE clients_client SET phone = '' WHERE id = %s", [person.pk])
        assert refused(cursor, "TRUNCATE clients_client")
        # Next month's partition is made by the owner's function, which this role may call.
        cursor.execute("SELECT clients_accesslog_add_partitions(3)")
        assert refused(
            cursor,
            "CREATE TABLE clients_accesslog_2099_01 PARTITION OF clients_accesslog "
            "FOR VALUES FROM ('2099-01-01') TO ('2099-02-01')",
        )


def test_grant_app_role_is_idempotent_and_prints_no_password(app_role, capsys, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("TEST_APP_ROLE_PASSWORD", "geheim-wachtwoord")
    call_command("grant_app_role", app_role, "--password-env", "TEST_APP_ROLE_PASSWORD", "--print")
    call_command("grant_app_role", app_role, "--print")
    assert "geheim-wachtwoord" not in capsys.readouterr().out
