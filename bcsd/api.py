"""The committee's endpoints (shared/api.md, Committee): thin views that validate, call one service or
selector, and serialize. Role refusals come first (403), then objects the caller may not see (404)."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Role, User
from activation import selectors as activation_selectors
from bcsd import selectors, services
from bcsd.documents import decision_letter_pdf, hearing_invitation_pdf, minutes_pdf
from bcsd.models import (
    Decision,
    DecisionOutcome,
    Frequency,
    Hearing,
    Meeting,
    NotificationMethod,
    ReviewOutcome,
    Submission,
    SubmissionKind,
)
from casework import policy
from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from casework.register.models import AidRequest
from clients.api.serializers import ConflictSerializer
from core.errors import NotFoundError, PermissionDeniedError
from core.ids import uuid_or_404
from core.openapi import ERRORS

# --- Serializers ---


class ReviewSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    remarks = serializers.CharField()
    reviewer = serializers.CharField(source="reviewer.username")
    reviewed_at = serializers.DateTimeField()


class SubmissionSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    request = serializers.UUIDField(source="request_id", read_only=True, allow_null=True)
    submitted_by = serializers.CharField(source="submitted_by.username", read_only=True)
    ready = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()
    reviews = ReviewSerializer(source="prefetched_reviews", many=True, read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "dossier",
            "request",
            "kind",
            "proposal",
            "motivation",
            "legal_basis",
            "amount",
            "frequency",
            "period_start",
            "period_end",
            "hearing_offered_on",
            "status",
            "ready",
            "missing",
            "snapshot",
            "snapshot_hash",
            "submitted_by",
            "submitted_at",
            "reviews",
        ]

    def get_ready(self, submission) -> bool:
        return submission.status == "ready"

    def get_missing(self, submission) -> list[str]:
        if submission.status in ("on_agenda", "decided"):
            return []
        return services.missing_labels(services.submission_missing(submission))


class SubmissionCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    request = serializers.UUIDField(required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=SubmissionKind.choices)
    proposal = serializers.CharField(max_length=20000)
    motivation = serializers.CharField(max_length=20000)
    legal_basis = serializers.CharField(max_length=5000)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False, default="")
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    hearing_offered_on = serializers.DateField(required=False, allow_null=True)


class SanctionSubmissionCreateSerializer(serializers.Serializer):
    sanction_proposal = serializers.UUIDField()
    # Optional in the schema so that its absence gets the service's own message (always after a hearing).
    hearing_offered_on = serializers.DateField(required=False, allow_null=True, default=None)


class ReviewCreateSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    remarks = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class VotesSerializer(serializers.Serializer):
    in_favour = serializers.IntegerField(min_value=0, max_value=100)
    against = serializers.IntegerField(min_value=0, max_value=100)
    abstained = serializers.IntegerField(min_value=0, max_value=100)


class DecisionCreateSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    motivation = serializers.CharField(max_length=20000)
    decided_on = serializers.DateField()
    legal_basis = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    amount = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, allow_null=True)
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False, default="")
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    votes = VotesSerializer(required=False, allow_null=True)


class AppealSerializer(serializers.Serializer):
    id = serializers.UUIDField(read_only=True)
    filed_on = serializers.DateField()
    court = serializers.CharField(max_length=150)
    case_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    outcome = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    outcome_on = serializers.DateField(required=False, allow_null=True)


class DecisionSerializer(serializers.ModelSerializer):
    submission = serializers.UUIDField(source="submission_id", read_only=True)
    votes = serializers.SerializerMethodField()
    appeals = AppealSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "submission",
            "outcome",
            "motivation",
            "legal_basis",
            "amount",
            "frequency",
            "period_start",
            "period_end",
            "decided_on",
            "urgent",
            "votes",
            "notification_due",
            "sent_on",
            "notification_method",
            "notified_on",
            "appeal_until",
            "review_due",
            "subsidy_category",
            "gpmi_applies",
            "appeals",
        ]

    def get_votes(self, decision) -> dict | None:
        if decision.votes_in_favour is None:
            return None
        return {
            "in_favour": decision.votes_in_favour,
            "against": decision.votes_against,
            "abstained": decision.votes_abstained,
        }


class NotifySerializer(serializers.Serializer):
    sent_on = serializers.DateField()
    method = serializers.ChoiceField(choices=NotificationMethod.choices)


class HearingCreateSerializer(serializers.Serializer):
    requested_on = serializers.DateField()
    meeting = serializers.UUIDField(required=False, allow_null=True)
    scheduled_at = serializers.DateTimeField(required=False, allow_null=True)
    companion = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)


class HearingSerializer(serializers.ModelSerializer):
    submission = serializers.UUIDField(source="submission_id", read_only=True)
    meeting = serializers.UUIDField(source="meeting_id", read_only=True, allow_null=True)

    class Meta:
        model = Hearing
        fields = ["id", "submission", "requested_on", "meeting", "scheduled_at", "companion", "held", "notes"]


class HearingOutcomeSerializer(serializers.Serializer):
    held = serializers.BooleanField()
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class AgendaItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    submission = serializers.UUIDField(source="submission_id")
    kind = serializers.CharField(source="submission.kind")
    dossier_reference = serializers.CharField(source="submission.dossier.reference")
    client = serializers.CharField(source="submission.snapshot.client.name", default="")
    late = serializers.BooleanField()
    ratification = serializers.BooleanField()


class MeetingSerializer(serializers.ModelSerializer):
    members = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    chair = serializers.CharField(source="chair.username", read_only=True, allow_null=True, default=None)
    agenda = AgendaItemSerializer(source="items", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "date",
            "time",
            "place",
            "status",
            "chair",
            "members",
            "published_on",
            "held_on",
            "agenda",
        ]


class MeetingListSerializer(MeetingSerializer):
    class Meta(MeetingSerializer.Meta):
        fields = ["id", "date", "time", "place", "status", "published_on", "held_on"]


class MeetingCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    time = serializers.TimeField(required=False, allow_null=True)
    place = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    members = serializers.SlugRelatedField(
        slug_field="username", many=True, queryset=User.objects.filter(is_active=True)
    )
    chair = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )


class AgendaAddSerializer(serializers.Serializer):
    submission = serializers.UUIDField()


class AgendaOrderSerializer(serializers.Serializer):
    submissions = serializers.ListField(child=serializers.UUIDField(), max_length=500)


def _require_secretary(user) -> None:
    if not policy.is_committee_secretary(user):
        raise PermissionDeniedError()


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- Meetings ---


class MeetingViewSet(viewsets.GenericViewSet):
    """Committee meetings and their agenda."""

    queryset = Meeting.objects.none()
    serializer_class = MeetingSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The meetings the caller may open",
        responses={200: MeetingListSerializer(many=True), **ERRORS},  # 404: a page that does not exist
    )
    def list(self, request):
        page = self.paginate_queryset(selectors.meeting_list(user=request.user))
        return self.get_paginated_response(MeetingListSerializer(page, many=True).data)

    @extend_schema(
        summary="Plan a meeting (secretary)",
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer, **ERRORS},
    )
    def create(self, request):
        _require_secretary(request.user)
        serializer = MeetingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=request.user, **serializer.validated_data)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="A meeting with its agenda", responses={200: MeetingSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(MeetingSerializer(selectors.meeting_get(user=request.user, meeting_id=pk)).data)

    def _meeting(self, request, pk) -> Meeting:
        _require_secretary(request.user)
        return selectors.meeting_get(user=request.user, meeting_id=pk, log=False)

    @extend_schema(
        summary="Put a ready submission on the agenda (late after the deadline)",
        request=AgendaAddSerializer,
        responses={201: AgendaItemSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def agenda(self, request, pk=None):
        meeting = self._meeting(request, pk)
        serializer = AgendaAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        submission = selectors.submission_get(
            user=request.user, submission_id=serializer.validated_data["submission"], log=False
        )
        item = services.agenda_add(actor=request.user, meeting=meeting, submission=submission)
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Reorder the agenda",
        request=AgendaOrderSerializer,
        responses={200: AgendaItemSerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="agenda/order")
    def agenda_order(self, request, pk=None):
        meeting = self._meeting(request, pk)
        serializer = AgendaOrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = services.agenda_order(
            actor=request.user, meeting=meeting, submission_ids=serializer.validated_data["submissions"]
        )
        return Response(AgendaItemSerializer(items, many=True).data)

    @extend_schema(
        summary="Publish the agenda and tell the members",
        request=None,
        responses={200: MeetingSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        meeting = services.meeting_publish(actor=request.user, meeting=self._meeting(request, pk))
        return Response(MeetingListSerializer(meeting).data)

    @extend_schema(
        summary="Open the meeting (not before its date)",
        request=None,
        responses={200: MeetingSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        meeting = services.meeting_hold(actor=request.user, meeting=self._meeting(request, pk))
        return Response(MeetingListSerializer(meeting).data)

    @extend_schema(
        summary="The minutes (PDF): each decision by dossier reference",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS},
    )
    def minutes(self, request, pk=None):
        meeting = selectors.meeting_get(user=request.user, meeting_id=pk, log=False)
        return _pdf(minutes_pdf(meeting), f"notulen-bcsd-{meeting.date:%Y-%m-%d}.pdf")


# --- Submissions ---


class SubmissionViewSet(viewsets.GenericViewSet):
    """Proposals to the committee, frozen when submitted."""

    queryset = Submission.objects.none()
    serializer_class = SubmissionSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="Submit a proposal: what the committee reads is frozen (with its sha256)",
        request=SubmissionCreateSerializer,
        responses={201: SubmissionSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = SubmissionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = dossier_get(
            user=request.user,
            dossier_id=data.pop("dossier"),
            what="bcsd_submission_write",
            minimum=Access.FULL,
        )
        request_id = data.pop("request", None)
        aid_request = None
        if request_id is not None:
            aid_request = (
                AidRequest.objects.select_related("inquiry").filter(pk=request_id, dossier=dossier).first()
            )
            if aid_request is None:
                raise NotFoundError()
        submission = services.submission_create(
            actor=request.user, dossier=dossier, aid_request=aid_request, **data
        )
        return Response(SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Submit a GPMI sanction proposed in activation (kind gpmi_sanction; once per proposal)",
        request=SanctionSubmissionCreateSerializer,
        responses={201: SubmissionSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=False, methods=["post"], url_path="from-sanction-proposal")
    def from_sanction_proposal(self, request):
        serializer = SanctionSubmissionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        proposal = activation_selectors.sanction_proposal_for_committee(
            user=request.user, proposal_id=serializer.validated_data["sanction_proposal"]
        )
        submission = services.submission_from_sanction_proposal(
            actor=request.user,
            proposal=proposal,
            hearing_offered_on=serializer.validated_data["hearing_offered_on"],
        )
        return Response(SubmissionSerializer(submission).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One frozen submission", responses={200: SubmissionSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(
            SubmissionSerializer(selectors.submission_get(user=request.user, submission_id=pk)).data
        )

    @extend_schema(
        summary="The team lead approves or returns the proposal (four eyes)",
        request=ReviewCreateSerializer,
        responses={201: ReviewSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        submission = selectors.submission_get(user=request.user, submission_id=pk, log=False)
        serializer = ReviewCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.submission_review(
            actor=request.user, submission=submission, **serializer.validated_data
        )
        selectors.log_reads(request.user, [submission], "bcsd_submission")
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, pk, *, urgent: bool):
        serializer = DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if urgent:
            # The chair decides between meetings; the service checks that the caller chairs the next one.
            if not request.user.has_role(Role.COMMITTEE_MEMBER):
                raise PermissionDeniedError()
            submission = Submission.objects.filter(pk=uuid_or_404(pk)).select_related("dossier").first()
            if submission is None:
                raise NotFoundError()
        else:
            _require_secretary(request.user)
            submission = selectors.submission_get(user=request.user, submission_id=pk, log=False)
        decision = services.decision_record(actor=request.user, submission=submission, urgent=urgent, **data)
        selectors.log_reads(request.user, [submission], "bcsd_decision")
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record the committee's decision on an item of a held meeting (secretary)",
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        return self._decide(request, pk, urgent=False)

    @extend_schema(
        summary="An urgent decision of the chair, ratified at the next meeting",
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="urgent-decision")
    def urgent_decision(self, request, pk=None):
        return self._decide(request, pk, urgent=True)

    @extend_schema(
        summary="The client asks to be heard (hoorrecht): scheduled in a meeting",
        request=HearingCreateSerializer,
        responses={201: HearingSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def hearing(self, request, pk=None):
        submission = selectors.submission_get(user=request.user, submission_id=pk, log=False)
        serializer = HearingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        meeting_id = data.pop("meeting", None)
        meeting = Meeting.objects.filter(pk=meeting_id).first() if meeting_id else None
        if meeting_id and meeting is None:
            raise NotFoundError()
        hearing = services.hearing_request(actor=request.user, submission=submission, meeting=meeting, **data)
        selectors.log_reads(request.user, [submission], "bcsd_hearing")
        return Response(HearingSerializer(hearing).data, status=status.HTTP_201_CREATED)


class HearingViewSet(viewsets.GenericViewSet):
    queryset = Hearing.objects.none()
    serializer_class = HearingSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="Record whether the hearing was held",
        request=HearingOutcomeSerializer,
        responses={200: HearingSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        _require_secretary(request.user)
        hearing = selectors.hearing_get(user=request.user, hearing_id=pk, log=False)
        serializer = HearingOutcomeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        hearing = services.hearing_outcome(actor=request.user, hearing=hearing, **serializer.validated_data)
        return Response(HearingSerializer(hearing).data)

    @extend_schema(
        summary="The invitation to the hearing (PDF)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS},
    )
    def invitation(self, request, pk=None):
        hearing = selectors.hearing_get(user=request.user, hearing_id=pk)
        return _pdf(hearing_invitation_pdf(hearing), f"uitnodiging-hoorzitting-{hearing.requested_on}.pdf")


class DecisionViewSet(viewsets.GenericViewSet):
    queryset = Decision.objects.none()
    serializer_class = DecisionSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(summary="One decision", responses={200: DecisionSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(DecisionSerializer(selectors.decision_get(user=request.user, decision_id=pk)).data)

    @extend_schema(
        summary="Record the notification: the appeal term starts",
        request=NotifySerializer,
        responses={200: DecisionSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        _require_secretary(request.user)
        decision = selectors.decision_get(user=request.user, decision_id=pk, log=False)
        serializer = NotifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision = services.decision_notify(
            actor=request.user, decision=decision, **serializer.validated_data
        )
        return Response(DecisionSerializer(decision).data)

    @extend_schema(
        summary="Record an appeal to the labour court (and later its outcome)",
        request=AppealSerializer,
        responses={201: AppealSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        _require_secretary(request.user)
        decision = selectors.decision_get(user=request.user, decision_id=pk, log=False)
        serializer = AppealSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        appeal = services.appeal_record(actor=request.user, decision=decision, **serializer.validated_data)
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The notification letter (PDF) with every mandatory mention",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 409: ConflictSerializer, **ERRORS},
    )
    def letter(self, request, pk=None):
        decision = selectors.decision_get(user=request.user, decision_id=pk, what="bcsd_letter", letter=True)
        return _pdf(decision_letter_pdf(decision), f"beslissing-{decision.submission.dossier.reference}.pdf")
