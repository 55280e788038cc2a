"""Screenings, trajectories and their phases through the services: versioned tree, phase history, the
timeline of the dossier and the monitoring due date."""

import datetime

import pytest
from django.utils import timezone

from activation import services
from activation.models import DecisionQuestion, DecisionTree, Screening
from casework.timeline.models import TimelineEvent
from core.errors import Conflict, DomainError, NotFoundError

NO = {
    "care_needs_block_work": False,
    "dutch_below_required_level": False,
    "work_limitation_or_no_experience": False,
    "needs_skills_before_regular_work": False,
    "needs_guidance_to_find_work": False,
}


def test_the_default_tree_is_seeded_by_the_migration(db):
    tree = DecisionTree.objects.get(version=1)

    assert [q.code for q in tree.questions.all()] == list(NO)
    assert tree.default_phase == "work"


def test_a_screening_stores_answers_path_version_and_outcome(coached_dossier, coach):
    answers = {**NO, "work_limitation_or_no_experience": True}

    screening = services.screening_record(actor=coach, dossier=coached_dossier, answers=answers)

    assert screening.recommended_phase == screening.chosen_phase == "social_activation"
    assert screening.path == list(NO)[:3]
    assert screening.tree.version == 1
    assert TimelineEvent.objects.filter(dossier=coached_dossier, kind="activation.screening").exists()


def test_another_phase_needs_a_reason(coached_dossier, coach):
    with pytest.raises(DomainError) as refused:
        services.screening_record(actor=coach, dossier=coached_dossier, answers=NO, chosen_phase="care")
    assert refused.value.field == "override_reason"

    screening = services.screening_record(
        actor=coach,
        dossier=coached_dossier,
        answers=NO,
        chosen_phase="care",
        override_reason="Net ontslagen uit het ziekenhuis",
    )
    assert (screening.recommended_phase, screening.chosen_phase) == ("work", "care")


def test_a_new_tree_version_leaves_stored_screenings_unchanged(coached_dossier, coach):
    first = services.screening_record(actor=coach, dossier=coached_dossier, answers=NO)
    tree = DecisionTree.objects.create(version=2, name="Beslissingsboom 2027", default_phase="job_guidance")
    DecisionQuestion.objects.create(tree=tree, position=1, code="ready_to_work", phase="work", text="Klaar?")

    second = services.screening_record(actor=coach, dossier=coached_dossier, answers={"ready_to_work": False})
    first = Screening.objects.get(pk=first.pk)

    assert (first.tree.version, first.recommended_phase, first.path) == (1, "work", list(NO))
    assert (second.tree.version, second.recommended_phase) == (2, "job_guidance")
    with pytest.raises(DomainError):  # the old codes are not questions of the tree in force
        services.screening_record(actor=coach, dossier=coached_dossier, answers=NO)


def test_someone_outside_the_dossier_may_not_screen(dossier, other_team_worker):
    with pytest.raises(NotFoundError):
        services.screening_record(actor=other_team_worker, dossier=dossier, answers=NO)


def test_the_social_worker_starts_a_trajectory_and_names_the_coach(dossier, social_worker, coach):
    today = timezone.localdate()

    trajectory = services.trajectory_start(
        actor=social_worker, dossier=dossier, coach=coach, phase="work", started_on=today
    )

    dossier.refresh_from_db()
    assert dossier.activation_coach == coach
    assert [(c.from_phase, c.to_phase) for c in trajectory.phase_history.all()] == [("", "work")]
    assert trajectory.next_monitoring_due == today + datetime.timedelta(days=14)  # twice a month
    with pytest.raises(Conflict):
        services.trajectory_start(
            actor=social_worker, dossier=dossier, coach=coach, phase="work", started_on=today
        )


def test_phase_changes_keep_the_history_and_land_on_the_timeline(coached_dossier, coach):
    start = timezone.localdate() - datetime.timedelta(days=60)
    trajectory = services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="social_activation", started_on=start
    )

    services.trajectory_phase_change(
        actor=coach, trajectory=trajectory, to_phase="work_activation", reason="IBO gevonden"
    )

    history = [(c.from_phase, c.to_phase, c.reason, c.changed_by) for c in trajectory.phase_history.all()]
    assert history[-1] == ("social_activation", "work_activation", "IBO gevonden", coach)
    assert TimelineEvent.objects.filter(dossier=coached_dossier, kind="activation.phase_change").count() == 1
    with pytest.raises(Conflict):
        services.trajectory_phase_change(
            actor=coach, trajectory=trajectory, to_phase="work_activation", reason="x"
        )
    with pytest.raises(DomainError) as refused:
        services.trajectory_phase_change(actor=coach, trajectory=trajectory, to_phase="holiday", reason="x")
    assert refused.value.status_code == 400


def test_adapted_employment_brings_monthly_monitoring_and_a_contact_moves_it(coached_dossier, coach):
    today = timezone.localdate()
    trajectory = services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="care", started_on=today
    )
    assert trajectory.next_monitoring_due == today + datetime.timedelta(days=90)

    services.trajectory_phase_change(
        actor=coach, trajectory=trajectory, to_phase="social_activation", reason="Klaar"
    )
    services.measure_record(
        actor=coach, trajectory=trajectory, kind="adapted_employment", started_on=today, partner_name="VDAB"
    )
    trajectory.refresh_from_db()
    assert trajectory.next_monitoring_due == today + datetime.timedelta(days=30)

    services.monitoring_contact_record(
        actor=coach, trajectory=trajectory, held_on=today, with_whom="VDAB-consulent", summary="Loopt goed"
    )
    trajectory.refresh_from_db()
    assert trajectory.last_monitored_on == today
