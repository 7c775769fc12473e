from django.contrib import admin

from meedoen.engagements.models import AllowanceLimit, Assignment, Concern, Handover


@admin.register(AllowanceLimit)
class AllowanceLimitAdmin(admin.ModelAdmin):
    """The tax-free limits per year: check them against the Belastingdienst each January."""

    list_display = ["year", "per_hour", "per_hour_under_21", "per_month", "per_year"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["help_request", "profile", "organisation", "status", "starts_on"]
    list_filter = ["status", "organisation"]
    raw_id_fields = ["help_request", "profile", "proposal", "created_by"]
    filter_horizontal = ["tasks"]


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ["help_request", "category", "urgency", "status", "level", "answer_by"]
    list_filter = ["status", "urgency", "level", "category"]
    raw_id_fields = ["help_request", "assignment", "raised_by", "acknowledged_by"]


@admin.register(Handover)
class HandoverAdmin(admin.ModelAdmin):
    list_display = ["help_request", "from_organisation", "to_organisation", "status"]
    list_filter = ["status", "direction"]
    raw_id_fields = ["help_request", "assignment", "created_by", "received_by"]
