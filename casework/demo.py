"""Thirty dossiers over the five social teams (twelve of them Sofie's) with contacts, requests in the
register, inquiries under way, one KSZ consultation, a help plan and a referral: on the first login the
caseload, the dossier timeline and the worklists show something.

Idempotent per person: a demo client who has a dossier already (from an earlier run, or opened by hand in the
demo) is left alone. Dates are relative to today, so the deadlines in the demo are always current.
"""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from accounts.demo import staff
from accounts.models import Team, User
from casework.contacts import services as contact_services
from casework.dossiers import services as dossier_services
from casework.helpplan import services as helpplan_services
from casework.inquiry import services as inquiry_services
from casework.models import AidRequest, Dossier, Partner, RequestKind, RequestStatus
from casework.register import services as register_services
from casework.socialmap import services as socialmap_services
from clients.demo import demo_adults, demo_family_heads

SEED = 2026
_DEMO_LATE_REASON = "Ingevoerd bij de ingebruikname van Casework (demogegevens)."
# (team, social worker, number of dossiers); Sofie's come first and include the families.
CASELOADS = [("centrum", "sofie", 12), ("centrum", "lotte", 4), ("noord", "bram", 4), ("zuid", "nora", 4),
             ("oost", "jonas", 3), ("west", "fatma", 3)]  # fmt: skip
FAMILY_KINDS = [
    "leefloon",
    "leefloon",
    "financial_aid",
    "heating_allowance",
    "medical_card",
    "rental_deposit",
]
SINGLE_KINDS = ["leefloon", "financial_aid", "medical_card", "budget_guidance", "debt_mediation", "advance",
                "rental_deposit", "heating_allowance", "equivalent_leefloon", "article_60"]  # fmt: skip
INTAKE = "Onthaalgesprek: vraag naar {kind}. Situatie overlopen, lijst van de nodige documenten meegegeven."
# (channel, summary, findings)
FOLLOW_UPS = [
    ("phone", "Telefonisch: bankuittreksels van drie maanden nog niet binnen, herinnering gegeven.", ""),
    ("email", "Huurcontract en loonfiches ontvangen per e-mail.", ""),
    ("office", "Budgetgesprek: vaste kosten overlopen, achterstal bij de energieleverancier besproken.", ""),
    ("home_visit", "Huisbezoek bij de cliënt thuis.",
     "Kleine huurwoning, vocht in de slaapkamer; twee maanden huurachterstal; "
     "een buurvrouw helpt met boodschappen."),
    ("phone", "Cliënt belde over de stand van zaken; de beslistermijn van 30 dagen uitgelegd.", ""),
    ("video", "Videogesprek met tolk: werkervaring en taalcursus besproken.", ""),
    ("letter", "Brief verstuurd: recht om gehoord te worden en de ontbrekende documenten.", ""),
]  # fmt: skip


@dataclass(frozen=True)
class _PlannedRequest:
    dossier: Dossier
    worker: User
    kind: str
    received_on: datetime.date


def _during_office_hours(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.time(rng.randint(8, 16), rng.choice([0, 15, 30, 45]))
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def seed(stdout) -> None:
    rng = random.Random(SEED)
    intake = staff("ines")
    today = timezone.localdate()
    teams = {team.code: team for team in Team.objects.all()}
    caseload = [(team, username) for team, username, count in CASELOADS for _ in range(count)]
    planned: list[_PlannedRequest] = []
    opened = contacts = 0
    for position, (client, (team, username)) in enumerate(zip(demo_adults(), caseload, strict=False)):
        if client.dossiers.exists():
            continue
        worker = staff(username)
        dossier = dossier_services.dossier_open(
            actor=intake, client=client, team=teams[team], social_worker=worker
        )
        opened += 1
        kind = (
            FAMILY_KINDS[position]
            if position < len(FAMILY_KINDS)
            else SINGLE_KINDS[position % len(SINGLE_KINDS)]
        )
        # The person came to the counter between three days and five weeks ago; the follow-ups came after,
        # never later than yesterday.
        first_day = today - datetime.timedelta(days=rng.randint(3, 34))
        days_since = range(1, (today - first_day).days)
        later_days = sorted(rng.sample(days_since, k=rng.randint(1, min(3, len(days_since)))))
        moments = [(first_day, "office", INTAKE.format(kind=RequestKind(kind).label), "")]
        moments += [
            (first_day + datetime.timedelta(days=offset), *follow_up)
            for offset, follow_up in zip(later_days, rng.sample(FOLLOW_UPS, k=len(later_days)), strict=True)
        ]
        for day, channel, summary, findings in moments:
            contact_services.contact_record(
                actor=worker,
                dossier=dossier,
                channel=channel,
                summary=summary,
                findings=findings,
                occurred_at=_during_office_hours(day, rng),
                duration_minutes=rng.choice([10, 15, 20, 30, 45, 60]),
            )
            contacts += 1
        # The request was made at the counter on the first day: every dossier of Sofie, every other elsewhere.
        if username == "sofie" or position % 2 == 0:
            planned.append(_PlannedRequest(dossier, worker, kind, first_day))
    # The register is chronological: the requests are entered in the order in which they were received.
    planned.sort(key=lambda request: request.received_on)
    registered = []
    head = staff("hilde")
    for plan in planned:
        # The demo enters today what the counter received weeks ago: a late registration, with its reason.
        late = (today - plan.received_on).days > settings.LATE_REGISTRATION_DAYS
        aid_request = register_services.request_register(
            actor=head if late else intake,
            dossier=plan.dossier,
            kind=plan.kind,
            received_on=plan.received_on,
            late_registration_reason=_DEMO_LATE_REASON if late else "",
        )
        # Two weeks after the request the social worker is well into the inquiry.
        if (today - plan.received_on).days >= 14:
            aid_request = register_services.request_transition(
                actor=plan.worker, aid_request=aid_request, to=RequestStatus.IN_INQUIRY
            )
        registered.append((plan, aid_request))
    if registered:
        _journeys_of_sofie(registered, today)
    stdout.write(
        f"casework: {opened} dossiers, {contacts} contacts and {len(registered)} requests created "
        f"({Dossier.objects.count()} dossiers, {AidRequest.objects.count()} requests in all)"
    )


def _journeys_of_sofie(registered: list, today: datetime.date) -> None:
    """Journeys 2 and 4 on two of Sofie's dossiers, a mother with children first: a leefloon inquiry under way
    (a KSZ consultation, documents received, the report begun) and a help plan with a referral to the social
    rental office."""
    sofie = staff("sofie")
    families = {client.pk for client in demo_family_heads()}
    mine = sorted(
        (item for item in registered if item[0].worker == sofie),
        key=lambda item: item[0].dossier.client_id not in families,
    )
    inquiries = [
        (plan, aid_request)
        for plan, aid_request in mine
        if plan.kind == "leefloon" and aid_request.status == RequestStatus.IN_INQUIRY
    ]
    if inquiries:
        plan, aid_request = inquiries[0]
        inquiry_services.ksz_consultation_record(
            actor=sofie,
            dossier=plan.dossier,
            service="national_register",
            purpose="Controle van adres en gezinssamenstelling voor de leefloonaanvraag",
            aid_request=aid_request,
        )
        inquiry = aid_request.inquiry
        for document in list(inquiry.documents.all())[:2]:
            inquiry_services.inquiry_document_mark(
                actor=sofie, inquiry=inquiry, name=document.name, received_on=plan.received_on
            )
        with_children = plan.dossier.client_id in families
        inquiry_services.inquiry_update(
            actor=sofie,
            inquiry=inquiry,
            version=inquiry.version,
            hearing_right_informed_on=plan.received_on,
            situation=(
                "Moeder met kinderen ten laste, gescheiden; geen eigen inkomen, vraagt een leefloon."
                if with_children
                else "Geen inkomen meer sinds het einde van een tijdelijk contract; vraagt een leefloon."
            ),
            household=(
                "Woont met de kinderen; de ex-partner betaalt onregelmatig onderhoudsgeld."
                if with_children
                else "Woont alleen, geen kinderen ten laste."
            ),
        )
    others = [plan.dossier for plan, _request in mine if not inquiries or plan != inquiries[0][0]]
    if not others:
        return
    dossier = others[0]
    helpplan_services.help_plan_create(
        actor=sofie,
        dossier=dossier,
        agreed_with_client_on=today - datetime.timedelta(days=2),
        next_evaluation_on=today + datetime.timedelta(days=90),
        goals=_help_plan_goals(today),
    )
    rental_office = Partner.objects.filter(name__icontains="verhuurkantoor", active=True).first()
    if rental_office is not None:
        referral = socialmap_services.referral_propose(
            actor=sofie,
            dossier=dossier,
            partner=rental_office,
            service=rental_office.services.first(),
            reason="Woning te klein en vochtig; zoekt een betaalbare huurwoning.",
        )
        socialmap_services.referral_transition(actor=sofie, referral=referral, to="sent")


def _help_plan_goals(today: datetime.date) -> list[dict]:
    def action(description: str, owner: str, days: int | None = None, status: str = "planned") -> dict:
        due_on = today + datetime.timedelta(days=days) if days else None
        return {"description": description, "owner": owner, "due_on": due_on, "status": status}

    return [
        {
            "domain": "income",
            "priority": 1,
            "description": "Een inkomen dat de vaste kosten dekt.",
            "actions": [
                action("Aanvraag opvolgen tot de beslissing van het comité.", "Sofie", status="in_progress")
            ],
        },
        {
            "domain": "debts",
            "priority": 2,
            "description": "Geen nieuwe achterstal bij de energieleverancier.",
            "actions": [
                action("Afbetalingsplan voorstellen aan de energieleverancier.", "cliënt en Sofie", 21)
            ],
        },
        {
            "domain": "housing",
            "priority": 3,
            "description": "Een betaalbare, gezonde woning.",
            "target_date": today + datetime.timedelta(days=180),
            "actions": [action("Inschrijven bij het sociaal verhuurkantoor.", "cliënt", 30)],
        },
    ]
