"""Reads of the committee: take the user, ask casework.policy, write the access log. A committee member reads
only the agendas and frozen submissions of the meetings they sit on, from the agenda's publication until the
reading period after the meeting; everyone else who may not see an object gets 404, like one that does not
exist."""

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.models import Role
from bcsd import reads, rules
from bcsd.models import AgendaItem, Decision, Hearing, Meeting, Review, Submission
from casework import policy
from casework.dossiers.models import Dossier
from clients.ledger import access_log_record
from core.errors import NotFoundError
from core.ids import uuid_or_404

# Who sees the submissions of the dossiers they work on (a list for the dossier page).
CASEWORKERS = (Role.SOCIAL_WORKER, Role.TEAM_LEAD, Role.HEAD_OF_SERVICE, Role.ACTIVATION_COACH)


def in_reading_period(meeting: Meeting, today=None) -> bool:
    return rules.member_may_read(
        published_on=meeting.published_on,
        meeting_date=meeting.date,
        today=today or timezone.localdate(),
        days_after=settings.BCSD_MEMBER_ACCESS_DAYS,
    )


def _is_member(user, meeting: Meeting) -> bool:
    members = getattr(meeting, "member_ids", None)
    if members is None:
        members = set(meeting.members.values_list("pk", flat=True))
    return user.pk in members


def log_reads(user, submissions, what: str) -> None:
    """One ledger row for the persons whose frozen submissions the user was shown."""
    access_log_record(
        user=user,
        client_ids=[s.dossier.client_id for s in submissions],
        what=what,
        purpose=reads.COMMITTEE,
        dossier_ids=[s.dossier_id for s in submissions],
    )


def _submissions() -> QuerySet:
    return Submission.objects.select_related(
        "dossier__client", "dossier__team", "dossier__social_worker", "request"
    ).prefetch_related(
        Prefetch("reviews", queryset=Review.objects.select_related("reviewer"), to_attr="prefetched_reviews"),
    )


def meeting_visible(user, meeting: Meeting) -> bool:
    return policy.may_read_meeting(
        user, is_member=_is_member(user, meeting), in_reading_period=in_reading_period(meeting)
    )


def meeting_get(*, user, meeting_id, what: str = "bcsd_agenda", log: bool = True) -> Meeting:
    """One meeting with its agenda; every person on the agenda is logged as read."""
    meeting = (
        Meeting.objects.select_related("chair", "secretary")
        .prefetch_related(
            "members",
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related(
                    "submission__dossier__client", "submission__dossier__team"
                )
                .prefetch_related("decisions")
                .order_by("position"),
            ),
        )
        .filter(pk=uuid_or_404(meeting_id))
        .first()
    )
    if meeting is None:
        raise NotFoundError()
    meeting.member_ids = {member.pk for member in meeting.members.all()}
    if not meeting_visible(user, meeting):
        raise NotFoundError()
    if log:
        log_reads(user, [item.submission for item in meeting.items.all()], what)
    return meeting


def meeting_list(*, user) -> QuerySet:
    """The meetings a user may open (dates and places only: no personal data, not logged)."""
    meetings = Meeting.objects.prefetch_related("members").order_by("-date")
    if policy.is_committee_secretary(user) or user.has_role(Role.HEAD_OF_SERVICE):
        return meetings
    if not user.has_role(Role.COMMITTEE_MEMBER):
        return meetings.none()
    today = timezone.localdate()
    return meetings.filter(
        members=user,
        published_on__isnull=False,
        published_on__lte=today,
        date__gte=today - timezone.timedelta(days=settings.BCSD_MEMBER_ACCESS_DAYS),
    )


def on_members_agenda(user, submission: Submission) -> bool:
    """Whether the submission is on the agenda of one of the user's meetings, in its reading period."""
    if not user.has_role(Role.COMMITTEE_MEMBER):
        return False
    meetings = Meeting.objects.filter(items__submission=submission, members=user)
    return any(in_reading_period(meeting) for meeting in meetings)


def _submission_visible(user, submission: Submission) -> bool:
    _with_policy_facts_of(submission)
    return policy.may_read_submission(
        user, submission.dossier, on_members_agenda=on_members_agenda(user, submission)
    )


def _with_policy_facts_of(submission: Submission) -> None:
    """What the policy asks of the dossier (its restricted list, live break-the-glass grants)."""
    dossier = submission.dossier
    dossier.restricted_to_ids = set(dossier.restricted_to.values_list("pk", flat=True))
    dossier.active_break_glass_user_ids = set(
        dossier.break_glass.filter(expires_at__gt=timezone.now()).values_list("user_id", flat=True)
    )


def submission_get(*, user, submission_id, what: str = "bcsd_submission", log: bool = True) -> Submission:
    """One frozen submission; for a committee member only while it is on one of their agendas."""
    submission = _submissions().filter(pk=uuid_or_404(submission_id)).first()
    if submission is None or not _submission_visible(user, submission):
        raise NotFoundError()
    if log:
        log_reads(user, [submission], what)
    return submission


def submission_list(*, user, dossier_id=None, status: str | None = None) -> QuerySet:
    """Submissions the secretary may put on an agenda (all), or those of the dossiers the user works on."""
    submissions = _submissions()
    if not policy.is_committee_secretary(user):
        if not user.has_role(*CASEWORKERS):
            return submissions.none()
        submissions = submissions.filter(dossier__in=Dossier.objects.filter(policy.visible_dossiers_q(user)))
    if dossier_id:
        submissions = submissions.filter(dossier_id=uuid_or_404(dossier_id))
    if status:
        submissions = submissions.filter(status=status)
    return submissions


def decision_get(
    *, user, decision_id, what: str = "bcsd_decision", letter: bool = False, log: bool = True
) -> Decision:
    decision = (
        Decision.objects.select_related(
            "submission__dossier__client",
            "submission__dossier__team",
            "submission__dossier__social_worker",
            "submission__request",
            "agenda_item__meeting",
        )
        .filter(pk=uuid_or_404(decision_id))
        .first()
    )
    if decision is None:
        raise NotFoundError()
    _with_policy_facts_of(decision.submission)
    dossier = decision.submission.dossier
    allowed = (
        policy.may_read_decision_letter(user, dossier)
        if letter
        else policy.may_read_submission(user, dossier, on_members_agenda=False)
    )
    if not allowed:
        raise NotFoundError()
    if log:
        log_reads(user, [decision.submission], what)
    return decision


def hearing_get(*, user, hearing_id, log: bool = True) -> Hearing:
    hearing = (
        Hearing.objects.select_related("submission__dossier__client", "meeting")
        .filter(pk=uuid_or_404(hearing_id))
        .first()
    )
    if hearing is None:
        raise NotFoundError()
    _with_policy_facts_of(hearing.submission)
    if not policy.may_read_submission(user, hearing.submission.dossier, on_members_agenda=False):
        raise NotFoundError()
    if log:
        log_reads(user, [hearing.submission], "bcsd_hearing")
    return hearing
