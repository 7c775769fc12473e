from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from meedoen.accounts.admin import AuditedReadAdminMixin
from meedoen.forms import PlainValuesAdminForm
from meedoen.volunteers.models import (
    Application,
    Enrolment,
    EnrolmentStatusChange,
    Vacancy,
    VolunteerProfile,
)


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(AuditedReadAdminMixin, admin.ModelAdmin):
    form = PlainValuesAdminForm
    list_display = ["user", "area", "volunteer_type", "hours_per_week"]
    list_filter = ["volunteer_type", "area"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    filter_horizontal = ["activities", "skills", "motives"]
    autocomplete_fields = ["user"]
    exclude = ["changed_what"]
    readonly_fields = ["changed_parts"]

    @admin.display(description=_("what the volunteer last changed"))
    def changed_parts(self, profile: VolunteerProfile) -> str:
        return ", ".join(profile.changed_labels) or "-"


class StatusChangeInline(admin.TabularInline):
    model = EnrolmentStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]
    can_delete = False


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["profile", "organisation", "status", "guide"]
    list_filter = ["status", "organisation"]
    search_fields = ["profile__user__first_name", "profile__user__last_name"]
    autocomplete_fields = ["guide"]
    raw_id_fields = ["profile"]
    inlines = [StatusChangeInline]


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "area", "hours_per_week", "is_open"]
    list_filter = ["is_open", "organisation", "regularity"]
    search_fields = ["title"]
    filter_horizontal = ["activities", "skills"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["profile", "vacancy", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["profile", "vacancy"]
