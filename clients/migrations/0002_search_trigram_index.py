from django.db import migrations

# A GIN trigram index serves the partial name search (LIKE '%fragment%') on PostgreSQL. The zero-setup demo
# on SQLite has no such index and needs none at its size.
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS client_search_text_trgm ON clients_client USING gin (search_text gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS client_search_text_trgm"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]
    operations = [migrations.RunPython(run(CREATE), run(DROP))]
