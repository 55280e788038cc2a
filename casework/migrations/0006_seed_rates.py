from decimal import Decimal

from django.db import migrations

# shared/domain.md §3. Where only a monthly amount was published, yearly = 12 × monthly; replace it by the
# official yearly figure (a new or corrected row, with history) when it is known.
LEEFLOON_RATES = [
    ("2020-01-01", {1: "7520.85", 2: "11281.30", 3: "15246.08"}, "PrimaBook, official yearly table"),
    ("2024-05-01", {1: "10307.64", 2: "15461.52", 3: "20895.48"}, "monthly published; yearly = 12 × monthly"),
    ("2025-02-01", {1: "10513.56", 2: "15770.40", 3: "21312.84"}, "monthly published; yearly = 12 × monthly"),
]
# Art. 22 §2 KB 11 July 2002, not indexed (unverified: check against the current text).
GENERAL_EXEMPTION = ("2002-10-01", {1: "155.00", 2: "250.00", 3: "310.00"})
# Art. 35 KB, indexed; monthly amounts published by municipalities × 12 (unverified: add the current row).
SPI_EXEMPTIONS = [
    ("2008-09-01", "2600.28", "216,69/maand (OCMW Temse)"),
    ("2011-05-01", "2705.28", "225,44/maand (Knokke-Heist)"),
    ("2017-06-01", "2928.36", "244,03/maand (Tienen)"),
]
# Sociaal Verwarmingsfonds (unverified: replace by the fund's current table).
HEATING = {
    "valid_from": "2023-01-01",
    "max_litres_per_year": 1500,
    "pump_flat_amount": "210.00",
    # From 0,930 EUR per litre, every 0,025 EUR more in price gives 0,015 EUR more allowance per litre.
    "bands": [("0.000", "0.140")]
    + [(Decimal("0.930") + Decimal("0.025") * i, Decimal("0.155") + Decimal("0.015") * i) for i in range(15)],
}


def seed(apps, schema_editor):
    LeefloonRate = apps.get_model("casework", "LeefloonRate")
    GeneralExemption = apps.get_model("casework", "GeneralExemption")
    SpiExemption = apps.get_model("casework", "SpiExemption")
    Parameters = apps.get_model("casework", "HeatingAllowanceParameters")
    Band = apps.get_model("casework", "HeatingAllowanceBand")
    for valid_from, amounts, source in LEEFLOON_RATES:
        for category, amount in amounts.items():
            LeefloonRate.objects.get_or_create(
                valid_from=valid_from, category=category, defaults={"yearly_amount": Decimal(amount), "source": source}
            )
    valid_from, amounts = GENERAL_EXEMPTION
    for category, amount in amounts.items():
        GeneralExemption.objects.get_or_create(
            valid_from=valid_from, category=category, defaults={"yearly_amount": Decimal(amount)}
        )
    for valid_from, amount, source in SPI_EXEMPTIONS:
        SpiExemption.objects.get_or_create(
            valid_from=valid_from, defaults={"yearly_amount": Decimal(amount), "source": source}
        )
    parameters, _created = Parameters.objects.get_or_create(
        valid_from=HEATING["valid_from"],
        defaults={
            "max_litres_per_year": HEATING["max_litres_per_year"],
            "pump_flat_amount": Decimal(HEATING["pump_flat_amount"]),
        },
    )
    for price_from, allowance in HEATING["bands"]:
        Band.objects.get_or_create(
            parameters=parameters, price_from=Decimal(price_from), defaults={"allowance_per_litre": Decimal(allowance)}
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0005_leefloon_rates_and_calculations")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
