"""Two database roles (docs/operations.md, decision 0021): the **owner** runs migrations and owns every table;
the **application** role, which web, worker and beat connect as, may change ordinary tables but only INSERT
and SELECT the ledger (its partitions are reached through the parent only), its seals and every history
table (`*historical*`), and TRUNCATE nothing. Triggers refuse UPDATE and DELETE on those tables for every role
(row triggers: Django's test flush, a TRUNCATE by the owner, still works), so that even the owner's change is
a deliberate act: disable the trigger, which the verification of the chain then catches for the ledger."""

import re

from django.db import connections

HISTORY_TABLE_PATTERN = "%historical%"
LEDGER_TABLES = ["clients_accesslog", "clients_accesslogseal"]
PARTITION_FUNCTION = "clients_accesslog_add_partitions(integer)"

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION casework_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _history_tables(connection) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname LIKE %s "
                "ORDER BY c.relname",
                [HISTORY_TABLE_PATTERN],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE %s ORDER BY name",
                [HISTORY_TABLE_PATTERN],
            )
        return [row[0] for row in cursor.fetchall()]


def after_migrate(sender=None, using="default", **kwargs) -> None:
    """After every migrate (post_migrate): tables added since are protected, and granted when the
    application's role exists."""
    connection = connections[using]
    history_tables_protect(connection)
    if connection.vendor == "postgresql" and app_role_exists(connection):
        app_role_grant(connection)


def history_tables_protect(connection) -> list[str]:
    """Give every history table without it the append-only trigger; returns the tables it was given to."""
    qn = connection.ops.quote_name
    protected = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
                "AND t.tgname = 'history_append_only')",
                [HISTORY_TABLE_PATTERN],
            )
            missing = [row[0] for row in cursor.fetchall()]
            if missing:
                cursor.execute(APPEND_ONLY_FUNCTION)
            for table in missing:
                cursor.execute(
                    f"CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON {qn(table)} "
                    "FOR EACH ROW EXECUTE FUNCTION casework_append_only()"
                )
                protected.append(table)
        elif connection.vendor == "sqlite":
            for table in _history_tables(connection):
                for operation in ("UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {qn(table + '_no_' + operation.lower())} "
                        f"BEFORE {operation} ON {qn(table)} "
                        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END"
                    )
                protected.append(table)
    return protected


def app_role_name() -> str:
    from django.conf import settings

    role = settings.DATABASE_APP_ROLE
    if not ROLE_NAME.match(role):
        raise ValueError(f"not a plain role name: {role!r}")
    return role


def app_role_exists(connection, role: str | None = None) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role or app_role_name()])
        return cursor.fetchone() is not None


def app_role_grant(connection, role: str | None = None, *, password: str | None = None) -> list[str]:
    """Create (when missing) and grant the application's role; returns the statements run (for the record).
    Run as the owner of the tables, after every migrate: it is idempotent."""
    if connection.vendor != "postgresql":
        return []
    role = role or app_role_name()
    if not ROLE_NAME.match(role):
        raise ValueError(f"not a plain role name: {role!r}")
    qn = connection.ops.quote_name
    statements = []

    def run(cursor, sql, params=None):
        cursor.execute(sql, params)
        statements.append(sql)

    with connection.cursor() as cursor:
        if not app_role_exists(connection, role):
            if password:
                run(cursor, f"CREATE ROLE {qn(role)} LOGIN PASSWORD %s", [password])
            else:
                run(cursor, f"CREATE ROLE {qn(role)} LOGIN")
        elif password:
            run(cursor, f"ALTER ROLE {qn(role)} LOGIN PASSWORD %s", [password])
        cursor.execute("SELECT current_database(), current_schema()")
        database, schema = cursor.fetchone()
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND (c.relname LIKE %s "
            "OR c.relname = ANY(%s) OR c.relispartition AND c.relname LIKE 'clients\\_accesslog\\_%%')",
            [HISTORY_TABLE_PATTERN, LEDGER_TABLES],
        )
        append_only = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'clients_accesslog'::regclass"
        )
        partitions = [row[0] for row in cursor.fetchall()]
        run(cursor, f"GRANT CONNECT ON DATABASE {qn(database)} TO {qn(role)}")
        run(cursor, f"GRANT USAGE ON SCHEMA {qn(schema)} TO {qn(role)}")
        run(cursor, f"REVOKE ALL ON ALL TABLES IN SCHEMA {qn(schema)} FROM {qn(role)}")
        run(
            cursor, f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {qn(schema)} TO {qn(role)}"
        )
        tables = ", ".join(qn(table) for table in append_only)
        run(cursor, f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {tables} FROM {qn(role)}")
        if partitions:  # reached through the parent only, whose grants apply
            run(cursor, f"REVOKE ALL ON {', '.join(qn(p) for p in partitions)} FROM {qn(role)}")
        run(cursor, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {qn(schema)} TO {qn(role)}")
        cursor.execute("SELECT to_regprocedure(%s) IS NOT NULL", [PARTITION_FUNCTION])
        if cursor.fetchone()[0]:
            run(cursor, f"GRANT EXECUTE ON FUNCTION {PARTITION_FUNCTION} TO {qn(role)}")
    return statements
