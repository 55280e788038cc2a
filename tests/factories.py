import datetime
import random
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import Team, User
from casework.models import (
    AidRequest,
    BreakGlassAccess,
    CaseConference,
    Channel,
    Contact,
    Debt,
    Dossier,
    HelpPlan,
    HelpPlanAction,
    HelpPlanEvaluation,
    HelpPlanGoal,
    Inquiry,
    InquiryDocument,
    Instalment,
    KszConsultation,
    KszService,
    LeefloonCalculation,
    LeefloonCategory,
    Partner,
    PartnerService,
    PaymentPlan,
    ProblemDomain,
    Referral,
    RequestKind,
)
from casework.register import rules as register_rules
from clients.models import BankAccountChange, Client, HouseholdMember
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


class BankAccountChangeFactory(factory.django.DjangoModelFactory):
    """A change of a person's bank account that nobody of the dossier has seen yet."""

    class Meta:
        model = BankAccountChange

    client = factory.SubFactory(ClientFactory)
    old_iban = ""
    new_iban = "BE68539007547034"
    changed_by = factory.SubFactory(UserFactory)


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


# --- casework -----------------------------------------------------------------------------------------------
# Rows as the services would leave them, for tests that need data around what they test. A test of a service
# calls the service; these only set the scene.


def _worker_of(dossier) -> User:
    """Who wrote a row of the dossier when the test does not say: its social worker, or a colleague of its
    team when it has none."""
    return dossier.social_worker or UserFactory(team=dossier.team)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    team = factory.SubFactory(TeamFactory)
    social_worker = factory.SubFactory(UserFactory, team=factory.SelfAttribute("..team"))
    # Numbers of a year no service gives (the services number from the counter of the current year).
    number = factory.Sequence(lambda n: f"1999-{n % 100000:05d}")

    @factory.post_generation
    def restricted_to(dossier, create, extracted, **kwargs):
        if create and extracted:
            dossier.restricted_to.set(extracted)


class BreakGlassAccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BreakGlassAccess

    dossier = factory.SubFactory(DossierFactory)
    user = factory.SubFactory(UserFactory)
    reason = "collega ziek, dringende vraag"
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=8))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    dossier = factory.SubFactory(DossierFactory)
    channel = Channel.PHONE
    summary = factory.Sequence(lambda n: f"Contact {n}")
    author = factory.LazyAttribute(lambda contact: _worker_of(contact.dossier))


# Register numbers taken by the factory: far above what a test's registrations through the service reach, so
# the RegisterCounter of any year still starts at 000001 for the tests of the register.
FACTORY_REGISTER_SERIALS_FROM = 900_000


class AidRequestFactory(factory.django.DjangoModelFactory):
    """A request in the register, without its inquiry (InquiryFactory adds one)."""

    class Meta:
        model = AidRequest

    dossier = factory.SubFactory(DossierFactory)
    kind = RequestKind.LEEFLOON
    received_on = factory.LazyFunction(timezone.localdate)
    register_year = factory.LazyAttribute(lambda aid_request: aid_request.received_on.year)
    register_serial = factory.Sequence(lambda n: FACTORY_REGISTER_SERIALS_FROM + n % 100_000)
    register_number = factory.LazyAttribute(
        lambda aid_request: register_rules.register_number(
            aid_request.register_year, aid_request.register_serial
        )
    )
    decision_due = factory.LazyAttribute(
        lambda aid_request: register_rules.decision_due(aid_request.received_on)
    )
    forward_due = factory.LazyAttribute(
        lambda aid_request: register_rules.forward_due(aid_request.received_on)
    )
    registered_by = factory.LazyAttribute(lambda aid_request: _worker_of(aid_request.dossier))


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    request = factory.SubFactory(AidRequestFactory)


class InquiryDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InquiryDocument

    inquiry = factory.SubFactory(InquiryFactory)
    name = factory.Sequence(lambda n: f"Document {n}")


class KszConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KszConsultation

    dossier = factory.SubFactory(DossierFactory)
    service = KszService.INCOME
    purpose = "Nagaan van de inkomsten voor het leefloon"
    consulted_by = factory.LazyAttribute(lambda consultation: _worker_of(consultation.dossier))


class LeefloonCalculationFactory(factory.django.DjangoModelFactory):
    """A stored calculation of category 2 without resources (the amounts of the rate of 1 February 2025)."""

    class Meta:
        model = LeefloonCalculation

    inquiry = factory.SubFactory(InquiryFactory)
    category = LeefloonCategory.SINGLE
    reference_date = datetime.date(2025, 6, 1)
    rate_valid_from = datetime.date(2025, 2, 1)
    inputs = factory.LazyAttribute(
        lambda calculation: {
            "category": calculation.category,
            "reference_date": calculation.reference_date.isoformat(),
            "resources": [],
        }
    )
    lines = factory.LazyFunction(lambda: [{"label": "Leefloon per maand", "amount": "1314.20"}])
    yearly_amount = Decimal("15770.40")
    monthly_amount = Decimal("1314.20")
    created_by = factory.LazyAttribute(lambda calculation: _worker_of(calculation.inquiry.request.dossier))


class HelpPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpPlan

    dossier = factory.SubFactory(DossierFactory)
    updated_by = factory.LazyAttribute(lambda plan: _worker_of(plan.dossier))


class HelpPlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpPlanGoal

    plan = factory.SubFactory(HelpPlanFactory)
    domain = ProblemDomain.INCOME
    description = factory.Sequence(lambda n: f"Doel {n}")
    priority = factory.Sequence(lambda n: n + 1)


class HelpPlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpPlanAction

    goal = factory.SubFactory(HelpPlanGoalFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner = "cliënt"


class HelpPlanEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpPlanEvaluation

    plan = factory.SubFactory(HelpPlanFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    summary = "Evaluatie met de cliënt"
    author = factory.LazyAttribute(lambda evaluation: _worker_of(evaluation.plan.dossier))


class CaseConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseConference
        skip_postgeneration_save = True

    dossier = factory.SubFactory(DossierFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    agreements = factory.Sequence(lambda n: f"Afspraak {n}")
    author = factory.LazyAttribute(lambda conference: _worker_of(conference.dossier))

    @factory.post_generation
    def internal_participants(conference, create, extracted, **kwargs):
        if create and extracted:
            conference.internal_participants.set(extracted)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n:04d}")


class PartnerServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerService

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Dienst {n}")


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    dossier = factory.SubFactory(DossierFactory)
    partner = factory.SubFactory(PartnerFactory)
    reason = "Zoekt een betaalbare woning"
    created_by = factory.LazyAttribute(lambda referral: _worker_of(referral.dossier))


class DebtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Debt

    dossier = factory.SubFactory(DossierFactory)
    creditor = factory.Sequence(lambda n: f"Schuldeiser {n:04d}")
    amount = Decimal("1000.00")


class PaymentPlanFactory(factory.django.DjangoModelFactory):
    """A plan without its instalments (InstalmentFactory adds them; the service computes a schedule)."""

    class Meta:
        model = PaymentPlan

    debt = factory.SubFactory(DebtFactory)
    instalment_amount = Decimal("100.00")
    first_due_on = datetime.date(2024, 1, 31)


class InstalmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instalment

    plan = factory.SubFactory(PaymentPlanFactory)
    due_on = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    amount = factory.SelfAttribute("plan.instalment_amount")
