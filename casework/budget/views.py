"""The budget page: debts, payment plans agreed with creditors, instalments ticked as paid."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.budget import selectors, services
from casework.budget.forms import DebtForm, InstalmentPaidForm, PaymentPlanForm
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from core.errors import DomainError
from core.forms import add_domain_error


@login_required
def budget(request, dossier_id):
    """Budget guidance and debt mediation: the debts, the payment plans agreed with creditors, instalments."""
    dossier = dossier_get(user=request.user, dossier_id=dossier_id, what="debts", minimum=Access.FULL)
    debt_form = DebtForm(request.POST if request.POST.get("form") == "debt" else None)
    error = request.session.pop("budget_error", None)
    if debt_form.is_bound and debt_form.is_valid():
        try:
            services.debt_record(actor=request.user, dossier=dossier, **debt_form.cleaned_data)
            return redirect("casework:budget", dossier_id=dossier.pk)
        except DomainError as error_:
            add_domain_error(debt_form, error_)
    context = {
        "dossier": dossier,
        "debt_form": debt_form,
        "plan_form": PaymentPlanForm(),
        "debts": selectors.debts_of(dossier=dossier),
        "error": error,
    }
    return render(request, "casework/budget/budget.html", context)


@login_required
@require_POST
def payment_plan_add(request, debt_id):
    debt = selectors.debt_get(user=request.user, debt_id=debt_id)
    form = PaymentPlanForm(request.POST)
    if form.is_valid():
        try:
            services.payment_plan_create(actor=request.user, debt=debt, **form.cleaned_data)
        except DomainError as error:
            request.session["budget_error"] = error.message
    else:
        request.session["budget_error"] = " ".join(e for errors in form.errors.values() for e in errors)
    return redirect("casework:budget", dossier_id=debt.dossier.pk)


@login_required
@require_POST
def instalment_paid(request, plan_id):
    plan = selectors.payment_plan_get(user=request.user, plan_id=plan_id)
    form = InstalmentPaidForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Welke afbetaling? De vervaldag is geen geldige datum."), field="due_on")
        services.instalment_mark_paid(actor=request.user, plan=plan, due_on=form.cleaned_data["due_on"])
    except DomainError as error:
        request.session["budget_error"] = error.message
    return redirect("casework:budget", dossier_id=plan.debt.dossier_id)
