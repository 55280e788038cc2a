"""The worklist endpoints (shared/api.md, Worklist): the caller's obligations, most urgent first, and a team
lead's reassignment."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework.obligations import selectors, services
from casework.obligations.models import Obligation, ObligationKind, ObligationState
from core.openapi import ERRORS


class WorklistItemSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True, allow_null=True)
    dossier_reference = serializers.SerializerMethodField()
    responsible = serializers.CharField(
        source="responsible.username", read_only=True, allow_null=True, default=None
    )
    team = serializers.CharField(source="team.code", read_only=True, allow_null=True, default=None)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = [
            "id",
            "kind",
            "due_on",
            "overdue",
            "dossier",
            "dossier_reference",
            "object_type",
            "object_id",
            "responsible",
            "team",
            "state",
            "link",
        ]

    def get_overdue(self, obligation) -> bool:
        return obligation.state in (ObligationState.OPEN, ObligationState.OVERDUE) and (
            obligation.due_on < timezone.localdate()
        )

    def get_dossier_reference(self, obligation) -> str | None:
        return obligation.dossier.reference if obligation.dossier_id else None


class WorklistFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ObligationKind.choices, required=False)
    person = serializers.CharField(required=False, max_length=150)
    team = serializers.CharField(required=False, max_length=50)
    period = serializers.ChoiceField(choices=selectors.PERIOD_CHOICES, required=False)
    due_from = serializers.DateField(required=False)
    due_to = serializers.DateField(required=False)


class ReassignSerializer(serializers.Serializer):
    to = serializers.CharField(max_length=150)


class WorklistViewSet(viewsets.GenericViewSet):
    """Obligations: every legal clock of the dossiers and meetings, per person and team."""

    queryset = Obligation.objects.none()  # lets the schema describe {id}; reads go through selectors
    serializer_class = WorklistItemSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The caller's obligations (or a person's or team's, for a team lead), most urgent first",
        parameters=[
            OpenApiParameter("kind", str, enum=ObligationKind.values),
            OpenApiParameter("person", str, description="a username (team lead: own team; head of service)"),
            OpenApiParameter("team", str, description="a team code (team lead: own team; head of service)"),
            OpenApiParameter("period", str, enum=list(selectors.PERIODS)),
            OpenApiParameter("due_from", str, description="YYYY-MM-DD"),
            OpenApiParameter("due_to", str, description="YYYY-MM-DD"),
        ],
        responses={200: WorklistItemSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        filters = WorklistFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        obligations = selectors.worklist(user=request.user, **filters.validated_data)
        page = self.paginate_queryset(obligations)
        return self.get_paginated_response(WorklistItemSerializer(page, many=True).data)

    @extend_schema(
        summary="Give an open obligation to another member of the team (team lead, head of service)",
        request=ReassignSerializer,
        responses={200: WorklistItemSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        serializer = ReassignSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obligation = services.obligation_reassign(
            actor=request.user, obligation_id=pk, to=serializer.validated_data["to"]
        )
        return Response(WorklistItemSerializer(obligation).data)
