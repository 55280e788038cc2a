"""The web UI of a request: its page in the register, the social inquiry with the leefloon calculator, and
the dossier's help plan with referrals (journeys 2 and 4). Views call selectors and services only."""

from contextlib import suppress

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from casework import rules, selectors, services
from casework.forms import (
    CalculatorForm,
    CaseConferenceForm,
    DebtForm,
    HelpPlanForm,
    InquiryForm,
    KszForm,
    PaymentPlanForm,
    ReferralForm,
    add_domain_error,
)
from casework.models import ReferralStatus
from casework.policy import Access
from config.errors import Conflict, DomainError, NotFoundError, PermissionDeniedError


def _or_404(read, **kwargs):
    try:
        return read(**kwargs)
    except NotFoundError:
        raise Http404 from None


@login_required
def request_detail(request, request_id):
    aid_request = _or_404(selectors.request_get, user=request.user, request_id=request_id)
    return render(
        request,
        "casework/request_detail.html",
        {
            "aid_request": aid_request,
            "next_states": rules.REQUEST_TRANSITIONS.get(aid_request.status, ()),
            "full_access": aid_request.dossier.access is Access.FULL,
            "error": request.session.pop("request_error", None),
        },
    )


@login_required
@require_POST
def request_transition(request, request_id):
    aid_request = _or_404(
        selectors.request_get, user=request.user, request_id=request_id, what="aanvraag wijzigen"
    )
    try:
        services.request_transition(
            actor=request.user,
            aid_request=aid_request,
            to=request.POST.get("to", ""),
            forwarded_to=request.POST.get("forwarded_to", ""),
            forward_reasons=request.POST.get("forward_reasons", ""),
        )
    except NotFoundError:
        raise Http404 from None
    except (DomainError, PermissionDeniedError) as error:
        # Shown once on the request page after the redirect (post/redirect/get).
        request.session["request_error"] = error.message
    return redirect("casework:request", request_id=aid_request.pk)


def _inquiry_context(request, inquiry, **forms):
    return {
        "inquiry": inquiry,
        "aid_request": inquiry.request,
        "missing": services.inquiry_missing_labels(inquiry),
        "report_form": forms.get("report_form")
        or InquiryForm(instance=inquiry, initial={"version": inquiry.version}),
        "ksz_form": forms.get("ksz_form") or KszForm(),
        "calculator_form": forms.get("calculator_form")
        or CalculatorForm(
            initial={
                "reference_date": inquiry.request.received_on,
                "category": 2,
                "apply_general_exemption": True,
            }
        ),
        "calculation": forms.get("calculation"),
        "stored_calculations": selectors.calculations_for_inquiry_without_log(inquiry=inquiry),
        "report_error": forms.get("report_error"),
    }


def _inquiry(request, inquiry_id):
    return _or_404(selectors.inquiry_get, user=request.user, inquiry_id=inquiry_id)


@login_required
def inquiry_detail(request, inquiry_id):
    inquiry = _inquiry(request, inquiry_id)
    return render(request, "casework/inquiry_detail.html", _inquiry_context(request, inquiry))


@login_required
@require_POST
def inquiry_report_save(request, inquiry_id):
    """A stale save keeps what the worker typed in the form and says a colleague changed the report."""
    inquiry = _inquiry(request, inquiry_id)
    form = InquiryForm(request.POST, instance=inquiry)
    if form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.Meta.fields}
        try:
            services.inquiry_update(
                actor=request.user, inquiry=inquiry, version=form.cleaned_data["version"], **changes
            )
            return redirect("casework:inquiry", inquiry_id=inquiry.pk)
        except Conflict as error:
            return render(
                request,
                "casework/inquiry_detail.html",
                _inquiry_context(
                    request, _inquiry(request, inquiry_id), report_form=form, report_error=error.message
                ),
                status=409,
            )
    return render(
        request, "casework/inquiry_detail.html", _inquiry_context(request, inquiry, report_form=form)
    )


@login_required
@require_POST
def inquiry_document_toggle(request, inquiry_id):
    inquiry = _inquiry(request, inquiry_id)
    received = request.POST.get("received") == "on"
    with suppress(DomainError):  # a refused mark leaves the checklist as it was, which the page shows
        services.inquiry_document_mark(
            actor=request.user,
            inquiry=inquiry,
            name=request.POST.get("name", ""),
            received_on=timezone.localdate() if received else None,
        )
    return redirect("casework:inquiry", inquiry_id=inquiry.pk)


@login_required
@require_POST
def inquiry_ksz_add(request, inquiry_id):
    inquiry = _inquiry(request, inquiry_id)
    form = KszForm(request.POST)
    if form.is_valid():
        try:
            services.ksz_consultation_record(
                actor=request.user,
                dossier=inquiry.request.dossier,
                aid_request=inquiry.request,
                **form.cleaned_data,
            )
            return redirect("casework:inquiry", inquiry_id=inquiry.pk)
        except DomainError as error:
            add_domain_error(form, error)
    return render(request, "casework/inquiry_detail.html", _inquiry_context(request, inquiry, ksz_form=form))


@login_required
@require_POST
def inquiry_calculate(request, inquiry_id):
    """Calculate (shown), keep the calculation with the inquiry, or put its lines in the social report."""
    inquiry = _inquiry(request, inquiry_id)
    form = CalculatorForm(request.POST)
    calculation = None
    if form.is_valid():
        data = form.cleaned_data
        action = request.POST.get("action", "calculate")
        try:
            calculation, _stored = services.leefloon_calculate(
                actor=request.user,
                category=data["category"],
                reference_date=data["reference_date"],
                resources=form.resources(),
                apply_general_exemption=data["apply_general_exemption"],
                count_relative_income=data["count_relative_income"],
                relative_income_reason=data["relative_income_reason"],
                apply_spi_exemption=data["apply_spi_exemption"],
                inquiry=inquiry if action in ("store", "report") else None,
            )
            if action == "report":
                lines = "\n".join(f"{line.label}: € {_money(line.amount)}" for line in calculation.lines)
                means = f"{inquiry.means}\n\n{lines}".strip()
                services.inquiry_update(
                    actor=request.user, inquiry=inquiry, version=inquiry.version, means=means
                )
                # The report section around the calculator changed: the whole page is shown again.
                url = reverse("casework:inquiry", args=[inquiry.pk])
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
        except DomainError as error:
            add_domain_error(form, error)
            calculation = None
    template = "casework/_calculator.html" if request.htmx else "casework/inquiry_detail.html"
    context = _inquiry_context(
        request, _inquiry(request, inquiry_id), calculator_form=form, calculation=calculation
    )
    return render(request, template, context)


def _money(amount) -> str:
    """€ amounts as people read them in nl-BE: 1.234,56."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@login_required
def help_plan(request, dossier_id):
    dossier = _or_404(
        selectors.dossier_get,
        user=request.user,
        dossier_id=dossier_id,
        what="hulpverleningsplan",
        minimum=Access.FULL,
    )
    plan = selectors.help_plan_of(dossier=dossier)
    form = HelpPlanForm(request.POST or None, initial=HelpPlanForm.initial_from(plan) if plan else None)
    referral_form = ReferralForm(partners=selectors.partners_active())
    error = None
    if request.method == "POST" and form.is_valid():
        dates = {f: form.cleaned_data[f] for f in ("agreed_with_client_on", "next_evaluation_on")}
        try:
            if plan is None:
                services.help_plan_create(actor=request.user, dossier=dossier, goals=form.goals(), **dates)
            else:
                services.help_plan_replace(
                    actor=request.user,
                    plan=plan,
                    version=form.cleaned_data["version"] or 0,
                    goals=form.goals(),
                    **dates,
                )
            return redirect("casework:help-plan", dossier_id=dossier.pk)
        except Conflict as error_:
            error = error_.message
        except DomainError as error_:
            add_domain_error(form, error_)
    context = {
        "dossier": dossier,
        "plan": plan,
        "form": form,
        "error": error,
        "referral_form": referral_form,
        "referrals": selectors.referrals_of(dossier=dossier),
        "referral_next": {
            state: [(target, ReferralStatus(target).label) for target in targets]
            for state, targets in rules.REFERRAL_TRANSITIONS.items()
        },
    }
    return render(request, "casework/plan_detail.html", context, status=409 if error else 200)


@login_required
@require_POST
def referral_add(request, dossier_id):
    dossier = _or_404(
        selectors.dossier_get,
        user=request.user,
        dossier_id=dossier_id,
        what="doorverwijzing",
        minimum=Access.FULL,
    )
    partners = selectors.partners_active()
    form = ReferralForm(request.POST, partners=partners)
    if form.is_valid():
        partner = next(p for p in partners if str(p.pk) == form.cleaned_data["partner"])
        try:
            services.referral_propose(
                actor=request.user,
                dossier=dossier,
                partner=partner,
                reason=form.cleaned_data["reason"],
                feedback_due=form.cleaned_data["feedback_due"],
            )
        except DomainError as error:
            request.session["referral_error"] = error.message
    return redirect("casework:help-plan", dossier_id=dossier.pk)


@login_required
@require_POST
def referral_move(request, referral_id):
    referral = _or_404(selectors.referral_get, user=request.user, referral_id=referral_id)
    try:
        services.referral_transition(
            actor=request.user,
            referral=referral,
            to=request.POST.get("to", ""),
            feedback=request.POST.get("feedback", ""),
        )
    except NotFoundError:
        raise Http404 from None
    except DomainError as error:
        request.session["referral_error"] = error.message
    return redirect("casework:help-plan", dossier_id=referral.dossier_id)


@login_required
def case_conferences(request, dossier_id):
    dossier = _or_404(
        selectors.dossier_get,
        user=request.user,
        dossier_id=dossier_id,
        what="cliëntoverleg",
        minimum=Access.FULL,
    )
    form = CaseConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_conference_record(actor=request.user, dossier=dossier, **form.cleaned_data)
            return redirect("casework:case-conferences", dossier_id=dossier.pk)
        except DomainError as error:
            add_domain_error(form, error)
    conferences = selectors.case_conferences_of(dossier=dossier)
    return render(
        request,
        "casework/plan_conferences.html",
        {"dossier": dossier, "form": form, "conferences": conferences},
    )


@login_required
def budget(request, dossier_id):
    """Budget guidance and debt mediation: the debts, the payment plans agreed with creditors, instalments."""
    dossier = _or_404(
        selectors.dossier_get, user=request.user, dossier_id=dossier_id, what="schulden", minimum=Access.FULL
    )
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
    return render(request, "casework/plan_budget.html", context)


@login_required
@require_POST
def payment_plan_add(request, debt_id):
    debt = _or_404(selectors.debt_get, user=request.user, debt_id=debt_id)
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
    plan = _or_404(selectors.payment_plan_get, user=request.user, plan_id=plan_id)
    try:
        services.instalment_mark_paid(actor=request.user, plan=plan, due_on=request.POST.get("due_on"))
    except DomainError as error:
        request.session["budget_error"] = error.message
    return redirect("casework:budget", dossier_id=plan.debt.dossier_id)
