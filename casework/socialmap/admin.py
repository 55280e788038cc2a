"""The social map: partners and their services, maintained by the administrator."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from casework.socialmap.models import Partner, PartnerService


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
