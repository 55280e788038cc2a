"""Rates, exemptions and heating parameters: dated rows with history; a new indexation is a new row."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casework.leefloon.models import (
    GeneralExemption,
    HeatingAllowanceBand,
    HeatingAllowanceParameters,
    LeefloonRate,
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
