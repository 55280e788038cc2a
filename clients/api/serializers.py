from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clients import validators
from clients.models import AccessLog, Client, Gender, HouseholdMember, Relation
from clients.rules import SEARCH_MINIMUM_LENGTH

SEARCH_TOO_SHORT = _("Geef minstens twee tekens in om te zoeken.")


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField(max_length=150)
    house_number = serializers.CharField(max_length=15)
    box = serializers.CharField(max_length=15, required=False, allow_blank=True, default="")
    postal_code = serializers.RegexField(
        validators.BELGIAN_POSTAL_CODE_PATTERN,
        max_length=4,
        error_messages={"invalid": validators.INVALID_POSTAL_CODE},
    )
    municipality = serializers.CharField(max_length=100)


class ClientIdentitySerializer(serializers.ModelSerializer):
    """Minimal identity: what intake needs to find a person and spot a duplicate, nothing more."""

    has_dossier = serializers.BooleanField(read_only=True)

    class Meta:
        model = Client
        fields = ["id", "first_name", "last_name", "birth_date", "has_dossier"]


class ClientCreateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    birth_date = serializers.DateField()
    insz = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=20)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    nationality = serializers.RegexField(
        validators.COUNTRY_CODE_PATTERN,
        required=False,
        allow_blank=True,
        error_messages={"invalid": validators.INVALID_COUNTRY_CODE},
    )
    language = serializers.CharField(max_length=35, required=False, allow_blank=True)
    address = AddressSerializer(required=False, allow_null=True)
    phone = serializers.RegexField(
        validators.PHONE_PATTERN,
        required=False,
        allow_blank=True,
        error_messages={"invalid": validators.INVALID_PHONE},
    )
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    iban = serializers.CharField(required=False, allow_blank=True, max_length=42)

    # The checks are shared with the web form (clients.validators); DRF turns their Django ValidationError
    # into a field error.
    def validate_insz(self, value):
        return validators.clean_insz(value)

    def validate_iban(self, value):
        return validators.clean_iban(value)

    def validate_first_name(self, value):
        return validators.clean_name(value)

    def validate_last_name(self, value):
        return validators.clean_name(value)

    def validate_birth_date(self, value):
        return validators.clean_birth_date(value)

    def validate_nationality(self, value):
        return value.upper()

    def validate(self, attrs):
        if message := validators.insz_birth_date_message(attrs.get("insz"), attrs.get("birth_date")):
            raise serializers.ValidationError({"birth_date": [message]})
        return attrs

    def to_service_arguments(self) -> dict:
        data = dict(self.validated_data)
        data.update(data.pop("address", None) or {})
        return data


class ClientUpdateSerializer(ClientCreateSerializer):
    """Some identity fields, and the version the editor read (optional: without it nothing is compared)."""

    version = serializers.IntegerField(required=False, min_value=1)


class ClientCreatedSerializer(serializers.ModelSerializer):
    possible_duplicates = ClientIdentitySerializer(many=True, read_only=True)

    class Meta:
        model = Client
        fields = ["id", "insz", "first_name", "last_name", "birth_date", "possible_duplicates"]


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    existing_client = serializers.UUIDField(required=False)
    existing_dossier = serializers.UUIDField(required=False)
    current_version = serializers.IntegerField(required=False)


# --- The full record, its history, household and access log ---


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
            "version",
        ]

    def get_address(self, client) -> dict:
        fields = ["street", "house_number", "box", "postal_code", "municipality"]
        return {field: getattr(client, field) for field in fields}

    def get_dossiers(self, client) -> list[str]:
        return [str(dossier_id) for dossier_id in getattr(client, "dossier_ids", [])]


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
    """An entry in the reader's language; the codes beside it for whoever processes the answer."""

    user = serializers.CharField(source="user.username")
    user_name = serializers.CharField(source="user.display_name")
    what = serializers.CharField(source="what_display")
    purpose = serializers.CharField(source="purpose_display")
    what_code = serializers.CharField(source="what")
    purpose_code = serializers.CharField(source="purpose")
    dossier_ids = serializers.ListField(child=serializers.UUIDField())
    sealed = serializers.BooleanField(help_text="Already sealed into the ledger's hash chain")

    class Meta:
        model = AccessLog
        fields = [
            "accessed_at", "user", "user_name", "what", "purpose", "what_code", "purpose_code", "dossier_ids",
            "sealed",
        ]  # fmt: skip


class ClientSearchQuerySerializer(serializers.Serializer):
    """A search needs at least two characters: one letter would list half the population."""

    q = serializers.CharField(
        trim_whitespace=True,
        min_length=SEARCH_MINIMUM_LENGTH,
        max_length=200,
        error_messages={
            "min_length": SEARCH_TOO_SHORT,
            "blank": SEARCH_TOO_SHORT,
            "required": SEARCH_TOO_SHORT,
        },
    )
