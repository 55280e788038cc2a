import time
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import module_has_submodule

from core.scale import ScaleContext, install_functions


class Command(BaseCommand):
    help = (
        "Fill an empty PostgreSQL database with a large, valid, deterministic dataset (Antwerp size at "
        "--scale 1: 50,000 clients, 60,000 dossiers, 2 million contacts, 7.5 million access-log rows)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is Antwerp size; 0.01 for tests")
        parser.add_argument("--seed", type=int, default=2026, help="the same seed gives the same rows")

    def handle(self, *args, scale, seed, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "seed_scale genereert de gegevens in PostgreSQL; SQLite wordt niet ondersteund."
            )
        if not 0 < scale <= 10:
            raise CommandError("--scale ligt tussen 0 en 10.")
        started = time.monotonic()
        # Each app seeds its own tables in its `scale.py`, in INSTALLED_APPS order (as seed_demo does with
        # demo.py): an app added later brings its own. One transaction: a failure leaves nothing behind.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM clients_client)")
            if cursor.fetchone()[0]:
                raise CommandError("seed_scale vult een lege databank; deze bevat al cliënten.")
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                raise CommandError(
                    "seed_scale heeft een superuser nodig (het toegangslog wordt teruggedateerd)."
                )
            # No triggers for this transaction: the foreign-key checks row by row (the generation keeps every
            # reference valid; tests/test_seed_scale.py checks the pages on it) and the access log's clock.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL work_mem = '128MB'")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            ctx = ScaleContext(
                scale=scale, seed=seed, cursor=cursor, stdout=self.stdout, verbose=options["verbosity"] > 1
            )
            install_functions(ctx)
            for app_config in apps.get_app_configs():
                if module_has_submodule(app_config.module, "scale"):
                    module = import_module(f"{app_config.name}.scale")
                    if callable(getattr(module, "seed", None)):
                        self.stdout.write(f"{app_config.label}:")
                        module.seed(ctx)
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")  # (in a test's outer transaction)
            cursor.execute("DISCARD TEMP")  # the plan tables and functions, even when the transaction goes on
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Scale dataset {scale} (seed {seed}) in {time.monotonic() - started:.0f} s.")
