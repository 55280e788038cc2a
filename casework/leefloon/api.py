from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from casework.leefloon import rules, services
from casework.leefloon.models import HeatingAllowanceParameters
from core.openapi import ERRORS

MONEY = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0.00")}


class ResourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(rules.RESOURCE_LABELS))
    yearly_amount = serializers.DecimalField(
        **MONEY,
        help_text="A year; for `capital` the capital held, for `cadastral_income` the cadastral income",
    )
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    person = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text="relative_income: a label grouping one relative's resources (art. 34 §2 KB)",
    )
    counted_share = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        required=False,
        default=Decimal("100"),
        help_text="relative_income: percentage of the part above the category 1 amount that counts",
    )
    own_home = serializers.BooleanField(
        required=False, default=False, help_text="cadastral_income: the home the applicant owns and lives in"
    )


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


class HeatingAllowanceRequestSerializer(serializers.Serializer):
    delivered_on = serializers.DateField()
    applied_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The day the application reached the OCMW (default today): within 60 days of the delivery",
    )
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


class HeatingAllowanceViewSet(viewsets.GenericViewSet):
    queryset = HeatingAllowanceParameters.objects.none()  # for the schema only: reads go through selectors
    serializer_class = HeatingAllowanceSerializer

    @extend_schema(
        summary="Calculate a heating allowance (Sociaal Verwarmingsfonds)",
        request=HeatingAllowanceRequestSerializer,
        responses={200: HeatingAllowanceSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = HeatingAllowanceRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.heating_allowance_calculate(**serializer.validated_data)
        return Response(HeatingAllowanceSerializer(result).data)
