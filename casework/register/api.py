from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework.dossiers.api import required_dossier
from casework.dossiers.selectors import dossier_get
from casework.register import selectors, services
from casework.register.documents import receipt_pdf
from casework.register.models import AidRequest, RequestChannel, RequestKind, RequestStatus
from clients.api.serializers import ConflictSerializer
from core.openapi import ERRORS


class AidRequestSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    registered_by = serializers.CharField(source="registered_by.username", read_only=True)
    inquiry = serializers.SerializerMethodField()

    class Meta:
        model = AidRequest
        fields = [
            "id",
            "dossier",
            "register_number",
            "kind",
            "description",
            "received_on",
            "channel",
            "decision_due",
            "status",
            "forwarded_to",
            "forward_reasons",
            "forwarded_on",
            "forward_due",
            "registered_by",
            "late_registration_reason",
            "created_at",
            "inquiry",
        ]

    def get_inquiry(self, aid_request) -> str | None:
        # The reverse one-to-one (the register opens the inquiry with the request); the selectors join it.
        inquiry = getattr(aid_request, "inquiry", None)
        return str(inquiry.pk) if inquiry else None


class AidRequestCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    received_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=RequestChannel.choices, default=RequestChannel.ORAL)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    late_registration_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class RequestTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=RequestStatus.choices)
    forwarded_to = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    forward_reasons = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    on = serializers.DateField(required=False)


class AidRequestViewSet(viewsets.GenericViewSet):
    """The register of applications (aanvragen)."""

    queryset = AidRequest.objects.none()  # for the schema only: reads go through selectors
    serializer_class = AidRequestSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The requests of one dossier",
        parameters=[OpenApiParameter("dossier", str, required=True)],
        responses={200: AidRequestSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier_id = required_dossier(request)
        page = self.paginate_queryset(selectors.request_list(user=request.user, dossier_id=dossier_id))
        return self.get_paginated_response(AidRequestSerializer(page, many=True).data)

    @extend_schema(
        summary="Register a request received today (or earlier): register number and 30-day deadline",
        request=AidRequestCreateSerializer,
        responses={201: AidRequestSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = AidRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = dossier_get(user=request.user, dossier_id=data.pop("dossier"), what="request_register")
        aid_request = services.request_register(actor=request.user, dossier=dossier, **data)
        return Response(AidRequestSerializer(aid_request).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One request", responses={200: AidRequestSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(AidRequestSerializer(selectors.request_get(user=request.user, request_id=pk)).data)

    @extend_schema(
        summary="Move the request to its next status (one transition table)",
        request=RequestTransitionSerializer,
        responses={200: AidRequestSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        serializer = RequestTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        aid_request = selectors.request_get(user=request.user, request_id=pk, what="request_update")
        aid_request = services.request_transition(
            actor=request.user, aid_request=aid_request, **serializer.validated_data
        )
        return Response(AidRequestSerializer(aid_request).data)

    @extend_schema(
        summary="The acknowledgement of receipt (PDF)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS},
    )
    def receipt(self, request, pk=None):
        aid_request = selectors.request_get(user=request.user, request_id=pk, what="receipt")
        response = HttpResponse(receipt_pdf(aid_request), content_type="application/pdf")
        filename = f"ontvangstbewijs-{aid_request.register_number.replace('/', '-')}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
