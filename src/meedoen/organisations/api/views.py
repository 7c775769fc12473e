from __future__ import annotations

import re

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.catalogue import policy
from meedoen.catalogue.models import Activity
from meedoen.organisations import services
from meedoen.organisations.api.serializers import (
    AreaSerializer,
    MunicipalitySerializer,
    OrganisationSerializer,
    TaskDivisionCreateSerializer,
    TaskDivisionSerializer,
)
from meedoen.organisations.models import Area, Municipality, Organisation, TaskDivision
from meedoen.organisations.views import readable_organisations


class MunicipalityViewSet(ScopedReadOnlyViewSet):
    model = Municipality
    serializer_class = MunicipalitySerializer


class AreaViewSet(ScopedReadOnlyViewSet):
    """Neighbourhoods and villages, with the centre point used for distances."""

    model = Area
    serializer_class = AreaSerializer


class OrganisationViewSet(ScopedReadOnlyViewSet):
    """Organisations with their type, sector and boundary policy."""

    model = Organisation
    serializer_class = OrganisationSerializer
    prefetch_related = ("areas", "networks")


class TaskDivisionViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """The task-division register: who does an activity in an organisation (professionals,
    volunteers or both), since when and why. Every change is a new entry, never an edit:
    `shift` says whether work moved towards volunteers or towards professionals. Read by the
    organisation's coordinators and managers and the municipality's policy officers; written
    by the organisation's coordinators and managers."""

    model = TaskDivision
    serializer_class = TaskDivisionSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("organisation", OpenApiTypes.INT, description="organisation id"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        wanted = self.request.query_params.get("organisation")
        if self.action == "list" and wanted is not None:
            if not re.fullmatch(r"[0-9]{1,15}", wanted) or int(wanted) < 1:
                raise exceptions.ValidationError(
                    {"organisation": ["Enter a whole number of at least 1."]}
                )
            queryset = queryset.filter(organisation_id=wanted)
        return queryset

    @extend_schema(request=TaskDivisionCreateSerializer, responses={201: TaskDivisionSerializer})
    def create(self, request, *args, **kwargs):
        data = TaskDivisionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        organisation = get_object_or_404(
            readable_organisations(request.user), pk=values["organisation"]
        )
        activity = get_object_or_404(
            Activity.objects.visible_to(request.user), pk=values["activity"]
        )
        entry = services.record_task_division(
            request.user,
            organisation,
            activity=activity,
            done_by=values["done_by"],
            since=values["since"],
            reason=values["reason"],
        )
        return Response(TaskDivisionSerializer(entry).data, status=status.HTTP_201_CREATED)


# --- the boundary policy of an organisation ---------------------------------------------


class BoundaryCheckInput(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1, max_value=2**53)
    activity = serializers.IntegerField(min_value=1, max_value=2**53)
    self_reliance = serializers.IntegerField(
        min_value=1,
        max_value=5,
        allow_null=True,
        required=False,
        help_text=_("1 acute problems ... 5 fully self-reliant; null when not yet assessed."),
    )


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class BoundaryCheckOutput(serializers.Serializer):
    volunteer_allowed = serializers.BooleanField()
    access = serializers.ChoiceField(choices=[a.value for a in policy.Access])
    trained_volunteers_only = serializers.BooleanField()
    professional_required = serializers.BooleanField()
    oversight = serializers.ChoiceField(choices=[o.value for o in policy.Oversight])
    care_level = serializers.CharField()
    reasons = ReasonSerializer(many=True)


class BoundaryCheckView(APIView):
    """May a volunteer of this organisation do this activity for this person, and why."""

    @extend_schema(request=BoundaryCheckInput, responses={200: BoundaryCheckOutput})
    def post(self, request):
        data = BoundaryCheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = get_object_or_404(
            Organisation.objects.visible_to(request.user), pk=data.validated_data["organisation"]
        )
        activity = get_object_or_404(
            Activity.objects.visible_to(request.user), pk=data.validated_data["activity"]
        )
        decision = policy.decide(
            organisation.boundary_policy,
            activity.level,
            data.validated_data.get("self_reliance"),
        )
        body = {
            "volunteer_allowed": decision.volunteer_allowed,
            "access": decision.access.value,
            "trained_volunteers_only": decision.access is policy.Access.TRAINED_ONLY,
            "professional_required": decision.professional_required,
            "oversight": decision.oversight.value,
            "care_level": activity.level.name.lower(),
            "reasons": [{"code": r.code, "message": str(r.message)} for r in decision.reasons],
        }
        return Response(BoundaryCheckOutput(body).data)
