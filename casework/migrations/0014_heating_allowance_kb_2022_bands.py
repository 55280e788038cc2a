"""Issue 9 (decision 0065): the heating allowance of the Sociaal Verwarmingsfonds as the royal decree of
6 August 2022 (amending the KB of 27 March 2009, Belgian Official Gazette 15 September 2022) sets it for
deliveries from 1 July 2022: 14 cent a litre below a price of 0,97 EUR, one cent more per 2,5 cent of price,
36 cent from 1,495 EUR; at most 2.000 litres a heating period; 456 EUR flat for fuel bought at the pump
(sources: brafco.be 15/09/2022, verwarmingsfonds.be, municipal pages). The seeded placeholder of 2023-01-01
(1.500 litres, 210 EUR, bands from 0,93) was never sourced: it becomes this row (its bands replaced)."""

from decimal import Decimal

from django.db import migrations

VALID_FROM = "2022-07-01"
MAX_LITRES = 2000
PUMP_FLAT = Decimal("456.00")
BANDS = [(Decimal("0.000"), Decimal("0.140"))] + [
    (Decimal("0.970") + Decimal("0.025") * (k - 1), Decimal("0.140") + Decimal("0.010") * k) for k in range(1, 23)
]


def seed(apps, schema_editor):
    Parameters = apps.get_model("casework", "HeatingAllowanceParameters")
    Band = apps.get_model("casework", "HeatingAllowanceBand")
    placeholder = Parameters.objects.filter(valid_from="2023-01-01", max_litres_per_year=1500).first()
    if placeholder is not None:
        Band.objects.filter(parameters=placeholder).delete()
        placeholder.delete()
    parameters, _created = Parameters.objects.get_or_create(
        valid_from=VALID_FROM, defaults={"max_litres_per_year": MAX_LITRES, "pump_flat_amount": PUMP_FLAT}
    )
    for price_from, allowance in BANDS:
        Band.objects.get_or_create(
            parameters=parameters, price_from=price_from, defaults={"allowance_per_litre": allowance}
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0013_means_test_seed_spi_amounts")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
