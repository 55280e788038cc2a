"""The demo's past year for the dashboard (journey 6): the other apps' demo data happens today, so the
figures of a quarter would be nearly empty. Leefloon applications of the past months, decided (most within 30
days, a few late) and notified (most within 8 days), with their monthly amounts: the deadline trends and the
basis of the subsidy. Written as the committee's services leave them, on the demo's own dossiers; idempotent
(a marker in the register numbers)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import staff
from bcsd.models import Decision, Submission
from bcsd.rules import notification_due, snapshot_hash
from casework.models import AidRequest, Dossier
from casework.register import rules as register_rules

# Register serials far above what the demo's counter gives, so the demo's own registrations never meet them.
FIRST_SERIAL = 900_000
MONTHLY_AMOUNT = Decimal("1314.20")
# (months ago, days to the decision, days to the notification) per application: a few late ones.
HISTORY = [
    (11, 21, 3), (10, 28, 5), (10, 33, 6), (9, 18, 2), (8, 30, 8), (8, 25, 10), (7, 27, 4), (6, 31, 3),
    (6, 20, 5), (5, 24, 7), (4, 29, 2), (4, 35, 9), (3, 19, 4), (2, 26, 6), (2, 22, 3), (1, 30, 5),
]  # fmt: skip


def seed(stdout) -> None:
    if AidRequest.objects.filter(register_serial__gte=FIRST_SERIAL).exists():
        stdout.write("reporting: the demo's past year is there already")
        return
    dossiers = list(
        Dossier.objects.filter(status="open", social_worker__isnull=False, restricted=False).order_by(
            "number"
        )
    )
    if not dossiers:
        return
    ann = staff("ann")
    today = timezone.localdate()
    for index, (months_ago, decision_days, notification_days) in enumerate(HISTORY):
        dossier = dossiers[index % len(dossiers)]
        received = (today.replace(day=1) - datetime.timedelta(days=30 * months_ago)).replace(
            day=5 + index % 20
        )
        serial = FIRST_SERIAL + index
        request = AidRequest.objects.create(
            dossier=dossier,
            kind="leefloon",
            received_on=received,
            register_year=received.year,
            register_serial=serial,
            register_number=register_rules.register_number(received.year, serial),
            decision_due=register_rules.decision_due(received),
            forward_due=register_rules.forward_due(received),
            status="notified",
            registered_by=dossier.social_worker,
        )
        snapshot = {"format": 1, "proposal": {"kind": "leefloon_grant", "proposal": "Leefloon toekennen"}}
        submission = Submission.objects.create(
            dossier=dossier,
            request=request,
            kind="leefloon_grant",
            proposal="Leefloon categorie 2 toekennen vanaf de aanvraag.",
            motivation="Geen bestaansmiddelen (sociaal verslag).",
            legal_basis="RMI-wet van 26 mei 2002",
            amount=MONTHLY_AMOUNT,
            frequency="monthly",
            period_start=received,
            status="decided",
            snapshot=snapshot,
            snapshot_hash=snapshot_hash(snapshot),
            submitted_by=dossier.social_worker,
        )
        decided = received + datetime.timedelta(days=decision_days)
        notified = decided + datetime.timedelta(days=notification_days)
        Decision.objects.create(
            submission=submission,
            outcome="approved",
            motivation=submission.motivation,
            legal_basis=submission.legal_basis,
            amount=MONTHLY_AMOUNT,
            frequency="monthly",
            period_start=received,
            decided_on=decided,
            notification_due=notification_due(decided),
            sent_on=notified if notified <= today else None,
            notified_on=notified if notified <= today else None,
            notification_method="receipt",
            recorded_by=ann,
        )
    stdout.write(f"reporting: {len(HISTORY)} leefloon decisions of the past year for the dashboard")
