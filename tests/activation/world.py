"""Activation objects of an access-matrix world (tests/casework/access_world.py), made once per world like
the world's own objects: rows as the services would leave them, for the matrices' cells to act on."""

import datetime
from importlib import import_module

from activation.models import (
    DecisionTree,
    Gpmi,
    GpmiWarning,
    GroupActivity,
    PhaseChange,
    SanctionProposal,
    Screening,
    Trajectory,
)

STARTED = datetime.date(2026, 1, 5)


def _seed_default_tree():
    """The data migration's tree (a transactional test elsewhere in the run may have emptied the tables)."""
    from django.apps import apps

    import_module("activation.migrations.0002_default_tree_and_rules").seed(apps, None)


def screening(world, dossier) -> Screening:
    def build():
        _seed_default_tree()
        return Screening.objects.create(
            dossier=dossier,
            tree=DecisionTree.objects.get(version=1),
            answers={"care_needs_block_work": True},
            path=["care_needs_block_work"],
            recommended_phase="care",
            chosen_phase="care",
            screened_by=world.colleague,
        )

    return world._once(("screening", dossier.pk), build)


def trajectory(world, dossier) -> Trajectory:
    """A running trajectory in social activation, coached by the world's coach."""

    def build():
        made = Trajectory.objects.create(
            dossier=dossier,
            coach=world.callers["activation_coach"],
            phase="social_activation",
            phase_since=STARTED,
            started_on=STARTED,
            next_monitoring_due=STARTED + datetime.timedelta(days=30),
        )
        PhaseChange.objects.create(
            trajectory=made, to_phase="social_activation", changed_on=STARTED, changed_by=world.colleague
        )
        return made

    return world._once(("trajectory", dossier.pk), build)


def gpmi(world, dossier, *, signed: bool = True) -> Gpmi:
    """A signed GPMI (to evaluate and amend), or a draft (to exempt)."""

    def build():
        return Gpmi.objects.create(
            dossier=dossier,
            kind="standard",
            status="signed" if signed else "draft",
            leefloon_granted_on=STARTED,
            conclusion_due=datetime.date(2026, 4, 5),
            signed_on=STARTED if signed else None,
            social_balance="Sociale balans",
            client_commitments="Vrijwilligerswerk",
            ocmw_commitments="Begeleiding",
            created_by=world.colleague,
        )

    return world._once(("gpmi", signed, dossier.pk), build)


def warned_gpmi(world, dossier) -> Gpmi:
    """A signed GPMI with a formal warning (a sanction can be proposed)."""

    def build():
        made = gpmi(world, dossier)
        GpmiWarning.objects.create(
            gpmi=made, given_on=STARTED, reason="Niet op afspraak", given_by=world.colleague
        )
        return made

    return world._once(("warned_gpmi", dossier.pk), build)


def sanction_proposal(world, dossier) -> SanctionProposal:
    """A sanction proposal after the warning, not yet handed to the committee."""

    def build():
        made = warned_gpmi(world, dossier)
        return SanctionProposal.objects.create(
            gpmi=made,
            warning=made.warnings.get(),
            proposed_on=STARTED,
            suspension_months=1,
            motivation="Niet op de evaluatiegesprekken",
            proposed_by=world.colleague,
        )

    return world._once(("sanction_proposal", dossier.pk), build)


def group_activity(world):
    """A group activity organised by the world's coach, without participants yet."""
    return world._once(
        "group_activity",
        lambda: GroupActivity.objects.create(
            name="Jobclub", organiser=world.callers["activation_coach"], starts_on=STARTED
        ),
    )
