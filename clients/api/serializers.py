from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clients.models import Client, Gender
from clients.rules import normalise_belgian_or_sepa_iban, normalise_insz


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField(max_length=150)
    house_number = serializers.CharField(max_length=15)
    box = serializers.CharField(max_length=15, required=False, allow_blank=True, default="")
    postal_code = serializers.RegexField(
        r"^[1-9]\d{3}$",
        max_length=4,
        error_messages={"invalid": _("Een Belgische postcode heeft 4 cijfers.")},
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
        r"^[A-Za-z]{2}$",
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("Geef een landcode van twee letters (ISO 3166), bv. BE.")},
    )
    language = serializers.CharField(max_length=35, required=False, allow_blank=True)
    address = AddressSerializer(required=False, allow_null=True)
    phone = serializers.RegexField(
        r"^\+?[0-9 ./()-]{6,30}$",
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("Geef een geldig telefoonnummer.")},
    )
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    iban = serializers.CharField(required=False, allow_blank=True, max_length=42)

    def validate_insz(self, value):
        if not value:
            return None
        insz = normalise_insz(value)
        if insz is None:
            raise serializers.ValidationError(
                _("Dit is geen geldig rijksregisternummer of BIS-nummer: controleer de cijfers.")
            )
        return insz

    def validate_iban(self, value):
        if not value:
            return ""
        iban = normalise_belgian_or_sepa_iban(value)
        if iban is None:
            raise serializers.ValidationError(
                _("Dit is geen geldig IBAN-rekeningnummer: controleer de cijfers.")
            )
        return iban

    def validate_first_name(self, value):
        return self._not_blank(value)

    def validate_last_name(self, value):
        return self._not_blank(value)

    def validate_birth_date(self, value):
        if not date(1890, 1, 1) <= value <= timezone.localdate():
            raise serializers.ValidationError(_("Een geboortedatum ligt in het verleden, na 1890."))
        return value

    def validate_nationality(self, value):
        return value.upper()

    @staticmethod
    def _not_blank(value):
        if not value.strip():
            raise serializers.ValidationError(_("Dit veld mag niet leeg zijn."))
        return value.strip()

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
