"""Seal the access log's unsealed rows now (what the beat task does every minute)."""

from django.core.management.base import BaseCommand

from clients.ledger_chain import access_log_seal


class Command(BaseCommand):
    help = "Seal the unsealed rows of the access log into the hash chain now."

    def handle(self, *args, **options):
        self.stdout.write(f"{access_log_seal()} rij(en) verzegeld")
