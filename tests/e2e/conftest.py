"""Browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's live server.

The browser is never downloaded (no `playwright install`): the machines have no internet for browsers, and
the distribution's Chromium is the one kept up to date with security fixes."""

import os
import re
import time
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
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # `make test` installs it
# Runs axe on every page the test visits, once loaded and after every HTMX swap, at WCAG 2.2 AA; reports to
# the test through a binding. `window.__axeDone` lets the test wait for the last run before the page closes.
AXE_ON_EVERY_PAGE = """
(() => {
  const levels = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
  let queued = null;
  window.__axeDone = Promise.resolve();
  const check = () => {
    clearTimeout(queued);
    queued = setTimeout(() => {
      window.__axeDone = window.__axeDone.then(() =>
        axe.run(document, { runOnly: { type: "tag", values: levels } }).then((result) =>
          window.reportAxe(location.pathname, result.violations.map((v) =>
            `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`))));
    }, 50);
  };
  window.addEventListener("load", check);
  document.addEventListener("htmx:afterSettle", check);
})();
"""
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
    "casework.migrations.0013_means_test_seed_spi_amounts",  # the means test's parameters, the SPI amounts
    "casework.migrations.0014_heating_allowance_kb_2022_bands",
    "activation.migrations.0002_default_tree_and_rules",
    "casework.migrations.0019_obligations",  # the public holidays the terms move past
    "reporting.migrations.0002_subsidy_rates",
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
    if not AXE.exists():
        pytest.skip(f"Browser tests need axe-core at {AXE} (make test installs it with npm).")
    accessibility = []
    context.expose_binding(
        "reportAxe", lambda source, path, violations: accessibility.extend(f"{path}: {v}" for v in violations)
    )
    context.add_init_script(path=str(AXE))
    context.add_init_script(script=AXE_ON_EVERY_PAGE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    # Whatever the Content-Security-Policy blocks (inline script or handler, eval, inline style) is a bug.
    blocked = []

    def record(message):
        if "Content Security Policy" in message.text:
            where = message.location
            blocked.append(
                f"{page.url}: {message.text[:60]}… at {where.get('url')}:{where.get('lineNumber')}"
            )

    page.on("console", record)
    yield page
    try:
        page.wait_for_timeout(100)  # a check queued by the last swap starts
        page.evaluate("() => window.__axeDone")
    except Exception:  # the test closed the page or left it mid-navigation: its checks ran before
        pass
    context.close()
    assert not blocked, f"blocked by the Content-Security-Policy: {blocked}"
    assert not accessibility, "axe-core (WCAG 2.2 AA) found:\n" + "\n".join(sorted(set(accessibility)))


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


def current_code(device) -> str:
    """The code an authenticator app with this device's secret shows now, or the next one when the current one
    was used already (a TOTP code is accepted once; django-otp accepts the next step's code too)."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    while totp.t() <= device.last_t:
        if totp.t() + 1 > device.last_t:
            totp.drift = 1
            break
        time.sleep(1)  # both this step's and the next one's codes were used: wait for the next step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def log_in(page):
    """Signs in through the login page, as a person would: the password, then, for a user with a second
    factor, the code of their authenticator app. A user whose role needs a second factor and who has none is
    given one first (tests.conftest.enrolled_device), as if they had enrolled."""
    from accounts.models import User
    from tests.conftest import enrolled_device

    def log_in_as(username: str, password: str = PASSWORD) -> None:
        user = User.objects.filter(username=username).first()
        device = enrolled_device(user) if user is not None else None
        page.goto("/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Aanmelden").click()
        page.wait_for_load_state()
        if device is not None and "/login/code/" in page.url:
            page.get_by_label("Code").fill(current_code(device))
            page.get_by_role("button", name="Aanmelden").click()
            page.wait_for_load_state()

    return log_in_as
