"""The GPMI through the services: the conclusion deadline, the sociale balans before signing, evaluations by
the rule in force (changed in the admin), amendments as versions, the exemption."""

import datetime

import pytest
from django.utils import timezone

from activation import selectors, services
from activation.models import GpmiEvaluationRule
from casework.timeline.models import TimelineEvent
from core.errors import Conflict, DomainError

CONTRACT = {
    "social_balance": "Alleenstaande moeder, geen recente werkervaring, Nederlands goed.",
    "goals": "Werkervaring opdoen via vrijwilligerswerk.",
    "client_commitments": "Twee voormiddagen per week vrijwilligerswerk in het sociaal restaurant.",
    "ocmw_commitments": "Maandelijks evaluatiegesprek; kinderopvang zoeken.",
}


def test_conclusion_due_is_three_months_after_the_grant(coached_dossier, coach):
    gpmi = services.gpmi_create(
        actor=coach, dossier=coached_dossier, kind="standard", leefloon_granted_on=datetime.date(2025, 8, 31)
    )

    assert (gpmi.conclusion_due, gpmi.status) == (datetime.date(2025, 11, 30), "draft")


def test_the_sociale_balans_comes_before_the_signature(coached_dossier, coach):
    today = timezone.localdate()
    gpmi = services.gpmi_create(
        actor=coach,
        dossier=coached_dossier,
        kind="standard",
        leefloon_granted_on=today - datetime.timedelta(days=20),
    )

    with pytest.raises(DomainError) as refused:
        services.gpmi_update(actor=coach, gpmi=gpmi, signed_on=today, goals="Werk")
    assert refused.value.field == "social_balance"

    gpmi = services.gpmi_update(actor=coach, gpmi=gpmi, signed_on=today, **CONTRACT)
    assert gpmi.status == "signed"
    assert gpmi.next_evaluation_due == selectors.gpmi_standing(gpmi).next_due
    assert TimelineEvent.objects.filter(dossier=coached_dossier, title="GPMI ondertekend").exists()


def test_an_amendment_is_a_new_version(coached_dossier, coach):
    today = timezone.localdate()
    gpmi = services.gpmi_create(
        actor=coach,
        dossier=coached_dossier,
        kind="standard",
        leefloon_granted_on=today,
        signed_on=today,
        **CONTRACT,
    )

    gpmi = services.gpmi_update(actor=coach, gpmi=gpmi, goals="Een IBO in de logistiek")

    assert gpmi.version == 2
    assert gpmi.history.filter(version=1).exists()


def test_evaluations_follow_the_rule_in_force(coached_dossier, coach):
    today = timezone.localdate()
    signed = today - datetime.timedelta(days=400)
    gpmi = services.gpmi_create(
        actor=coach,
        dossier=coached_dossier,
        kind="standard",
        leefloon_granted_on=signed,
        signed_on=signed,
        **CONTRACT,
    )
    for days_ago, in_person in ((300, True), (180, True), (60, False)):
        services.gpmi_evaluate(
            actor=coach,
            gpmi=gpmi,
            held_on=today - datetime.timedelta(days=days_ago),
            in_person=in_person,
            summary="ok",
        )
    gpmi = selectors.gpmi_get(user=coach, gpmi_id=gpmi.pk)

    standing = selectors.gpmi_standing(gpmi)
    assert (standing.last_12_months, standing.in_person_last_12_months, standing.compliant) == (3, 2, True)

    # The admin makes the rule stricter: three in person.
    GpmiEvaluationRule.objects.create(valid_from=today - datetime.timedelta(days=1), in_person_minimum=3)
    assert selectors.gpmi_standing(gpmi).compliant is False
    assert (
        TimelineEvent.objects.filter(dossier=coached_dossier, kind="activation.gpmi_evaluation").count() == 3
    )


def test_an_exemption_needs_a_reason_and_ends_the_draft(coached_dossier, coach):
    gpmi = services.gpmi_create(
        actor=coach, dossier=coached_dossier, kind="standard", leefloon_granted_on=timezone.localdate()
    )
    with pytest.raises(DomainError):
        services.gpmi_exempt(actor=coach, gpmi=gpmi, reason=" ")

    gpmi = services.gpmi_exempt(actor=coach, gpmi=gpmi, reason="Langdurig ziek (attest huisarts)")

    assert gpmi.status == "exempted"
    with pytest.raises(Conflict):
        services.gpmi_evaluate(
            actor=coach, gpmi=gpmi, held_on=timezone.localdate(), in_person=True, summary="x"
        )


def test_the_contract_pdf_holds_both_sides_commitments(client, coached_dossier, coach):
    import io

    import pypdf
    from django.urls import reverse

    today = timezone.localdate()
    gpmi = services.gpmi_create(
        actor=coach,
        dossier=coached_dossier,
        kind="standard",
        leefloon_granted_on=today,
        signed_on=today,
        **CONTRACT,
    )
    client.force_login(coach)

    response = client.get(reverse("activation:gpmi-pdf", args=[gpmi.pk]))

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Twee voormiddagen per week vrijwilligerswerk" in text
    assert "Maandelijks evaluatiegesprek" in text
    assert "Wat het OCMW doet" in text
