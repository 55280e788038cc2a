"""Rates and parameters: configuration, not personal data, so no access log."""

from dataclasses import fields

from casework.leefloon import rules
from casework.leefloon.models import (
    GeneralExemption,
    HeatingAllowanceParameters,
    LeefloonRate,
    MeansTestParameters,
    SpiExemption,
    SpiExemptionPeriod,
)


def leefloon_parameters(reference_date) -> dict:
    """The dated rates and exemptions the calculation needs, as plain values for the rules."""
    rates = [
        rules.Rate(valid_from=r.valid_from, category=r.category, yearly_amount=r.yearly_amount)
        for r in LeefloonRate.objects.filter(valid_from__lte=reference_date)
    ]
    general = {
        category: rules.valid_on(rows, reference_date, category=category)
        for rows in [list(GeneralExemption.objects.filter(valid_from__lte=reference_date))]
        for category in (1, 2, 3)
    }
    spi = SpiExemption.objects.filter(valid_from__lte=reference_date).order_by("-valid_from").first()
    row = MeansTestParameters.objects.filter(valid_from__lte=reference_date).order_by("-valid_from").first()
    means = None
    if row is not None:
        means = rules.MeansParameters(**{f.name: getattr(row, f.name) for f in fields(rules.MeansParameters)})
    return {"rates": rates, "general_exemptions": general, "spi_exemption": spi, "means": means}


def heating_parameters(reference_date) -> HeatingAllowanceParameters | None:
    return (
        HeatingAllowanceParameters.objects.filter(valid_from__lte=reference_date)
        .prefetch_related("bands")
        .order_by("-valid_from")
        .first()
    )


def spi_period_of(client_id) -> tuple | None:
    """When the person's SPI exemption was first applied and the months used since (None: never)."""
    return (
        SpiExemptionPeriod.objects.filter(client_id=client_id)
        .values_list("started_on", "months_used")
        .first()
    )
