"""The subsidy rates of domain §3 as data: 55 % of the leefloon, 65 % from 500 beneficiaries a month, 70 %
from 1,000, and 10 % more during the first year of a GPMI (RMI law art. 32-33, KB 11 July 2002; "unverified in
detail": an admin corrects them with a new row)."""

from decimal import Decimal

from django.db import migrations

RATES = [(0, "55.00"), (500, "65.00"), (1000, "70.00")]


def seed(apps, schema_editor):
    SubsidyRate = apps.get_model("reporting", "SubsidyRate")
    for beneficiaries_from, rate in RATES:
        SubsidyRate.objects.get_or_create(
            valid_from="2016-11-01",
            beneficiaries_from=beneficiaries_from,
            defaults={
                "rate": Decimal(rate),
                "gpmi_bonus": Decimal("10.00"),
                "source": "RMI-wet art. 32 en 33 (shared/domain.md §3), GPMI-bonus sinds 1/11/2016",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
