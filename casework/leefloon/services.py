"""The leefloon and heating allowance calculations with the parameters valid on the day, and the person's
SPI period. A calculation kept with a social inquiry is stored by the inquiry (casework.inquiry)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.leefloon import rules, selectors
from casework.leefloon.models import SpiExemptionPeriod
from core.dates import check_event_date, check_planned_date
from core.errors import DomainError
from core.history import save_with_history


@dataclass(frozen=True)
class LeefloonOutcome:
    result: rules.LeefloonResult
    spi_applied: bool  # the SPI exemption was applied to earned income (its period starts with it)


MEANS_INPUT_MESSAGES = {
    "partner_with_single": (
        gettext_lazy(
            "Een alleenstaande (categorie 2) woont niet samen met een partner: kies categorie 1 of 3."
        ),
        "resources",
    ),
    "counted_share": (gettext_lazy("Het meegetelde aandeel ligt tussen 0 en 100 %."), "resources"),
    "counted_share_per_person": (
        gettext_lazy("Geef één meegeteld aandeel per verwant (dezelfde persoon, hetzelfde percentage)."),
        "resources",
    ),
}


def leefloon_calculate(
    *,
    category: int,
    reference_date,
    resources: list[rules.Resource],
    apply_general_exemption: bool = True,
    count_relative_income: bool = False,
    relative_income_reason: str = "",
    apply_spi_exemption: bool = False,
    spi_first_used_on=None,
    spi_months_used: int = 0,
    children_in_care: int = 0,
) -> LeefloonOutcome:
    """Run the calculation with the rates and parameters valid on the reference date."""
    if category not in rules.CATEGORY_LABELS:
        raise DomainError(_("Kies categorie 1, 2 of 3."), field="category")
    check_planned_date(reference_date, field="reference_date")
    check_event_date(spi_first_used_on, field="spi_first_used_on")
    if count_relative_income and not relative_income_reason.strip():
        raise DomainError(
            _("Waarom worden de inkomsten van de samenwonende verwanten meegeteld?"),
            field="relative_income_reason",
        )
    if any(r.own_home and r.kind != "cadastral_income" for r in resources):
        raise DomainError(
            _("Alleen een kadastraal inkomen kan dat van de eigen woning zijn."), field="resources"
        )
    parameters = selectors.leefloon_parameters(reference_date)
    if parameters["means"] is None:
        raise DomainError(
            _("Er zijn geen parameters van het middelenonderzoek geldig op %(date)s.")
            % {"date": reference_date.strftime("%d/%m/%Y")},
            field="reference_date",
        )
    spi = parameters["spi_exemption"]
    spi_applies = (
        apply_spi_exemption
        and spi is not None
        and rules.spi_applies(spi_first_used_on, spi_months_used, reference_date)
    )
    general = parameters["general_exemptions"][category]
    try:
        result = rules.leefloon_calculate(
            category=category,
            reference_date=reference_date,
            rates=parameters["rates"],
            resources=resources,
            general_exemption=general.yearly_amount if (general and apply_general_exemption) else None,
            means=parameters["means"],
            spi_exemption=spi.yearly_amount if spi_applies else None,
            count_relative_income=count_relative_income,
            cumulate_general_and_spi=settings.LEEFLOON_CUMULATE_GENERAL_AND_SPI_EXEMPTION,
            children_in_care=children_in_care,
        )
    except rules.NoRateError as error:
        missing = error.args[0]
        raise DomainError(
            _("Er is geen leefloonbedrag voor categorie %(category)d geldig op %(date)s.")
            % {"category": missing, "date": reference_date.strftime("%d/%m/%Y")},
            field="reference_date",
        ) from None
    except rules.MeansInputError as error:
        message, field = MEANS_INPUT_MESSAGES[error.code]
        raise DomainError(str(message), field=field) from None
    earned = any(resource.kind in rules.EARNED for resource in resources)
    return LeefloonOutcome(result=result, spi_applied=spi_applies and earned)


def spi_period_start(*, actor, client_id, started_on, months_used: int = 0) -> None:
    """The person's SPI exemption period starts with its first use (art. 35 KB), whatever the dossier; a use
    before Casework knew the person (another OCMW) is recorded with the months used then, as typed on the
    first stored calculation. Later months are not counted here yet (decision 0064)."""
    if not SpiExemptionPeriod.objects.filter(client_id=client_id).exists():
        period = SpiExemptionPeriod(client_id=client_id, started_on=started_on, months_used=months_used)
        save_with_history(period, actor=actor, reason="leefloon_calculate", force_insert=True)


def heating_allowance_calculate(
    *,
    delivered_on,
    litres,
    price_per_litre,
    bought_at_pump: bool = False,
    litres_already_granted=rules.ZERO,
    applied_on=None,
) -> rules.HeatingAllowance:
    """`applied_on` (default today) is the day the application reached the OCMW: within the term after the
    delivery (60 days, `HEATING_ALLOWANCE_APPLICATION_DAYS`), else refused on `applied_on`."""
    check_event_date(delivered_on, field="delivered_on")
    applied_on = applied_on or timezone.localdate()
    check_event_date(applied_on, field="applied_on")
    days = settings.HEATING_ALLOWANCE_APPLICATION_DAYS
    if applied_on < delivered_on:
        raise DomainError(_("De aanvraag kan niet voor de levering liggen."), field="applied_on")
    if not rules.heating_application_in_time(delivered_on, applied_on, days):
        raise DomainError(
            _("De aanvraag moet binnen %(days)d dagen na de levering (%(date)s) bij het OCMW zijn.")
            % {"days": days, "date": delivered_on.strftime("%d/%m/%Y")},
            field="applied_on",
        )
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
