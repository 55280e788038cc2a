"""Issue 9, the means test as the law counts it (decisions 0060-0064): the parameters of art. 25 and 27 KB,
the current SPI exemption amounts (art. 35 KB) and the doubt about the yearly rates of 1 February 2025."""

from decimal import Decimal

from django.db import migrations

# Art. 25 and 27 KB 11 July 2002 as PrimaBook and the Brussels guide (bdas-wwsb 04/2025) give them; the KB's
# own text was not found for these articles: an admin corrects the row (decision 0062). Other built and
# unbuilt property: unverified, counted as the own home without its exemption (0, × 3).
MEANS = {
    "valid_from": "2002-10-01",
    "capital_exempt_up_to": "6200.00",
    "capital_middle_up_to": "12500.00",
    "capital_middle_rate": "6.00",
    "capital_top_rate": "10.00",
    "own_home_exempt": "750.00",
    "own_home_exempt_per_child": "125.00",
    "cadastral_multiplier": "3.00",
    "other_property_exempt": "0.00",
    "other_property_multiplier": "3.00",
    "source": "Art. 25 en 27 KB 11/07/2002 volgens PrimaBook en bdas-wwsb (04/2025); ander onroerend goed: "
    "niet geverifieerd (beslissing 0062)",
}
# Art. 35 KB, indexed, monthly amounts from secondary sources (issue 9: POD MI's SPI page as quoted by the
# Brussels guide) × 12 (decision 0064).
SPI_EXEMPTIONS = [
    ("2023-11-01", "3569.52", "297,46/maand (secundaire bron, issue 9; × 12)"),
    ("2025-02-01", "3713.76", "309,48/maand (bdas-wwsb 04/2025; × 12)"),
]
# The yearly rates of 1 February 2025 were seeded as 12 × the monthly amount; a Brussels source gives
# 10.513,60 / 15.770,41 a year (category 3 not found). The rows stay, the doubt is written beside them.
RATE_DOUBT = {
    1: "12 × 876,13; twijfel: bdas-wwsb geeft 10.513,60/jaar (officieel jaarbedrag nakijken)",
    2: "12 × 1.314,20; twijfel: bdas-wwsb geeft 15.770,41/jaar (officieel jaarbedrag nakijken)",
    3: "12 × 1.776,07; officieel jaarbedrag niet gevonden (nakijken)",
}


def seed(apps, schema_editor):
    MeansTestParameters = apps.get_model("casework", "MeansTestParameters")
    SpiExemption = apps.get_model("casework", "SpiExemption")
    LeefloonRate = apps.get_model("casework", "LeefloonRate")
    values = {k: Decimal(v) if k not in ("valid_from", "source") else v for k, v in MEANS.items()}
    MeansTestParameters.objects.get_or_create(valid_from=values.pop("valid_from"), defaults=values)
    for valid_from, amount, source in SPI_EXEMPTIONS:
        SpiExemption.objects.get_or_create(
            valid_from=valid_from, defaults={"yearly_amount": Decimal(amount), "source": source}
        )
    for category, note in RATE_DOUBT.items():
        LeefloonRate.objects.filter(
            valid_from="2025-02-01", category=category, source__startswith="monthly published"
        ).update(source=note)


class Migration(migrations.Migration):
    dependencies = [("casework", "0012_means_test_parameters")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
