"""Pure rules of the leefloon means test and the heating allowance. No ORM here, so each rule is tested
with a table."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from core.money import CENT, ZERO

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
