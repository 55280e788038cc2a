"""The inquiry page never throws away typing (issue 12): ticking a document or registering a KSZ consultation
changes only its panel and the list of what is missing; the report's typing is kept on the server as a draft
for its author and put back after a reload; a colleague's newer save is shown beside the typed text."""

import pytest
from django.urls import reverse

from casework.inquiry.models import InquiryReportDraft
from tests.factories import AidRequestFactory, InquiryDocumentFactory, InquiryFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def inquiry(dossier):
    return InquiryFactory(request=AidRequestFactory(dossier=dossier))


@pytest.fixture
def colleague(team):
    return UserFactory(username="tom", team=team, roles=["social_worker"])


def _url(name, inquiry):
    return reverse(f"casework:{name}", args=[inquiry.pk])


def test_ticking_a_document_answers_the_panel_and_the_missing_list_not_the_page(
    client, social_worker, inquiry
):
    client.force_login(social_worker)
    name = InquiryDocumentFactory(inquiry=inquiry).name

    response = client.post(_url("inquiry-document", inquiry), {"name": name, "received": "on"}, **HTMX)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="documents"' in page and 'id="missing" hx-swap-oob="true"' in page
    assert "report-title" not in page  # the report, and what is typed in it, is left alone
    assert inquiry.documents.get(name=name).received_on is not None


def test_a_ksz_consultation_answers_its_panel_only(client, social_worker, inquiry):
    client.force_login(social_worker)

    response = client.post(
        _url("inquiry-ksz", inquiry), {"service": "income", "purpose": "Inkomsten nagaan"}, **HTMX
    )

    page = response.content.decode()
    assert 'id="ksz"' in page and "Inkomsten nagaan" in page
    assert "report-title" not in page


def test_typing_is_kept_as_a_draft_and_put_back_after_a_reload(client, social_worker, inquiry):
    client.force_login(social_worker)

    kept = client.post(
        _url("inquiry-draft", inquiry), {"version": inquiry.version, "situation": "Woont alleen"}
    )
    page = client.get(_url("inquiry", inquiry)).content.decode()

    assert kept.status_code == 204
    assert "Woont alleen" in page
    assert "nog niet bewaard was" in page


def test_a_draft_is_its_authors_only(client, social_worker, colleague, inquiry):
    client.force_login(social_worker)
    client.post(_url("inquiry-draft", inquiry), {"version": inquiry.version, "situation": "Woont alleen"})
    client.force_login(colleague)

    assert "Woont alleen" not in client.get(_url("inquiry", inquiry)).content.decode()


def test_saving_the_report_ends_the_draft(client, social_worker, inquiry):
    client.force_login(social_worker)
    client.post(_url("inquiry-draft", inquiry), {"version": inquiry.version, "situation": "Woont alleen"})

    client.post(_url("inquiry-report", inquiry), {"version": inquiry.version, "situation": "Woont alleen"})

    inquiry.refresh_from_db()
    assert inquiry.situation == "Woont alleen"
    assert not InquiryReportDraft.objects.exists()


def test_a_colleagues_newer_save_is_shown_beside_the_typed_text(client, social_worker, colleague, inquiry):
    client.force_login(colleague)
    client.post(_url("inquiry-report", inquiry), {"version": 1, "situation": "Tekst van Tom"})
    client.force_login(social_worker)

    response = client.post(_url("inquiry-report", inquiry), {"version": 1, "situation": "Tekst van Sofie"})

    page = response.content.decode()
    assert response.status_code == 409
    assert 'id="colleague-version"' in page
    assert "Tekst van Tom" in page and "Tekst van Sofie" in page
    inquiry.refresh_from_db()
    assert inquiry.situation == "Tekst van Tom"


def test_a_draft_without_a_version_is_refused_and_keeps_nothing(client, social_worker, inquiry):
    client.force_login(social_worker)

    response = client.post(_url("inquiry-draft", inquiry), {"situation": "x"})

    assert response.status_code == 400
    assert not InquiryReportDraft.objects.exists()


def test_another_teams_worker_keeps_no_draft(client, other_team_worker, inquiry):
    client.force_login(other_team_worker)

    response = client.post(_url("inquiry-draft", inquiry), {"version": 1, "situation": "x"})

    assert response.status_code == 404
    assert not InquiryReportDraft.objects.exists()


def test_a_document_marked_not_applicable_with_a_reason_is_no_longer_missing(client, social_worker, inquiry):
    document = InquiryDocumentFactory(inquiry=inquiry, name="Huurcontract en bewijs van huurbetaling")
    client.force_login(social_worker)

    response = client.post(
        _url("inquiry-document", inquiry),
        {"name": document.name, "action": "not_applicable", "not_applicable_reason": "Woont bij haar ouders"},
        **HTMX,
    )

    document.refresh_from_db()
    assert document.not_applicable_reason == "Woont bij haar ouders"
    assert "document: Huurcontract" not in response.content.decode()
    assert "Woont bij haar ouders" in response.content.decode()


def test_a_too_short_reason_is_refused_in_dutch_and_changes_nothing(client, social_worker, inquiry):
    document = InquiryDocumentFactory(inquiry=inquiry)
    client.force_login(social_worker)

    response = client.post(
        _url("inquiry-document", inquiry),
        {"name": document.name, "action": "not_applicable", "not_applicable_reason": "nee"},
        **HTMX,
    )

    document.refresh_from_db()
    assert document.not_applicable_reason == ""
    assert "Zeg kort waarom" in response.content.decode()


def test_another_document_is_recorded_by_its_name(client, social_worker, inquiry):
    client.force_login(social_worker)

    client.post(
        _url("inquiry-document", inquiry), {"name": "Echtscheidingsovereenkomst", "received": "on"}, **HTMX
    )

    assert inquiry.documents.get(name="Echtscheidingsovereenkomst").received_on is not None
