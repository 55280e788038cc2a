"""The ledger's scheduled work (beat schedule in config.settings.base): sealing every minute, partitions
ahead and the export of the chain's heads every night. Each is idempotent and may run twice."""

import logging

from celery import shared_task

from clients import ledger_chain

logger = logging.getLogger(__name__)


@shared_task(name="clients.tasks.access_log_seal")
def access_log_seal() -> int:
    return ledger_chain.access_log_seal()


@shared_task(name="clients.tasks.access_log_partitions", autoretry_for=(Exception,), max_retries=5)
def access_log_partitions() -> int:
    return ledger_chain.access_log_partitions_ensure()


@shared_task(name="clients.tasks.access_log_export_heads", autoretry_for=(Exception,), max_retries=5)
def access_log_export_heads() -> int:
    # Seal first, so that the heads cover the day; verify, so that a break is mailed the night it is found.
    ledger_chain.access_log_seal()
    document = ledger_chain.access_log_export_heads()
    verification = ledger_chain.access_log_verify()
    if not verification.ok:
        logger.error("access log verification failed: %s", verification.first_broken.message)
        ledger_chain.verification_failure_notify(verification)
    return len(document["chains"])


@shared_task(name="clients.tasks.access_log_export")
def access_log_export(export_id: str) -> None:
    """A "who saw my data?" export (PDF or CSV), with its progress in the AccessLogExport row."""
    from clients.services import access_log_export_run

    access_log_export_run(export_id)
