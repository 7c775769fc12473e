from __future__ import annotations

from rest_framework import serializers

from meedoen.api.serializers import CharField, ModelSerializer
from meedoen.organisations.models import Area, Municipality, Organisation


class MunicipalitySerializer(ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["id", "name", "code"]


class AreaSerializer(ModelSerializer):
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()

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
