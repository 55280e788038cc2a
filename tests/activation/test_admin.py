"""The parameters of activation changed where an administrator changes them, in the admin: a new GPMI
evaluation rule changes a contract's compliance; a decision tree used by a screening is read-only there, a new
version is added instead, and the stored screening keeps its version, path and outcome."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from activation import services
from activation.models import DecisionTree, Screening

TODAY = timezone.localdate()
CONTRACT = {"social_balance": "Balans", "client_commitments": "Afspraken", "ocmw_commitments": "Begeleiding"}
NO = {
    "care_needs_block_work": False,
    "dutch_below_required_level": False,
    "work_limitation_or_no_experience": False,
    "needs_skills_before_regular_work": False,
    "needs_guidance_to_find_work": False,
}


@pytest.fixture
def admin_client(client, db):
    client.force_login(
        User.objects.create_superuser("beheerder", "beheer@example.org", "Geheim-wachtwoord-1")
    )
    return client


def test_a_rule_added_in_the_admin_changes_compliance(admin_client, api, coached_dossier, coach):
    signed = TODAY - datetime.timedelta(days=400)
    gpmi = services.gpmi_create(
        actor=coach, dossier=coached_dossier, kind="standard", leefloon_granted_on=signed, signed_on=signed,
        **CONTRACT,
    )  # fmt: skip
    for days_ago, in_person in ((300, True), (180, True), (60, False)):
        services.gpmi_evaluate(
            actor=coach, gpmi=gpmi, held_on=TODAY - datetime.timedelta(days=days_ago), in_person=in_person,
            summary="ok",
        )  # fmt: skip
    url = f"/api/v1/gpmi/{gpmi.pk}/"
    assert api(coach).get(url).json()["compliant"] is True

    response = admin_client.post(
        "/admin/activation/gpmievaluationrule/add/",
        {
            "valid_from": (TODAY - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            "evaluations_per_year": "3",
            "in_person_minimum": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    body = api(coach).get(url).json()
    assert (body["evaluations_last_12_months"], body["in_person_last_12_months"]) == (3, 2)
    assert body["compliant"] is False  # three in person now


def test_a_used_tree_is_read_only_in_the_admin_and_a_new_version_leaves_the_screening(
    admin_client, api, coached_dossier, coach
):
    screening = services.screening_record(actor=coach, dossier=coached_dossier, answers=NO)
    used = DecisionTree.objects.get(version=1)
    page = admin_client.get(f"/admin/activation/decisiontree/{used.pk}/change/")
    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()  # shown, not editable

    response = admin_client.post(
        "/admin/activation/decisiontree/add/",
        {
            "version": "2",
            "name": "Beslissingsboom 2027",
            "default_phase": "job_guidance",
            "created_at_0": TODAY.strftime("%d/%m/%Y"),
            "created_at_1": "09:00:00",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0",
            "questions-MAX_NUM_FORMS": "1000",
            "questions-0-position": "1",
            "questions-0-code": "ready_to_work",
            "questions-0-text": "Is de cliënt klaar om zelfstandig werk te zoeken?",
            "questions-0-phase": "work",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    assert api(coach).get("/api/v1/activation/decision-tree/").json()["version"] == 2
    kept = Screening.objects.get(pk=screening.pk)
    assert (kept.tree.version, kept.recommended_phase, kept.path) == (1, "work", list(NO))
    again = api(coach).post(
        "/api/v1/activation/screenings/",
        {"dossier": str(coached_dossier.pk), "answers": {"ready_to_work": False}},
        format="json",
    )
    assert again.status_code == 201, again.content
    assert (again.json()["tree_version"], again.json()["recommended_phase"]) == (2, "job_guidance")
