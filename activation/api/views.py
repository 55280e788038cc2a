"""The activation and GPMI endpoints (shared/api.md): validate, call one service or selector, serialize."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from activation import selectors, services
from activation.api.serializers import (
    BoardQuerySerializer,
    BoardSerializer,
    DecisionTreeSerializer,
    GpmiCreateSerializer,
    GpmiEvaluationCreateSerializer,
    GpmiEvaluationSerializer,
    GpmiExemptionSerializer,
    GpmiSerializer,
    GpmiTextsSerializer,
    GpmiWarningCreateSerializer,
    GpmiWarningSerializer,
    GroupActivityCreateSerializer,
    GroupActivityDetailSerializer,
    GroupActivitySerializer,
    GroupEvaluationCreateSerializer,
    GroupParticipantCreateSerializer,
    GroupParticipantSerializer,
    GroupSessionCreateSerializer,
    GroupSessionSerializer,
    MeasureCreateSerializer,
    MeasureSerializer,
    MonitoringContactCreateSerializer,
    MonitoringContactSerializer,
    PhaseChangeCreateSerializer,
    SanctionProposalCreateSerializer,
    SanctionProposalSerializer,
    ScreeningCreateSerializer,
    ScreeningSerializer,
    TrajectoryCreateSerializer,
    TrajectorySerializer,
)
from activation.models import Gpmi, GroupActivity, Screening, Trajectory
from casework.dossiers.api import CONFLICT, DOSSIER_PARAMETER, required_dossier
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from core.errors import DomainError
from core.openapi import ERRORS


class DecisionTreeView(APIView):
    """The tree in force: its version and questions (no personal data)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="The decision tree in force", responses={200: DecisionTreeSerializer, **ERRORS})
    def get(self, request):
        return Response(DecisionTreeSerializer(selectors.decision_tree_in_force()).data)


class ScreeningViewSet(viewsets.GenericViewSet):
    queryset = Screening.objects.none()  # for the schema only: reads go through selectors
    serializer_class = ScreeningSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The screenings of one dossier, newest first",
        parameters=[DOSSIER_PARAMETER],
        responses={200: ScreeningSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier = dossier_get(
            user=request.user, dossier_id=required_dossier(request), what="screening", minimum=Access.FULL
        )
        page = self.paginate_queryset(selectors.screenings_of(dossier=dossier))
        return self.get_paginated_response(ScreeningSerializer(page, many=True).data)

    @extend_schema(
        summary="Screen a client with the decision tree in force (first 'yes' wins; none: work)",
        request=ScreeningCreateSerializer,
        responses={201: ScreeningSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = ScreeningCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="screening_record", minimum=Access.FULL
        )
        screening = services.screening_record(actor=request.user, dossier=dossier, **data)
        return Response(ScreeningSerializer(screening).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One screening", responses={200: ScreeningSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(ScreeningSerializer(selectors.screening_get(user=request.user, screening_id=pk)).data)


class TrajectoryViewSet(viewsets.GenericViewSet):
    queryset = Trajectory.objects.none()
    serializer_class = TrajectorySerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The trajectories of one dossier",
        parameters=[DOSSIER_PARAMETER],
        responses={200: TrajectorySerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier = dossier_get(
            user=request.user, dossier_id=required_dossier(request), what="trajectory", minimum=Access.FULL
        )
        page = self.paginate_queryset(selectors.trajectories_of(dossier=dossier))
        return self.get_paginated_response(TrajectorySerializer(page, many=True).data)

    @extend_schema(
        summary="Start a trajectory in a phase, naming its coach (the dossier's activation coach)",
        request=TrajectoryCreateSerializer,
        responses={201: TrajectorySerializer, **CONFLICT, **ERRORS},
    )
    def create(self, request):
        serializer = TrajectoryCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="trajectory_start", minimum=Access.FULL
        )
        screening_id = data.pop("screening", None)
        screening = None
        if screening_id is not None:
            screening = Screening.objects.filter(pk=screening_id, dossier=dossier).first()
            if screening is None:
                raise DomainError(_("Deze screening hoort niet bij het dossier."), field="screening")
        trajectory = services.trajectory_start(
            actor=request.user, dossier=dossier, screening=screening, **data
        )
        trajectory = selectors.trajectory_get_unlogged(trajectory_id=trajectory.pk)
        return Response(TrajectorySerializer(trajectory).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="One trajectory with its phase history and measures",
        responses={200: TrajectorySerializer, **ERRORS},
    )
    def retrieve(self, request, pk=None):
        return Response(
            TrajectorySerializer(selectors.trajectory_get(user=request.user, trajectory_id=pk)).data
        )

    @extend_schema(
        summary="Move the client to another phase (unknown phase: 400; the current phase: 409)",
        request=PhaseChangeCreateSerializer,
        responses={201: TrajectorySerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="phase-changes")
    def phase_changes(self, request, pk=None):
        serializer = PhaseChangeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        trajectory = selectors.trajectory_get(
            user=request.user, trajectory_id=pk, what="trajectory_phase_change"
        )
        trajectory = services.trajectory_phase_change(
            actor=request.user, trajectory=trajectory, **serializer.validated_data
        )
        fresh = selectors.trajectory_get_unlogged(trajectory_id=trajectory.pk)
        return Response(TrajectorySerializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a measure of the current phase",
        request=MeasureCreateSerializer,
        responses={201: MeasureSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def measures(self, request, pk=None):
        serializer = MeasureCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        trajectory = selectors.trajectory_get(user=request.user, trajectory_id=pk, what="trajectory_measure")
        measure = services.measure_record(
            actor=request.user, trajectory=trajectory, **serializer.validated_data
        )
        return Response(MeasureSerializer(measure).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a monitoring contact (moves next_monitoring_due)",
        request=MonitoringContactCreateSerializer,
        responses={201: MonitoringContactSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="monitoring-contacts")
    def monitoring_contacts(self, request, pk=None):
        serializer = MonitoringContactCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        trajectory = selectors.trajectory_get(
            user=request.user, trajectory_id=pk, what="trajectory_monitoring"
        )
        contact = services.monitoring_contact_record(
            actor=request.user, trajectory=trajectory, **serializer.validated_data
        )
        return Response(MonitoringContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class GpmiViewSet(viewsets.GenericViewSet):
    queryset = Gpmi.objects.none()
    serializer_class = GpmiSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The GPMIs of one dossier",
        parameters=[DOSSIER_PARAMETER],
        responses={200: GpmiSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier = dossier_get(
            user=request.user, dossier_id=required_dossier(request), what="gpmi", minimum=Access.FULL
        )
        page = self.paginate_queryset(selectors.gpmis_of(dossier=dossier))
        return self.get_paginated_response(GpmiSerializer(page, many=True).data)

    @extend_schema(
        summary="Draw up a GPMI: conclusion_due = grant + 3 months; signing needs the sociale balans",
        request=GpmiCreateSerializer,
        responses={201: GpmiSerializer, **CONFLICT, **ERRORS},
    )
    def create(self, request):
        serializer = GpmiCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="gpmi_create", minimum=Access.FULL
        )
        gpmi = services.gpmi_create(actor=request.user, dossier=dossier, **data)
        return Response(GpmiSerializer(gpmi).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="One GPMI with its evaluations and compliance", responses={200: GpmiSerializer, **ERRORS}
    )
    def retrieve(self, request, pk=None):
        return Response(GpmiSerializer(selectors.gpmi_get(user=request.user, gpmi_id=pk)).data)

    @extend_schema(
        summary="Write, amend (a new version once signed) or sign (signed_on) the contract",
        request=GpmiTextsSerializer,
        responses={200: GpmiSerializer, **CONFLICT, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        serializer = GpmiTextsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gpmi = selectors.gpmi_get(user=request.user, gpmi_id=pk, what="gpmi_update")
        gpmi = services.gpmi_update(actor=request.user, gpmi=gpmi, **serializer.validated_data)
        return Response(GpmiSerializer(selectors.gpmi_get_unlogged(gpmi_id=gpmi.pk)).data)

    @extend_schema(
        summary="Record an evaluation (held_on, in_person, summary)",
        request=GpmiEvaluationCreateSerializer,
        responses={201: GpmiEvaluationSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def evaluations(self, request, pk=None):
        serializer = GpmiEvaluationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gpmi = selectors.gpmi_get(user=request.user, gpmi_id=pk, what="gpmi_evaluate")
        evaluation = services.gpmi_evaluate(actor=request.user, gpmi=gpmi, **serializer.validated_data)
        return Response(GpmiEvaluationSerializer(evaluation).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Exempt the client from the GPMI for health or equity reasons, with the reason",
        request=GpmiExemptionSerializer,
        responses={200: GpmiSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def exemption(self, request, pk=None):
        serializer = GpmiExemptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gpmi = selectors.gpmi_get(user=request.user, gpmi_id=pk, what="gpmi_update")
        gpmi = services.gpmi_exempt(actor=request.user, gpmi=gpmi, **serializer.validated_data)
        return Response(GpmiSerializer(selectors.gpmi_get_unlogged(gpmi_id=gpmi.pk)).data)

    @extend_schema(
        summary="Give a formal warning for not keeping the GPMI",
        request=GpmiWarningCreateSerializer,
        responses={201: GpmiWarningSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def warnings(self, request, pk=None):
        serializer = GpmiWarningCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gpmi = selectors.gpmi_get(user=request.user, gpmi_id=pk, what="gpmi_warning")
        warning = services.gpmi_warning_give(actor=request.user, gpmi=gpmi, **serializer.validated_data)
        return Response(GpmiWarningSerializer(warning).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Propose a suspension to the committee (after a warning; 1 month, up to 3 on a repeat)",
        request=SanctionProposalCreateSerializer,
        responses={201: SanctionProposalSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="sanction-proposals")
    def sanction_proposals(self, request, pk=None):
        serializer = SanctionProposalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gpmi = selectors.gpmi_get(user=request.user, gpmi_id=pk, what="gpmi_sanction")
        proposal = services.sanction_propose(actor=request.user, gpmi=gpmi, **serializer.validated_data)
        return Response(SanctionProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


class BoardView(APIView):
    """The coach's board (journey 5): their running trajectories on dossiers they may open, overdue
    monitoring and GPMI items first; one screen, not paged; one access-log row."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The coach's board: who needs contact, overdue first (filters: phase, measure)",
        parameters=[BoardQuerySerializer],
        responses={200: BoardSerializer, **ERRORS},
    )
    def get(self, request):
        query = BoardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = selectors.coach_board(
            user=request.user,
            phase=query.validated_data.get("phase"),
            measure_kind=query.validated_data.get("measure"),
        )
        return Response(BoardSerializer({"count": len(rows), "results": rows}).data)


class GroupActivityViewSet(viewsets.GenericViewSet):
    """Group activation work: the coach's own activities (for anyone else an activity is not there)."""

    queryset = GroupActivity.objects.none()
    serializer_class = GroupActivityDetailSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The activities the caller organises",
        responses={200: GroupActivitySerializer(many=True), **ERRORS},  # 404: a page that does not exist
    )
    def list(self, request):
        page = self.paginate_queryset(selectors.group_activities_of(user=request.user))
        return self.get_paginated_response(GroupActivitySerializer(page, many=True).data)

    @extend_schema(
        summary="Organise a group activity (an activation coach)",
        request=GroupActivityCreateSerializer,
        responses={201: GroupActivityDetailSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = GroupActivityCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = services.group_activity_create(actor=request.user, **serializer.validated_data)
        return Response(GroupActivityDetailSerializer(activity).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="One activity with its participants and the attendance of every session",
        responses={200: GroupActivityDetailSerializer, **ERRORS},
    )
    def retrieve(self, request, pk=None):
        activity = selectors.group_activity_get(user=request.user, activity_id=pk)
        return Response(GroupActivityDetailSerializer(activity).data)

    @extend_schema(
        summary="A client joins through their trajectory (someone who works in the dossier)",
        request=GroupParticipantCreateSerializer,
        responses={201: GroupParticipantSerializer, **CONFLICT, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def participants(self, request, pk=None):
        serializer = GroupParticipantCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = selectors.group_activity_get(user=request.user, activity_id=pk)
        trajectory = selectors.trajectory_get(
            user=request.user, trajectory_id=serializer.validated_data["trajectory"], what="trajectory"
        )
        participant = services.group_participant_add(
            actor=request.user, activity=activity, trajectory=trajectory
        )
        return Response(GroupParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a session with the attendance of every participant (present: participant ids)",
        request=GroupSessionCreateSerializer,
        responses={201: GroupSessionSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        serializer = GroupSessionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        activity = selectors.group_activity_get(user=request.user, activity_id=pk)
        session = services.group_session_record(
            actor=request.user,
            activity=activity,
            held_on=data["held_on"],
            topic=data["topic"],
            present_participant_ids=data["present"],
        )
        return Response(GroupSessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The final evaluation of the activity",
        request=GroupEvaluationCreateSerializer,
        responses={200: GroupActivitySerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def evaluation(self, request, pk=None):
        serializer = GroupEvaluationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = selectors.group_activity_get(user=request.user, activity_id=pk)
        activity = services.group_activity_evaluate(
            actor=request.user, activity=activity, **serializer.validated_data
        )
        return Response(GroupActivitySerializer(activity).data)
