"""Every list and detail of casework, in the API and on the screens, costs as many queries for 2 rows as for
30: a lookup per row (an N+1) fails here. Each guard also names the most queries its page may cost
(django_assert_max_num_queries), so that a new query on a page is a decision, not an accident.

The rows grow where a lookup per row would hide: contacts by different authors, requests registered by
different workers, conferences with participants, debts with plans and instalments."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import pytest

from casework.models import Channel
from tests.factories import (
    BreakGlassAccessFactory,
    CaseConferenceFactory,
    ContactFactory,
    DebtFactory,
    DossierFactory,
    HelpPlanActionFactory,
    HelpPlanEvaluationFactory,
    HelpPlanFactory,
    HelpPlanGoalFactory,
    InquiryDocumentFactory,
    InquiryFactory,
    InstalmentFactory,
    KszConsultationFactory,
    LeefloonCalculationFactory,
    PartnerFactory,
    PartnerServiceFactory,
    PaymentPlanFactory,
    ReferralFactory,
    TeamFactory,
    UserFactory,
)

SMALL, LARGE = 2, 30


class Scene:
    """One dossier of the caller (its social worker), with what each page reads made on first use."""

    def __init__(self, *, dossier, me, colleagues, api, web):
        self.dossier, self.me, self.api, self.web = dossier, me, api, web
        self.workers = [me, *colleagues]  # authors and owners by turn: a lookup per row shows up

    def worker(self, i):
        return self.workers[i % len(self.workers)]

    @cached_property
    def outsider(self):
        """A colleague of another team, who reads dossiers by breaking the glass."""
        return UserFactory(team=TeamFactory())

    @cached_property
    def inquiry(self):
        return InquiryFactory(request__dossier=self.dossier, request__registered_by=self.me)

    @cached_property
    def aid_request(self):
        return self.inquiry.request

    @cached_property
    def plan(self):
        return HelpPlanFactory(dossier=self.dossier, updated_by=self.me)

    @cached_property
    def referral(self):
        return ReferralFactory(dossier=self.dossier, created_by=self.me)

    @cached_property
    def debt(self):
        return DebtFactory(dossier=self.dossier)

    @cached_property
    def payment_plan(self):
        return PaymentPlanFactory(debt=self.debt)

    @cached_property
    def partner(self):
        return PartnerFactory()


# --- How each kind of row grows (by `count` more rows) ---


def more_contacts(scene, count):
    for i in range(count):
        ContactFactory(dossier=scene.dossier, author=scene.worker(i), confidential=bool(i % 2))


def more_requests(scene, count):
    for i in range(count):
        InquiryFactory(request__dossier=scene.dossier, request__registered_by=scene.worker(i))


def more_inquiry_content(scene, count):
    """Documents, home visits and KSZ consultations of the scene's inquiry."""
    for i in range(count):
        InquiryDocumentFactory(inquiry=scene.inquiry)
        ContactFactory(dossier=scene.dossier, channel=Channel.HOME_VISIT, author=scene.worker(i))
        KszConsultationFactory(dossier=scene.dossier, request=scene.aid_request, consulted_by=scene.worker(i))


def more_ksz_consultations(scene, count):
    for i in range(count):
        KszConsultationFactory(dossier=scene.dossier, request=scene.aid_request, consulted_by=scene.worker(i))


def more_calculations(scene, count):
    for i in range(count):
        LeefloonCalculationFactory(inquiry=scene.inquiry, created_by=scene.worker(i))


def more_dossiers(scene, count):
    """Dossiers of the team with what the policy reads per dossier: a restricted list and a live grant."""
    for i in range(count):
        dossier = DossierFactory(
            team=scene.dossier.team, social_worker=scene.worker(i), restricted_to=[scene.me]
        )
        BreakGlassAccessFactory(dossier=dossier, user=scene.outsider)


def more_grants(scene, count):
    """Break-the-glass grants on the scene's dossier (read with the dossier, for the access policy)."""
    BreakGlassAccessFactory.create_batch(count, dossier=scene.dossier, user=scene.outsider)


def more_goals(scene, count):
    for i in range(count):
        goal = HelpPlanGoalFactory(plan=scene.plan, priority=100 + i)
        HelpPlanActionFactory.create_batch(2, goal=goal)
        HelpPlanEvaluationFactory(plan=scene.plan, author=scene.worker(i))


def more_referrals(scene, count):
    for i in range(count):
        service = PartnerServiceFactory()
        ReferralFactory(
            dossier=scene.dossier, partner=service.partner, service=service, created_by=scene.worker(i)
        )


def more_conferences(scene, count):
    for i in range(count):
        CaseConferenceFactory(
            dossier=scene.dossier, author=scene.worker(i), internal_participants=scene.workers[:2]
        )


def more_debts(scene, count):
    for _ in range(count):
        plan = PaymentPlanFactory(debt=DebtFactory(dossier=scene.dossier))
        InstalmentFactory.create_batch(2, plan=plan)


def more_instalments(scene, count):
    InstalmentFactory.create_batch(count, plan=scene.payment_plan)


def more_partners(scene, count):
    for _ in range(count):
        PartnerServiceFactory.create_batch(2, partner=PartnerFactory())


def more_services(scene, count):
    PartnerServiceFactory.create_batch(count, partner=scene.partner)


def both(*growers):
    def grow(scene, count):
        for grower in growers:
            grower(scene, count)

    return grow


# --- How many of the grown rows a response shows (None: the rows are around the page, not on it) ---


def results(response) -> int:
    return len(response.data["results"])


def first_result(key) -> Callable:
    return lambda response: len(response.data["results"][0][key])


def field(key) -> Callable:
    return lambda response: len(response.data[key])


def in_context(read) -> Callable:
    return lambda response: len(read(response.context))


@dataclass(frozen=True)
class Guard:
    url: Callable[[Scene], str]
    grow: Callable[[Scene, int], None]
    queries: int  # the most this page may cost; the same for SMALL and LARGE rows
    shown: Callable | None = None
    web: bool = False


API = "/api/v1"
GUARDS = {
    # The register
    "requests list": Guard(
        url=lambda s: f"{API}/requests/?dossier={s.dossier.pk}&page_size=200",
        grow=more_requests,
        queries=7,
        shown=results,
    ),
    "request detail": Guard(
        url=lambda s: f"{API}/requests/{s.aid_request.pk}/",
        grow=both(more_requests, more_inquiry_content),
        queries=7,
    ),
    "request receipt": Guard(
        url=lambda s: f"{API}/requests/{s.aid_request.pk}/receipt.pdf",
        grow=both(more_requests, more_inquiry_content),
        queries=7,
    ),
    # The social inquiry
    "KSZ consultations list": Guard(
        url=lambda s: f"{API}/ksz-consultations/?dossier={s.dossier.pk}&page_size=200",
        grow=more_ksz_consultations,
        queries=7,
        shown=results,
    ),
    "inquiry list by request": Guard(
        url=lambda s: f"{API}/inquiries/?request={s.aid_request.pk}",
        grow=more_inquiry_content,
        queries=10,
        shown=first_result("home_visits"),
    ),
    "inquiry detail": Guard(
        url=lambda s: f"{API}/inquiries/{s.inquiry.pk}/",
        grow=more_inquiry_content,
        queries=10,
        shown=field("home_visits"),
    ),
    "stored calculations list": Guard(
        url=lambda s: f"{API}/leefloon/calculations/?inquiry={s.inquiry.pk}&page_size=200",
        grow=more_calculations,
        queries=12,
        shown=results,
    ),
    # Dossiers and contacts
    "dossiers list": Guard(
        url=lambda s: f"{API}/dossiers/?page_size=200",
        grow=more_dossiers,
        queries=7,  # count, the page's ids, the page's dossiers, the policy's two lists, the token, the user
        shown=results,
    ),
    "dossier detail": Guard(
        url=lambda s: f"{API}/dossiers/{s.dossier.pk}/",
        grow=more_grants,
        queries=5,
    ),
    "contacts list": Guard(
        url=lambda s: f"{API}/contacts/?dossier={s.dossier.pk}&page_size=200",
        grow=more_contacts,
        queries=7,
        shown=results,
    ),
    # Help plans, referrals, case conferences
    "help plans list": Guard(
        url=lambda s: f"{API}/help-plans/?dossier={s.dossier.pk}",
        grow=more_goals,
        queries=10,
        shown=first_result("goals"),
    ),
    "help plan detail": Guard(
        url=lambda s: f"{API}/help-plans/{s.plan.pk}/",
        grow=more_goals,
        queries=10,
        shown=field("evaluations"),
    ),
    "referrals list": Guard(
        url=lambda s: f"{API}/referrals/?dossier={s.dossier.pk}&page_size=200",
        grow=more_referrals,
        queries=7,
        shown=results,
    ),
    "referral detail": Guard(
        url=lambda s: f"{API}/referrals/{s.referral.pk}/",
        grow=more_referrals,
        queries=7,
    ),
    "case conferences list": Guard(
        url=lambda s: f"{API}/case-conferences/?dossier={s.dossier.pk}&page_size=200",
        grow=more_conferences,
        queries=8,
        shown=results,
    ),
    # Budget
    "debts list": Guard(
        url=lambda s: f"{API}/debts/?dossier={s.dossier.pk}&page_size=200",
        grow=more_debts,
        queries=7,
        shown=results,
    ),
    "debt detail": Guard(
        url=lambda s: f"{API}/debts/{s.debt.pk}/",
        grow=more_instalments,
        queries=7,
    ),
    "payment plans list": Guard(
        url=lambda s: f"{API}/payment-plans/?dossier={s.dossier.pk}&page_size=200",
        grow=more_debts,
        queries=8,
        shown=results,
    ),
    "payment plan detail": Guard(
        url=lambda s: f"{API}/payment-plans/{s.payment_plan.pk}/",
        grow=more_instalments,
        queries=8,
        shown=field("instalments"),
    ),
    # The social map
    "partners list": Guard(
        url=lambda s: f"{API}/partners/?page_size=200",
        grow=more_partners,
        queries=4,
        shown=results,
    ),
    "partner detail": Guard(
        url=lambda s: f"{API}/partners/{s.partner.pk}/",
        grow=more_services,
        queries=3,
        shown=field("services"),
    ),
    # The screens
    "caseload page": Guard(
        url=lambda s: "/dossiers/",
        grow=more_dossiers,
        queries=12,  # + the page's ids (sorted apart), waiting requests and last contacts
        shown=lambda response: response.context["page"].paginator.count,  # 25 a page: the count grows
        web=True,
    ),
    "dossier page": Guard(
        url=lambda s: f"/dossiers/{s.dossier.pk}/",
        grow=both(more_contacts, more_requests),
        queries=14,  # + the overview: the household's size and the help plan's goals
        shown=in_context(lambda context: context["dossier"].timeline),
        web=True,
    ),
    "request page": Guard(
        url=lambda s: f"/aanvragen/{s.aid_request.pk}/",
        grow=both(more_requests, more_inquiry_content),
        queries=10,
        web=True,
    ),
    "inquiry page": Guard(
        url=lambda s: f"/onderzoek/{s.inquiry.pk}/",
        grow=both(more_inquiry_content, more_calculations),
        queries=15,  # + the author's draft of the report
        shown=in_context(lambda context: context["inquiry"].home_visits),
        web=True,
    ),
    "help plan page": Guard(
        url=lambda s: f"/dossiers/{s.dossier.pk}/hulpverleningsplan/",
        grow=both(more_goals, more_referrals, more_partners),
        queries=14,
        shown=in_context(lambda context: context["referrals"]),
        web=True,
    ),
    "case conferences page": Guard(
        url=lambda s: f"/dossiers/{s.dossier.pk}/clientoverleg/",
        grow=more_conferences,
        queries=11,
        shown=in_context(lambda context: context["conferences"]),
        web=True,
    ),
    "budget page": Guard(
        url=lambda s: f"/dossiers/{s.dossier.pk}/budget/",
        grow=more_debts,
        queries=11,
        shown=in_context(lambda context: context["debts"]),
        web=True,
    ),
}


@pytest.fixture
def scene(api, client, dossier, social_worker, team):
    client.force_login(social_worker)
    colleagues = UserFactory.create_batch(3, team=team)
    return Scene(dossier=dossier, me=social_worker, colleagues=colleagues, api=api(social_worker), web=client)


@pytest.mark.parametrize("name", GUARDS, ids=lambda name: name.replace(" ", "-"))
def test_queries_do_not_grow_with_the_rows(name, scene, django_assert_max_num_queries):
    guard = GUARDS[name]
    url = guard.url(scene)  # makes what the page is about before the rows are counted
    counts, shown, grown = [], [], 0
    for rows in (SMALL, LARGE):
        guard.grow(scene, rows - grown)
        grown = rows
        with django_assert_max_num_queries(guard.queries, info=f"{name} with {rows} rows") as captured:
            response = (scene.web if guard.web else scene.api).get(url)
        assert response.status_code == 200
        counts.append(len(captured))
        if guard.shown:
            shown.append(guard.shown(response))
    if guard.shown:  # not an empty guard: the larger answer shows the rows that were added
        assert shown[1] - shown[0] == LARGE - SMALL
    assert counts[0] == counts[1], f"{name}: {counts[0]} queries for {SMALL} rows, {counts[1]} for {LARGE}"
