"""Pure rules of the committee: the agenda deadline, late items and their 2/3 vote, the notification and
appeal terms, the members' reading window and the frozen snapshot's hash. No ORM: table-tested."""

import calendar
import hashlib
import json
from datetime import date, timedelta
from decimal import Decimal

# RMI law art. 21 §3 / KB 11 July 2002: the decision is notified within 8 days.
NOTIFICATION_DAYS = 8
# Appeal to the labour court within 3 months of the notification (RMI law art. 47).
APPEAL_MONTHS = 3

# What a submission must hold before it may go on an agenda, by what it is.
KINDS_WITH_AMOUNT = {
    "leefloon_grant",
    "leefloon_revision",
    "equivalent_leefloon",
    "financial_aid",
    "rental_deposit",
    "heating_allowance",
    "recovery",
}
# Submissions that do not come from a request (activation's GPMI sanction, a recovery): the hearing must have
# been offered (hoorrecht, RMI law art. 20 and 30).
KINDS_WITHOUT_REQUEST = {"gpmi_sanction", "recovery"}


def agenda_deadline(meeting_date: date, days: int) -> date:
    """The last day the agenda may be sent: `days` (8, or 5 if the rules of procedure say so) before."""
    return meeting_date - timedelta(days=days)


def is_late(on: date, meeting_date: date, days: int) -> bool:
    """An item added (or an agenda published) after the deadline is late: it needs a 2/3 vote."""
    return on > agenda_deadline(meeting_date, days)


def late_vote_carries(in_favour: int, against: int, abstained: int) -> bool:
    """2/3 of the members present in favour (abstentions count as present)."""
    present = in_favour + against + abstained
    return present > 0 and in_favour * 3 >= present * 2


def notification_due(decided_on: date) -> date:
    return decided_on + timedelta(days=NOTIFICATION_DAYS)


def add_working_days(day: date, count: int) -> date:
    """`count` working days (Monday–Friday) after `day`. Public holidays are not counted out (documented in
    decision record 0040): the term then starts a day late, never early."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def notified_on(sent_on: date, method: str, registered_mail_working_days: int) -> date:
    """When the notification counts: for registered mail the third working day after posting (art. 53bis
    Ger.W., a parameter); against receipt or by ordinary letter the day it was handed over or sent."""
    if method == "registered_mail":
        return add_working_days(sent_on, registered_mail_working_days)
    return sent_on


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def appeal_until(notified: date) -> date:
    """The last day of the 3-month appeal term to the labour court."""
    return add_months(notified, APPEAL_MONTHS)


def yearly_review_due(start: date) -> date:
    return add_months(start, 12)


def member_may_read(*, published_on: date | None, meeting_date: date, today: date, days_after: int) -> bool:
    """A member reads the agenda from its publication until `days_after` days after the meeting."""
    return published_on is not None and published_on <= today <= meeting_date + timedelta(days=days_after)


def submission_missing(
    *,
    kind: str,
    has_request: bool,
    proposal: str,
    motivation: str,
    legal_basis: str,
    amount: Decimal | None,
    hearing_offered: bool,
    review_required: bool,
    review_approved: bool,
) -> list[str]:
    """What keeps a submission from the agenda (codes; the service gives their labels)."""
    missing = []
    if not proposal.strip():
        missing.append("proposal")
    if not motivation.strip():
        missing.append("motivation")
    if not legal_basis.strip():
        missing.append("legal_basis")
    if kind in KINDS_WITH_AMOUNT and amount is None:
        missing.append("amount")
    if not has_request and kind in KINDS_WITHOUT_REQUEST and not hearing_offered:
        missing.append("hearing_offered")
    if review_required and not review_approved:
        missing.append("review")
    return missing


def snapshot_hash(snapshot: dict) -> str:
    """sha256 of the snapshot's canonical JSON: the same content gives the same hash on any machine."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def missing_mentions(text: str, mentions: dict[str, tuple[str, ...]]) -> list[str]:
    """The mandatory mentions (code → phrases that must all appear) a letter's text lacks."""
    folded = " ".join(text.split()).casefold()
    return [
        code
        for code, phrases in mentions.items()
        if not all(" ".join(phrase.split()).casefold() in folded for phrase in phrases)
    ]


def initials(name: str) -> str:
    """ "Yasmina El Amrani" → "Y. E. A.": how a member sees the client before the meeting, when the committee
    chose so."""
    return " ".join(f"{part[0].upper()}." for part in name.split() if part)
