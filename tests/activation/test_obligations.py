"""Activation's clocks in the obligations engine: a trajectory's monitoring contact, the GPMI's conclusion and
evaluations; each started, met or moved by the activation service that changes the facts."""

import datetime

from django.utils import timezone

from activation import services
from casework.obligations.models import Obligation
from tests.activation.test_gpmi import CONTRACT

TODAY = timezone.localdate()


def clocks(kind):
    return list(Obligation.objects.filter(kind=kind).order_by("created_at").values_list("state", "due_on"))


def test_a_trajectory_and_each_monitoring_contact_set_the_next_contact(social_worker, dossier, coach):
    start = TODAY - datetime.timedelta(days=20)
    trajectory = services.trajectory_start(
        actor=social_worker, dossier=dossier, coach=coach, phase="work", started_on=start
    )
    obligation = Obligation.objects.get(kind="monitoring_due")
    assert (obligation.state, obligation.due_on, obligation.responsible) == (
        "overdue",
        start + datetime.timedelta(days=14),
        coach,
    )

    services.monitoring_contact_record(
        actor=coach,
        trajectory=trajectory,
        held_on=TODAY,
        with_whom="cliënt",
        summary="Sollicitaties besproken",
    )

    assert clocks("monitoring_due") == [
        ("met", start + datetime.timedelta(days=14)),
        ("open", TODAY + datetime.timedelta(days=14)),
    ]


def test_a_phase_change_moves_the_next_contact(coached_dossier, coach):
    trajectory = services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="care", started_on=TODAY
    )
    assert clocks("monitoring_due") == [("open", TODAY + datetime.timedelta(days=90))]
    services.trajectory_phase_change(
        actor=coach, trajectory=trajectory, to_phase="social_activation", reason="Klaar"
    )
    trajectory.refresh_from_db()
    assert clocks("monitoring_due") == [("open", trajectory.next_monitoring_due)]


def test_a_gpmi_is_concluded_then_evaluated(coached_dossier, coach):
    granted = TODAY - datetime.timedelta(days=20)
    gpmi = services.gpmi_create(
        actor=coach, dossier=coached_dossier, kind="standard", leefloon_granted_on=granted
    )
    assert clocks("gpmi_conclusion_due") == [("open", gpmi.conclusion_due)]
    assert Obligation.objects.get().responsible == coach

    gpmi = services.gpmi_update(actor=coach, gpmi=gpmi, signed_on=TODAY, **CONTRACT)

    assert clocks("gpmi_conclusion_due") == [("met", gpmi.conclusion_due)]
    assert clocks("gpmi_evaluation_due") == [("open", gpmi.next_evaluation_due)]

    services.gpmi_evaluate(actor=coach, gpmi=gpmi, held_on=TODAY, in_person=True, summary="Goed bezig")
    gpmi.refresh_from_db()
    evaluations = clocks("gpmi_evaluation_due")
    assert [state for state, _due in evaluations] == ["met", "open"]
    assert evaluations[-1][1] == gpmi.next_evaluation_due


def test_an_exempted_gpmi_waives_its_conclusion_with_the_reason(coached_dossier, coach):
    gpmi = services.gpmi_create(
        actor=coach, dossier=coached_dossier, kind="standard", leefloon_granted_on=TODAY
    )
    services.gpmi_exempt(actor=coach, gpmi=gpmi, reason="Langdurig ziek")
    obligation = Obligation.objects.get()
    assert (obligation.state, obligation.waived_reason, obligation.closed_by) == (
        "waived",
        "Langdurig ziek",
        coach,
    )
