from django.urls import path
from rest_framework.routers import SimpleRouter

from casework.api.support_views import (
    CaseConferenceViewSet,
    DebtViewSet,
    HelpPlanViewSet,
    PartnerViewSet,
    PaymentPlanViewSet,
    ReferralViewSet,
)
from casework.api.views import (
    AidRequestViewSet,
    ClientRecordViewSet,
    ContactViewSet,
    DossierViewSet,
    HeatingAllowanceViewSet,
    InquiryViewSet,
    KszConsultationViewSet,
    LeefloonCalculationViewSet,
)

router = SimpleRouter()
router.register("dossiers", DossierViewSet, basename="dossier")
router.register("contacts", ContactViewSet, basename="contact")
router.register("requests", AidRequestViewSet, basename="request")
router.register("inquiries", InquiryViewSet, basename="inquiry")
router.register("ksz-consultations", KszConsultationViewSet, basename="ksz-consultation")
router.register("leefloon/calculations", LeefloonCalculationViewSet, basename="leefloon-calculation")
router.register(
    "heating-allowance/calculations", HeatingAllowanceViewSet, basename="heating-allowance-calculation"
)
# The full record of a client lives here, not in clients/: its access depends on the client's dossiers.
router.register("clients", ClientRecordViewSet, basename="client-record")
router.register("help-plans", HelpPlanViewSet, basename="help-plan")
router.register("partners", PartnerViewSet, basename="partner")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("case-conferences", CaseConferenceViewSet, basename="case-conference")
router.register("debts", DebtViewSet, basename="debt")
router.register("payment-plans", PaymentPlanViewSet, basename="payment-plan")
urlpatterns = [
    # The contract names the file without a trailing slash, as a download link would.
    path(
        "requests/<str:pk>/receipt.pdf", AidRequestViewSet.as_view({"get": "receipt"}), name="request-receipt"
    ),
    *router.urls,
]
