"""Journey 5: Karim screens Yasmina (→ social activation), starts the trajectory, records the volunteer work,
concludes the GPMI within three months, records an evaluation and sees his board update; Sofie sees each step
on the dossier timeline."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activation.models import Gpmi, Trajectory
from tests.factories import ClientFactory, DossierFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def people():
    team = TeamFactory(code="centrum", name="Centrum")
    sofie = UserFactory(
        username="sofie", first_name="Sofie", last_name="Peeters", team=team, roles=["social_worker"]
    )
    karim = UserFactory(
        username="karim", first_name="Karim", last_name="Bouzid", team=team, roles=["activation_coach"]
    )
    yasmina = ClientFactory(first_name="Yasmina", last_name="El Amrani")
    dossier = DossierFactory(client=yasmina, team=team, social_worker=sofie, activation_coach=karim)
    return sofie, karim, dossier


def test_towards_work(page, log_in, screenshot, people):
    sofie, karim, dossier = people
    today = timezone.localdate()
    log_in("karim")

    # The screening: Dutch is good, no care needs, but no recent work experience → social activation.
    page.goto("/dossiers/")
    page.get_by_role("link", name="El Amrani").click()
    page.get_by_role("link", name="Activering: screening, traject en GPMI").click()
    page.get_by_role("group", name=re.compile(r"^1\.")).get_by_label("nee", exact=True).check()
    page.get_by_role("group", name=re.compile(r"^2\.")).get_by_label("nee", exact=True).check()
    page.get_by_role("group", name=re.compile(r"^3\.")).get_by_label("ja", exact=True).check()
    page.get_by_role("button", name="Screening bewaren").click()
    expect(page.get_by_role("status")).to_contain_text("Sociale activering")
    screenshot("01-screened")

    # The trajectory starts in the phase the screening chose, with Karim as coach.
    expect(page.get_by_label(re.compile(r"^Fase\b"))).to_have_value("social_activation")
    page.get_by_role("button", name="Traject starten").click()
    expect(page.get_by_role("heading", name="Traject van Yasmina")).to_be_visible()
    trajectory = Trajectory.objects.get(dossier=dossier)

    # The volunteer work at the community restaurant.
    page.get_by_label(re.compile(r"^Maatregel\b")).select_option("volunteer_work")
    page.get_by_label("Partner (organisatie, werkgever, VDAB)").fill("Sociaal restaurant De Lepel")
    page.get_by_role("button", name="Maatregel bewaren").click()
    expect(page.get_by_text("Sociaal restaurant De Lepel")).to_be_visible()

    # The GPMI, within three months of the leefloon decision.
    granted = today - datetime.timedelta(days=20)
    page.get_by_label("Leefloon toegekend op").fill(granted.isoformat())
    page.get_by_role("button", name="GPMI opmaken").click()
    page.get_by_role("link", name="GPMI openen").click()
    page.get_by_label("Sociale balans").fill(
        "Alleenstaande moeder van twee; Nederlands goed; geen recente werkervaring."
    )
    page.get_by_label("Doelen").fill("Werkervaring opdoen.")
    page.get_by_label("Engagementen van de cliënt").fill("Twee voormiddagen per week vrijwilligerswerk.")
    page.get_by_label("Engagementen van het OCMW").fill("Maandelijkse begeleiding, hulp bij kinderopvang.")
    page.get_by_label("Ondertekend op").fill(today.isoformat())
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("ondertekend", exact=True)).to_be_visible()
    assert Gpmi.objects.get(dossier=dossier).status == "signed"

    # An evaluation, in person.
    page.get_by_label("Samenvatting").fill("Vrijwilligerswerk loopt goed.")
    page.get_by_role("button", name="Evaluatie bewaren").click()
    expect(page.get_by_text("Vrijwilligerswerk loopt goed.")).to_be_visible()
    screenshot("02-gpmi")

    # The board shows her, with the next monitoring contact and the GPMI evaluation.
    page.goto("/activering/")
    row = page.get_by_role("row").filter(has_text="El Amrani")
    expect(row).to_contain_text("Sociale activering")
    expect(row).to_contain_text("vrijwilligerswerk")
    expect(row).to_contain_text("evaluatie tegen")
    trajectory.refresh_from_db()
    expect(row).to_contain_text(trajectory.next_monitoring_due.strftime("%d/%m/%Y"))
    screenshot("03-board")

    # Sofie sees each step on the dossier timeline.
    page.context.clear_cookies()
    log_in("sofie")
    page.goto(f"/dossiers/{dossier.pk}/")
    for step in ("Screening activering", "Activeringstraject gestart", "Maatregel: vrijwilligerswerk",
                 "GPMI ondertekend", "Evaluatie GPMI"):  # fmt: skip
        expect(page.get_by_text(step).first).to_be_visible()
    screenshot("04-timeline")


def test_a_warning_then_a_sanction_the_committee_takes_over(page, log_in, screenshot, people):
    """Yasmina no longer comes to her GPMI appointments: Karim gives a formal warning, then proposes a
    sanction; Sofie follows the link to the committee's page of the dossier and hands it over, after offering
    a hearing."""
    from activation import services

    sofie, karim, dossier = people
    today = timezone.localdate()
    signed = today - datetime.timedelta(days=100)
    gpmi = services.gpmi_create(
        actor=karim, dossier=dossier, kind="standard", leefloon_granted_on=signed, signed_on=signed,
        social_balance="Sociale balans.", client_commitments="Komt naar de afspraken.",
        ocmw_commitments="Maandelijkse begeleiding.",
    )  # fmt: skip
    log_in("karim")
    page.goto(f"/activering/gpmi/{gpmi.pk}/")
    page.get_by_label("Reden van de verwittiging").fill("Drie keer zonder bericht niet op de afspraak.")
    page.get_by_role("button", name="Verwittiging bewaren").click()
    expect(page.get_by_text("Drie keer zonder bericht niet op de afspraak.").first).to_be_visible()
    page.get_by_label("Schorsing van het leefloon").select_option("1")
    page.get_by_label("Motivering voor het comité").fill("Na de verwittiging opnieuw niet gekomen.")
    page.get_by_role("button", name="Sanctievoorstel bewaren").click()
    expect(page.get_by_role("link", name="Voorleggen aan het BCSD")).to_be_visible()
    screenshot("05-sanction-proposed")

    page.context.clear_cookies()
    log_in("sofie")
    page.goto(f"/activering/gpmi/{gpmi.pk}/")
    page.get_by_role("link", name="Voorleggen aan het BCSD").click()
    expect(page.get_by_role("heading", name="Sanctievoorstellen GPMI")).to_be_visible()
    page.get_by_label("Hoorrecht schriftelijk aangeboden op").fill(today.strftime("%d/%m/%Y"))
    screenshot("06-committee-page")
    page.get_by_role("button", name="Voorleggen aan het BCSD").click()
    expect(page.get_by_text("sanctie GPMI").first).to_be_visible()
    expect(page.get_by_role("heading", name="Sanctievoorstellen GPMI")).to_have_count(0)
    screenshot("07-sanction-submitted")
