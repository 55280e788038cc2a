"""Create the access log's monthly partitions ahead (PostgreSQL; what the beat task does every night)."""

from django.core.management.base import BaseCommand

from clients.ledger_chain import access_log_partitions_ensure


class Command(BaseCommand):
    help = "Create this month's and the next months' partitions of the access log (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--months-ahead", type=int, default=None)

    def handle(self, *args, months_ahead=None, **options):
        self.stdout.write(f"{access_log_partitions_ensure(months_ahead)} partitie(s) aangemaakt")
