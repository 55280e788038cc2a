"""The committee's screens: the secretary's meetings, agenda and decisions; the members' portal, read-only
(a member sees only the agendas and frozen submissions of their own meetings, each opening logged)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from accounts.views import menu_add
from activation import selectors as activation_selectors
from bcsd import rules, selectors, services
from bcsd.documents import decision_letter_pdf
from bcsd.forms import (
    DecisionForm,
    HearingForm,
    MeetingForm,
    NotifyForm,
    ReviewForm,
    SanctionSubmissionForm,
    SubmissionForm,
)
from bcsd.models import DecisionOutcome, MeetingStatus, SubmissionStatus
from casework import policy
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from casework.register.models import AidRequest, RequestStatus
from core.errors import DomainError, NotFoundError, PermissionDeniedError

menu_add(
    label=_("BCSD"),
    description=_("Zittingen, agenda's en beslissingen van het comité."),
    url_name="bcsd:meetings",
    shown_to=lambda user: user.has_role(
        Role.COMMITTEE_MEMBER, Role.COMMITTEE_SECRETARY, Role.HEAD_OF_SERVICE
    ),
    position=60,
)


def _pseudonymised(user, meeting_dates) -> bool:
    """Before the meeting a member may see initials only (BCSD_PSEUDONYMISE_UNTIL_MEETING)."""
    today = timezone.localdate()
    return (
        settings.BCSD_PSEUDONYMISE_UNTIL_MEETING
        and not policy.is_committee_secretary(user)
        and user.has_role(Role.COMMITTEE_MEMBER)
        and any(today < day for day in meeting_dates)
    )


def _client_names(submissions, pseudonymise: bool) -> None:
    for submission in submissions:
        name = (submission.snapshot.get("client") or {}).get("name") or submission.dossier.reference
        submission.client_label = rules.initials(name) if pseudonymise else name


def _require_secretary(user) -> None:
    if not policy.is_committee_secretary(user):
        raise PermissionDeniedError()


@login_required
def meetings(request):
    return render(
        request,
        "bcsd/meetings.html",
        {
            "meetings": selectors.meeting_list(user=request.user)[:50],
            "is_secretary": policy.is_committee_secretary(request.user),
            "form": MeetingForm(),
        },
    )


@login_required
@require_POST
def meeting_create(request):
    _require_secretary(request.user)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
            return redirect("bcsd:meeting", meeting_id=meeting.pk)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
    return render(
        request,
        "bcsd/meetings.html",
        {"meetings": selectors.meeting_list(user=request.user)[:50], "is_secretary": True, "form": form},
        status=400,
    )


@login_required
def meeting_detail(request, meeting_id):
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id, log=False)
    is_secretary = policy.is_committee_secretary(request.user)
    items = list(meeting.items.all())
    ready = []
    if is_secretary and meeting.status != MeetingStatus.MINUTES_APPROVED:
        ready = list(selectors.submission_list(user=request.user, status=SubmissionStatus.READY)[:100])
    _client_names([item.submission for item in items], _pseudonymised(request.user, [meeting.date]))
    _client_names(ready, pseudonymise=False)
    # One ledger row for every person the page shows (the agenda and, for the secretary, the ready items).
    selectors.log_reads(request.user, [item.submission for item in items] + ready, "bcsd_agenda")
    return render(
        request,
        "bcsd/meeting.html",
        {
            "meeting": meeting,
            "items": [(item, next(iter(item.decisions.all()), None)) for item in items],
            "ready": ready,
            "is_secretary": is_secretary,
            "may_publish": is_secretary and meeting.status == MeetingStatus.PLANNED,
            "may_hold": is_secretary and meeting.status == MeetingStatus.AGENDA_PUBLISHED,
            "may_decide": is_secretary and meeting.status == MeetingStatus.HELD,
            "decision_form": DecisionForm(initial={"decided_on": timezone.localdate()}),
            "outcomes": DecisionOutcome.choices,
            "error": request.session.pop("bcsd_error", None),
        },
    )


@login_required
@require_POST
def meeting_act(request, meeting_id):
    """The secretary's buttons on the agenda: publish, hold, add a ready item, move an item up or down."""
    _require_secretary(request.user)
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id, log=False)
    act = request.POST.get("act", "")
    try:
        if act == "publish":
            services.meeting_publish(actor=request.user, meeting=meeting)
        elif act == "hold":
            services.meeting_hold(actor=request.user, meeting=meeting)
        elif act == "add":
            submission = selectors.submission_get(
                user=request.user, submission_id=request.POST.get("submission", ""), log=False
            )
            services.agenda_add(actor=request.user, meeting=meeting, submission=submission)
        elif act in ("up", "down"):
            order = [str(item.submission_id) for item in meeting.items.all()]
            moved = request.POST.get("submission", "")
            if moved in order:
                index = order.index(moved)
                other = index - 1 if act == "up" else index + 1
                if 0 <= other < len(order):
                    order[index], order[other] = order[other], order[index]
            services.agenda_order(actor=request.user, meeting=meeting, submission_ids=order)
        else:
            raise DomainError(_("Onbekende handeling."))
    except (PermissionDeniedError, NotFoundError):
        raise
    except DomainError as error:
        request.session["bcsd_error"] = str(error.message)
    return redirect("bcsd:meeting", meeting_id=meeting.pk)


@login_required
def submission_detail(request, submission_id):
    submission = selectors.submission_get(user=request.user, submission_id=submission_id)
    snapshot = submission.snapshot
    meeting_dates = submission.agenda_items.values_list("meeting__date", flat=True)
    _client_names([submission], _pseudonymised(request.user, list(meeting_dates)))
    return render(
        request,
        "bcsd/submission.html",
        {
            "submission": submission,
            "snapshot": snapshot,
            "report": (snapshot.get("social_report") or {}).values(),
            "calculation": snapshot.get("calculation"),
            "hash_verifies": rules.snapshot_hash(snapshot) == submission.snapshot_hash,
            "decisions": list(submission.decisions.all()),
            "hearings": list(submission.hearings.all()),
            "may_add_hearing": policy.is_committee_secretary(request.user)
            or policy.may_work_on(request.user, submission.dossier),
            "hearing_form": HearingForm(initial={"requested_on": timezone.localdate()}),
            "error": request.session.pop("bcsd_error", None),
        },
    )


@login_required
@require_POST
def decision_record(request, submission_id):
    """The secretary records the decision of one item in the meeting, then goes on with the next."""
    _require_secretary(request.user)
    submission = selectors.submission_get(user=request.user, submission_id=submission_id, log=False)
    item = submission.agenda_items.select_related("meeting").order_by("-meeting__date").first()
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        votes = {k: data.pop(k) for k in ("in_favour", "against", "abstained")}
        try:
            services.decision_record(
                actor=request.user,
                submission=submission,
                votes=votes if all(v is not None for v in votes.values()) else None,
                **data,
            )
            selectors.log_reads(request.user, [submission], "bcsd_decision")
        except DomainError as error:
            if isinstance(error, PermissionDeniedError | NotFoundError):
                raise
            request.session["bcsd_error"] = str(error.message)
    else:
        request.session["bcsd_error"] = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    if item is None:
        return redirect("bcsd:meetings")
    return redirect("bcsd:meeting", meeting_id=item.meeting_id)


@login_required
def decision_letter(request, decision_id):
    decision = selectors.decision_get(
        user=request.user, decision_id=decision_id, what="bcsd_letter", letter=True
    )
    response = HttpResponse(decision_letter_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="beslissing-{decision.submission.dossier.reference}.pdf"'
    )
    return response


def _open_requests(dossier):
    return list(
        AidRequest.objects.filter(
            dossier=dossier, status__in=[RequestStatus.IN_INQUIRY, RequestStatus.PROPOSED]
        ).order_by("-received_on")
    )


@login_required
@require_http_methods(["GET", "POST"])
def dossier_submissions(request, dossier_id):
    """The dossier's proposals to the committee: their status, what is missing, the team lead's remarks, and
    the form for a new one (which freezes what the committee will read)."""
    dossier = dossier_get(
        user=request.user, dossier_id=dossier_id, what="bcsd_submissions", minimum=Access.FULL
    )
    may_submit = policy.may_submit_to_committee(request.user, dossier)
    form = SubmissionForm(requests=_open_requests(dossier) if may_submit else ())
    status = 200
    if request.method == "POST":
        form = SubmissionForm(request.POST, requests=_open_requests(dossier))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.submission_create(
                    actor=request.user, dossier=dossier, aid_request=data.pop("request"), **data
                )
                return redirect("bcsd:dossier-submissions", dossier_id=dossier.pk)
            except (PermissionDeniedError, NotFoundError):
                raise
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
        status = 400
    submissions = list(
        selectors.submission_list(user=request.user, dossier_id=dossier.pk).select_related("submitted_by")
    )
    return render(
        request,
        "bcsd/dossier_submissions.html",
        {
            "dossier": dossier,
            "submissions": [
                (
                    s,
                    services.missing_labels(services.submission_missing(s))
                    if s.status == "submitted"
                    else [],
                )
                for s in submissions
            ],
            "form": form,
            "may_submit": may_submit,
            "may_review": policy.may_review_submission(request.user, dossier),
            "sanction_proposals": (
                activation_selectors.sanction_proposals_to_submit(dossier=dossier) if may_submit else []
            ),
            "sanction_form": SanctionSubmissionForm(),
            "error": request.session.pop("bcsd_error", None),
        },
        status=status,
    )


@login_required
@require_POST
def submission_review(request, submission_id):
    """The team lead approves a proposal or sends it back with remarks (four eyes)."""
    submission = selectors.submission_get(user=request.user, submission_id=submission_id, log=False)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        request.session["bcsd_error"] = str(_("Kies goedkeuren of terugsturen."))
    else:
        try:
            services.submission_review(actor=request.user, submission=submission, **form.cleaned_data)
            selectors.log_reads(request.user, [submission], "bcsd_submission")
        except (PermissionDeniedError, NotFoundError):
            raise
        except DomainError as error:
            request.session["bcsd_error"] = str(error.message)
    return redirect("bcsd:dossier-submissions", dossier_id=submission.dossier_id)


@login_required
@require_POST
def hearing_add(request, submission_id):
    """The client asked to be heard: recorded and scheduled in the next meeting of the item."""
    submission = selectors.submission_get(user=request.user, submission_id=submission_id, log=False)
    form = HearingForm(request.POST)
    if form.is_valid():
        item = submission.agenda_items.select_related("meeting").order_by("-meeting__date").first()
        try:
            services.hearing_request(
                actor=request.user,
                submission=submission,
                meeting=item.meeting if item else None,
                **form.cleaned_data,
            )
            selectors.log_reads(request.user, [submission], "bcsd_hearing")
        except (PermissionDeniedError, NotFoundError):
            raise
        except DomainError as error:
            request.session["bcsd_error"] = str(error.message)
    else:
        request.session["bcsd_error"] = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    return redirect("bcsd:submission", submission_id=submission.pk)


@login_required
@require_POST
def decision_notify(request, decision_id):
    """The secretary records that the letter left (date and method): the appeal term starts."""
    _require_secretary(request.user)
    decision = selectors.decision_get(user=request.user, decision_id=decision_id, log=False)
    form = NotifyForm(request.POST)
    if form.is_valid():
        try:
            services.decision_notify(actor=request.user, decision=decision, **form.cleaned_data)
        except (PermissionDeniedError, NotFoundError):
            raise
        except DomainError as error:
            request.session["bcsd_error"] = str(error.message)
    else:
        request.session["bcsd_error"] = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    if decision.agenda_item_id is None:
        return redirect("bcsd:submission", submission_id=decision.submission_id)
    return redirect("bcsd:meeting", meeting_id=decision.agenda_item.meeting_id)


@login_required
@require_POST
def sanction_submit(request, proposal_id):
    """Hand a GPMI sanction proposed in activation to the committee: one submission per proposal."""
    proposal = activation_selectors.sanction_proposal_for_committee(
        user=request.user, proposal_id=proposal_id
    )
    form = SanctionSubmissionForm(request.POST)
    if form.is_valid():
        try:
            services.submission_from_sanction_proposal(
                actor=request.user,
                proposal=proposal,
                hearing_offered_on=form.cleaned_data["hearing_offered_on"],
            )
        except (PermissionDeniedError, NotFoundError):
            raise
        except DomainError as error:
            request.session["bcsd_error"] = str(error.message)
    else:
        request.session["bcsd_error"] = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    return redirect("bcsd:dossier-submissions", dossier_id=proposal.gpmi.dossier_id)
