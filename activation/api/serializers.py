import uuid

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from activation import selectors
from activation.models import (
    DecisionQuestion,
    DecisionTree,
    Gpmi,
    GpmiEvaluation,
    GpmiKind,
    GpmiWarning,
    GroupActivity,
    Measure,
    MeasureKind,
    MonitoringContact,
    Phase,
    PhaseChange,
    SanctionProposal,
    Screening,
    Trajectory,
)
from casework.dossiers.api import TEXT
from casework.models import Partner


class DecisionQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DecisionQuestion
        fields = ["position", "code", "text", "phase"]


class DecisionTreeSerializer(serializers.ModelSerializer):
    questions = DecisionQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = DecisionTree
        fields = ["version", "name", "default_phase", "questions"]


class ScreeningSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    tree_version = serializers.IntegerField(source="tree.version", read_only=True)
    screened_by = serializers.CharField(source="screened_by.username", read_only=True)

    class Meta:
        model = Screening
        fields = [
            "id",
            "dossier",
            "tree_version",
            "answers",
            "path",
            "recommended_phase",
            "chosen_phase",
            "override_reason",
            "screened_on",
            "screened_by",
        ]


class ScreeningCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    answers = serializers.DictField(child=serializers.BooleanField(), allow_empty=False)
    chosen_phase = serializers.CharField(required=False, allow_blank=True, max_length=30)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT)
    screened_on = serializers.DateField(required=False)


class PhaseChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.CharField(source="changed_by.username", read_only=True)
    from_phase = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = PhaseChange
        fields = ["from_phase", "to_phase", "changed_on", "reason", "changed_by"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["from_phase"] = data["from_phase"] or None
        return data


class MeasureSerializer(serializers.ModelSerializer):
    partner = serializers.UUIDField(source="partner_id", read_only=True, allow_null=True)
    partner_name = serializers.CharField(source="partner_label", read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "kind",
            "phase",
            "partner",
            "partner_name",
            "started_on",
            "ended_on",
            "hours_per_month",
            "interests",
            "job_target",
            "level",
            "outcome",
        ]


class MonitoringContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = MonitoringContact
        fields = ["id", "held_on", "with_whom", "in_person", "summary"]


class TrajectorySerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    coach = serializers.CharField(source="coach.username", read_only=True)
    screening = serializers.UUIDField(source="screening_id", read_only=True, allow_null=True)
    phase_history = PhaseChangeSerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)
    monitoring_contacts = MonitoringContactSerializer(many=True, read_only=True)

    class Meta:
        model = Trajectory
        fields = [
            "id",
            "dossier",
            "coach",
            "screening",
            "phase",
            "phase_since",
            "started_on",
            "ended_on",
            "last_monitored_on",
            "next_monitoring_due",
            "phase_history",
            "measures",
            "monitoring_contacts",
        ]


class TrajectoryCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    coach = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True)
    )  # the service checks the role (a JSON list: no portable filter on it)
    phase = serializers.CharField(max_length=30)
    started_on = serializers.DateField()
    screening = serializers.UUIDField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT)


class PhaseChangeCreateSerializer(serializers.Serializer):
    to_phase = serializers.CharField(max_length=30)
    reason = serializers.CharField(max_length=TEXT)
    changed_on = serializers.DateField(required=False)


class MeasureCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeasureKind.choices)
    partner = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(required=False, allow_null=True)
    hours_per_month = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=744)
    interests = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT)
    job_target = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    level = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    outcome = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT)

    def validate(self, attrs):
        """`partner`: a partner of the social map by id or by its exact name, else the name as typed."""
        name = attrs.pop("partner", "").strip()
        partner = None
        if name:
            try:
                partner = Partner.objects.filter(pk=uuid.UUID(name)).first()
            except ValueError:  # not an id: look the name up
                partner = Partner.objects.filter(name__iexact=name).first()
        attrs["partner"] = partner
        attrs["partner_name"] = "" if partner else name
        return attrs


class MonitoringContactCreateSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    with_whom = serializers.CharField(max_length=150)
    in_person = serializers.BooleanField(required=False, default=True)
    summary = serializers.CharField(max_length=TEXT)


class GpmiEvaluationSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)

    class Meta:
        model = GpmiEvaluation
        fields = ["id", "held_on", "in_person", "summary", "recorded_by"]


class GpmiSerializer(serializers.ModelSerializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    evaluations = GpmiEvaluationSerializer(many=True, read_only=True)
    evaluations_last_12_months = serializers.SerializerMethodField()
    in_person_last_12_months = serializers.SerializerMethodField()
    compliant = serializers.SerializerMethodField()

    class Meta:
        model = Gpmi
        fields = [
            "id",
            "dossier",
            "kind",
            "status",
            "leefloon_granted_on",
            "conclusion_due",
            "signed_on",
            "social_balance",
            "goals",
            "client_commitments",
            "ocmw_commitments",
            "third_parties",
            "exemption_reason",
            "version",
            "next_evaluation_due",
            "evaluations_last_12_months",
            "in_person_last_12_months",
            "compliant",
            "evaluations",
        ]

    def _standing(self, gpmi):
        if not hasattr(gpmi, "_standing"):
            gpmi._standing = selectors.gpmi_standing(gpmi)
        return gpmi._standing

    def get_evaluations_last_12_months(self, gpmi) -> int:
        return self._standing(gpmi).last_12_months

    def get_in_person_last_12_months(self, gpmi) -> int:
        return self._standing(gpmi).in_person_last_12_months

    def get_compliant(self, gpmi) -> bool:
        return self._standing(gpmi).compliant


class GpmiTextsSerializer(serializers.Serializer):
    social_balance = serializers.CharField(required=False, allow_blank=True, max_length=TEXT)
    goals = serializers.CharField(required=False, allow_blank=True, max_length=TEXT)
    client_commitments = serializers.CharField(required=False, allow_blank=True, max_length=TEXT)
    ocmw_commitments = serializers.CharField(required=False, allow_blank=True, max_length=TEXT)
    third_parties = serializers.CharField(required=False, allow_blank=True, max_length=TEXT)
    signed_on = serializers.DateField(required=False, allow_null=True)


class GpmiCreateSerializer(GpmiTextsSerializer):
    dossier = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=GpmiKind.choices)
    leefloon_granted_on = serializers.DateField()


class GpmiEvaluationCreateSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    in_person = serializers.BooleanField()
    summary = serializers.CharField(max_length=TEXT)


class GpmiExemptionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT, allow_blank=True)


class GpmiWarningSerializer(serializers.ModelSerializer):
    given_by = serializers.CharField(source="given_by.username", read_only=True)

    class Meta:
        model = GpmiWarning
        fields = ["id", "given_on", "reason", "given_by"]


class GpmiWarningCreateSerializer(serializers.Serializer):
    given_on = serializers.DateField()
    reason = serializers.CharField(max_length=TEXT, allow_blank=True)


class SanctionProposalSerializer(serializers.ModelSerializer):
    gpmi = serializers.UUIDField(source="gpmi_id", read_only=True)
    warning = serializers.UUIDField(source="warning_id", read_only=True)
    proposed_by = serializers.CharField(source="proposed_by.username", read_only=True)

    class Meta:
        model = SanctionProposal
        fields = [
            "id",
            "gpmi",
            "warning",
            "proposed_on",
            "suspension_months",
            "repeat",
            "motivation",
            "status",
            "submission_id",
            "proposed_by",
        ]


class SanctionProposalCreateSerializer(serializers.Serializer):
    suspension_months = serializers.IntegerField(min_value=1, max_value=3)
    motivation = serializers.CharField(max_length=TEXT, allow_blank=True)
    proposed_on = serializers.DateField(required=False)


# --- The coach's board (journey 5: who needs contact this week) ---


class BoardQuerySerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices, required=False)
    measure = serializers.ChoiceField(choices=MeasureKind.choices, required=False)


class BoardGpmiSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.CharField()
    conclusion_due = serializers.DateField()
    days_left = serializers.IntegerField(allow_null=True)
    next_evaluation_due = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()


class BoardRowSerializer(serializers.Serializer):
    trajectory = serializers.UUIDField(source="pk")
    dossier = serializers.UUIDField(source="dossier_id")
    client = serializers.SerializerMethodField()
    phase = serializers.CharField()
    phase_since = serializers.DateField()
    next_monitoring_due = serializers.DateField(allow_null=True)
    monitoring_overdue = serializers.BooleanField()
    measures = serializers.SerializerMethodField()
    gpmi = serializers.SerializerMethodField()

    def get_client(self, trajectory) -> str:
        client = trajectory.dossier.client
        return f"{client.last_name}, {client.first_name}"

    def get_measures(self, trajectory) -> list[str]:
        return [measure.kind for measure in trajectory.running_measures]

    @extend_schema_field(BoardGpmiSerializer(allow_null=True))
    def get_gpmi(self, trajectory) -> dict | None:
        gpmi = trajectory.gpmi
        if gpmi is None:
            return None
        return {
            "id": gpmi.pk,
            "status": gpmi.status,
            "conclusion_due": gpmi.conclusion_due,
            "days_left": trajectory.gpmi_days_left,
            "next_evaluation_due": gpmi.next_evaluation_due,
            "overdue": trajectory.gpmi_overdue,
        }


class BoardSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = BoardRowSerializer(many=True)


# --- Group activation work ---


class GroupActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = GroupActivity
        fields = ["id", "name", "description", "starts_on", "final_evaluation", "evaluated_on"]


class GroupActivityCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    starts_on = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT)


class GroupParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    trajectory = serializers.UUIDField(source="trajectory_id")
    client = serializers.SerializerMethodField()

    def get_client(self, participant) -> str:
        client = participant.trajectory.dossier.client
        return f"{client.last_name}, {client.first_name}"


class GroupAttendanceSerializer(serializers.Serializer):
    participant = serializers.IntegerField(source="participant_id")
    present = serializers.BooleanField()


class GroupSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    held_on = serializers.DateField()
    topic = serializers.CharField()
    attendance = GroupAttendanceSerializer(many=True)


class GroupActivityDetailSerializer(GroupActivitySerializer):
    participants = GroupParticipantSerializer(many=True, read_only=True)
    sessions = GroupSessionSerializer(many=True, read_only=True)

    class Meta(GroupActivitySerializer.Meta):
        fields = [*GroupActivitySerializer.Meta.fields, "participants", "sessions"]


class GroupParticipantCreateSerializer(serializers.Serializer):
    trajectory = serializers.UUIDField()


class GroupSessionCreateSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    topic = serializers.CharField(max_length=200)
    present = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, default=list, max_length=500
    )


class GroupEvaluationCreateSerializer(serializers.Serializer):
    evaluation = serializers.CharField(max_length=TEXT)
