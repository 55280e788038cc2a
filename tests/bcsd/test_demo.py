from io import StringIO

from accounts import demo as accounts_demo
from accounts.models import Team
from bcsd import demo
from bcsd.models import Decision, Meeting
from tests.factories import DossierFactory, UserFactory


def test_the_demo_holds_a_meeting_with_decisions_and_plans_one_with_its_agenda_sent(db):
    # (seed_demo as a whole stops earlier on main: the clients' demo composes households before any dossier.)
    accounts_demo.seed(StringIO())
    centrum = Team.objects.get(code="centrum")
    for number in range(3):
        DossierFactory(
            team=centrum,
            social_worker=UserFactory(team=centrum, roles=["social_worker"]),
            number=f"2026-0000{number}",
        )

    demo.seed(StringIO())
    demo.seed(StringIO())  # idempotent

    held, planned = Meeting.objects.order_by("date")
    assert (held.status, planned.status) == ("held", "agenda_published")
    assert Decision.objects.filter(agenda_item__meeting=held).count() == 2
    assert Decision.objects.filter(notified_on__isnull=False).count() == 1
    assert planned.items.count() == 1 and not planned.items.get().late
