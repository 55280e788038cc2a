from importlib import import_module
from io import StringIO

from django.apps import apps
from django.core.management.base import BaseCommand, OutputWrapper
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, logins, second_factor_logins


class Command(BaseCommand):
    help = "Load a small, realistic demo organisation (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        # Each app seeds its own demo data in its `demo.py`, in INSTALLED_APPS order, so that this command in
        # the most upstream app never imports a higher app: dependencies run one way, and an app added later
        # brings its own demo.py. One transaction: a failing step leaves no half-seeded organisation. The
        # apps' reports are printed after the commit, so that a closed output pipe cannot undo the seeding.
        report = StringIO()
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                if module_has_submodule(app_config.module, "demo"):
                    demo = import_module(f"{app_config.name}.demo")
                    if callable(getattr(demo, "seed", None)):
                        demo.seed(OutputWrapper(report))
        self.stdout.write(report.getvalue(), ending="")
        self._print_logins()

    def _print_logins(self) -> None:
        rows = [("username", "name", "role", "team", "second factor"), *logins()]
        widths = [max(len(row[column]) for row in rows) for column in range(5)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows
        ]
        lines.insert(1, "  ".join("-" * width for width in widths))
        self.stdout.write(f"\nDemo logins, password for everyone: {DEMO_PASSWORD}")
        for line in lines:
            self.stdout.write(f"  {line}".rstrip())
        with_code = second_factor_logins()
        if with_code:
            self.stdout.write(
                f"\nSecond factor (TOTP) for {', '.join(with_code)}: after the password, the login asks "
                "for a code.\n"
                f"  Demo TOTP secret: {DEMO_TOTP_SECRET}\n"
                "  Add it to an authenticator app (FreeOTP, Microsoft or Google Authenticator: "
                "'enter a setup key'),\n"
                "  or print the current code with: .venv/bin/python manage.py demo_totp_code"
            )
