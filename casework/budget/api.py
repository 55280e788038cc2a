import datetime
from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework.budget import selectors, services
from casework.budget.models import Debt, Instalment, PaymentPlan, PaymentPlanStatus
from casework.budget.transitions import PAYMENT_PLAN_WORKFLOW
from casework.dossiers.api import CONFLICT, DOSSIER_PARAMETER, required_dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from core.errors import NotFoundError
from core.money import CENT, ZERO
from core.openapi import ERRORS

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
        return str(sum((i.amount for i in plan.instalments.all()), ZERO).quantize(CENT))

    def get_paid_amount(self, plan) -> str:
        paid = (i.amount for i in plan.instalments.all() if i.paid_on is not None)
        return str(sum(paid, ZERO).quantize(CENT))

    def get_allowed_transitions(self, plan) -> list[str]:
        return list(PAYMENT_PLAN_WORKFLOW.allowed(plan.status))


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


class DebtViewSet(viewsets.GenericViewSet):
    """Debts noted in budget guidance and debt mediation."""

    queryset = Debt.objects.none()  # lets the schema describe {id}; reads go through selectors
    serializer_class = DebtSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The debts of one dossier, with what was paid and what is still owed",
        parameters=[DOSSIER_PARAMETER],
        responses={200: DebtSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        debts = selectors.debt_list(user=request.user, dossier_id=required_dossier(request))
        return self.get_paginated_response(DebtSerializer(self.paginate_queryset(debts), many=True).data)

    @extend_schema(
        summary="Note a debt (amount in euro, two decimals)",
        request=DebtCreateSerializer,
        responses={201: DebtSerializer, **CONFLICT, **ERRORS},
    )
    def create(self, request):
        serializer = DebtCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="debt_register", minimum=Access.FULL
        )
        debt = services.debt_record(actor=request.user, dossier=dossier, **data)
        return Response(DebtSerializer(debt).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One debt", responses={200: DebtSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(DebtSerializer(selectors.debt_get(user=request.user, debt_id=pk)).data)


class PaymentPlanViewSet(viewsets.GenericViewSet):
    """Monthly payment plans agreed with the client and a creditor, with their instalments."""

    queryset = PaymentPlan.objects.none()  # lets the schema describe {id}; reads go through selectors
    serializer_class = PaymentPlanSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The payment plans of one dossier (optionally of one debt)",
        parameters=[DOSSIER_PARAMETER, OpenApiParameter("debt", str)],
        responses={200: PaymentPlanSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        plans = selectors.payment_plan_list(
            user=request.user,
            dossier_id=required_dossier(request),
            debt_id=request.query_params.get("debt"),
        )
        return self.get_paginated_response(
            PaymentPlanSerializer(self.paginate_queryset(plans), many=True).data
        )

    @extend_schema(
        summary="Draw up a payment plan: monthly instalments until the debt is paid, the last one the rest",
        request=PaymentPlanCreateSerializer,
        responses={201: PaymentPlanSerializer, **CONFLICT, **ERRORS},
    )
    def create(self, request):
        serializer = PaymentPlanCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        debt = selectors.debt_get(user=request.user, debt_id=data.pop("debt"), what="payment_plan_create")
        plan = services.payment_plan_create(actor=request.user, debt=debt, **data)
        return Response(PaymentPlanSerializer(plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="One payment plan with its instalments", responses={200: PaymentPlanSerializer, **ERRORS}
    )
    def retrieve(self, request, pk=None):
        return Response(PaymentPlanSerializer(selectors.payment_plan_get(user=request.user, plan_id=pk)).data)

    @extend_schema(
        summary="Record when the client and the creditor agreed (with both, the plan is agreed)",
        request=PaymentPlanAgreementSerializer,
        responses={200: PaymentPlanSerializer, **CONFLICT, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        serializer = PaymentPlanAgreementSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = selectors.payment_plan_get(user=request.user, plan_id=pk, what="payment_plan_update")
        plan = services.payment_plan_agree(actor=request.user, plan=plan, **serializer.validated_data)
        return Response(PaymentPlanSerializer(plan).data)

    @extend_schema(
        summary="Move the plan to another status (e.g. defaulted), following the transition table",
        request=PaymentPlanTransitionSerializer,
        responses={200: PaymentPlanSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        serializer = PaymentPlanTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = selectors.payment_plan_get(user=request.user, plan_id=pk, what="payment_plan_update")
        plan = services.payment_plan_transition(actor=request.user, plan=plan, **serializer.validated_data)
        return Response(PaymentPlanSerializer(plan).data)

    @extend_schema(
        summary="Mark the instalment due on that date as paid; the last one completes the plan",
        parameters=[OpenApiParameter("due_on", OpenApiTypes.DATE, OpenApiParameter.PATH)],
        request=InstalmentPaidSerializer,
        responses={200: PaymentPlanSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"instalments/(?P<due_on>[^/]+)/paid")
    def instalment_paid(self, request, pk=None, due_on=None):
        serializer = InstalmentPaidSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            due_on = datetime.date.fromisoformat(due_on)
        except ValueError:
            raise NotFoundError() from None
        plan = selectors.payment_plan_get(user=request.user, plan_id=pk, what="instalment_register")
        plan = services.instalment_mark_paid(
            actor=request.user, plan=plan, due_on=due_on, paid_on=serializer.validated_data.get("paid_on")
        )
        return Response(PaymentPlanSerializer(plan).data)
