"""The substitution monitor and the demand dossier in the API, scoped as their pages are."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, renderers
from rest_framework.response import Response
from rest_framework.views import APIView

from meedoen.insights import monitor
from meedoen.insights.api.serializers import MonitorSerializer
from meedoen.insights.dossier import areas_for
from meedoen.insights.dossier_views import DOSSIER_ROLES, pdf_response
from meedoen.insights.monitor_views import MONITOR_ROLES
from meedoen.insights.selectors import SMALL_COUNT
from meedoen.permissions import holds


def _scope(view: monitor.MonitorView) -> dict:
    return {
        "kind": "organisation" if view.organisation is not None else "municipality",
        "id": (view.organisation or view.municipality).pk,
        "name": view.name,
        "suppressed": view.suppressed,
        "months": [{"month": m.month, "counts": m.counts} for m in view.months],
        "share": view.share,
        "municipality_share": view.municipality_share,
        "stands_out": view.stands_out,
        "organisations": view.organisations,
    }


class SubstitutionMonitorView(APIView):
    """Work moving between professionals and volunteers, per month over the last twelve
    months: for each municipality where the caller is policy officer (small counts null) and
    each organisation they coordinate or manage (in full)."""

    @extend_schema(responses={200: MonitorSerializer})
    def get(self, request):
        if not holds(request.user, *MONITOR_ROLES):
            raise exceptions.PermissionDenied
        body = {
            "small_count": SMALL_COUNT,
            "stands_out_factor": float(monitor.STANDS_OUT_FACTOR),
            "scopes": [_scope(v) for v in monitor.monitors_for(request.user)],
        }
        return Response(MonitorSerializer(body).data)


class PDFRenderer(renderers.BaseRenderer):
    """The dossier itself is a PDF; a problem is still answered as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return renderers.JSONRenderer().render(data)


class DemandDossierView(APIView):
    """The demand dossier of a village or neighbourhood as a PDF: help requests per quarter
    and per activity and Wmo performance field, waiting, volunteers living there and what
    went to professionals; small counts are written as "hidden", as is a number that would give
    one away. For the policy officers
    of its municipality and the coordinators of organisations that serve the area."""

    renderer_classes = [renderers.JSONRenderer, PDFRenderer]

    @extend_schema(
        parameters=[OpenApiParameter("format", exclude=True)],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The dossier (PDF)."
            )
        },
    )
    def get(self, request, pk: int):
        if not holds(request.user, *DOSSIER_ROLES):
            raise exceptions.PermissionDenied
        area = areas_for(request.user).filter(pk=pk).select_related("municipality").first()
        if area is None:
            raise exceptions.NotFound
        return pdf_response(area)
