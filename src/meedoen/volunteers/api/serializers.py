from __future__ import annotations

from rest_framework import serializers

from meedoen import availability
from meedoen.api.serializers import CharField, ModelSerializer
from meedoen.catalogue.models import Skill
from meedoen.volunteers.models import (
    Application,
    Enrolment,
    EnrolmentStatusChange,
    Vacancy,
    VolunteerProfile,
)


class EnrolmentSerializer(ModelSerializer):
    class Meta:
        model = Enrolment
        fields = [
            "id",
            "organisation",
            "status",
            "status_changed_at",
            "intake_at",
            "paused_until",
            "sponsor_kind",
            "required_hours",
            "guide",
        ]
        read_only_fields = fields


class VolunteerSerializer(ModelSerializer):
    first_name = CharField(source="user.first_name", read_only=True)
    last_name = CharField(source="user.last_name", read_only=True)
    availability = serializers.SerializerMethodField()
    languages = serializers.ListField(source="language_list", child=CharField(), read_only=True)
    enrolments = serializers.SerializerMethodField()

    class Meta:
        model = VolunteerProfile
        fields = [
            "id",
            "first_name",
            "last_name",
            "area",
            "activities",
            "skills",
            "motives",
            "volunteer_type",
            "availability",
            "hours_per_week",
            "max_hours_per_week",
            "travel_km",
            "languages",
            "wants_to_grow",
            "vog_issued_on",
            "reviewed_at",
            "enrolments",
        ]
        read_only_fields = fields

    def get_availability(self, obj) -> list[str]:
        return availability.to_slots(obj.availability)

    def get_enrolments(self, obj) -> list[dict]:
        """A coordinator sees the volunteer's enrolments at their own organisations only."""
        user = self.context["request"].user
        everything = user.is_superuser or obj.user_id == user.pk
        scope = self.context.get("scope_ids", set())
        visible = [e for e in obj.enrolments.all() if everything or e.organisation_id in scope]
        return EnrolmentSerializer(visible, many=True).data


class StatusChangeSerializer(ModelSerializer):
    organisation = serializers.IntegerField(source="enrolment.organisation_id", read_only=True)

    class Meta:
        model = EnrolmentStatusChange
        fields = ["id", "organisation", "from_status", "to_status", "actor", "reason", "created_at"]
        read_only_fields = fields


class StatusChangeInputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=2**53)
    status = serializers.ChoiceField(choices=Enrolment.Status.choices)
    reason = CharField(max_length=1000)
    intake_at = serializers.DateTimeField(required=False, allow_null=True)


class IntakeInputSerializer(serializers.Serializer):
    """What a coordinator found at the intake: the skills and talents (they replace the
    volunteer's) and the intake note of their organisation. Both may be left out."""

    organisation = serializers.IntegerField(
        min_value=1,
        max_value=2**53,
        required=False,
        help_text="The organisation whose intake this is; needed only when the caller "
        "coordinates more than one of the volunteer's organisations.",
    )
    skills = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Skill.objects.filter(is_active=True), required=False
    )
    intake_note = CharField(max_length=3000, required=False, allow_blank=True)


class IntakeSerializer(serializers.Serializer):
    """A volunteer's intake at one organisation: the skills and talents and the note."""

    id = serializers.IntegerField(source="profile_id", read_only=True)
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    skills = serializers.SerializerMethodField()
    intake_note = CharField(read_only=True)

    def get_skills(self, obj) -> list[int]:
        return sorted(skill.pk for skill in obj.profile.skills.all())


class VacancySerializer(ModelSerializer):
    organisation_name = CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "title",
            "description",
            "language",
            "organisation",
            "organisation_name",
            "activities",
            "area",
            "hours_per_week",
            "regularity",
            "skills",
            "training_offered",
            "contact_name",
            "contact_email",
            "contact_phone",
            "created_at",
        ]
        read_only_fields = fields


class ApplicationSerializer(ModelSerializer):
    class Meta:
        model = Application
        fields = [
            "id",
            "vacancy",
            "profile",
            "message",
            "status",
            "answer",
            "created_at",
            "decided_at",
        ]
        read_only_fields = fields


class ApplyInputSerializer(serializers.Serializer):
    message = CharField(max_length=2000, required=False, allow_blank=True, default="")


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["invite", "accept", "decline"])
    answer = CharField(max_length=2000, required=False, allow_blank=True, default="")
    intake_at = serializers.DateTimeField(required=False, allow_null=True)
