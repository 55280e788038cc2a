"""Serializers of the follow-up work in a dossier (journey 4): help plans, the social map, referrals, case
conferences, debts and payment plans. Input serializers check shapes and types; the rules live in services."""

from decimal import Decimal

from rest_framework import serializers

from accounts.models import User
from casework import rules
from casework.models import (
    ActionStatus,
    CaseConference,
    Debt,
    HelpPlan,
    HelpPlanAction,
    HelpPlanEvaluation,
    HelpPlanGoal,
    Instalment,
    Partner,
    PartnerService,
    PaymentPlan,
    PaymentPlanStatus,
    ProblemDomain,
    Referral,
    ReferralStatus,
)

TEXT = 20000


class SupportConflictSerializer(serializers.Serializer):
    """409: a duplicate, a stale version or a move the transition table does not allow."""

    detail = serializers.CharField()
    allowed = serializers.ListField(child=serializers.CharField(), required=False)
    current_version = serializers.IntegerField(required=False)
    existing_help_plan = serializers.UUIDField(required=False)
    existing_payment_plan = serializers.UUIDField(required=False)


# --- Help plans ---


class HelpPlanActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = HelpPlanAction
        fields = ["id", "description", "owner", "due_on", "status"]


class HelpPlanGoalSerializer(serializers.ModelSerializer):
    actions = HelpPlanActionSerializer(many=True, read_only=True)

    class Meta:
        model = HelpPlanGoal
        fields = ["id", "domain", "description", "priority", "target_date", "actions"]


class HelpPlanEvaluationSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = HelpPlanEvaluation
        fields = ["id", "held_on", "summary", "author"]


class HelpPlanSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    goals = HelpPlanGoalSerializer(many=True, read_only=True)
    evaluations = HelpPlanEvaluationSerializer(many=True, read_only=True)
    updated_by = serializers.CharField(source="updated_by.username", read_only=True, allow_null=True)

    class Meta:
        model = HelpPlan
        fields = [
            "id",
            "dossier",
            "agreed_with_client_on",
            "next_evaluation_on",
            "version",
            "goals",
            "evaluations",
            "updated_at",
            "updated_by",
        ]


class HelpPlanActionInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=TEXT)
    # Who does it: the client, a staff member or a partner, in words (the plan is written with the client).
    owner = serializers.CharField(max_length=150)
    due_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=ActionStatus.choices, required=False, default=ActionStatus.PLANNED
    )


class HelpPlanGoalInputSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=ProblemDomain.choices)
    description = serializers.CharField(max_length=TEXT)
    priority = serializers.IntegerField(min_value=1, max_value=1000)
    target_date = serializers.DateField(required=False, allow_null=True)
    actions = HelpPlanActionInputSerializer(many=True, required=False, max_length=50)


class HelpPlanBodySerializer(serializers.Serializer):
    agreed_with_client_on = serializers.DateField(required=False, allow_null=True)
    next_evaluation_on = serializers.DateField(required=False, allow_null=True)
    goals = HelpPlanGoalInputSerializer(many=True, allow_empty=False, max_length=30)


class HelpPlanCreateSerializer(HelpPlanBodySerializer):
    dossier = serializers.UUIDField()


class HelpPlanUpdateSerializer(HelpPlanBodySerializer):
    """The full plan as the editor last read it; `version` is the version it was based on."""

    version = serializers.IntegerField(min_value=1)


class HelpPlanEvaluationCreateSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    summary = serializers.CharField(max_length=TEXT)


# --- The social map ---


class PartnerServiceSerializer(serializers.ModelSerializer):
    """A service with the fields of an Open Referral (HSDS) service record."""

    class Meta:
        model = PartnerService
        fields = [
            "id",
            "name",
            "description",
            "eligibility",
            "application_process",
            "required_documents",
            "languages",
            "service_area",
            "contact",
        ]


class PartnerSerializer(serializers.ModelSerializer):
    services = PartnerServiceSerializer(many=True, read_only=True)

    class Meta:
        model = Partner
        fields = ["id", "name", "description", "website", "phone", "email", "address", "active", "services"]


# --- Referrals ---


class ReferralSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    partner = serializers.UUIDField(source="partner_id", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    service = serializers.UUIDField(source="service_id", read_only=True, allow_null=True)
    service_name = serializers.CharField(source="service.name", read_only=True, allow_null=True, default=None)
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "dossier",
            "partner",
            "partner_name",
            "service",
            "service_name",
            "reason",
            "status",
            "feedback",
            "feedback_due",
            "sent_on",
            "answered_on",
            "completed_on",
            "created_by",
            "created_at",
            "allowed_transitions",
        ]

    def get_allowed_transitions(self, referral) -> list[str]:
        return list(rules.REFERRAL_TRANSITIONS.get(referral.status, ()))


class ReferralCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Partner.objects.all(), pk_field=serializers.UUIDField()
    )
    service = serializers.PrimaryKeyRelatedField(
        queryset=PartnerService.objects.all(),
        pk_field=serializers.UUIDField(),
        required=False,
        allow_null=True,
    )
    reason = serializers.CharField(max_length=TEXT)
    feedback_due = serializers.DateField(required=False, allow_null=True)


class ReferralTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ReferralStatus.choices)
    feedback = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT)
    on = serializers.DateField(required=False, allow_null=True)


class ReferralPatchSerializer(serializers.Serializer):
    """The contract's shape of a transition: the new status (and the partner's feedback)."""

    status = serializers.ChoiceField(choices=ReferralStatus.choices)
    feedback = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT)
    on = serializers.DateField(required=False, allow_null=True)


# --- Case conferences ---


class CaseConferenceSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    internal_participants = serializers.SlugRelatedField(many=True, read_only=True, slug_field="username")
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = CaseConference
        fields = [
            "id",
            "dossier",
            "held_on",
            "internal_participants",
            "external_participants",
            "client_present",
            "agreements",
            "author",
        ]


class CaseConferenceCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    held_on = serializers.DateField()
    internal_participants = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    external_participants = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=TEXT
    )
    client_present = serializers.BooleanField(required=False, default=False)
    agreements = serializers.CharField(max_length=TEXT)


# --- Debts and payment plans ---

MONEY_OUT = {"max_digits": 12, "decimal_places": 2, "read_only": True}


class DebtSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    paid_amount = serializers.DecimalField(**MONEY_OUT)
    outstanding_amount = serializers.DecimalField(**MONEY_OUT)

    class Meta:
        model = Debt
        fields = [
            "id",
            "dossier",
            "creditor",
            "reference",
            "amount",
            "status",
            "noted_on",
            "paid_amount",
            "outstanding_amount",
        ]


class DebtCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    creditor = serializers.CharField(max_length=150)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))


class InstalmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instalment
        fields = ["due_on", "amount", "paid_on"]


class PaymentPlanSerializer(serializers.ModelSerializer):
    debt = serializers.UUIDField(source="debt_id", read_only=True)
    dossier = serializers.UUIDField(source="debt.dossier_id", read_only=True)
    creditor = serializers.CharField(source="debt.creditor", read_only=True)
    instalments = InstalmentSerializer(many=True, read_only=True)
    total_amount = serializers.SerializerMethodField()
    paid_amount = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = PaymentPlan
        fields = [
            "id",
            "debt",
            "dossier",
            "creditor",
            "instalment_amount",
            "first_due_on",
            "agreed_with_client_on",
            "agreed_with_creditor_on",
            "status",
            "total_amount",
            "paid_amount",
            "instalments",
            "allowed_transitions",
        ]

    # Money leaves the API as a decimal string with two decimals (never through a float).
    def get_total_amount(self, plan) -> str:
        return str(sum((i.amount for i in plan.instalments.all()), rules.ZERO).quantize(rules.CENT))

    def get_paid_amount(self, plan) -> str:
        paid = (i.amount for i in plan.instalments.all() if i.paid_on is not None)
        return str(sum(paid, rules.ZERO).quantize(rules.CENT))

    def get_allowed_transitions(self, plan) -> list[str]:
        return list(rules.PAYMENT_PLAN_TRANSITIONS.get(plan.status, ()))


class PaymentPlanCreateSerializer(serializers.Serializer):
    debt = serializers.UUIDField()
    instalment_amount = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0.01"))
    first_due_on = serializers.DateField()
    agreed_with_client_on = serializers.DateField(required=False, allow_null=True)
    agreed_with_creditor_on = serializers.DateField(required=False, allow_null=True)


class PaymentPlanAgreementSerializer(serializers.Serializer):
    agreed_with_client_on = serializers.DateField(required=False)
    agreed_with_creditor_on = serializers.DateField(required=False)


class PaymentPlanTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=PaymentPlanStatus.choices)


class InstalmentPaidSerializer(serializers.Serializer):
    paid_on = serializers.DateField(required=False, allow_null=True)
