"""Karim's caseload (journey 5): trajectories across the six phases on the demo dossiers, with screenings,
measures, monitoring contacts, GPMIs and their evaluations, and a few overdue items, so that his board shows
"who needs contact this week" on the first login.

Idempotent: a dossier that has a trajectory already is left alone. Dates are relative to today."""

import datetime
import random

from django.utils import timezone

from accounts.demo import staff
from accounts.models import Team
from activation import services
from activation.models import Trajectory
from casework.dossiers import services as dossier_services
from casework.models import Dossier, DossierStatus, Partner
from clients.models import Client
from clients.rules import insz_for
from clients.services import client_register

SEED = 2027
COACH = "karim"
HOW_MANY = 45
# Karim's caseload reaches beyond the thirty dossiers of casework's demo: clients the social teams referred
# for activation, each with a dossier of their own social worker (first name, last name, birth date,
# gender, nationality, language, social worker).
REFERRED = [
    ("Mehdi", "Benali", datetime.date(1988, 5, 12), "m", "MA", "Arabisch", "lotte"),
    ("Sanne", "Wouters", datetime.date(1995, 2, 3), "f", "BE", "Nederlands", "bram"),
    ("Oleksandr", "Koval", datetime.date(1983, 11, 21), "m", "UA", "Oekraïens", "nora"),
    ("Aylin", "Demir", datetime.date(1991, 7, 9), "f", "TR", "Turks", "jonas"),
    ("Kevin", "Claessens", datetime.date(1986, 4, 17), "m", "BE", "Nederlands", "fatma"),
    ("Fatoumata", "Diallo", datetime.date(1993, 9, 28), "f", "GN", "Frans", "lotte"),
    ("Tomasz", "Nowak", datetime.date(1979, 1, 14), "m", "PL", "Pools", "bram"),
    ("Lies", "Vermeiren", datetime.date(1997, 6, 2), "f", "BE", "Nederlands", "nora"),
    ("Abdi", "Hassan", datetime.date(1990, 12, 5), "m", "SO", "Somalisch", "jonas"),
    ("Elena", "Popescu", datetime.date(1985, 3, 30), "f", "RO", "Roemeens", "fatma"),
    ("Jens", "Van Damme", datetime.date(1994, 8, 11), "m", "BE", "Nederlands", "lotte"),
    ("Samira", "Ouali", datetime.date(1989, 10, 19), "f", "MA", "Arabisch", "bram"),
    ("Dawit", "Tesfaye", datetime.date(1992, 5, 24), "m", "ER", "Tigrinya", "nora"),
    ("Nathalie", "Dubois", datetime.date(1981, 2, 8), "f", "BE", "Frans", "jonas"),
    ("Pieter-Jan", "Maes", datetime.date(1996, 11, 3), "m", "BE", "Nederlands", "fatma"),
    ("Hana", "Rahimi", datetime.date(1998, 4, 26), "f", "AF", "Dari", "lotte"),
    ("Youssef", "El Idrissi", datetime.date(1987, 7, 15), "m", "MA", "Arabisch", "bram"),
    ("Marieke", "Jacobs", datetime.date(1984, 9, 7), "f", "BE", "Nederlands", "nora"),
]
PHASES = ["care", "language", "social_activation", "work_activation", "job_guidance", "work"]
# The answers of the default tree that lead to each phase (the first "yes" wins).
QUESTION_OF = {
    "care": "care_needs_block_work",
    "language": "dutch_below_required_level",
    "social_activation": "work_limitation_or_no_experience",
    "work_activation": "needs_skills_before_regular_work",
    "job_guidance": "needs_guidance_to_find_work",
}
CODES = list(QUESTION_OF.values())
# (kind, partner, extra fields) per phase: the measure a client in that phase typically has.
MEASURES = {
    "language": ("language_course", "CVO Leuven-Landen", {"level": "1.1"}),
    "social_activation": (
        "volunteer_work",
        "Sociaal restaurant De Lepel",
        {"interests": "koken, mensen helpen"},
    ),
    "work_activation": ("ibo", "Logistiek Kortenberg", {"weeks": 12}),
    "job_guidance": ("job_search", "", {"job_target": "magazijnmedewerker"}),
    "work": ("job_search", "", {"job_target": "administratief bediende"}),
}
CONTRACT = {
    "social_balance": "Sociale balans opgemaakt met de cliënt: gezin, gezondheid, opleiding, werkervaring, "
    "mobiliteit en kinderopvang overlopen.",
    "goals": "Stap voor stap naar werk: eerst werkervaring, dan een opleiding of een job.",
    "client_commitments": "Komt naar de afspraken, doet het afgesproken vrijwilligerswerk of de opleiding, "
    "meldt afwezigheid vooraf.",
    "ocmw_commitments": "Maandelijkse begeleiding door de trajectbegeleider, hulp bij kinderopvang en "
    "vervoer, terugbetaling van de opleidingskosten.",
}


def _answers(phase: str) -> dict:
    if phase == "work":
        return dict.fromkeys(CODES, False)
    position = CODES.index(QUESTION_OF[phase])
    return {code: index == position for index, code in enumerate(CODES[: position + 1])}


def _referred_dossiers() -> int:
    """Register the referred clients and open their dossiers (idempotent: a known INSZ is left alone)."""
    intake = staff("ines")
    opened = 0
    for index, (first, last, born, gender, nationality, language, worker) in enumerate(REFERRED):
        # Serials from 601 on: the other demo persons use serials below 200, so no number collides.
        insz = insz_for(born, 601 + 2 * index + (0 if gender == "m" else 1))
        if Client.objects.filter(insz=insz).exists():
            continue
        client = client_register(
            actor=intake, first_name=first, last_name=last, birth_date=born, insz=insz, gender=gender,
            nationality=nationality, language=language, street="Leuvensesteenweg",
            house_number=str(10 + 7 * index), postal_code="3070", municipality="Kortenberg",
        ).client  # fmt: skip
        social_worker = staff(worker)
        dossier_services.dossier_open(
            actor=intake, client=client, team=Team.objects.get(pk=social_worker.team_id),
            social_worker=social_worker,
        )  # fmt: skip
        opened += 1
    return opened


def seed(stdout) -> None:
    rng = random.Random(SEED)
    coach = staff(COACH)
    today = timezone.localdate()
    referred = _referred_dossiers()
    taken = Trajectory.objects.values("dossier_id")
    dossiers = list(
        Dossier.objects.filter(status=DossierStatus.OPEN, restricted=False, social_worker__isnull=False)
        .exclude(pk__in=taken)
        .select_related("social_worker", "client")
        .order_by("number")[: max(0, HOW_MANY - Trajectory.objects.filter(coach=coach).count())]
    )
    started = measures = gpmis = moves = 0
    for position, dossier in enumerate(dossiers):
        phase = PHASES[position % len(PHASES)]
        worker = dossier.social_worker
        start = today - datetime.timedelta(days=rng.randint(20, 200))
        screening = services.screening_record(
            actor=worker, dossier=dossier, answers=_answers(phase), screened_on=start
        )
        trajectory = services.trajectory_start(
            actor=worker, dossier=dossier, coach=coach, phase=phase, started_on=start, screening=screening
        )
        started += 1
        if phase in MEASURES:
            kind, partner_name, extra = MEASURES[phase]
            extra = dict(extra)
            weeks = extra.pop("weeks", None)
            measure_start = start + datetime.timedelta(days=7)
            partner = Partner.objects.filter(name=partner_name).first() if partner_name else None
            services.measure_record(
                actor=coach,
                trajectory=trajectory,
                kind=kind,
                started_on=measure_start,
                ended_on=measure_start + datetime.timedelta(weeks=weeks) if weeks else None,
                partner=partner,
                partner_name="" if partner else partner_name,
                **extra,
            )
            measures += 1
        # Most have had a recent contact; a few are overdue (no contact since the start).
        if position % 7:
            held_on = today - datetime.timedelta(days=rng.randint(1, 12))
            services.monitoring_contact_record(
                actor=coach, trajectory=trajectory, held_on=max(held_on, start), with_whom="cliënt",
                summary="Opvolggesprek: stand van zaken, volgende stappen afgesproken.",
            )  # fmt: skip
        # A GPMI for most: some still to conclude (days left, one overdue), most signed with evaluations.
        if phase != "care":
            granted = start - datetime.timedelta(days=rng.randint(5, 30))
            if position % 5 == 1:
                # To conclude: granted recently (days left), one of them late.
                granted = today - datetime.timedelta(days=100 if position == 1 else rng.randint(10, 60))
                services.gpmi_create(
                    actor=coach, dossier=dossier, kind="standard", leefloon_granted_on=granted
                )
            else:
                signed = min(granted + datetime.timedelta(days=rng.randint(20, 60)), today)
                gpmi = services.gpmi_create(
                    actor=coach, dossier=dossier, kind="student" if position == 3 else "standard",
                    leefloon_granted_on=granted, signed_on=signed, **CONTRACT,
                )  # fmt: skip
                # Evaluated about every three months, the last one a few weeks ago (one in six is late).
                held_on = signed + datetime.timedelta(days=90)
                while held_on < today - datetime.timedelta(days=20) and position % 6 != 4:
                    services.gpmi_evaluate(
                        actor=coach, gpmi=gpmi, held_on=held_on, in_person=held_on.month % 3 != 0,
                        summary="Evaluatie: afspraken nagekomen, vrijwilligerswerk loopt goed.",
                    )  # fmt: skip
                    held_on += datetime.timedelta(days=90)
            gpmis += 1
        # Two of each phase move on to the next one some weeks after their start (job guidance: to work), so
        # that the dashboard's flow of transitions and its exits to work (journey 6) have something to show.
        moved_on = start + datetime.timedelta(days=rng.randint(25, 60))
        if position // len(PHASES) in (0, 3) and phase != "work" and moved_on < today:
            services.trajectory_phase_change(
                actor=coach, trajectory=trajectory, to_phase=PHASES[PHASES.index(phase) + 1],
                changed_on=moved_on, reason="Evaluatie met de cliënt: klaar voor de volgende stap.",
            )  # fmt: skip
            moves += 1
    groups = _group_activity(coach, today) if started else 0
    stdout.write(
        f"activation: {referred} referred clients, {groups} group activity, {started} trajectories "
        f"({moves} moved on a phase), {measures} measures and {gpmis} GPMIs "
        f"created for {COACH} "
        f"({Trajectory.objects.count()} trajectories in all)"
    )


def _group_activity(coach, today: datetime.date) -> int:
    """A job club with the clients in job guidance and work, three sessions and their attendance."""
    activity = services.group_activity_create(
        actor=coach, name="Jobclub", starts_on=today - datetime.timedelta(days=35),
        description="Wekelijkse groepssessie: sollicitatiebrief, cv, jobgesprek oefenen.",
    )  # fmt: skip
    for trajectory in Trajectory.objects.filter(coach=coach, phase__in=["job_guidance", "work"]):
        services.group_participant_add(actor=coach, activity=activity, trajectory=trajectory)
    participants = list(activity.participants.all())
    for weeks_ago, topic in ((4, "Sollicitatiebrief"), (3, "Cv opmaken"), (2, "Jobgesprek oefenen")):
        services.group_session_record(
            actor=coach, activity=activity, held_on=today - datetime.timedelta(weeks=weeks_ago), topic=topic,
            present_participant_ids=[p.pk for index, p in enumerate(participants) if (index + weeks_ago) % 4],
        )  # fmt: skip
    return 1
