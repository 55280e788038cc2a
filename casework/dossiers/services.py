"""Opening, restricting and closing a dossier; break-the-glass and telling the team lead."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.services import notification_send
from casework import policy
from casework.dossiers import reads, rules
from casework.dossiers.models import (
    BreakGlassAccess,
    BreakGlassCategory,
    Dossier,
    DossierCounter,
    DossierStatus,
)
from casework.dossiers.transitions import DOSSIER_WORKFLOW
from clients.ledger import Purpose, access_log_record
from core import outbox
from core.errors import Conflict, DomainError, NotFoundError, PermissionDeniedError
from core.history import save_with_history


def dossier_open(*, actor, client, team, social_worker=None) -> Dossier:
    """Open the client's dossier for a new service episode; a client has at most one open dossier. When the
    open one is restricted and hidden from the actor, the refusal says nothing of it, and the head of service
    is told (someone at the counter may need them; someone may be probing)."""
    if not policy.may_open_dossier(actor, team):
        raise PermissionDeniedError(_("U kunt geen dossier openen voor dit team."))
    if social_worker is not None and not (
        social_worker.team_id == team.pk and social_worker.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD)
    ):
        raise DomainError(_("Kies een maatschappelijk werker van dit team."), field="social_worker")
    try:
        with transaction.atomic():
            dossier = Dossier(client=client, team=team, social_worker=social_worker)
            dossier.number = _next_dossier_number(dossier.opened_on.year)
            save_with_history(dossier, actor=actor, reason="dossier_open", force_insert=True)
            return dossier
    except IntegrityError:
        existing = Dossier.objects.filter(client=client, status=DossierStatus.OPEN).first()
    if existing is not None and not policy.may_know_of(actor, existing):
        _tell_head_of_service_of_hidden_dossier(actor=actor, dossier=existing)
        raise HiddenDossierRefusal()
    named = {"existing_dossier": str(existing.pk)} if existing else {}
    raise Conflict(_("Deze cliënt heeft al een open dossier."), **named)


def _next_dossier_number(year: int) -> str:
    # Like the register: the year's counter row is locked until the transaction ends (a refused open gives
    # its number back).
    DossierCounter.objects.bulk_create([DossierCounter(year=year)], ignore_conflicts=True)
    counter = DossierCounter.objects.select_for_update().get(year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return rules.dossier_number(year, counter.last_serial)


class HiddenDossierRefusal(PermissionDeniedError):
    """A neutral refusal: it must not tell that a restricted dossier exists (403, like a role refusal)."""

    def __init__(self):
        super().__init__(
            _("Voor deze persoon kunt u geen dossier openen: neem contact op met het afdelingshoofd.")
        )


@transaction.atomic
def _tell_head_of_service_of_hidden_dossier(*, actor, dossier: Dossier) -> None:
    """Committed on its own: the refused attempt is rolled back, the notification stays."""
    attempt = timezone.now()
    for head in User.objects.filter(is_active=True):
        if head.has_role(Role.HEAD_OF_SERVICE):
            notification_send(
                recipient=head,
                event_key=f"hidden-dossier-open:{dossier.pk}:{actor.pk}:{attempt.isoformat()}",
                message=_(
                    "%(user)s wilde een dossier openen voor een persoon met een afgeschermd dossier. "
                    "Neem contact op met %(user)s."
                )
                % {"user": actor.display_name},
            )


@transaction.atomic
def dossier_restrict(*, actor, dossier: Dossier, restricted: bool, allowed_users: list) -> Dossier:
    """Mark a sensitive dossier (the client is a staff member or a mandatary): only the listed people may open
    it. The one who restricts stays on the list, so nobody locks the dossier away from everyone."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not policy.may_restrict(actor, dossier):
        raise NotFoundError()
    dossier.restricted = restricted
    save_with_history(dossier, actor=actor, reason="dossier_restrict")
    dossier.restricted_to.set({*allowed_users, actor} if restricted else [])
    return dossier


@transaction.atomic
def dossier_coach_assign(*, actor, dossier: Dossier, coach) -> Dossier:
    """Name the activation coach who follows the client towards work (the activation app calls this when a
    trajectory starts, with its own rules checked): the coach then works on the dossier through the policy."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not policy.may_assign_coach(actor, dossier):
        raise NotFoundError()
    if coach is not None and not coach.has_role(Role.ACTIVATION_COACH):
        raise DomainError(_("Kies een trajectbegeleider."), field="coach")
    dossier.activation_coach = coach
    save_with_history(dossier, actor=actor, reason="dossier_coach_assign")
    return dossier


@transaction.atomic
def dossier_close(*, actor, dossier: Dossier, reason: str) -> Dossier:
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    DOSSIER_WORKFLOW.check(actor, dossier, dossier.status, DossierStatus.CLOSED)
    if not reason.strip():
        raise DomainError(_("Geef een reden voor het afsluiten."), field="reason")
    dossier.status = DossierStatus.CLOSED
    dossier.closed_on = timezone.localdate()
    dossier.closed_reason = reason.strip()
    save_with_history(dossier, actor=actor, reason="dossier_close")
    return dossier


@transaction.atomic
def break_glass(
    *, actor, dossier: Dossier, reason: str, category: str = BreakGlassCategory.OTHER
) -> BreakGlassAccess:
    """Open a dossier outside one's own team for a limited time, with a reason, logged, the team lead told."""
    if not policy.may_break_glass(actor, dossier):
        raise NotFoundError()
    reason = (reason or "").strip()
    if len(reason) < rules.MINIMUM_BREAK_GLASS_REASON:
        raise DomainError(
            _("Geef een reden van minstens %(n)d tekens.") % {"n": rules.MINIMUM_BREAK_GLASS_REASON},
            field="reason",
        )
    if category not in BreakGlassCategory.values:
        raise DomainError(_("Kies de soort reden."), field="category")
    now = timezone.now()
    grant = BreakGlassAccess(
        dossier=dossier,
        user=actor,
        category=category,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=settings.BREAK_GLASS_HOURS),
    )
    save_with_history(grant, actor=actor, reason="break_glass", force_insert=True)
    access_log_record(
        user=actor,
        client_ids=[dossier.client_id],
        what=reads.BREAK_GLASS,
        purpose=Purpose.BREAK_GLASS,
        purpose_text=reason,
        dossier_ids=[dossier.pk],
    )
    outbox.enqueue("casework.tasks.notify_team_lead_of_break_glass", str(grant.pk))
    return grant


def break_glass_notify_team_leads(*, grant_id) -> int:
    """Tell the team lead(s) of the dossier's team; idempotent (one notification per grant and lead)."""
    grant = BreakGlassAccess.objects.select_related("dossier", "user", "dossier__team").get(pk=grant_id)
    leads = [
        u for u in User.objects.filter(team=grant.dossier.team, is_active=True) if u.has_role(Role.TEAM_LEAD)
    ]
    for lead in leads:
        notification_send(
            recipient=lead,
            event_key=f"break-glass:{grant.pk}:{lead.pk}",
            message=_("%(user)s opende dossier %(dossier)s van uw team via noodtoegang. Reden: %(reason)s")
            % {"user": grant.user.display_name, "dossier": grant.dossier.reference, "reason": grant.reason},
            link=f"/dossiers/{grant.dossier_id}/",
        )
    return len(leads)


def require_open(dossier: Dossier) -> None:
    """Work is recorded in an open dossier; a closed one is a finished service episode."""
    if dossier.status != DossierStatus.OPEN:
        raise Conflict(_("Dit dossier is afgesloten: open een nieuw dossier om verder te werken."))
