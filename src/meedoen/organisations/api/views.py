from __future__ import annotations

from meedoen.api.views import ScopedReadOnlyViewSet
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
