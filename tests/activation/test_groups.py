"""Group activation work: a group activity's attendance shows on each participant's trajectory."""

from django.urls import reverse
from django.utils import timezone

from activation import services
from activation.models import GroupActivity, GroupAttendance

TODAY = timezone.localdate()


def test_attendance_shows_on_the_participants_trajectory(client, coached_dossier, coach):
    trajectory = services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="job_guidance", started_on=TODAY
    )
    client.force_login(coach)

    response = client.post(reverse("activation:groups"), {"name": "Jobclub", "starts_on": TODAY.isoformat()})
    activity = GroupActivity.objects.get()
    assert response["Location"] == reverse("activation:group", args=[activity.pk])
    url = reverse("activation:group", args=[activity.pk])
    assert coached_dossier.client.last_name in client.get(url).content.decode()  # to choose from
    assert client.post(url, {"form": "participant", "trajectory": str(trajectory.pk)}).status_code == 302
    participant = activity.participants.get()
    response = client.post(
        url,
        {
            "form": "session",
            "held_on": TODAY.isoformat(),
            "topic": "Sollicitatiebrief",
            "present": [participant.pk],
        },
    )
    assert response.status_code == 302
    assert GroupAttendance.objects.get().present is True
    assert client.post(url, {"form": "evaluation", "evaluation": "Geslaagd"}).status_code == 302

    page = client.get(reverse("activation:trajectory", args=[trajectory.pk])).content.decode()
    assert "Jobclub: Sollicitatiebrief" in page
    assert "aanwezig" in page


def test_someone_else_does_not_see_the_activity(client, coach, team):
    from tests.factories import UserFactory

    activity = services.group_activity_create(actor=coach, name="Taaltafel", starts_on=TODAY)
    client.force_login(UserFactory(team=team, roles=["activation_coach"]))

    assert client.get(reverse("activation:group", args=[activity.pk])).status_code == 404
