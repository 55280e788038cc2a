"""The client's name on the dossier, kept by the database (docs/decisions/0073): a caseload sorts on the
dossier's own columns instead of joining every client. A trigger fills the copy on every write of a dossier
and another carries a change of the name to the person's dossiers; SQLite (the demo) has the same two."""

from django.db import migrations, models

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION casework_dossier_client_name() RETURNS trigger AS $$
    BEGIN
        SELECT last_name, first_name INTO NEW.client_last_name, NEW.client_first_name
        FROM clients_client WHERE id = NEW.client_id;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """CREATE TRIGGER casework_dossier_client_name BEFORE INSERT OR UPDATE ON casework_dossier
    FOR EACH ROW EXECUTE FUNCTION casework_dossier_client_name()""",
    """
    CREATE OR REPLACE FUNCTION casework_client_name_to_dossiers() RETURNS trigger AS $$
    BEGIN
        UPDATE casework_dossier SET client_last_name = NEW.last_name, client_first_name = NEW.first_name
        WHERE client_id = NEW.id;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql
    """,
    """CREATE TRIGGER casework_client_name_to_dossiers AFTER UPDATE OF last_name, first_name ON clients_client
    FOR EACH ROW WHEN (OLD.last_name IS DISTINCT FROM NEW.last_name OR OLD.first_name IS DISTINCT FROM NEW.first_name)
    EXECUTE FUNCTION casework_client_name_to_dossiers()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS casework_client_name_to_dossiers ON clients_client",
    "DROP FUNCTION IF EXISTS casework_client_name_to_dossiers()",
    "DROP TRIGGER IF EXISTS casework_dossier_client_name ON casework_dossier",
    "DROP FUNCTION IF EXISTS casework_dossier_client_name()",
]
# SQLite cannot change NEW in a trigger: it updates the row after the write (triggers do not recurse there).
SQLITE_COPY = """UPDATE casework_dossier SET
        client_last_name = (SELECT last_name FROM clients_client WHERE id = NEW.client_id),
        client_first_name = (SELECT first_name FROM clients_client WHERE id = NEW.client_id)
    WHERE id = NEW.id"""
SQLITE = [
    f"CREATE TRIGGER casework_dossier_client_name_insert AFTER INSERT ON casework_dossier BEGIN {SQLITE_COPY}; END",
    f"CREATE TRIGGER casework_dossier_client_name_update AFTER UPDATE ON casework_dossier BEGIN {SQLITE_COPY}; END",
    """CREATE TRIGGER casework_client_name_to_dossiers AFTER UPDATE OF last_name, first_name ON clients_client
    BEGIN UPDATE casework_dossier SET client_last_name = NEW.last_name, client_first_name = NEW.first_name
    WHERE client_id = NEW.id; END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS casework_client_name_to_dossiers",
    "DROP TRIGGER IF EXISTS casework_dossier_client_name_update",
    "DROP TRIGGER IF EXISTS casework_dossier_client_name_insert",
]
# The copy of the dossiers that exist: one UPDATE, which the new trigger fills.
BACKFILL = "UPDATE casework_dossier SET client_id = client_id"


def run(postgresql, sqlite):
    def operation(apps, schema_editor):
        statements = {"postgresql": postgresql, "sqlite": sqlite}.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement, params=None)  # no placeholders: "%" is PL/pgSQL here

    return operation


class Migration(migrations.Migration):
    dependencies = [("casework", "0017_document_not_applicable"), ("clients", "0008_access_log_export")]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="client_first_name",
            field=models.CharField(default="", editable=False, max_length=100),
        ),
        migrations.AddField(
            model_name="dossier",
            name="client_last_name",
            field=models.CharField(default="", editable=False, max_length=100),
        ),
        migrations.RunPython(
            run(POSTGRESQL + [BACKFILL], SQLITE + [BACKFILL]), run(POSTGRESQL_REVERSE, SQLITE_REVERSE)
        ),
    ]
