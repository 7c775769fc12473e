from __future__ import annotations

from rest_framework import serializers

from meedoen.api.serializers import CharField, ModelSerializer
from meedoen.catalogue.models import Activity, PerformanceField, Skill
from meedoen.catalogue.policy import CareLevel


class PerformanceFieldSerializer(ModelSerializer):
    name = CharField(read_only=True)

    class Meta:
        model = PerformanceField
        fields = ["id", "number", "name", "name_nl", "name_en", "short_nl", "short_en"]


class ActivitySerializer(ModelSerializer):
    name = CharField(read_only=True)
    care_level = serializers.SerializerMethodField()
    care_level_label = serializers.SerializerMethodField()
    performance_fields = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number"
    )

    class Meta:
        model = Activity
        fields = [
            "id",
            "code",
            "name",
            "name_nl",
            "name_en",
            "plain_nl",
            "plain_en",
            "care_level",
            "care_level_label",
            "performance_fields",
        ]

    def get_care_level(self, obj: Activity) -> str:
        return CareLevel(obj.care_level).name.lower()

    def get_care_level_label(self, obj: Activity) -> str:
        return str(CareLevel(obj.care_level).label)


class SkillSerializer(ModelSerializer):
    name = CharField(read_only=True)

    class Meta:
        model = Skill
        fields = ["id", "code", "name", "name_nl", "name_en"]
