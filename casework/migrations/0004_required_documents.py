from django.db import migrations

# The usual document checklist per kind of request; editable in the admin (configuration, not code).
IDENTITY = "Identiteitskaart of verblijfsdocument"
BANK = "Rekeninguittreksels van de laatste 3 maanden"
INCOME = "Bewijzen van inkomsten (loon, uitkering, alimentatie)"
RENT = "Huurcontract en bewijs van huurbetaling"
CHECKLIST = {
    "leefloon": [IDENTITY, BANK, INCOME, RENT, "Bewijs van inschrijving als werkzoekende (VDAB)"],
    "equivalent_leefloon": [IDENTITY, BANK, INCOME, RENT],
    "financial_aid": [IDENTITY, BANK, INCOME, "Facturen of bewijzen van de kosten"],
    "rental_deposit": [IDENTITY, BANK, INCOME, "Nieuw huurcontract"],
    "heating_allowance": [IDENTITY, "Leveringsfactuur (binnen 60 dagen)", INCOME],
    "medical_card": [IDENTITY, "Attest van het ziekenfonds", INCOME],
    "budget_guidance": [IDENTITY, BANK, INCOME, "Overzicht van vaste kosten"],
    "budget_management": [IDENTITY, BANK, INCOME, "Overzicht van vaste kosten", "Overzicht van schulden"],
    "debt_mediation": [IDENTITY, BANK, INCOME, "Overzicht van schulden en aanmaningen"],
    "advance": [IDENTITY, "Bewijs van de aangevraagde uitkering"],
    "article_60": [IDENTITY, "Cv en diploma's"],
}


def seed(apps, schema_editor):
    RequiredDocument = apps.get_model("casework", "RequiredDocument")
    for kind, names in CHECKLIST.items():
        for order, name in enumerate(names):
            RequiredDocument.objects.get_or_create(request_kind=kind, name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_requests_inquiry_plans_referrals_budget")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
