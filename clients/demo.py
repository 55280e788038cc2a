"""Fifty persons of a Flemish town's social service, with households (Faker nl_BE/fr_BE, fixed seed).

Valid INSZ numbers (the "2" before the nine digits for births from 2000 on), a few BIS numbers, two newcomers
without one; Flemish addresses with their real postal codes; Belgian IBANs with both checks computed.
Journey 1's possible duplicate, Jasmina Elamrani (04/03/1992), is here; Yasmina El Amrani is not: the journey
registers her. The persons do not depend on the day the command runs, so a second run (even a month later)
finds every one of them and writes nothing.
"""

import datetime
import random
from dataclasses import dataclass
from functools import cache

from faker import Faker

from accounts.demo import staff
from clients.models import Client, HouseholdMember
from clients.rules import fold, insz_for
from clients.services import client_register, household_replace

SEED = 2026
JASMINA = ("Jasmina", "Elamrani", datetime.date(1992, 3, 4))

STREETS = {
    ("3000", "Leuven"): ["Diestsestraat", "Tiensestraat", "Brusselsestraat", "Naamsestraat", "Mechelsestraat",
                         "Vaartstraat", "Ridderstraat", "Parijsstraat"],
    ("3001", "Heverlee"): ["Naamsesteenweg", "Geldenaaksebaan", "Waversebaan", "Kardinaal Mercierlaan"],
    ("3010", "Kessel-Lo"): ["Diestsesteenweg", "Koning Albertlaan", "Tiensesteenweg", "Martelarenlaan"],
    ("3012", "Wilsele"): ["Aarschotsesteenweg", "Kolonel Begaultlaan"],
    ("3018", "Wijgmaal"): ["Remylaan", "Kerkstraat"],
    ("3020", "Herent"): ["Wilselsesteenweg", "Stationsstraat", "Kerkstraat"],
    ("3070", "Kortenberg"): ["Leuvensesteenweg", "Stationsstraat", "Dorpsstraat"],
}  # fmt: skip
# Who comes to the counter: mostly Belgians, and the newcomers of a university town.
ORIGINS = {
    # nationality: (language, male first names, female first names, last names), names separated by "|".
    "MA": ("Arabisch", "Mohamed|Youssef|Hamza|Bilal", "Fatima|Salma|Khadija|Imane",
           "Benali|El Idrissi|Boukhari|Azzouzi|El Khattabi"),
    "TR": ("Turks", "Mehmet|Emre|Burak", "Ayşe|Elif|Zeynep", "Yıldız|Öztürk|Çelik|Şahin"),
    "PL": ("Pools", "Łukasz|Piotr|Tomasz", "Agnieszka|Katarzyna|Magda", "Nowak|Wójcik|Mazur"),
    "RO": ("Roemeens", "Andrei|Mihai|Ionuț", "Elena|Ioana|Andreea", "Popescu|Ionescu|Constantin"),
    "SY": ("Arabisch", "Ahmad|Omar|Khaled", "Rania|Lina|Noor", "Haddad|Khoury|Al Hamwi"),
    "AF": ("Dari", "Farid|Jawad|Ahmad Shah", "Mariam|Zahra|Parwana", "Rahimi|Ahmadi|Noori"),
    "ER": ("Tigrinya", "Yonas|Dawit|Samuel", "Helen|Senait|Ruth", "Tesfaye|Haile|Gebremedhin"),
    "UA": ("Oekraïens", "Oleksandr|Dmytro", "Olena|Iryna", "Shevchenko|Kovalenko|Bondarenko"),
    "CD": ("Frans", "Patrick|Jean-Pierre|Christian", "Grâce|Nathalie|Esther",
           "Mbala|Kabongo|Tshibanda|Mukendi"),
}  # fmt: skip
# Belgians and Dutch get Faker's Belgian names (a few French-speaking Belgians among them).
FAKER_ORIGINS = {"BE", "NL"}
# (origin of the family, partner: None / "living" / "ended", number of children)
FAMILIES = [("BE", "ended", 2), ("MA", "living", 1), ("BE", "living", 3), ("TR", "ended", 1),
            ("SY", "living", 2), ("BE", None, 1)]  # fmt: skip
SINGLE_ORIGINS = ["BE"] * 15 + ["NL", "MA", "MA", "TR", "PL", "RO", "RO", "CD"]
WITH_BIS_NUMBER = ["SY", "AF", "ER"]  # not (yet) in the national register: a BIS number, month + 40
WITHOUT_INSZ = ["UA", "CD"]  # arrived last week, no number known yet
BANK_CODES = ["001", "063", "068", "310", "363", "735", "751", "973", "083", "103"]
MAIL_DOMAINS = ["telenet.be", "proximus.be", "gmail.com", "hotmail.com", "outlook.be"]


@dataclass(frozen=True)
class DemoPerson:
    first_name: str
    last_name: str
    birth_date: datetime.date
    gender: str
    insz: str | None
    identity: dict  # what else client_register records: nationality, language, address, phone, e-mail, IBAN
    is_child: bool = False


@dataclass(frozen=True)
class DemoHousehold:
    head: int  # index in people
    members: tuple[tuple[int, str, datetime.date, datetime.date | None], ...]  # (index, relation, from, to)


def belgian_iban(bank_code: str, account: int) -> str:
    """A Belgian IBAN: 3-digit bank code and 7 digits, national check = those 10 digits mod 97 (0 → 97),
    then the IBAN check: 98 − (BBAN + "BE00" with letters as numbers, B=11 E=14) mod 97."""
    ten = f"{bank_code}{account:07d}"
    bban = f"{ten}{int(ten) % 97 or 97:02d}"
    return f"BE{98 - int(f'{bban}111400') % 97:02d}{bban}"


def _years_after(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


class _Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.dutch = Faker("nl_BE")
        self.dutch.seed_instance(SEED)
        self.french = Faker("fr_BE")
        self.french.seed_instance(SEED)
        self.people: list[DemoPerson] = []
        self.names_used: set[tuple[str, str]] = set()

    def date_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        while True:
            day = first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))
            if day != JASMINA[2]:  # she alone has that birth date: the duplicate warning shows her only
                return day

    def name(self, origin: str, gender: str, family_name: str | None = None) -> tuple[str, str, str]:
        """First name, last name and language; never journey 1's Yasmina El Amrani (nor a second Jasmina)."""
        while True:
            if origin in FAKER_ORIGINS:
                french = origin == "BE" and self.rng.random() < 0.15
                fake = self.french if french else self.dutch
                first = fake.first_name_male() if gender == "m" else fake.first_name_female()
                last, language = fake.last_name(), "Frans" if french else "Nederlands"
            else:
                language, males, females, last_names = ORIGINS[origin]
                first = self.rng.choice((males if gender == "m" else females).split("|"))
                last = self.rng.choice(last_names.split("|"))
            last = family_name or last
            journey_1 = fold(first) in {"yasmina", "jasmina"} or "amrani" in fold(last).replace(" ", "")
            if not journey_1 and (first, last) not in self.names_used:
                self.names_used.add((first, last))
                return first, last, language

    def address(self) -> dict:
        (postal_code, municipality), streets = self.rng.choice(list(STREETS.items()))
        return {
            "street": self.rng.choice(streets),
            "house_number": str(self.rng.randint(1, 220)),
            "box": str(self.rng.randint(1, 4)) if self.rng.random() < 0.2 else "",
            "postal_code": postal_code,
            "municipality": municipality,
        }

    def contact(self, first: str, last: str, *, adult: bool) -> dict:
        if not adult:
            return {"phone": "", "email": "", "iban": ""}
        roll = self.rng.random()
        if roll < 0.7:
            phone = f"04{self.rng.randint(60, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)} "
            phone += f"{self.rng.randint(10, 99)}"
        elif roll < 0.85:
            phone = f"016 {self.rng.randint(20, 99)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"
        else:
            phone = ""
        email = ""
        if self.rng.random() < 0.4:
            local_part = f"{fold(first)}.{fold(last)}".replace(" ", "")
            email = f"{local_part}@{self.rng.choice(MAIL_DOMAINS)}"
        iban = ""
        if self.rng.random() < 0.8:
            iban = belgian_iban(self.rng.choice(BANK_CODES), self.rng.randint(1, 9_999_999))
        return {"phone": phone, "email": email, "iban": iban}

    def add(
        self, first, last, birth_date, gender, origin, language, address, *, number="nn", child=False
    ) -> int:
        index = len(self.people)
        # A serial per person, odd for men and even for women, so no two demo numbers can collide.
        serial = 2 * (index + 1) + (1 if gender == "m" else 0)
        if number == "nn":
            insz = insz_for(birth_date, serial)
        elif number == "bis":
            insz = insz_for(birth_date, serial, bis_offset=40)
        else:
            insz = None
        identity = {
            "gender": gender,
            "nationality": origin,
            "language": language,
            **address,
            **self.contact(first, last, adult=not child),
        }
        self.people.append(DemoPerson(first, last, birth_date, gender, insz, identity, is_child=child))
        return index

    def person(self, origin, gender, born_from, born_to, *, number="nn", address=None) -> int:
        first, last, language = self.name(origin, gender)
        birth_date = self.date_between(born_from, born_to)
        return self.add(
            first, last, birth_date, gender, origin, language, address or self.address(), number=number
        )

    def generate(self) -> tuple[list[DemoPerson], list[DemoHousehold]]:
        first, last, birth_date = JASMINA
        self.add(first, last, birth_date, "f", "BE", "Nederlands", self.address())
        households = []
        for origin, partner, children in FAMILIES:
            home = self.address()
            head = self.person(
                origin, "f", datetime.date(1980, 1, 1), datetime.date(1992, 12, 31), address=home
            )
            head_born = self.people[head].birth_date
            # Together from her twenties; the children were born later, all of them minors today.
            together_from = self.date_between(_years_after(head_born, 20), _years_after(head_born, 24))
            members = []
            family_name = self.people[head].last_name
            if partner:
                ended_on = self.date_between(datetime.date(2024, 1, 1), datetime.date(2026, 6, 30))
                mate = self.person(
                    origin, "m", _years_after(head_born, -6), _years_after(head_born, 3),
                    address=home if partner == "living" else self.address(),
                )  # fmt: skip
                members.append((mate, "partner", together_from, ended_on if partner == "ended" else None))
                family_name = self.people[mate].last_name
            for _ in range(children):
                gender = self.rng.choice("mf")
                child_first, _last, _language = self.name(origin, gender, family_name)
                language = self.people[head].identity["language"]
                born = self.date_between(
                    max(_years_after(together_from, 1), datetime.date(2009, 1, 1)),
                    datetime.date(2023, 12, 31),
                )
                child = self.add(child_first, family_name, born, gender, origin, language, home, child=True)
                members.append((child, "child", born, None))
            households.append(DemoHousehold(head, tuple(members)))
        origins = SINGLE_ORIGINS[:]
        self.rng.shuffle(origins)
        for number, group in (("bis", WITH_BIS_NUMBER), (None, WITHOUT_INSZ)):
            origins += [(origin, number) for origin in group]
        for position, entry in enumerate(origins):
            origin, number = entry if isinstance(entry, tuple) else (entry, "nn")
            if position % 6 == 5:  # young adults, born from 2000 on
                born_from, born_to = datetime.date(2000, 1, 1), datetime.date(2007, 6, 30)
            else:
                born_from, born_to = datetime.date(1946, 1, 1), datetime.date(1999, 12, 31)
            self.person(origin, self.rng.choice("mf"), born_from, born_to, number=number)
        return self.people, households


@cache
def demo_people() -> tuple[list[DemoPerson], list[DemoHousehold]]:
    """The demo's persons and households: the same on every run and every day."""
    return _Generator().generate()


def find(person: DemoPerson) -> Client | None:
    """The registered client for a demo person: by INSZ, or by name and birth date."""
    by_name = Client.objects.filter(
        first_name=person.first_name, last_name=person.last_name, birth_date=person.birth_date
    )
    if person.insz:
        return Client.objects.filter(insz=person.insz).first() or by_name.first()
    return by_name.first()


def demo_adults() -> list[Client]:
    """The registered adult demo persons other than Jasmina, heads of households first: the casework demo
    opens their dossiers."""
    people, households = demo_people()
    heads = [household.head for household in households]
    members = {index for household in households for index, *_ in household.members}
    order = heads + [index for index in range(1, len(people)) if index not in heads and index not in members]
    return [client for index in order if (client := find(people[index])) is not None]


def demo_family_heads() -> list[Client]:
    """The registered demo persons who head a household (a mother, her children, perhaps a partner)."""
    people, households = demo_people()
    return [client for household in households if (client := find(people[household.head])) is not None]


def seed(stdout) -> None:
    registrar = staff("ines")
    people, households = demo_people()
    clients, created = [], 0
    for person in people:
        client = find(person)
        if client is None:
            client = client_register(
                actor=registrar,
                first_name=person.first_name,
                last_name=person.last_name,
                birth_date=person.birth_date,
                insz=person.insz,
                **person.identity,
            ).client
            created += 1
        clients.append(client)
    households_created = 0
    for household in households:
        head = clients[household.head]
        if HouseholdMember.objects.filter(client=head).exists():
            continue  # composed already (by an earlier run or by a user of the demo): leave it
        household_replace(
            actor=registrar,
            client=head,
            members=[
                {"member_id": clients[index].pk, "relation": relation, "from_date": start, "to_date": end}
                for index, relation, start, end in household.members
            ],
        )
        households_created += 1
    stdout.write(
        f"clients: {created} persons and {households_created} households created "
        f"({Client.objects.count()} persons in all)"
    )
