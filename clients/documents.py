"""The answer to "who saw my data?" as a file: CSV for a spreadsheet, PDF for the person who asked."""

import csv
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

ACCESS_LOG_COLUMNS = ["accessed_at", "user", "user_name", "what", "purpose"]


def access_log_rows(entries) -> list[list[str]]:
    """The rows of a "who saw my data?" export, with local times as people read them."""
    return [
        [
            timezone.localtime(entry.accessed_at).strftime("%d/%m/%Y %H:%M:%S"),
            entry.user.username,
            entry.user.display_name,
            entry.what,
            entry.purpose,
        ]
        for entry in entries
    ]


def access_log_csv(entries) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Excel in nl-BE expects semicolons
    writer.writerow(ACCESS_LOG_COLUMNS)
    writer.writerows(access_log_rows(entries))
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens UTF-8 names correctly


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
