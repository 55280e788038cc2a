from django.urls import path

from reporting import views

app_name = "reporting"
urlpatterns = [
    path("cijfers/", views.dashboard, name="dashboard"),
    path("cijfers/export/", views.export_start, name="export-start"),
    path("cijfers/export/<uuid:export_id>/", views.export_status, name="export"),
    path("cijfers/export/<uuid:export_id>/bestand/", views.export_file, name="export-file"),
]
