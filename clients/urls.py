from django.urls import path

from clients import views

app_name = "clients"

urlpatterns = [
    path("clienten/", views.client_search_page, name="search"),
    path("clienten/nieuw/", views.client_register_page, name="register"),
    path(
        "clienten/nieuw/mogelijke-dubbels/",
        views.client_possible_duplicates_check,
        name="possible-duplicates",
    ),
    path("clienten/geregistreerd/", views.client_registered_page, name="registered"),
    path("clienten/<uuid:client_id>/gezin/", views.household_page, name="household"),
    path(
        "clienten/<uuid:client_id>/gezin/nieuw-lid/", views.household_new_member, name="household-new-member"
    ),
    path("toegangslog/", views.access_log_search, name="access-log-search"),
    path("toegangslog/<uuid:client_id>/", views.access_log, name="access-log"),
    path(
        "toegangslog/<uuid:client_id>/export/", views.access_log_export_start, name="access-log-export-start"
    ),
    path("toegangslog/export/<uuid:export_id>/", views.access_log_export, name="access-log-export"),
    path(
        "toegangslog/export/<uuid:export_id>/bestand/",
        views.access_log_export_file,
        name="access-log-export-file",
    ),
    path("toegangslog/controle/", views.access_log_verification, name="access-log-verification"),
    path("toegangslog/ongewone-volumes/", views.access_log_unusual, name="access-log-unusual"),
]
