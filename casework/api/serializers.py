from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Team, User
from casework import rules
from casework.models import (
    AidRequest,
    Channel,
    Contact,
    Dossier,
    Inquiry,
    InquiryDocument,
    KszConsultation,
    KszService,
    LeefloonCalculation,
    RequestChannel,
    RequestKind,
    RequestStatus,
)
from casework.services import inquiry_missing_labels
from clients.models import AccessLog, Client, HouseholdMember, Relation


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


class BreakGlassSerializer(serializers.Serializer):
    dossier = serializers.UUIDField(source="dossier_id", read_only=True)
    reason = serializers.CharField(read_only=True)
    granted_at = serializers.DateTimeField(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)


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

    def validate_occurred_at(self, value):
        if value > timezone.now() + timezone.timedelta(minutes=5):
            raise serializers.ValidationError(_("Een contact kan niet in de toekomst liggen."))
        return value


class ClientRecordSerializer(serializers.ModelSerializer):
    address = serializers.SerializerMethodField()
    dossiers = serializers.SerializerMethodField()

    class Meta:
        model = Client
        fields = [
            "id",
            "insz",
            "first_name",
            "last_name",
            "birth_date",
            "gender",
            "nationality",
            "language",
            "address",
            "phone",
            "email",
            "iban",
            "dossiers",
        ]

    def get_address(self, client) -> dict:
        fields = ["street", "house_number", "box", "postal_code", "municipality"]
        return {field: getattr(client, field) for field in fields}

    def get_dossiers(self, client) -> list[str]:
        return [str(d.pk) for d in getattr(client, "all_dossiers", [])]


class HistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(allow_null=True)
    change_type = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    changes = HistoryChangeSerializer(many=True)


class HouseholdMemberSerializer(serializers.ModelSerializer):
    client = serializers.UUIDField(source="member_id")
    first_name = serializers.CharField(source="member.first_name", read_only=True)
    last_name = serializers.CharField(source="member.last_name", read_only=True)
    relation = serializers.ChoiceField(choices=Relation.choices)
    to_date = serializers.DateField(required=False, allow_null=True)

    class Meta:
        model = HouseholdMember
        fields = ["client", "first_name", "last_name", "relation", "from_date", "to_date"]

    def validate(self, attrs):
        if attrs.get("to_date") and attrs["to_date"] < attrs["from_date"]:
            raise serializers.ValidationError({"to_date": _("De einddatum ligt voor de begindatum.")})
        return attrs


class HouseholdSerializer(serializers.Serializer):
    members = HouseholdMemberSerializer(many=True)


class AccessLogEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username")
    user_name = serializers.CharField(source="user.display_name")

    class Meta:
        model = AccessLog
        fields = ["accessed_at", "user", "user_name", "what", "purpose", "dossier_id"]


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
            "created_at",
            "inquiry",
        ]

    def get_inquiry(self, aid_request) -> str | None:
        inquiry_id = getattr(aid_request, "inquiry_id", None)
        return str(inquiry_id) if inquiry_id else None


class AidRequestCreateSerializer(serializers.Serializer):
    dossier = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    received_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=RequestChannel.choices, default=RequestChannel.ORAL)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class RequestTransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=RequestStatus.choices)
    forwarded_to = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    forward_reasons = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    on = serializers.DateField(required=False)


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
            inquiry._missing = inquiry_missing_labels(inquiry)
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

    def validate(self, attrs):
        today = timezone.localdate()
        for field in ("sworn_statement_on", "authorisation_on", "hearing_right_informed_on"):
            if attrs.get(field) and attrs[field] > today:
                raise serializers.ValidationError({field: _("Deze datum kan niet in de toekomst liggen.")})
        return attrs


class InquiryDocumentMarkSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    received_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.00")}


class ResourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(rules.RESOURCE_LABELS))
    yearly_amount = serializers.DecimalField(**MONEY)
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class LeefloonCalculationRequestSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=[1, 2, 3])
    reference_date = serializers.DateField()
    resources = ResourceSerializer(many=True, required=False, default=list)
    apply_general_exemption = serializers.BooleanField(required=False, default=True)
    count_relative_income = serializers.BooleanField(required=False, default=False)
    relative_income_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500
    )
    apply_spi_exemption = serializers.BooleanField(required=False, default=False)
    spi_exemption_started_on = serializers.DateField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(
        choices=["leefloon", "equivalent_leefloon"], required=False, default="leefloon"
    )
    inquiry = serializers.UUIDField(required=False, allow_null=True, default=None)

    def to_service_arguments(self) -> dict:
        data = dict(self.validated_data)
        data["resources"] = [rules.Resource(**resource) for resource in data["resources"]]
        data.pop("inquiry")
        return data


class LineSerializer(serializers.Serializer):
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class LeefloonCalculationSerializer(serializers.Serializer):
    id = serializers.UUIDField(allow_null=True)
    category = serializers.IntegerField()
    reference_date = serializers.DateField()
    rate_valid_from = serializers.DateField()
    yearly_rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    monthly_rate = serializers.DecimalField(max_digits=12, decimal_places=2)
    counted_resources = serializers.DecimalField(max_digits=12, decimal_places=2)
    exemptions = serializers.DecimalField(max_digits=12, decimal_places=2)
    yearly_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    monthly_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    lines = LineSerializer(many=True)


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


class HeatingAllowanceRequestSerializer(serializers.Serializer):
    delivered_on = serializers.DateField()
    litres = serializers.DecimalField(max_digits=8, decimal_places=1, min_value=Decimal("0.1"))
    price_per_litre = serializers.DecimalField(max_digits=6, decimal_places=3, min_value=Decimal("0.001"))
    bought_at_pump = serializers.BooleanField(required=False, default=False)
    litres_already_granted = serializers.DecimalField(
        max_digits=8, decimal_places=1, min_value=Decimal("0"), required=False, default=Decimal("0")
    )


class HeatingAllowanceSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    litres_counted = serializers.DecimalField(max_digits=8, decimal_places=1)
    allowance_per_litre = serializers.DecimalField(max_digits=6, decimal_places=3)
    lines = LineSerializer(many=True)
