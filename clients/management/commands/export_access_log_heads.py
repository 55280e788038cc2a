"""Export the heads of the ledger's chains now (what the beat task does every night): signed, to
ACCESS_LOG_HEADS_DIR and by mail to the DPO(s)."""

import json

from django.core.management.base import BaseCommand

from clients.ledger_chain import access_log_export_heads, access_log_seal


class Command(BaseCommand):
    help = "Seal, then export the signed heads of the access log's hash chains."

    def handle(self, *args, **options):
        access_log_seal()
        self.stdout.write(json.dumps(access_log_export_heads(), indent=2, sort_keys=True))
