"""Figures for the municipality and for management: counted in the database, small counts
hidden (suppression.py) from whoever may not see the people behind them.

Every figure is a table: rows (areas, channels, months, ...) by columns (what is counted),
with a total. Each is counted with one grouped query (GROUP BY, conditional counts and sums);
nothing loops over requests, volunteers or hours in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connections
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meedoen.catalogue.models import Activity, PerformanceField
from meedoen.engagements import lifecycles
from meedoen.engagements.models import Assignment, Concern, Handover, HoursEntry
from meedoen.insights.scopes import Scope
from meedoen.insights.suppression import Number, Shown, suppress_list
from meedoen.organisations.models import Area, Organisation
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest, RequestTransition
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Enrolment, EnrolmentStatusChange, VolunteerProfile

#: Counts below this are hidden from whoever may not see the people behind them
#: (MEEDOEN_SMALL_COUNT).
SMALL_COUNT: int = settings.SMALL_COUNT

# --- what the request workflow's statuses mean as an outcome -----------------------------

#: A volunteer was matched: the request went through "match" (active and closed only follow it).
MATCHED = frozenset({workflow.MATCHED, workflow.ACTIVE, workflow.CLOSED})
OUTCOMES: dict[str, tuple[Promise, frozenset[str]]] = {
    "matched": (_("volunteer matched"), MATCHED),
    "professionals": (_("handed to professionals"), frozenset({workflow.REFERRED})),
    "withdrawn": (_("withdrawn"), frozenset({workflow.WITHDRAWN})),
    "declined": (_("declined"), frozenset({workflow.DECLINED})),
    "waiting": (_("still waiting"), workflow.OPEN - MATCHED),
}
CHANNELS: dict[str, Promise] = {
    "direct": _("asked directly"),
    "referred": _("referred by a professional"),
    "desk": _("via the central desk"),
}
CONCERN_LEVELS: dict[int, Promise] = {
    Concern.Level.TEAM: _("handled by the team"),
    Concern.Level.MANAGER: _("escalated to the manager"),
    Concern.Level.DESK: _("escalated to the central desk or municipality"),
}


def suppress(count: int) -> int | None:
    """None stands for a count of 1 to SMALL_COUNT - 1."""
    return None if 0 < count < SMALL_COUNT else count


# --- filters -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    start: date
    end: date  # the last day counted
    area: Area | None = None
    performance_field: PerformanceField | None = None
    activity: Activity | None = None

    @classmethod
    def last_year(cls, today: date | None = None) -> Filters:
        today = today or timezone.localdate()
        return cls(start=today - timedelta(days=364), end=today)

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_before(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


# --- the shape of a figure -----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise | str
    kind: str = "count"  # count, hours, days, rate, inhabitants, year


@dataclass
class Cell:
    value: Number | float | None
    #: Hidden to protect a small count (else None means: not known).
    hidden: bool = False


@dataclass
class Row:
    key: str
    label: Promise | str
    cells: list[Cell]


@dataclass
class Figure:
    key: str
    title: Promise | str
    description: Promise | str
    row_heading: Promise | str
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    notes: list[Promise | str] = field(default_factory=list)
    #: The columns the chart draws (bars side by side).
    chart_columns: tuple[int, ...] = (0,)


def _column_cells(
    values: list[Number],
    scope: Scope,
    small: list[bool] | None = None,
    *,
    small_total: bool = False,
) -> tuple[list[Cell], Cell]:
    """One column with its total, hidden where it must be."""
    if not scope.suppressed:
        total: Number = sum(values, start=Decimal(0) if small is not None else 0)
        return [Cell(v) for v in values], Cell(total)
    shown: Shown = suppress_list(values, SMALL_COUNT, small=small, small_total=small_total)
    cells = [Cell(row[0], hidden=row[0] is None) for row in shown.cells]
    return cells, Cell(shown.total, hidden=shown.total is None)


def _single(value: int, scope: Scope) -> Cell:
    if scope.suppressed and 0 < value < SMALL_COUNT:
        return Cell(None, hidden=True)
    return Cell(value)


def _list_figure(
    key, title, description, row_heading, column, keys_labels, values, scope, **extra
) -> Figure:
    cells, total = _column_cells(values, scope)
    rows = [Row(key, label, [cell]) for (key, label), cell in zip(keys_labels, cells, strict=True)]
    return Figure(
        key,
        title,
        description,
        row_heading,
        [column],
        rows,
        Row("total", _("total"), [total]),
        **extra,
    )


# --- the sets counted ------------------------------------------------------------------------


def requests(scope: Scope, filters: Filters) -> QuerySet[HelpRequest]:
    """The requests that came in during the period (received_at: when they came in, which
    can be before they were entered)."""
    queryset = HelpRequest.objects.filter(
        municipality=scope.municipality,
        received_at__gte=filters.start_at,
        received_at__lt=filters.end_before,
    )
    if scope.organisation_ids is not None:
        queryset = queryset.filter(organisation_id__in=scope.organisation_ids)
    if filters.area is not None:
        queryset = queryset.filter(area=filters.area)
    if filters.performance_field is not None:
        queryset = queryset.filter(performance_field=filters.performance_field)
    if filters.activity is not None:
        queryset = queryset.filter(activities=filters.activity)
    return queryset.order_by()


def enrolments(scope: Scope, filters: Filters) -> QuerySet[Enrolment]:
    """Volunteers at the organisations in scope (the Wmo field does not apply to them)."""
    queryset = Enrolment.objects.filter(organisation__municipality=scope.municipality)
    if scope.organisation_ids is not None:
        queryset = queryset.filter(organisation_id__in=scope.organisation_ids)
    if filters.area is not None:
        queryset = queryset.filter(profile__area=filters.area)
    if filters.activity is not None:
        queryset = queryset.filter(profile__activities=filters.activity)
    return queryset.order_by()


def hours(scope: Scope, filters: Filters) -> QuerySet[HoursEntry]:
    """Approved hours given on a day in the period, for requests that match the filters. The
    assignments are chosen first (a subquery), so that a narrow filter reads only their hours
    (SQLite then goes from the assignments to their hours by index). PostgreSQL joins the
    hours to their assignment and request anyway, in one pass with hash joins: there the
    filters on the request go straight into that join (the same rows, one join less), and only
    the activity, which is many-to-many, stays a subquery."""
    entries = HoursEntry.objects.filter(
        status__in=lifecycles.HOURS.final, date__gte=filters.start, date__lte=filters.end
    )
    if connections[entries.db].vendor == "postgresql":
        entries = entries.filter(assignment__help_request__municipality=scope.municipality)
        if scope.organisation_ids is not None:
            entries = entries.filter(assignment__organisation_id__in=scope.organisation_ids)
        if filters.area is not None:
            entries = entries.filter(assignment__help_request__area=filters.area)
        if filters.performance_field is not None:
            entries = entries.filter(
                assignment__help_request__performance_field=filters.performance_field
            )
        if filters.activity is not None:
            entries = entries.filter(
                assignment__in=Assignment.objects.filter(tasks=filters.activity).values("pk")
            )
        return entries.order_by()
    assignments = Assignment.objects.filter(help_request__municipality=scope.municipality)
    if scope.organisation_ids is not None:
        assignments = assignments.filter(organisation_id__in=scope.organisation_ids)
    if filters.area is not None:
        assignments = assignments.filter(help_request__area=filters.area)
    if filters.performance_field is not None:
        assignments = assignments.filter(help_request__performance_field=filters.performance_field)
    if filters.activity is not None:
        assignments = assignments.filter(tasks=filters.activity)
    return HoursEntry.objects.filter(
        status__in=lifecycles.HOURS.final,
        date__gte=filters.start,
        date__lte=filters.end,
        assignment__in=assignments.order_by().values("pk"),
    ).order_by()


def _about_requests(queryset, scope: Scope, filters: Filters, organisation_q: Q | None):
    queryset = queryset.filter(
        help_request__municipality=scope.municipality,
        created_at__gte=filters.start_at,
        created_at__lt=filters.end_before,
    )
    if organisation_q is not None and scope.organisation_ids is not None:
        queryset = queryset.filter(organisation_q)
    if filters.area is not None:
        queryset = queryset.filter(help_request__area=filters.area)
    if filters.performance_field is not None:
        queryset = queryset.filter(help_request__performance_field=filters.performance_field)
    if filters.activity is not None:
        queryset = queryset.filter(help_request__activities=filters.activity)
    return queryset.order_by()


# --- counted once per page ------------------------------------------------------------------

#: While a whole dashboard is built, what several figures share (the requests per area and
#: month) is counted once and kept here; outside, each figure counts for itself.
_counted: ContextVar[dict | None] = ContextVar("insights_counted", default=None)


def _once(key: str, count: Callable[[], object]):
    kept = _counted.get()
    if kept is None:
        return count()
    if key not in kept:
        kept[key] = count()
    return kept[key]


def _month_bounds(filters: Filters) -> list[tuple[date, date]]:
    return [(m, (m + timedelta(days=32)).replace(day=1)) for m in _months(filters)]


def _month_bucket(filters: Filters, name: str, local_time: bool) -> Case:
    """The month a row falls in, as its number (month boundaries in local time for moments):
    one CASE per row, evaluated by the database, so that no function of Django's runs per
    row and one GROUP BY serves all months."""

    def moment(day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time.min))

    bounds = _month_bounds(filters)
    return Case(
        *(
            When(**{f"{name}__lt": moment(b) if local_time else b}, then=Value(n))
            for n, (_a, b) in enumerate(bounds)
        ),
        default=Value(len(bounds)),
        output_field=IntegerField(),
    )


def _request_counts(scope: Scope, filters: Filters) -> dict[tuple, dict[str, int]]:
    """The requests of the period per (area, month): in all, per channel and per outcome,
    counted with one grouped query. Counts add up, so every figure about requests (by channel,
    by outcome, per area, per month) is read from these few hundred rows."""

    def count() -> dict[tuple, dict[str, int]]:
        counted = (
            requests(scope, filters)
            .annotate(month=_month_bucket(filters, "received_at", True))
            .values("area", "month")
            .annotate(
                all=Count("pk"),
                referred=Count("pk", filter=_REFERRED),
                desk=Count("pk", filter=~_REFERRED & _VIA_DESK),
                **{
                    f"outcome_{key}": Count("pk", filter=Q(status__in=statuses))
                    for key, (_l, statuses) in OUTCOMES.items()
                },
            )
        )
        return {(row.pop("area"), row.pop("month")): row for row in counted}

    return _once("requests", count)


def _added(counts: dict[tuple, dict[str, int]], name: str, by: int | None = None) -> dict:
    """One count of `_request_counts` added up per area (by=0), per month (by=1) or over all
    (by=None: under the key None)."""
    added: dict = {}
    for key, counted in counts.items():
        group = None if by is None else key[by]
        added[group] = added.get(group, 0) + counted[name]
    return added


def _hour_counts(scope: Scope, filters: Filters) -> dict[tuple, tuple[Decimal, int]]:
    """The approved hours of the period per (area, month) and how many volunteers gave them,
    in one grouped query: one pass over the hour entries serves the figure per area and the
    one per month."""

    def count() -> dict[tuple, tuple[Decimal, int]]:
        counted = (
            hours(scope, filters)
            .annotate(month=_month_bucket(filters, "date", False))
            .values_list("assignment__help_request__area", "month")
            .annotate(h=Sum("hours"), people=Count("assignment__profile", distinct=True))
        )
        return {(area, month): (h, people) for area, month, h, people in counted}

    return _once("hours", count)


def _hours_per(scope: Scope, filters: Filters, by: int) -> dict:
    """The hours of `_hour_counts` added up per area (by=0) or per month (by=1), each with a
    number of volunteers that is small (below SMALL_COUNT) exactly when the number who gave
    them is. Volunteers are not added up over the groups (one can give hours in several
    months), but they bound it: at least as many as in the group with the most, at most the
    sum. Only where those bounds fall on both sides of the limit, and small counts are hidden,
    are they counted again."""
    added: dict = {}
    for key, (h, people) in _hour_counts(scope, filters).items():
        given, most, summed = added.get(key[by], (Decimal(0), 0, 0))
        added[key[by]] = (given + h, max(most, people), summed + people)
    unsure = [g for g, (_h, most, summed) in added.items() if most < SMALL_COUNT <= summed]
    exact: dict = {}
    if unsure and scope.suppressed:
        group = (
            F("assignment__help_request__area")
            if by == 0
            else _month_bucket(filters, "date", False)
        )
        exact = dict(
            hours(scope, filters)
            .annotate(group=group)
            .values_list("group")
            .annotate(people=Count("assignment__profile", distinct=True))
        )
    return {
        g: (given, most if most >= SMALL_COUNT else exact.get(g, summed))
        for g, (given, most, summed) in added.items()
    }


def _small_total(scope: Scope, filters: Filters, people_per_row: list[int]) -> bool:
    """Whether fewer than k volunteers gave all the hours counted. At least as many gave them
    as in the row with the most: only when every row is small is it counted again."""
    if max(people_per_row, default=0) >= SMALL_COUNT or not scope.suppressed:
        return False
    everyone = hours(scope, filters).aggregate(n=Count("assignment__profile", distinct=True))
    return 0 < int(everyone["n"]) < SMALL_COUNT


# --- the figures -----------------------------------------------------------------------------

#: Routed by the desk: the requests with a "route" step, as one set the database gathers once
#: (`pk IN (...)`, hashed) rather than a lookup per request.
_ROUTED = Q(pk__in=RequestTransition.objects.filter(name="route").values("help_request"))
_VIA_DESK = Q(organisation__is_central_desk=True) | _ROUTED
_REFERRED = Q(source=HelpRequest.Source.PROFESSIONAL)


def requests_by_channel(scope: Scope, filters: Filters) -> Figure:
    """How requests came in: referred by a professional; else via the central desk (it holds
    the request or routed it); else directly to the organisation."""
    counted = _request_counts(scope, filters)
    counts = {key: _added(counted, key).get(None, 0) for key in ("all", "referred", "desk")}
    counts["direct"] = counts.pop("all") - counts["referred"] - counts["desk"]
    return _list_figure(
        "requests-by-channel",
        _("Help requests by how they came in"),
        _(
            "Requests that came in during the period: asked directly, referred by a "
            "professional, or via the central desk."
        ),
        _("Came in"),
        Column("requests", _("Help requests")),
        list(CHANNELS.items()),
        [counts[key] for key in CHANNELS],
        scope,
    )


def requests_by_outcome(scope: Scope, filters: Filters) -> Figure:
    counted = _request_counts(scope, filters)
    counts = {key: _added(counted, f"outcome_{key}").get(None, 0) for key in OUTCOMES}
    return _list_figure(
        "requests-by-outcome",
        _("What became of the help requests"),
        _("Requests that came in during the period, by where they stand now."),
        _("Outcome"),
        Column("requests", _("Help requests")),
        [(key, label) for key, (label, _s) in OUTCOMES.items()],
        [counts[key] for key in OUTCOMES],
        scope,
    )


def _months(filters: Filters) -> list[date]:
    months, month = [], filters.start.replace(day=1)
    while month <= filters.end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def trend(scope: Scope, filters: Filters) -> Figure:
    """Per month: requests in, volunteers who started, hours given. Each is grouped by the
    month's number (`_month_bucket`); the requests come from the counts the other figures
    share."""
    months = _months(filters)
    came = _added(_request_counts(scope, filters), "all", by=1)
    began = dict(
        _inflow(scope, filters, lifecycle.ACTIVE)
        .annotate(month=_month_bucket(filters, "created_at", True))
        .values_list("month")
        .annotate(n=Count("enrolment__profile", distinct=True))
    )
    spent = _hours_per(scope, filters, by=1)
    came_in = {m: came.get(n, 0) for n, m in enumerate(months)}
    started = {m: began.get(n, 0) for n, m in enumerate(months)}
    given = {m: spent.get(n, (Decimal(0), 0)) for n, m in enumerate(months)}
    request_cells, request_total = _column_cells([came_in.get(m, 0) for m in months], scope)
    start_cells, start_total = _column_cells([started.get(m, 0) for m in months], scope)
    hour_values = [given.get(m, (Decimal(0), 0))[0] for m in months]
    hour_people = [given.get(m, (Decimal(0), 0))[1] for m in months]
    hour_cells, hour_total = _column_cells(
        hour_values,
        scope,
        small=[0 < n < SMALL_COUNT for n in hour_people],
        small_total=_small_total(scope, filters, hour_people),
    )
    rows = [
        Row(m.strftime("%Y-%m"), m, [a, b, c])
        for m, a, b, c in zip(months, request_cells, start_cells, hour_cells, strict=True)
    ]
    return Figure(
        "trend",
        _("Per month"),
        _("Help requests that came in, volunteers who started and hours given, per month."),
        _("Month"),
        [
            Column("requests", _("Help requests")),
            Column("volunteers_started", _("Volunteers started")),
            Column("hours", _("Hours given"), "hours"),
        ],
        rows,
        Row("total", _("total"), [request_total, start_total, hour_total]),
        chart_columns=(0, 1),
    )


class Seconds(Func):
    """A moment as seconds, computed by the database itself (no function of Django's per row):
    julianday on SQLite, the epoch on PostgreSQL. Only differences of two are used."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s) * 86400.0)", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM %(expressions)s)::double precision",
            **extra,
        )


def nearest_ranks(queryset, column: str, percents: tuple[int, ...]) -> tuple[int, dict]:
    """The number of rows of `queryset` and, for each percent, the value of `column` at the
    nearest rank (the ceil(p/100 * n)-th smallest), in one query: the database numbers the
    values in order (a window function) and reads back only the ranks asked for. The ranks
    are counted in whole numbers, (p * n + 99) / 100, so no rounding of fractions can move
    them."""
    sql, params = queryset.query.sql_with_params()
    connection = connections[queryset.db]
    value = connection.ops.quote_name(column)
    ranks = ", ".join(f"({int(p)} * n + 99) / 100" for p in percents)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT n, position, {value} FROM ("  # noqa: S608 (only numbers and names)
            f"SELECT {value}, ROW_NUMBER() OVER (ORDER BY {value}) AS position, "
            f"COUNT(*) OVER () AS n FROM ({sql}) AS counted"
            f") AS ranked WHERE position IN ({ranks})",
            params,
        )
        found = cursor.fetchall()
    if not found:
        return 0, dict.fromkeys(percents)
    count = int(found[0][0])
    at = {int(position): float(v) for _n, position, v in found}
    return count, {p: at[max((p * count + 99) // 100, 1)] for p in percents}


def waiting_times(scope: Scope, filters: Filters) -> Figure:
    """Days from coming in to the first match, for the requests of the period matched. The
    requests of the period are read once (from the index that covers them) and joined to
    their match steps (from the index on the steps), each request's first match taken."""
    first_matches = (
        requests(scope, filters)
        .filter(transitions__name="match")
        .values("pk")
        .annotate(wait=Seconds(Min("transitions__created_at")) - Seconds(Min("received_at")))
    )
    count, at_rank = nearest_ranks(first_matches, "wait", (50, 90))
    hide = scope.suppressed and 0 < count < SMALL_COUNT

    def days(percent: int) -> Cell:
        if hide:
            return Cell(None, hidden=True)
        value = at_rank[percent]
        if value is None:
            return Cell(None)
        return Cell(round(max(value, 0) / 86400, 1))

    return Figure(
        "waiting-times",
        _("Waiting time to a match"),
        _(
            "Days from the day a request came in to the day a volunteer was first matched, for "
            "the requests of the period that were matched."
        ),
        _("Measure"),
        [Column("days", _("Days"), "days")],
        [
            Row("matched", _("requests matched"), [_single(count, scope)]),
            Row("median", _("median (half waited shorter)"), [days(50)]),
            Row("p90", _("90th percentile (9 in 10 waited shorter)"), [days(90)]),
        ],
        notes=[_("The number of requests matched is a count; the other rows are days.")],
    )


def _inflow(scope: Scope, filters: Filters, to_status: str):
    sources = (
        [lifecycle.APPLICANT, lifecycle.INTAKE_PLANNED, ""]
        if to_status == lifecycle.ACTIVE
        else [lifecycle.ACTIVE, lifecycle.PAUSED]
    )
    return EnrolmentStatusChange.objects.filter(
        enrolment__in=enrolments(scope, filters).values("pk"),
        to_status=to_status,
        from_status__in=sources,
        created_at__gte=filters.start_at,
        created_at__lt=filters.end_before,
    ).order_by()


def volunteers(scope: Scope, filters: Filters) -> Figure:
    """Active volunteers now; who started and who stopped in the period."""
    active = (
        enrolments(scope, filters)
        .filter(status=lifecycle.ACTIVE)
        .aggregate(n=Count("profile", distinct=True))["n"]
    )
    started = _inflow(scope, filters, lifecycle.ACTIVE).aggregate(
        n=Count("enrolment__profile", distinct=True)
    )["n"]
    stopped = _inflow(scope, filters, lifecycle.STOPPED).aggregate(
        n=Count("enrolment__profile", distinct=True)
    )["n"]
    return Figure(
        "volunteers",
        _("Volunteers"),
        _(
            "Volunteers active now at the organisations, and volunteers who started or stopped "
            "during the period."
        ),
        _("Volunteers"),
        [Column("volunteers", _("Volunteers"))],
        [
            Row("active", _("active now"), [_single(active, scope)]),
            Row("started", _("started in the period"), [_single(started, scope)]),
            Row("stopped", _("stopped in the period"), [_single(stopped, scope)]),
        ],
        notes=[_("The Wmo performance field does not apply to volunteers.")],
    )


def areas(scope: Scope, filters: Filters) -> Figure:
    """Per area: requests in and active volunteers (who live there), also per 1,000
    inhabitants."""
    places = list(Area.objects.filter(municipality=scope.municipality).order_by("kind", "name"))
    if filters.area is not None:
        places = [a for a in places if a.pk == filters.area.pk]
    came_in = _added(_request_counts(scope, filters), "all", by=0)
    living = dict(
        enrolments(scope, filters)
        .filter(status=lifecycle.ACTIVE)
        .values_list("profile__area")
        .annotate(n=Count("profile", distinct=True))
    )
    request_cells, request_total = _column_cells([came_in.get(a.pk, 0) for a in places], scope)
    volunteer_cells, volunteer_total = _column_cells([living.get(a.pk, 0) for a in places], scope)

    def per_thousand(cell: Cell, population: int | None) -> Cell:
        if cell.hidden:
            return Cell(None, hidden=True)
        if not population or cell.value is None:
            return Cell(None)
        return Cell(round(float(cell.value) * 1000 / population, 1))

    rows = []
    for area, requested, volunteering in zip(places, request_cells, volunteer_cells, strict=True):
        rows.append(
            Row(
                str(area.pk),
                area.name,
                [
                    requested,
                    volunteering,
                    Cell(area.population),
                    Cell(area.population_year),
                    per_thousand(requested, area.population),
                    per_thousand(volunteering, area.population),
                ],
            )
        )
    counted = [a.population for a in places if a.population]
    population_total = sum(counted) if len(counted) == len(places) and places else None
    total = Row(
        "total",
        _("total"),
        [
            request_total,
            volunteer_total,
            Cell(population_total),
            Cell(None),
            per_thousand(request_total, population_total),
            per_thousand(volunteer_total, population_total),
        ],
    )
    return Figure(
        "areas",
        _("Per neighbourhood and village"),
        _(
            "Help requests that came in during the period and volunteers active now who live "
            "there, also per 1,000 inhabitants."
        ),
        _("Area"),
        [
            Column("requests", _("Help requests")),
            Column("volunteers", _("Active volunteers")),
            Column("population", _("Inhabitants"), "inhabitants"),
            Column("population_year", _("Counted in"), "year"),
            Column("requests_per_1000", _("Requests per 1,000 inhabitants"), "rate"),
            Column("volunteers_per_1000", _("Volunteers per 1,000 inhabitants"), "rate"),
        ],
        rows,
        total,
        notes=[
            _(
                "Where the number of inhabitants is not known, the figure per 1,000 is not "
                "known either."
            )
        ],
        chart_columns=(4, 5),
    )


def hours_by_area(scope: Scope, filters: Filters) -> Figure:
    """Approved hours given per area of the person helped."""
    places = list(Area.objects.filter(municipality=scope.municipality).order_by("kind", "name"))
    if filters.area is not None:
        places = [a for a in places if a.pk == filters.area.pk]
    given = _hours_per(scope, filters, by=0)
    values = [given.get(a.pk, (Decimal(0), 0))[0] for a in places]
    cells, total = _column_cells(
        values,
        scope,
        small=[0 < given.get(a.pk, (0, 0))[1] < SMALL_COUNT for a in places],
        small_total=_small_total(scope, filters, [given.get(a.pk, (0, 0))[1] for a in places]),
    )
    return Figure(
        "hours",
        _("Hours given"),
        _("Approved hours volunteers gave during the period, by the area of the person helped."),
        _("Area"),
        [Column("hours", _("Hours given"), "hours")],
        [Row(str(a.pk), a.name, [c]) for a, c in zip(places, cells, strict=True)],
        Row("total", _("total"), [total]),
        notes=[_("Hours are hidden where fewer volunteers than the limit gave them.")],
    )


def concerns(scope: Scope, filters: Filters) -> Figure:
    counts = _about_requests(
        Concern.objects.all(), scope, filters, Q(organisation_id__in=scope.organisation_ids or ())
    ).aggregate(
        **{f"level_{level}": Count("pk", filter=Q(level=level)) for level in CONCERN_LEVELS}
    )
    return _list_figure(
        "concerns",
        _("Concerns and escalations"),
        _(
            "Concerns volunteers raised about a person during the period, by how far they were "
            "escalated."
        ),
        _("Concerns"),
        Column("concerns", _("Concerns")),
        [(str(level), label) for level, label in CONCERN_LEVELS.items()],
        [counts[f"level_{level}"] for level in CONCERN_LEVELS],
        scope,
    )


def handovers(scope: Scope, filters: Filters) -> Figure:
    ids = scope.organisation_ids or ()
    counts = _about_requests(
        Handover.objects.all(),
        scope,
        filters,
        Q(from_organisation_id__in=ids) | Q(to_organisation_id__in=ids),
    ).aggregate(**{d: Count("pk", filter=Q(direction=d)) for d in Handover.Direction.values})
    return _list_figure(
        "handovers",
        _("Handovers"),
        _("Warm handovers during the period: from volunteers to professionals, and back."),
        _("Direction"),
        Column("handovers", _("Handovers")),
        list(Handover.Direction.choices),
        [counts[d] for d in Handover.Direction.values],
        scope,
    )


def organisations(scope: Scope, filters: Filters) -> Figure:
    """Monitoring volunteer policy (report 3.5.3): the organisations by type and sector. An
    organisation is no person: these numbers are never hidden."""
    queryset = Organisation.objects.filter(municipality=scope.municipality)
    if scope.organisation_ids is not None:
        queryset = queryset.filter(pk__in=scope.organisation_ids)
    counted = list(
        queryset.values_list("type", "sector").annotate(n=Count("pk")).order_by("type", "sector")
    )
    types, sectors = dict(Organisation.Type.choices), dict(Organisation.Sector.choices)
    rows = [Row(f"{t}-{s}", f"{types[t]}: {sectors[s]}", [Cell(n)]) for t, s, n in counted]
    return Figure(
        "organisations",
        _("Organisations by type and sector"),
        _(
            "The organisations in the municipality, by who does the primary work (type) and "
            "their sector."
        ),
        _("Type and sector"),
        [Column("organisations", _("Organisations"))],
        rows,
        Row("total", _("total"), [Cell(sum(n for _t, _s, n in counted))]),
    )


def volunteers_by_organisation_type(scope: Scope, filters: Filters) -> Figure:
    """Active volunteer places per organisation type (someone active at two organisations
    counts twice)."""
    counted = dict(
        enrolments(scope, filters)
        .filter(status=lifecycle.ACTIVE)
        .values_list("organisation__type")
        .annotate(n=Count("pk"))
    )
    return _list_figure(
        "volunteers-by-organisation-type",
        _("Volunteers per organisation type"),
        _(
            "Active volunteer places now, per organisation type; someone active at two "
            "organisations counts twice."
        ),
        _("Organisation type"),
        Column("volunteers", _("Volunteer places")),
        [(str(t), label) for t, label in Organisation.Type.choices],
        [counted.get(t, 0) for t in Organisation.Type.values],
        scope,
    )


#: Every figure the dashboard shows, in its order; the CSV download and the API use the keys.
FIGURES: dict[str, Callable[[Scope, Filters], Figure]] = {
    "requests-by-channel": requests_by_channel,
    "requests-by-outcome": requests_by_outcome,
    "waiting-times": waiting_times,
    "volunteers": volunteers,
    "hours": hours_by_area,
    "concerns": concerns,
    "handovers": handovers,
    "areas": areas,
    "trend": trend,
    "organisations": organisations,
    "volunteers-by-organisation-type": volunteers_by_organisation_type,
}


def dashboard(scope: Scope, filters: Filters) -> list[Figure]:
    """Every figure; what several share is counted once for the page."""
    kept = _counted.set({})
    try:
        return [build(scope, filters) for build in FIGURES.values()]
    finally:
        _counted.reset(kept)


# --- the policy officer's start page ---------------------------------------------------------


def area_overview(municipality) -> list[dict]:
    """Requests and volunteers per area of a municipality (all time), small counts hidden
    together with what would give them away (None: hidden)."""
    places = list(municipality.areas.all())
    requests_per_area = dict(
        HelpRequest.objects.filter(municipality=municipality)
        .values_list("area_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    volunteers_per_area = dict(
        VolunteerProfile.objects.filter(area__municipality=municipality)
        .values_list("area_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    asked = suppress_list([requests_per_area.get(a.pk, 0) for a in places], SMALL_COUNT)
    living = suppress_list([volunteers_per_area.get(a.pk, 0) for a in places], SMALL_COUNT)
    return [
        {"area": area, "requests": r[0], "volunteers": v[0]}
        for area, r, v in zip(places, asked.cells, living.cells, strict=True)
    ]
