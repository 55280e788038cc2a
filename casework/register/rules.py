"""Pure rules of the register: its deadlines and numbers."""

from datetime import date

from casework.obligations import rules as clocks

# RMI law of 26 May 2002, art. 21 §1 and KB 11 July 2002: a decision within 30 days of the application;
# a request for another OCMW is forwarded within 5 calendar days. The terms live in the obligations engine.
DECISION_DAYS = clocks.TERMS[clocks.Kind.DECISION_DUE].days
FORWARD_DAYS = clocks.TERMS[clocks.Kind.FORWARD_DUE].days


def decision_due(received_on: date) -> date:
    return clocks.decision_due(received_on)


def forward_due(received_on: date) -> date:
    return clocks.forward_due(received_on)


def register_number(year: int, serial: int) -> str:
    return f"{year}/{serial:06d}"


def received_on_problem(received_on: date, today: date, late_after_days: int) -> str | None:
    """Why a received date cannot be registered as it is: "future"; "too_old" (before the start of the
    previous calendar year: the register of that year is closed); "late" (older than the limit: the register
    is kept on the day of receipt, so a late entry needs a team lead's reason). None when it can."""
    if received_on > today:
        return "future"
    if received_on < date(today.year - 1, 1, 1):
        return "too_old"
    if (today - received_on).days > late_after_days:
        return "late"
    return None
