"""The obligations engine in casework: the register and the referrals start and meet their clocks in the
same transaction; the worklist API shows a person their own, a team lead the team's, and another team
nothing; a team lead reassigns; the list answers with a constant number of queries."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from casework.obligations import services as obligations
from casework.obligations.models import Obligation, PublicHoliday
from casework.register.services import request_register, request_transition
from casework.socialmap.services import referral_propose, referral_transition
from tests.factories import DossierFactory, PartnerFactory, UserFactory

TODAY = timezone.localdate()


def open_ones(**where):
    return Obligation.objects.filter(state__in=["open", "overdue"], **where)


def test_a_registered_request_starts_its_decision_clock(dossier, social_worker):
    aid_request = request_register(actor=social_worker, dossier=dossier, kind="leefloon", received_on=TODAY)

    obligation = open_ones().get()
    assert obligation.kind == "decision_due"
    assert obligation.due_on == TODAY + datetime.timedelta(days=30) == aid_request.decision_due
    assert (obligation.responsible, obligation.team, obligation.dossier) == (
        social_worker,
        dossier.team,
        dossier,
    )
    assert (obligation.object_type, obligation.object_id) == ("casework.aidrequest", str(aid_request.pk))
    assert obligation.history.get().history_change_reason == "obligation_open"


def test_a_failed_registration_leaves_no_clock(dossier, social_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        request_register(actor=social_worker, dossier=dossier, kind="leefloon", received_on=TODAY)
        raise RuntimeError("the write fails after the service")
    assert not Obligation.objects.exists()


@pytest.mark.parametrize(("to", "state"), [("forwarded", "met"), ("withdrawn", "waived")])
def test_forwarding_meets_and_withdrawing_waives_the_decision_clock(dossier, social_worker, to, state):
    aid_request = request_register(actor=social_worker, dossier=dossier, kind="leefloon", received_on=TODAY)

    request_transition(
        actor=social_worker,
        aid_request=aid_request,
        to=to,
        forwarded_to="OCMW Gent",
        forward_reasons="Woont daar",
    )

    obligation = Obligation.objects.get()
    assert obligation.state == state
    assert obligation.closed_by == social_worker
    if state == "waived":
        assert obligation.waived_reason == "aanvraag ingetrokken"


def test_a_referral_expects_feedback_until_the_partner_answers(dossier, social_worker):
    referral = referral_propose(
        actor=social_worker, dossier=dossier, partner=PartnerFactory(), reason="Schulden"
    )
    obligation = open_ones().get()
    assert (obligation.kind, obligation.due_on) == ("referral_feedback_due", referral.feedback_due)

    referral = referral_transition(actor=social_worker, referral=referral, to="sent")
    assert open_ones().count() == 1
    referral_transition(actor=social_worker, referral=referral, to="accepted")

    assert Obligation.objects.get().state == "met"


def test_opening_a_clock_again_moves_it_and_never_doubles_it(dossier, social_worker):
    first = obligations.obligation_open(
        actor=social_worker, kind="decision_due", obj=dossier, due_on=TODAY, dossier=dossier
    )
    moved = obligations.obligation_open(
        actor=social_worker, kind="decision_due", obj=dossier, due_on=TODAY + datetime.timedelta(days=3)
    )
    assert moved.pk == first.pk
    assert Obligation.objects.get().due_on == TODAY + datetime.timedelta(days=3)
    assert [h.history_change_reason for h in moved.history.order_by("history_date")] == [
        "obligation_open",
        "obligation_move",
    ]


def test_a_kind_that_moves_reads_the_holiday_table(settings, db):
    PublicHoliday.objects.update_or_create(date=datetime.date(2027, 3, 1), defaults={"name": "Proef"})
    # 30/11/2026 + 3 months = Sunday 28/02/2027 → Monday 01/03 is a holiday here → Tuesday 02/03.
    assert obligations.due_on("appeal_window_end", datetime.date(2026, 11, 30)) == datetime.date(2027, 3, 2)
    settings.OBLIGATION_TERM_MOVES = {"appeal_window_end": False}
    assert obligations.due_on("appeal_window_end", datetime.date(2026, 11, 30)) == datetime.date(2027, 2, 28)


def test_the_holidays_of_2025_to_2028_are_seeded(db):
    from importlib import import_module

    from django.apps import apps

    # A transactional test elsewhere in the run empties the table; the seed is idempotent.
    import_module("casework.migrations.0019_obligations").seed(apps, None)
    assert PublicHoliday.objects.filter(date__year__in=[2025, 2026, 2027, 2028]).count() == 40


# --- The worklist API ---


def make(responsible, *, days: int, kind="decision_due", dossier=None, team=None):
    dossier = dossier or DossierFactory(team=responsible.team, social_worker=responsible)
    return obligations.obligation_open(
        actor=responsible,
        kind=kind,
        obj=dossier,
        due_on=TODAY + datetime.timedelta(days=days),
        dossier=dossier,
        responsible=responsible,
        **({"team": team} if team is not None else {}),
    )


def test_the_worklist_lists_the_callers_obligations_most_urgent_first(api, social_worker):
    later = make(social_worker, days=20)
    overdue = make(social_worker, days=-2)
    this_week = make(social_worker, days=3, kind="monitoring_due")

    response = api(social_worker).get("/api/v1/worklist/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [str(overdue.pk), str(this_week.pk), str(later.pk)]
    first = results[0]
    assert set(first) >= {"id", "kind", "due_on", "overdue", "dossier", "object_id", "responsible"}
    assert first["overdue"] is True and results[1]["overdue"] is False
    assert first["responsible"] == "sofie"
    assert first["dossier"] == str(overdue.dossier_id)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=monitoring_due", ["monitoring"]),
        ("period=overdue", ["overdue"]),
        ("period=this_week", ["monitoring"]),
        ("period=later", ["later"]),
        (f"due_from={TODAY.isoformat()}", ["monitoring", "later"]),
    ],
)
def test_the_worklist_filters(api, social_worker, query, expected):
    made = {
        "later": make(social_worker, days=20),
        "overdue": make(social_worker, days=-2),
        "monitoring": make(social_worker, days=3, kind="monitoring_due"),
    }
    response = api(social_worker).get(f"/api/v1/worklist/?{query}")
    assert [r["id"] for r in response.json()["results"]] == [str(made[name].pk) for name in expected]


def test_a_bad_filter_is_a_400_in_dutch(api, social_worker):
    response = api(social_worker).get("/api/v1/worklist/?kind=nonsense&due_from=gisteren")
    assert response.status_code == 400
    assert set(response.json()) == {"kind", "due_from"}


def test_another_team_sees_nothing_and_an_anonymous_caller_is_refused(api, social_worker, other_team_worker):
    mine = make(social_worker, days=1)

    assert api(other_team_worker).get("/api/v1/worklist/").json()["results"] == []
    assert api(other_team_worker).get("/api/v1/worklist/?person=sofie").json()["results"] == []
    assert api(other_team_worker).get("/api/v1/worklist/?team=centrum").json()["results"] == []
    refused = api(other_team_worker).post(
        f"/api/v1/worklist/{mine.pk}/reassign/", {"to": "bram"}, format="json"
    )
    assert refused.status_code == 404
    assert api().get("/api/v1/worklist/").status_code in (401, 403)
    assert api().post(f"/api/v1/worklist/{mine.pk}/reassign/", {"to": "bram"}).status_code in (401, 403)


def test_a_team_lead_sees_the_team_and_reassigns_within_it(
    api, social_worker, team_lead, team, other_team_worker
):
    colleague = UserFactory(username="lotte", team=team, roles=["social_worker"])
    obligation = make(social_worker, days=-1)

    team_list = api(team_lead).get("/api/v1/worklist/?team=centrum").json()["results"]
    assert [r["id"] for r in team_list] == [str(obligation.pk)]
    assert api(team_lead).get("/api/v1/worklist/?person=sofie").json()["results"] == team_list

    response = api(team_lead).post(
        f"/api/v1/worklist/{obligation.pk}/reassign/", {"to": "lotte"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["responsible"] == "lotte"
    assert [r["id"] for r in api(colleague).get("/api/v1/worklist/").json()["results"]] == [
        str(obligation.pk)
    ]
    assert api(social_worker).get("/api/v1/worklist/").json()["results"] == []
    assert Obligation.objects.get().history.first().history_change_reason == "obligation_reassign"

    outside = api(team_lead).post(
        f"/api/v1/worklist/{obligation.pk}/reassign/", {"to": "bram"}, format="json"
    )
    assert outside.status_code == 400
    assert "to" in outside.json()


def test_a_social_worker_cannot_reassign_their_own(api, social_worker, team):
    UserFactory(username="lotte", team=team, roles=["social_worker"])
    obligation = make(social_worker, days=1)
    response = api(social_worker).post(
        f"/api/v1/worklist/{obligation.pk}/reassign/", {"to": "lotte"}, format="json"
    )
    assert response.status_code == 403


def test_the_head_of_service_sees_every_team(api, social_worker, other_team_worker):
    head = UserFactory(username="hilde", roles=["head_of_service"])
    make(social_worker, days=1)
    make(other_team_worker, days=-3)
    assert len(api(head).get("/api/v1/worklist/?team=noord").json()["results"]) == 1
    counts = {row["team__code"]: row for row in obligations_team_counts(head)}
    assert counts["noord"]["overdue"] == 1 and counts["centrum"]["this_week"] == 1


def obligations_team_counts(user):
    from casework.obligations.selectors import team_counts

    return team_counts(user=user)


def test_a_restricted_dossier_stays_hidden_from_the_team_lead(api, social_worker, team_lead):
    dossier = DossierFactory(team=social_worker.team, social_worker=social_worker, restricted=True)
    dossier.restricted_to.set([social_worker])
    make(social_worker, days=1, dossier=dossier)
    assert api(team_lead).get("/api/v1/worklist/?team=centrum").json()["results"] == []
    assert len(api(social_worker).get("/api/v1/worklist/").json()["results"]) == 1


def test_a_closed_dossiers_clocks_leave_the_worklist(api, social_worker):
    obligation = make(social_worker, days=1)
    dossier = obligation.dossier
    dossier.status, dossier.closed_on = "closed", TODAY
    dossier.save()
    assert api(social_worker).get("/api/v1/worklist/").json()["results"] == []


@pytest.mark.parametrize("count", [10, 1000])
def test_the_worklist_answers_with_a_constant_number_of_queries(
    api, social_worker, django_assert_max_num_queries, count
):
    dossiers = [DossierFactory(team=social_worker.team, social_worker=social_worker) for _ in range(10)]
    Obligation.objects.bulk_create(
        Obligation(
            kind="decision_due",
            due_on=TODAY + datetime.timedelta(days=n % 40 - 10),
            responsible=social_worker,
            team=social_worker.team,
            dossier=dossiers[n % 10],
            object_type="casework.aidrequest",
            object_id=str(n),
        )
        for n in range(count)
    )
    client = api(social_worker)
    client.get("/api/v1/worklist/")  # warm up (token, session)
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/worklist/?page_size=200")
    assert response.json()["count"] == count
    assert len(response.json()["results"]) == min(count, 200)


def test_a_move_keeps_a_reassignment(api, social_worker, team_lead, team):
    UserFactory(username="lotte", team=team, roles=["social_worker"])
    obligation = make(social_worker, days=5)
    api(team_lead).post(f"/api/v1/worklist/{obligation.pk}/reassign/", {"to": "lotte"}, format="json")

    obligations.obligation_open(
        actor=social_worker,
        kind="decision_due",
        obj=obligation.dossier,
        due_on=TODAY + datetime.timedelta(days=9),
        responsible=social_worker,
    )

    moved = Obligation.objects.get()
    assert (moved.responsible.username, moved.due_on) == ("lotte", TODAY + datetime.timedelta(days=9))


def test_an_agreed_payment_plan_follows_its_next_instalment(dossier, social_worker):
    from decimal import Decimal

    from casework.budget.services import debt_record, instalment_mark_paid, payment_plan_create

    debt = debt_record(actor=social_worker, dossier=dossier, creditor="Eandis", amount=Decimal("300.00"))
    # 31/10/2026 is a Saturday: the instalment is on time until Monday 2/11 (1/11, All Saints, is a Sunday).
    plan = payment_plan_create(
        actor=social_worker,
        debt=debt,
        instalment_amount=Decimal("150.00"),
        first_due_on=datetime.date(2026, 10, 31),
        agreed_with_client_on=datetime.date(2026, 10, 1),
        agreed_with_creditor_on=datetime.date(2026, 10, 1),
    )
    assert list(open_ones(kind="instalment_due").values_list("due_on", flat=True)) == [
        datetime.date(2026, 11, 2)
    ]

    instalment_mark_paid(actor=social_worker, plan=plan, due_on=datetime.date(2026, 10, 31), paid_on=TODAY)
    assert list(open_ones(kind="instalment_due").values_list("due_on", flat=True)) == [
        datetime.date(2026, 11, 30)
    ]
    instalment_mark_paid(actor=social_worker, plan=plan, due_on=datetime.date(2026, 11, 30), paid_on=TODAY)

    assert not open_ones(kind="instalment_due").exists()
    assert Obligation.objects.filter(kind="instalment_due", state="met").count() == 2
