from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reporting.models import SubsidyRate


@admin.register(SubsidyRate)
class SubsidyRateAdmin(SimpleHistoryAdmin):
    list_display = ("valid_from", "beneficiaries_from", "rate", "gpmi_bonus", "source")
    ordering = ("-valid_from", "beneficiaries_from")
