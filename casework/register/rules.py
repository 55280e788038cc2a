"""Pure rules of the register: its deadlines and numbers."""

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
