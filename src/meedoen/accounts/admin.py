from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy

from meedoen.accounts.audit import record_read
from meedoen.accounts.models import User
from meedoen.organisations.models import Membership, MunicipalityMembership


class AuditedReadAdminMixin:
    """Opening a person's file in the admin is a read that is logged."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and request.method == "GET":
            record_read(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class MunicipalityMembershipInline(admin.TabularInline):
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


# API tokens are created with `manage.py create_api_token`; the admin can revoke them.
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created"]
    fields = ["user", "created"]
    readonly_fields = ["user", "created"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False
