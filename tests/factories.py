import datetime
import random

import factory

from accounts.models import Team, User
from clients.models import Client, HouseholdMember
from clients.rules import insz_for, search_text


def make_insz(birth_date: datetime.date, serial: int) -> str:
    """A valid rijksregisternummer for a birth date and a serial (odd: male, even: female)."""
    return insz_for(birth_date, serial)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"team-{n}")
    name = factory.LazyAttribute(lambda team: team.code.title())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    team = factory.SubFactory(TeamFactory)
    roles = factory.LazyFunction(lambda: ["social_worker"])
    password = factory.PostGenerationMethodCall("set_password", "Geheim-wachtwoord-1")

    @factory.post_generation
    def _save(user, create, extracted, **kwargs):
        if create:
            user.save()


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)
    insz = factory.LazyAttributeSequence(lambda client, n: make_insz(client.birth_date, n % 997 + 1))
    search_text = factory.LazyAttribute(lambda client: search_text(client.first_name, client.last_name))


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    client = factory.SubFactory(ClientFactory)
    member = factory.SubFactory(ClientFactory)
    relation = "child"
    from_date = factory.LazyFunction(datetime.date.today)


# Names heard at a Flemish social service desk beyond the Faker lists: with the particles, accents and letters
# (ı, ł, ç) that the search must fold.
_MORE_LAST_NAMES = [
    "El Amrani", "Benali", "El Idrissi", "Yıldız", "Öztürk", "Kowalski", "Wójcik", "Nowak", "Van den Broeck",
    "De Smet", "D'Hondt", "Van Damme", "Çelik", "Şahin", "Diallo", "Mbala", "Popescu", "Ivanova",
]  # fmt: skip
_MORE_FIRST_NAMES = ["Yasmina", "Mohamed", "Ayşe", "Łukasz", "Fatima", "Mehmet", "Élodie", "Aïcha", "Zoë"]


def bulk_create_persons(count: int, *, first: int = 0, seed: int = 97) -> list[Client]:
    """`count` persons with realistic Belgian names and unique valid INSZ, inserted in batches; call again
    with `first` past the previous ones to add more. Test data only: bulk_create skips the history."""
    from faker.providers.person.fr_BE import Provider as FrenchNames
    from faker.providers.person.nl_BE import Provider as DutchNames

    chance = random.Random(seed)
    first_names = [*DutchNames.first_names, *FrenchNames.first_names, *_MORE_FIRST_NAMES]
    last_names = [*DutchNames.last_names, *FrenchNames.last_names, *_MORE_LAST_NAMES]
    persons = []
    for i in range(first, first + count):
        # Every (birth date, serial) pair once: a unique and valid INSZ for each person.
        birth_date = datetime.date(1930, 1, 1) + datetime.timedelta(days=i % 27_000)
        first_name, last_name = chance.choice(first_names), chance.choice(last_names)
        persons.append(
            Client(
                first_name=first_name,
                last_name=last_name,
                birth_date=birth_date,
                insz=make_insz(birth_date, i // 27_000 + 1),
                search_text=search_text(first_name, last_name),
            )
        )
    return Client.objects.bulk_create(persons, batch_size=2_000)
