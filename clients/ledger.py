"""The privacy ledger's one write: who read which data of whom, and why (KSZ minimum security norms). Every
selector that reads personal data calls it; the rows are append-only (migration 0004)."""

from clients.models import AccessLog


def access_log_record(*, user, client_ids, what: str, purpose: str, dossier_id=None) -> None:
    """Write one ledger row per person whose data was read (one query, whatever the number of people)."""
    AccessLog.objects.bulk_create(
        AccessLog(user=user, client_id=client_id, what=what, purpose=purpose[:500], dossier_id=dossier_id)
        for client_id in dict.fromkeys(client_ids)
    )
