"""The default decision tree of shared/domain.md §5 (version 1), the monitoring cadence of seed 003 and the
GPMI evaluation rule of domain §4 (3 a year, 2 in person): data an admin changes by adding a new version or
row, never by editing the code."""

import datetime

from django.db import migrations

# Copied, not imported: a migration keeps the data as it was when it was written.
DEFAULT_TREE = [
    ("care_needs_block_work", "care", "Blokkeren zorgnoden (gezondheid, huisvesting, crisis) een traject naar werk?"),
    ("dutch_below_required_level", "language", "Is het Nederlands lager dan het nodige niveau (1.1)?"),
    ("work_limitation_or_no_experience", "social_activation",
     "Is er een arbeidsbeperking (screening VDAB) of te weinig werkervaring?"),
    ("needs_skills_before_regular_work", "work_activation",
     "Moet de cliënt nog vaardigheden en attitudes leren voor de reguliere arbeidsmarkt?"),
    ("needs_guidance_to_find_work", "job_guidance", "Heeft de cliënt begeleiding nodig om werk te vinden?"),
]  # fmt: skip
# (phase, measure kind, every so many days, description)
CADENCES = [
    ("care", "", 90, "Zorg en hulpverlening: stand van zaken met de maatschappelijk werker"),
    ("language", "", 30, "Taalactivering: aanwezigheidskaarten controleren"),
    ("social_activation", "", 30, "Sociale activering: evaluatiegesprek ter plaatse"),
    ("work_activation", "", 30, "Arbeidsactivering: evaluatiegesprekken"),
    ("job_guidance", "", 30, "Arbeidstoeleiding: overleg met de arbeidstrajectbegeleider"),
    ("work", "", 14, "Arbeid: twee keer per maand de zoektocht naar werk evalueren"),
    ("", "adapted_employment", 30, "Aangepaste tewerkstelling: maandelijks contact met VDAB-consulent of werkgever"),
    ("", "volunteer_work", 30, "Vrijwilligerswerk: evaluatiegesprek ter plaatse"),
]  # fmt: skip


def seed(apps, schema_editor):
    """Idempotent: the browser tests seed again after a transactional test has emptied the tables."""
    DecisionTree = apps.get_model("activation", "DecisionTree")
    DecisionQuestion = apps.get_model("activation", "DecisionQuestion")
    MonitoringCadence = apps.get_model("activation", "MonitoringCadence")
    GpmiEvaluationRule = apps.get_model("activation", "GpmiEvaluationRule")
    tree, created = DecisionTree.objects.get_or_create(
        version=1, defaults={"name": "Beslissingsboom Welzijnshuis", "default_phase": "work"}
    )
    if created:
        for position, (code, phase, text) in enumerate(DEFAULT_TREE, start=1):
            DecisionQuestion.objects.create(tree=tree, position=position, code=code, phase=phase, text=text)
    if not MonitoringCadence.objects.exists():
        for phase, measure_kind, days, description in CADENCES:
            MonitoringCadence.objects.create(
                phase=phase, measure_kind=measure_kind, interval_days=days, description=description
            )
    GpmiEvaluationRule.objects.get_or_create(
        valid_from=datetime.date(2016, 11, 1), defaults={"evaluations_per_year": 3, "in_person_minimum": 2}
    )


class Migration(migrations.Migration):
    dependencies = [("activation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
