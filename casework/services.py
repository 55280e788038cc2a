"""Every write in the social dossier. Each service checks the policy, saves with history (who and why) and
queues its side effects after commit."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.services import notification_send
from casework import policy, rules, selectors, tasks
from casework.models import (
    AidRequest,
    BreakGlassAccess,
    Channel,
    Contact,
    Dossier,
    DossierStatus,
    Inquiry,
    InquiryDocument,
    KszConsultation,
    LeefloonCalculation,
    RegisterCounter,
    RequestStatus,
    RequiredDocument,
    SpiExemptionPeriod,
)
from clients.services import access_log_record
from config.celery import enqueue_after_commit
from config.errors import Conflict, DomainError, NotFoundError, PermissionDeniedError

MINIMUM_BREAK_GLASS_REASON = 10


def _save(instance, *, actor, reason: str, **kwargs) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(**kwargs)


@transaction.atomic
def dossier_open(*, actor, client, team, social_worker=None) -> Dossier:
    """Open the client's dossier for a new service episode; a client has at most one open dossier."""
    if not policy.may_open_dossier(actor, team):
        raise PermissionDeniedError(_("U kunt geen dossier openen voor dit team."))
    if social_worker is not None and not (
        social_worker.team_id == team.pk and social_worker.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD)
    ):
        raise DomainError(_("Kies een maatschappelijk werker van dit team."), field="social_worker")
    dossier = Dossier(client=client, team=team, social_worker=social_worker)
    try:
        with transaction.atomic():
            _save(dossier, actor=actor, reason="dossier_open", force_insert=True)
    except IntegrityError:
        existing = Dossier.objects.filter(client=client, status=DossierStatus.OPEN).values_list(
            "pk", flat=True
        )
        raise Conflict(
            _("Deze cliënt heeft al een open dossier."), existing_dossier=str(existing.first())
        ) from None
    return dossier


@transaction.atomic
def dossier_restrict(*, actor, dossier: Dossier, restricted: bool, allowed_users: list) -> Dossier:
    """Mark a sensitive dossier (the client is a staff member or a mandatary): only the listed people may open
    it. The one who restricts stays on the list, so nobody locks the dossier away from everyone."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not policy.may_restrict(actor, dossier):
        raise NotFoundError()
    dossier.restricted = restricted
    _save(dossier, actor=actor, reason="dossier_restrict")
    dossier.restricted_to.set({*allowed_users, actor} if restricted else [])
    return dossier


@transaction.atomic
def dossier_close(*, actor, dossier: Dossier, reason: str) -> Dossier:
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    if dossier.status == DossierStatus.CLOSED:
        raise Conflict(_("Dit dossier is al afgesloten."))
    if not reason.strip():
        raise DomainError(_("Geef een reden voor het afsluiten."), field="reason")
    dossier.status = DossierStatus.CLOSED
    dossier.closed_on = timezone.localdate()
    dossier.closed_reason = reason.strip()
    _save(dossier, actor=actor, reason="dossier_close")
    return dossier


@transaction.atomic
def break_glass(*, actor, dossier: Dossier, reason: str) -> BreakGlassAccess:
    """Open a dossier outside one's own team for a limited time, with a reason, logged, the team lead told."""
    if not policy.may_break_glass(actor, dossier):
        raise NotFoundError()
    reason = (reason or "").strip()
    if len(reason) < MINIMUM_BREAK_GLASS_REASON:
        raise DomainError(
            _("Geef een reden van minstens %(n)d tekens.") % {"n": MINIMUM_BREAK_GLASS_REASON}, field="reason"
        )
    now = timezone.now()
    grant = BreakGlassAccess(
        dossier=dossier,
        user=actor,
        reason=reason,
        granted_at=now,
        expires_at=now + timedelta(hours=settings.BREAK_GLASS_HOURS),
    )
    _save(grant, actor=actor, reason="break_glass", force_insert=True)
    access_log_record(
        user=actor,
        client_ids=[dossier.client_id],
        what="break-the-glass",
        purpose=reason,
        dossier_id=dossier.pk,
    )
    enqueue_after_commit(tasks.notify_team_lead_of_break_glass, str(grant.pk))
    return grant


@transaction.atomic
def contact_record(
    *,
    actor,
    dossier: Dossier,
    channel: str,
    summary: str,
    occurred_at=None,
    duration_minutes: int | None = None,
    participants: str = "",
    confidential: bool = False,
    findings: str = "",
) -> Contact:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    if not summary.strip():
        raise DomainError(_("Een contact heeft een samenvatting nodig."), field="summary")
    occurred_at = occurred_at or timezone.now()
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise DomainError(_("Een contact kan niet in de toekomst liggen."), field="occurred_at")
    contact = Contact(
        dossier=dossier,
        channel=channel,
        summary=summary.strip(),
        findings=findings.strip(),
        occurred_at=occurred_at,
        duration_minutes=duration_minutes,
        participants=participants.strip(),
        confidential=confidential,
        author=actor,
    )
    _save(contact, actor=actor, reason="contact_record", force_insert=True)
    return contact


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
            message=_(
                "%(user)s opende dossier %(dossier)s van uw team via break-the-glass. Reden: %(reason)s"
            )
            % {"user": grant.user.display_name, "dossier": grant.dossier.reference, "reason": grant.reason},
            link=f"/dossiers/{grant.dossier_id}/",
        )
    return len(leads)


# --- Requests register ---


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
    *, actor, dossier: Dossier, kind: str, received_on, channel: str = "oral", description: str = ""
) -> AidRequest:
    if not policy.may_register_request(actor, dossier):
        raise NotFoundError()
    if dossier.status != DossierStatus.OPEN:
        raise Conflict(_("Dit dossier is afgesloten: open een nieuw dossier voor deze aanvraag."))
    if received_on > timezone.localdate():
        raise DomainError(_("De ontvangstdatum kan niet in de toekomst liggen."), field="received_on")
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
    )
    _save(aid_request, actor=actor, reason="request_register", force_insert=True)
    inquiry = Inquiry(request=aid_request, updated_by=actor)
    _save(inquiry, actor=actor, reason="request_register", force_insert=True)
    for name in RequiredDocument.objects.filter(request_kind=kind, active=True).values_list(
        "name", flat=True
    ):
        _save(InquiryDocument(inquiry=inquiry, name=name), actor=actor, reason="request_register")
    return aid_request


class InvalidTransition(Conflict):
    def __init__(self, current: str, target: str, allowed: tuple[str, ...]):
        super().__init__(
            _("Een aanvraag met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s.")
            % {"current": current, "target": target, "allowed": ", ".join(allowed) or _("geen")},
            allowed=list(allowed),
        )


# Decisions and their notification are recorded by the committee's secretary (bcsd), not from the dossier.
COMMITTEE_STATES = {RequestStatus.DECIDED, RequestStatus.NOTIFIED}


@transaction.atomic
def request_transition(
    *, actor, aid_request: AidRequest, to: str, forwarded_to: str = "", forward_reasons: str = "", on=None
) -> AidRequest:
    """The one way a request changes status, following rules.REQUEST_TRANSITIONS."""
    aid_request = AidRequest.objects.select_for_update().select_related("dossier").get(pk=aid_request.pk)
    if not policy.may_work_on(actor, aid_request.dossier) and not policy.may_register_request(
        actor, aid_request.dossier
    ):
        raise NotFoundError()
    if not rules.request_transition_allowed(aid_request.status, to):
        raise InvalidTransition(aid_request.status, to, rules.REQUEST_TRANSITIONS.get(aid_request.status, ()))
    if to in COMMITTEE_STATES:
        raise PermissionDeniedError(
            _("Beslissingen en kennisgevingen worden geregistreerd door het secretariaat.")
        )
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
        if aid_request.forwarded_on < aid_request.received_on:
            raise DomainError(_("Doorsturen kan niet voor de ontvangst."), field="on")
    aid_request.status = to
    _save(aid_request, actor=actor, reason=f"request_transition:{to}")
    return aid_request


# --- Social inquiry ---

INQUIRY_MISSING_LABELS = {
    "home_visit": _("huisbezoek"),
    "sworn_statement": _("verklaring op eer"),
    "hearing_right_informed": _("hoorrecht meegedeeld"),
    "advice": _("advies en voorstel"),
}


def inquiry_missing_codes(inquiry: Inquiry) -> list[str]:
    """What still blocks the proposal (prefetched documents and home visits are used when present)."""
    aid_request = inquiry.request
    documents = list(inquiry.documents.all())
    has_home_visit = getattr(inquiry, "home_visit_count", None)
    if has_home_visit is None:
        has_home_visit = Contact.objects.filter(
            dossier_id=aid_request.dossier_id,
            channel=Channel.HOME_VISIT,
            occurred_at__date__gte=aid_request.received_on,
        ).exists()
    return rules.inquiry_missing(
        kind=aid_request.kind,
        documents_missing=[d.name for d in documents if d.received_on is None],
        has_home_visit=bool(has_home_visit),
        sworn_statement=inquiry.sworn_statement_on is not None,
        hearing_right_informed=inquiry.hearing_right_informed_on is not None,
        report_sections_filled={s for s in rules.REPORT_SECTIONS if getattr(inquiry, s).strip()},
        has_advice=bool(inquiry.advice.strip()),
    )


def inquiry_missing_labels(inquiry: Inquiry) -> list[str]:
    labels = []
    for code in inquiry_missing_codes(inquiry):
        kind, _sep, name = code.partition(":")
        if kind == "document":
            labels.append(_("document: %(name)s") % {"name": name})
        elif kind == "report":
            labels.append(
                _("sociaal verslag: %(section)s") % {"section": Inquiry._meta.get_field(name).verbose_name}
            )
        else:
            labels.append(str(INQUIRY_MISSING_LABELS[code]))
    return labels


class StaleVersion(Conflict):
    def __init__(self, current: int):
        super().__init__(
            _("Iemand anders heeft dit intussen gewijzigd (versie %(version)d). Herlaad en probeer opnieuw.")
            % {"version": current},
            current_version=current,
        )


INQUIRY_EDITABLE = {
    "sworn_statement_on",
    "authorisation_on",
    "hearing_right_informed_on",
    "means_overview",
    *rules.REPORT_SECTIONS,
    "advice",
}


@transaction.atomic
def inquiry_update(*, actor, inquiry: Inquiry, version: int, **changes) -> Inquiry:
    """Edit the social report and the inquiry's facts. Two people editing the same report never silently
    overwrite each other: a write based on an older version is refused (409) and the newer text stays."""
    inquiry = Inquiry.objects.select_for_update().select_related("request__dossier").get(pk=inquiry.pk)
    if not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    if version != inquiry.version:
        raise StaleVersion(inquiry.version)
    if unknown := set(changes) - INQUIRY_EDITABLE:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for field, value in changes.items():
        setattr(inquiry, field, value)
    inquiry.version += 1
    inquiry.updated_by = actor
    _save(inquiry, actor=actor, reason="inquiry_update")
    return inquiry


@transaction.atomic
def inquiry_document_mark(
    *, actor, inquiry: Inquiry, name: str, received_on=None, note: str = ""
) -> InquiryDocument:
    """Tick a document of the checklist as received (or not); a document outside the checklist is added."""
    if not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    if not name.strip():
        raise DomainError(_("Geef de naam van het document."), field="name")
    if received_on and received_on > timezone.localdate():
        raise DomainError(_("Een document kan niet in de toekomst ontvangen zijn."), field="received_on")
    document = InquiryDocument.objects.filter(inquiry=inquiry, name=name.strip()).first() or InquiryDocument(
        inquiry=inquiry, name=name.strip()
    )
    document.received_on = received_on
    document.note = note.strip()
    _save(document, actor=actor, reason="inquiry_document_mark")
    return document


@transaction.atomic
def ksz_consultation_record(
    *, actor, dossier: Dossier, service: str, purpose: str, aid_request=None
) -> KszConsultation:
    """Record a KSZ consultation; the same fact goes to the client's access log, with its purpose."""
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    if len(purpose.strip()) < 5:
        raise DomainError(_("Geef het doel van de raadpleging."), field="purpose")
    if aid_request is not None and aid_request.dossier_id != dossier.pk:
        raise DomainError(_("Deze aanvraag hoort niet bij dit dossier."), field="request")
    consultation = KszConsultation(
        dossier=dossier, request=aid_request, service=service, purpose=purpose.strip(), consulted_by=actor
    )
    _save(consultation, actor=actor, reason="ksz_consultation_record", force_insert=True)
    access_log_record(
        user=actor,
        client_ids=[dossier.client_id],
        what=f"KSZ: {consultation.get_service_display()}",
        purpose=consultation.purpose,
        dossier_id=dossier.pk,
    )
    return consultation


# --- Leefloon and heating allowance calculations ---


def leefloon_calculate(
    *,
    actor,
    category: int,
    reference_date,
    resources: list[rules.Resource],
    apply_general_exemption: bool = True,
    count_relative_income: bool = False,
    relative_income_reason: str = "",
    apply_spi_exemption: bool = False,
    spi_exemption_started_on=None,
    inquiry: Inquiry | None = None,
    kind: str = "leefloon",
) -> tuple[rules.LeefloonResult, LeefloonCalculation | None]:
    """Run the calculation with the rates valid on the reference date; with an inquiry, keep it there (inputs,
    rate, lines and result) and start the person's 3-year SPI period on its first use."""
    if count_relative_income and not relative_income_reason.strip():
        raise DomainError(
            _("Waarom worden de inkomsten van de samenwonende verwanten meegeteld?"),
            field="relative_income_reason",
        )
    if inquiry is not None and not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    parameters = selectors.leefloon_parameters(reference_date)
    spi_period = None
    if inquiry is not None:
        spi_period = SpiExemptionPeriod.objects.filter(client_id=inquiry.request.dossier.client_id).first()
        spi_exemption_started_on = spi_period.started_on if spi_period else spi_exemption_started_on
    spi = parameters["spi_exemption"]
    spi_applies = (
        apply_spi_exemption
        and spi is not None
        and rules.spi_applies(spi_exemption_started_on, reference_date)
    )
    general = parameters["general_exemptions"][category]
    try:
        result = rules.leefloon_calculate(
            category=category,
            reference_date=reference_date,
            rates=parameters["rates"],
            resources=resources,
            general_exemption=general.yearly_amount if (general and apply_general_exemption) else None,
            spi_exemption=spi.yearly_amount if spi_applies else None,
            count_relative_income=count_relative_income,
            cumulate_general_and_spi=settings.LEEFLOON_CUMULATE_GENERAL_AND_SPI_EXEMPTION,
        )
    except rules.NoRateError:
        raise DomainError(
            _("Er is geen leefloonbedrag voor categorie %(category)d geldig op %(date)s.")
            % {"category": category, "date": reference_date.strftime("%d/%m/%Y")},
            field="reference_date",
        ) from None
    if inquiry is None:
        return result, None
    with transaction.atomic():
        if spi_applies and spi_period is None and any(r.kind in rules.EARNED for r in resources):
            period = SpiExemptionPeriod(
                client_id=inquiry.request.dossier.client_id, started_on=reference_date
            )
            _save(period, actor=actor, reason="leefloon_calculate")
        calculation = LeefloonCalculation(
            inquiry=inquiry,
            kind=kind,
            category=category,
            reference_date=reference_date,
            rate_valid_from=result.rate_valid_from,
            inputs={
                "resources": [
                    {"kind": r.kind, "yearly_amount": str(r.yearly_amount), "description": r.description}
                    for r in resources
                ],
                "apply_general_exemption": apply_general_exemption,
                "count_relative_income": count_relative_income,
                "relative_income_reason": relative_income_reason.strip(),
                "apply_spi_exemption": apply_spi_exemption,
            },
            lines=[{"label": line.label, "amount": str(line.amount)} for line in result.lines],
            yearly_amount=result.yearly_amount,
            monthly_amount=result.monthly_amount,
            created_by=actor,
        )
        _save(calculation, actor=actor, reason="leefloon_calculate", force_insert=True)
    return result, calculation


def heating_allowance_calculate(
    *, delivered_on, litres, price_per_litre, bought_at_pump: bool = False, litres_already_granted=rules.ZERO
) -> rules.HeatingAllowance:
    parameters = selectors.heating_parameters(delivered_on)
    if parameters is None:
        raise DomainError(
            _("Er zijn geen parameters voor de verwarmingstoelage geldig op %(date)s.")
            % {"date": delivered_on.strftime("%d/%m/%Y")},
            field="delivered_on",
        )
    return rules.heating_allowance_calculate(
        litres=litres,
        price_per_litre=price_per_litre,
        bands=[rules.HeatingBand(b.price_from, b.allowance_per_litre) for b in parameters.bands.all()],
        max_litres_per_year=parameters.max_litres_per_year,
        litres_already_granted=litres_already_granted,
        bought_at_pump=bought_at_pump,
        pump_flat_amount=parameters.pump_flat_amount,
    )
