"""The casework endpoints: each subject package keeps its viewsets; the router puts them on the paths of the
API contract (shared/api.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from casework.budget.api import DebtViewSet, PaymentPlanViewSet
from casework.contacts.api import ContactViewSet
from casework.dossiers.api import DossierViewSet
from casework.helpplan.api import CaseConferenceViewSet, HelpPlanViewSet
from casework.inquiry.api import InquiryViewSet, KszConsultationViewSet, LeefloonCalculationViewSet
from casework.leefloon.api import HeatingAllowanceViewSet
from casework.obligations.api import WorklistViewSet
from casework.register.api import AidRequestViewSet
from casework.socialmap.api import PartnerViewSet, ReferralViewSet

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
router.register("help-plans", HelpPlanViewSet, basename="help-plan")
router.register("partners", PartnerViewSet, basename="partner")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("case-conferences", CaseConferenceViewSet, basename="case-conference")
router.register("debts", DebtViewSet, basename="debt")
router.register("payment-plans", PaymentPlanViewSet, basename="payment-plan")
router.register("worklist", WorklistViewSet, basename="worklist")
urlpatterns = [
    # The contract names the file without a trailing slash, as a download link would.
    path(
        "requests/<str:pk>/receipt.pdf", AidRequestViewSet.as_view({"get": "receipt"}), name="request-receipt"
    ),
    *router.urls,
]
