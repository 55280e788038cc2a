"""The answer to "who saw my data?" as a file: CSV for a spreadsheet, PDF for the person who asked."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from clients.ledger_display import ACCESS_LOG_COLUMNS, access_log_rows
from core.exports import csv_for_excel


def access_log_csv(entries) -> str:
    """Entries as described by clients.ledger_display; typed reasons cannot become formulas in Excel."""
    return csv_for_excel(ACCESS_LOG_COLUMNS, access_log_rows(entries))


def access_log_pdf(*, client, entries, printed_by) -> bytes:
    html = render_to_string(
        "clients/access_log.html",
        {
            "client": client,
            "entries": list(entries),
            "printed_by": printed_by,
            "printed_at": timezone.localtime(),
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )
    return HTML(string=html).write_pdf()
