"""The document checklist per kind of request: configuration, with history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from casework.register.models import RequiredDocument


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["request_kind", "order", "name", "active"]
    list_filter = ["request_kind", "active"]
    list_editable = ["order", "active"]
