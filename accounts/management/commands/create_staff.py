from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import staff_upsert
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

    def handle(self, *args, **options):
        try:
            user = staff_upsert(
                username=options["username"],
                password=options["password"],
                roles=options["roles"],
                team_code=options["team"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        team = f" in team {user.team.code}" if user.team else ""
        self.stdout.write(f"{user.username}: {', '.join(user.roles)}{team}")
