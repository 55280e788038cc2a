"""Reads of reporting's own rows: an export, for the person who asked it only."""

from core.errors import NotFoundError
from core.ids import uuid_or_404
from reporting.models import ExportStatus, ReportExport


def export_of(*, user, export_id, done: bool = False) -> ReportExport:
    """An export of `user` (anyone else: 404, whatever their role); with done=True, a finished one only."""
    export = ReportExport.objects.filter(pk=uuid_or_404(export_id), requested_by=user).first()
    if export is None or (done and export.status != ExportStatus.DONE):
        raise NotFoundError()
    return export
