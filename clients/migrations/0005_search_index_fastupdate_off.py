from django.db import migrations

# New clients go straight into the trigram index instead of its pending list, which every search would
# otherwise read in full until autovacuum merges it (measured in docs/search-performance.md).
ON = "ALTER INDEX IF EXISTS client_search_text_trgm SET (fastupdate = off)"
OFF = "ALTER INDEX IF EXISTS client_search_text_trgm RESET (fastupdate)"


def run(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("clients", "0004_access_log_append_only")]
    operations = [migrations.RunPython(run(ON), run(OFF))]
