"""Pure rules of the social inquiry: what may be written in it and what still blocks the proposal."""

# Kinds for which the social inquiry normally includes a home visit before a proposal.
HOME_VISIT_KINDS = frozenset({"leefloon", "equivalent_leefloon", "financial_aid", "rental_deposit"})

# The structured sections of the social report; the advice (proposal) is written after them.
REPORT_SECTIONS = (
    "situation",
    "household",
    "means",
    "housing",
    "health",
    "work_and_education",
    "problem_analysis",
)
# Facts of the inquiry that happened on a day (a signature, the client told of the right to be heard): never
# a day still to come.
INQUIRY_DATES = ("sworn_statement_on", "authorisation_on", "hearing_right_informed_on")
DOCUMENT_NAME_MAX_LENGTH = 150  # the column's size
KSZ_PURPOSE_MIN_LENGTH = 5


def document_name_problem(name: str) -> str | None:
    """Why a document name cannot be kept (None when it can): empty, too long, or with a NUL character that
    no database column accepts."""
    if not name.strip():
        return "empty"
    if len(name.strip()) > DOCUMENT_NAME_MAX_LENGTH:
        return "too_long"
    if "\x00" in name:
        return "nul"
    return None


def inquiry_missing(
    *,
    kind: str,
    documents_missing: list[str],
    has_home_visit: bool,
    sworn_statement: bool,
    hearing_right_informed: bool,
    report_sections_filled: set[str],
    has_advice: bool,
) -> list[str]:
    """What still blocks the proposal, as codes the UI and the API show (see INQUIRY_MISSING_LABELS)."""
    missing = [f"document:{name}" for name in documents_missing]
    if kind in HOME_VISIT_KINDS and not has_home_visit:
        missing.append("home_visit")
    if not sworn_statement:
        missing.append("sworn_statement")
    if not hearing_right_informed:
        missing.append("hearing_right_informed")
    missing += [f"report:{section}" for section in REPORT_SECTIONS if section not in report_sections_filled]
    if not has_advice:
        missing.append("advice")
    return missing
