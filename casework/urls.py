"""The casework screens. Each subject package keeps its views; the URLs stay in one list so that the paths
people bookmark are readable together."""

from django.urls import path

from casework.budget import views as budget
from casework.cockpit import views as cockpit
from casework.dossiers import views as dossiers
from casework.helpplan import views as helpplan
from casework.inquiry import views as inquiry
from casework.obligations import views as obligations
from casework.register import views as register

app_name = "casework"
urlpatterns = [
    path("mijn-werk/", obligations.my_work, name="my-work"),
    path("mijn-werk/<uuid:obligation_id>/toewijzen/", obligations.reassign, name="my-work-reassign"),
    path("dossiers/", cockpit.caseload, name="caseload"),
    path("dossiers/nieuw/", dossiers.dossier_open, name="dossier-open"),
    path("dossiers/<uuid:dossier_id>/", cockpit.dossier_detail, name="dossier"),
    path("dossiers/<uuid:dossier_id>/contacten/", cockpit.contact_add, name="contact-add"),
    path("dossiers/<uuid:dossier_id>/noodtoegang/", dossiers.break_glass, name="break-glass"),
    path("dossiers/<uuid:dossier_id>/tijdlijn/", cockpit.timeline_more, name="timeline"),
    path(
        "dossiers/<uuid:dossier_id>/rekeningwijziging/<int:change_id>/gezien/",
        cockpit.bank_account_change_seen,
        name="bank-account-change-seen",
    ),
    path("dossiers/<uuid:dossier_id>/aanvragen/", register.request_add, name="request-add"),
    path("aanvragen/<uuid:request_id>/", register.request_detail, name="request"),
    path("aanvragen/<uuid:request_id>/status/", register.request_transition, name="request-transition"),
    path("onderzoek/<uuid:inquiry_id>/", inquiry.inquiry_detail, name="inquiry"),
    path("onderzoek/<uuid:inquiry_id>/verslag/", inquiry.inquiry_report_save, name="inquiry-report"),
    path("onderzoek/<uuid:inquiry_id>/concept/", inquiry.inquiry_draft_save, name="inquiry-draft"),
    path("onderzoek/<uuid:inquiry_id>/documenten/", inquiry.inquiry_document_toggle, name="inquiry-document"),
    path("onderzoek/<uuid:inquiry_id>/ksz/", inquiry.inquiry_ksz_add, name="inquiry-ksz"),
    path("onderzoek/<uuid:inquiry_id>/berekening/", inquiry.inquiry_calculate, name="inquiry-calculate"),
    path("dossiers/<uuid:dossier_id>/hulpverleningsplan/", helpplan.help_plan, name="help-plan"),
    path(
        "hulpverleningsplan/doelen/<int:goal_id>/acties/",
        helpplan.help_plan_action_add,
        name="help-plan-action-add",
    ),
    path(
        "hulpverleningsplan/acties/<int:action_id>/status/",
        helpplan.help_plan_action_move,
        name="help-plan-action-move",
    ),
    path("dossiers/<uuid:dossier_id>/doorverwijzingen/", helpplan.referral_add, name="referral-add"),
    path("doorverwijzingen/<uuid:referral_id>/status/", helpplan.referral_move, name="referral-move"),
    path("dossiers/<uuid:dossier_id>/clientoverleg/", helpplan.case_conferences, name="case-conferences"),
    path("dossiers/<uuid:dossier_id>/budget/", budget.budget, name="budget"),
    path("schulden/<uuid:debt_id>/afbetalingsplan/", budget.payment_plan_add, name="payment-plan-add"),
    path("afbetalingsplannen/<uuid:plan_id>/betaald/", budget.instalment_paid, name="instalment-paid"),
]
