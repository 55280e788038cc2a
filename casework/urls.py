from django.urls import path

from casework import request_views, views

app_name = "casework"
urlpatterns = [
    path("dossiers/", views.caseload, name="caseload"),
    path("dossiers/nieuw/", views.dossier_open, name="dossier-open"),
    path("dossiers/<uuid:dossier_id>/", views.dossier_detail, name="dossier"),
    path("dossiers/<uuid:dossier_id>/contacten/", views.contact_add, name="contact-add"),
    path("dossiers/<uuid:dossier_id>/break-the-glass/", views.break_glass, name="break-glass"),
    path("dossiers/<uuid:dossier_id>/aanvragen/", views.request_add, name="request-add"),
    path("aanvragen/<uuid:request_id>/", request_views.request_detail, name="request"),
    path("aanvragen/<uuid:request_id>/status/", request_views.request_transition, name="request-transition"),
    path("onderzoek/<uuid:inquiry_id>/", request_views.inquiry_detail, name="inquiry"),
    path("onderzoek/<uuid:inquiry_id>/verslag/", request_views.inquiry_report_save, name="inquiry-report"),
    path(
        "onderzoek/<uuid:inquiry_id>/documenten/",
        request_views.inquiry_document_toggle,
        name="inquiry-document",
    ),
    path("onderzoek/<uuid:inquiry_id>/ksz/", request_views.inquiry_ksz_add, name="inquiry-ksz"),
    path(
        "onderzoek/<uuid:inquiry_id>/berekening/", request_views.inquiry_calculate, name="inquiry-calculate"
    ),
    path("dossiers/<uuid:dossier_id>/hulpverleningsplan/", request_views.help_plan, name="help-plan"),
    path("dossiers/<uuid:dossier_id>/doorverwijzingen/", request_views.referral_add, name="referral-add"),
    path("doorverwijzingen/<uuid:referral_id>/status/", request_views.referral_move, name="referral-move"),
    path(
        "dossiers/<uuid:dossier_id>/clientoverleg/", request_views.case_conferences, name="case-conferences"
    ),
    path("dossiers/<uuid:dossier_id>/budget/", request_views.budget, name="budget"),
    path("schulden/<uuid:debt_id>/afbetalingsplan/", request_views.payment_plan_add, name="payment-plan-add"),
    path("afbetalingsplannen/<uuid:plan_id>/betaald/", request_views.instalment_paid, name="instalment-paid"),
    path("toegangslog/", views.access_log_search, name="access-log-search"),
    path("toegangslog/<uuid:client_id>/", views.access_log, name="access-log"),
]
