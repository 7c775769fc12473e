from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from meedoen.api.views import ScopedReadOnlyViewSet
from meedoen.catalogue import policy
from meedoen.catalogue.models import Activity
from meedoen.organisations.api.serializers import (
    AreaSerializer,
    MunicipalitySerializer,
    OrganisationSerializer,
)
from meedoen.organisations.models import Area, Municipality, Organisation


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
