"""Pure rules of the social dossier: legal deadlines, allowed status transitions, what an inquiry misses.
No ORM here, so each rule is tested with a table."""

from datetime import date, timedelta

# RMI law of 26 May 2002, art. 21 §1 and KB 11 July 2002: a decision within 30 days of the application;
# a request for another OCMW is forwarded within 5 calendar days.
DECISION_DAYS = 30
FORWARD_DAYS = 5


def decision_due(received_on: date) -> date:
    return received_on + timedelta(days=DECISION_DAYS)


def forward_due(received_on: date) -> date:
    return received_on + timedelta(days=FORWARD_DAYS)


def register_number(year: int, serial: int) -> str:
    return f"{year}/{serial:06d}"


# One table of allowed moves for a request; everything else is refused with the allowed next states.
REQUEST_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "registered": ("in_inquiry", "forwarded", "withdrawn"),
    "in_inquiry": ("proposed", "forwarded", "withdrawn"),
    "proposed": ("decided", "in_inquiry", "withdrawn"),
    "decided": ("notified",),
    "notified": (),
    "forwarded": (),
    "withdrawn": (),
}


def request_transition_allowed(current: str, target: str) -> bool:
    return target in REQUEST_TRANSITIONS.get(current, ())


# Kinds for which the social inquiry normally includes a home visit before a proposal.
HOME_VISIT_KINDS = frozenset({"leefloon", "equivalent_leefloon", "financial_aid", "rental_deposit"})
REPORT_SECTIONS = (
    "situation",
    "household",
    "means",
    "housing",
    "health",
    "work_and_education",
    "problem_analysis",
)


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
