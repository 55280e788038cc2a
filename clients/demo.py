"""About fifty persons with valid INSZ and IBAN numbers, Flemish addresses and households (Faker nl_BE)."""

import datetime
import random

from faker import Faker

from accounts.models import User
from clients.models import Client
from clients.rules import insz_for
from clients.services import client_register, household_replace

PLACES = [("3000", "Leuven"), ("3010", "Kessel-Lo"), ("3001", "Heverlee"), ("3012", "Wilsele"),
          ("3070", "Kortenberg"), ("3020", "Herent"), ("3018", "Wijgmaal")]  # fmt: skip
NATIONALITIES = ["BE"] * 6 + ["MA", "TR", "NL", "PL", "RO", "SY", "AF", "CD"]
LANGUAGES = {"BE": "Nederlands", "MA": "Arabisch", "TR": "Turks", "NL": "Nederlands", "PL": "Pools",
             "RO": "Roemeens", "SY": "Arabisch", "AF": "Dari", "CD": "Frans"}  # fmt: skip
BANKS = ["001", "063", "068", "310", "363", "735", "751", "973"]


def belgian_iban(bank: str, account: int) -> str:
    """A Belgian IBAN: 3-digit bank code + 7 digits, national check mod 97 (0 → 97), then the IBAN check."""
    ten = f"{bank}{account:07d}"
    national = f"{ten}{int(ten) % 97 or 97:02d}"
    check = 98 - int(f"{national}111400") % 97  # "BE00" moved to the end, letters as numbers
    return f"BE{check:02d}{national}"


def seed(stdout) -> None:
    registrar = User.objects.get(username="ines")
    fake = Faker("nl_BE")
    fake.seed_instance(2026)
    rng = random.Random(2026)
    people = [("Jasmina", "Elamrani", datetime.date(1992, 3, 4), "f")]  # journey 1's possible duplicate
    for _ in range(49):
        gender = rng.choice("mf")
        first = fake.first_name_male() if gender == "m" else fake.first_name_female()
        people.append((first, fake.last_name(), fake.date_of_birth(minimum_age=18, maximum_age=80), gender))
    created = []
    for index, (first, last, birth_date, gender) in enumerate(people):
        if Client.objects.filter(first_name=first, last_name=last, birth_date=birth_date).exists():
            continue
        serial = 2 * (index + 1) + (1 if gender == "m" else 0)
        bis_offset = 40 if index % 13 == 12 else 0  # a few BIS numbers (month + 40)
        insz = None if index % 17 == 16 else insz_for(birth_date, serial, bis_offset=bis_offset)
        nationality = rng.choice(NATIONALITIES)
        postal_code, municipality = rng.choice(PLACES)
        registration = client_register(
            actor=registrar,
            first_name=first,
            last_name=last,
            birth_date=birth_date,
            insz=insz,
            gender=gender,
            nationality=nationality,
            language=LANGUAGES[nationality],
            street=fake.street_name(),
            house_number=str(rng.randint(1, 180)),
            postal_code=postal_code,
            municipality=municipality,
            phone=f"04{rng.randint(70, 99)} " + " ".join(str(rng.randint(10, 99)) for _ in range(3)),
            iban=belgian_iban(rng.choice(BANKS), rng.randint(1, 9_999_999)) if index % 5 else "",
        )
        created.append(registration.client)
    # Households over time: partners living together, and partnerships that ended last year.
    for index in range(0, min(len(created), 24) - 1, 4):
        client, partner = created[index], created[index + 1]
        ended = index % 8 == 4
        member = {"member_id": partner.pk, "relation": "partner", "from_date": datetime.date(2015, 6, 1)}
        if ended:
            member["to_date"] = datetime.date(2025, 9, 30)
        household_replace(actor=registrar, client=client, members=[member])
    stdout.write(f"Cliënten: {Client.objects.count()}")
