from django.contrib import admin

from clients.models import AccessLog, AccessLogSeal


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(_ReadOnly):
    """The privacy ledger is evidence: shown, never added to, changed or deleted here (the database refuses
    it too). Persons appear by id only: their data is read in the application, where that is logged."""

    list_display = ["accessed_at", "user", "what", "purpose"]
    fields = ["accessed_at", "user", "subject_ids", "what", "purpose", "purpose_text", "dossier_ids", "query"]
    readonly_fields = fields
    list_filter = ["purpose"]
    search_fields = ["user__username"]
    date_hierarchy = "accessed_at"
    list_select_related = ["user"]


@admin.register(AccessLogSeal)
class AccessLogSealAdmin(_ReadOnly):
    list_display = ["chain", "seq", "log_id", "sealed_at"]
    fields = ["chain", "seq", "log_id", "horizon", "hash", "sealed_at"]
    readonly_fields = fields
