"""The leefloon and heating allowance calculations with the parameters valid on the day, and the person's
SPI period. A calculation kept with a social inquiry is stored by the inquiry (casework.inquiry)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from casework.leefloon import rules, selectors
from casework.leefloon.models import SpiExemptionPeriod
from core.dates import check_event_date, check_planned_date
from core.errors import DomainError
from core.history import save_with_history


@dataclass(frozen=True)
class LeefloonOutcome:
    result: rules.LeefloonResult
    spi_applied: bool  # the SPI exemption was applied to earned income (its period starts with it)


def leefloon_calculate(
    *,
    category: int,
    reference_date,
    resources: list[rules.Resource],
    apply_general_exemption: bool = True,
    count_relative_income: bool = False,
    relative_income_reason: str = "",
    apply_spi_exemption: bool = False,
    spi_exemption_started_on=None,
) -> LeefloonOutcome:
    """Run the calculation with the rates valid on the reference date."""
    if category not in rules.CATEGORY_LABELS:
        raise DomainError(_("Kies categorie 1, 2 of 3."), field="category")
    check_planned_date(reference_date, field="reference_date")
    if count_relative_income and not relative_income_reason.strip():
        raise DomainError(
            _("Waarom worden de inkomsten van de samenwonende verwanten meegeteld?"),
            field="relative_income_reason",
        )
    parameters = selectors.leefloon_parameters(reference_date)
    spi = parameters["spi_exemption"]
    spi_applies = (
        apply_spi_exemption
        and spi is not None
        and rules.spi_applies(spi_exemption_started_on, reference_date)
    )
    general = parameters["general_exemptions"][category]
    try:
        result = rules.leefloon_calculate(
            category=category,
            reference_date=reference_date,
            rates=parameters["rates"],
            resources=resources,
            general_exemption=general.yearly_amount if (general and apply_general_exemption) else None,
            spi_exemption=spi.yearly_amount if spi_applies else None,
            count_relative_income=count_relative_income,
            cumulate_general_and_spi=settings.LEEFLOON_CUMULATE_GENERAL_AND_SPI_EXEMPTION,
        )
    except rules.NoRateError:
        raise DomainError(
            _("Er is geen leefloonbedrag voor categorie %(category)d geldig op %(date)s.")
            % {"category": category, "date": reference_date.strftime("%d/%m/%Y")},
            field="reference_date",
        ) from None
    earned = any(resource.kind in rules.EARNED for resource in resources)
    return LeefloonOutcome(result=result, spi_applied=spi_applies and earned)


def spi_period_start(*, actor, client_id, started_on) -> None:
    """The person's SPI exemption period starts with its first use (art. 35 KB), whatever the dossier."""
    if not SpiExemptionPeriod.objects.filter(client_id=client_id).exists():
        period = SpiExemptionPeriod(client_id=client_id, started_on=started_on)
        save_with_history(period, actor=actor, reason="leefloon_calculate", force_insert=True)


def heating_allowance_calculate(
    *, delivered_on, litres, price_per_litre, bought_at_pump: bool = False, litres_already_granted=rules.ZERO
) -> rules.HeatingAllowance:
    check_event_date(delivered_on, field="delivered_on")
    parameters = selectors.heating_parameters(delivered_on)
    if parameters is None:
        raise DomainError(
            _("Er zijn geen parameters voor de verwarmingstoelage geldig op %(date)s.")
            % {"date": delivered_on.strftime("%d/%m/%Y")},
            field="delivered_on",
        )
    return rules.heating_allowance_calculate(
        litres=litres,
        price_per_litre=price_per_litre,
        bands=[rules.HeatingBand(b.price_from, b.allowance_per_litre) for b in parameters.bands.all()],
        max_litres_per_year=parameters.max_litres_per_year,
        litres_already_granted=litres_already_granted,
        bought_at_pump=bought_at_pump,
        pump_flat_amount=parameters.pump_flat_amount,
    )
