"""Ledger rows as people read them: codes become labels in the reader's language, dossier ids the dossiers'
current references (one query per page, asked of the app that keeps the dossiers)."""

from django.utils import timezone

from accounts.models import Role
from clients.ledger import purpose_label, what_label
from clients.policy import dossier_access


def entries_described(entries) -> list:
    entries = list(entries)
    dossier_ids = {d for entry in entries for d in entry.dossier_ids}
    references = dossier_access().dossier_references(dossier_ids) if dossier_ids else {}
    for entry in entries:
        entry.what_display = what_label(entry.what)
        entry.purpose_display = purpose_label(entry, references)
        entry.is_break_glass = "break_glass" in entry.what_codes
        entry.reader_roles = reader_roles(entry.user)
        if not hasattr(entry, "sealed"):
            entry.sealed = None
    return entries


def reader_roles(user) -> str:
    """The reader's roles as their names (today's roles: the ledger keeps who read, not their role then)."""
    names = dict(Role.choices)
    return ", ".join(str(names.get(role, role)) for role in user.roles)


# The reader's roles and team came later (issue 12): at the end, so that a sheet reading the columns by
# position still works.
ACCESS_LOG_COLUMNS = [
    "accessed_at",
    "user",
    "user_name",
    "what",
    "purpose",
    "sealed",
    "user_roles",
    "user_team",
]


def access_log_rows(entries) -> list[list[str]]:
    """The rows of a "who saw my data?" export, with local times as people read them."""
    return [
        [
            timezone.localtime(entry.accessed_at).strftime("%d/%m/%Y %H:%M:%S"),
            entry.user.username,
            entry.user.display_name,
            entry.what_display,
            entry.purpose_display,
            "ja" if entry.sealed else "nee",
            entry.reader_roles,
            entry.user.team.name if entry.user.team else "",
        ]
        for entry in entries
    ]
