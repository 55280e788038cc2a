"""The coach's screens, walking journey 5 with the Django test client: Karim screens the client (→ social
activation), starts the trajectory, records the volunteer work, concludes the GPMI, records an evaluation and
sees his board; Sofie sees each step on the dossier timeline."""

import datetime

from django.urls import reverse
from django.utils import timezone

from activation.models import Gpmi, Trajectory
from tests.factories import UserFactory

TODAY = timezone.localdate()


def test_journey_5_on_the_screens(client, coached_dossier, coach, social_worker):
    client.force_login(coach)
    screening_url = reverse("activation:screening", args=[coached_dossier.pk])
    assert client.get(screening_url).status_code == 200

    answers = {
        "q_care_needs_block_work": "no",
        "q_dutch_below_required_level": "no",
        "q_work_limitation_or_no_experience": "yes",
    }
    response = client.post(screening_url, answers)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Sociale activering" in page

    response = client.post(
        reverse("activation:trajectory-start", args=[coached_dossier.pk]),
        {"coach": str(coach.pk), "phase": "social_activation", "started_on": TODAY.isoformat()},
    )
    assert response.status_code == 302, response.content.decode()
    trajectory = Trajectory.objects.get(dossier=coached_dossier)
    assert response["Location"] == reverse("activation:trajectory", args=[trajectory.pk])

    response = client.post(
        reverse("activation:measure-add", args=[trajectory.pk]),
        {
            "kind": "volunteer_work",
            "partner_name": "Sociaal restaurant De Lepel",
            "started_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302

    granted = TODAY - datetime.timedelta(days=30)
    response = client.post(
        reverse("activation:gpmi-create", args=[trajectory.pk]),
        {"kind": "standard", "leefloon_granted_on": granted.isoformat()},
    )
    assert response.status_code == 302
    gpmi = Gpmi.objects.get(dossier=coached_dossier)
    gpmi_url = reverse("activation:gpmi", args=[gpmi.pk])

    # Signing without a sociale balans is refused, in Dutch, on the field.
    refused = client.post(gpmi_url, {"signed_on": TODAY.isoformat()})
    assert refused.status_code == 200
    assert "sociale balans" in refused.content.decode()

    response = client.post(
        gpmi_url,
        {
            "social_balance": "Balans opgemaakt",
            "goals": "Werkervaring",
            "client_commitments": "Twee voormiddagen vrijwilligerswerk",
            "ocmw_commitments": "Maandelijkse begeleiding",
            "signed_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("activation:gpmi-evaluate", args=[gpmi.pk]),
        {"held_on": TODAY.isoformat(), "in_person": "on", "summary": "Loopt goed"},
    )
    assert response.status_code == 302

    board = client.get(reverse("activation:board"))
    assert board.status_code == 200
    assert coached_dossier.client.last_name in board.content.decode()
    assert [t.pk for t in board.context["trajectories"]] == [trajectory.pk]
    assert "Mijn trajecten" in board.content.decode()  # in the menu

    # Sofie, the social worker, sees every step on the dossier's timeline.
    client.force_login(social_worker)
    dossier_page = client.get(reverse("casework:dossier", args=[coached_dossier.pk])).content.decode()
    for step in ("Screening activering", "Activeringstraject gestart", "Maatregel: vrijwilligerswerk",
                 "GPMI ondertekend", "Evaluatie GPMI"):  # fmt: skip
        assert step in dossier_page, step


def test_the_coach_dossier_list_is_not_empty(client, coached_dossier, coach):
    client.force_login(coach)

    page = client.get(reverse("casework:caseload")).content.decode()

    assert "Geen dossiers." not in page


def test_phase_change_refusals_are_shown_on_the_form(client, coached_dossier, coach):
    from activation import services

    trajectory = services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="work", started_on=TODAY
    )
    client.force_login(coach)

    response = client.post(
        reverse("activation:phase-change", args=[trajectory.pk]),
        {"to_phase": "work", "changed_on": TODAY.isoformat(), "reason": "x"},
    )

    assert response.status_code == 200
    assert "zit al in de fase" in response.content.decode()


def test_an_outsider_gets_404(client, coached_dossier, coach, other_team):
    from activation import services

    trajectory = services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="work", started_on=TODAY
    )
    client.force_login(UserFactory(team=other_team, roles=["activation_coach"]))

    assert client.get(reverse("activation:trajectory", args=[trajectory.pk])).status_code == 404
    assert client.get(reverse("activation:screening", args=[coached_dossier.pk])).status_code == 404
