"""The social inquiry page: checklist, KSZ consultations, the social report and the leefloon calculator."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from casework import policy
from casework.inquiry import selectors, services
from casework.inquiry.forms import INQUIRY_TEXT_FIELDS, CalculatorForm, DocumentMarkForm, InquiryForm, KszForm
from casework.inquiry.models import InquiryReportDraft
from casework.leefloon.services import leefloon_calculate
from core.errors import Conflict, DomainError
from core.forms import add_domain_error


def _inquiry_context(request, inquiry, **forms):
    report_form, draft = forms.get("report_form"), None
    if report_form is None:
        draft = InquiryReportDraft.objects.filter(inquiry=inquiry, user=request.user).first()
        report_form = _draft_form(inquiry, draft) if draft else None
        if report_form is not None and not set(report_form.changed_data) - {"version"}:
            draft = report_form = None  # the draft says what the report says (it was saved meanwhile)
        report_form = report_form or InquiryForm(instance=inquiry, initial={"version": inquiry.version})
    stale = forms.get("report_error") or (draft and draft.base_version != inquiry.version)
    return {
        "inquiry": inquiry,
        "may_work": policy.may_work_on(request.user, inquiry.request.dossier),
        "aid_request": inquiry.request,
        "missing": services.inquiry_missing_labels(inquiry),
        "report_form": report_form,
        "draft": draft,
        "colleague_version": _side_by_side(inquiry, report_form) if stale else [],
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
        "document_error": forms.get("document_error"),
    }


def _draft_form(inquiry, draft) -> InquiryForm:
    """The report as the worker left it. When a colleague saved the report since, the form carries the
    current version: the comparison is shown and saving is a choice made with both versions in sight."""
    saved = {name: InquiryForm(instance=inquiry)[name].value() or "" for name in InquiryForm.Meta.fields}
    return InquiryForm({**saved, **draft.fields, "version": inquiry.version}, instance=inquiry)


def _side_by_side(inquiry, form) -> list:
    """(label, what is saved now) of each report field where the typed text differs from the saved one."""
    typed = form.data if form.is_bound else {}
    differences = []
    for name in INQUIRY_TEXT_FIELDS:
        saved = getattr(inquiry, name) or ""
        if typed and (typed.get(name) or "").strip() != saved.strip():
            differences.append((form[name].label, saved))
    return differences


def _inquiry(request, inquiry_id):
    return selectors.inquiry_get(user=request.user, inquiry_id=inquiry_id)


def _require_work_rights(request, inquiry) -> None:
    """Reading the inquiry (the head of service does) is not writing in it: those writes are refused (403)."""
    if not policy.may_work_on(request.user, inquiry.request.dossier):
        raise PermissionDenied


@login_required
def inquiry_detail(request, inquiry_id):
    inquiry = _inquiry(request, inquiry_id)
    return render(request, "casework/inquiry/inquiry.html", _inquiry_context(request, inquiry))


@login_required
@require_POST
def inquiry_report_save(request, inquiry_id):
    """A stale save keeps what the worker typed in the form and says a colleague changed the report."""
    inquiry = _inquiry(request, inquiry_id)
    _require_work_rights(request, inquiry)
    form = InquiryForm(request.POST, instance=inquiry)
    if form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.Meta.fields}
        try:
            services.inquiry_update(
                actor=request.user, inquiry=inquiry, version=form.cleaned_data["version"], **changes
            )
            services.inquiry_draft_discard(actor=request.user, inquiry=inquiry)
            return redirect("casework:inquiry", inquiry_id=inquiry.pk)
        except Conflict as error:
            # The typing stays in the form beside the colleague's version; the next save is made knowingly.
            current = _inquiry(request, inquiry_id)
            form = InquiryForm({**request.POST.dict(), "version": current.version}, instance=current)
            return render(
                request,
                "casework/inquiry/inquiry.html",
                _inquiry_context(request, current, report_form=form, report_error=error.message),
                status=409,
            )
        except DomainError as error:
            add_domain_error(form, error)
    return render(
        request, "casework/inquiry/inquiry.html", _inquiry_context(request, inquiry, report_form=form)
    )


@login_required
@require_POST
def inquiry_draft_save(request, inquiry_id):
    """What is typed in the report, kept every few seconds while typing (answers 204, changes no page)."""
    inquiry = _inquiry(request, inquiry_id)
    _require_work_rights(request, inquiry)
    try:
        base_version = int(request.POST.get("version", ""))
    except ValueError:
        return HttpResponse(status=400)
    services.inquiry_draft_save(
        actor=request.user, inquiry=inquiry, fields=request.POST.dict(), base_version=base_version
    )
    return HttpResponse(status=204)


@login_required
@require_POST
def inquiry_document_toggle(request, inquiry_id):
    inquiry = _inquiry(request, inquiry_id)
    _require_work_rights(request, inquiry)
    form = DocumentMarkForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(" ".join(message for errors in form.errors.values() for message in errors))
        if request.POST.get("action") == "not_applicable":
            services.inquiry_document_not_applicable(
                actor=request.user,
                inquiry=inquiry,
                name=form.cleaned_data["name"],
                reason=form.cleaned_data["not_applicable_reason"],
            )
        else:  # ticked, unticked, or another document added by its name
            services.inquiry_document_mark(
                actor=request.user,
                inquiry=inquiry,
                name=form.cleaned_data["name"],
                received_on=timezone.localdate() if form.cleaned_data["received"] else None,
            )
    except DomainError as error:  # the checklist stays as it was, with the reason above it
        context = _inquiry_context(request, inquiry, document_error=error.message)
        if request.htmx:
            return _panel(request, "casework/inquiry/_documents.html", context)
        return render(request, "casework/inquiry/inquiry.html", context, status=400)
    if request.htmx:
        return _panel(
            request,
            "casework/inquiry/_documents.html",
            _inquiry_context(request, _inquiry(request, inquiry_id)),
        )
    return redirect("casework:inquiry", inquiry_id=inquiry.pk)


def _panel(request, template: str, context: dict):
    """One panel of the page and, out of band, the list of what is missing: the report being typed beside
    them stays as it is. A refusal comes back in the panel (200, so that HTMX shows it)."""
    panel = render_to_string(template, context, request=request)
    missing = render_to_string(
        "casework/inquiry/_missing.html", {**context, "out_of_band": True}, request=request
    )
    return HttpResponse(panel + missing)


@login_required
@require_POST
def inquiry_ksz_add(request, inquiry_id):
    inquiry = _inquiry(request, inquiry_id)
    _require_work_rights(request, inquiry)
    form = KszForm(request.POST)
    if form.is_valid():
        try:
            services.ksz_consultation_record(
                actor=request.user,
                dossier=inquiry.request.dossier,
                aid_request=inquiry.request,
                **form.cleaned_data,
            )
            if request.htmx:
                context = _inquiry_context(request, _inquiry(request, inquiry_id))
                return _panel(request, "casework/inquiry/_ksz.html", context)
            return redirect("casework:inquiry", inquiry_id=inquiry.pk)
        except DomainError as error:
            add_domain_error(form, error)
    context = _inquiry_context(request, inquiry, ksz_form=form)
    if request.htmx:
        return _panel(request, "casework/inquiry/_ksz.html", context)
    return render(request, "casework/inquiry/inquiry.html", context)


@login_required
@require_POST
def inquiry_calculate(request, inquiry_id):
    """Calculate (shown), keep the calculation with the inquiry, or put its lines in the social report."""
    inquiry = _inquiry(request, inquiry_id)
    form = CalculatorForm(request.POST)
    calculation = None
    if form.is_valid():
        action = request.POST.get("action", "calculate")
        inputs = form.service_inputs()
        try:
            if action == "report" and request.htmx:
                # The calculation is kept; its lines join what is in the report's box now, typed or not.
                result, _stored = services.inquiry_calculation_store(
                    actor=request.user, inquiry=inquiry, **inputs
                )
                means = request.POST.get("means", inquiry.means)
                context = _inquiry_context(request, inquiry, calculator_form=form, calculation=result)
                context["means_with_lines"] = f"{means}\n\n{services.calculation_lines_text(result)}".strip()
                return render(request, "casework/inquiry/_calculator.html", context)
            if action == "report":  # without JavaScript: the report is saved with the lines
                services.inquiry_calculation_to_report(
                    actor=request.user, inquiry=inquiry, version=inquiry.version, **inputs
                )
                # The report section around the calculator changed: the whole page is shown again.
                url = reverse("casework:inquiry", args=[inquiry.pk])
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
            if action == "store":
                calculation, _stored = services.inquiry_calculation_store(
                    actor=request.user, inquiry=inquiry, **inputs
                )
            else:
                calculation = leefloon_calculate(**inputs).result
        except DomainError as error:
            add_domain_error(form, error)
            calculation = None
    template = "casework/inquiry/_calculator.html" if request.htmx else "casework/inquiry/inquiry.html"
    context = _inquiry_context(
        request, _inquiry(request, inquiry_id), calculator_form=form, calculation=calculation
    )
    return render(request, template, context)
