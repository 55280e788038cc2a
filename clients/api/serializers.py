from rest_framework import serializers

from clients import validators
from clients.models import Client, Gender


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

    def to_service_arguments(self) -> dict:
        data = dict(self.validated_data)
        data.update(data.pop("address", None) or {})
        return data


class ClientCreatedSerializer(serializers.ModelSerializer):
    possible_duplicates = ClientIdentitySerializer(many=True, read_only=True)

    class Meta:
        model = Client
        fields = ["id", "insz", "first_name", "last_name", "birth_date", "possible_duplicates"]


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    existing_client = serializers.UUIDField(required=False)
