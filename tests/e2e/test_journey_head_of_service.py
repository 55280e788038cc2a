"""Journey 6: the head of service's Monday. Hilde opens the department's figures for the first quarter, sees
the charts (deadlines, caseloads with the worker who stands out, activation phases and their flow, leefloon
beneficiaries with their GPMI), picks a team, and exports the quarter to Excel for the board. A social worker
is refused the page."""

import io

import pytest
from playwright.sync_api import expect

from tests.reporting.dataset import Dataset

pytestmark = pytest.mark.e2e


def test_the_head_of_services_monday(page, log_in, screenshot, transactional_db):
    from openpyxl import load_workbook

    Dataset()
    log_in("hilde")
    page.get_by_role("link", name="Cijfers van de dienst").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cijfers van de dienst")

    page.get_by_label("Periode", exact=True).select_option("quarter")
    page.get_by_label("Een dag in de periode").fill("15/02/2026")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("kwartaal 1 2026")
    for chart in (
        "Termijnen per maand",
        "Open dossiers per maatschappelijk werker",
        "Cliënten per activeringsfase",
        "Overgangen tussen fasen",
        "Leefloongerechtigden per maand en hun GPMI",
    ):
        expect(page.get_by_role("img", name=chart)).to_be_visible()
    expect(page.get_by_text("An (6)")).to_be_visible()  # the caseload that stands out
    screenshot("01-dashboard-all-teams")

    page.get_by_text("Cijfers van deze grafiek").first.click()
    expect(page.get_by_role("table").nth(1)).to_be_visible()

    page.get_by_label("Team", exact=True).select_option("zuid")
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zuid")
    screenshot("02-dashboard-team-zuid")

    # The quarter to Excel for the board.
    page.get_by_label("Team", exact=True).select_option("")
    page.get_by_role("button", name="Toon").click()
    page.get_by_label("Wat", exact=True).select_option("kpis")
    page.get_by_label("Formaat", exact=True).select_option("xlsx")
    page.get_by_role("button", name="Exporteren", exact=True).click()
    download_link = page.get_by_role("link", name="Downloaden")
    expect(download_link).to_be_visible(timeout=15_000)
    screenshot("03-export-ready")
    with page.expect_download() as download:
        download_link.click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "kerncijfer" and any(row[0] == "Beslissingen binnen 30 dagen" for row in rows)

    page.get_by_role("button", name="Afmelden").click()
    log_in("an")
    response = page.goto("/cijfers/")
    assert response.status == 403
    screenshot("04-social-worker-refused")
