"""Referrals to partners of the social map, followed until the partner's feedback (closed loop)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import policy
from casework.dossiers.models import Dossier
from casework.dossiers.services import require_open
from casework.obligations import services as obligations
from casework.socialmap import rules
from casework.socialmap.models import Partner, PartnerService, Referral, ReferralStatus
from casework.socialmap.transitions import REFERRAL_DATE_FIELDS, REFERRAL_WORKFLOW
from core.dates import check_event_date, check_planned_date
from core.errors import DomainError, NotFoundError
from core.history import save_with_history


@transaction.atomic
def referral_propose(
    *,
    actor,
    dossier: Dossier,
    partner: Partner,
    reason: str,
    service: PartnerService | None = None,
    feedback_due=None,
) -> Referral:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    require_open(dossier)
    if not partner.active:
        raise DomainError(_("Deze partner staat niet meer op de sociale kaart."), field="partner")
    if service is not None and service.partner_id != partner.pk:
        raise DomainError(_("Deze dienst hoort niet bij deze partner."), field="service")
    if not reason.strip():
        raise DomainError(_("Waarom wordt de cliënt doorverwezen?"), field="reason")
    today = timezone.localdate()
    feedback_due = feedback_due or rules.referral_feedback_due(today)
    if feedback_due < today:
        raise DomainError(
            _("De terugkoppeling kan niet in het verleden verwacht worden."), field="feedback_due"
        )
    check_planned_date(feedback_due, field="feedback_due")
    referral = Referral(
        dossier=dossier,
        partner=partner,
        service=service,
        reason=reason.strip(),
        feedback_due=feedback_due,
        created_by=actor,
    )
    save_with_history(referral, actor=actor, reason="referral_propose", force_insert=True)
    obligations.referral_changed(actor=actor, referral=referral)
    return referral


@transaction.atomic
def referral_transition(*, actor, referral: Referral, to: str, feedback: str = "", on=None) -> Referral:
    """The one way a referral changes status (transitions.REFERRAL_WORKFLOW). Each step keeps its date (sent,
    answered by the partner, completed); completing needs the partner's feedback (closed loop)."""
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("dossier", "partner", "service", "created_by")
        .get(pk=referral.pk)
    )
    if not policy.may_work_on(actor, referral.dossier):
        raise NotFoundError()
    REFERRAL_WORKFLOW.check(actor, referral, referral.status, to)
    on = on or timezone.localdate()
    check_event_date(on, field="on")
    previous = referral.answered_on or referral.sent_on
    if previous and on < previous:
        raise DomainError(
            _("Deze datum ligt voor de vorige stap (%(date)s).") % {"date": previous.strftime("%d/%m/%Y")},
            field="on",
        )
    if to == ReferralStatus.COMPLETED and not feedback.strip():
        raise DomainError(_("Noteer de terugkoppeling van de partner om af te ronden."), field="feedback")
    if feedback.strip():
        referral.feedback = feedback.strip()
    setattr(referral, REFERRAL_DATE_FIELDS[to], on)
    referral.status = to
    save_with_history(referral, actor=actor, reason=f"referral_transition:{to}")
    obligations.referral_changed(actor=actor, referral=referral)
    return referral
