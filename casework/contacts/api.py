from django.utils.translation import gettext_lazy as _
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


class ContactFilterSerializer(serializers.Serializer):
    """The optional filters of the list, as on the dossier page's timeline (issue 12)."""

    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    author = serializers.CharField(max_length=150, required=False, help_text="The author's username")
    occurred_from = serializers.DateField(required=False, help_text="From this day on (inclusive)")
    occurred_to = serializers.DateField(required=False, help_text="Up to this day (inclusive)")

    def validate(self, attrs):
        if (
            attrs.get("occurred_from")
            and attrs.get("occurred_to")
            and attrs["occurred_from"] > attrs["occurred_to"]
        ):
            raise serializers.ValidationError({"occurred_to": _("Deze datum ligt voor de datum ‘vanaf’.")})
        return attrs


class ContactViewSet(viewsets.GenericViewSet):
    queryset = Contact.objects.none()  # for the schema only: reads go through selectors
    serializer_class = ContactSerializer

    @extend_schema(
        summary="The contacts of one dossier, newest first",
        parameters=[OpenApiParameter("dossier", str, required=True), ContactFilterSerializer],
        responses={200: ContactSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier_id = required_dossier(request)
        filters = ContactFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        _dossier, contacts = selectors.contact_list(
            user=request.user, dossier_id=dossier_id, **filters.validated_data
        )
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
