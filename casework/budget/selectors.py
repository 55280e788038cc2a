"""Reads of debts and payment plans: each through its dossier's access check, logged once."""

from django.db.models import F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from casework.budget.models import Debt, PaymentPlan
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get, dossier_of
from casework.policy import Access
from core.ids import uuid_or_404
from core.money import ZERO


def _debts_with_paid_amount() -> QuerySet:
    """Debts with what was paid on them in all their plans and what is still owed (one query; no access
    check: private to the selectors below, which check the dossier first)."""
    paid = Sum(
        "payment_plans__instalments__amount", filter=Q(payment_plans__instalments__paid_on__isnull=False)
    )
    return Debt.objects.annotate(paid_amount=Coalesce(paid, Value(ZERO))).annotate(
        outstanding_amount=F("amount") - F("paid_amount")
    )


def debt_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="debts", minimum=Access.FULL)
    return _debts_with_paid_amount().filter(dossier=dossier).order_by("creditor", "pk")


def debt_get(*, user, debt_id, what: str = "debt") -> Debt:
    dossier = dossier_of(Debt, debt_id, user=user, dossier_path="dossier_id", what=what)
    debt = _debts_with_paid_amount().get(pk=debt_id)
    debt.dossier = dossier
    return debt


def _payment_plans_with_instalments() -> QuerySet:
    return PaymentPlan.objects.select_related("debt").prefetch_related("instalments")


def payment_plan_reloaded(*, plan: PaymentPlan) -> PaymentPlan:
    """The plan again with its instalments, after a budget service (which checked the dossier) changed it."""
    return _payment_plans_with_instalments().get(pk=plan.pk)


def payment_plan_list(*, user, dossier_id, debt_id=None) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="payment_plans", minimum=Access.FULL)
    plans = _payment_plans_with_instalments().filter(debt__dossier=dossier).order_by("debt__creditor", "pk")
    return plans.filter(debt_id=uuid_or_404(debt_id)) if debt_id else plans


def payment_plan_get(*, user, plan_id, what: str = "payment_plan") -> PaymentPlan:
    dossier = dossier_of(PaymentPlan, plan_id, user=user, dossier_path="debt__dossier_id", what=what)
    plan = _payment_plans_with_instalments().get(pk=plan_id)
    plan.debt.dossier = dossier
    return plan


def debts_of(*, dossier: Dossier) -> list[Debt]:
    """The debts of a dossier already read through dossier_get, with their plans and instalments."""
    return list(
        _debts_with_paid_amount()
        .filter(dossier=dossier)
        .prefetch_related(Prefetch("payment_plans", queryset=_payment_plans_with_instalments()))
        .order_by("creditor", "pk")
    )
