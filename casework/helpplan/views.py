"""The help plan page, with the dossier's referrals made from it, and case conferences."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.dossiers.selectors import dossier_get
from casework.helpplan import selectors, services
from casework.helpplan.forms import CaseConferenceForm, HelpPlanActionForm, HelpPlanForm
from casework.helpplan.models import ActionStatus
from casework.helpplan.transitions import ACTION_WORKFLOW
from casework.policy import Access
from casework.socialmap import selectors as socialmap_selectors
from casework.socialmap import services as socialmap_services
from casework.socialmap.forms import ReferralForm
from casework.socialmap.models import ReferralStatus
from casework.socialmap.transitions import REFERRAL_WORKFLOW
from core.errors import Conflict, DomainError, NotFoundError
from core.forms import add_domain_error


def _plan_dossier(request, dossier_id, what: str):
    return dossier_get(user=request.user, dossier_id=dossier_id, what=what, minimum=Access.FULL)


def _plan_page(
    request,
    dossier,
    *,
    form=None,
    referral_form=None,
    action_form=None,
    action_form_goal=None,
    error=None,
    referral_error=None,
    status=200,
):
    """The page with what the worker typed kept in whichever form was refused, and the refusal shown."""
    plan = selectors.help_plan_of(dossier=dossier)
    partners = socialmap_selectors.partners_active()
    referrals = socialmap_selectors.referrals_of(dossier=dossier)
    context = {
        "dossier": dossier,
        "plan": plan,
        "form": form or HelpPlanForm(plan=plan),
        # Each goal with its actions and the status moves this user may make on each.
        "goals": [
            (goal, [(action, _action_moves(request.user, action)) for action in goal.actions.all()])
            for goal in (plan.goals.all() if plan else [])
        ],
        "action_form": action_form or HelpPlanActionForm(),
        "action_form_goal": action_form_goal,
        "owners": _owner_suggestions(dossier, partners),
        "error": error,
        "referral_form": referral_form or ReferralForm(partners=partners),
        "referral_error": referral_error,
        # The buttons of each referral are the moves its workflow allows this user.
        "referrals": [
            (
                referral,
                [
                    (target, ReferralStatus(target).label)
                    for target in REFERRAL_WORKFLOW.moves_for(request.user, referral, referral.status)
                ],
            )
            for referral in referrals
        ],
    }
    return render(request, "casework/helpplan/plan.html", context, status=status)


@login_required
def help_plan(request, dossier_id):
    dossier = _plan_dossier(request, dossier_id, "help_plan")
    if request.method != "POST":
        return _plan_page(request, dossier)
    plan = selectors.help_plan_of(dossier=dossier)
    form = HelpPlanForm(request.POST, plan=plan)
    if form.is_valid():
        dates = {f: form.cleaned_data[f] for f in ("agreed_with_client_on", "next_evaluation_on")}
        try:
            if plan is None:
                services.help_plan_create(actor=request.user, dossier=dossier, goals=form.goals(), **dates)
            else:
                services.help_plan_goals_edit(
                    actor=request.user,
                    plan=plan,
                    version=form.cleaned_data["version"] or 0,
                    goals=form.goals(),
                    **dates,
                )
            return redirect("casework:help-plan", dossier_id=dossier.pk)
        except Conflict as conflict:
            return _plan_page(request, dossier, form=form, error=conflict.message, status=409)
        except DomainError as error:
            add_domain_error(form, error)
    return _plan_page(request, dossier, form=form)


@login_required
@require_POST
def referral_add(request, dossier_id):
    dossier = _plan_dossier(request, dossier_id, "referral")
    partners = socialmap_selectors.partners_active()
    form = ReferralForm(request.POST, partners=partners)
    if form.is_valid():
        partner = next(p for p in partners if str(p.pk) == form.cleaned_data["partner"])
        try:
            socialmap_services.referral_propose(
                actor=request.user,
                dossier=dossier,
                partner=partner,
                reason=form.cleaned_data["reason"],
                feedback_due=form.cleaned_data["feedback_due"],
            )
            return redirect("casework:help-plan", dossier_id=dossier.pk)
        except DomainError as error:
            add_domain_error(form, error)
    # Refused: the page again with the typed reason and the message on its field.
    return _plan_page(request, dossier, referral_form=form, status=400)


def _action_moves(user, action) -> list[tuple[str, str]]:
    """The buttons of an action: the statuses its workflow lets this user move it to."""
    return [
        (target, ActionStatus(target).label)
        for target in ACTION_WORKFLOW.moves_for(user, action, action.status)
    ]


def _owner_suggestions(dossier, partners) -> list[str]:
    """Who may carry out an action, offered while typing: the client, the dossier's worker, the partners."""
    names = [_("de cliënt"), dossier.social_worker.display_name if dossier.social_worker else ""]
    return [name for name in [*names, *(partner.name for partner in partners)] if name]


@login_required
@require_POST
def help_plan_action_add(request, goal_id):
    goal = selectors.help_plan_goal_get(user=request.user, goal_id=goal_id)
    form = HelpPlanActionForm(request.POST)
    if form.is_valid():
        try:
            services.help_plan_action_add(actor=request.user, goal=goal, **form.cleaned_data)
            return redirect(f"{reverse('casework:help-plan', args=[goal.plan.dossier_id])}#goal-{goal.pk}")
        except NotFoundError:
            raise
        except DomainError as error:
            add_domain_error(form, error)
    dossier = goal.plan.dossier
    return _plan_page(request, dossier, action_form=form, action_form_goal=goal.pk, status=400)


@login_required
@require_POST
def help_plan_action_move(request, action_id):
    action = selectors.help_plan_action_get(user=request.user, action_id=action_id)
    dossier = action.goal.plan.dossier
    try:
        services.help_plan_action_move(actor=request.user, action=action, to=request.POST.get("to", ""))
    except DomainError as error:
        return _plan_page(request, dossier, error=error.message, status=error.status_code)
    return redirect(f"{reverse('casework:help-plan', args=[dossier.pk])}#goal-{action.goal_id}")


@login_required
@require_POST
def referral_move(request, referral_id):
    referral = socialmap_selectors.referral_get(user=request.user, referral_id=referral_id)
    try:
        socialmap_services.referral_transition(
            actor=request.user,
            referral=referral,
            to=request.POST.get("to", ""),
            feedback=request.POST.get("feedback", ""),
        )
    except NotFoundError:
        raise
    except DomainError as error:
        return _plan_page(request, referral.dossier, referral_error=error.message, status=error.status_code)
    return redirect("casework:help-plan", dossier_id=referral.dossier_id)


@login_required
def case_conferences(request, dossier_id):
    dossier = _plan_dossier(request, dossier_id, "case_conference")
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
        "casework/helpplan/conferences.html",
        {"dossier": dossier, "form": form, "conferences": conferences},
    )
