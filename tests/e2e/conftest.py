"""Browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's live server.

The browser is never downloaded (no `playwright install`): the machines have no internet for browsers, and
the distribution's Chromium is the one kept up to date with security fixes."""

import os
import re
from importlib import import_module
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the database
# queries that test fixtures make from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=nl-BE",  # date inputs as a Flemish user sees them (dd/mm/jjjj)
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
PASSWORD = "Geheim-wachtwoord-1"  # tests.factories.UserFactory


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Configuration that data migrations seed (document checklists, rates, the social map). A transactional test
# empties every table when it ends, so each browser test seeds it again (the functions are idempotent).
SEEDING_MIGRATIONS = [
    "casework.migrations.0004_required_documents",
    "casework.migrations.0006_seed_rates",
    "casework.migrations.0007_social_map_partners",
]


@pytest.fixture
def seeded_configuration(transactional_db):
    from django.apps import apps

    for migration in SEEDING_MIGRATIONS:
        import_module(migration).seed(apps, None)


@pytest.fixture
def page(browser, live_server, seeded_configuration):
    """A fresh Dutch-speaking browser tab (no cookies) on the live server; live_server makes the test's
    database transactional, so what the test creates is visible to the server thread."""
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


class Screenshots:
    """Saves tests/e2e/screenshots/<test-name>-<step>.png (git-ignored), to look at what the user saw."""

    def __init__(self, page, test_name: str):
        self.page = page
        self.test_name = re.sub(r"[^\w-]+", "-", test_name).strip("-")

    def __call__(self, step: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{self.test_name}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def screenshot(page, request):
    return Screenshots(page, request.node.name)


@pytest.fixture
def log_in(page):
    """Signs in through the login page, as a person would."""

    def log_in_as(username: str, password: str = PASSWORD) -> None:
        page.goto("/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Aanmelden").click()

    return log_in_as
