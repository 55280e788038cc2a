"""Budget guidance and debt mediation: debts in euro and cent, monthly payment plans computed in Decimal (the
last instalment the remainder, month ends kept), agreed with client and creditor, paid off instalment by
instalment until the debt is settled."""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from casework.budget import rules
from casework.budget.transitions import PAYMENT_PLAN_WORKFLOW
from casework.models import CaseConference, Debt, Instalment, PaymentPlan
from clients.models import AccessLog

DEBTS = "/api/v1/debts/"
PLANS = "/api/v1/payment-plans/"
TODAY = timezone.localdate()
D = Decimal


# --- The schedule: a pure function, tested with tables ---


@pytest.mark.parametrize(
    ("first", "months_later", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 2, date(2024, 3, 31)),  # back to the 31st, not stuck on the 29th
        (date(2024, 1, 31), 3, date(2024, 4, 30)),
        (date(2024, 1, 30), 1, date(2024, 2, 29)),
        (date(2024, 1, 29), 1, date(2024, 2, 29)),
        (date(2024, 1, 28), 1, date(2024, 2, 28)),
        (date(2024, 11, 30), 1, date(2024, 12, 30)),
        (date(2024, 12, 31), 1, date(2025, 1, 31)),  # over the year end
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 5, 15), 0, date(2024, 5, 15)),
        (date(2024, 5, 15), 25, date(2026, 6, 15)),
    ],
)
def test_monthly_due_dates_keep_the_day_capped_at_the_month_end(first, months_later, expected):
    assert rules.monthly_due_date(first, months_later) == expected


@pytest.mark.parametrize(
    ("total", "instalment", "first", "expected"),
    [
        (
            "1000.00",
            "150.00",
            date(2024, 1, 31),
            [
                ("2024-01-31", "150.00"),
                ("2024-02-29", "150.00"),
                ("2024-03-31", "150.00"),
                ("2024-04-30", "150.00"),
                ("2024-05-31", "150.00"),
                ("2024-06-30", "150.00"),
                ("2024-07-31", "100.00"),  # the remainder
            ],
        ),
        (
            "300.00",
            "100.00",
            date(2023, 1, 31),
            [("2023-01-31", "100.00"), ("2023-02-28", "100.00"), ("2023-03-31", "100.00")],  # no remainder
        ),
        ("100.00", "150.00", date(2024, 6, 1), [("2024-06-01", "100.00")]),  # one payment covers it
        (
            "0.05",
            "0.02",
            date(2024, 6, 1),
            [("2024-06-01", "0.02"), ("2024-07-01", "0.02"), ("2024-08-01", "0.01")],
        ),
        (
            "1000.00",
            "333.33",
            date(2025, 11, 30),
            [
                ("2025-11-30", "333.33"),
                ("2025-12-30", "333.33"),
                ("2026-01-30", "333.33"),
                ("2026-02-28", "0.01"),
            ],
        ),
        ("0.01", "0.01", date(2024, 2, 29), [("2024-02-29", "0.01")]),
    ],
)
def test_the_instalment_schedule(total, instalment, first, expected):
    schedule = rules.instalment_schedule(total=D(total), instalment_amount=D(instalment), first_due_on=first)
    assert [(item.due_on.isoformat(), str(item.amount)) for item in schedule] == expected
    assert all(isinstance(item.amount, Decimal) for item in schedule)
    assert sum(item.amount for item in schedule) == D(total)


def test_the_longest_schedule_allowed_and_one_more():
    total = D("120.00")
    assert (
        len(
            rules.instalment_schedule(
                total=total, instalment_amount=D("1.00"), first_due_on=date(2024, 1, 31)
            )
        )
        == 120
    )
    with pytest.raises(rules.ScheduleError):
        rules.instalment_schedule(
            total=D("120.01"), instalment_amount=D("1.00"), first_due_on=date(2024, 1, 31)
        )


@pytest.mark.parametrize(
    ("total", "instalment"),
    [
        (D("0.00"), D("10.00")),
        (D("-10.00"), D("10.00")),
        (D("100.00"), D("0.00")),
        (D("100.00"), D("-5.00")),
        (D("100.00"), D("10.001")),
        (D("100.005"), D("10.00")),
        (D("NaN"), D("10.00")),
        (D("Infinity"), D("10.00")),
        (100.0, D("10.00")),  # never a float for money
        (D("100.00"), 10),
    ],
)
def test_the_schedule_refuses_amounts_that_are_not_positive_cents(total, instalment):
    with pytest.raises(rules.ScheduleError):
        rules.instalment_schedule(total=total, instalment_amount=instalment, first_due_on=date(2024, 1, 1))


PLAN_STATUSES = ["proposed", "agreed", "defaulted", "completed"]
PLAN_ALLOWED = {
    ("proposed", "agreed"),
    ("proposed", "completed"),
    ("proposed", "defaulted"),
    ("agreed", "completed"),
    ("agreed", "defaulted"),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(PLAN_STATUSES, PLAN_STATUSES)))
def test_the_payment_plan_transition_table(current, target):
    assert PAYMENT_PLAN_WORKFLOW.is_allowed(current, target) is ((current, target) in PLAN_ALLOWED)


# --- The API ---


@pytest.fixture
def debt(api, dossier, social_worker):
    body = {"dossier": str(dossier.pk), "creditor": "Energieleverancier", "reference": "F-2024-118"}
    response = api(social_worker).post(DEBTS, body | {"amount": "1000.00"}, format="json")
    assert response.status_code == 201, response.data
    return Debt.objects.get(pk=response.data["id"])


def plan_body(debt, **change):
    return {"debt": str(debt.pk), "instalment_amount": "150.00", "first_due_on": "2024-01-31"} | change


@pytest.fixture
def plan(api, debt, social_worker):
    response = api(social_worker).post(PLANS, plan_body(debt), format="json")
    assert response.status_code == 201, response.data
    return PaymentPlan.objects.get(pk=response.data["id"])


def paid_url(plan, due_on: str) -> str:
    return f"{PLANS}{plan.pk}/instalments/{due_on}/paid/"


class TestDebts:
    def test_a_debt_is_noted_in_euro_and_cent(self, api, debt, social_worker):
        data = api(social_worker).get(f"{DEBTS}{debt.pk}/").data
        assert (data["creditor"], data["reference"], data["amount"], data["status"]) == (
            "Energieleverancier",
            "F-2024-118",
            "1000.00",
            "open",
        )
        assert (data["paid_amount"], data["outstanding_amount"]) == ("0.00", "1000.00")
        assert debt.history.get().history_user == social_worker

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"amount": "0"}, "amount"),
            ({"amount": "0.00"}, "amount"),
            ({"amount": "-5.00"}, "amount"),
            ({"amount": "10.123"}, "amount"),
            ({"amount": 10.123}, "amount"),
            ({"amount": "tien euro"}, "amount"),
            ({"amount": "NaN"}, "amount"),
            ({"amount": "Infinity"}, "amount"),
            ({"amount": "1e400"}, "amount"),
            ({"amount": "10000000000.00"}, "amount"),  # more than 12 digits
            ({"amount": None}, "amount"),
            ({"amount": ["10.00"]}, "amount"),
            ({"creditor": ""}, "creditor"),
            ({"creditor": "   "}, "creditor"),
            ({"creditor": "x" * 151}, "creditor"),
            ({"dossier": "geen-uuid"}, "dossier"),
        ],
    )
    def test_invalid_debts_are_refused_on_their_field_and_nothing_stored(
        self, api, dossier, social_worker, change, field
    ):
        body = {"dossier": str(dossier.pk), "creditor": "Telecom", "amount": "250.00"} | change
        response = api(social_worker).post(DEBTS, body, format="json")
        assert response.status_code == 400, response.data
        assert field in response.data, response.data
        assert not Debt.objects.exists()

    def test_the_debts_of_a_dossier_are_listed_and_logged_once(self, api, debt, dossier, social_worker):
        logged = AccessLog.objects.count()
        listed = api(social_worker).get(DEBTS, {"dossier": str(dossier.pk)})
        assert [d["creditor"] for d in listed.data["results"]] == ["Energieleverancier"]
        assert AccessLog.objects.count() == logged + 1


class TestPaymentPlans:
    def test_a_plan_is_drawn_up_with_its_instalments(self, api, plan, debt, social_worker):
        data = api(social_worker).get(f"{PLANS}{plan.pk}/").data
        assert (data["status"], data["instalment_amount"], data["total_amount"], data["paid_amount"]) == (
            "proposed",
            "150.00",
            "1000.00",
            "0.00",
        )
        assert [(i["due_on"], i["amount"]) for i in data["instalments"]] == [
            ("2024-01-31", "150.00"),
            ("2024-02-29", "150.00"),
            ("2024-03-31", "150.00"),
            ("2024-04-30", "150.00"),
            ("2024-05-31", "150.00"),
            ("2024-06-30", "150.00"),
            ("2024-07-31", "100.00"),
        ]
        debt.refresh_from_db()
        assert debt.status == "in_plan"
        assert {r.history_user for r in Instalment.history.all()} == {social_worker}
        assert Instalment.history.count() == 7

    def test_with_both_agreements_the_plan_is_agreed_at_once(self, api, debt, social_worker):
        body = plan_body(
            debt, agreed_with_client_on=TODAY.isoformat(), agreed_with_creditor_on=TODAY.isoformat()
        )
        response = api(social_worker).post(PLANS, body, format="json")
        assert response.status_code == 201
        assert response.data["status"] == "agreed"

    def test_the_plan_is_agreed_when_the_second_agreement_is_recorded(self, api, plan, social_worker):
        me = api(social_worker)
        first = me.patch(f"{PLANS}{plan.pk}/", {"agreed_with_client_on": TODAY.isoformat()}, format="json")
        assert (first.status_code, first.data["status"]) == (200, "proposed")
        second = me.patch(f"{PLANS}{plan.pk}/", {"agreed_with_creditor_on": TODAY.isoformat()}, format="json")
        assert (second.status_code, second.data["status"]) == (200, "agreed")
        future = me.patch(f"{PLANS}{plan.pk}/", {"agreed_with_client_on": "2999-01-01"}, format="json")
        assert future.status_code == 400
        assert "agreed_with_client_on" in future.data

    def test_one_running_plan_per_debt(self, api, plan, debt, social_worker):
        second = api(social_worker).post(PLANS, plan_body(debt), format="json")
        assert second.status_code == 409
        assert second.data["existing_payment_plan"] == str(plan.pk)
        assert PaymentPlan.objects.count() == 1

    def test_paying_every_instalment_completes_the_plan_and_settles_the_debt(
        self, api, plan, debt, social_worker
    ):
        me = api(social_worker)
        due_dates = list(plan.instalments.values_list("due_on", flat=True))
        for due_on in due_dates[:-1]:
            response = me.post(paid_url(plan, due_on.isoformat()), {"paid_on": "2024-08-01"}, format="json")
            assert (response.status_code, response.data["status"]) == (200, "proposed")
        assert me.get(f"{DEBTS}{debt.pk}/").data["outstanding_amount"] == "100.00"

        last = me.post(paid_url(plan, due_dates[-1].isoformat()), {}, format="json")

        assert (last.status_code, last.data["status"], last.data["paid_amount"]) == (
            200,
            "completed",
            "1000.00",
        )
        assert last.data["instalments"][-1]["paid_on"] == TODAY.isoformat()  # paid_on defaults to today
        debt_data = me.get(f"{DEBTS}{debt.pk}/").data
        assert (debt_data["status"], debt_data["outstanding_amount"]) == ("settled", "0.00")
        again = me.post(paid_url(plan, due_dates[0].isoformat()), {}, format="json")
        assert again.status_code == 409
        new_plan = me.post(PLANS, plan_body(debt), format="json")
        assert new_plan.status_code == 409  # a settled debt gets no new plan

    def test_an_instalment_is_paid_once(self, api, plan, social_worker):
        me = api(social_worker)
        assert (
            me.post(paid_url(plan, "2024-01-31"), {"paid_on": "2024-02-02"}, format="json").status_code == 200
        )
        twice = me.post(paid_url(plan, "2024-01-31"), {}, format="json")
        assert twice.status_code == 409
        assert "02/02/2024" in twice.data["detail"]
        assert plan.instalments.get(due_on="2024-01-31").paid_on == date(2024, 2, 2)

    @pytest.mark.parametrize(
        ("due_on", "body", "status", "field"),
        [
            ("2024-02-01", {}, 404, None),  # no instalment due that day
            ("2024-02-30", {}, 404, None),
            ("morgen", {}, 404, None),
            ("2024-01-31", {"paid_on": "2999-01-01"}, 400, "paid_on"),
            ("2024-01-31", {"paid_on": "gisteren"}, 400, "paid_on"),
        ],
    )
    def test_invalid_payments_are_refused(self, api, plan, social_worker, due_on, body, status, field):
        response = api(social_worker).post(paid_url(plan, due_on), body, format="json")
        assert response.status_code == status
        if field:
            assert field in response.data
        assert not plan.instalments.filter(paid_on__isnull=False).exists()

    def test_a_defaulted_plan_is_replaced_by_a_plan_for_what_is_still_owed(
        self, api, plan, debt, social_worker
    ):
        me = api(social_worker)
        me.post(paid_url(plan, "2024-01-31"), {"paid_on": "2024-01-31"}, format="json")
        me.post(paid_url(plan, "2024-02-29"), {"paid_on": "2024-03-05"}, format="json")
        defaulted = me.post(f"{PLANS}{plan.pk}/transition/", {"to": "defaulted"}, format="json")
        assert (defaulted.status_code, defaulted.data["status"]) == (200, "defaulted")
        debt.refresh_from_db()
        assert debt.status == "open"
        refused = me.post(paid_url(plan, "2024-03-31"), {}, format="json")
        assert refused.status_code == 409

        new_plan = me.post(
            PLANS, plan_body(debt, instalment_amount="200.00", first_due_on="2024-06-15"), format="json"
        )

        assert new_plan.status_code == 201, new_plan.data
        assert [(i["due_on"], i["amount"]) for i in new_plan.data["instalments"]] == [
            ("2024-06-15", "200.00"),
            ("2024-07-15", "200.00"),
            ("2024-08-15", "200.00"),
            ("2024-09-15", "100.00"),
        ]
        assert me.get(f"{DEBTS}{debt.pk}/").data["paid_amount"] == "300.00"

    @pytest.mark.parametrize(
        ("target", "status"),
        [("agreed", 400), ("completed", 409), ("proposed", 409), ("afgebroken", 400)],
    )
    def test_transitions_outside_the_rules_are_refused(self, api, plan, social_worker, target, status):
        response = api(social_worker).post(f"{PLANS}{plan.pk}/transition/", {"to": target}, format="json")
        assert response.status_code == status, response.data
        plan.refresh_from_db()
        assert plan.status == "proposed"

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"instalment_amount": "0.00"}, "instalment_amount"),
            ({"instalment_amount": "-50.00"}, "instalment_amount"),
            ({"instalment_amount": "50.555"}, "instalment_amount"),
            ({"instalment_amount": "vijftig"}, "instalment_amount"),
            ({"instalment_amount": "NaN"}, "instalment_amount"),
            ({"instalment_amount": "8.00"}, "instalment_amount"),  # 125 months: longer than 10 years
            ({"first_due_on": "2024-02-30"}, "first_due_on"),
            ({"first_due_on": "9999-12-31"}, "first_due_on"),
            ({"first_due_on": None}, "first_due_on"),
            ({"agreed_with_client_on": "2999-01-01"}, "agreed_with_client_on"),
            ({"agreed_with_creditor_on": "ooit"}, "agreed_with_creditor_on"),
            ({"debt": "geen-uuid"}, "debt"),
        ],
    )
    def test_invalid_plans_are_refused_on_their_field_and_nothing_stored(
        self, api, debt, social_worker, change, field
    ):
        response = api(social_worker).post(PLANS, plan_body(debt) | change, format="json")
        assert response.status_code == 400, response.data
        assert field in response.data, response.data
        assert not PaymentPlan.objects.exists()
        assert not Instalment.objects.exists()
        debt.refresh_from_db()
        assert debt.status == "open"

    def test_an_unknown_debt_is_404(self, api, debt, social_worker):
        body = plan_body(debt) | {"debt": "00000000-0000-0000-0000-000000000000"}
        assert api(social_worker).post(PLANS, body, format="json").status_code == 404

    def test_the_plans_of_a_dossier_are_listed_and_logged_once(self, api, plan, debt, dossier, social_worker):
        me = api(social_worker)
        logged = AccessLog.objects.count()
        listed = me.get(PLANS, {"dossier": str(dossier.pk)})
        assert [p["id"] for p in listed.data["results"]] == [str(plan.pk)]
        assert AccessLog.objects.count() == logged + 1
        assert me.get(PLANS, {"dossier": str(dossier.pk), "debt": str(debt.pk)}).data["count"] == 1


class TestAccess:
    def requests(self, dossier, debt, plan):
        return [
            ("get", DEBTS, {"dossier": str(dossier.pk)}, 200),
            ("get", f"{DEBTS}{debt.pk}/", None, 200),
            ("post", DEBTS, {"dossier": str(dossier.pk), "creditor": "Telecom", "amount": "80.00"}, 201),
            ("get", PLANS, {"dossier": str(dossier.pk)}, 200),
            ("get", f"{PLANS}{plan.pk}/", None, 200),
            ("patch", f"{PLANS}{plan.pk}/", {"agreed_with_client_on": TODAY.isoformat()}, 200),
            ("post", paid_url(plan, "2024-01-31"), {}, 200),
            ("post", f"{PLANS}{plan.pk}/transition/", {"to": "defaulted"}, 200),
            ("post", PLANS, plan_body(debt), 201),  # after the default, a new plan
        ]

    def test_the_owner_may(self, api, dossier, debt, plan, social_worker):
        for method, url, body, expected in self.requests(dossier, debt, plan):
            response = getattr(api(social_worker), method)(url, body, format="json")
            assert response.status_code == expected, (url, response.data)

    def test_a_colleague_of_another_team_gets_404_and_changes_nothing(
        self, api, dossier, debt, plan, other_team_worker
    ):
        for method, url, body, _expected in self.requests(dossier, debt, plan):
            assert getattr(api(other_team_worker), method)(url, body, format="json").status_code == 404, url
        plan.refresh_from_db()
        assert (plan.status, plan.agreed_with_client_on) == ("proposed", None)
        assert (Debt.objects.count(), PaymentPlan.objects.count()) == (1, 1)
        assert not plan.instalments.filter(paid_on__isnull=False).exists()

    def test_an_anonymous_caller_gets_401(self, api, dossier, debt, plan):
        for method, url, body, _expected in self.requests(dossier, debt, plan):
            assert getattr(api(), method)(url, body, format="json").status_code == 401, url


@pytest.mark.parametrize(
    ("url", "body"),
    [
        (DEBTS, {"creditor": "Telecom", "amount": "80.00"}),
        ("/api/v1/case-conferences/", {"held_on": "2024-05-01", "agreements": "Afspraken"}),
    ],
)
def test_no_new_work_in_a_closed_dossier(api, dossier, social_worker, url, body):
    assert (
        api(social_worker).post(f"/api/v1/dossiers/{dossier.pk}/close/", {"reason": "Verhuisd"}).status_code
        == 200
    )
    response = api(social_worker).post(url, body | {"dossier": str(dossier.pk)}, format="json")
    assert response.status_code == 409
    assert "afgesloten" in response.data["detail"]
    assert not Debt.objects.exists()
    assert not CaseConference.objects.exists()
