"""The committee in the demo (journey 3): a meeting held today with its decisions, one of them notified, and a
meeting in ten days whose agenda has been sent. Everything goes through the services; idempotent."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import staff
from bcsd import services
from bcsd.models import Meeting
from casework.models import Dossier

PLACE = "Raadzaal, Grote Markt 1"
PROPOSALS = [
    (
        "financial_aid",
        "Eenmalige financiële steun voor de achterstallige energiefactuur.",
        "Het gezin heeft onvoldoende bestaansmiddelen om de eindafrekening te betalen (zie sociaal verslag); "
        "zonder steun dreigt afsluiting.",
        Decimal("250.00"),
        "approved",
    ),
    (
        "rental_deposit",
        "Huurwaarborg als voorschot, terug te betalen in 12 maandelijkse schijven.",
        "De cliënt vond een betaalbare woning maar kan de waarborg niet samenbrengen.",
        Decimal("1350.00"),
        "refused",
    ),
    (
        "heating_allowance",
        "Verwarmingstoelage voor een levering stookolie.",
        "Levering binnen 60 dagen, inkomen onder de grens van het Sociaal Verwarmingsfonds.",
        Decimal("210.00"),
        None,
    ),
]
LEGAL_BASIS = "Art. 1 en 57 §1 van de organieke wet van 8 juli 1976 betreffende de OCMW's"


def seed(stdout) -> None:
    if Meeting.objects.exists():
        stdout.write("bcsd: the demo meetings are there already")
        return
    ann, marc, els = staff("ann"), staff("marc"), staff("els")
    dossiers = list(
        Dossier.objects.filter(team__code="centrum", social_worker__isnull=False)
        .select_related("social_worker", "team", "client")
        .order_by("number")[: len(PROPOSALS)]
    )
    if len(dossiers) < len(PROPOSALS):
        return
    today = timezone.localdate()
    submissions = []
    for dossier, (kind, proposal, motivation, amount, _outcome) in zip(dossiers, PROPOSALS, strict=True):
        submission = services.submission_create(
            actor=dossier.social_worker,
            dossier=dossier,
            kind=kind,
            proposal=proposal,
            motivation=motivation,
            legal_basis=LEGAL_BASIS,
            amount=amount,
            frequency="once",
            period_start=today,
        )
        services.submission_review(actor=els, submission=submission, outcome="approved")
        submissions.append(submission)

    # Today's meeting (convened at short notice: every item late, decided with the members' vote).
    held = services.meeting_create(
        actor=ann, date=today, time=datetime.time(19, 0), place=PLACE, members=[marc], chair=marc
    )
    for submission in submissions[:2]:
        services.agenda_add(actor=ann, meeting=held, submission=submission)
    services.meeting_publish(actor=ann, meeting=held)
    services.meeting_hold(actor=ann, meeting=held)
    decisions = [
        services.decision_record(
            actor=ann,
            submission=submission,
            outcome=outcome,
            motivation=submission.motivation,
            decided_on=today,
            votes={"in_favour": 1, "against": 0, "abstained": 0},
        )
        for submission, (*_rest, outcome) in zip(submissions[:2], PROPOSALS, strict=False)
    ]
    services.decision_notify(actor=ann, decision=decisions[0], sent_on=today, method="receipt")

    # The next meeting, in ten days: its agenda was sent today, on time.
    planned = services.meeting_create(
        actor=ann,
        date=today + datetime.timedelta(days=10),
        time=datetime.time(19, 0),
        place=PLACE,
        members=[marc],
        chair=marc,
    )
    services.agenda_add(actor=ann, meeting=planned, submission=submissions[2])
    services.meeting_publish(actor=ann, meeting=planned)
    stdout.write(
        "bcsd: a meeting held today with 2 decisions (1 notified) and one in 10 days, its agenda sent"
    )
