from django.contrib import admin

from meedoen.catalogue.models import Activity, Motive, PerformanceField, Skill


@admin.register(PerformanceField)
class PerformanceFieldAdmin(admin.ModelAdmin):
    list_display = ["number", "short_nl", "short_en", "is_active"]
    search_fields = ["name_nl", "name_en"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "care_level", "group", "is_active"]
    list_filter = ["care_level", "group", "performance_fields", "is_active"]
    search_fields = ["name_nl", "name_en", "code", "plain_nl", "plain_en"]
    filter_horizontal = ["performance_fields"]


@admin.register(Skill, Motive)
class NamedEntryAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "code", "is_active"]
    search_fields = ["name_nl", "name_en", "code"]
