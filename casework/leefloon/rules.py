"""Pure rules of the leefloon means test and the heating allowance. No ORM here, so each rule is tested
with a table.

Sources (decision records 0060-0064): the RMI law of 26 May 2002 (art. 14, 16) and its royal decree of
11 July 2002 ("KB", general regulation, art. 22-35), read where its text was found (etaamb.openjustice.be,
numac 2002022564; the art. 34 §1 sentence in the Belgian translation memory wordscope.be), otherwise from
POD MI's FAQ pages (mi-is.be), PrimaBook (primabook.mi-is.be, "Berekening van de bestaansmiddelen"), the KSZ
data warehouse's description of the SPI variable (ARTICLE35BEN) and a Brussels social workers' guide
(bdas-wwsb, 04/2025). Every amount from a secondary source is a dated row an admin can correct (models.py),
never a constant here.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from core.formats import euro
from core.money import CENT, ZERO

MONTHS = Decimal(12)
HUNDRED = Decimal(100)


# Art. 35 §1 KB: the SPI exemption is granted for 3 years (36 months of use) within a period of 6 years
# that starts on the first day it is granted (KSZ DWH, variable ARTICLE35BEN: "gedurende drie jaar binnen
# een periode van zes jaar die ingaat op de eerste dag waarop de vrijstelling wordt toegekend"; POD MI FAQ).
SPI_MAXIMUM_MONTHS = 36
SPI_PERIOD_YEARS = 6


# Resource kinds of the API contract and how the means test treats them.
# Never counted (art. 22 §1 KB): the groeipakket (b), maintenance received for the children, study grants
# (POD MI FAQ "moet er voor de berekening van het leefloon rekening gehouden worden met de studiebeurs": no).
NEVER_COUNTED = frozenset({"child_benefit", "maintenance_for_children", "study_grant"})


# Cohabiting adult relatives in the first degree (art. 34 §2 KB): only when the worker chooses, with a reason.
COUNTED_ONLY_WHEN_CHOSEN = frozenset({"relative_income"})


EARNED = frozenset({"earned_income"})


RESOURCE_LABELS = {
    "earned_income": "Inkomsten uit arbeid",
    "replacement_income": "Vervangingsinkomen",
    "partner_income": "Inkomsten van de partner",
    "relative_income": "Inkomsten van samenwonende ouders of meerderjarige kinderen",
    "property_income": "Inkomsten uit roerende en onroerende goederen",
    "maintenance_received": "Ontvangen onderhoudsgeld voor de aanvrager",
    "maintenance_for_children": "Ontvangen onderhoudsgeld voor de kinderen",
    "child_benefit": "Groeipakket voor de kinderen",
    "study_grant": "Studiebeurs",
    "capital": "Spaargeld en beleggingen",
    "cadastral_income": "Kadastraal inkomen (niet geïndexeerd)",
    "other": "Andere bestaansmiddelen",
}


CATEGORY_LABELS = {1: "samenwonende", 2: "alleenstaande", 3: "persoon met gezin ten laste"}


class NoRateError(ValueError):
    """No amount of this category is valid on the reference date."""


class MeansInputError(ValueError):
    """Inputs the means test cannot follow (the service turns it into a Dutch error on its field)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Rate:
    valid_from: date
    category: int
    yearly_amount: Decimal


@dataclass(frozen=True)
class MeansParameters:
    """The amounts of art. 25 (immovable property) and art. 27 (movable capital) KB valid on a date. From
    secondary sources (PrimaBook, bdas-wwsb 04/2025): a dated row an admin can correct (decision 0062)."""

    valid_from: date
    capital_exempt_up_to: Decimal  # art. 27: the capital up to this amount counts for nothing (6.200)
    capital_middle_up_to: Decimal  # art. 27: the part above the exempt amount up to this one (12.500) ...
    capital_middle_rate: Decimal  # ... counts at this percentage a year (6)
    capital_top_rate: Decimal  # art. 27: the part above capital_middle_up_to at this percentage (10)
    own_home_exempt: Decimal  # art. 25: own home, exempt part of the cadastral income (750)
    own_home_exempt_per_child: Decimal  # art. 25: plus this per child in care (125)
    cadastral_multiplier: Decimal  # art. 25: the counted cadastral income × this (3)
    other_property_exempt: Decimal  # other built or unbuilt property: exempt part (unverified, 0)
    other_property_multiplier: Decimal  # other built or unbuilt property: × this (unverified, 3)


@dataclass(frozen=True)
class Resource:
    kind: str
    yearly_amount: Decimal  # for `capital` the capital held; for `cadastral_income` the cadastral income
    description: str = ""
    person: str = ""  # relatives (art. 34 §2): a label grouping one relative's resources
    counted_share: Decimal = HUNDRED  # relatives: the percentage of the part above category 1 that counts
    own_home: bool = False  # cadastral income of the home the applicant owns and lives in


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


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def valid_on(rows, reference_date: date, **match):
    """The row with the latest valid_from on or before the reference date (None when there is none)."""
    candidates = [
        row
        for row in rows
        if row.valid_from <= reference_date and all(getattr(row, k) == v for k, v in match.items())
    ]
    return max(candidates, key=lambda row: row.valid_from, default=None)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def spi_applies(first_used_on: date | None, months_used: int, reference_date: date) -> bool:
    """Art. 35 §1 KB: at most 36 months of use within 6 years from the first use (not 3 calendar years).
    Never used before: it applies (this use is the first)."""
    if first_used_on is None:
        return True
    return reference_date < _add_years(first_used_on, SPI_PERIOD_YEARS) and months_used < SPI_MAXIMUM_MONTHS


def partner_counted(partner_total: Decimal, category: int, category_1_amount: Decimal) -> Decimal:
    """Art. 34 §1 KB (the part of the spouse's or partner's resources "dat het bedrag overschrijdt van het
    leefloon bepaald voor de categorie van begunstigden bedoeld bij artikel 14, § 1, 1°"; POD MI FAQ on
    art. 34): category 1, only the part above the category 1 yearly amount; category 3 (the amount covers the
    couple), in full. Category 2 (single) cannot have a partner."""
    if category == 2:
        raise MeansInputError("partner_with_single")
    if category == 1:
        return max(partner_total - category_1_amount, ZERO)
    return partner_total


def relative_counted(relative_total: Decimal, category_1_amount: Decimal, counted_share: Decimal) -> Decimal:
    """Art. 34 §2 KB (POD MI FAQ on art. 34: the OCMW "kan (geheel of gedeeltelijk) rekening houden met de
    inkomsten van de ouders of de kinderen boven het bedrag van categorie 1"): per relative, the part above
    the category 1 yearly amount, times the share (0-100 %) the worker chose and motivated, to the cent."""
    if not ZERO <= counted_share <= HUNDRED:
        raise MeansInputError("counted_share")
    above = max(relative_total - category_1_amount, ZERO)
    return cents(above * counted_share / HUNDRED)


def capital_counted(capital: Decimal, means: MeansParameters) -> tuple[Decimal, Decimal]:
    """Art. 27 KB (PrimaBook; bdas-wwsb): movable capital counts by brackets: nothing up to 6.200 EUR, 6 % of
    the part from 6.200 to 12.500, 10 % of the part above. Returns (middle bracket, top bracket), a year."""
    middle_part = max(min(capital, means.capital_middle_up_to) - means.capital_exempt_up_to, ZERO)
    top_part = max(capital - means.capital_middle_up_to, ZERO)
    return (
        cents(middle_part * means.capital_middle_rate / HUNDRED),
        cents(top_part * means.capital_top_rate / HUNDRED),
    )


def own_home_counted(cadastral_income: Decimal, children_in_care: int, means: MeansParameters) -> Decimal:
    """Art. 25 KB (PrimaBook; bdas-wwsb): the home the applicant owns and lives in: the non-indexed cadastral
    income above 750 EUR plus 125 EUR per child in care, multiplied by 3."""
    exempt = means.own_home_exempt + means.own_home_exempt_per_child * children_in_care
    return max(cadastral_income - exempt, ZERO) * means.cadastral_multiplier


def other_property_counted(cadastral_income: Decimal, means: MeansParameters) -> Decimal:
    """Art. 25 KB, other built and unbuilt property: its text was not found; an unverified dated parameter
    (exempt part and multiplier, default 0 and × 3, as for the home; decision 0062)."""
    return max(cadastral_income - means.other_property_exempt, ZERO) * means.other_property_multiplier


def _percent(share: Decimal) -> str:
    text = str(share.to_integral_value()) if share == share.to_integral_value() else f"{share.normalize():f}"
    return text.replace(".", ",")


def leefloon_calculate(
    *,
    category: int,
    reference_date: date,
    rates: list[Rate],
    resources: list[Resource],
    general_exemption: Decimal | None,
    means: MeansParameters,
    spi_exemption: Decimal | None = None,
    count_relative_income: bool = False,
    cumulate_general_and_spi: bool = True,
    children_in_care: int = 0,
) -> LeefloonResult:
    """Leefloon due = category amount − (counted resources − exemptions), never below zero and never above the
    category amount (art. 16 RMI law). Every step is a labelled line: the lines become the motivation.

    `general_exemption` is None when the worker does not apply it; `spi_exemption` is the yearly SPI amount
    when it applies to this person (within its 36 months in 6 years). The general exemption (art. 22 §2 KB) is
    applied after the SPI exemption (POD MI's SPI page); `cumulate_general_and_spi=False` is the other reading
    (no general exemption once the SPI exemption applies), a setting (decision 0063)."""
    rate = valid_on(rates, reference_date, category=category)
    if rate is None:
        raise NoRateError(category, reference_date)
    category_1 = valid_on(rates, reference_date, category=1)
    lines = [
        Line(
            f"Leefloon categorie {category} ({CATEGORY_LABELS[category]}), jaarbedrag geldig vanaf "
            f"{rate.valid_from:%d/%m/%Y}",
            rate.yearly_amount,
        )
    ]
    counted = ZERO
    earned = ZERO
    partner = ZERO
    has_partner = False
    relatives: dict[str, list[Resource]] = {}
    capital = ZERO
    has_capital = False
    own_home = ZERO
    has_own_home = False
    for resource in resources:
        label = RESOURCE_LABELS.get(resource.kind, resource.kind)
        if resource.kind == "cadastral_income" and resource.own_home:
            label = "Kadastraal inkomen van de eigen woning (niet geïndexeerd)"
        if resource.person and resource.kind == "relative_income":
            label = f"{label} ({resource.person})"
        if resource.description:
            label = f"{label}: {resource.description}"
        amount = resource.yearly_amount
        if resource.kind in NEVER_COUNTED:
            lines.append(Line(f"{label} (niet meegeteld, art. 22 §1 KB)", ZERO))
        elif resource.kind in COUNTED_ONLY_WHEN_CHOSEN and not count_relative_income:
            lines.append(Line(f"{label} (niet meegeteld, art. 34 §2 KB: niet gekozen)", ZERO))
        elif resource.kind == "partner_income":
            has_partner = True
            partner += amount
            lines.append(Line(f"{label} (per jaar)", amount))
        elif resource.kind == "relative_income":
            relatives.setdefault(resource.person, []).append(resource)
            lines.append(Line(f"{label} (per jaar)", amount))
        elif resource.kind == "capital":
            has_capital = True
            capital += amount
            lines.append(Line(f"{label} (kapitaal, geen jaarinkomen)", amount))
        elif resource.kind == "cadastral_income" and resource.own_home:
            has_own_home = True
            own_home += amount
            lines.append(Line(label, amount))
        elif resource.kind == "cadastral_income":
            part = other_property_counted(amount, means)
            lines.append(Line(label, amount))
            lines.append(
                Line(
                    f"Ander onroerend goed: (kadastraal inkomen − € {euro(means.other_property_exempt)}) × "
                    f"{_percent(means.other_property_multiplier)}, meegeteld (art. 25 KB)",
                    part,
                )
            )
            counted += part
        else:
            counted += amount
            earned += amount if resource.kind in EARNED else ZERO
            lines.append(Line(f"{label} (per jaar, meegeteld)", amount))

    if (has_partner or relatives) and category_1 is None:
        raise NoRateError(1, reference_date)
    if has_partner:
        part = partner_counted(partner, category, category_1.yearly_amount)
        if category == 1:
            text = (
                f"Partner: deel boven het jaarbedrag categorie 1 (€ {euro(category_1.yearly_amount)}), "
                "meegeteld (art. 34 §1 KB)"
            )
        else:
            text = "Partner: volledig meegeteld bij categorie 3 (art. 34 §1 KB)"
        lines.append(Line(text, part))
        counted += part
    for person, rows in relatives.items():
        shares = {row.counted_share for row in rows}
        if len(shares) > 1:
            raise MeansInputError("counted_share_per_person")
        share = shares.pop()
        total = sum((row.yearly_amount for row in rows), ZERO)
        part = relative_counted(total, category_1.yearly_amount, share)
        who = person or "Samenwonende verwant"
        lines.append(
            Line(
                f"{who}: {_percent(share)} % van het deel boven het jaarbedrag categorie 1 "
                f"(€ {euro(category_1.yearly_amount)}), meegeteld (art. 34 §2 KB)",
                part,
            )
        )
        counted += part
    if has_capital:
        middle, top = capital_counted(capital, means)
        lines.append(
            Line(f"Kapitaal tot € {euro(means.capital_exempt_up_to)}: niet meegeteld (art. 27 KB)", ZERO)
        )
        lines.append(
            Line(
                f"{_percent(means.capital_middle_rate)} % van het kapitaal tussen "
                f"€ {euro(means.capital_exempt_up_to)} en € {euro(means.capital_middle_up_to)} (art. 27 KB)",
                middle,
            )
        )
        lines.append(
            Line(
                f"{_percent(means.capital_top_rate)} % van het kapitaal boven "
                f"€ {euro(means.capital_middle_up_to)} (art. 27 KB)",
                top,
            )
        )
        counted += middle + top
    if has_own_home:
        part = own_home_counted(own_home, children_in_care, means)
        exempt = means.own_home_exempt + means.own_home_exempt_per_child * children_in_care
        lines.append(
            Line(
                f"Eigen woning: (kadastraal inkomen − € {euro(means.own_home_exempt)} − "
                f"{children_in_care} × € {euro(means.own_home_exempt_per_child)} per kind ten laste "
                f"= € {euro(exempt)} vrijgesteld) × {_percent(means.cadastral_multiplier)}, meegeteld "
                "(art. 25 KB)",
                part,
            )
        )
        counted += part
    lines.append(Line("Totaal meegetelde bestaansmiddelen per jaar", counted))

    spi = min(spi_exemption, earned) if spi_exemption is not None and earned > ZERO else ZERO
    general = ZERO
    if general_exemption is not None and (cumulate_general_and_spi or spi == ZERO):
        general = max(min(general_exemption, counted - spi), ZERO)
    if spi > ZERO:
        lines.append(Line("Vrijstelling socio-professionele integratie (art. 35 KB)", -spi))
    if general > ZERO:
        after = " na de SPI-vrijstelling" if spi > ZERO else ""
        lines.append(Line(f"Algemene vrijstelling categorie {category}{after} (art. 22 §2 KB)", -general))
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


def heating_application_in_time(delivered_on: date, applied_on: date, days: int) -> bool:
    """Sociaal Verwarmingsfonds (KB 27 March 2009): the application reaches the OCMW within 60 days of the
    delivery (a setting); the day of delivery is day 0, day 60 is still in time."""
    return 0 <= (applied_on - delivered_on).days <= days


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
    flat amount instead (no invoice per litre). KB 6 August 2022 amending the KB of 27 March 2009: bands from
    14 to 36 cent, 2.000 litres, 456 EUR flat (dated rows, decision 0065)."""
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
