from django.contrib import admin

from meedoen.cooperation.models import Assessment, Participant


class ParticipantInline(admin.StackedInline):
    model = Participant
    extra = 0
    fields = ("perspective", "user", "invited_at", "answered_at")
    readonly_fields = ("invited_at", "answered_at")


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("title", "round", "municipality", "organisation", "created_at", "closed_at")
    list_filter = ("context", "municipality")
    search_fields = ("title",)
    raw_id_fields = ("started_by", "previous", "organisation")
    filter_horizontal = ("organisations",)
    inlines = [ParticipantInline]
