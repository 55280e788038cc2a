"""Rates, exemptions and heating parameters: dated rows with history; a new indexation is a new row."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casework.leefloon.models import (
    GeneralExemption,
    HeatingAllowanceBand,
    HeatingAllowanceParameters,
    LeefloonRate,
    MeansTestParameters,
    SpiExemption,
)


@admin.register(LeefloonRate)
class LeefloonRateAdmin(SimpleHistoryAdmin):
    """The source column says where a yearly amount came from; "twijfel" marks a row seeded as 12 × the
    monthly amount where a source gives another yearly figure (decision 0064): correct it with history."""

    list_display = ["valid_from", "category", "yearly_amount", "source"]
    list_filter = ["category"]
    date_hierarchy = "valid_from"
    search_fields = ["source"]


@admin.register(MeansTestParameters)
class MeansTestParametersAdmin(SimpleHistoryAdmin):
    """Art. 25 and 27 KB amounts from secondary sources (decision 0062): an admin corrects them here."""

    list_display = ["valid_from", "capital_exempt_up_to", "capital_middle_up_to", "own_home_exempt", "source"]


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
