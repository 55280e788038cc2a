"""Pure rules of the dossier."""


def dossier_number(year: int, serial: int) -> str:
    """2026-00123: the year the dossier was opened and its serial in that year."""
    return f"{year}-{serial:05d}"


# Break-the-glass needs a reason a reader of the access log can judge ("colleague ill, urgent question at the
# counter"), not a single word.
MINIMUM_BREAK_GLASS_REASON = 10
