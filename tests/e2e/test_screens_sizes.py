"""The worker's four main screens at a desktop's 1366 px and a tablet's 768 px (issue 12): nothing cut off, no
horizontal scroll, text fields wide enough to read; the screenshots are looked at. And the timeline filters in
the browser: the list is narrowed in place, "Oudere contacten tonen" keeps them."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework.contacts.models import Channel
from tests.factories import (
    AidRequestFactory,
    ContactFactory,
    DossierFactory,
    HelpPlanActionFactory,
    HelpPlanFactory,
    HelpPlanGoalFactory,
    HouseholdMemberFactory,
    InquiryFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.e2e

WIDTHS = {"1366": {"width": 1366, "height": 900}, "768": {"width": 768, "height": 1024}}


@pytest.fixture
def sofie():
    team = TeamFactory(code="centrum", name="Centrum")
    return UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=team, roles=["social_worker"]
    )


@pytest.fixture
def scene(sofie):
    """Yasmina's dossier as it looks some weeks in: contacts, a request in inquiry, a help plan with goals."""
    dossier = DossierFactory(
        client__first_name="Yasmina",
        client__last_name="El Amrani",
        client__street="Kerkstraat",
        client__house_number="12",
        client__postal_code="9000",
        client__municipality="Gent",
        client__iban="BE68539007547034",
        team=sofie.team,
        social_worker=sofie,
    )
    HouseholdMemberFactory(client=dossier.client, relation="child")
    now = timezone.now()
    for n, channel in enumerate([Channel.PHONE, Channel.HOME_VISIT, Channel.OFFICE] * 4):
        ContactFactory(
            dossier=dossier,
            channel=channel,
            author=sofie,
            summary=f"Contact {n}: "
            + "gesprek over de huur, de energiefactuur en de school van de kinderen " * 2,
            occurred_at=now - datetime.timedelta(days=n),
        )
    inquiry = InquiryFactory(request=AidRequestFactory(dossier=dossier, registered_by=sofie))
    plan = HelpPlanFactory(dossier=dossier, updated_by=sofie)
    for text in (
        "Een stabiel inkomen: het leefloon aanvragen en de schulden in kaart brengen",
        "Huisvesting",
    ):
        goal = HelpPlanGoalFactory(plan=plan, description=text)
        HelpPlanActionFactory(goal=goal, description="Afspraak met het OCMW-loket voor de budgetbegeleiding")
    return dossier, inquiry


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_four_screens_fit_a_desktop_and_a_tablet(page, sofie, scene, log_in, screenshot, width):
    dossier, inquiry = scene
    page.set_viewport_size(WIDTHS[width])
    log_in("sofie")
    screens = {
        "dossier": f"/dossiers/{dossier.pk}/",
        "caseload": "/dossiers/",
        "inquiry": f"/onderzoek/{inquiry.pk}/",
        "help-plan": f"/dossiers/{dossier.pk}/hulpverleningsplan/",
    }
    for name, url in screens.items():
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        screenshot(f"{width}-{name}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"
        # Every text field shows at least ~12 characters (a date, an amount, a name).
        narrow = page.evaluate(
            "() => [...document.querySelectorAll(FIELDS)]"
            "  .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width < 110)"
            "  .map(e => `${e.name}: ${Math.round(e.getBoundingClientRect().width)} px`)".replace(
                "FIELDS", "'main input[type=text], main input:not([type]), main textarea, main select'"
            )
        )
        assert not narrow, f"{name} at {width} px has fields too narrow to read: {narrow}"


def test_the_timeline_is_filtered_in_place_and_paging_keeps_the_filter(page, sofie, log_in, screenshot):
    dossier = DossierFactory(client__first_name="Jonas", client__last_name="Maes", team=sofie.team)
    now = timezone.now()
    for n in range(120):
        ContactFactory(
            dossier=dossier,
            channel=Channel.HOME_VISIT if n % 3 == 0 else Channel.PHONE,
            author=sofie,
            summary=f"Contact nr {n:03d}.",
            occurred_at=now - datetime.timedelta(hours=n),
        )
    log_in("sofie")
    page.goto(f"/dossiers/{dossier.pk}/")
    loads = []
    page.on("load", lambda: loads.append(page.url))

    page.get_by_label("Contactwijze").select_option(label="huisbezoek")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#timeline .timeline__item").first).to_contain_text("Contact nr 000.")
    expect(page.locator("#timeline")).not_to_contain_text("Contact nr 001.")
    expect(page.locator("#timeline .timeline__item")).to_have_count(40)  # 40 home visits: one page
    screenshot("01-home-visits")

    page.get_by_label("Contactwijze").select_option(label="telefoon")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#timeline .timeline__item")).to_have_count(50)
    page.get_by_role("link", name="Oudere contacten tonen").click()
    expect(page.locator("#timeline .timeline__item")).to_have_count(80)  # all 80 phone calls, no home visit
    expect(page.locator("#timeline")).not_to_contain_text("Contact nr 099.")
    screenshot("02-phone-calls-all-pages")
    assert loads == []
