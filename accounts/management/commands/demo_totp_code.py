import time

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from accounts.demo import DEMO_TOTP_SECRET
from accounts.services import totp_key_from_base32


class Command(BaseCommand):
    help = (
        "Print the current code of the demo TOTP secret (the second factor of the demo logins of seed_demo), "
        "for trying the demo without an authenticator app. It knows only the published demo secret."
    )

    def handle(self, *args, **options):
        totp = TOTP(totp_key_from_base32(DEMO_TOTP_SECRET))
        now = time.time()
        totp.time = now
        seconds_left = 30 - int(now) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for {seconds_left} more seconds, then the next one)")
