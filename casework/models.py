"""Django finds the casework app's models here; each subject keeps its own in its package (one app label, so
no table moved when the app was cut into packages)."""

from casework.budget.models import Debt, DebtStatus, Instalment, PaymentPlan, PaymentPlanStatus
from casework.contacts.models import Channel, Contact
from casework.dossiers.models import BreakGlassAccess, Dossier, DossierCounter, DossierStatus
from casework.helpplan.models import (
    ActionStatus,
    CaseConference,
    HelpPlan,
    HelpPlanAction,
    HelpPlanEvaluation,
    HelpPlanGoal,
    ProblemDomain,
)
from casework.inquiry.models import (
    Inquiry,
    InquiryDocument,
    InquiryReportDraft,
    KszConsultation,
    KszService,
    LeefloonCalculation,
)
from casework.leefloon.models import (
    GeneralExemption,
    HeatingAllowanceBand,
    HeatingAllowanceParameters,
    LeefloonCategory,
    LeefloonRate,
    MeansTestParameters,
    SpiExemption,
    SpiExemptionPeriod,
)
from casework.obligations.models import (
    Obligation,
    ObligationKind,
    ObligationReminder,
    ObligationState,
    PublicHoliday,
)
from casework.register.models import (
    AidRequest,
    RegisterCounter,
    RequestChannel,
    RequestKind,
    RequestStatus,
    RequiredDocument,
)
from casework.socialmap.models import Partner, PartnerService, Referral, ReferralStatus
from casework.timeline.models import TimelineEvent

__all__ = [
    "ActionStatus",
    "AidRequest",
    "BreakGlassAccess",
    "CaseConference",
    "Channel",
    "Contact",
    "Debt",
    "DebtStatus",
    "Dossier",
    "DossierCounter",
    "DossierStatus",
    "GeneralExemption",
    "HeatingAllowanceBand",
    "HeatingAllowanceParameters",
    "HelpPlan",
    "HelpPlanAction",
    "HelpPlanEvaluation",
    "HelpPlanGoal",
    "Inquiry",
    "InquiryDocument",
    "InquiryReportDraft",
    "Instalment",
    "KszConsultation",
    "KszService",
    "LeefloonCalculation",
    "LeefloonCategory",
    "LeefloonRate",
    "MeansTestParameters",
    "Obligation",
    "ObligationKind",
    "ObligationReminder",
    "ObligationState",
    "PublicHoliday",
    "Partner",
    "PartnerService",
    "PaymentPlan",
    "PaymentPlanStatus",
    "ProblemDomain",
    "Referral",
    "ReferralStatus",
    "RegisterCounter",
    "RequestChannel",
    "RequestKind",
    "RequestStatus",
    "RequiredDocument",
    "SpiExemption",
    "SpiExemptionPeriod",
    "TimelineEvent",
]
