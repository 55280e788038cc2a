"""Reporting's tasks: an export (with its progress in the row) and the hourly removal of old exports (beat
schedule in config.settings.base). Both idempotent."""

from celery import shared_task


@shared_task(
    name="reporting.tasks.report_export",
    acks_late=True,
    autoretry_for=(Exception,),
    max_retries=3,
    retry_backoff=True,
)
def report_export(export_id: str) -> None:
    from reporting.services import report_export_run

    report_export_run(export_id)


@shared_task(name="reporting.tasks.report_exports_cleanup", autoretry_for=(Exception,), max_retries=5)
def report_exports_cleanup() -> int:
    from reporting.services import report_exports_cleanup as cleanup

    return cleanup()
