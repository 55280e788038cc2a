from django.contrib import admin

from clients.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """The privacy ledger is evidence: shown, never added to, changed or deleted here (the database refuses
    it too). Persons appear by id only: their data is read in the application, where that is logged."""

    list_display = ["accessed_at", "user", "client_id", "what", "purpose"]
    fields = ["accessed_at", "user", "client_id", "what", "purpose", "dossier_id"]
    readonly_fields = fields
    list_filter = ["what"]
    search_fields = ["user__username", "purpose"]
    date_hierarchy = "accessed_at"
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
