"""The committee's screens."""

from django.urls import path

from bcsd import views

app_name = "bcsd"
urlpatterns = [
    path("bcsd/", views.meetings, name="meetings"),
    path("bcsd/zittingen/nieuw/", views.meeting_create, name="meeting-create"),
    path("bcsd/zittingen/<uuid:meeting_id>/", views.meeting_detail, name="meeting"),
    path("bcsd/zittingen/<uuid:meeting_id>/agenda/", views.meeting_act, name="meeting-act"),
    path("bcsd/voorstellen/<uuid:submission_id>/", views.submission_detail, name="submission"),
    path("bcsd/voorstellen/<uuid:submission_id>/beslissing/", views.decision_record, name="decision-record"),
    path(
        "bcsd/dossiers/<uuid:dossier_id>/voorstellen/", views.dossier_submissions, name="dossier-submissions"
    ),
    path("bcsd/voorstellen/<uuid:submission_id>/nazicht/", views.submission_review, name="submission-review"),
    path(
        "bcsd/sanctievoorstellen/<uuid:proposal_id>/voorleggen/",
        views.sanction_submit,
        name="sanction-submit",
    ),
    path("bcsd/voorstellen/<uuid:submission_id>/hoorzitting/", views.hearing_add, name="hearing-add"),
    path("bcsd/beslissingen/<uuid:decision_id>/kennisgeving/", views.decision_notify, name="decision-notify"),
    path("bcsd/beslissingen/<uuid:decision_id>/brief.pdf", views.decision_letter, name="letter"),
]
