"""Check the ledger's hash chain against its rows and the exported heads; report the first broken link.
Exit status 1 when a link is broken, so that a scheduler or a monitoring check notices."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from clients.ledger_chain import access_log_verify


class Command(BaseCommand):
    help = "Verify the access log's hash chain (and the exported heads); print the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--month", action="append", help="Only this month (YYYY-MM); repeatable.")
        parser.add_argument(
            "--heads",
            action="append",
            help="An exported heads file to compare with (default: every file in ACCESS_LOG_HEADS_DIR).",
        )

    def handle(self, *args, month=None, heads=None, **options):
        try:
            chains = [date.fromisoformat(f"{m}-01") for m in month] if month else None
        except ValueError as error:
            raise CommandError(_("Geef een maand als JJJJ-MM.")) from error
        verification = access_log_verify(chains=chains, head_paths=heads)
        for report in verification.chains:
            self.stdout.write(
                f"{report.chain:%Y-%m}: {report.sealed} verzegeld, {report.pending} nog niet verzegeld, "
                f"{len(report.broken)} gebroken"
            )
        self.stdout.write(
            f"{verification.heads_checked} geëxporteerde koppen vergeleken "
            f"uit {verification.head_files} bestand(en)"
        )
        if verification.ok:
            self.stdout.write(self.style.SUCCESS(_("De keten is intact.")))
            return
        self.stderr.write(
            _("Eerste gebroken schakel: %(message)s") % {"message": verification.first_broken.message}
        )
        for broken in sorted(verification.broken, key=lambda b: b.sort_key())[1:20]:
            self.stderr.write(f"  {broken.message}")
        sys.exit(1)
