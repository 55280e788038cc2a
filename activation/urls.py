"""The coach's screens, under /activering/."""

from django.urls import path

from activation import views

app_name = "activation"
urlpatterns = [
    path("activering/", views.board, name="board"),
    path("activering/groepen/", views.groups, name="groups"),
    path("activering/groepen/<uuid:activity_id>/", views.group_detail, name="group"),
    path("activering/dossiers/<uuid:dossier_id>/screening/", views.screening, name="screening"),
    path("activering/dossiers/<uuid:dossier_id>/traject/", views.trajectory_start, name="trajectory-start"),
    path("activering/trajecten/<uuid:trajectory_id>/", views.trajectory_detail, name="trajectory"),
    path("activering/trajecten/<uuid:trajectory_id>/fase/", views.phase_change, name="phase-change"),
    path("activering/trajecten/<uuid:trajectory_id>/maatregelen/", views.measure_add, name="measure-add"),
    path("activering/trajecten/<uuid:trajectory_id>/opvolging/", views.monitoring_add, name="monitoring-add"),
    path("activering/trajecten/<uuid:trajectory_id>/gpmi/", views.gpmi_create, name="gpmi-create"),
    path("activering/gpmi/<uuid:gpmi_id>/", views.gpmi_edit, name="gpmi"),
    path("activering/gpmi/<uuid:gpmi_id>/contract.pdf", views.gpmi_pdf, name="gpmi-pdf"),
    path("activering/gpmi/<uuid:gpmi_id>/evaluaties/", views.gpmi_evaluate, name="gpmi-evaluate"),
    path("activering/gpmi/<uuid:gpmi_id>/verwittigingen/", views.gpmi_warning, name="gpmi-warning"),
    path("activering/gpmi/<uuid:gpmi_id>/sanctievoorstellen/", views.gpmi_sanction, name="gpmi-sanction"),
]
