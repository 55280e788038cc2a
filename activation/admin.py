"""Configuration data of activation, edited by administrators with history: the decision tree (a change is a
new version: a version used by a screening is read-only, so a stored screening keeps its questions), the
monitoring cadence and the GPMI evaluation rule (a new rule is a new dated row)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from activation.models import DecisionQuestion, DecisionTree, GpmiEvaluationRule, MonitoringCadence


class DecisionQuestionInline(admin.TabularInline):
    model = DecisionQuestion
    extra = 0
    fields = ["position", "code", "text", "phase"]

    def _used(self, obj) -> bool:
        return obj is not None and obj.screenings.exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._used(obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._used(obj)


@admin.register(DecisionTree)
class DecisionTreeAdmin(SimpleHistoryAdmin):
    list_display = ["version", "name", "default_phase", "created_at"]
    inlines = [DecisionQuestionInline]

    def has_change_permission(self, request, obj=None):
        used = obj is not None and obj.screenings.exists()
        return super().has_change_permission(request, obj) and not used

    def has_delete_permission(self, request, obj=None):
        used = obj is not None and obj.screenings.exists()
        return super().has_delete_permission(request, obj) and not used


@admin.register(MonitoringCadence)
class MonitoringCadenceAdmin(SimpleHistoryAdmin):
    list_display = ["phase", "measure_kind", "interval_days", "description"]


@admin.register(GpmiEvaluationRule)
class GpmiEvaluationRuleAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "evaluations_per_year", "in_person_minimum"]
