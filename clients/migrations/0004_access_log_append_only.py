from django.db import migrations

# The access log is evidence: the database itself refuses to change or delete a row, whatever the
# application (or its admin) tries. Production should also grant the application role INSERT and SELECT only.
POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION clients_accesslog_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'clients_accesslog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER clients_accesslog_append_only BEFORE UPDATE OR DELETE ON clients_accesslog
    FOR EACH ROW EXECUTE FUNCTION clients_accesslog_append_only()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS clients_accesslog_append_only ON clients_accesslog",
    "DROP FUNCTION IF EXISTS clients_accesslog_append_only()",
]
SQLITE = [
    """CREATE TRIGGER clients_accesslog_no_update BEFORE UPDATE ON clients_accesslog
    BEGIN SELECT RAISE(ABORT, 'clients_accesslog is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER clients_accesslog_no_delete BEFORE DELETE ON clients_accesslog
    BEGIN SELECT RAISE(ABORT, 'clients_accesslog is append-only: DELETE refused'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS clients_accesslog_no_update",
    "DROP TRIGGER IF EXISTS clients_accesslog_no_delete",
]


def run(postgresql, sqlite):
    def operation(apps, schema_editor):
        statements = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement, params=None)  # no placeholders: "%" is PL/pgSQL here

    return operation


class Migration(migrations.Migration):
    dependencies = [("clients", "0003_accesslog")]
    operations = [migrations.RunPython(run(POSTGRESQL, SQLITE), run(POSTGRESQL_REVERSE, SQLITE_REVERSE))]
