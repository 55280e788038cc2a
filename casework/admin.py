"""Configuration data edited by administrators, always with history: a new indexation is a new row."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from casework.models import (
    GeneralExemption,
    HeatingAllowanceBand,
    HeatingAllowanceParameters,
    LeefloonRate,
    Partner,
    PartnerService,
    RequiredDocument,
    SpiExemption,
)


@admin.register(LeefloonRate)
class LeefloonRateAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "category", "yearly_amount", "source"]
    list_filter = ["category"]
    date_hierarchy = "valid_from"


@admin.register(GeneralExemption)
class GeneralExemptionAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "category", "yearly_amount"]
    list_filter = ["category"]


@admin.register(SpiExemption)
class SpiExemptionAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "yearly_amount", "source"]


class HeatingAllowanceBandInline(admin.TabularInline):
    model = HeatingAllowanceBand
    extra = 1


@admin.register(HeatingAllowanceParameters)
class HeatingAllowanceParametersAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "max_litres_per_year", "pump_flat_amount"]
    inlines = [HeatingAllowanceBandInline]


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["request_kind", "order", "name", "active"]
    list_filter = ["request_kind", "active"]
    list_editable = ["order", "active"]


class PartnerServiceInline(admin.StackedInline):
    model = PartnerService
    extra = 0
    fields = [
        "name",
        "description",
        "eligibility",
        "application_process",
        "required_documents",
        "languages",
        "service_area",
        "contact",
    ]


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    """The social map: partners and their services, maintained by the administrator (no personal data)."""

    list_display = ["name", "website", "phone", "active"]
    list_filter = ["active"]
    search_fields = ["name", "description", "services__name"]
    inlines = [PartnerServiceInline]
    # A website typed without a scheme is https (Django 6's default; avoids its deprecation warning now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
