"""The register of applications: a request entered on the day it is received, with its number, its
deadlines and its inquiry; and the one way a request changes status."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from casework import policy
from casework.dossiers.models import Dossier, DossierStatus
from casework.inquiry.services import inquiry_missing_labels, inquiry_open
from casework.obligations import services as obligations
from casework.register import rules
from casework.register.models import AidRequest, RegisterCounter, RequestStatus, RequiredDocument
from casework.register.transitions import REQUEST_WORKFLOW
from core.dates import check_event_date
from core.errors import Conflict, DomainError, NotFoundError
from core.history import save_with_history


def _next_register_serial(year: int) -> int:
    """Take the next number of the year's register. The counter row is locked until the transaction ends,
    so concurrent registrations queue here; a rolled-back registration gives its number back (gapless)."""
    RegisterCounter.objects.bulk_create([RegisterCounter(year=year)], ignore_conflicts=True)
    counter = RegisterCounter.objects.select_for_update().get(year=year)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return counter.last_serial


@transaction.atomic
def request_register(
    *,
    actor,
    dossier: Dossier,
    kind: str,
    received_on,
    channel: str = "oral",
    description: str = "",
    late_registration_reason: str = "",
) -> AidRequest:
    """Enter a request in the register: on the day it is received (KB 11 July 2002); an older one only with a
    team lead's (or the head of service's) reason, and never in a register year that is closed."""
    if not policy.may_register_request(actor, dossier):
        raise NotFoundError()
    if dossier.status != DossierStatus.OPEN:
        raise Conflict(_("Dit dossier is afgesloten: open een nieuw dossier voor deze aanvraag."))
    late_registration_reason = late_registration_reason.strip()
    problem = rules.received_on_problem(received_on, timezone.localdate(), settings.LATE_REGISTRATION_DAYS)
    if problem == "future":
        raise DomainError(_("De ontvangstdatum kan niet in de toekomst liggen."), field="received_on")
    if problem == "too_old":
        raise DomainError(
            _("Een aanvraag van voor 1 januari van vorig jaar kan niet meer in het register."),
            field="received_on",
        )
    if problem == "late" and not (
        late_registration_reason and actor.has_role(Role.TEAM_LEAD, Role.HEAD_OF_SERVICE)
    ):
        raise DomainError(
            _(
                "Deze aanvraag werd meer dan %(days)d dagen geleden ontvangen: een teamverantwoordelijke "
                "registreert ze, met de reden van de late registratie."
            )
            % {"days": settings.LATE_REGISTRATION_DAYS},
            field="received_on" if not late_registration_reason else "late_registration_reason",
        )
    serial = _next_register_serial(received_on.year)
    aid_request = AidRequest(
        dossier=dossier,
        kind=kind,
        description=description.strip(),
        received_on=received_on,
        channel=channel,
        register_year=received_on.year,
        register_serial=serial,
        register_number=rules.register_number(received_on.year, serial),
        decision_due=rules.decision_due(received_on),
        forward_due=rules.forward_due(received_on),
        registered_by=actor,
        late_registration_reason=late_registration_reason if problem == "late" else "",
    )
    save_with_history(aid_request, actor=actor, reason="request_register", force_insert=True)
    # The social inquiry is mandatory: it starts with the request, with the checklist of its kind.
    checklist = RequiredDocument.objects.filter(request_kind=kind, active=True).values_list("name", flat=True)
    inquiry_open(actor=actor, aid_request=aid_request, documents=list(checklist))
    obligations.request_registered(actor=actor, aid_request=aid_request)
    return aid_request


@transaction.atomic
def request_transition(
    *, actor, aid_request: AidRequest, to: str, forwarded_to: str = "", forward_reasons: str = "", on=None
) -> AidRequest:
    """The one way a request changes status, following the table of transitions.py."""
    aid_request = AidRequest.objects.select_for_update().select_related("dossier").get(pk=aid_request.pk)
    if not policy.may_work_on(actor, aid_request.dossier) and not policy.may_register_request(
        actor, aid_request.dossier
    ):
        raise NotFoundError()
    REQUEST_WORKFLOW.check(actor, aid_request, aid_request.status, to)
    if to == RequestStatus.PROPOSED and (missing := inquiry_missing_labels(aid_request.inquiry)):
        raise Conflict(
            _("Het sociaal onderzoek is nog niet volledig: %(missing)s.") % {"missing": "; ".join(missing)},
            missing=missing,
        )
    if to == RequestStatus.FORWARDED:
        if not forwarded_to.strip():
            raise DomainError(_("Naar welk OCMW wordt de aanvraag doorgestuurd?"), field="forwarded_to")
        if not forward_reasons.strip():
            raise DomainError(_("Geef de redenen van het doorsturen."), field="forward_reasons")
        aid_request.forwarded_to = forwarded_to.strip()
        aid_request.forward_reasons = forward_reasons.strip()
        aid_request.forwarded_on = on or timezone.localdate()
        check_event_date(aid_request.forwarded_on, field="on")
        if aid_request.forwarded_on < aid_request.received_on:
            raise DomainError(_("Doorsturen kan niet voor de ontvangst."), field="on")
    aid_request.status = to
    save_with_history(aid_request, actor=actor, reason=f"request_transition:{to}")
    obligations.request_status_changed(actor=actor, aid_request=aid_request)
    return aid_request


@transaction.atomic
def request_committee_move(*, actor, aid_request_id, to: str) -> AidRequest:
    """The committee's secretary moves a request to decided or notified (bcsd calls this when it records the
    decision or its notification); the same table, its restriction names who may."""
    aid_request = AidRequest.objects.select_for_update().get(pk=aid_request_id)
    if aid_request.status == to:
        return aid_request
    REQUEST_WORKFLOW.check(actor, aid_request, aid_request.status, to)
    aid_request.status = to
    save_with_history(aid_request, actor=actor, reason=f"request_transition:{to}")
    obligations.request_status_changed(actor=actor, aid_request=aid_request)
    return aid_request
