"""/api/v1/statistics/...: the dashboard's figures, with the same filters, scope and hidden
counts as the page. A hidden number is null with "suppressed": true."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from meedoen.insights import scopes, selectors
from meedoen.insights.forms import FiltersForm
from meedoen.insights.presentation import label
from meedoen.permissions import holds


class ReadsFigures(BasePermission):
    def has_permission(self, request, view):
        return holds(request.user, *scopes.DASHBOARD_ROLES)


class CellSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True, help_text=_("null when hidden or not known"))
    suppressed = serializers.BooleanField(
        help_text=_("Hidden: a small count, or a number that would give one away.")
    )


class RowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("area id, channel, outcome, month (YYYY-MM), ..."))
    label = serializers.CharField()
    values = serializers.DictField(child=CellSerializer(), help_text=_("per column key"))


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class StatisticsSerializer(serializers.Serializer):
    figure = serializers.CharField()
    title = serializers.CharField()
    municipality = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    suppressed_below = serializers.IntegerField(
        allow_null=True,
        help_text=_("Counts from 1 to this number minus one are hidden; null: nothing hidden."),
    )
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)
    total = RowSerializer(allow_null=True)


FILTERS = [
    OpenApiParameter("municipality", OpenApiTypes.INT, description="municipality id"),
    OpenApiParameter("start", OpenApiTypes.DATE, description="first day (came in on)"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="last day, included"),
    OpenApiParameter("area", OpenApiTypes.INT, description="area id"),
    OpenApiParameter("performance_field", OpenApiTypes.INT, description="Wmo field id"),
    OpenApiParameter("activity", OpenApiTypes.INT, description="activity id"),
    OpenApiParameter("organisation", OpenApiTypes.INT, description="organisation id"),
    OpenApiParameter(
        "role",
        OpenApiTypes.STR,
        enum=[str(r) for r in scopes.DASHBOARD_ROLES],
        description="read as this role, when the caller holds several",
    ),
]


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[0-9]{1,15}")


def _refuse_malformed(params) -> None:
    """The filters exactly as the OpenAPI file describes them: a day as YYYY-MM-DD, an id as
    digits, a role of the list. The page's form is kinder (it reads Dutch dates, and an empty
    field means no filter); a program gets a 400 that names the parameter instead of a figure
    for a filter it did not mean."""
    errors: dict[str, list[str]] = {}
    for name in ("start", "end"):
        if name in params:
            try:
                if not _DAY.fullmatch(params[name]):
                    raise ValueError
                date.fromisoformat(params[name])
            except ValueError:
                errors[name] = [_("Enter a date as YYYY-MM-DD.")]
    for name in ("area", "performance_field", "activity", "organisation"):
        if name in params and not _ID.fullmatch(params[name]):
            errors[name] = [_("Enter a whole number.")]
    roles = [str(r) for r in scopes.DASHBOARD_ROLES]
    if "role" in params and params["role"] not in roles:
        errors["role"] = [_("Choose one of: %s.") % ", ".join(roles)]
    if errors:
        raise exceptions.ValidationError(errors)


def _row(row: selectors.Row, columns: list[tuple[int, selectors.Column]]) -> dict:
    return {
        "key": row.key,
        "label": label(row.label),
        "values": {
            column.key: {
                "value": None if row.cells[i].value is None else float(row.cells[i].value),
                "suppressed": row.cells[i].hidden,
            }
            for i, column in columns
        },
    }


class StatisticsView(APIView):
    """Base: `groupings` maps each group_by value to (figure, the columns it returns)."""

    permission_classes = [ReadsFigures]
    groupings: dict[str, tuple[str, tuple[str, ...] | None]] = {}

    def get(self, request):
        _refuse_malformed(request.query_params)
        role = scopes.dashboard_role(request.user, request.query_params.get("role"))
        form = FiltersForm(request.query_params, user=request.user, role=role)
        group_by = request.query_params.get("group_by", next(iter(self.groupings)))
        if group_by not in self.groupings:
            raise exceptions.ValidationError(
                {"group_by": [_("Choose one of: %s.") % ", ".join(self.groupings)]}
            )
        if not form.is_valid():
            raise exceptions.ValidationError(form.errors.get_json_data())
        scope = form.scope()
        if scope is None:
            raise exceptions.NotFound
        key, wanted = self.groupings[group_by]
        filters = form.filters()
        figure = selectors.FIGURES[key](scope, filters)
        columns = [
            (i, c) for i, c in enumerate(figure.columns) if wanted is None or c.key in wanted
        ]
        body = {
            "figure": figure.key,
            "title": str(figure.title),
            "municipality": scope.municipality.pk,
            "start": filters.start,
            "end": filters.end,
            "suppressed_below": selectors.SMALL_COUNT if scope.suppressed else None,
            "columns": [{"key": c.key, "label": str(c.label)} for _i, c in columns],
            "rows": [_row(row, columns) for row in figure.rows],
            "total": _row(figure.total, columns) if figure.total else None,
        }
        return Response(StatisticsSerializer(body).data)


def _view(name: str, groupings: dict, doc: str):
    # group_by is read on every figure; with one grouping it has one value.
    parameters = [
        *FILTERS,
        OpenApiParameter("group_by", OpenApiTypes.STR, enum=list(groupings), description=doc),
    ]

    def get(self, request):
        return StatisticsView.get(self, request)

    get.__doc__ = doc
    view = type(name, (StatisticsView,), {"groupings": groupings, "__doc__": doc})
    view.get = extend_schema(  # type: ignore[attr-defined]
        parameters=parameters, responses={200: StatisticsSerializer}, operation_id=name
    )(get)
    return view


RequestStatistics = _view(
    "statistics_requests",
    {
        "channel": ("requests-by-channel", None),
        "outcome": ("requests-by-outcome", None),
        "area": ("areas", ("requests", "requests_per_1000")),
        "month": ("trend", ("requests",)),
    },
    "Help requests that came in during the period, grouped by how they came in, outcome, "
    "area or month.",
)
VolunteerStatistics = _view(
    "statistics_volunteers",
    {
        "status": ("volunteers", None),
        "area": ("areas", ("volunteers", "volunteers_per_1000")),
        "organisation_type": ("volunteers-by-organisation-type", None),
        "month": ("trend", ("volunteers_started",)),
    },
    "Volunteers: active now, started and stopped in the period; per area, organisation type "
    "or month.",
)
HoursStatistics = _view(
    "statistics_hours",
    {"area": ("hours", None), "month": ("trend", ("hours",))},
    "Approved hours given during the period, per area of the person helped or per month.",
)
WaitingTimeStatistics = _view(
    "statistics_waiting_times",
    {"all": ("waiting-times", None)},
    "Days from coming in to the first match: how many, the median and the 90th percentile.",
)
AreaStatistics = _view(
    "statistics_areas",
    {"area": ("areas", None)},
    "Per area: requests, active volunteers, inhabitants (with the year counted) and both per "
    "1,000 inhabitants.",
)
ConcernStatistics = _view(
    "statistics_concerns",
    {"level": ("concerns", None)},
    "Concerns raised during the period, by how far they were escalated.",
)
HandoverStatistics = _view(
    "statistics_handovers",
    {"direction": ("handovers", None)},
    "Warm handovers during the period, both ways.",
)
OrganisationStatistics = _view(
    "statistics_organisations",
    {"type_sector": ("organisations", None)},
    "Organisations by type and sector (never hidden: an organisation is no person).",
)
