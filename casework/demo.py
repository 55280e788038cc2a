"""Dossiers with contacts, requests and a KSZ consultation, so that caseloads and timelines show."""

import datetime
import random

from django.utils import timezone

from accounts.models import Team, User
from casework import services
from casework.models import AidRequest, Dossier
from clients.models import Client

SUMMARIES = [
    ("office", "Intakegesprek aan het onthaal: vraag naar een inkomen."),
    ("phone", "Telefonisch: documenten nog niet binnen, herinnering gegeven."),
    ("home_visit", "Huisbezoek: woning klein maar in orde; kinderen gaan naar school."),
    ("email", "Bankuittreksels ontvangen per e-mail."),
    ("office", "Budgetgesprek: vaste kosten overlopen, achterstal energie besproken."),
]
KINDS = ["leefloon", "financial_aid", "rental_deposit", "medical_card", "budget_guidance", "advance"]


def seed(stdout) -> None:
    if Dossier.objects.exists():
        stdout.write(f"Dossiers: {Dossier.objects.count()} (al aanwezig)")
        return
    rng = random.Random(2026)
    intake = User.objects.get(username="ines")
    workers = {
        "centrum": [User.objects.get(username="sofie")] * 3 + [User.objects.get(username="lotte")],
        "noord": [User.objects.get(username="bram")],
        "zuid": [User.objects.get(username="nora")],
    }
    clients = list(Client.objects.exclude(first_name="Jasmina").order_by("last_name", "first_name")[:30])
    today = timezone.localdate()
    for index, client in enumerate(clients):
        team_code = ["centrum", "centrum", "noord", "zuid"][index % 4]
        worker = workers[team_code][index % len(workers[team_code])]
        dossier = services.dossier_open(
            actor=intake, client=client, team=Team.objects.get(code=team_code), social_worker=worker
        )
        for days_ago, (channel, summary) in zip((20, 12, 6), rng.sample(SUMMARIES, 3), strict=True):
            services.contact_record(
                actor=worker,
                dossier=dossier,
                channel=channel,
                summary=summary,
                occurred_at=timezone.now() - datetime.timedelta(days=days_ago + index % 5),
                duration_minutes=rng.choice([10, 20, 30, 45]),
            )
        if index % 3 == 0:
            received = today - datetime.timedelta(days=index % 25)
            aid_request = services.request_register(
                actor=intake, dossier=dossier, kind=KINDS[index % len(KINDS)], received_on=received
            )
            if index % 2 == 0:
                services.request_transition(actor=worker, aid_request=aid_request, to="in_inquiry")
                services.ksz_consultation_record(
                    actor=worker,
                    dossier=dossier,
                    service="national_register",
                    purpose="Controle gezinssamenstelling voor de aanvraag",
                    aid_request=aid_request,
                )
    stdout.write(f"Dossiers: {Dossier.objects.count()}, aanvragen: {AidRequest.objects.count()}")
