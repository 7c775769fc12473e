from django.contrib import admin

from meedoen.accounts.admin import AuditedReadAdminMixin
from meedoen.volunteers.models import VolunteerProfile


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(AuditedReadAdminMixin, admin.ModelAdmin):
    list_display = ["user", "area", "volunteer_type", "hours_per_week"]
    list_filter = ["volunteer_type", "area"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    filter_horizontal = ["activities", "skills", "motives"]
    autocomplete_fields = ["user"]
