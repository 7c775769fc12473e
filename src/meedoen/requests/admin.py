from django.contrib import admin

from meedoen.accounts.admin import AuditedReadAdminMixin
from meedoen.forms import PlainValuesAdminForm
from meedoen.requests.models import HelpRequest


@admin.register(HelpRequest)
class HelpRequestAdmin(AuditedReadAdminMixin, admin.ModelAdmin):
    form = PlainValuesAdminForm
    list_display = [
        "reference",
        "area",
        "source",
        "status",
        "urgency",
        "organisation",
        "created_at",
    ]
    list_filter = ["status", "source", "urgency", "municipality", "organisation"]
    search_fields = ["reference", "first_name"]
    filter_horizontal = ["activities"]
    readonly_fields = ["reference", "created_at", "updated_at"]
    autocomplete_fields = ["requester", "referred_by", "responsible_professional", "organisation"]
