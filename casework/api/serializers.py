from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Team, User
from casework.models import Channel, Contact, Dossier
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
