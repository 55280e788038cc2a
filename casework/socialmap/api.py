from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework.dossiers.api import CONFLICT, DOSSIER_PARAMETER, TEXT, required_dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from casework.socialmap import selectors, services
from casework.socialmap.models import Partner, PartnerService, Referral, ReferralStatus
from casework.socialmap.transitions import REFERRAL_WORKFLOW
from core.openapi import ERRORS


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
        return list(REFERRAL_WORKFLOW.allowed(referral.status))


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
        dossier = dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="referral", minimum=Access.FULL
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
        referral = selectors.referral_get(user=request.user, referral_id=pk, what="referral_update")
        referral = services.referral_transition(actor=request.user, referral=referral, **changes)
        return Response(ReferralSerializer(referral).data)
