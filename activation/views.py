"""The coach's screens (journey 5): "Mijn trajecten" (who needs contact this week), the screening with the
decision tree, the trajectory page (phase, measures, monitoring, the GPMI) and the GPMI editor. Reads go
through the selectors (the dossier policy, the ledger); writes through the services."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.views import menu_add
from activation import selectors, services
from activation.documents import gpmi_contract_pdf
from activation.forms import (
    GpmiCreateForm,
    GpmiEvaluationForm,
    GpmiForm,
    GpmiWarningForm,
    GroupActivityForm,
    GroupEvaluationForm,
    GroupParticipantForm,
    GroupSessionForm,
    MeasureForm,
    MonitoringContactForm,
    PhaseChangeForm,
    SanctionProposalForm,
    ScreeningForm,
    TrajectoryStartForm,
)
from activation.models import MeasureKind, Phase
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from core.errors import DomainError, NotFoundError
from core.forms import add_domain_error

menu_add(
    label=_("Mijn trajecten"),
    description=_("Wie deze week contact nodig heeft: opvolging en GPMI-evaluaties."),
    url_name="activation:board",
    shown_to=lambda user: user.has_role(Role.ACTIVATION_COACH),
    position=35,
)


def _dossier(request, dossier_id, what):
    try:
        return dossier_get(user=request.user, dossier_id=dossier_id, what=what, minimum=Access.FULL)
    except NotFoundError:
        raise Http404 from None


@login_required
def board(request):
    phase = request.GET.get("phase") or None
    measure = request.GET.get("measure") or None
    phase = phase if phase in Phase.values else None
    measure = measure if measure in MeasureKind.values else None
    trajectories = selectors.coach_board(user=request.user, phase=phase, measure_kind=measure)
    return render(
        request,
        "activation/board.html",
        {
            "trajectories": trajectories,
            "phases": Phase.choices,
            "measures": MeasureKind.choices,
            "phase": phase,
            "measure": measure,
            "today": timezone.localdate(),
        },
    )


@login_required
def screening(request, dossier_id):
    dossier = _dossier(request, dossier_id, "screening_record" if request.method == "POST" else "screening")
    tree = selectors.decision_tree_in_force()
    form = ScreeningForm(request.POST or None, questions=tree.questions.all())
    if request.method == "POST" and form.is_valid():
        try:
            made = services.screening_record(
                actor=request.user,
                dossier=dossier,
                answers=form.answers(),
                chosen_phase=form.cleaned_data["chosen_phase"] or None,
                override_reason=form.cleaned_data["override_reason"],
            )
            return redirect(f"{request.path}?done={made.pk}")
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    screenings = selectors.screenings_of(dossier=dossier)
    trajectories = selectors.trajectories_of(dossier=dossier)
    start_form = TrajectoryStartForm(
        initial={
            "phase": screenings[0].chosen_phase if screenings else None,
            "started_on": timezone.localdate(),
            "coach": str(request.user.pk) if request.user.has_role(Role.ACTIVATION_COACH) else None,
        }
    )
    return render(
        request,
        "activation/screening.html",
        {
            "dossier": dossier,
            "tree": tree,
            "form": form,
            "screenings": screenings,
            "running": next((t for t in trajectories if t.ended_on is None), None),
            "start_form": start_form,
        },
    )


@login_required
@require_POST
def trajectory_start(request, dossier_id):
    dossier = _dossier(request, dossier_id, "trajectory_start")
    form = TrajectoryStartForm(request.POST)
    if form.is_valid():
        screenings = selectors.screenings_of(dossier=dossier)
        try:
            trajectory = services.trajectory_start(
                actor=request.user,
                dossier=dossier,
                screening=screenings[0] if screenings else None,
                **form.cleaned_data,
            )
            return redirect("activation:trajectory", trajectory_id=trajectory.pk)
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    tree = selectors.decision_tree_in_force()
    return render(
        request,
        "activation/screening.html",
        {
            "dossier": dossier,
            "tree": tree,
            "form": ScreeningForm(questions=tree.questions.all()),
            "screenings": selectors.screenings_of(dossier=dossier),
            "running": None,
            "start_form": form,
        },
    )


def _trajectory_page(request, trajectory, **forms):
    today = timezone.localdate()
    gpmis = selectors.gpmis_of(dossier=trajectory.dossier)
    gpmi = gpmis[0] if gpmis else None
    context = {
        "trajectory": trajectory,
        "dossier": trajectory.dossier,
        "phase_form": forms.get("phase_form") or PhaseChangeForm(initial={"changed_on": today}),
        "measure_form": forms.get("measure_form") or MeasureForm(initial={"started_on": today}),
        "monitoring_form": forms.get("monitoring_form")
        or MonitoringContactForm(initial={"held_on": today, "with_whom": _("cliënt")}),
        "gpmi": gpmi,
        "gpmi_standing": selectors.gpmi_standing(gpmi) if gpmi else None,
        "gpmi_create_form": forms.get("gpmi_create_form") or GpmiCreateForm(),
        "evaluation_form": forms.get("evaluation_form") or GpmiEvaluationForm(initial={"held_on": today}),
        "group_attendance": selectors.group_attendance_of(trajectory=trajectory),
        "today": today,
    }
    return render(request, "activation/trajectory.html", context)


def _trajectory(request, trajectory_id, what):
    try:
        return selectors.trajectory_get(user=request.user, trajectory_id=trajectory_id, what=what)
    except NotFoundError:
        raise Http404 from None


@login_required
def trajectory_detail(request, trajectory_id):
    return _trajectory_page(request, _trajectory(request, trajectory_id, "trajectory"))


def _trajectory_write(request, trajectory_id, what, form_class, form_key, write):
    trajectory = _trajectory(request, trajectory_id, what)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            write(trajectory, form.cleaned_data)
            return redirect("activation:trajectory", trajectory_id=trajectory.pk)
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    return _trajectory_page(request, trajectory, **{form_key: form})


@login_required
@require_POST
def phase_change(request, trajectory_id):
    def write(trajectory, data):
        services.trajectory_phase_change(actor=request.user, trajectory=trajectory, **data)

    return _trajectory_write(
        request, trajectory_id, "trajectory_phase_change", PhaseChangeForm, "phase_form", write
    )


@login_required
@require_POST
def measure_add(request, trajectory_id):
    def write(trajectory, data):
        data = {key: value for key, value in data.items() if value not in ("", None)}
        services.measure_record(actor=request.user, trajectory=trajectory, **data)

    return _trajectory_write(request, trajectory_id, "trajectory_measure", MeasureForm, "measure_form", write)


@login_required
@require_POST
def monitoring_add(request, trajectory_id):
    def write(trajectory, data):
        services.monitoring_contact_record(actor=request.user, trajectory=trajectory, **data)

    return _trajectory_write(
        request, trajectory_id, "trajectory_monitoring", MonitoringContactForm, "monitoring_form", write
    )


@login_required
@require_POST
def gpmi_create(request, trajectory_id):
    def write(trajectory, data):
        services.gpmi_create(actor=request.user, dossier=trajectory.dossier, **data)

    return _trajectory_write(request, trajectory_id, "gpmi_create", GpmiCreateForm, "gpmi_create_form", write)


def _gpmi(request, gpmi_id, what):
    try:
        return selectors.gpmi_get(user=request.user, gpmi_id=gpmi_id, what=what)
    except NotFoundError:
        raise Http404 from None


@login_required
def gpmi_edit(request, gpmi_id):
    """The GPMI editor: the sociale balans, goals, both sides' commitments, the signature."""
    gpmi = _gpmi(request, gpmi_id, "gpmi_update" if request.method == "POST" else "gpmi")
    fields = [
        "social_balance",
        "goals",
        "client_commitments",
        "ocmw_commitments",
        "third_parties",
        "signed_on",
    ]
    form = GpmiForm(request.POST or None, initial={field: getattr(gpmi, field) for field in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.gpmi_update(actor=request.user, gpmi=gpmi, **form.cleaned_data)
            return redirect("activation:gpmi", gpmi_id=gpmi.pk)
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    trajectories = selectors.trajectories_of(dossier=gpmi.dossier)
    return render(
        request,
        "activation/gpmi.html",
        {
            "gpmi": gpmi,
            "dossier": gpmi.dossier,
            "form": form,
            "standing": selectors.gpmi_standing(gpmi),
            "trajectory": trajectories[0] if trajectories else None,
            "evaluation_form": GpmiEvaluationForm(initial={"held_on": timezone.localdate()}),
            **_sanction_context(gpmi),
        },
    )


@login_required
@require_POST
def gpmi_evaluate(request, gpmi_id):
    gpmi = _gpmi(request, gpmi_id, "gpmi_evaluate")
    form = GpmiEvaluationForm(request.POST)
    if form.is_valid():
        try:
            services.gpmi_evaluate(actor=request.user, gpmi=gpmi, **form.cleaned_data)
            return redirect("activation:gpmi", gpmi_id=gpmi.pk)
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    return render(
        request,
        "activation/gpmi.html",
        {
            "gpmi": gpmi,
            "dossier": gpmi.dossier,
            "form": GpmiForm(),
            "standing": selectors.gpmi_standing(gpmi),
            "trajectory": None,
            "evaluation_form": form,
            **_sanction_context(gpmi),
        },
    )


def _sanction_context(gpmi, *, warning_form=None, sanction_form=None) -> dict:
    """The formal warnings and sanction proposals of the GPMI page, with their forms."""
    return {
        "warnings": list(gpmi.warnings.all()),
        "sanction_proposals": list(gpmi.sanction_proposals.all()),
        "warning_form": warning_form or GpmiWarningForm(initial={"given_on": timezone.localdate()}),
        "sanction_form": sanction_form or SanctionProposalForm(),
    }


def _gpmi_page_with(request, gpmi, **forms):
    return render(
        request,
        "activation/gpmi.html",
        {
            "gpmi": gpmi,
            "dossier": gpmi.dossier,
            "form": GpmiForm(),
            "standing": selectors.gpmi_standing(gpmi),
            "trajectory": None,
            "evaluation_form": GpmiEvaluationForm(initial={"held_on": timezone.localdate()}),
            **_sanction_context(gpmi, **forms),
        },
        status=400,
    )


def _gpmi_sanction_step(request, gpmi_id, *, what: str, form_class, service, form_name: str):
    """One step of the sanction path on the GPMI page: the form checked, the service called, back to the
    sanctions; a refusal shows the form again with the service's message."""
    gpmi = _gpmi(request, gpmi_id, what)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, gpmi=gpmi, **form.cleaned_data)
            return redirect(reverse("activation:gpmi", args=[gpmi.pk]) + "#sanctions-title")
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            add_domain_error(form, error)
    return _gpmi_page_with(request, gpmi, **{form_name: form})


@login_required
@require_POST
def gpmi_warning(request, gpmi_id):
    """A formal warning for not keeping the GPMI: the step before a sanction proposal."""
    return _gpmi_sanction_step(
        request,
        gpmi_id,
        what="gpmi_warning",
        form_class=GpmiWarningForm,
        service=services.gpmi_warning_give,
        form_name="warning_form",
    )


@login_required
@require_POST
def gpmi_sanction(request, gpmi_id):
    """A proposal to the committee to suspend the leefloon, after a formal warning; the committee's page of
    the dossier then hands it over as a submission (the committee hears the client first)."""
    return _gpmi_sanction_step(
        request,
        gpmi_id,
        what="gpmi_sanction",
        form_class=SanctionProposalForm,
        service=services.sanction_propose,
        form_name="sanction_form",
    )


@login_required
def gpmi_pdf(request, gpmi_id):
    """The contract to print and sign, in plain Dutch."""
    gpmi = _gpmi(request, gpmi_id, "gpmi")
    response = HttpResponse(gpmi_contract_pdf(gpmi), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="gpmi-{gpmi.dossier.reference}.pdf"'
    return response


# --- Group activation work ---


@login_required
def groups(request):
    form = GroupActivityForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.group_activity_create(actor=request.user, **form.cleaned_data)
            return redirect("activation:group", activity_id=activity.pk)
        except DomainError as error:
            if error.status_code == 403:
                raise
            add_domain_error(form, error)
    return render(
        request,
        "activation/groups.html",
        {"activities": selectors.group_activities_of(user=request.user), "form": form},
    )


@login_required
def group_detail(request, activity_id):
    try:
        activity = selectors.group_activity_get(user=request.user, activity_id=activity_id)
    except NotFoundError:
        raise Http404 from None
    participants = list(activity.participants.all())
    taken = {p.trajectory_id for p in participants}
    mine = (
        [t for t in selectors.coach_board(user=request.user) if t.pk not in taken]
        if request.method == "GET"
        else []
    )
    which = request.POST.get("form")
    participant_form = GroupParticipantForm(trajectories=mine)
    session_form = GroupSessionForm(participants=participants, initial={"held_on": timezone.localdate()})
    evaluation_form = GroupEvaluationForm(initial={"evaluation": activity.final_evaluation})
    if request.method == "POST":
        try:
            if which == "participant":
                trajectory = selectors.trajectory_get(
                    user=request.user, trajectory_id=request.POST.get("trajectory", ""), what="trajectory"
                )
                services.group_participant_add(actor=request.user, activity=activity, trajectory=trajectory)
                return redirect("activation:group", activity_id=activity.pk)
            if which == "session":
                session_form = GroupSessionForm(request.POST, participants=participants)
                if session_form.is_valid():
                    data = session_form.cleaned_data
                    services.group_session_record(
                        actor=request.user, activity=activity, held_on=data["held_on"], topic=data["topic"],
                        present_participant_ids=data["present"],
                    )  # fmt: skip
                    return redirect("activation:group", activity_id=activity.pk)
            if which == "evaluation":
                evaluation_form = GroupEvaluationForm(request.POST)
                if evaluation_form.is_valid():
                    services.group_activity_evaluate(
                        actor=request.user, activity=activity, **evaluation_form.cleaned_data
                    )
                    return redirect("activation:group", activity_id=activity.pk)
        except NotFoundError:
            raise Http404 from None
        except DomainError as error:
            form = {"session": session_form, "evaluation": evaluation_form}.get(which, participant_form)
            add_domain_error(form, error)
    return render(
        request,
        "activation/group.html",
        {
            "activity": activity,
            "participants": participants,
            "sessions": list(activity.sessions.all()),
            "participant_form": participant_form,
            "session_form": session_form,
            "evaluation_form": evaluation_form,
        },
    )
