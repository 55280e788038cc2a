"""The reporting endpoints on the paths of the API contract (shared/api.md, Reporting): /api/v1/reporting/."""

from django.urls import path

from reporting.api import ExportDownloadView, ExportsView, ExportView, KpisView

urlpatterns = [
    path("reporting/kpis/", KpisView.as_view(), name="reporting-kpis"),
    path("reporting/exports/", ExportsView.as_view(), name="reporting-exports"),
    path("reporting/exports/<str:pk>/", ExportView.as_view(), name="reporting-export"),
    path(
        "reporting/exports/<str:pk>/download/", ExportDownloadView.as_view(), name="reporting-export-download"
    ),
]
