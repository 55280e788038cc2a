from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from casework.contacts import selectors, services
from casework.contacts.models import Channel, Contact
from casework.dossiers.api import required_dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from core.openapi import ERRORS


class ContactSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Contact
        fields = [
            "id",
            "dossier",
            "occurred_at",
            "channel",
            "summary",
            "findings",
            "duration_minutes",
            "participants",
            "confidential",
            "author",
            "created_at",
        ]


class ContactCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    occurred_at = serializers.DateTimeField(required=False)
    channel = serializers.ChoiceField(choices=Channel.choices)
    summary = serializers.CharField(max_length=20000)
    findings = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    duration_minutes = serializers.IntegerField(
        min_value=0, max_value=24 * 60, required=False, allow_null=True
    )
    participants = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    confidential = serializers.BooleanField(required=False, default=False)


class ContactViewSet(viewsets.GenericViewSet):
    queryset = Contact.objects.none()  # for the schema only: reads go through selectors
    serializer_class = ContactSerializer

    @extend_schema(
        summary="The contacts of one dossier, newest first",
        parameters=[OpenApiParameter("dossier", str, required=True)],
        responses={200: ContactSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier_id = required_dossier(request)
        _dossier, contacts = selectors.contact_list(user=request.user, dossier_id=dossier_id)
        page = self.paginate_queryset(contacts)
        return self.get_paginated_response(ContactSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a client contact",
        request=ContactCreateSerializer,
        responses={201: ContactSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = ContactCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="contact_register", minimum=Access.FULL
        )
        contact = services.contact_record(actor=request.user, dossier=dossier, **data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)
