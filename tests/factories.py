import datetime

import factory

from accounts.models import Team, User
from clients.models import Client, HouseholdMember
from clients.rules import search_text


def make_insz(birth_date: datetime.date, serial: int) -> str:
    """A valid rijksregisternummer for a birth date and a serial (odd: male, even: female)."""
    base = f"{birth_date:%y%m%d}{serial:03d}"
    number = int(("2" if birth_date.year >= 2000 else "") + base)
    return f"{base}{97 - number % 97:02d}"


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
