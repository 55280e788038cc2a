import datetime
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, STAFF
from accounts.models import Role, Team, User
from activation.demo import PHASES, REFERRED
from activation.models import Gpmi, GpmiEvaluation, Measure, Trajectory
from casework.models import AidRequest, Contact, Dossier, HelpPlan, KszConsultation
from clients.models import AccessLog, Client, HouseholdMember
from clients.rules import is_bis_number, normalise_belgian_or_sepa_iban, normalise_insz

COUNTED = [
    Team,
    User,
    Client,
    HouseholdMember,
    Dossier,
    Contact,
    AidRequest,
    KszConsultation,
    HelpPlan,
    AccessLog,
]


def counts() -> dict[str, int]:
    counted = {model.__name__: model.objects.count() for model in COUNTED}
    # Nothing new means no new history either.
    counted.update({f"history {model.__name__}": model.history.count() for model in (Client, Dossier, User)})
    return counted


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_builds_a_small_organisation_and_a_second_run_creates_nothing(db):
    seed()
    first = counts()

    assert seed() and counts() == first
    # A run weeks later (a demo database kept from an earlier `make run`) finds every person again.
    later = timezone.now() + datetime.timedelta(days=40)
    with mock.patch("django.utils.timezone.now", return_value=later):
        seed()
    assert counts() == first

    assert first["Team"] == 6
    assert {role for user in User.objects.all() for role in user.roles} == set(Role.values)
    # 50 persons of clients/demo.py and the clients the teams referred to Karim (activation/demo.py).
    assert first["Client"] == 50 + len(REFERRED)
    assert first["HouseholdMember"] >= 15
    assert HouseholdMember.objects.filter(relation="partner", to_date__isnull=False).count() >= 2
    assert HouseholdMember.objects.filter(relation="child").count() >= 8
    assert first["Dossier"] == 30 + len(REFERRED)
    assert Dossier.objects.filter(social_worker__username="sofie").count() == 12
    teams_with_dossiers = set(Dossier.objects.values_list("team__code", flat=True))
    assert teams_with_dossiers == {"centrum", "noord", "zuid", "oost", "west"}
    assert first["Contact"] >= 60
    assert first["AidRequest"] >= 15
    assert AidRequest.objects.filter(status="in_inquiry").exists()
    assert AidRequest.objects.filter(status="registered").exists()
    assert first["KszConsultation"] == 1
    assert first["HelpPlan"] == 1
    # Karim's board (journey 5): 45 running trajectories over the six phases, measures, evaluations, and a
    # few overdue items.
    today = timezone.localdate()
    karim = Trajectory.objects.filter(coach__username="karim", ended_on__isnull=True)
    assert karim.count() == 45
    assert set(karim.values_list("phase", flat=True)) == set(PHASES)
    assert Measure.objects.filter(trajectory__in=karim).count() >= 30
    assert GpmiEvaluation.objects.filter(gpmi__dossier__trajectories__in=karim).exists()
    assert karim.filter(next_monitoring_due__lt=today).exists()
    assert Gpmi.objects.filter(status="draft", conclusion_due__lt=today).exists()


def test_seeded_people_have_valid_numbers_and_journey_1_is_left_to_the_journey(db):
    seed()

    clients = list(Client.objects.all())
    numbers = [client.insz for client in clients if client.insz]
    assert all(normalise_insz(insz) == insz for insz in numbers)
    assert len(numbers) == len(set(numbers))
    assert sum(is_bis_number(insz) for insz in numbers) >= 2
    assert sum(client.insz is None for client in clients) >= 2
    born_from_2000 = [client for client in clients if client.birth_date.year >= 2000 and client.insz]
    assert len(born_from_2000) >= 10  # their check digits include the "2" before the nine digits
    ibans = [client.iban for client in clients if client.iban]
    assert len(ibans) >= 25
    assert all(iban.startswith("BE") and normalise_belgian_or_sepa_iban(iban) == iban for iban in ibans)
    assert {client.postal_code for client in clients} >= {"3000", "3001", "3010", "3012", "3020", "3070"}
    assert len({client.nationality for client in clients}) >= 5
    assert {client.gender for client in clients} == {"m", "f"}

    assert (
        Client.objects.filter(first_name="Jasmina", last_name="Elamrani", birth_date="1992-03-04").count()
        == 1
    )
    assert not Client.objects.filter(first_name__iexact="Yasmina").exists()
    assert not Client.objects.filter(search_text__contains="amrani").exclude(first_name="Jasmina").exists()


def test_seed_demo_prints_every_login_and_the_password(db):
    output = seed()

    assert DEMO_PASSWORD in output
    for person in STAFF:
        line = next(line for line in output.splitlines() if line.split()[:1] == [person.username])
        assert person.name in line
    for username in ("sofie", "karim", "els", "hilde", "ann", "marc", "pieter", "ines"):
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    sofie = User.objects.get(username="sofie")
    assert (sofie.get_full_name(), sofie.team.code, sofie.roles) == (
        "Sofie Peeters",
        "centrum",
        ["social_worker"],
    )
    assert User.objects.get(username="karim").team.code == "activering"


def test_the_demo_worklists_show_overdue_this_week_and_later_items(db):
    from casework.obligations import rules
    from casework.obligations.selectors import worklist

    seed()
    today = timezone.localdate()
    sofie = User.objects.get(username="sofie")
    groups = {rules.urgency(o.due_on, today) for o in worklist(user=sofie)}
    assert groups == {"overdue", "this_week", "later"}
    els = User.objects.get(username="els")
    team_groups = {rules.urgency(o.due_on, today) for o in worklist(user=els, team=els.team.code)}
    assert team_groups == {"overdue", "this_week", "later"}
    kinds = set(
        worklist(user=User.objects.get(username="hilde"), team=els.team.code).values_list("kind", flat=True)
    )
    assert {"decision_due", "monitoring_due"} <= kinds
