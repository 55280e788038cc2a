"""Writes of the obligations engine. The services that change a fact call these inside their own transaction
(architecture rule 6): a request registered opens its decision clock, a decision meets it and opens the
notification clock, and so on. Apps above casework (activation, bcsd) call the `*_changed` / `*_recorded`
functions here, passing their objects; nothing here imports them.

Each clock is one row per kind and object (a partial unique constraint): opening it again moves its date."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.services import notification_send
from casework.obligations import rules
from casework.obligations.models import (
    OPEN_STATES,
    Obligation,
    ObligationKind,
    ObligationReminder,
    ObligationState,
    PublicHoliday,
    ReminderStage,
)
from casework.obligations.rules import Kind
from core import outbox
from core.errors import DomainError, PermissionDeniedError
from core.history import save_with_history


def holidays() -> frozenset[datetime.date]:
    return frozenset(PublicHoliday.objects.values_list("date", flat=True))


def due_on(kind: str, start: datetime.date) -> datetime.date:
    """A fixed-term kind's due date with the settings applied; the holiday table is read only for a kind
    whose term moves past holidays."""
    moves = settings.OBLIGATION_TERM_MOVES.get(kind, rules.TERMS[kind].moves_to_working_day)
    return rules.due_on(
        kind, start, holidays=holidays() if moves else (), moves=settings.OBLIGATION_TERM_MOVES
    )


# The default team of an obligation: its dossier's.
DOSSIER_TEAM = object()


def _object_key(obj) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def _dossier_link(dossier) -> str:
    return reverse("casework:dossier", args=[dossier.pk]) if dossier is not None else ""


def _open_ones(kind: str, obj):
    object_type, object_id = _object_key(obj)
    return Obligation.objects.select_for_update().filter(
        kind=kind, object_type=object_type, object_id=object_id, state__in=OPEN_STATES
    )


@transaction.atomic(savepoint=False)  # the caller's transaction, or one of its own
def obligation_open(
    *,
    actor,
    kind: str,
    obj,
    due_on: datetime.date,
    dossier=None,
    responsible=None,
    team=DOSSIER_TEAM,
    link: str = "",
) -> Obligation:
    """Start a clock for `obj`, or move the one that runs (the facts changed its date). The row is locked, and
    the partial unique constraint keeps one running clock per kind and object. A move keeps the responsible
    person (a team lead may have reassigned it). `team`: the dossier's unless given (None: the secretariat's,
    no team)."""
    today = timezone.localdate()
    obligation = _open_ones(kind, obj).first()
    if obligation is not None:
        if obligation.due_on != due_on or (obligation.responsible_id is None and responsible is not None):
            obligation.due_on = due_on
            obligation.responsible = obligation.responsible or responsible
            obligation.state = ObligationState.OVERDUE if due_on < today else ObligationState.OPEN
            save_with_history(obligation, actor=actor, reason="obligation_move")
        return obligation
    object_type, object_id = _object_key(obj)
    obligation = Obligation(
        kind=kind,
        due_on=due_on,
        responsible=responsible,
        team=getattr(dossier, "team", None) if team is DOSSIER_TEAM else team,
        dossier=dossier,
        object_type=object_type,
        object_id=object_id,
        link=link or _dossier_link(dossier),
        state=ObligationState.OVERDUE if due_on < today else ObligationState.OPEN,
    )
    save_with_history(obligation, actor=actor, reason="obligation_open", force_insert=True)
    return obligation


@transaction.atomic(savepoint=False)  # the caller's transaction, or one of its own
def obligation_meet(*, actor, kind: str, obj, on: datetime.date | None = None) -> int:
    """The fact the clock waited for happened (decided, notified, signed, evaluated...)."""
    met = 0
    for obligation in _open_ones(kind, obj):
        obligation.state = ObligationState.MET
        obligation.met_on = on or timezone.localdate()
        obligation.closed_by = actor
        save_with_history(obligation, actor=actor, reason="obligation_meet")
        met += 1
    return met


@transaction.atomic(savepoint=False)  # the caller's transaction, or one of its own
def obligation_waive(*, actor, kind: str, obj, reason: str) -> int:
    """The clock no longer applies (the request was withdrawn, the client exempted): with the reason and
    by whom."""
    waived = 0
    for obligation in _open_ones(kind, obj):
        _waive(obligation, actor=actor, reason=reason)
        waived += 1
    return waived


def _waive(obligation: Obligation, *, actor, reason: str) -> None:
    if not reason.strip():
        raise DomainError(_("Geef de reden waarom deze verplichting vervalt."), field="reason")
    obligation.state = ObligationState.WAIVED
    obligation.waived_reason = reason.strip()[:300]
    obligation.closed_by = actor
    save_with_history(obligation, actor=actor, reason="obligation_waive")


def obligation_renew(*, actor, kind: str, obj, on: datetime.date, due_on: datetime.date | None, **where):
    """A recurring clock (an evaluation, a monitoring contact): the one that ran is met, the next one
    starts."""
    obligation_meet(actor=actor, kind=kind, obj=obj, on=on)
    if due_on is not None:
        obligation_open(actor=actor, kind=kind, obj=obj, due_on=due_on, **where)


def may_reassign(user, obligation: Obligation) -> bool:
    """A team lead moves the obligations of their own team; the head of service any."""
    if user.has_role(Role.HEAD_OF_SERVICE):
        return True
    return (
        user.has_role(Role.TEAM_LEAD)
        and user.team_id is not None
        and user.team_id in (obligation.team_id, getattr(obligation.responsible, "team_id", None))
    )


@transaction.atomic
def obligation_reassign(*, actor, obligation_id, to: str) -> Obligation:
    """Give an open obligation to another member of the team (the team lead, for an absent colleague)."""
    from casework.obligations.selectors import obligation_visible_to

    obligation = obligation_visible_to(user=actor, obligation_id=obligation_id, for_update=True)
    if not may_reassign(actor, obligation):
        raise PermissionDeniedError(_("Alleen de teamverantwoordelijke wijst werk van het team opnieuw toe."))
    if obligation.state not in OPEN_STATES:
        raise DomainError(_("Deze verplichting is niet meer open."), field="to")
    target = User.objects.filter(username=(to or "").strip(), is_active=True).first()
    if target is None:
        raise DomainError(_("Deze medewerker bestaat niet."), field="to")
    team_id = obligation.team_id or actor.team_id
    if not actor.has_role(Role.HEAD_OF_SERVICE) and target.team_id != team_id:
        raise DomainError(_("Kies een medewerker van het team."), field="to")
    obligation.responsible = target
    save_with_history(obligation, actor=actor, reason="obligation_reassign")
    return obligation


# --- The facts that start, meet and move the clocks (called by the services that change them) ---


def request_registered(*, actor, aid_request) -> None:
    dossier = aid_request.dossier
    obligation_open(
        actor=actor,
        kind=Kind.DECISION_DUE,
        obj=aid_request,
        due_on=aid_request.decision_due,
        dossier=dossier,
        responsible=dossier.social_worker,
        link=reverse("casework:request", args=[aid_request.pk]),
    )


def request_status_changed(*, actor, aid_request) -> None:
    """Decided, notified or forwarded: the decision clock is met; withdrawn: it falls away."""
    if aid_request.status in ("decided", "notified", "forwarded"):
        obligation_meet(actor=actor, kind=Kind.DECISION_DUE, obj=aid_request)
    elif aid_request.status == "withdrawn":
        obligation_waive(
            actor=actor, kind=Kind.DECISION_DUE, obj=aid_request, reason=_("aanvraag ingetrokken")
        )


def referral_changed(*, actor, referral) -> None:
    """Proposed or sent: the partner's feedback is expected by feedback_due; answered, declined or completed:
    it came."""
    if referral.status in ("proposed", "sent") and referral.feedback_due:
        obligation_open(
            actor=actor,
            kind=Kind.REFERRAL_FEEDBACK_DUE,
            obj=referral,
            due_on=referral.feedback_due,
            dossier=referral.dossier,
            responsible=referral.dossier.social_worker or referral.created_by,
        )
    else:
        obligation_meet(actor=actor, kind=Kind.REFERRAL_FEEDBACK_DUE, obj=referral)


def decision_recorded(*, actor, decision, dossier, ratify_on: datetime.date | None = None) -> None:
    """A committee decision (bcsd): notify within 8 days; a leefloon granted is reviewed yearly; an urgent
    decision of the chair is ratified at the next meeting."""
    if decision.outcome == "postponed":
        return
    letter = reverse("bcsd:decision-notify", args=[decision.pk])
    obligation_open(
        actor=actor,
        kind=Kind.NOTIFICATION_DUE,
        obj=decision,
        due_on=decision.notification_due,
        dossier=dossier,
        responsible=actor,
        team=None,  # the secretariat's work, not the team's
        link=letter,
    )
    if getattr(decision, "review_due", None):
        obligation_open(
            actor=actor,
            kind=Kind.ANNUAL_REVIEW_DUE,
            obj=decision,
            due_on=decision.review_due,
            dossier=dossier,
            responsible=dossier.social_worker,
        )
    if ratify_on is not None:
        obligation_open(
            actor=actor,
            kind=Kind.RATIFICATION_DUE,
            obj=decision,
            due_on=rules.ratification_due(ratify_on),
            dossier=dossier,
            responsible=actor,
            team=None,
        )


def decision_notified(*, actor, decision) -> None:
    obligation_meet(actor=actor, kind=Kind.NOTIFICATION_DUE, obj=decision, on=decision.sent_on)


def ratifications_held(*, actor, decisions) -> None:
    """The meeting that ratifies urgent decisions of the chair was held."""
    for decision in decisions:
        obligation_meet(actor=actor, kind=Kind.RATIFICATION_DUE, obj=decision)


def hearing_changed(*, actor, hearing, dossier) -> None:
    """A request to be heard without a date is to be scheduled; once planned or held, the clock is met."""
    if hearing.scheduled_at is None and hearing.held is None:
        obligation_open(
            actor=actor,
            kind=Kind.HEARING_DUE,
            obj=hearing,
            due_on=rules.hearing_due(hearing.requested_on, getattr(hearing.meeting, "date", None)),
            dossier=dossier,
            responsible=dossier.social_worker,
        )
    else:
        obligation_meet(actor=actor, kind=Kind.HEARING_DUE, obj=hearing)


def gpmi_changed(*, actor, gpmi, evaluated_on: datetime.date | None = None) -> None:
    """Draft: conclude it by conclusion_due. Signed: the conclusion clock is met and the evaluations run from
    next_evaluation_due. Exempted: no contract, with the recorded reason."""
    dossier = gpmi.dossier
    where = {"dossier": dossier, "responsible": dossier.activation_coach or dossier.social_worker}
    if gpmi.status == "draft":
        obligation_open(
            actor=actor, kind=Kind.GPMI_CONCLUSION_DUE, obj=gpmi, due_on=gpmi.conclusion_due, **where
        )
    elif gpmi.status == "exempted":
        obligation_waive(
            actor=actor,
            kind=Kind.GPMI_CONCLUSION_DUE,
            obj=gpmi,
            reason=gpmi.exemption_reason or "vrijstelling",
        )
    elif gpmi.status == "signed":
        obligation_meet(actor=actor, kind=Kind.GPMI_CONCLUSION_DUE, obj=gpmi, on=gpmi.signed_on)
        if evaluated_on is not None:
            obligation_renew(
                actor=actor,
                kind=Kind.GPMI_EVALUATION_DUE,
                obj=gpmi,
                on=evaluated_on,
                due_on=gpmi.next_evaluation_due,
                **where,
            )
        elif gpmi.next_evaluation_due:
            obligation_open(
                actor=actor, kind=Kind.GPMI_EVALUATION_DUE, obj=gpmi, due_on=gpmi.next_evaluation_due, **where
            )


def trajectory_changed(*, actor, trajectory, contact_on: datetime.date | None = None) -> None:
    """The coach's next monitoring contact (next_monitoring_due, from the cadence): a contact meets the one
    that ran; a phase or measure change moves it; a trajectory that ended (or needs none) stops it."""
    where = {"dossier": trajectory.dossier, "responsible": trajectory.coach}
    due = trajectory.next_monitoring_due if getattr(trajectory, "ended_on", None) is None else None
    if contact_on is not None:
        obligation_renew(
            actor=actor, kind=Kind.MONITORING_DUE, obj=trajectory, on=contact_on, due_on=due, **where
        )
    elif due is not None:
        obligation_open(actor=actor, kind=Kind.MONITORING_DUE, obj=trajectory, due_on=due, **where)
    else:
        obligation_waive(
            actor=actor, kind=Kind.MONITORING_DUE, obj=trajectory, reason=_("geen opvolging meer nodig")
        )


def payment_plan_changed(*, actor, plan, paid_on: datetime.date | None = None) -> None:
    """An agreed plan: the worker follows its next unpaid instalment (moved past a weekend or bank holiday); a
    payment meets it and the next one starts; a plan completed or not kept stops the clock."""
    dossier = plan.debt.dossier
    unpaid = plan.instalments.filter(paid_on__isnull=True).order_by("due_on")
    next_unpaid = unpaid.values_list("due_on", flat=True).first() if plan.status == "agreed" else None
    due = due_on(Kind.INSTALMENT_DUE, next_unpaid) if next_unpaid else None
    where = {"dossier": dossier, "responsible": dossier.social_worker}
    if paid_on is not None:
        obligation_renew(actor=actor, kind=Kind.INSTALMENT_DUE, obj=plan, on=paid_on, due_on=due, **where)
    elif due is not None:
        obligation_open(actor=actor, kind=Kind.INSTALMENT_DUE, obj=plan, due_on=due, **where)
    elif plan.status == "completed":
        obligation_meet(actor=actor, kind=Kind.INSTALMENT_DUE, obj=plan)
    else:
        obligation_waive(
            actor=actor, kind=Kind.INSTALMENT_DUE, obj=plan, reason=_("afbetalingsplan niet nageleefd")
        )


def meeting_planned(*, actor, meeting, days_before: int) -> None:
    """The secretary sends the agenda `days_before` days before the meeting (8, or 5 by the rules)."""
    obligation_open(
        actor=actor,
        kind=Kind.AGENDA_PUBLICATION_DUE,
        obj=meeting,
        due_on=rules.agenda_publication_due(meeting.date, days_before),
        responsible=actor,
        link=reverse("bcsd:meeting", args=[meeting.pk]),
    )


def meeting_published(*, actor, meeting) -> None:
    obligation_meet(actor=actor, kind=Kind.AGENDA_PUBLICATION_DUE, obj=meeting)


# --- Reminders: a daily scan (beat), idempotent by ObligationReminder's unique key ---


def _lead_days(kind: str) -> int:
    lead = settings.OBLIGATION_REMINDER_LEAD_DAYS
    return lead.get(kind, lead["default"])


def _team_leads(team_ids) -> dict[int, list[User]]:
    leads: dict[int, list[User]] = {}
    for user in User.objects.filter(team_id__in=team_ids, is_active=True):
        if user.has_role(Role.TEAM_LEAD):
            leads.setdefault(user.team_id, []).append(user)
    return leads


def _remind(obligation: Obligation, stage: str, recipient: User) -> bool:
    """One reminder per obligation, stage and person: the in-app notification now, the e-mail by the outbox.
    Returns False when it was sent before (a second scan, a retried task)."""
    reminder, created = ObligationReminder.objects.get_or_create(
        obligation=obligation, stage=stage, recipient=recipient
    )
    if not created:
        return False
    kind = ObligationKind(obligation.kind).label
    due = obligation.due_on.strftime("%d/%m/%Y")
    where = f" ({obligation.dossier.reference})" if obligation.dossier_id else ""
    if stage == ReminderStage.BEFORE:
        message = _("Herinnering: %(kind)s%(where)s uiterlijk op %(due)s.")
    elif stage == ReminderStage.OVERDUE:
        message = _("Termijn verstreken: %(kind)s%(where)s was uiterlijk op %(due)s.")
    else:
        message = _("Te laat in uw team: %(kind)s%(where)s (uiterlijk op %(due)s, %(who)s).")
    message %= {
        "kind": kind,
        "where": where,
        "due": due,
        "who": obligation.responsible.display_name if obligation.responsible_id else "-",
    }
    notification_send(
        recipient=recipient,
        event_key=f"obligation:{obligation.pk}:{stage}:{recipient.pk}",
        message=message,
        link=obligation.link,
    )
    outbox.enqueue("casework.obligations.reminder_mail", reminder.pk)
    return True


@transaction.atomic
def obligations_scan(*, today: datetime.date | None = None) -> int:
    """The daily scan: open obligations past their date become overdue; reminders go out before the date (the
    lead time of the kind), on the day it passes, and to the team lead when overdue. Running it twice sends
    nothing twice. Returns the number of reminders sent now."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(settings.OBLIGATION_REMINDER_LEAD_DAYS.values()))
    candidates = list(
        Obligation.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(state__in=OPEN_STATES, due_on__lte=horizon)
        .select_related("responsible", "dossier")
        .order_by("due_on")
    )
    leads = _team_leads({o.team_id for o in candidates if o.team_id})
    sent = 0
    for obligation in candidates:
        stage = rules.reminder_stage(obligation.due_on, today, _lead_days(obligation.kind))
        if stage is None:
            continue
        if stage == "overdue" and obligation.state != ObligationState.OVERDUE:
            obligation.state = ObligationState.OVERDUE
            save_with_history(obligation, actor=None, reason="obligations_scan:overdue")
        if obligation.responsible_id:
            sent += _remind(obligation, stage, obligation.responsible)
        if stage == "overdue":
            for lead in leads.get(obligation.team_id, []):
                if lead.pk != obligation.responsible_id:
                    sent += _remind(obligation, ReminderStage.ESCALATED, lead)
    return sent


def reminder_mail(*, reminder_id: int) -> bool:
    """Mail one reminder (the outbox's task); sent once: mailed_at is set in the same transaction."""
    with transaction.atomic():
        reminder = (
            ObligationReminder.objects.select_for_update(of=("self",))
            .select_related("obligation__dossier", "recipient")
            .filter(pk=reminder_id, mailed_at__isnull=True)
            .first()
        )
        if reminder is None:
            return False
        if reminder.recipient.email:
            obligation = reminder.obligation
            # No personal data in the mail: the kind, the date and the dossier number; the rest in Casework.
            subject = _("Casework: %(kind)s uiterlijk op %(due)s") % {
                "kind": ObligationKind(obligation.kind).label,
                "due": obligation.due_on.strftime("%d/%m/%Y"),
            }
            body = _("Zie 'Mijn werk' in Casework (%(stage)s, dossier %(dossier)s).") % {
                "stage": ReminderStage(reminder.stage).label,
                "dossier": obligation.dossier.reference if obligation.dossier_id else "-",
            }
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [reminder.recipient.email])
        reminder.mailed_at = timezone.now()
        reminder.save(update_fields=["mailed_at"])
        return True
