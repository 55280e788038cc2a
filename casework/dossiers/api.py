"""The dossier endpoints: open, read, break the glass, restrict, close."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Team, User
from casework import policy
from casework.dossiers import selectors, services
from casework.dossiers.models import BreakGlassCategory, Dossier
from casework.policy import Access
from clients.api.serializers import ConflictSerializer
from clients.selectors import client_identity_get
from core.errors import DomainError
from core.openapi import ERRORS


class DossierSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="client_id", read_only=True)
    client_name = serializers.CharField(source="client.__str__", read_only=True)
    team = serializers.CharField(source="team.code", read_only=True)
    social_worker = serializers.CharField(source="social_worker.username", read_only=True, allow_null=True)
    reference = serializers.CharField(read_only=True)
    access = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = [
            "id",
            "reference",
            "client",
            "client_name",
            "team",
            "social_worker",
            "status",
            "opened_on",
            "closed_on",
            "closed_reason",
            "restricted",
            "access",
        ]

    def get_access(self, dossier) -> str:
        return {2: "full", 1: "intake"}.get(int(getattr(dossier, "access", 0)), "none")


class DossierCreateSerializer(serializers.Serializer):
    client = serializers.UUIDField()
    team = serializers.SlugRelatedField(slug_field="code", queryset=Team.objects.all())
    social_worker = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=True)


class RestrictionSerializer(serializers.Serializer):
    restricted = serializers.BooleanField()
    allowed = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), many=True, required=False
    )


class BreakGlassRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=True)
    category = serializers.ChoiceField(
        choices=BreakGlassCategory.choices, required=False, default=BreakGlassCategory.OTHER
    )


class BreakGlassSerializer(serializers.Serializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    category = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)
    granted_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)


# --- What the endpoints of every subject of a dossier share ---

TEXT = 20000
DOSSIER_PARAMETER = OpenApiParameter("dossier", str, required=True)


class SupportConflictSerializer(serializers.Serializer):
    """409: a duplicate, a stale version or a move the transition table does not allow."""

    detail = serializers.CharField()
    allowed = serializers.ListField(child=serializers.CharField(), required=False)
    current_version = serializers.IntegerField(required=False)
    existing_help_plan = serializers.UUIDField(required=False)
    existing_payment_plan = serializers.UUIDField(required=False)


CONFLICT = {409: SupportConflictSerializer}


def required_dossier(request) -> str:
    """The `?dossier=` of a list: lists of dossier content are always per dossier."""
    dossier_id = request.query_params.get("dossier")
    if not dossier_id:
        raise DomainError(_("Geef het dossier op."), field="dossier")
    return dossier_id


class DossierViewSet(viewsets.GenericViewSet):
    queryset = Dossier.objects.none()  # for the schema only: reads go through selectors
    serializer_class = DossierSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The dossiers the caller may see, their own caseload first",
        parameters=[OpenApiParameter("status", str, enum=["open", "closed"])],
        responses={200: DossierSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        page = selectors.dossier_list_page(
            user=request.user, paginate=self.paginate_queryset, status=request.query_params.get("status")
        )
        return self.get_paginated_response(DossierSerializer(page, many=True).data)

    @extend_schema(
        summary="Open a dossier for a client",
        request=DossierCreateSerializer,
        responses={201: DossierSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = DossierCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client = client_identity_get(user=request.user, client_id=data["client"], shown=False)
        dossier = services.dossier_open(
            actor=request.user, client=client, team=data["team"], social_worker=data.get("social_worker")
        )
        opened = selectors.dossier_get(user=request.user, dossier_id=dossier.pk)  # read back, logged
        return Response(DossierSerializer(opened).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One dossier (404 without access)", responses={200: DossierSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(DossierSerializer(selectors.dossier_get(user=request.user, dossier_id=pk)).data)

    @extend_schema(
        summary="Break the glass: temporary access to another team's dossier, with a reason",
        request=BreakGlassRequestSerializer,
        responses={201: BreakGlassSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="break-glass")
    def break_glass(self, request, pk=None):
        serializer = BreakGlassRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossier = selectors.dossier_for_break_glass(user=request.user, dossier_id=pk)
        grant = services.break_glass(actor=request.user, dossier=dossier, **serializer.validated_data)
        return Response(BreakGlassSerializer(grant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Restrict a sensitive dossier to a list of people (team lead, head of service)",
        request=RestrictionSerializer,
        responses={200: DossierSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def restriction(self, request, pk=None):
        serializer = RestrictionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossier = selectors.dossier_get(user=request.user, dossier_id=pk, minimum=Access.FULL)
        dossier = services.dossier_restrict(
            actor=request.user,
            dossier=dossier,
            restricted=serializer.validated_data["restricted"],
            allowed_users=serializer.validated_data.get("allowed", []),
        )
        dossier.access = policy.dossier_access(request.user, dossier)
        return Response(DossierSerializer(dossier).data)

    @extend_schema(
        summary="Close the dossier with a reason",
        request=ReasonSerializer,
        responses={200: DossierSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossier = selectors.dossier_get(user=request.user, dossier_id=pk, minimum=Access.FULL)
        dossier = services.dossier_close(
            actor=request.user, dossier=dossier, reason=serializer.validated_data["reason"]
        )
        dossier.access = policy.dossier_access(request.user, dossier)
        return Response(DossierSerializer(dossier).data)
