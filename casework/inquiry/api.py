"""The social inquiry's endpoints: the inquiry and its report, KSZ consultations, and the leefloon
calculation (kept with an inquiry when one is given; the engine itself is casework.leefloon)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework.contacts.api import ContactSerializer
from casework.dossiers.api import required_dossier
from casework.dossiers.selectors import dossier_get
from casework.inquiry import rules, selectors, services
from casework.inquiry.models import Inquiry, InquiryDocument, KszConsultation, KszService, LeefloonCalculation
from casework.leefloon import rules as leefloon_rules
from casework.leefloon.api import LeefloonCalculationSerializer, ResourceSerializer
from casework.leefloon.services import leefloon_calculate
from casework.policy import Access
from clients.api.serializers import ConflictSerializer
from core.errors import DomainError
from core.openapi import ERRORS


class InquiryDocumentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(max_length=150)
    received = serializers.SerializerMethodField()

    class Meta:
        model = InquiryDocument
        fields = ["name", "received", "received_on", "note"]

    def get_received(self, document) -> bool:
        return document.received_on is not None


class KszConsultationSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    request = serializers.UUIDField(source="request_id", read_only=True, allow_null=True)
    consulted_by = serializers.CharField(source="consulted_by.username", read_only=True)

    class Meta:
        model = KszConsultation
        fields = ["id", "dossier", "request", "service", "purpose", "consulted_by", "consulted_at"]


class KszConsultationCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    request = serializers.UUIDField(required=False, allow_null=True)
    service = serializers.ChoiceField(choices=KszService.choices)
    purpose = serializers.CharField(max_length=300)


class InquirySerializer(serializers.ModelSerializer):
    request = serializers.UUIDField(source="request_id", read_only=True)
    register_number = serializers.CharField(source="request.register_number", read_only=True)
    documents = InquiryDocumentSerializer(many=True, read_only=True)
    home_visits = ContactSerializer(many=True, read_only=True)
    ksz_consultations = KszConsultationSerializer(many=True, read_only=True)
    complete = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()
    updated_by = serializers.CharField(source="updated_by.username", read_only=True, allow_null=True)

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "request",
            "register_number",
            "sworn_statement_on",
            "authorisation_on",
            "hearing_right_informed_on",
            "means_overview",
            "situation",
            "household",
            "means",
            "housing",
            "health",
            "work_and_education",
            "problem_analysis",
            "advice",
            "documents",
            "home_visits",
            "ksz_consultations",
            "complete",
            "missing",
            "version",
            "updated_at",
            "updated_by",
        ]
        read_only_fields = fields

    def get_missing(self, inquiry) -> list[str]:
        if not hasattr(inquiry, "_missing"):
            inquiry._missing = services.inquiry_missing_labels(inquiry)
        return inquiry._missing

    def get_complete(self, inquiry) -> bool:
        return not self.get_missing(inquiry)


class InquiryUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    sworn_statement_on = serializers.DateField(required=False, allow_null=True)
    authorisation_on = serializers.DateField(required=False, allow_null=True)
    hearing_right_informed_on = serializers.DateField(required=False, allow_null=True)
    means_overview = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    situation = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    household = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    means = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    housing = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    health = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    work_and_education = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    problem_analysis = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    advice = serializers.CharField(required=False, allow_blank=True, max_length=20000)

    # Dates in the future are refused by the service (inquiry_update), on their field.


class InquiryDocumentMarkSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=rules.DOCUMENT_NAME_MAX_LENGTH)
    received_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class LeefloonCalculationRequestSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=list(leefloon_rules.CATEGORY_LABELS))
    reference_date = serializers.DateField()
    resources = ResourceSerializer(many=True, required=False, default=list)
    apply_general_exemption = serializers.BooleanField(required=False, default=True)
    count_relative_income = serializers.BooleanField(required=False, default=False)
    relative_income_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500
    )
    apply_spi_exemption = serializers.BooleanField(required=False, default=False)
    spi_first_used_on = serializers.DateField(required=False, allow_null=True, default=None)
    spi_months_used = serializers.IntegerField(required=False, default=0, min_value=0, max_value=72)
    children_in_care = serializers.IntegerField(required=False, default=0, min_value=0, max_value=30)
    kind = serializers.ChoiceField(
        choices=["leefloon", "equivalent_leefloon"], required=False, default="leefloon"
    )
    inquiry = serializers.UUIDField(required=False, allow_null=True, default=None)

    def to_service_arguments(self) -> dict:
        data = dict(self.validated_data)
        data["resources"] = [leefloon_rules.Resource(**resource) for resource in data["resources"]]
        data.pop("inquiry")
        return data


class StoredCalculationSerializer(serializers.ModelSerializer):
    inquiry = serializers.UUIDField(source="inquiry_id")
    created_by = serializers.CharField(source="created_by.username")

    class Meta:
        model = LeefloonCalculation
        fields = [
            "id",
            "inquiry",
            "kind",
            "category",
            "reference_date",
            "rate_valid_from",
            "inputs",
            "lines",
            "yearly_amount",
            "monthly_amount",
            "created_by",
            "created_at",
        ]


class InquiryViewSet(viewsets.GenericViewSet):
    """The social inquiry of a request: documents, home visits, KSZ, the social report and the advice."""

    queryset = Inquiry.objects.none()  # for the schema only: reads go through selectors
    serializer_class = InquirySerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The inquiry of one request",
        parameters=[OpenApiParameter("request", str, required=True)],
        responses={200: InquirySerializer(many=True), **ERRORS},
    )
    def list(self, request):
        request_id = request.query_params.get("request")
        if not request_id:
            raise DomainError(_("Geef de aanvraag op."), field="request")
        inquiry = selectors.inquiry_get(user=request.user, request_id=request_id)
        page = self.paginate_queryset([inquiry])
        return self.get_paginated_response(InquirySerializer(page, many=True).data)

    @extend_schema(
        summary="One inquiry with complete and missing", responses={200: InquirySerializer, **ERRORS}
    )
    def retrieve(self, request, pk=None):
        return Response(InquirySerializer(selectors.inquiry_get(user=request.user, inquiry_id=pk)).data)

    @extend_schema(
        summary="Edit the social report (send the version you read: a stale version is refused)",
        request=InquiryUpdateSerializer,
        responses={200: InquirySerializer, 409: ConflictSerializer, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        serializer = InquiryUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inquiry = selectors.inquiry_get(user=request.user, inquiry_id=pk)
        services.inquiry_update(actor=request.user, inquiry=inquiry, **serializer.validated_data)
        return Response(InquirySerializer(selectors.inquiry_get(user=request.user, inquiry_id=pk)).data)

    @extend_schema(
        summary="Tick a document as received (or not)",
        request=InquiryDocumentMarkSerializer,
        responses={200: InquirySerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        serializer = InquiryDocumentMarkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inquiry = selectors.inquiry_get(user=request.user, inquiry_id=pk)
        services.inquiry_document_mark(actor=request.user, inquiry=inquiry, **serializer.validated_data)
        return Response(InquirySerializer(selectors.inquiry_get(user=request.user, inquiry_id=pk)).data)


class KszConsultationViewSet(viewsets.GenericViewSet):
    queryset = KszConsultation.objects.none()  # for the schema only: reads go through selectors
    serializer_class = KszConsultationSerializer

    @extend_schema(
        summary="The KSZ consultations of one dossier",
        parameters=[OpenApiParameter("dossier", str, required=True)],
        responses={200: KszConsultationSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier_id = required_dossier(request)
        page = self.paginate_queryset(
            selectors.ksz_consultation_list(user=request.user, dossier_id=dossier_id)
        )
        return self.get_paginated_response(KszConsultationSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a KSZ consultation (also written to the client's access log)",
        request=KszConsultationCreateSerializer,
        responses={201: KszConsultationSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = KszConsultationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        dossier = dossier_get(
            user=request.user,
            dossier_id=data["dossier"],
            what="ksz_register",
            minimum=Access.FULL,
        )
        aid_request = None
        if data.get("request"):
            aid_request = selectors.inquiry_get(
                user=request.user, request_id=data["request"], what="ksz_register"
            ).request
        consultation = services.ksz_consultation_record(
            actor=request.user,
            dossier=dossier,
            service=data["service"],
            purpose=data["purpose"],
            aid_request=aid_request,
        )
        return Response(KszConsultationSerializer(consultation).data, status=status.HTTP_201_CREATED)


class LeefloonCalculationViewSet(viewsets.GenericViewSet):
    """The leefloon (and equivalent leefloon) calculation: every step a line for the decision's motivation."""

    queryset = LeefloonCalculation.objects.none()  # for the schema only: reads go through selectors
    serializer_class = LeefloonCalculationSerializer

    @extend_schema(
        summary="Calculate a leefloon on a reference date (optionally kept with an inquiry)",
        request=LeefloonCalculationRequestSerializer,
        responses={200: LeefloonCalculationSerializer, 201: LeefloonCalculationSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = LeefloonCalculationRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        arguments = serializer.to_service_arguments()
        kind = arguments.pop("kind")
        if inquiry_id := serializer.validated_data["inquiry"]:
            inquiry = selectors.inquiry_get(user=request.user, inquiry_id=inquiry_id)
            result, stored = services.inquiry_calculation_store(
                actor=request.user, inquiry=inquiry, kind=kind, **arguments
            )
            data = LeefloonCalculationSerializer({**vars(result), "id": stored.pk}).data
            return Response(data, status=status.HTTP_201_CREATED)
        result = leefloon_calculate(**arguments).result
        return Response(LeefloonCalculationSerializer({**vars(result), "id": None}).data)

    @extend_schema(
        summary="The calculations kept with an inquiry",
        parameters=[OpenApiParameter("inquiry", str, required=True)],
        responses={200: StoredCalculationSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        inquiry_id = request.query_params.get("inquiry")
        if not inquiry_id:
            raise DomainError(_("Geef het sociaal onderzoek op."), field="inquiry")
        page = self.paginate_queryset(
            selectors.calculations_for_inquiry(user=request.user, inquiry_id=inquiry_id)
        )
        return self.get_paginated_response(StoredCalculationSerializer(page, many=True).data)
