"""`manage.py create_staff` (api.md, Operations outside HTTP): how an OCMW gets its staff and teams."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Team, User

TOKEN_URL = "/api/v1/auth/token/"


def test_create_staff_creates_the_user_and_the_team(db):
    call_command("create_staff", "jana", "--password", "Sterk-wachtwoord-9", "--role", "social_worker",
                 "--role", "team_lead", "--team", "zuid")  # fmt: skip

    user = User.objects.get(username="jana")
    assert user.roles == ["social_worker", "team_lead"]
    assert user.team.code == "zuid"
    assert user.check_password("Sterk-wachtwoord-9")
    assert not user.is_staff and not user.is_superuser


def test_create_staff_updates_on_a_second_run(db):
    call_command("create_staff", "jana", "--password", "Sterk-wachtwoord-9", "--role", "social_worker",
                 "--team", "zuid")  # fmt: skip
    call_command("create_staff", "jana", "--role", "admin", "--role", "dpo", "--team", "noord")

    user = User.objects.get(username="jana")
    assert User.objects.filter(username="jana").count() == 1
    assert user.roles == ["admin", "dpo"]
    assert user.team.code == "noord"
    assert user.is_staff and user.is_superuser
    assert user.check_password("Sterk-wachtwoord-9")  # no --password: the password stays
    assert set(Team.objects.values_list("code", flat=True)) == {"zuid", "noord"}


def test_create_staff_reuses_an_existing_team(db, team):
    call_command("create_staff", "jana", "--password", "Sterk-wachtwoord-9", "--role", "social_worker",
                 "--team", "centrum")  # fmt: skip

    assert User.objects.get(username="jana").team == team
    assert Team.objects.count() == 1


def test_create_staff_rejects_an_unknown_role(db):
    with pytest.raises(CommandError, match="tovenaar"):
        call_command("create_staff", "jana", "--password", "x", "--role", "tovenaar")

    assert not User.objects.filter(username="jana").exists()


def test_create_staff_requires_a_role(db):
    with pytest.raises(CommandError):
        call_command("create_staff", "jana", "--password", "x")

    assert not User.objects.exists()


def test_create_staff_prints_what_it_did(db, capsys):
    call_command("create_staff", "jana", "--password", "x", "--role", "intake_officer", "--team", "zuid")

    assert capsys.readouterr().out.strip() == "jana: intake_officer in team zuid"


def test_created_staff_can_get_a_token(api, db):
    call_command("create_staff", "jana", "--password", "Sterk-wachtwoord-9", "--role", "intake_officer")

    response = api().post(TOKEN_URL, {"username": "jana", "password": "Sterk-wachtwoord-9"}, format="json")

    assert response.status_code == 200
    assert response.data["token"]
