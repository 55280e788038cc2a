"""The activation and GPMI endpoints of shared/api.md: the contract's shapes, the refusals, and the
three-person test for each (the owner may; a colleague of another team gets 404; an anonymous caller 401)."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from activation import services

V1 = "/api/v1"
TODAY = timezone.localdate()
NO = {
    "care_needs_block_work": False,
    "dutch_below_required_level": False,
    "work_limitation_or_no_experience": True,
    "needs_skills_before_regular_work": False,
    "needs_guidance_to_find_work": False,
}
CONTRACT = {
    "social_balance": "Sociale balans opgemaakt.",
    "client_commitments": "Vrijwilligerswerk twee voormiddagen per week.",
    "ocmw_commitments": "Maandelijkse begeleiding.",
}


@pytest.fixture
def trajectory(coached_dossier, coach):
    return services.trajectory_start(
        actor=coach, dossier=coached_dossier, coach=coach, phase="social_activation", started_on=TODAY
    )


@pytest.fixture
def gpmi(coached_dossier, coach):
    return services.gpmi_create(
        actor=coach,
        dossier=coached_dossier,
        kind="standard",
        leefloon_granted_on=TODAY,
        signed_on=TODAY,
        **CONTRACT,
    )


def test_the_decision_tree_lists_the_default_codes(api, coach):
    response = api(coach).get(f"{V1}/activation/decision-tree/")

    assert response.status_code == 200
    assert [q["code"] for q in response.json()["questions"]] == list(NO)


def test_a_screening_answers_recommended_phase_version_and_path(api, coach, coached_dossier):
    response = api(coach).post(
        f"{V1}/activation/screenings/", {"dossier": str(coached_dossier.pk), "answers": NO}, format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["recommended_phase"], body["tree_version"]) == ("social_activation", 1)
    assert body["path"] == list(NO)[:3]


def test_a_screening_with_a_missing_answer_is_400_in_dutch(api, coach, coached_dossier):
    response = api(coach).post(
        f"{V1}/activation/screenings/",
        {"dossier": str(coached_dossier.pk), "answers": {"care_needs_block_work": False}},
        format="json",
    )

    assert response.status_code == 400
    assert "Beantwoord de vraag" in response.json()["answers"][0]


def test_start_a_trajectory_then_change_phase(api, social_worker, coach, dossier):
    response = api(social_worker).post(
        f"{V1}/activation/trajectories/",
        {
            "dossier": str(dossier.pk),
            "coach": "karim",
            "phase": "social_activation",
            "started_on": TODAY.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    trajectory = response.json()
    assert trajectory["coach"] == "karim"
    assert trajectory["phase_history"][0]["to_phase"] == "social_activation"
    url = f"{V1}/activation/trajectories/{trajectory['id']}/phase-changes/"

    assert api(coach).post(url, {"to_phase": "holiday", "reason": "x"}, format="json").status_code == 400
    assert (
        api(coach).post(url, {"to_phase": "social_activation", "reason": "x"}, format="json").status_code
        == 409
    )
    moved = api(coach).post(
        url, {"to_phase": "work_activation", "reason": "IBO", "changed_on": TODAY.isoformat()}, format="json"
    )
    assert moved.status_code == 201
    assert moved.json()["phase"] == "work_activation"
    assert [h["from_phase"] for h in moved.json()["phase_history"]] == [None, "social_activation"]


def test_a_coach_who_is_not_a_coach_is_refused(api, social_worker, dossier):
    response = api(social_worker).post(
        f"{V1}/activation/trajectories/",
        {"dossier": str(dossier.pk), "coach": "sofie", "phase": "work", "started_on": TODAY.isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert "coach" in response.json()


def test_a_measure_over_the_limit_is_400(api, coach, trajectory):
    services.trajectory_phase_change(
        actor=coach, trajectory=trajectory, to_phase="work_activation", reason="x"
    )

    response = api(coach).post(
        f"{V1}/activation/trajectories/{trajectory.pk}/measures/",
        {"kind": "wijk_werken", "started_on": TODAY.isoformat(), "hours_per_month": 70},
        format="json",
    )

    assert response.status_code == 400
    assert "60 uur" in response.json()["hours_per_month"][0]


def test_gpmi_create_answers_id_conclusion_due_and_status(api, coach, coached_dossier):
    response = api(coach).post(
        f"{V1}/gpmi/",
        {"dossier": str(coached_dossier.pk), "kind": "standard", "leefloon_granted_on": "2025-08-31"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert {"id", "conclusion_due", "status"} <= set(body)
    assert (body["conclusion_due"], body["status"]) == ("2025-11-30", "draft")


def test_gpmi_signed_without_sociale_balans_is_400(api, coach, coached_dossier):
    response = api(coach).post(
        f"{V1}/gpmi/",
        {"dossier": str(coached_dossier.pk), "kind": "student", "leefloon_granted_on": TODAY.isoformat(),
         "signed_on": TODAY.isoformat()},
        format="json",
    )  # fmt: skip

    assert response.status_code == 400
    assert "social_balance" in response.json()


def test_gpmi_evaluation_and_standing(api, coach, gpmi):
    response = api(coach).post(
        f"{V1}/gpmi/{gpmi.pk}/evaluations/",
        {"held_on": TODAY.isoformat(), "in_person": True, "summary": "Goed bezig"},
        format="json",
    )
    assert response.status_code == 201

    body = api(coach).get(f"{V1}/gpmi/{gpmi.pk}/").json()
    assert (body["evaluations_last_12_months"], body["in_person_last_12_months"]) == (1, 1)
    assert body["compliant"] is True
    assert body["next_evaluation_due"] > TODAY.isoformat()


# --- The three-person test for every endpoint ---


def _operations(trajectory, gpmi, dossier):
    t, g, d, day = trajectory.pk, gpmi.pk, dossier.pk, TODAY.isoformat()
    trajectories = f"{V1}/activation/trajectories"
    return [
        ("get", f"{V1}/activation/screenings/?dossier={d}", None, 200),
        ("post", f"{V1}/activation/screenings/", {"dossier": str(d), "answers": NO}, 201),
        ("get", f"{V1}/activation/trajectories/?dossier={d}", None, 200),
        ("get", f"{V1}/activation/trajectories/{t}/", None, 200),
        ("post", f"{trajectories}/{t}/phase-changes/", {"to_phase": "work", "reason": "Klaar"}, 201),
        ("post", f"{trajectories}/{t}/measures/", {"kind": "volunteer_work", "started_on": day}, 201),
        ("post", f"{trajectories}/{t}/monitoring-contacts/",
         {"held_on": day, "with_whom": "Cliënt", "summary": "Gesprek"}, 201),
        ("get", f"{V1}/gpmi/?dossier={d}", None, 200),
        ("post", f"{V1}/gpmi/", {"dossier": str(d), "kind": "standard", "leefloon_granted_on": day}, 201),
        ("get", f"{V1}/gpmi/{g}/", None, 200),
        ("patch", f"{V1}/gpmi/{g}/", {"goals": "Werk vinden"}, 200),
        ("post", f"{V1}/gpmi/{g}/evaluations/", {"held_on": day, "in_person": True, "summary": "ok"}, 201),
    ]  # fmt: skip


@pytest.mark.parametrize("index", range(12))
def test_owner_other_team_and_anonymous(
    api, coach, other_team_worker, trajectory, gpmi, coached_dossier, index
):
    method, url, body, ok = _operations(trajectory, gpmi, coached_dossier)[index]

    def send(client):
        return getattr(client, method)(url, body, format="json") if body is not None else client.get(url)

    assert send(APIClient()).status_code == 401
    assert send(api(other_team_worker)).status_code == 404
    response = send(api(coach))
    assert response.status_code == ok, response.content


def test_trajectory_start_three_persons(api, social_worker, other_team_worker, coach, dossier):
    body = {"dossier": str(dossier.pk), "coach": "karim", "phase": "care", "started_on": TODAY.isoformat()}
    url = f"{V1}/activation/trajectories/"

    assert APIClient().post(url, body, format="json").status_code == 401
    assert api(other_team_worker).post(url, body, format="json").status_code == 404
    assert api(social_worker).post(url, body, format="json").status_code == 201
