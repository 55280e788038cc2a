"""Pure rules of the social dossier: legal deadlines, allowed status transitions, what an inquiry misses.
No ORM here, so each rule is tested with a table."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

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


# --- Leefloon (RMI law art. 14, 16; KB 11 July 2002 art. 22-35) ---

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MONTHS = Decimal(12)
SPI_MAXIMUM_YEARS = 3

# Resource kinds of the API contract and how the means test treats them.
NEVER_COUNTED = frozenset({"child_benefit"})  # groeipakket for the children (art. 22 §1 b KB)
COUNTED_ONLY_WHEN_CHOSEN = frozenset({"relative_income"})  # cohabiting relatives in the first degree
EARNED = frozenset({"earned_income"})
RESOURCE_LABELS = {
    "earned_income": "Inkomsten uit arbeid",
    "replacement_income": "Vervangingsinkomen",
    "partner_income": "Inkomsten van de partner",
    "relative_income": "Inkomsten van samenwonende ouders of meerderjarige kinderen",
    "property_income": "Inkomsten uit roerende en onroerende goederen",
    "maintenance_received": "Ontvangen onderhoudsgeld",
    "child_benefit": "Groeipakket voor de kinderen",
    "other": "Andere bestaansmiddelen",
}
CATEGORY_LABELS = {1: "samenwonende", 2: "alleenstaande", 3: "persoon met gezin ten laste"}


class NoRateError(ValueError):
    """No amount of this category is valid on the reference date."""


@dataclass(frozen=True)
class Rate:
    valid_from: date
    category: int
    yearly_amount: Decimal


@dataclass(frozen=True)
class Resource:
    kind: str
    yearly_amount: Decimal
    description: str = ""


@dataclass(frozen=True)
class Line:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class LeefloonResult:
    category: int
    reference_date: date
    rate_valid_from: date
    yearly_rate: Decimal
    monthly_rate: Decimal
    counted_resources: Decimal
    exemptions: Decimal
    yearly_amount: Decimal
    monthly_amount: Decimal
    lines: tuple[Line, ...] = field(default_factory=tuple)


def monthly(yearly: Decimal) -> Decimal:
    """Yearly amount / 12, rounded half-up to the cent (PrimaBook: 7.520,85 / 12 = 626,74)."""
    return (yearly / MONTHS).quantize(CENT, rounding=ROUND_HALF_UP)


def valid_on(rows, reference_date: date, **match):
    """The row with the latest valid_from on or before the reference date (None when there is none)."""
    candidates = [
        row
        for row in rows
        if row.valid_from <= reference_date and all(getattr(row, k) == v for k, v in match.items())
    ]
    return max(candidates, key=lambda row: row.valid_from, default=None)


def spi_applies(started_on: date | None, reference_date: date) -> bool:
    """The SPI exemption runs for at most 3 years from its first application to the person."""
    if started_on is None:
        return True
    try:
        ends = started_on.replace(year=started_on.year + SPI_MAXIMUM_YEARS)
    except ValueError:  # started on 29 February
        ends = started_on.replace(year=started_on.year + SPI_MAXIMUM_YEARS, day=28)
    return reference_date < ends


def leefloon_calculate(
    *,
    category: int,
    reference_date: date,
    rates: list[Rate],
    resources: list[Resource],
    general_exemption: Decimal | None,
    spi_exemption: Decimal | None = None,
    count_relative_income: bool = False,
    cumulate_general_and_spi: bool = False,
) -> LeefloonResult:
    """Leefloon due = category amount − (counted resources − exemptions), never below zero and never above the
    category amount. Every step is a labelled line: the lines become the motivation of the decision.

    `general_exemption` is None when the worker does not apply it; `spi_exemption` is the yearly SPI amount
    when it applies to this person (within its 3 years). The general exemption is not cumulated with the SPI
    exemption unless `cumulate_general_and_spi` (a configurable reading of art. 22 §2 KB, unverified)."""
    rate = valid_on(rates, reference_date, category=category)
    if rate is None:
        raise NoRateError(category, reference_date)
    lines = [
        Line(
            f"Leefloon categorie {category} ({CATEGORY_LABELS[category]}), jaarbedrag geldig vanaf "
            f"{rate.valid_from:%d/%m/%Y}",
            rate.yearly_amount,
        )
    ]
    counted = ZERO
    earned = ZERO
    for resource in resources:
        label = RESOURCE_LABELS.get(resource.kind, resource.kind)
        if resource.description:
            label = f"{label}: {resource.description}"
        is_counted = resource.kind not in NEVER_COUNTED and (
            resource.kind not in COUNTED_ONLY_WHEN_CHOSEN or count_relative_income
        )
        if is_counted:
            counted += resource.yearly_amount
            earned += resource.yearly_amount if resource.kind in EARNED else ZERO
            lines.append(Line(f"{label} (per jaar, meegeteld)", resource.yearly_amount))
        else:
            lines.append(Line(f"{label} (niet meegeteld)", ZERO))
    lines.append(Line("Totaal meegetelde bestaansmiddelen per jaar", counted))

    spi = min(spi_exemption, earned) if spi_exemption is not None and earned > ZERO else ZERO
    general = ZERO
    if general_exemption is not None and (cumulate_general_and_spi or spi == ZERO):
        general = min(general_exemption, counted - spi)
    if spi > ZERO:
        lines.append(Line("Vrijstelling socio-professionele integratie (art. 35 KB)", -spi))
    if general > ZERO:
        lines.append(Line(f"Algemene vrijstelling categorie {category} (art. 22 §2 KB)", -general))
    exemptions = spi + general
    chargeable = max(counted - exemptions, ZERO)
    lines.append(Line("In rekening te brengen bestaansmiddelen per jaar", chargeable))
    yearly_amount = min(max(rate.yearly_amount - chargeable, ZERO), rate.yearly_amount)
    lines.append(Line("Leefloon per jaar", yearly_amount))
    monthly_amount = monthly(yearly_amount)
    lines.append(Line("Leefloon per maand (jaarbedrag / 12, afgerond op de cent)", monthly_amount))
    return LeefloonResult(
        category=category,
        reference_date=reference_date,
        rate_valid_from=rate.valid_from,
        yearly_rate=rate.yearly_amount,
        monthly_rate=monthly(rate.yearly_amount),
        counted_resources=counted,
        exemptions=exemptions,
        yearly_amount=yearly_amount,
        monthly_amount=monthly_amount,
        lines=tuple(lines),
    )


# --- Heating allowance (Sociaal Verwarmingsfonds) ---


@dataclass(frozen=True)
class HeatingBand:
    price_from: Decimal
    allowance_per_litre: Decimal


@dataclass(frozen=True)
class HeatingAllowance:
    amount: Decimal
    litres_counted: Decimal
    allowance_per_litre: Decimal
    lines: tuple[Line, ...]


def heating_allowance_calculate(
    *,
    litres: Decimal,
    price_per_litre: Decimal,
    bands: list[HeatingBand],
    max_litres_per_year: int,
    litres_already_granted: Decimal = ZERO,
    bought_at_pump: bool = False,
    pump_flat_amount: Decimal = ZERO,
) -> HeatingAllowance:
    """Per litre by price band, within the yearly litre cap of the household; fuel bought at the pump gets a
    flat amount instead (no invoice per litre)."""
    if bought_at_pump:
        line = Line("Forfaitaire toelage bij aankoop aan de pomp", pump_flat_amount)
        return HeatingAllowance(pump_flat_amount, ZERO, ZERO, (line,))
    reached = [band for band in bands if band.price_from <= price_per_litre]
    band = max(reached, key=lambda b: b.price_from, default=None)
    per_litre = band.allowance_per_litre if band else ZERO
    room = max(Decimal(max_litres_per_year) - litres_already_granted, ZERO)
    counted = min(litres, room)
    amount = (counted * per_litre).quantize(CENT, rounding=ROUND_HALF_UP)
    lines = (
        Line(f"Geleverde liters ({litres} l aan € {price_per_litre} per liter)", litres),
        Line(f"Liters binnen het jaarmaximum van {max_litres_per_year} l", counted),
        Line(f"Toelage per liter voor deze prijs (€ {per_litre})", per_litre),
        Line("Verwarmingstoelage", amount),
    )
    return HeatingAllowance(amount, counted, per_litre, lines)


# --- Referrals (closed-loop: the partner answers, and the referral ends with its feedback) ---

# The partner's feedback is expected within a month unless the worker agrees another date (journey 4).
REFERRAL_FEEDBACK_DAYS = 30

# One table of allowed moves for a referral. `proposed → declined` is allowed: the client may refuse a
# referral before it is sent, and it must not stay "proposed" (and on the worklist) for ever.
REFERRAL_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "proposed": ("sent", "declined"),
    "sent": ("accepted", "declined"),
    "accepted": ("completed",),
    "declined": (),
    "completed": (),
}
# Which date a move records: the day it was sent, answered by the partner, or completed.
REFERRAL_DATE_FIELDS = {
    "sent": "sent_on",
    "accepted": "answered_on",
    "declined": "answered_on",
    "completed": "completed_on",
}


def referral_feedback_due(referred_on: date) -> date:
    return referred_on + timedelta(days=REFERRAL_FEEDBACK_DAYS)


def referral_transition_allowed(current: str, target: str) -> bool:
    return target in REFERRAL_TRANSITIONS.get(current, ())


# --- Payment plans (budget guidance and debt mediation) ---

# A guard, not a legal limit: a schedule of more than ten years means the instalment is too small to be a
# real plan (and would write thousands of rows); the worker renegotiates the amount instead.
MAX_INSTALMENTS = 120
# A plan is drawn up for payments that start soon; this also keeps every due date a valid calendar date.
PAYMENT_PLAN_MAX_START_DAYS = 366

# proposed → agreed when the client and the creditor both agreed; a proposed plan can be paid off in full
# before the creditor confirms; "defaulted" also ends a proposal the creditor refused (there is no
# separate "refused" status), so that a new plan can be drawn up.
PAYMENT_PLAN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "proposed": ("agreed", "completed", "defaulted"),
    "agreed": ("completed", "defaulted"),
    "defaulted": (),
    "completed": (),
}


class ScheduleError(ValueError):
    """The amounts do not make a payment plan (not positive, not in cents, or too many instalments)."""


@dataclass(frozen=True)
class ScheduledInstalment:
    due_on: date
    amount: Decimal


def payment_plan_transition_allowed(current: str, target: str) -> bool:
    return target in PAYMENT_PLAN_TRANSITIONS.get(current, ())


def monthly_due_date(first_due_on: date, months_later: int) -> date:
    """The same day of the month as the first instalment, capped at the month's last day. Counted from the
    first due date, not from the previous one, so 31 Jan → 28 (29) Feb → 31 Mar."""
    month_index = first_due_on.month - 1 + months_later
    year, month = first_due_on.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return date(year, month, min(first_due_on.day, last_day))


def instalment_schedule(
    *, total: Decimal, instalment_amount: Decimal, first_due_on: date, max_instalments: int = MAX_INSTALMENTS
) -> list[ScheduledInstalment]:
    """Monthly instalments of `instalment_amount` until `total` is paid; the last one is the remainder."""
    for amount in (total, instalment_amount):
        if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= ZERO:
            raise ScheduleError("amounts must be positive Decimals")
        if amount != amount.quantize(CENT):
            raise ScheduleError("amounts are in cents")
    full, remainder = divmod(total, instalment_amount)
    count = int(full) + (1 if remainder else 0)
    if count > max_instalments:
        raise ScheduleError(f"{count} instalments, at most {max_instalments}")
    amounts = [instalment_amount] * int(full) + ([remainder] if remainder else [])
    return [
        ScheduledInstalment(due_on=monthly_due_date(first_due_on, i), amount=amount)
        for i, amount in enumerate(amounts)
    ]
