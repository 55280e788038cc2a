"""Pages with personal data: no copy in any cache, an idle timeout with a warning, a Content-Security-Policy
without inline script, the API's documentation for staff only, and the password change page
(docs/decisions/0033)."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from knox.models import AuthToken

from accounts.middleware import LAST_ACTIVITY_KEY
from tests.factories import ClientFactory

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "Geheim-wachtwoord-1"


@pytest.fixture
def signed_in(client, social_worker):
    client.force_login(social_worker)
    return client


@pytest.mark.parametrize(
    "url", ["/", "/meldingen/", "/dossiers/", "/clienten/?q=peeters", "/tweestapsverificatie/"]
)
def test_pages_for_a_signed_in_user_are_never_stored(signed_in, url):
    response = signed_in.get(url)

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives
    assert "Cookie" in response["Vary"]


def test_api_answers_with_personal_data_are_never_stored(api, social_worker):
    ClientFactory(first_name="Yasmina", last_name="El Amrani")

    response = api(social_worker).get("/api/v1/clients/", {"q": "yasmina"})

    assert response.status_code == 200
    assert {"no-store", "private"} <= {d.strip() for d in response["Cache-Control"].split(",")}


def test_every_page_has_a_content_security_policy_without_inline_script(client, signed_in):
    policy = signed_in.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())

    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "Content-Security-Policy" in client.get("/login/")


def templates():
    return sorted(
        path
        for folder in ("accounts", "clients", "casework", "activation", "bcsd", "reporting", "config")
        for path in (ROOT / folder).glob("**/templates/**/*.html")
    )


@pytest.mark.parametrize("template", templates(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_has_inline_script_or_event_handlers(template):
    """The CSP would block them: behaviour lives in config/static/js, switched on by data attributes."""
    text = template.read_text()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler (onclick=, onchange=, ...)"
    assert not re.search(r"hx-on|javascript:|\[[^\]]*(?:&&|\|\|)[^\]]*\]", text), "HTMX code that needs eval"
    assert not re.search(r"\sstyle=", text), "inline style attribute"


def test_htmx_is_served_from_our_origin_and_told_not_to_need_eval(signed_in):
    page = signed_in.get("/").content.decode()

    assert '<script src="/static/vendor/htmx.min.js" defer></script>' in page
    assert '"allowEval": false' in page and '"includeIndicatorStyles": false' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


# The idle timeout.


def test_the_page_tells_the_idle_script_the_timeout(signed_in, settings):
    page = signed_in.get("/").content.decode()

    assert settings.SESSION_IDLE_TIMEOUT.total_seconds() == 30 * 60
    assert 'data-idle-timeout="1800"' in page and 'data-idle-warning="120"' in page
    assert '<script src="/static/js/idle-timeout.js" defer></script>' in page
    assert 'role="alertdialog"' in page and "Aangemeld blijven" in page


def test_the_login_page_has_no_idle_script(client):
    assert "idle-timeout.js" not in client.get("/login/").content.decode()


def idle_for(client, seconds):
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


def test_a_session_idle_for_longer_than_the_timeout_ends(signed_in, settings):
    idle_for(signed_in, settings.SESSION_IDLE_TIMEOUT.total_seconds() + 1)

    response = signed_in.get("/dossiers/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/dossiers/"
    assert "_auth_user_id" not in signed_in.session
    login_page = signed_in.get(response["Location"]).content.decode()
    assert "U bent afgemeld na 30 minuten zonder activiteit." in login_page


def test_a_session_used_within_the_timeout_goes_on(signed_in, settings):
    idle_for(signed_in, settings.SESSION_IDLE_TIMEOUT.total_seconds() - 60)

    assert signed_in.get("/dossiers/").status_code == 200
    assert time.time() - signed_in.session[LAST_ACTIVITY_KEY] < 5  # the request counted as activity


def test_stay_signed_in_restarts_the_clock(signed_in, settings):
    idle_for(signed_in, settings.SESSION_IDLE_TIMEOUT.total_seconds() - 30)

    assert signed_in.post("/sessie/actief/").status_code == 204

    assert time.time() - signed_in.session[LAST_ACTIVITY_KEY] < 5


def test_the_expired_page_sends_to_the_login_or_home(client, signed_in, settings):
    assert signed_in.get("/sessie/verlopen/?next=/dossiers/")["Location"] == "/"  # another tab kept it alive
    idle_for(signed_in, settings.SESSION_IDLE_TIMEOUT.total_seconds() + 10)
    assert signed_in.get("/sessie/verlopen/?next=/dossiers/")["Location"] == "/login/?next=%2Fdossiers%2F"


def test_the_idle_timeout_is_a_setting(signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT = settings.SESSION_IDLE_TIMEOUT / 30  # one minute
    idle_for(signed_in, 61)

    assert signed_in.get("/")["Location"].startswith("/login/")


def test_the_session_cookie_dies_with_the_browser():
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize("cookie", ["0000000\x00", "x" * 500, "../../etc"])
def test_a_malformed_session_cookie_is_no_session_and_no_error(client, db, cookie):
    client.cookies["sessionid"] = cookie

    assert client.get("/dossiers/").status_code == 302
    assert client.get("/api/v1/dossiers/").status_code == 401


# The API's schema and documentation: staff only, Swagger UI from the package.


def test_the_schema_and_the_docs_are_for_staff_only(client, api, db):
    assert api().get("/api/schema/").status_code == 401
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/login/")


def test_swagger_ui_comes_from_the_package_not_from_a_cdn(signed_in):
    page = signed_in.get("/api/docs/").content.decode()

    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # the start-up script is a file of its own
    script_url = re.search(r'<script src="([^"]*\?script=[^"]*)"', page).group(1).replace("&amp;", "&")
    script = signed_in.get(script_url)
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
    # Its icons are data: images and it sets a few inline styles: allowed there, nowhere else.
    policy = signed_in.get("/api/docs/")["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy and "script-src" not in policy
    assert "data:" not in signed_in.get("/")["Content-Security-Policy"]


# Changing the password.


def test_changing_the_password_keeps_this_session_and_revokes_the_api_tokens(signed_in, api, social_worker):
    caller = api(social_worker)

    response = signed_in.post(
        "/wachtwoord/",
        {
            "old_password": PASSWORD,
            "new_password": "Een-nieuw-lang-wachtwoord-8",
            "new_password_again": "Een-nieuw-lang-wachtwoord-8",
        },
    )

    assert response["Location"] == "/"
    assert signed_in.get("/").status_code == 200
    social_worker.refresh_from_db()
    assert social_worker.check_password("Een-nieuw-lang-wachtwoord-8")
    assert caller.get("/api/v1/dossiers/").status_code == 401
    assert not AuthToken.objects.filter(user=social_worker).exists()


@pytest.mark.parametrize(
    ("old", "new", "again", "message"),
    [
        (
            "fout",
            "Een-nieuw-lang-wachtwoord-8",
            "Een-nieuw-lang-wachtwoord-8",
            "Uw huidige wachtwoord klopt niet.",
        ),
        (PASSWORD, "kort-8", "kort-8", "Dit wachtwoord is te kort: het moet minstens 12 tekens bevatten."),
        (PASSWORD, "123456789012345", "123456789012345", "Dit wachtwoord bevat alleen cijfers."),
        (
            PASSWORD,
            "Een-nieuw-lang-wachtwoord-8",
            "Een-ander-wachtwoord-9",
            "De twee nieuwe wachtwoorden zijn niet gelijk.",
        ),
    ],
)
def test_a_refused_password_change_says_why_in_dutch(signed_in, social_worker, old, new, again, message):
    response = signed_in.post(
        "/wachtwoord/", {"old_password": old, "new_password": new, "new_password_again": again}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    social_worker.refresh_from_db()
    assert social_worker.check_password(PASSWORD)
