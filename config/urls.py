from csp.decorators import csp_replace
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.health import healthz

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("clients.api.urls")),
    path("", include("casework.api.urls")),
    path("", include("activation.api.urls")),
    path("", include("bcsd.urls_api")),
    path("", include("reporting.urls_api")),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include(api_v1)),
    # For staff only (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]): anonymous → 401. Swagger UI is served from
    # drf-spectacular-sidecar's files, its start-up script as a file of its own (the CSP allows no inline
    # script).
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI draws its icons as data: images and sets a few inline styles: allowed on this page only.
    path(
        "api/docs/",
        csp_replace({"img-src": ["'self'", "data:"], "style-src": ["'self'", "'unsafe-inline'"]})(
            login_required(SpectacularSwaggerSplitView.as_view(url_name="schema"))
        ),
        name="api-docs",
    ),
    # The admin signs in through the one login, with its second factor, never with the password alone.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("accounts.urls")),
    path("", include("clients.urls")),
    path("", include("casework.urls")),
    path("", include("activation.urls")),
    path("", include("bcsd.urls")),
    path("", include("reporting.urls")),
]
handler500 = "config.error_pages.server_error"
