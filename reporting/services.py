"""Reporting's only writes: its own export rows (architecture: reporting writes nothing of the other apps)."""

import datetime
import io

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clients.ledger import access_log_record
from core.errors import DomainError
from core.exports import csv_for_excel, neutralise_cell
from core.outbox import enqueue
from reporting import policy
from reporting.exports import table_of
from reporting.models import ExportFormat, ExportKind, ExportStatus, ReportExport

EXPORT_PROGRESS_STEP = 500
# The ledger's codes for an export of a list (registered in ReportingConfig.ready).
EXPORT_PURPOSE = "report_export"
MAX_EXPORT_DAYS = 3 * 366


@transaction.atomic
def report_export_request(
    *, actor, kind: str, date_from: datetime.date, date_to: datetime.date, export_format: str, team_code=None
) -> ReportExport:
    """Ask for an export; a Celery task makes it (enqueued in this transaction, core.outbox)."""
    team = policy.figures_team(actor, team_code)
    if kind not in ExportKind.values:
        raise DomainError(_("Kies een soort export."), field="kind")
    if export_format not in ExportFormat.values:
        raise DomainError(_("Kies CSV of XLSX."), field="format")
    if date_to < date_from:
        raise DomainError(_("De einddatum ligt voor de begindatum."), field="to")
    if (date_to - date_from).days > MAX_EXPORT_DAYS:
        raise DomainError(_("Kies een periode van hoogstens drie jaar."), field="to")
    export = ReportExport.objects.create(
        requested_by=actor, kind=kind, format=export_format, date_from=date_from, date_to=date_to, team=team
    )
    enqueue("reporting.tasks.report_export", str(export.pk))
    return export


def _cells(table, rows, export):
    """The rows as cells, saving the progress every EXPORT_PROGRESS_STEP rows."""
    for number, row in enumerate(rows, start=1):
        yield table.to_row(row)
        if number % EXPORT_PROGRESS_STEP == 0:
            export.done = number
            export.save(update_fields=["done"])


def _xlsx(header, cells) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Export"))
    sheet.append([str(cell) for cell in header])
    for row in cells:
        # Numbers stay numbers; text is neutralised like the CSV's (a spreadsheet runs no formula of ours).
        sheet.append([cell if isinstance(cell, int | float) else neutralise_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_export_run(export_id) -> None:
    """Make the export. Idempotent: a finished one is left alone; a failed run leaves the row failed."""
    export = ReportExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.status == ExportStatus.DONE:
        return
    try:
        table = table_of(export, timezone.localdate())
        rows = table.rows
        export.status, export.total, export.done = (
            ExportStatus.RUNNING,
            len(rows) if isinstance(rows, list) else rows.count(),
            0,
        )
        export.save(update_fields=["status", "total", "done"])
        if table.personal:
            rows = list(rows.iterator(chunk_size=2000))
        header = [str(cell) for cell in table.header]
        cells = _cells(table, rows, export)
        if export.format == ExportFormat.CSV:
            export.content = csv_for_excel(header, cells).encode("utf-8")
        else:
            export.content = _xlsx(header, cells)
        if table.personal:
            _log_export(export, rows)
        export.done, export.status, export.finished_at = export.total, ExportStatus.DONE, timezone.now()
        export.save(update_fields=["content", "done", "status", "finished_at"])
    except Exception:
        ReportExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        raise


def _log_export(export, rows) -> None:
    """One access-log row per export of a list: the persons and dossiers it held, and what it was."""
    client_key = next((key for key in (rows[0] if rows else {}) if key.endswith("dossier__client_id")), None)
    dossier_key = next((key for key in (rows[0] if rows else {}) if key.endswith("dossier_id")), None)
    if client_key is None:
        return
    access_log_record(
        user=export.requested_by,
        client_ids=list(dict.fromkeys(row[client_key] for row in rows)),
        dossier_ids=list(dict.fromkeys(row[dossier_key] for row in rows)),
        what=f"{EXPORT_PURPOSE}_{export.kind}",
        purpose=EXPORT_PURPOSE,
        purpose_text=(
            f"{export.get_kind_display()} {export.date_from:%d/%m/%Y}–{export.date_to:%d/%m/%Y}"
            f" ({export.team.name if export.team else _('alle teams')}, {len(rows)} rijen, {export.format})"
        ),
    )


def report_exports_cleanup(*, now=None) -> int:
    """Delete the exports older than REPORTING_EXPORT_RETENTION_HOURS; returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.REPORTING_EXPORT_RETENTION_HOURS)
    deleted, _by_model = ReportExport.objects.filter(created_at__lt=cutoff).delete()
    return deleted
