"""Every write of the committee: proposals frozen for the members, the four-eyes review, meetings and their
agenda, hearings, decisions, their notification and appeals. Each act locks what it changes, checks the rule,
saves with history and records on the dossier's timeline what its social worker must see."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Role, User
from activation import services as activation_services
from activation.models import SanctionProposal, SanctionProposalStatus
from bcsd import rules
from bcsd.models import (
    AgendaItem,
    Appeal,
    Decision,
    DecisionOutcome,
    Hearing,
    Meeting,
    MeetingStatus,
    Review,
    ReviewOutcome,
    Submission,
    SubmissionKind,
    SubmissionStatus,
)
from bcsd.transitions import MEETING_WORKFLOW, SUBMISSION_WORKFLOW
from casework import policy
from casework.dossiers.models import Dossier
from casework.inquiry.services import inquiry_missing_labels
from casework.obligations import services as obligations
from casework.register.models import AidRequest, RequestStatus
from casework.register.services import request_committee_move, request_transition
from casework.timeline.services import timeline_event_record
from core.dates import check_event_date, check_planned_date
from core.errors import Conflict, DomainError, NotFoundError, PermissionDeniedError
from core.history import save_with_history
from core.outbox import enqueue

MISSING_LABELS = {
    "proposal": _("ontwerpbeslissing"),
    "motivation": _("motivering (feiten en rechtsgronden)"),
    "legal_basis": _("rechtsgrond"),
    "amount": _("bedrag"),
    "hearing_offered": _("hoorrecht aangeboden"),
    "review": _("goedkeuring door de teamverantwoordelijke"),
}
REPORT_SECTIONS = (
    "situation",
    "household",
    "means",
    "housing",
    "health",
    "work_and_education",
    "problem_analysis",
    "advice",
)
# The subsidy category a granted submission counts in (POD MI claims, shared/domain.md §10).
SUBSIDY_CATEGORIES = {
    "leefloon_grant": "leefloon",
    "leefloon_revision": "leefloon",
    "equivalent_leefloon": "equivalent_leefloon",
    "article_60": "article_60",
}
GRANTS = (DecisionOutcome.APPROVED, DecisionOutcome.AMENDED)


def review_required(kind: str) -> bool:
    kinds = settings.BCSD_REVIEW_REQUIRED_KINDS
    return "all" in kinds or kind in kinds


def submission_missing(submission: Submission) -> list[str]:
    """What keeps the submission from the agenda, as codes (reviews prefetched when present)."""
    reviews = getattr(submission, "prefetched_reviews", None)
    if reviews is None:
        reviews = list(submission.reviews.all())
    latest = reviews[0] if reviews else None
    return rules.submission_missing(
        kind=submission.kind,
        has_request=submission.request_id is not None,
        proposal=submission.proposal,
        motivation=submission.motivation,
        legal_basis=submission.legal_basis,
        amount=submission.amount,
        hearing_offered=submission.hearing_offered_on is not None,
        review_required=review_required(submission.kind),
        review_approved=latest is not None and latest.outcome == ReviewOutcome.APPROVED,
    )


def missing_labels(codes: list[str]) -> list[str]:
    return [str(MISSING_LABELS[code]) for code in codes]


def _snapshot(*, dossier: Dossier, aid_request: AidRequest | None, calculation, fields: dict, actor) -> dict:
    """What the committee will read, as it stands now: the proposal, the social report, the calculation."""
    client = dossier.client
    snapshot = {
        "format": 1,
        "dossier": {"reference": dossier.reference, "team": dossier.team.name},
        "client": {
            "name": f"{client.first_name} {client.last_name}".strip(),
            "birth_date": client.birth_date.isoformat() if client.birth_date else None,
        },
        "social_worker": dossier.social_worker.display_name if dossier.social_worker else "",
        "proposal": {
            key: (str(value) if isinstance(value, Decimal | datetime.date) else value)
            for key, value in fields.items()
        },
        "submitted_by": actor.display_name,
        "submitted_at": timezone.now().isoformat(),
    }
    if aid_request is not None:
        snapshot["request"] = {
            "register_number": aid_request.register_number,
            "kind": aid_request.kind,
            "received_on": aid_request.received_on.isoformat(),
            "decision_due": aid_request.decision_due.isoformat(),
        }
        inquiry = aid_request.inquiry
        snapshot["social_report"] = {
            section: {
                "label": str(inquiry._meta.get_field(section).verbose_name),
                "text": getattr(inquiry, section),
            }
            for section in REPORT_SECTIONS
        }
    if calculation is not None:
        snapshot["calculation"] = {
            "category": calculation.category,
            "category_label": str(calculation.get_category_display()),
            "reference_date": calculation.reference_date.isoformat(),
            "lines": calculation.lines,
            "monthly_amount": str(calculation.monthly_amount),
            "yearly_amount": str(calculation.yearly_amount),
        }
    return snapshot


@transaction.atomic
def submission_create(
    *,
    actor,
    dossier: Dossier,
    kind: str,
    proposal: str,
    motivation: str,
    legal_basis: str,
    aid_request: AidRequest | None = None,
    amount: Decimal | None = None,
    frequency: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    hearing_offered_on: datetime.date | None = None,
) -> Submission:
    """Submit a proposal to the committee and freeze what the members will read (with its sha256)."""
    if not policy.may_submit_to_committee(actor, dossier):
        raise NotFoundError()
    if amount is not None and amount < 0:
        raise DomainError(_("Een bedrag kan niet negatief zijn."), field="amount")
    check_planned_date(period_start, field="period_start")
    check_planned_date(period_end, field="period_end")
    if period_start and period_end and period_end < period_start:
        raise DomainError(_("Het einde van de periode ligt voor het begin."), field="period_end")
    check_event_date(hearing_offered_on, field="hearing_offered_on")
    calculation = None
    if aid_request is not None:
        if aid_request.dossier_id != dossier.pk:
            raise DomainError(_("Deze aanvraag hoort niet bij dit dossier."), field="request")
        if aid_request.status not in (RequestStatus.IN_INQUIRY, RequestStatus.PROPOSED):
            raise Conflict(
                _("Een aanvraag met status '%(status)s' kan niet naar het comité.")
                % {"status": aid_request.get_status_display()}
            )
        if missing := inquiry_missing_labels(aid_request.inquiry):
            raise Conflict(
                _("Het sociaal onderzoek is nog niet volledig: %(missing)s.")
                % {"missing": "; ".join(missing)},
                missing=missing,
            )
        calculation = aid_request.inquiry.calculations.order_by("-created_at").first()
        if aid_request.status == RequestStatus.IN_INQUIRY:
            request_transition(actor=actor, aid_request=aid_request, to=RequestStatus.PROPOSED)
    fields = {
        "kind": kind,
        "proposal": proposal.strip(),
        "motivation": motivation.strip(),
        "legal_basis": legal_basis.strip(),
        "amount": amount,
        "frequency": frequency,
        "period_start": period_start,
        "period_end": period_end,
    }
    snapshot = _snapshot(
        dossier=dossier, aid_request=aid_request, calculation=calculation, fields=fields, actor=actor
    )
    submission = Submission(
        dossier=dossier,
        request=aid_request,
        calculation=calculation,
        hearing_offered_on=hearing_offered_on,
        snapshot=snapshot,
        snapshot_hash=rules.snapshot_hash(snapshot),
        submitted_by=actor,
        **fields,
    )
    submission.prefetched_reviews = []
    if not submission_missing(submission):
        submission.status = SubmissionStatus.READY
    save_with_history(submission, actor=actor, reason="submission_create", force_insert=True)
    timeline_event_record(
        actor=actor,
        dossier=dossier,
        kind="bcsd.submission",
        title=_("Voorstel aan het BCSD: %(kind)s") % {"kind": submission.get_kind_display()},
        detail=submission.proposal,
        link=reverse("bcsd:dossier-submissions", args=[dossier.pk]),
    )
    return submission


def _lock_submission(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("dossier", "request")
        .get(pk=submission.pk)
    )


def _move_submission(submission: Submission, to: str, *, actor, reason: str) -> None:
    SUBMISSION_WORKFLOW.check(actor, submission, submission.status, to)
    submission.status = to
    save_with_history(submission, actor=actor, reason=reason)


@transaction.atomic
def submission_review(*, actor, submission: Submission, outcome: str, remarks: str = "") -> Review:
    """The team lead approves the proposal or sends it back with remarks (four eyes: never one's own)."""
    submission = _lock_submission(submission)
    dossier = submission.dossier
    if not policy.may_review_submission(actor, dossier):
        raise PermissionDeniedError(
            _("Alleen de teamverantwoordelijke van het dossier keurt een voorstel goed.")
        )
    if submission.submitted_by_id == actor.pk:
        raise PermissionDeniedError(
            _("Vier ogen: een voorstel wordt nagekeken door iemand anders dan de indiener.")
        )
    if outcome == ReviewOutcome.RETURNED and not remarks.strip():
        raise DomainError(_("Zeg waarom het voorstel terug gaat."), field="remarks")
    if submission.status != SubmissionStatus.SUBMITTED:
        raise Conflict(_("Dit voorstel werd al nagekeken."))
    review = Review(submission=submission, reviewer=actor, outcome=outcome, remarks=remarks.strip())
    save_with_history(review, actor=actor, reason=f"submission_review:{outcome}", force_insert=True)
    if outcome == ReviewOutcome.RETURNED:
        _move_submission(submission, SubmissionStatus.RETURNED, actor=actor, reason="submission_review")
        title = _("Voorstel teruggestuurd door %(name)s") % {"name": actor.display_name}
    else:
        submission.prefetched_reviews = [review]
        if not submission_missing(submission):
            _move_submission(submission, SubmissionStatus.READY, actor=actor, reason="submission_review")
        title = _("Voorstel goedgekeurd door %(name)s") % {"name": actor.display_name}
    timeline_event_record(
        actor=actor,
        dossier=dossier,
        kind="bcsd.review",
        title=title,
        detail=review.remarks,
        link=reverse("bcsd:dossier-submissions", args=[dossier.pk]),
    )
    return review


def _require_secretary(actor) -> None:
    if not policy.is_committee_secretary(actor):
        raise PermissionDeniedError(_("Dit doet het secretariaat van het BCSD."))


@transaction.atomic
def meeting_create(
    *,
    actor,
    date: datetime.date,
    members: list[User],
    time: datetime.time | None = None,
    place: str = "",
    chair: User | None = None,
) -> Meeting:
    _require_secretary(actor)
    check_planned_date(date, field="date")
    if not_members := [m.username for m in members if not m.has_role(Role.COMMITTEE_MEMBER)]:
        raise DomainError(
            _("Geen lid van het BCSD: %(names)s.") % {"names": ", ".join(not_members)}, field="members"
        )
    if chair is not None and chair not in members:
        raise DomainError(_("De voorzitter is een lid van de zitting."), field="chair")
    meeting = Meeting(
        date=date, time=time, place=place.strip(), chair=chair, secretary=actor, created_by=actor
    )
    save_with_history(meeting, actor=actor, reason="meeting_create", force_insert=True)
    meeting.members.set(members)
    obligations.meeting_planned(actor=actor, meeting=meeting, days_before=settings.BCSD_AGENDA_DAYS)
    return meeting


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


@transaction.atomic
def agenda_add(*, actor, meeting: Meeting, submission: Submission, ratification: bool = False) -> AgendaItem:
    """Put a ready submission on the agenda; after the deadline (or on an agenda already sent) it is late."""
    _require_secretary(actor)
    meeting = _lock_meeting(meeting)
    submission = _lock_submission(submission)
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD):
        raise Conflict(_("De agenda van deze zitting is afgesloten."))
    if not ratification and submission.status != SubmissionStatus.READY:
        raise DomainError(
            _("Dit voorstel is niet klaar voor de agenda: %(missing)s.")
            % {"missing": "; ".join(missing_labels(submission_missing(submission))) or submission.status},
            field="submission",
        )
    if AgendaItem.objects.filter(meeting=meeting, submission=submission).exists():
        raise Conflict(_("Dit voorstel staat al op de agenda van deze zitting."))
    today = timezone.localdate()
    late = meeting.status != MeetingStatus.PLANNED or rules.is_late(
        today, meeting.date, settings.BCSD_AGENDA_DAYS
    )
    position = (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        submission=submission,
        position=position,
        late=late and not ratification,
        ratification=ratification,
        added_by=actor,
    )
    save_with_history(item, actor=actor, reason="agenda_add", force_insert=True)
    if not ratification:
        _move_submission(submission, SubmissionStatus.ON_AGENDA, actor=actor, reason="agenda_add")
    return item


@transaction.atomic
def agenda_order(*, actor, meeting: Meeting, submission_ids: list) -> list[AgendaItem]:
    """Reorder the agenda: the list names every item once."""
    _require_secretary(actor)
    meeting = _lock_meeting(meeting)
    items = {str(item.submission_id): item for item in meeting.items.all()}
    wanted = [str(s) for s in submission_ids]
    if sorted(wanted) != sorted(items):
        raise DomainError(_("Geef elk punt van de agenda precies één keer."), field="submissions")
    ordered = [items[s] for s in wanted]
    # Two passes: positions are not unique in the table, but the history shows one clean move per item.
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            save_with_history(item, actor=actor, reason="agenda_order", update_fields=["position"])
    return ordered


@transaction.atomic
def meeting_publish(*, actor, meeting: Meeting) -> Meeting:
    """Send the agenda to the members. Published after the deadline (an urgent meeting): every item late."""
    _require_secretary(actor)
    meeting = _lock_meeting(meeting)
    MEETING_WORKFLOW.check(actor, meeting, meeting.status, MeetingStatus.AGENDA_PUBLISHED)
    today = timezone.localdate()
    if today > meeting.date:
        raise Conflict(_("Deze zitting is al voorbij."))
    meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.published_on = today
    save_with_history(meeting, actor=actor, reason="meeting_publish")
    if rules.is_late(today, meeting.date, settings.BCSD_AGENDA_DAYS):
        for item in meeting.items.filter(late=False, ratification=False):
            item.late = True
            save_with_history(item, actor=actor, reason="meeting_publish:late", update_fields=["late"])
    enqueue("bcsd.tasks.meeting_agenda_notify", str(meeting.pk))
    obligations.meeting_published(actor=actor, meeting=meeting)
    return meeting


@transaction.atomic
def meeting_hold(*, actor, meeting: Meeting) -> Meeting:
    _require_secretary(actor)
    meeting = _lock_meeting(meeting)
    MEETING_WORKFLOW.check(actor, meeting, meeting.status, MeetingStatus.HELD)
    today = timezone.localdate()
    if today < meeting.date:
        raise Conflict(_("Een zitting wordt niet voor haar datum gehouden."))
    meeting.status = MeetingStatus.HELD
    meeting.held_on = today
    save_with_history(meeting, actor=actor, reason="meeting_hold")
    ratified = meeting.items.filter(ratification=True).values("submission")
    obligations.ratifications_held(actor=actor, decisions=Decision.objects.filter(submission__in=ratified))
    return meeting


@transaction.atomic
def meeting_minutes_approve(*, actor, meeting: Meeting, at_meeting: Meeting) -> Meeting:
    """The minutes of a held meeting are approved at a later one."""
    _require_secretary(actor)
    meeting = _lock_meeting(meeting)
    if at_meeting.date <= meeting.date:
        raise Conflict(_("De notulen worden goedgekeurd op een latere zitting."))
    MEETING_WORKFLOW.check(actor, meeting, meeting.status, MeetingStatus.MINUTES_APPROVED)
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.minutes_approved_at = at_meeting
    save_with_history(meeting, actor=actor, reason="meeting_minutes_approve")
    return meeting


def _next_meeting(after: datetime.date) -> Meeting | None:
    return (
        Meeting.objects.filter(
            date__gte=after, status__in=[MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED]
        )
        .order_by("date")
        .first()
    )


@transaction.atomic
def decision_record(
    *,
    actor,
    submission: Submission,
    outcome: str,
    motivation: str,
    decided_on: datetime.date,
    legal_basis: str = "",
    amount: Decimal | None = None,
    frequency: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    votes: dict | None = None,
    urgent: bool = False,
) -> Decision:
    """Record the committee's decision on an item of a held meeting's agenda (the secretary), or an urgent
    decision of the chair between meetings, put on the next agenda for ratification. The submission row is
    locked, and a constraint allows one decision per submission: of two concurrent decisions one wins."""
    submission = _lock_submission(submission)
    check_event_date(decided_on, field="decided_on")
    check_planned_date(period_start, field="period_start")
    check_planned_date(period_end, field="period_end")
    if period_start and period_end and period_end < period_start:
        raise DomainError(_("Het einde van de periode ligt voor het begin."), field="period_end")
    if not motivation.strip():
        raise DomainError(
            _("Een beslissing wordt gemotiveerd (feiten en rechtsgronden)."), field="motivation"
        )
    if amount is not None and amount < 0:
        raise DomainError(_("Een bedrag kan niet negatief zijn."), field="amount")
    item = None
    ratify_at = None
    if urgent:
        ratify_at = _next_meeting(decided_on)
        if ratify_at is None or ratify_at.chair_id != actor.pk:
            raise PermissionDeniedError(
                _("Een dringende beslissing neemt de voorzitter van de volgende zitting.")
            )
        if outcome == DecisionOutcome.POSTPONED:
            raise DomainError(_("Een dringende beslissing kan niet uitgesteld worden."), field="outcome")
        if submission.status != SubmissionStatus.READY:
            raise Conflict(_("Dit voorstel is niet klaar voor een beslissing."))
    else:
        _require_secretary(actor)
        item = (
            AgendaItem.objects.filter(
                submission=submission, meeting__status=MeetingStatus.HELD, ratification=False
            )
            .select_related("meeting")
            .order_by("-meeting__date")
            .first()
        )
        if item is None or submission.status != SubmissionStatus.ON_AGENDA:
            raise Conflict(_("Dit voorstel staat niet op de agenda van een gehouden zitting."))
        if decided_on < item.meeting.date:
            raise DomainError(_("De beslissing valt niet voor de zitting."), field="decided_on")
    votes = votes or {}
    in_favour, against, abstained = (votes.get(k) for k in ("in_favour", "against", "abstained"))
    if item is not None and item.late and outcome != DecisionOutcome.POSTPONED:
        if in_favour is None or against is None or abstained is None:
            raise Conflict(_("Een laattijdig punt vraagt de stemming (2/3 van de aanwezigen voor)."))
        if not rules.late_vote_carries(in_favour, against, abstained) and outcome != DecisionOutcome.REFUSED:
            raise Conflict(_("Zonder 2/3 van de aanwezigen voor is een laattijdig punt geweigerd."))
    if Decision.objects.filter(submission=submission).exclude(outcome=DecisionOutcome.POSTPONED).exists():
        raise Conflict(_("Over dit voorstel werd al beslist."))
    granted = outcome in GRANTS
    decision = Decision(
        submission=submission,
        agenda_item=item,
        urgent=urgent,
        outcome=outcome,
        motivation=motivation.strip(),
        legal_basis=(legal_basis or submission.legal_basis).strip(),
        amount=(amount if amount is not None else submission.amount) if granted else None,
        frequency=(frequency or submission.frequency) if granted else "",
        period_start=(period_start or submission.period_start) if granted else None,
        period_end=(period_end or submission.period_end) if granted else None,
        decided_on=decided_on,
        votes_in_favour=in_favour,
        votes_against=against,
        votes_abstained=abstained,
        notification_due=rules.notification_due(decided_on),
        subsidy_category=SUBSIDY_CATEGORIES.get(submission.kind, "") if granted else "",
        recorded_by=actor,
    )
    if granted and submission.kind == SubmissionKind.LEEFLOON_GRANT:
        decision.review_due = rules.yearly_review_due(decision.period_start or decided_on)
    try:
        with transaction.atomic():
            save_with_history(decision, actor=actor, reason=f"decision_record:{outcome}", force_insert=True)
    except IntegrityError:
        raise Conflict(_("Over dit voorstel werd al beslist.")) from None
    if outcome == DecisionOutcome.POSTPONED:
        _move_submission(submission, SubmissionStatus.READY, actor=actor, reason="decision_record:postponed")
        title = _("BCSD: beslissing uitgesteld")
    else:
        _move_submission(submission, SubmissionStatus.DECIDED, actor=actor, reason="decision_record")
        if submission.request_id:
            request_committee_move(
                actor=actor, aid_request_id=submission.request_id, to=RequestStatus.DECIDED
            )
        title = _("BCSD-beslissing: %(outcome)s") % {"outcome": decision.get_outcome_display()}
    if urgent:
        save_with_history(
            AgendaItem(
                meeting=ratify_at,
                submission=submission,
                position=(ratify_at.items.aggregate(last=Max("position"))["last"] or 0) + 1,
                ratification=True,
                added_by=actor,
            ),
            actor=actor,
            reason="decision_record:ratification",
            force_insert=True,
        )
    timeline_event_record(
        actor=actor,
        dossier=submission.dossier,
        kind="bcsd.decision",
        title=title,
        detail=decision.motivation,
        link=reverse("bcsd:letter", args=[decision.pk]) if outcome != DecisionOutcome.POSTPONED else "",
    )
    obligations.decision_recorded(
        actor=actor,
        decision=decision,
        dossier=submission.dossier,
        ratify_on=ratify_at.date if urgent else None,
    )
    return decision


@transaction.atomic
def decision_notify(*, actor, decision: Decision, sent_on: datetime.date, method: str) -> Decision:
    """Record that the letter was sent; the appeal term runs from the notification. A letter that lacks a
    mandatory mention is never sent (its appeal term would never start)."""
    from bcsd.documents import (
        decision_letter_html,
    )  # the letter reads the decision; documents import services

    _require_secretary(actor)
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("submission__dossier")
        .get(pk=decision.pk)
    )
    if decision.outcome == DecisionOutcome.POSTPONED:
        raise Conflict(_("Een uitstel wordt niet betekend."))
    if decision.notified_on is not None:
        raise Conflict(_("Deze beslissing werd al betekend."))
    check_event_date(sent_on, field="sent_on")
    if sent_on < decision.decided_on:
        raise DomainError(_("De brief vertrekt niet voor de beslissing."), field="sent_on")
    _html, version = decision_letter_html(decision)
    decision.sent_on = sent_on
    decision.notification_method = method
    decision.notified_on = rules.notified_on(sent_on, method, settings.BCSD_REGISTERED_MAIL_WORKING_DAYS)
    decision.appeal_until = rules.appeal_until(decision.notified_on)
    decision.letter_template_version = version
    save_with_history(decision, actor=actor, reason="decision_notify")
    submission = decision.submission
    if submission.request_id:
        request_committee_move(actor=actor, aid_request_id=submission.request_id, to=RequestStatus.NOTIFIED)
    timeline_event_record(
        actor=actor,
        dossier=submission.dossier,
        kind="bcsd.notification",
        title=_("Beslissing betekend (%(method)s)") % {"method": decision.get_notification_method_display()},
        detail=_("Beroep mogelijk tot %(date)s.") % {"date": decision.appeal_until.strftime("%d/%m/%Y")},
    )
    obligations.decision_notified(actor=actor, decision=decision)
    return decision


@transaction.atomic
def appeal_record(
    *,
    actor,
    decision: Decision,
    filed_on: datetime.date,
    court: str,
    case_number: str = "",
    outcome: str = "",
    outcome_on: datetime.date | None = None,
) -> Appeal:
    """An appeal filed at the labour court; recorded again later with its outcome (the same appeal)."""
    _require_secretary(actor)
    check_event_date(filed_on, field="filed_on")
    check_event_date(outcome_on, field="outcome_on")
    if not court.strip():
        raise DomainError(_("Bij welke arbeidsrechtbank?"), field="court")
    if decision.decided_on > filed_on:
        raise DomainError(_("Een beroep volgt op de beslissing."), field="filed_on")
    appeal = Appeal.objects.select_for_update().filter(decision=decision, court=court.strip()).first()
    if appeal is None:
        appeal = Appeal(decision=decision, filed_on=filed_on, court=court.strip(), recorded_by=actor)
    appeal.case_number = case_number.strip() or appeal.case_number
    appeal.filed_on = filed_on
    if outcome.strip():
        appeal.outcome = outcome.strip()
        appeal.outcome_on = outcome_on
    save_with_history(appeal, actor=actor, reason="appeal_record")
    return appeal


@transaction.atomic
def hearing_request(
    *,
    actor,
    submission: Submission,
    requested_on: datetime.date,
    meeting: Meeting | None = None,
    scheduled_at: datetime.datetime | None = None,
    companion: str = "",
) -> Hearing:
    """The client asked to be heard: the secretary (or the dossier's worker) records it and schedules it."""
    if not (policy.is_committee_secretary(actor) or policy.may_work_on(actor, submission.dossier)):
        raise PermissionDeniedError()
    check_event_date(requested_on, field="requested_on")
    check_planned_date(scheduled_at.date() if scheduled_at else None, field="scheduled_at")
    if scheduled_at is not None and meeting is not None and scheduled_at.date() != meeting.date:
        raise DomainError(_("Het uur valt niet op de dag van de zitting."), field="scheduled_at")
    hearing = Hearing(
        submission=submission,
        requested_on=requested_on,
        meeting=meeting,
        scheduled_at=scheduled_at,
        companion=companion.strip(),
        recorded_by=actor,
    )
    save_with_history(hearing, actor=actor, reason="hearing_request", force_insert=True)
    when = (
        timezone.localtime(scheduled_at).strftime("%d/%m/%Y %H:%M") if scheduled_at else _("nog te plannen")
    )
    timeline_event_record(
        actor=actor,
        dossier=submission.dossier,
        kind="bcsd.hearing",
        title=_("Hoorzitting gevraagd: %(when)s") % {"when": when},
        detail=companion,
    )
    obligations.hearing_changed(actor=actor, hearing=hearing, dossier=submission.dossier)
    return hearing


@transaction.atomic
def hearing_outcome(*, actor, hearing: Hearing, held: bool, notes: str = "") -> Hearing:
    _require_secretary(actor)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    hearing.held = held
    hearing.notes = notes.strip()
    save_with_history(hearing, actor=actor, reason="hearing_outcome")
    obligations.hearing_changed(actor=actor, hearing=hearing, dossier=None)
    return hearing


# --- A GPMI sanction proposed in activation becomes a submission (activation never imports bcsd) ---


def _sanction_texts(proposal) -> dict:
    """The proposal, motivation and legal basis of a gpmi_sanction submission, in the committee's words."""
    months = proposal.suspension_months
    text = ngettext(
        "Schorsing van het leefloon gedurende %(months)d maand omdat de verplichtingen van het GPMI "
        "zonder rechtmatige reden niet werden nagekomen.",
        "Schorsing van het leefloon gedurende %(months)d maanden omdat de verplichtingen van het GPMI "
        "zonder rechtmatige reden niet werden nagekomen.",
        months,
    ) % {"months": months}
    if proposal.repeat:
        text += " " + _("Herhaling binnen het jaar na een eerder sanctievoorstel.")
    gpmi = proposal.gpmi
    facts = [proposal.motivation]
    facts.append(
        _("Formele verwittiging op %(date)s: %(reason)s")
        % {"date": proposal.warning.given_on.strftime("%d/%m/%Y"), "reason": proposal.warning.reason}
    )
    if gpmi.signed_on:
        facts.append(_("GPMI ondertekend op %(date)s.") % {"date": gpmi.signed_on.strftime("%d/%m/%Y")})
    legal_basis = _(
        "Art. 11 en art. 30 §2 van de wet van 26 mei 2002 betreffende het recht op maatschappelijke "
        "integratie: wie de verplichtingen van het GPMI zonder rechtmatige reden niet nakomt na een formele "
        "verwittiging, kan het leefloon geschorst zien tot 1 maand, tot 3 maanden bij herhaling binnen het "
        "jaar; altijd na het hoorrecht."
    )
    return {"proposal": text, "motivation": "\n\n".join(facts), "legal_basis": legal_basis}


@transaction.atomic
def submission_from_sanction_proposal(
    *, actor, proposal: SanctionProposal, hearing_offered_on: datetime.date | None
) -> Submission:
    """The committee's submission (kind gpmi_sanction) from a sanction proposal stored in activation, frozen
    like every submission, and the proposal marked as handed over so it cannot be submitted twice. A
    sanction always comes after the right to be heard (art. 30 RMI law, domain §2.4 and §3): without the
    date the client was offered a hearing, nothing is made. The proposal was read by the caller through
    activation's selector (the dossier policy, logged)."""
    dossier = proposal.gpmi.dossier
    if not policy.may_submit_to_committee(actor, dossier):
        raise NotFoundError()
    if proposal.status != SanctionProposalStatus.PROPOSED:
        raise Conflict(_("Dit sanctievoorstel werd al aan het BCSD voorgelegd."))
    if hearing_offered_on is None:
        raise DomainError(
            _(
                "Een sanctie komt altijd na het hoorrecht: vul de datum in waarop de cliënt schriftelijk "
                "werd uitgenodigd om gehoord te worden."
            ),
            field="hearing_offered_on",
        )
    submission = submission_create(
        actor=actor,
        dossier=dossier,
        kind=SubmissionKind.GPMI_SANCTION,
        hearing_offered_on=hearing_offered_on,
        **_sanction_texts(proposal),
    )
    # Locks the proposal: of two people handing it over at once, the second one's whole transaction (its
    # submission too) is rolled back with the Conflict.
    activation_services.sanction_proposal_mark_submitted(
        actor=actor, proposal=proposal, submission_id=submission.pk
    )
    return submission
