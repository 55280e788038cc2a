"""The follow-up of a dossier (journey 4): help plans, the social map, referrals, case conferences, debts and
payment plans. Each view validates the input, checks the dossier through a selector (which logs the read) and
calls one service."""

import datetime

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework import selectors, services
from casework.api.support_serializers import (
    CaseConferenceCreateSerializer,
    CaseConferenceSerializer,
    DebtCreateSerializer,
    DebtSerializer,
    HelpPlanCreateSerializer,
    HelpPlanEvaluationCreateSerializer,
    HelpPlanEvaluationSerializer,
    HelpPlanSerializer,
    HelpPlanUpdateSerializer,
    InstalmentPaidSerializer,
    PartnerSerializer,
    PaymentPlanAgreementSerializer,
    PaymentPlanCreateSerializer,
    PaymentPlanSerializer,
    PaymentPlanTransitionSerializer,
    ReferralCreateSerializer,
    ReferralPatchSerializer,
    ReferralSerializer,
    ReferralTransitionSerializer,
    SupportConflictSerializer,
)
from casework.api.views import required_dossier
from casework.models import CaseConference, Debt, HelpPlan, Partner, PaymentPlan, Referral, ReferralStatus
from casework.policy import Access
from config.errors import NotFoundError
from config.openapi import ERRORS

DOSSIER_PARAMETER = OpenApiParameter("dossier", str, required=True)
CONFLICT = {409: SupportConflictSerializer}


class HelpPlanViewSet(viewsets.GenericViewSet):
    """The help plan (hulpverleningsplan) of a dossier: one per dossier, edited with a version."""

    queryset = HelpPlan.objects.none()  # lets the schema describe {id}; reads go through selectors
    serializer_class = HelpPlanSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The help plan of one dossier (a list of at most one)",
        parameters=[DOSSIER_PARAMETER],
        responses={200: HelpPlanSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        plans = selectors.help_plan_list(user=request.user, dossier_id=required_dossier(request))
        return self.get_paginated_response(HelpPlanSerializer(self.paginate_queryset(plans), many=True).data)

    @extend_schema(
        summary="Draw up the dossier's help plan: prioritised goals and their actions (version 1)",
        request=HelpPlanCreateSerializer,
        responses={201: HelpPlanSerializer, **CONFLICT, **ERRORS},
    )
    def create(self, request):
        serializer = HelpPlanCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = selectors.dossier_get(
            user=request.user,
            dossier_id=data.pop("dossier"),
            what="hulpverleningsplan opstellen",
            minimum=Access.FULL,
        )
        plan = services.help_plan_create(actor=request.user, dossier=dossier, **data)
        return Response(HelpPlanSerializer(plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One help plan", responses={200: HelpPlanSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(HelpPlanSerializer(selectors.help_plan_get(user=request.user, plan_id=pk)).data)

    @extend_schema(
        summary="Replace the goals and actions; send the version you read (a stale version gets 409)",
        request=HelpPlanUpdateSerializer,
        responses={200: HelpPlanSerializer, **CONFLICT, **ERRORS},
    )
    def update(self, request, pk=None):
        serializer = HelpPlanUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = selectors.help_plan_get(user=request.user, plan_id=pk, what="hulpverleningsplan wijzigen")
        plan = services.help_plan_replace(actor=request.user, plan=plan, **serializer.validated_data)
        return Response(HelpPlanSerializer(plan).data)

    @extend_schema(
        summary="Record an evaluation of the plan with the client",
        request=HelpPlanEvaluationCreateSerializer,
        responses={201: HelpPlanEvaluationSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def evaluations(self, request, pk=None):
        serializer = HelpPlanEvaluationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = selectors.help_plan_get(user=request.user, plan_id=pk, what="hulpverleningsplan evalueren")
        evaluation = services.help_plan_evaluate(actor=request.user, plan=plan, **serializer.validated_data)
        return Response(HelpPlanEvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)


class PartnerViewSet(viewsets.GenericViewSet):
    """The social map (sociale kaart): partners and their services. Edited in the admin, read here."""

    queryset = Partner.objects.none()  # lets the schema describe {id}; reads go through selectors
    serializer_class = PartnerSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="Active partners, searched on name, description and services",
        parameters=[
            OpenApiParameter("q", str, description="words in the name, description or a service"),
            OpenApiParameter("language", str, description="a language a service is offered in"),
        ],
        responses={200: PartnerSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        partners = selectors.partner_list(
            user=request.user,
            q=request.query_params.get("q", ""),
            language=request.query_params.get("language", ""),
        )
        return self.get_paginated_response(
            PartnerSerializer(self.paginate_queryset(partners), many=True).data
        )

    @extend_schema(summary="One partner with its services", responses={200: PartnerSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(PartnerSerializer(selectors.partner_get(user=request.user, partner_id=pk)).data)


class ReferralViewSet(viewsets.GenericViewSet):
    """Referrals to partners of the social map, followed until the partner's feedback (closed loop)."""

    queryset = Referral.objects.none()  # lets the schema describe {id}; reads go through selectors
    serializer_class = ReferralSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The referrals of one dossier, newest first",
        parameters=[DOSSIER_PARAMETER, OpenApiParameter("status", str, enum=ReferralStatus.values)],
        responses={200: ReferralSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        referrals = selectors.referral_list(
            user=request.user,
            dossier_id=required_dossier(request),
            status=request.query_params.get("status"),
        )
        page = self.paginate_queryset(referrals)
        return self.get_paginated_response(ReferralSerializer(page, many=True).data)

    @extend_schema(
        summary="Propose a referral (feedback expected within 30 days unless another date is given)",
        request=ReferralCreateSerializer,
        responses={201: ReferralSerializer, **CONFLICT, **ERRORS},
    )
    def create(self, request):
        serializer = ReferralCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = selectors.dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="doorverwijzing", minimum=Access.FULL
        )
        referral = services.referral_propose(actor=request.user, dossier=dossier, **data)
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One referral", responses={200: ReferralSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(ReferralSerializer(selectors.referral_get(user=request.user, referral_id=pk)).data)

    @extend_schema(
        summary="Move the referral to its next status (one transition table)",
        request=ReferralTransitionSerializer,
        responses={200: ReferralSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        serializer = ReferralTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._transition(request, pk, **serializer.validated_data)

    @extend_schema(
        summary="Change the status (and the partner's feedback): the same transition as transition/",
        request=ReferralPatchSerializer,
        responses={200: ReferralSerializer, **CONFLICT, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        serializer = ReferralPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        return self._transition(request, pk, to=data.pop("status"), **data)

    def _transition(self, request, pk, **changes):
        referral = selectors.referral_get(user=request.user, referral_id=pk, what="doorverwijzing wijzigen")
        referral = services.referral_transition(actor=request.user, referral=referral, **changes)
        return Response(ReferralSerializer(referral).data)


class CaseConferenceViewSet(viewsets.GenericViewSet):
    queryset = CaseConference.objects.none()  # lets the schema describe {id}; reads go through selectors
    serializer_class = CaseConferenceSerializer

    @extend_schema(
        summary="The case conferences of one dossier, newest first",
        parameters=[DOSSIER_PARAMETER],
        responses={200: CaseConferenceSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        conferences = selectors.case_conference_list(user=request.user, dossier_id=required_dossier(request))
        page = self.paginate_queryset(conferences)
        return self.get_paginated_response(CaseConferenceSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a case conference (cliëntoverleg) and what was agreed",
        request=CaseConferenceCreateSerializer,
        responses={201: CaseConferenceSerializer, **CONFLICT, **ERRORS},
    )
    def create(self, request):
        serializer = CaseConferenceCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = selectors.dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="cliëntoverleg", minimum=Access.FULL
        )
        conference = services.case_conference_record(actor=request.user, dossier=dossier, **data)
        return Response(CaseConferenceSerializer(conference).data, status=status.HTTP_201_CREATED)


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
        dossier = selectors.dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="schuld noteren", minimum=Access.FULL
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
        debt = selectors.debt_get(
            user=request.user, debt_id=data.pop("debt"), what="afbetalingsplan opstellen"
        )
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
        plan = selectors.payment_plan_get(user=request.user, plan_id=pk, what="afbetalingsplan wijzigen")
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
        plan = selectors.payment_plan_get(user=request.user, plan_id=pk, what="afbetalingsplan wijzigen")
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
        plan = selectors.payment_plan_get(user=request.user, plan_id=pk, what="afbetaling registreren")
        plan = services.instalment_mark_paid(
            actor=request.user, plan=plan, due_on=due_on, paid_on=serializer.validated_data.get("paid_on")
        )
        return Response(PaymentPlanSerializer(plan).data)
