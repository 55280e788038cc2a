"""Debts, payment plans agreed with creditors and their instalments (budget guidance and debt mediation)."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from casework import policy
from casework.budget import rules, selectors
from casework.budget.models import Debt, DebtStatus, Instalment, PaymentPlan, PaymentPlanStatus
from casework.budget.transitions import DEBT_STATUS_AFTER_PLAN, DEBT_WORKFLOW, PAYMENT_PLAN_WORKFLOW
from casework.dossiers.models import Dossier
from casework.dossiers.services import require_open
from casework.obligations import services as obligations
from core.dates import check_event_date, check_planned_date
from core.errors import Conflict, DomainError, NotFoundError
from core.history import save_with_history
from core.money import CENT, ZERO


def _check_money(amount, *, field: str) -> None:
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= ZERO:
        raise DomainError(_("Geef een bedrag groter dan nul."), field=field)
    if amount != amount.quantize(CENT):
        raise DomainError(_("Geef een bedrag in euro en cent (twee decimalen)."), field=field)


@transaction.atomic
def debt_record(*, actor, dossier: Dossier, creditor: str, amount: Decimal, reference: str = "") -> Debt:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    require_open(dossier)
    if not creditor.strip():
        raise DomainError(_("Wie is de schuldeiser?"), field="creditor")
    _check_money(amount, field="amount")
    debt = Debt(dossier=dossier, creditor=creditor.strip(), reference=reference.strip(), amount=amount)
    save_with_history(debt, actor=actor, reason="debt_record", force_insert=True)
    debt.paid_amount, debt.outstanding_amount = ZERO, amount
    return debt


def _payment_plan_locked(plan: PaymentPlan, *, actor) -> PaymentPlan:
    # The plan and its debt are locked together: two workers ticking the last two instalments at once are
    # serialised here, so the second one sees the first payment and completes the plan.
    plan = (
        PaymentPlan.objects.select_for_update(of=("self", "debt"))
        .select_related("debt__dossier")
        .get(pk=plan.pk)
    )
    if not policy.may_work_on(actor, plan.debt.dossier):
        raise NotFoundError()
    return plan


def _payment_plan_move(plan: PaymentPlan, to: str, *, actor) -> None:
    """The one place a payment plan changes status (transitions.PAYMENT_PLAN_WORKFLOW); the debt follows.
    The caller holds the lock of _payment_plan_locked."""
    PAYMENT_PLAN_WORKFLOW.check(actor, plan, plan.status, to)
    if to == PaymentPlanStatus.AGREED and not (plan.agreed_with_client_on and plan.agreed_with_creditor_on):
        raise DomainError(
            _("Een plan is pas akkoord als de cliënt en de schuldeiser akkoord gingen."),
            field="agreed_with_creditor_on",
        )
    if to == PaymentPlanStatus.COMPLETED and plan.instalments.filter(paid_on__isnull=True).exists():
        raise Conflict(_("Nog niet alle afbetalingen van dit plan zijn betaald."))
    plan.status = to
    save_with_history(plan, actor=actor, reason=f"payment_plan_transition:{to}")
    debt_status = DEBT_STATUS_AFTER_PLAN[to]
    if plan.debt.status != debt_status:
        DEBT_WORKFLOW.check(actor, plan.debt, plan.debt.status, debt_status)
        plan.debt.status = debt_status
        save_with_history(plan.debt, actor=actor, reason=f"payment_plan_transition:{to}")
    obligations.payment_plan_changed(actor=actor, plan=plan)


@transaction.atomic
def payment_plan_create(
    *,
    actor,
    debt: Debt,
    instalment_amount: Decimal,
    first_due_on,
    agreed_with_client_on=None,
    agreed_with_creditor_on=None,
) -> PaymentPlan:
    """A monthly payment plan for what is still owed on the debt, with its instalments (rules.py)."""
    # Two workers drawing up a plan for the same debt at once would both see "no running plan": lock the debt.
    debt = Debt.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=debt.pk)
    if not policy.may_work_on(actor, debt.dossier):
        raise NotFoundError()
    if debt.status in (DebtStatus.SETTLED, DebtStatus.DISPUTED):
        raise Conflict(
            _("Deze schuld is %(status)s: er komt geen afbetalingsplan.")
            % {"status": debt.get_status_display()}
        )
    running = debt.payment_plans.filter(status__in=[PaymentPlanStatus.PROPOSED, PaymentPlanStatus.AGREED])
    if running_id := running.values_list("pk", flat=True).first():
        raise Conflict(
            _("Voor deze schuld loopt al een afbetalingsplan."), existing_payment_plan=str(running_id)
        )
    _check_money(instalment_amount, field="instalment_amount")
    check_event_date(agreed_with_client_on, field="agreed_with_client_on")
    check_event_date(agreed_with_creditor_on, field="agreed_with_creditor_on")
    check_planned_date(first_due_on, field="first_due_on")
    if first_due_on > timezone.localdate() + timedelta(days=rules.PAYMENT_PLAN_MAX_START_DAYS):
        raise DomainError(_("De eerste vervaldag ligt hoogstens een jaar na vandaag."), field="first_due_on")
    paid = Instalment.objects.filter(plan__debt=debt, paid_on__isnull=False).aggregate(total=Sum("amount"))
    paid_before = paid["total"] or ZERO
    try:
        schedule = rules.instalment_schedule(
            total=debt.amount - paid_before, instalment_amount=instalment_amount, first_due_on=first_due_on
        )
    except rules.ScheduleError:
        raise DomainError(
            _("Met deze afbetaling duurt het plan langer dan %(months)d maanden: verhoog het bedrag.")
            % {"months": rules.MAX_INSTALMENTS},
            field="instalment_amount",
        ) from None
    plan = PaymentPlan(
        debt=debt,
        instalment_amount=instalment_amount,
        first_due_on=first_due_on,
        agreed_with_client_on=agreed_with_client_on,
        agreed_with_creditor_on=agreed_with_creditor_on,
    )
    save_with_history(plan, actor=actor, reason="payment_plan_create", force_insert=True)
    bulk_create_with_history(
        [Instalment(plan=plan, due_on=item.due_on, amount=item.amount) for item in schedule],
        Instalment,
        default_user=actor,
        default_change_reason="payment_plan_create",
    )
    if debt.status != DebtStatus.IN_PLAN:
        DEBT_WORKFLOW.check(actor, debt, debt.status, DebtStatus.IN_PLAN)
        debt.status = DebtStatus.IN_PLAN
    save_with_history(debt, actor=actor, reason="payment_plan_create")
    if agreed_with_client_on and agreed_with_creditor_on:
        _payment_plan_move(plan, PaymentPlanStatus.AGREED, actor=actor)
    return selectors.payment_plan_reloaded(plan=plan)


PAYMENT_PLAN_AGREEMENT_DATES = {"agreed_with_client_on", "agreed_with_creditor_on"}


@transaction.atomic
def payment_plan_agree(*, actor, plan: PaymentPlan, **dates) -> PaymentPlan:
    """Record when the client and the creditor agreed; with both dates the proposal becomes agreed."""
    plan = _payment_plan_locked(plan, actor=actor)
    if unknown := set(dates) - PAYMENT_PLAN_AGREEMENT_DATES:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if plan.status not in (PaymentPlanStatus.PROPOSED, PaymentPlanStatus.AGREED):
        raise Conflict(_("Dit afbetalingsplan is afgesloten."))
    for field, value in dates.items():
        check_event_date(value, field=field)
        setattr(plan, field, value)
    save_with_history(plan, actor=actor, reason="payment_plan_agree")
    both_agreed = plan.agreed_with_client_on and plan.agreed_with_creditor_on
    if both_agreed and plan.status == PaymentPlanStatus.PROPOSED:
        _payment_plan_move(plan, PaymentPlanStatus.AGREED, actor=actor)
    return selectors.payment_plan_reloaded(plan=plan)


@transaction.atomic
def payment_plan_transition(*, actor, plan: PaymentPlan, to: str) -> PaymentPlan:
    plan = _payment_plan_locked(plan, actor=actor)
    _payment_plan_move(plan, to, actor=actor)
    return selectors.payment_plan_reloaded(plan=plan)


@transaction.atomic
def instalment_mark_paid(*, actor, plan: PaymentPlan, due_on, paid_on=None) -> PaymentPlan:
    """Tick one instalment as paid; the last one completes the plan and settles the debt."""
    plan = _payment_plan_locked(plan, actor=actor)
    if plan.status not in (PaymentPlanStatus.PROPOSED, PaymentPlanStatus.AGREED):
        raise Conflict(_("Dit afbetalingsplan is afgesloten: er worden geen betalingen meer geregistreerd."))
    instalment = plan.instalments.filter(due_on=due_on).first()
    if instalment is None:
        raise NotFoundError()
    if instalment.paid_on is not None:
        raise Conflict(
            _("Deze afbetaling is al betaald op %(date)s.")
            % {"date": instalment.paid_on.strftime("%d/%m/%Y")}
        )
    paid_on = paid_on or timezone.localdate()
    check_event_date(paid_on, field="paid_on")
    instalment.paid_on = paid_on
    save_with_history(instalment, actor=actor, reason="instalment_mark_paid")
    obligations.payment_plan_changed(actor=actor, plan=plan, paid_on=paid_on)
    if not plan.instalments.filter(paid_on__isnull=True).exists():
        _payment_plan_move(plan, PaymentPlanStatus.COMPLETED, actor=actor)
    return selectors.payment_plan_reloaded(plan=plan)
