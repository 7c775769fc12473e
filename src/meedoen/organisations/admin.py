from django.contrib import admin

from meedoen.organisations.models import (
    Area,
    Membership,
    Municipality,
    Network,
    Organisation,
    TaskDivision,
)


class AreaInline(admin.StackedInline):
    model = Area
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "retention_days",
        "inactive_months",
        "widest_volunteer_care_level",
    ]
    search_fields = ["name", "code"]
    inlines = [AreaInline]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "type",
        "sector",
        "municipality",
        "is_central_desk",
        "volunteer_care_level",
    ]
    list_filter = ["municipality", "type", "sector", "is_central_desk", "volunteer_care_level"]
    search_fields = ["name"]
    filter_horizontal = ["areas"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "desk"]
    filter_horizontal = ["members"]
    autocomplete_fields = ["desk"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["user__username", "user__first_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(TaskDivision)
class TaskDivisionAdmin(admin.ModelAdmin):
    """The register is kept by the organisations themselves: read-only here."""

    list_display = ["organisation", "activity", "done_by", "since", "shift"]
    list_filter = ["done_by", "shift", "organisation__municipality"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
