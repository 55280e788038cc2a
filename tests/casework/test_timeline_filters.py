"""The dossier timeline narrowed to a channel, an author and a period (issue 12), on the page and in the API's
contact list; "Oudere contacten tonen" keeps the filters; a bad date is shown, never a 500."""

import datetime

import pytest
from django.utils import timezone

from casework.contacts.models import Channel
from casework.timeline.services import timeline_event_record
from tests.conftest import api_client_for
from tests.factories import ContactFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def colleague(team):
    return UserFactory(team=team, roles=["social_worker"], first_name="Jan", last_name="Claes")


@pytest.fixture
def timeline(dossier, social_worker, colleague):
    """Five contacts over five days (today's noon backwards) and one event of another app."""
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    made = [
        (Channel.PHONE, social_worker, "Telefoon vandaag"),
        (Channel.HOME_VISIT, colleague, "Huisbezoek gisteren"),
        (Channel.OFFICE, social_worker, "Gesprek eergisteren"),
        (Channel.PHONE, colleague, "Telefoon drie dagen terug"),
        (Channel.EMAIL, social_worker, "Mail vier dagen terug"),
    ]
    for days_ago, (channel, author, summary) in enumerate(made):
        ContactFactory(
            dossier=dossier,
            channel=channel,
            author=author,
            summary=summary,
            occurred_at=noon - datetime.timedelta(days=days_ago),
        )
    timeline_event_record(
        actor=social_worker,
        dossier=dossier,
        kind="bcsd.decision",
        title="Beslissing van het BCSD",
        occurred_at=noon - datetime.timedelta(days=1, hours=1),
    )
    return noon.date()


def _day(today, days_ago) -> str:
    return (today - datetime.timedelta(days=days_ago)).strftime("%d/%m/%Y")


def test_a_channel_shows_only_its_contacts_and_no_events(client, social_worker, dossier, timeline):
    client.force_login(social_worker)

    page = client.get(f"/dossiers/{dossier.pk}/", {"filter-kanaal": "phone"}).content.decode()

    assert "Telefoon vandaag" in page and "Telefoon drie dagen terug" in page
    assert "Huisbezoek gisteren" not in page and "Beslissing van het BCSD" not in page
    assert '<option value="phone" selected>' in page


def test_an_author_and_a_period_combine(client, social_worker, colleague, dossier, timeline):
    client.force_login(social_worker)

    page = client.get(
        f"/dossiers/{dossier.pk}/",
        {
            "filter-auteur": colleague.username,
            "filter-van": _day(timeline, 1),
            "filter-tot": _day(timeline, 1),
        },
    ).content.decode()

    assert "Huisbezoek gisteren" in page
    assert "Telefoon drie dagen terug" not in page  # the colleague's, outside the period
    assert "Telefoon vandaag" not in page  # in no way the colleague's
    assert f'<option value="{colleague.username}" selected>Jan Claes</option>' in page


def test_the_filter_answers_with_htmx_only_the_timeline(client, social_worker, dossier, timeline):
    client.force_login(social_worker)

    found = client.get(f"/dossiers/{dossier.pk}/tijdlijn/", {"filter-kanaal": "email"}, headers=HTMX)
    nothing = client.get(f"/dossiers/{dossier.pk}/tijdlijn/", {"filter-kanaal": "letter"}, headers=HTMX)

    assert "Mail vier dagen terug" in found.content.decode() and "<html" not in found.content.decode()
    assert "data-focus-after-swap" not in found.content.decode()  # the keyboard stays on the filters
    assert "Geen contacten voor deze filters." in nothing.content.decode()


def test_older_contacts_keep_the_filters(client, social_worker, dossier):
    now = timezone.now()
    for n in range(60):
        ContactFactory(
            dossier=dossier,
            channel=Channel.HOME_VISIT if n % 2 else Channel.PHONE,
            summary=f"Contact nr {n:03d}.",
            occurred_at=now - datetime.timedelta(hours=n),
        )
    client.force_login(social_worker)

    page = client.get(f"/dossiers/{dossier.pk}/", {"filter-kanaal": "phone"}).content.decode()
    assert page.count("Contact nr") == 30 and "Oudere contacten tonen" not in page  # 30 phone calls: one page

    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Oudere contacten tonen" in page

    for n in range(60, 140):
        ContactFactory(
            dossier=dossier, channel=Channel.PHONE, summary=f"Contact nr {n:03d}.",
            occurred_at=now - datetime.timedelta(hours=n),
        )  # fmt: skip
    page = client.get(f"/dossiers/{dossier.pk}/", {"filter-kanaal": "phone"}).content.decode()
    more_link = page.split('hx-get="')[-1].split('"')[0].replace("&amp;", "&")
    assert "filter-kanaal=phone" in more_link
    more = client.get(more_link, headers=HTMX).content.decode()
    assert "Contact nr" in more and "nr 001." not in more and "nr 003." not in more  # no home visits
    without_js = client.get(more_link)
    assert without_js.status_code == 302 and "filter-kanaal=phone" in without_js["Location"]


@pytest.mark.parametrize(
    "query",
    [{"filter-van": "31/02/2026"}, {"filter-van": "03/12/2026", "filter-tot": "01/12/2026"}],
    ids=["no-such-day", "to-before-from"],
)
def test_a_bad_period_is_shown_on_its_field_and_the_timeline_stays_whole(
    client, social_worker, dossier, timeline, query
):
    client.force_login(social_worker)

    response = client.get(f"/dossiers/{dossier.pk}/", query)

    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert "Mail vier dagen terug" in response.content.decode()


def test_the_api_contact_list_takes_the_same_filters(social_worker, colleague, dossier, timeline):
    api = api_client_for(social_worker)
    url = f"/api/v1/contacts/?dossier={dossier.pk}"

    phone = api.get(f"{url}&channel=phone").json()
    by_colleague = api.get(f"{url}&author={colleague.username}").json()
    period = api.get(
        f"{url}&occurred_from={timeline - datetime.timedelta(days=2)}&occurred_to={timeline}"
    ).json()
    refused = api.get(f"{url}&occurred_from=2026-02-31")

    assert [c["summary"] for c in phone["results"]] == ["Telefoon vandaag", "Telefoon drie dagen terug"]
    assert {c["author"] for c in by_colleague["results"]} == {colleague.username}
    assert period["count"] == 3
    assert refused.status_code == 400 and "occurred_from" in refused.json()


def test_another_teams_worker_filters_nothing_they_may_not_see(client, other_team_worker, dossier, timeline):
    client.force_login(other_team_worker)

    assert client.get(f"/dossiers/{dossier.pk}/tijdlijn/", {"filter-kanaal": "phone"}).status_code == 404
