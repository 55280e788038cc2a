from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from accounts.demo import DEMO_PASSWORD, logins


class Command(BaseCommand):
    help = "Load a realistic demo organisation (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        # Each app seeds its own data in its demo.py, in the order of INSTALLED_APPS, so that this command
        # (in the most upstream app) never imports a higher app: dependencies run one way.
        with transaction.atomic():
            for app in apps.get_app_configs():
                if module_has_submodule(app.module, "demo"):
                    import_module(f"{app.name}.demo").seed(self.stdout)
        self.stdout.write(f"\nDemo logins (wachtwoord voor iedereen: {DEMO_PASSWORD})\n")
        self.stdout.write(f"{'gebruiker':<10} {'naam':<20} {'rol':<34} team")
        for username, name, role, team in logins():
            self.stdout.write(f"{username:<10} {name:<20} {role:<34} {team}")
