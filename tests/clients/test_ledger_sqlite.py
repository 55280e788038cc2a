"""`make run` stays on SQLite: the ledger's migration, its triggers, one row per read, "who saw my data?" and
the hash chain work there too (a plain table, no partitions). Run in a subprocess on a SQLite file."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from datetime import timedelta
from django.conf import settings
from django.db import DatabaseError, transaction
from accounts.models import User
from clients.ledger import access_log_about, access_log_record
from clients.ledger_chain import access_log_seal, access_log_verify, database_now
from clients.models import AccessLog
settings.ACCESS_LOG_SEAL_SETTLE_SECONDS = 0
reader = User.objects.create(username="sofie")
ids = ["3f1c2d9e-0000-4000-8000-00000000000%d" % i for i in range(3)]
access_log_record(user=reader, client_ids=ids, what="dossier_list", purpose="caseload")
access_log_record(user=reader, client_ids=ids[:1], what="dossier", purpose="dossier")
assert access_log_about(ids[0]).count() == 2 and access_log_about(ids[2]).count() == 1
assert access_log_seal() == 2 and access_log_verify().ok
entry = AccessLog.objects.first()
try:
    with transaction.atomic():
        AccessLog.objects.filter(pk=entry.pk).update(what="x")
    raise SystemExit("update allowed")
except DatabaseError:
    pass
forged = AccessLog(user=reader, subject_ids=ids, what="dossier", purpose="dossier")
forged.accessed_at = database_now() - timedelta(hours=1)
try:
    with transaction.atomic():
        forged.save(force_insert=True)
    raise SystemExit("client time allowed")
except DatabaseError:
    pass
history = reader.history.first()
try:
    with transaction.atomic():
        type(history).objects.filter(pk=history.pk).delete()
    raise SystemExit("history delete allowed")
except DatabaseError:
    pass
print("ledger ok on sqlite")
"""


def test_the_ledger_works_on_the_demos_sqlite(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    } | {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    }

    def manage(*arguments):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )

    migrated = manage("migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    checked = manage("shell", "-c", SCRIPT)
    assert checked.returncode == 0 and "ledger ok on sqlite" in checked.stdout, (
        checked.stdout + checked.stderr
    )
