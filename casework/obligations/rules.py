"""Every legal clock of the service as pure functions: a due date from the fact that starts the term, counted
in calendar days (or months) as the law counts them, and moved to the next working day only for the kinds
whose term the Judicial Code moves (art. 53 Ger.W.: a procedural term ending on a Saturday, Sunday or public
holiday ends on the next working day). Administrative terms of the RMI law are not moved (decision 0080).

No ORM here: the holidays come in as a set of dates (the PublicHoliday table), the parameters as arguments."""

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta


class Kind:
    """The obligation kinds; the first eight are the API contract's (shared/api.md, Worklist)."""

    DECISION_DUE = "decision_due"
    NOTIFICATION_DUE = "notification_due"
    GPMI_CONCLUSION_DUE = "gpmi_conclusion_due"
    GPMI_EVALUATION_DUE = "gpmi_evaluation_due"
    ANNUAL_REVIEW_DUE = "annual_review_due"
    MONITORING_DUE = "monitoring_due"
    HEARING_DUE = "hearing_due"
    REFERRAL_FEEDBACK_DUE = "referral_feedback_due"
    FORWARD_DUE = "forward_due"
    AGENDA_PUBLICATION_DUE = "agenda_publication_due"
    APPEAL_WINDOW_END = "appeal_window_end"
    RATIFICATION_DUE = "ratification_due"
    INSTALMENT_DUE = "instalment_due"
    HEATING_ALLOWANCE_APPLICATION_DUE = "heating_allowance_application_due"


@dataclass(frozen=True)
class Term:
    """A term after (or, negative, before) its starting fact: `days` calendar days or `months` months.
    `moves_to_working_day`: the documented default of art. 53 Ger.W. for this kind (decision 0080)."""

    days: int = 0
    months: int = 0
    moves_to_working_day: bool = False


# The default terms. A kind without a fixed term (monitoring cadence, GPMI evaluation interval,
# ratification at the next meeting) has its date computed by its own rule below or given by its app,
# and is listed for the working-day default only.
TERMS: dict[str, Term] = {
    # RMI law 26 May 2002 art. 21 §1: decide within 30 days of the application (administrative: not moved).
    Kind.DECISION_DUE: Term(days=30),
    # Art. 58 §3 OCMW law / KB 11 July 2002: forward a request for another OCMW within 5 calendar days.
    Kind.FORWARD_DUE: Term(days=5),
    # Art. 21 §3 RMI law: notify within 8 days of the decision.
    Kind.NOTIFICATION_DUE: Term(days=8),
    # The committee's rules of procedure: the agenda leaves 8 days before the meeting (a term counted
    # backwards: never moved, a later day would be too late).
    Kind.AGENDA_PUBLICATION_DUE: Term(days=-8),
    # Art. 47 RMI law: appeal to the labour court within 3 months of notification; a procedural term of the
    # Judicial Code, so art. 53 moves its end to the next working day.
    Kind.APPEAL_WINDOW_END: Term(months=3, moves_to_working_day=True),
    # Art. 21 §1 RMI law and KB art. 22: the leefloon is reviewed at least once a year.
    Kind.ANNUAL_REVIEW_DUE: Term(months=12),
    # Art. 11 §1 RMI law: the GPMI is concluded within 3 months of the grant.
    Kind.GPMI_CONCLUSION_DUE: Term(months=3),
    Kind.GPMI_EVALUATION_DUE: Term(),
    Kind.MONITORING_DUE: Term(),
    Kind.RATIFICATION_DUE: Term(),
    # Closed-loop referral: the partner's feedback is expected within this many days (a service practice).
    Kind.REFERRAL_FEEDBACK_DUE: Term(days=30),
    # A written request to be heard is scheduled before the committee decides; at the latest this many days.
    Kind.HEARING_DUE: Term(days=15),
    # An instalment of a payment plan: due on its date; a payment cannot reach an account on a bank holiday,
    # so the plan's practice moves it to the next working day.
    Kind.INSTALMENT_DUE: Term(moves_to_working_day=True),
    # Sociaal Verwarmingsfonds (KB 2022, decision 0065): the application within 60 days of the delivery;
    # the client's administrative term, not moved.
    Kind.HEATING_ALLOWANCE_APPLICATION_DUE: Term(days=60),
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); a day the target month lacks becomes its last day (31 August
    + 3 months = 30 November; 30 November 2027 + 3 months = 29 February 2028)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: date, holidays: Collection[date]) -> date:
    """The day itself when it is a working day, else the first working day after it (art. 53 Ger.W.)."""
    while not is_working_day(day, holidays):
        day += timedelta(days=1)
    return day


def term_end(start: date, term: Term, *, holidays: Collection[date] = (), moves: bool | None = None) -> date:
    """The last day of `term` counted from `start` (the day of the fact is not counted: 30 days after 1 March
    is 31 March). `moves` overrides the term's own default (a setting per kind)."""
    end = add_months(start, term.months) + timedelta(days=term.days)
    if term.moves_to_working_day if moves is None else moves:
        end = next_working_day(end, holidays)
    return end


def due_on(
    kind: str,
    start: date,
    *,
    holidays: Collection[date] = (),
    moves: dict[str, bool] | None = None,
    days: dict[str, int] | None = None,
) -> date:
    """The due date of a kind with a fixed term, from its starting fact. `moves` and `days` are the settings
    that override a kind's working-day rule or its number of days (OBLIGATION_TERM_MOVES / _DAYS)."""
    term = TERMS[kind]
    if days and kind in days:
        term = Term(days=days[kind], months=0, moves_to_working_day=term.moves_to_working_day)
    return term_end(start, term, holidays=holidays, moves=(moves or {}).get(kind))


def decision_due(received_on: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.DECISION_DUE, received_on, holidays=holidays)


def forward_due(received_on: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.FORWARD_DUE, received_on, holidays=holidays)


def notification_due(decided_on: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.NOTIFICATION_DUE, decided_on, holidays=holidays)


def agenda_publication_due(meeting_date: date, days_before: int = 8) -> date:
    return meeting_date - timedelta(days=days_before)


def appeal_window_end(notified_on: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.APPEAL_WINDOW_END, notified_on, holidays=holidays)


def ratification_due(next_meeting_date: date) -> date:
    """An urgent decision of the chair is ratified at the committee's next meeting."""
    return next_meeting_date


def annual_review_due(granted_from: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.ANNUAL_REVIEW_DUE, granted_from, holidays=holidays)


def gpmi_conclusion_due(leefloon_granted_on: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.GPMI_CONCLUSION_DUE, leefloon_granted_on, holidays=holidays)


def gpmi_evaluation_due(last: date, per_year: int = 3) -> date:
    """At least `per_year` evaluations a year (domain §4, default 3): 12 / per_year months after the last
    one (signature or evaluation), in days when the year does not divide evenly."""
    if 12 % per_year == 0:
        return add_months(last, 12 // per_year)
    return last + timedelta(days=365 // per_year)


def monitoring_due(since: date, interval_days: int) -> date:
    """The coach's next contact: the last contact (or the start of the phase) plus the cadence's interval."""
    return since + timedelta(days=interval_days)


def referral_feedback_due(proposed_on: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.REFERRAL_FEEDBACK_DUE, proposed_on, holidays=holidays)


def hearing_due(requested_on: date, next_meeting_date: date | None = None) -> date:
    """A written request to be heard is scheduled: at the latest 15 days after it, or before the committee
    meeting that decides, whichever comes first."""
    latest = due_on(Kind.HEARING_DUE, requested_on)
    return (
        min(latest, next_meeting_date) if next_meeting_date and next_meeting_date >= requested_on else latest
    )


def instalment_overdue_on(due: date, holidays: Collection[date] = ()) -> date:
    """The last day an instalment is on time: its date, moved past a weekend or bank holiday."""
    return term_end(due, TERMS[Kind.INSTALMENT_DUE], holidays=holidays)


def heating_allowance_application_due(delivered_on: date, holidays: Collection[date] = ()) -> date:
    return due_on(Kind.HEATING_ALLOWANCE_APPLICATION_DUE, delivered_on, holidays=holidays)


# --- Belgian public holidays (the ten legal holidays, wet 4 januari 1974) ---


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    week = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * week) // 451
    month, day = divmod(h + week - 7 * m + 114, 31)
    return date(year, month, day + 1)


def belgian_public_holidays(year: int) -> list[tuple[date, str]]:
    easter = easter_sunday(year)
    return sorted(
        [
            (date(year, 1, 1), "Nieuwjaar"),
            (easter + timedelta(days=1), "Paasmaandag"),
            (date(year, 5, 1), "Feest van de Arbeid"),
            (easter + timedelta(days=39), "Onze-Lieve-Heer-Hemelvaart"),
            (easter + timedelta(days=50), "Pinkstermaandag"),
            (date(year, 7, 21), "Nationale feestdag"),
            (date(year, 8, 15), "Onze-Lieve-Vrouw-Hemelvaart"),
            (date(year, 11, 1), "Allerheiligen"),
            (date(year, 11, 11), "Wapenstilstand"),
            (date(year, 12, 25), "Kerstmis"),
        ]
    )


# --- The worklist's order and the reminders ---


def urgency(due: date, today: date) -> str:
    """ "overdue", "this_week" (due within 7 days), or "later": the three groups of "Mijn werk"."""
    if due < today:
        return "overdue"
    if due <= today + timedelta(days=7):
        return "this_week"
    return "later"


def reminder_stage(due: date, today: date, lead_days: int) -> str | None:
    """Which reminder an open obligation calls for today: "before" (within the lead time before its last day),
    "overdue" (from the day after its last day: the responsible person, and the team lead as an escalation),
    or None (nothing yet)."""
    if today > due:
        return "overdue"
    if today >= due - timedelta(days=lead_days):
        return "before"
    return None
