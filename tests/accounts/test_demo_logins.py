"""`make run` stays usable with two factors: seed_demo gives the demo logins whose role needs a second factor
the published demo TOTP secret and prints it; demo_totp_code shows its current code."""

from io import StringIO

from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from accounts.services import totp_key_from_base32
from tests.conftest import SignedInClient

WITH_SECOND_FACTOR = ["hilde", "ann", "marc", "pieter", "admin"]


def test_seed_demo_gives_the_roles_that_need_it_the_demo_secret_and_prints_it(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    output = out.getvalue()

    devices = TOTPDevice.objects.filter(confirmed=True)
    assert sorted(devices.values_list("user__username", flat=True)) == sorted(WITH_SECOND_FACTOR)
    assert {device.key for device in devices} == {totp_key_from_base32(DEMO_TOTP_SECRET).hex()}
    assert f"Second factor (TOTP) for {', '.join(WITH_SECOND_FACTOR)}" in output
    assert DEMO_TOTP_SECRET in output and "manage.py demo_totp_code" in output
    assert "sofie" in output and TOTPDevice.objects.filter(user__username="sofie").count() == 0

    call_command("seed_demo", stdout=StringIO())
    assert TOTPDevice.objects.count() == len(WITH_SECOND_FACTOR)  # a second run adds nothing


def test_the_printed_code_signs_a_demo_login_in(db):
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_totp_code", stdout=out)
    code = out.getvalue().split()[0]

    assert code == f"{TOTP(totp_key_from_base32(DEMO_TOTP_SECRET)).token():06d}"
    browser = SignedInClient()
    assert (
        browser.post("/login/", {"username": "pieter", "password": DEMO_PASSWORD})["Location"]
        == "/login/code/"
    )
    assert browser.post("/login/code/", {"code": code})["Location"] == "/"
    assert browser.get("/").status_code == 200
