"""API tokens moved from rest_framework.authtoken to django-rest-knox (docs/decisions/0031). The old table kept
every token in plain text and without an end date: drop it, so that no such token outlives the app's removal."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_notification"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
