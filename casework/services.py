"""Every write in the social dossier. Each service checks the policy, saves with history (who and why) and
queues its side effects after commit."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import Role, User
from accounts.services import notification_send
from casework import policy, rules, selectors, tasks
from casework.models import (
    ActionStatus,
    AidRequest,
    BreakGlassAccess,
    CaseConference,
    Channel,
    Contact,
    Debt,
    DebtStatus,
    Dossier,
    DossierStatus,
    HelpPlan,
    HelpPlanAction,
    HelpPlanEvaluation,
    HelpPlanGoal,
    Inquiry,
    InquiryDocument,
    Instalment,
    KszConsultation,
    LeefloonCalculation,
    Partner,
    PartnerService,
    PaymentPlan,
    PaymentPlanStatus,
    Referral,
    ReferralStatus,
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


# --- Help plans, referrals, case conferences, debts and payment plans (journey 4) ---


def _delete(instance, *, actor, reason: str) -> None:
    """Delete one row with its history record naming who and why (a QuerySet.delete() would not)."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.delete()


def _require_open(dossier: Dossier) -> None:
    if dossier.status != DossierStatus.OPEN:
        raise Conflict(_("Dit dossier is afgesloten: open een nieuw dossier om verder te werken."))


def _not_in_future(value, *, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise DomainError(_("Deze datum kan niet in de toekomst liggen."), field=field)


class StaleHelpPlan(Conflict):
    def __init__(self, current: int):
        super().__init__(
            _(
                "Iemand anders heeft dit plan intussen gewijzigd (versie %(version)d). "
                "Herlaad en probeer opnieuw."
            )
            % {"version": current},
            current_version=current,
        )


HELP_PLAN_DATES = {"agreed_with_client_on", "next_evaluation_on"}


def _check_help_plan(goals: list[dict], dates: dict) -> None:
    if unknown := set(dates) - HELP_PLAN_DATES:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    _not_in_future(dates.get("agreed_with_client_on"), field="agreed_with_client_on")
    if not goals:
        raise DomainError(_("Een hulpverleningsplan heeft minstens één doel."), field="goals")
    priorities = [goal["priority"] for goal in goals]
    if min(priorities) < 1:
        raise DomainError(_("Een prioriteit is 1 of hoger."), field="goals")
    if len(set(priorities)) != len(priorities):
        raise DomainError(_("Elke prioriteit komt maar één keer voor in het plan."), field="goals")


def _help_plan_goals_write(plan: HelpPlan, goals: list[dict], *, actor, reason: str) -> None:
    new_goals = [
        HelpPlanGoal(
            plan=plan,
            domain=goal["domain"],
            description=goal["description"].strip(),
            priority=goal["priority"],
            target_date=goal.get("target_date"),
        )
        for goal in goals
    ]
    # PostgreSQL returns the new ids, so each action can point at its goal; history is written in bulk too.
    bulk_create_with_history(new_goals, HelpPlanGoal, default_user=actor, default_change_reason=reason)
    actions = [
        HelpPlanAction(
            goal=new_goal,
            description=action["description"].strip(),
            owner=action["owner"].strip(),
            due_on=action.get("due_on"),
            status=action.get("status", ActionStatus.PLANNED),
        )
        for new_goal, goal in zip(new_goals, goals, strict=True)
        for action in goal.get("actions", [])
    ]
    bulk_create_with_history(actions, HelpPlanAction, default_user=actor, default_change_reason=reason)


@transaction.atomic
def help_plan_create(*, actor, dossier: Dossier, goals: list[dict], **dates) -> HelpPlan:
    """Draw up the dossier's help plan with the client: prioritised goals and actions. One per dossier."""
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    _require_open(dossier)
    _check_help_plan(goals, dates)
    plan = HelpPlan(dossier=dossier, updated_by=actor, **dates)
    try:
        with transaction.atomic():
            _save(plan, actor=actor, reason="help_plan_create", force_insert=True)
    except IntegrityError:  # a colleague drew up the plan of this dossier at the same moment
        existing = HelpPlan.objects.filter(dossier=dossier).values_list("pk", flat=True).first()
        raise Conflict(
            _("Dit dossier heeft al een hulpverleningsplan: pas dat plan aan."),
            existing_help_plan=str(existing),
        ) from None
    _help_plan_goals_write(plan, goals, actor=actor, reason="help_plan_create")
    return selectors.help_plans_with_goals().get(pk=plan.pk)


@transaction.atomic
def help_plan_replace(*, actor, plan: HelpPlan, version: int, goals: list[dict], **dates) -> HelpPlan:
    """Replace the goals and actions of the plan (dates not given stay as they are). The plan row is locked
    before its version is compared, so of two saves based on the same version exactly one is written and the
    other gets 409 instead of silently overwriting it."""
    plan = HelpPlan.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=plan.pk)
    if not policy.may_work_on(actor, plan.dossier):
        raise NotFoundError()
    if version != plan.version:
        raise StaleHelpPlan(plan.version)
    _check_help_plan(goals, dates)
    for goal in plan.goals.prefetch_related("actions"):
        for action in goal.actions.all():
            _delete(action, actor=actor, reason="help_plan_replace")
        _delete(goal, actor=actor, reason="help_plan_replace")
    _help_plan_goals_write(plan, goals, actor=actor, reason="help_plan_replace")
    for field, value in dates.items():
        setattr(plan, field, value)
    plan.version += 1
    plan.updated_by = actor
    _save(plan, actor=actor, reason="help_plan_replace")
    return selectors.help_plans_with_goals().get(pk=plan.pk)


@transaction.atomic
def help_plan_evaluate(*, actor, plan: HelpPlan, held_on, summary: str) -> HelpPlanEvaluation:
    if not policy.may_work_on(actor, plan.dossier):
        raise NotFoundError()
    _not_in_future(held_on, field="held_on")
    if not summary.strip():
        raise DomainError(_("Noteer wat de evaluatie opleverde."), field="summary")
    evaluation = HelpPlanEvaluation(plan=plan, held_on=held_on, summary=summary.strip(), author=actor)
    _save(evaluation, actor=actor, reason="help_plan_evaluate", force_insert=True)
    return evaluation


class ReferralTransitionRefused(Conflict):
    def __init__(self, current: str, target: str, allowed: tuple[str, ...]):
        super().__init__(
            _(
                "Een doorverwijzing met status '%(current)s' kan niet naar '%(target)s'. "
                "Toegelaten: %(allowed)s."
            )
            % {"current": current, "target": target, "allowed": ", ".join(allowed) or _("geen")},
            allowed=list(allowed),
        )


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
    _require_open(dossier)
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
    referral = Referral(
        dossier=dossier,
        partner=partner,
        service=service,
        reason=reason.strip(),
        feedback_due=feedback_due,
        created_by=actor,
    )
    _save(referral, actor=actor, reason="referral_propose", force_insert=True)
    return referral


@transaction.atomic
def referral_transition(*, actor, referral: Referral, to: str, feedback: str = "", on=None) -> Referral:
    """The one way a referral changes status, following rules.REFERRAL_TRANSITIONS; each step keeps its date
    (sent, answered by the partner, completed) and completing needs the partner's feedback (closed loop)."""
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("dossier", "partner", "service", "created_by")
        .get(pk=referral.pk)
    )
    if not policy.may_work_on(actor, referral.dossier):
        raise NotFoundError()
    if not rules.referral_transition_allowed(referral.status, to):
        raise ReferralTransitionRefused(
            referral.status, to, rules.REFERRAL_TRANSITIONS.get(referral.status, ())
        )
    on = on or timezone.localdate()
    _not_in_future(on, field="on")
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
    setattr(referral, rules.REFERRAL_DATE_FIELDS[to], on)
    referral.status = to
    _save(referral, actor=actor, reason=f"referral_transition:{to}")
    return referral


@transaction.atomic
def case_conference_record(
    *,
    actor,
    dossier: Dossier,
    held_on,
    agreements: str,
    internal_participants=(),
    external_participants: str = "",
    client_present: bool = False,
) -> CaseConference:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    _require_open(dossier)
    _not_in_future(held_on, field="held_on")
    if not agreements.strip():
        raise DomainError(_("Noteer de afspraken van het overleg."), field="agreements")
    conference = CaseConference(
        dossier=dossier,
        held_on=held_on,
        external_participants=external_participants.strip(),
        client_present=client_present,
        agreements=agreements.strip(),
        author=actor,
    )
    _save(conference, actor=actor, reason="case_conference_record", force_insert=True)
    conference.internal_participants.set(internal_participants)  # history user still set on the instance
    return conference


def _check_money(amount, *, field: str) -> None:
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= rules.ZERO:
        raise DomainError(_("Geef een bedrag groter dan nul."), field=field)
    if amount != amount.quantize(rules.CENT):
        raise DomainError(_("Geef een bedrag in euro en cent (twee decimalen)."), field=field)


@transaction.atomic
def debt_record(*, actor, dossier: Dossier, creditor: str, amount: Decimal, reference: str = "") -> Debt:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    _require_open(dossier)
    if not creditor.strip():
        raise DomainError(_("Wie is de schuldeiser?"), field="creditor")
    _check_money(amount, field="amount")
    debt = Debt(dossier=dossier, creditor=creditor.strip(), reference=reference.strip(), amount=amount)
    _save(debt, actor=actor, reason="debt_record", force_insert=True)
    debt.paid_amount, debt.outstanding_amount = rules.ZERO, amount
    return debt


class PaymentPlanTransitionRefused(Conflict):
    def __init__(self, current: str, target: str, allowed: tuple[str, ...]):
        super().__init__(
            _(
                "Een afbetalingsplan met status '%(current)s' kan niet naar '%(target)s'. "
                "Toegelaten: %(allowed)s."
            )
            % {"current": current, "target": target, "allowed": ", ".join(allowed) or _("geen")},
            allowed=list(allowed),
        )


# What the debt becomes when its plan moves.
DEBT_STATUS_AFTER_PLAN = {
    PaymentPlanStatus.AGREED: DebtStatus.IN_PLAN,
    PaymentPlanStatus.COMPLETED: DebtStatus.SETTLED,
    PaymentPlanStatus.DEFAULTED: DebtStatus.OPEN,
}


def _payment_plan_locked(plan: PaymentPlan, *, actor) -> PaymentPlan:
    # The plan and its debt are locked together: two workers ticking the last two instalments at once are
    # serialised here, so the second one sees the first payment and completes the plan.
    plan = (
        PaymentPlan.objects.select_for_update(of=("self", "debt"))
        .select_related("debt__dossier")
        .get(pk=plan.pk)
    )
    if not policy.may_work_on(actor, plan.debt.dossier):
        raise NotFoundError()
    return plan


def _payment_plan_move(plan: PaymentPlan, to: str, *, actor) -> None:
    """The one place a payment plan changes status (rules.PAYMENT_PLAN_TRANSITIONS); the debt follows.
    The caller holds the lock of _payment_plan_locked."""
    if not rules.payment_plan_transition_allowed(plan.status, to):
        raise PaymentPlanTransitionRefused(
            plan.status, to, rules.PAYMENT_PLAN_TRANSITIONS.get(plan.status, ())
        )
    if to == PaymentPlanStatus.AGREED and not (plan.agreed_with_client_on and plan.agreed_with_creditor_on):
        raise DomainError(
            _("Een plan is pas akkoord als de cliënt en de schuldeiser akkoord gingen."),
            field="agreed_with_creditor_on",
        )
    if to == PaymentPlanStatus.COMPLETED and plan.instalments.filter(paid_on__isnull=True).exists():
        raise Conflict(_("Nog niet alle afbetalingen van dit plan zijn betaald."))
    plan.status = to
    _save(plan, actor=actor, reason=f"payment_plan_transition:{to}")
    debt_status = DEBT_STATUS_AFTER_PLAN[to]
    if plan.debt.status != debt_status:
        plan.debt.status = debt_status
        _save(plan.debt, actor=actor, reason=f"payment_plan_transition:{to}")


@transaction.atomic
def payment_plan_create(
    *,
    actor,
    debt: Debt,
    instalment_amount: Decimal,
    first_due_on,
    agreed_with_client_on=None,
    agreed_with_creditor_on=None,
) -> PaymentPlan:
    """A monthly payment plan for what is still owed on the debt, with its instalments (rules.py)."""
    # Two workers drawing up a plan for the same debt at once would both see "no running plan": lock the debt.
    debt = Debt.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=debt.pk)
    if not policy.may_work_on(actor, debt.dossier):
        raise NotFoundError()
    if debt.status in (DebtStatus.SETTLED, DebtStatus.DISPUTED):
        raise Conflict(
            _("Deze schuld is %(status)s: er komt geen afbetalingsplan.")
            % {"status": debt.get_status_display()}
        )
    running = debt.payment_plans.filter(status__in=[PaymentPlanStatus.PROPOSED, PaymentPlanStatus.AGREED])
    if running_id := running.values_list("pk", flat=True).first():
        raise Conflict(
            _("Voor deze schuld loopt al een afbetalingsplan."), existing_payment_plan=str(running_id)
        )
    _check_money(instalment_amount, field="instalment_amount")
    _not_in_future(agreed_with_client_on, field="agreed_with_client_on")
    _not_in_future(agreed_with_creditor_on, field="agreed_with_creditor_on")
    if first_due_on > timezone.localdate() + timedelta(days=rules.PAYMENT_PLAN_MAX_START_DAYS):
        raise DomainError(_("De eerste vervaldag ligt hoogstens een jaar na vandaag."), field="first_due_on")
    paid = Instalment.objects.filter(plan__debt=debt, paid_on__isnull=False).aggregate(total=Sum("amount"))
    paid_before = paid["total"] or rules.ZERO
    try:
        schedule = rules.instalment_schedule(
            total=debt.amount - paid_before, instalment_amount=instalment_amount, first_due_on=first_due_on
        )
    except rules.ScheduleError:
        raise DomainError(
            _("Met deze afbetaling duurt het plan langer dan %(months)d maanden: verhoog het bedrag.")
            % {"months": rules.MAX_INSTALMENTS},
            field="instalment_amount",
        ) from None
    plan = PaymentPlan(
        debt=debt,
        instalment_amount=instalment_amount,
        first_due_on=first_due_on,
        agreed_with_client_on=agreed_with_client_on,
        agreed_with_creditor_on=agreed_with_creditor_on,
    )
    _save(plan, actor=actor, reason="payment_plan_create", force_insert=True)
    bulk_create_with_history(
        [Instalment(plan=plan, due_on=item.due_on, amount=item.amount) for item in schedule],
        Instalment,
        default_user=actor,
        default_change_reason="payment_plan_create",
    )
    debt.status = DebtStatus.IN_PLAN
    _save(debt, actor=actor, reason="payment_plan_create")
    if agreed_with_client_on and agreed_with_creditor_on:
        _payment_plan_move(plan, PaymentPlanStatus.AGREED, actor=actor)
    return selectors.payment_plans_with_instalments().get(pk=plan.pk)


PAYMENT_PLAN_AGREEMENT_DATES = {"agreed_with_client_on", "agreed_with_creditor_on"}


@transaction.atomic
def payment_plan_agree(*, actor, plan: PaymentPlan, **dates) -> PaymentPlan:
    """Record when the client and the creditor agreed; with both dates the proposal becomes agreed."""
    plan = _payment_plan_locked(plan, actor=actor)
    if unknown := set(dates) - PAYMENT_PLAN_AGREEMENT_DATES:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if plan.status not in (PaymentPlanStatus.PROPOSED, PaymentPlanStatus.AGREED):
        raise Conflict(_("Dit afbetalingsplan is afgesloten."))
    for field, value in dates.items():
        _not_in_future(value, field=field)
        setattr(plan, field, value)
    _save(plan, actor=actor, reason="payment_plan_agree")
    both_agreed = plan.agreed_with_client_on and plan.agreed_with_creditor_on
    if both_agreed and plan.status == PaymentPlanStatus.PROPOSED:
        _payment_plan_move(plan, PaymentPlanStatus.AGREED, actor=actor)
    return selectors.payment_plans_with_instalments().get(pk=plan.pk)


@transaction.atomic
def payment_plan_transition(*, actor, plan: PaymentPlan, to: str) -> PaymentPlan:
    plan = _payment_plan_locked(plan, actor=actor)
    _payment_plan_move(plan, to, actor=actor)
    return selectors.payment_plans_with_instalments().get(pk=plan.pk)


@transaction.atomic
def instalment_mark_paid(*, actor, plan: PaymentPlan, due_on, paid_on=None) -> PaymentPlan:
    """Tick one instalment as paid; the last one completes the plan and settles the debt."""
    plan = _payment_plan_locked(plan, actor=actor)
    if plan.status not in (PaymentPlanStatus.PROPOSED, PaymentPlanStatus.AGREED):
        raise Conflict(_("Dit afbetalingsplan is afgesloten: er worden geen betalingen meer geregistreerd."))
    instalment = plan.instalments.filter(due_on=due_on).first()
    if instalment is None:
        raise NotFoundError()
    if instalment.paid_on is not None:
        raise Conflict(
            _("Deze afbetaling is al betaald op %(date)s.")
            % {"date": instalment.paid_on.strftime("%d/%m/%Y")}
        )
    paid_on = paid_on or timezone.localdate()
    _not_in_future(paid_on, field="paid_on")
    instalment.paid_on = paid_on
    _save(instalment, actor=actor, reason="instalment_mark_paid")
    if not plan.instalments.filter(paid_on__isnull=True).exists():
        _payment_plan_move(plan, PaymentPlanStatus.COMPLETED, actor=actor)
    return selectors.payment_plans_with_instalments().get(pk=plan.pk)
