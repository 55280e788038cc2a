from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Role
from accounts.services import staff_upsert, totp_register
from core.errors import DomainError


class Command(BaseCommand):
    help = "Create or update a staff user (creating the team if needed)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password")
        parser.add_argument("--role", action="append", required=True, choices=Role.values, dest="roles")
        parser.add_argument("--team")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--totp-secret",
            help="Register a confirmed TOTP device with this base32 secret (provisioning and tests); it "
            "replaces the user's earlier authenticator app.",
        )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                user = staff_upsert(
                    username=options["username"],
                    password=options["password"],
                    roles=options["roles"],
                    team_code=options["team"],
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    email=options["email"],
                )
                if options["totp_secret"]:
                    totp_register(user=user, secret_base32=options["totp_secret"])
        except DomainError as error:
            raise CommandError(error.message) from error
        team = f" in team {user.team.code}" if user.team else ""
        second_factor = ", TOTP device registered" if options["totp_secret"] else ""
        self.stdout.write(f"{user.username}: {', '.join(user.roles)}{team}{second_factor}")
