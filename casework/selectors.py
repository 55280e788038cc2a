"""Every read of dossier and client data: takes the user, applies casework.policy, writes the access log.
An object the user may not see raises NotFoundError (404), exactly like one that does not exist."""

import uuid
from collections.abc import Callable

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import policy, rules
from casework.models import (
    AidRequest,
    BreakGlassAccess,
    CaseConference,
    Channel,
    Contact,
    Debt,
    Dossier,
    GeneralExemption,
    HeatingAllowanceParameters,
    HelpPlan,
    HelpPlanEvaluation,
    HelpPlanGoal,
    Inquiry,
    KszConsultation,
    LeefloonCalculation,
    LeefloonRate,
    Partner,
    PartnerService,
    PaymentPlan,
    Referral,
    SpiExemption,
)
from casework.policy import Access
from clients.models import AccessLog, Client, HouseholdMember
from clients.services import access_log_record
from config.errors import NotFoundError, PermissionDeniedError


def _as_uuid(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError() from None


def _dossiers_with_policy_facts() -> QuerySet:
    """Dossiers with what the policy needs (restricted list, live break-the-glass grants) in two queries."""
    return Dossier.objects.select_related("client", "team", "social_worker").prefetch_related(
        Prefetch("restricted_to", to_attr="restricted_to_users"),
        Prefetch(
            "break_glass",
            queryset=BreakGlassAccess.objects.filter(expires_at__gt=timezone.now()),
            to_attr="active_break_glass",
        ),
    )


def _with_policy_facts(dossiers) -> list[Dossier]:
    for dossier in dossiers:
        dossier.restricted_to_ids = {user.pk for user in dossier.restricted_to_users}
        dossier.active_break_glass_user_ids = {grant.user_id for grant in dossier.active_break_glass}
    return list(dossiers)


def _log(user, dossier: Dossier, what: str) -> None:
    access_log_record(
        user=user, client_ids=[dossier.client_id], what=what, purpose=dossier.reference, dossier_id=dossier.pk
    )


def dossier_get(*, user, dossier_id, what: str = "dossier", minimum: Access = Access.INTAKE) -> Dossier:
    """One dossier the user may open at least at `minimum`; the read is logged."""
    dossier = _dossiers_with_policy_facts().filter(pk=_as_uuid(dossier_id)).first()
    if dossier is None:
        raise NotFoundError()
    _with_policy_facts([dossier])
    dossier.access = policy.dossier_access(user, dossier)
    if dossier.access < minimum:
        raise NotFoundError()
    _log(user, dossier, what)
    return dossier


def dossier_list_page(
    *, user, paginate: Callable[[QuerySet], list], status: str | None = None
) -> list[Dossier]:
    """The dossiers the user may see, their own caseload first; every client shown on the page is logged."""
    visible = Dossier.objects.filter(policy.visible_dossiers_q(user)).values("pk")
    dossiers = (
        _dossiers_with_policy_facts()
        .filter(pk__in=visible)
        .annotate(
            mine=Case(When(social_worker=user, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("mine", "client__last_name", "client__first_name", "-opened_on")
    )
    if status:
        dossiers = dossiers.filter(status=status)
    page = _with_policy_facts(paginate(dossiers))
    for dossier in page:
        dossier.access = policy.dossier_access(user, dossier)
    access_log_record(
        user=user, client_ids=[d.client_id for d in page], what="dossierlijst", purpose=_("eigen dossiers")
    )
    return page


def contact_list(*, user, dossier_id) -> tuple[Dossier, QuerySet]:
    """The dossier's contacts the user may read (confidential notes only for those allowed), newest first."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="contacten", minimum=Access.FULL)
    contacts = (
        Contact.objects.filter(dossier=dossier)
        .filter(policy.confidential_visible_q(user, dossier))
        .select_related("author")
    )
    return dossier, contacts


def _client_with_dossiers(client_id) -> Client | None:
    dossiers = _dossiers_with_policy_facts().order_by("-opened_on")
    return (
        Client.objects.filter(pk=_as_uuid(client_id))
        .prefetch_related(Prefetch("dossiers", queryset=dossiers, to_attr="all_dossiers"))
        .first()
    )


def client_get(*, user, client_id, what: str = "volledige cliëntfiche") -> Client:
    """The full record, for whoever has access to one of the client's dossiers."""
    client = _client_with_dossiers(client_id)
    if client is None:
        raise NotFoundError()
    dossiers = _with_policy_facts(client.all_dossiers)
    client.access = policy.client_access(user, dossiers)
    if client.access is Access.NONE:
        raise NotFoundError()
    readable = [d for d in dossiers if policy.dossier_access(user, d) > Access.NONE]
    access_log_record(
        user=user,
        client_ids=[client.pk],
        what=what,
        purpose=", ".join(d.reference for d in readable),
        dossier_id=readable[0].pk,
    )
    return client


def client_household(*, user, client_id) -> tuple[Client, QuerySet]:
    client = client_get(user=user, client_id=client_id, what="gezinssamenstelling")
    members = HouseholdMember.objects.filter(client=client).select_related("member").order_by("from_date")
    return client, members


def client_history(*, user, client_id) -> list[dict]:
    """Every change of the client's identity: who, when, and each field's old and new value."""
    client = client_get(user=user, client_id=client_id, what="wijzigingshistoriek")
    records = list(client.history.select_related("history_user").order_by("history_date", "history_id"))
    changes = []
    previous = None
    for record in records:
        if previous is None:
            fields = []
        else:
            fields = [
                {"field": change.field, "old": change.old, "new": change.new}
                for change in record.diff_against(previous).changes
            ]
        changes.append(
            {
                "changed_at": record.history_date,
                "changed_by": record.history_user.username if record.history_user else None,
                "change_type": {"+": "created", "~": "changed", "-": "deleted"}[record.history_type],
                "changes": fields,
            }
        )
        previous = record
    return list(reversed(changes))


def client_access_log(*, user, client_id) -> tuple[Client, QuerySet]:
    """'Who saw my data?': the DPO and the head of service for anyone, a team lead for their team's clients.
    Reading the ledger is itself logged."""
    # The role is checked first, so that the answer never tells someone without the role that an id exists.
    if not user.has_role(*policy.ACCESS_LOG_READERS):
        raise PermissionDeniedError()
    client = Client.objects.filter(pk=_as_uuid(client_id)).first()
    if client is None:
        raise NotFoundError()
    # A team lead reads the log of their team's clients, not of a restricted dossier's client.
    teams = set(Dossier.objects.filter(client=client, restricted=False).values_list("team_id", flat=True))
    if not policy.may_read_access_log(user, teams):
        raise NotFoundError()
    entries = AccessLog.objects.filter(client=client).select_related("user").order_by("-accessed_at", "-id")
    access_log_record(
        user=user,
        client_ids=[client.pk],
        what="toegangslog",
        purpose=_("vraag: wie heeft mijn gegevens gezien?"),
    )
    return client, entries


def dossier_for_break_glass(*, user, dossier_id) -> Dossier:
    """The dossier a colleague asks to open with a reason; nothing is read (or logged) before access."""
    dossier = Dossier.objects.filter(pk=_as_uuid(dossier_id)).first()
    if dossier is None or not policy.may_break_glass(user, dossier):
        raise NotFoundError()
    return dossier


def request_get(*, user, request_id, what: str = "aanvraag", minimum: Access = Access.INTAKE) -> AidRequest:
    """One request of a dossier the user may open (the front desk included); the read is logged."""
    found = AidRequest.objects.filter(pk=_as_uuid(request_id)).values_list("dossier_id", flat=True).first()
    if found is None:
        raise NotFoundError()
    dossier = dossier_get(user=user, dossier_id=found, what=what, minimum=minimum)
    aid_request = AidRequest.objects.select_related("registered_by").get(pk=request_id)
    aid_request.dossier = dossier
    return aid_request


def request_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="aanvragen")
    return AidRequest.objects.filter(dossier=dossier).select_related("dossier", "registered_by")


def inquiry_get(*, user, inquiry_id=None, request_id=None) -> Inquiry:
    """The social inquiry with what it needs to say what is missing, in a constant number of queries.
    Social reports are not for the front desk: full access only."""
    lookup = {"pk": _as_uuid(inquiry_id)} if inquiry_id else {"request_id": _as_uuid(request_id)}
    found = Inquiry.objects.filter(**lookup).values_list("pk", "request__dossier_id").first()
    if found is None:
        raise NotFoundError()
    dossier = dossier_get(user=user, dossier_id=found[1], what="sociaal onderzoek", minimum=Access.FULL)
    inquiry = (
        Inquiry.objects.select_related("request", "updated_by").prefetch_related("documents").get(pk=found[0])
    )
    inquiry.request.dossier = dossier
    visits = list(
        Contact.objects.filter(
            dossier=dossier, channel=Channel.HOME_VISIT, occurred_at__date__gte=inquiry.request.received_on
        )
    )
    # A visit counts for completeness even when its notes are confidential to the assigned worker.
    inquiry.home_visit_count = len(visits)
    sees_confidential = policy.may_read_confidential(user, dossier)
    inquiry.home_visits = [
        v for v in visits if sees_confidential or not v.confidential or v.author_id == user.pk
    ]
    inquiry.ksz_consultations = list(
        KszConsultation.objects.filter(request=inquiry.request).select_related("consulted_by")
    )
    return inquiry


def ksz_consultation_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="KSZ-raadplegingen", minimum=Access.FULL)
    return KszConsultation.objects.filter(dossier=dossier).select_related("consulted_by", "request")


# --- Rates and parameters (configuration, not personal data: no access log) ---


def leefloon_parameters(reference_date) -> dict:
    """The dated rates and exemptions the calculation needs, as plain values for casework.rules."""
    rates = [
        rules.Rate(valid_from=r.valid_from, category=r.category, yearly_amount=r.yearly_amount)
        for r in LeefloonRate.objects.filter(valid_from__lte=reference_date)
    ]
    general = {
        category: rules.valid_on(rows, reference_date, category=category)
        for rows in [list(GeneralExemption.objects.filter(valid_from__lte=reference_date))]
        for category in (1, 2, 3)
    }
    spi = SpiExemption.objects.filter(valid_from__lte=reference_date).order_by("-valid_from").first()
    return {"rates": rates, "general_exemptions": general, "spi_exemption": spi}


def heating_parameters(reference_date) -> HeatingAllowanceParameters | None:
    return (
        HeatingAllowanceParameters.objects.filter(valid_from__lte=reference_date)
        .prefetch_related("bands")
        .order_by("-valid_from")
        .first()
    )


def calculations_for_inquiry(*, user, inquiry_id) -> QuerySet:
    inquiry = inquiry_get(user=user, inquiry_id=inquiry_id)
    return LeefloonCalculation.objects.filter(inquiry=inquiry).select_related("created_by")


# --- Help plans, referrals, case conferences, debts and payment plans ---
# Each belongs to one dossier: the dossier is checked (and the read logged, once) before the object is loaded.


def _dossier_of(model, object_id, *, user, dossier_path: str, what: str) -> Dossier:
    dossier_id = model.objects.filter(pk=_as_uuid(object_id)).values_list(dossier_path, flat=True).first()
    if dossier_id is None:
        raise NotFoundError()
    return dossier_get(user=user, dossier_id=dossier_id, what=what, minimum=Access.FULL)


def help_plans_with_goals() -> QuerySet:
    """Plans with their goals (by priority), actions and evaluations in a constant number of queries. No
    access check: for callers that have checked the dossier (the selectors below, the help plan services)."""
    return HelpPlan.objects.select_related("updated_by").prefetch_related(
        Prefetch("goals", queryset=HelpPlanGoal.objects.prefetch_related("actions")),
        Prefetch("evaluations", queryset=HelpPlanEvaluation.objects.select_related("author")),
    )


def help_plan_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="hulpverleningsplan", minimum=Access.FULL)
    return help_plans_with_goals().filter(dossier=dossier).order_by("pk")


def help_plan_get(*, user, plan_id, what: str = "hulpverleningsplan") -> HelpPlan:
    dossier = _dossier_of(HelpPlan, plan_id, user=user, dossier_path="dossier_id", what=what)
    plan = help_plans_with_goals().get(pk=plan_id)
    plan.dossier = dossier
    return plan


def referral_list(*, user, dossier_id, status: str | None = None) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="doorverwijzingen", minimum=Access.FULL)
    referrals = Referral.objects.filter(dossier=dossier).select_related("partner", "service", "created_by")
    return referrals.filter(status=status) if status else referrals


def referral_get(*, user, referral_id, what: str = "doorverwijzing") -> Referral:
    dossier = _dossier_of(Referral, referral_id, user=user, dossier_path="dossier_id", what=what)
    referral = Referral.objects.select_related("partner", "service", "created_by").get(pk=referral_id)
    referral.dossier = dossier
    return referral


def case_conference_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="cliëntoverleg", minimum=Access.FULL)
    return (
        CaseConference.objects.filter(dossier=dossier)
        .select_related("author")
        .prefetch_related("internal_participants")
    )


def debts_with_paid_amount() -> QuerySet:
    """Debts with what was paid on them in all their plans and what is still owed (one query; no access
    check: for callers that have checked the dossier)."""
    paid = Sum(
        "payment_plans__instalments__amount", filter=Q(payment_plans__instalments__paid_on__isnull=False)
    )
    return Debt.objects.annotate(paid_amount=Coalesce(paid, Value(rules.ZERO))).annotate(
        outstanding_amount=F("amount") - F("paid_amount")
    )


def debt_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="schulden", minimum=Access.FULL)
    return debts_with_paid_amount().filter(dossier=dossier).order_by("creditor", "pk")


def debt_get(*, user, debt_id, what: str = "schuld") -> Debt:
    dossier = _dossier_of(Debt, debt_id, user=user, dossier_path="dossier_id", what=what)
    debt = debts_with_paid_amount().get(pk=debt_id)
    debt.dossier = dossier
    return debt


def payment_plans_with_instalments() -> QuerySet:
    return PaymentPlan.objects.select_related("debt").prefetch_related("instalments")


def payment_plan_list(*, user, dossier_id, debt_id=None) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="afbetalingsplannen", minimum=Access.FULL)
    plans = payment_plans_with_instalments().filter(debt__dossier=dossier).order_by("debt__creditor", "pk")
    return plans.filter(debt_id=_as_uuid(debt_id)) if debt_id else plans


def payment_plan_get(*, user, plan_id, what: str = "afbetalingsplan") -> PaymentPlan:
    dossier = _dossier_of(PaymentPlan, plan_id, user=user, dossier_path="debt__dossier_id", what=what)
    plan = payment_plans_with_instalments().get(pk=plan_id)
    plan.debt.dossier = dossier
    return plan


# --- The social map (configuration, not personal data: no access log) ---


def partner_list(*, user, q: str = "", language: str = "") -> QuerySet:
    """Active partners whose name, description or one of whose services matches `q`; `language` filters on
    the languages a service is offered in."""
    if not policy.may_read_social_map(user):
        raise PermissionDeniedError()
    partners = Partner.objects.filter(active=True).prefetch_related("services")
    if q := q.strip():
        matching_services = PartnerService.objects.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(eligibility__icontains=q)
        ).values("partner_id")
        partners = partners.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(pk__in=matching_services)
        )
    if language := language.strip():
        partners = partners.filter(
            pk__in=PartnerService.objects.filter(languages__icontains=language).values("partner_id")
        )
    return partners


def partner_get(*, user, partner_id) -> Partner:
    if not policy.may_read_social_map(user):
        raise PermissionDeniedError()
    partner = Partner.objects.prefetch_related("services").filter(pk=_as_uuid(partner_id)).first()
    if partner is None:
        raise NotFoundError()
    return partner


def dossier_page(*, user, dossier_id) -> Dossier:
    """Everything the dossier page shows, read (and logged) once: the dossier with its client, its requests
    and, for those with full access, the timeline of contacts they may read."""
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="dossierpagina")
    dossier.requests_list = list(
        AidRequest.objects.filter(dossier=dossier).order_by("-received_on", "-created_at")
    )
    dossier.timeline = []
    if dossier.access is Access.FULL:
        dossier.timeline = list(
            Contact.objects.filter(dossier=dossier)
            .filter(policy.confidential_visible_q(user, dossier))
            .select_related("author")
        )
    return dossier


# --- Reads for pages that already logged their dossier read (no second access-log entry) ---


def calculations_for_inquiry_without_log(*, inquiry: Inquiry) -> list[LeefloonCalculation]:
    """For an inquiry already read through inquiry_get (which logged it)."""
    return list(LeefloonCalculation.objects.filter(inquiry=inquiry).select_related("created_by")[:10])


def help_plan_of(*, dossier: Dossier) -> HelpPlan | None:
    """The help plan of a dossier already read through dossier_get."""
    return help_plans_with_goals().filter(dossier=dossier).first()


def referrals_of(*, dossier: Dossier) -> list[Referral]:
    return list(Referral.objects.filter(dossier=dossier).select_related("partner", "service"))


def partners_active() -> list[Partner]:
    """The social map is not personal data."""
    return list(Partner.objects.filter(active=True).order_by("name"))


def case_conferences_of(*, dossier: Dossier) -> list[CaseConference]:
    return list(CaseConference.objects.filter(dossier=dossier).prefetch_related("internal_participants"))


def debts_of(*, dossier: Dossier) -> list[Debt]:
    """The debts of a dossier already read through dossier_get, with their plans and instalments."""
    return list(
        debts_with_paid_amount()
        .filter(dossier=dossier)
        .prefetch_related(Prefetch("payment_plans", queryset=payment_plans_with_instalments()))
        .order_by("creditor", "pk")
    )
