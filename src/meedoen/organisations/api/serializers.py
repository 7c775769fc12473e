from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from meedoen.api.serializers import CharField, ModelSerializer
from meedoen.organisations.models import Area, Municipality, Organisation, TaskDivision


class MunicipalitySerializer(ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["id", "name", "code"]


class AreaSerializer(ModelSerializer):
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    # Declared, so the schema is the same on every database (the model field's upper bound is
    # the database's integer range).
    population = serializers.IntegerField(
        min_value=0, allow_null=True, help_text=_("Number of inhabitants; null: not known.")
    )

    class Meta:
        model = Area
        fields = [
            "id",
            "municipality",
            "name",
            "kind",
            "latitude",
            "longitude",
            "population",
            "population_year",
        ]


class OrganisationSerializer(ModelSerializer):
    type_label = CharField(source="get_type_display", read_only=True)
    volunteer_care_level = serializers.SerializerMethodField()
    networks = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "municipality",
            "type",
            "type_label",
            "sector",
            "is_central_desk",
            "areas",
            "networks",
            "volunteer_care_level",
            "email",
            "phone",
        ]

    def get_volunteer_care_level(self, obj: Organisation) -> str:
        return obj.boundary_policy.trained_volunteer_level.name.lower()


class TaskDivisionSerializer(ModelSerializer):
    """One entry of an organisation's task-division register."""

    class Meta:
        model = TaskDivision
        fields = [
            "id",
            "organisation",
            "activity",
            "done_by",
            "previous",
            "shift",
            "since",
            "reason",
            "recorded_at",
        ]


class TaskDivisionCreateSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=2**53)
    activity = serializers.IntegerField(min_value=1, max_value=2**53)
    done_by = serializers.ChoiceField(choices=TaskDivision.DoneBy.choices)
    since = serializers.DateField()
    reason = CharField(max_length=300)
