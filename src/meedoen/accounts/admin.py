from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy

from meedoen.accounts import tokens
from meedoen.accounts.audit import record_read
from meedoen.accounts.models import ApiToken, ProcessingActivity, User
from meedoen.organisations.models import Membership, MunicipalityMembership


class AuditedReadAdminMixin:
    """Opening a person's file in the admin is a read that is logged."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET":
            record_read(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class MunicipalityMembershipInline(admin.StackedInline):
    model = MunicipalityMembership
    extra = 0


@admin.register(User)
class UserAdmin(AuditedReadAdminMixin, DjangoUserAdmin):
    # A person's roles come from their memberships of organisations and municipalities
    # (below), their volunteer profile and the requests they asked.
    list_display = ["username", "first_name", "last_name", "municipality", "is_active"]
    list_filter = ["municipality", "is_active", "memberships__role"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Meedoen"), {"fields": ("municipality", "phone")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Meedoen"), {"fields": ("municipality", "first_name", "last_name", "email")}),
    )
    inlines = [MembershipInline, MunicipalityMembershipInline]


# API tokens are made with `manage.py create_api_token`; only digests are kept. The admin
# sees who has which token and revokes it.
admin.site.unregister(TokenProxy)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    fields = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    search_fields = ["user__username", "name"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            tokens.revoke(token)


# The audit log is read-only here too: nobody adds, changes or deletes an entry (retention
# and erasure clear changes through `accounts.audit.forget_about`).
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProcessingActivity)
class ProcessingActivityAdmin(admin.ModelAdmin):
    """The register of processing activities: each text in Dutch and English side by side."""

    list_display = ["name_nl", "name_en", "special_category", "updated_at"]
    list_editable: list[str] = []
    ordering = ["order", "pk"]
    search_fields = ["name_nl", "name_en", "purpose_nl", "purpose_en"]
    fieldsets = [
        (None, {"fields": ["slug", "order", ("name_nl", "name_en")]}),
        *(
            (label, {"fields": [(f"{name}_nl", f"{name}_en")]})
            for name, label in [
                ("purpose", _("Purpose")),
                ("legal_basis", _("Legal basis")),
                ("persons", _("Whose data")),
                ("data", _("Which data")),
            ]
        ),
        (_("Data about health"), {"fields": ["special_category"]}),
        *(
            (label, {"fields": [(f"{name}_nl", f"{name}_en")]})
            for name, label in [
                ("recipients", _("Who receives it")),
                ("retention", _("How long it is kept")),
                ("security", _("Security measures")),
            ]
        ),
    ]
