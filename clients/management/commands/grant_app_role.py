"""Create (when missing) and grant the database role the application connects as: run by the owner after
every migrate (docker/compose.yaml's migrate step). Idempotent."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from clients.database_roles import app_role_grant, history_tables_protect


class Command(BaseCommand):
    help = (
        "Create and grant the application's database role: INSERT and SELECT only on the access log, its "
        "seals and the history tables; no TRUNCATE anywhere."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", nargs="?", help="Default: the DATABASE_APP_ROLE setting.")
        parser.add_argument(
            "--password-env", help="The environment variable that holds the role's password (set or changed)."
        )
        parser.add_argument("--print", action="store_true", help="Print the statements run.")

    def handle(self, *args, role=None, password_env=None, print=False, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are PostgreSQL's; the SQLite demo has none.")
        password = None
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"{password_env} is empty.")
        history_tables_protect(connection)
        statements = app_role_grant(connection, role, password=password)
        if print:
            for statement in statements:
                self.stdout.write(statement + ";")  # a password is a parameter, never in the text
        self.stdout.write(self.style.SUCCESS(f"{role or 'app role'}: {len(statements)} statements"))
