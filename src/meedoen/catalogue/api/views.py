from __future__ import annotations

from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.catalogue.api.serializers import (
    ActivitySerializer,
    PerformanceFieldSerializer,
    SkillSerializer,
)
from meedoen.catalogue.models import Activity, PerformanceField, Skill


class ActivityViewSet(ScopedReadOnlyViewSet):
    """The catalogue of activities, each with its care level and Wmo performance fields."""

    model = Activity
    serializer_class = ActivitySerializer
    prefetch_related = ("performance_fields",)


class SkillViewSet(ScopedReadOnlyViewSet):
    model = Skill
    serializer_class = SkillSerializer


class PerformanceFieldViewSet(ScopedReadOnlyViewSet):
    """The nine performance fields of the Wmo."""

    model = PerformanceField
    serializer_class = PerformanceFieldSerializer
