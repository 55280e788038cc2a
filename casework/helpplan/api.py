from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import User
from casework.dossiers.api import CONFLICT, DOSSIER_PARAMETER, TEXT, required_dossier
from casework.dossiers.selectors import dossier_get
from casework.helpplan import selectors, services
from casework.helpplan.models import (
    ActionStatus,
    CaseConference,
    HelpPlan,
    HelpPlanAction,
    HelpPlanEvaluation,
    HelpPlanGoal,
    ProblemDomain,
)
from casework.policy import Access
from core.openapi import ERRORS


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
        dossier = dossier_get(
            user=request.user,
            dossier_id=data.pop("dossier"),
            what="help_plan_create",
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
        plan = selectors.help_plan_get(user=request.user, plan_id=pk, what="help_plan_update")
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
        plan = selectors.help_plan_get(user=request.user, plan_id=pk, what="help_plan_evaluate")
        evaluation = services.help_plan_evaluate(actor=request.user, plan=plan, **serializer.validated_data)
        return Response(HelpPlanEvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)


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
        dossier = dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="case_conference", minimum=Access.FULL
        )
        conference = services.case_conference_record(actor=request.user, dossier=dossier, **data)
        return Response(CaseConferenceSerializer(conference).data, status=status.HTTP_201_CREATED)
