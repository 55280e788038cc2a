"""`manage.py create_staff` (api.md, Operations outside HTTP): how an OCMW gets its staff and teams."""

from base64 import b32decode

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    call_command("create_staff", "jana", "--password", "Sterk-wachtwoord-9", "--role", "intake_officer",
                 "--team", "zuid")  # fmt: skip

    assert capsys.readouterr().out.strip() == "jana: intake_officer in team zuid"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-1", "Dit wachtwoord is te kort: het moet minstens 12 tekens bevatten."),
        ("123456789012", "Dit wachtwoord bevat alleen cijfers."),
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("jana.peeters-", "Het wachtwoord lijkt te veel op de e-mailadres."),
    ],
)
def test_create_staff_runs_the_password_rules_in_dutch(db, password, message):
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("create_staff", "jana", "--password", password, "--role", "social_worker",
                     "--email", "jana.peeters@ocmw.be")  # fmt: skip

    assert not User.objects.filter(username="jana").exists()


def test_create_staff_registers_a_totp_device_and_the_token_endpoint_asks_for_its_code(api, db, capsys):
    secret = "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"  # as an authenticator app shows it
    call_command("create_staff", "marc", "--password", "Sterk-wachtwoord-9", "--role", "committee_member",
                 "--totp-secret", secret)  # fmt: skip

    assert capsys.readouterr().out.strip() == "marc: committee_member, TOTP device registered"
    device = TOTPDevice.objects.get(user__username="marc")
    assert device.confirmed
    payload = {"username": "marc", "password": "Sterk-wachtwoord-9"}
    assert set(api().post(TOKEN_URL, payload, format="json").data) == {"otp"}
    code = TOTP(b32decode(secret.replace(" ", ""))).token()
    response = api().post(TOKEN_URL, {**payload, "otp": f"{code:06d}"}, format="json")
    assert response.status_code == 200


def test_a_second_totp_secret_replaces_the_first(db):
    call_command("create_staff", "marc", "--role", "committee_member", "--totp-secret", "JBSWY3DPEHPK3PXP")
    call_command("create_staff", "marc", "--role", "committee_member", "--totp-secret", "KRSXG5CTMVRXEZLU")

    assert list(TOTPDevice.objects.filter(user__username="marc").values_list("key", flat=True)) == [
        b32decode("KRSXG5CTMVRXEZLU").hex()
    ]


@pytest.mark.parametrize("secret", ["geen-base32!", "JBSWY3DP"])
def test_create_staff_refuses_a_bad_totp_secret_and_creates_nobody(db, secret):
    with pytest.raises(CommandError, match="TOTP-geheim"):
        call_command("create_staff", "marc", "--password", "Sterk-wachtwoord-9", "--role", "committee_member",
                     "--totp-secret", secret)  # fmt: skip

    assert not User.objects.filter(username="marc").exists()


def test_created_staff_can_get_a_token(api, db):
    call_command("create_staff", "jana", "--password", "Sterk-wachtwoord-9", "--role", "intake_officer")

    response = api().post(TOKEN_URL, {"username": "jana", "password": "Sterk-wachtwoord-9"}, format="json")

    assert response.status_code == 200
    assert response.data["token"]
