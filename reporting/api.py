"""The reporting endpoints (shared/api.md, Reporting): the KPIs and the exports."""

import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import PermissionDeniedError
from core.openapi import ERRORS
from reporting import figures, policy, rules, selectors, services
from reporting.models import ExportFormat, ExportKind, ExportStatus


class BreakdownSerializer(serializers.Serializer):
    """A ratio for one team (its code) or one social worker (their username)."""

    key = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1, coerce_to_string=False, allow_null=True)


class KpiSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    numerator = serializers.IntegerField()
    denominator = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=12, decimal_places=1, coerce_to_string=False, allow_null=True)
    pending = serializers.IntegerField(help_text="Not yet due, so neither on time nor late (ratios only).")
    per_team = BreakdownSerializer(many=True, source="team_breakdown")
    per_worker = BreakdownSerializer(many=True, source="worker_breakdown")


class KpisSerializer(serializers.Serializer):
    # "from" is a Python keyword: the fields are given by get_fields.
    def get_fields(self):
        return {
            "from": serializers.DateField(source="start"),
            "to": serializers.DateField(source="end"),
            "team": serializers.CharField(allow_null=True),
            "kpis": KpiSerializer(many=True),
        }


class PeriodQuerySerializer(serializers.Serializer):
    def get_fields(self):
        return {
            "from": serializers.DateField(required=False),
            "to": serializers.DateField(required=False),
            "team": serializers.CharField(required=False, allow_blank=True),
        }

    def validate(self, attrs):
        quarter = rules.period_of("quarter", timezone.localdate())
        attrs.setdefault("from", quarter.start)
        attrs.setdefault("to", quarter.end)
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": [_("De einddatum ligt voor de begindatum.")]})
        if (attrs["to"] - attrs["from"]).days > services.MAX_EXPORT_DAYS:
            raise serializers.ValidationError({"to": [_("Kies een periode van hoogstens drie jaar.")]})
        return attrs


PERIOD_PARAMETERS = [
    OpenApiParameter("from", datetime.date, description="First day (default: the current quarter)"),
    OpenApiParameter("to", datetime.date, description="Last day"),
    OpenApiParameter("team", str, description="A team's code (head of service; a team lead: own team only)"),
]


class KpisView(APIView):
    """The department's KPIs over a period: counts only, no personal data (not logged)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="KPIs over a period, for all teams or one",
        parameters=PERIOD_PARAMETERS,
        responses={200: KpisSerializer, **ERRORS},
    )
    def get(self, request):
        if not policy.may_read_figures(request.user):
            raise PermissionDeniedError()
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = query.validated_data
        team = policy.figures_team(request.user, period.get("team") or None)
        kpis = figures.kpis(period["from"], period["to"], team.pk if team else None)
        figures.name_breakdowns(kpis)
        return Response(
            KpisSerializer(
                {
                    "start": period["from"],
                    "end": period["to"],
                    "team": team.code if team else None,
                    "kpis": kpis,
                }
            ).data
        )


class ExportCreateSerializer(PeriodQuerySerializer):
    def get_fields(self):
        return {
            "kind": serializers.ChoiceField(choices=ExportKind.choices),
            "from": serializers.DateField(),
            "to": serializers.DateField(),
            "format": serializers.ChoiceField(choices=ExportFormat.choices),
            "team": serializers.CharField(required=False, allow_blank=True),
        }


class ExportSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=ExportKind.choices)
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    status = serializers.ChoiceField(choices=ExportStatus.choices)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    download = serializers.SerializerMethodField()

    def get_download(self, export) -> str | None:
        if export.status != ExportStatus.DONE:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("reporting-export-download", args=[export.pk])
        )


class ExportsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Ask for an export (made by a task; follow its progress at exports/{id}/)",
        request=ExportCreateSerializer,
        responses={202: ExportSerializer, **ERRORS},
    )
    def post(self, request):
        if not policy.may_read_figures(request.user):
            raise PermissionDeniedError()
        body = ExportCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        export = services.report_export_request(
            actor=request.user,
            kind=data["kind"],
            date_from=data["from"],
            date_to=data["to"],
            export_format=data["format"],
            team_code=data.get("team") or None,
        )
        return Response(
            ExportSerializer(export, context={"request": request}).data, status=status.HTTP_202_ACCEPTED
        )


class ExportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="An export's status and progress", responses={200: ExportSerializer, **ERRORS})
    def get(self, request, pk):
        export = selectors.export_of(user=request.user, export_id=pk)
        return Response(ExportSerializer(export, context={"request": request}).data)


class ExportDownloadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The file of a finished export (its requester only)",
        responses={(200, "application/octet-stream"): bytes, **ERRORS},
    )
    def get(self, request, pk):
        export = selectors.export_of(user=request.user, export_id=pk, done=True)
        return export_file_response(export)


def export_file_response(export) -> HttpResponse:
    content_type = (
        "text/csv; charset=utf-8"
        if export.format == ExportFormat.CSV
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(bytes(export.content), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
