"""The holiday table in the admin: a term the Judicial Code moves skips these days (decision 0080)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casework.obligations.models import PublicHoliday


@admin.register(PublicHoliday)
class PublicHolidayAdmin(SimpleHistoryAdmin):
    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)
