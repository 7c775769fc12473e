"""The figures that share their counting (requests per area and month, hours per area and per
month in one query, the waiting time's percentiles in one query) against a plain count in
Python over a small generated municipality, for several filters."""

from __future__ import annotations

import math
import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from meedoen.conftest import build_world, kept_for_module
from meedoen.engagements.models import HoursEntry
from meedoen.engagements.tests.factories import agree
from meedoen.insights import scopes, selectors
from meedoen.insights.selectors import Filters
from meedoen.matching.tests.factories import matched_request
from meedoen.requests.models import HelpRequest, RequestTransition
from meedoen.requests.tests.factories import HelpRequestFactory
from meedoen.volunteers.tests.factories import volunteer

SOURCES = [HelpRequest.Source.CITIZEN, HelpRequest.Source.CARER, HelpRequest.Source.PROFESSIONAL]


def _generate():
    world = build_world()
    rng = random.Random(14)
    now = timezone.now()
    today = timezone.localdate()
    places = [world.area, world.other_area]
    helpers = [volunteer(world.organisation, area=rng.choice(places)) for _ in range(3)]
    assignments = [
        agree(
            matched_request(
                profile,
                organisation=world.organisation,
                area=places[n % 2],
                received_at=now - timedelta(seconds=rng.randrange(300 * 86400)),
            ),
            profile,
        )
        for n, profile in enumerate(helpers)
    ]
    for _ in range(24):
        asked = HelpRequestFactory(
            organisation=rng.choice([world.organisation, world.other_organisation, world.desk]),
            area=rng.choice(places),
            source=rng.choice(SOURCES),
            received_at=now - timedelta(seconds=rng.randrange(400 * 86400)),
        )
        # Most were matched, some twice (the first match counts), some the same day.
        for _m in range(rng.choice([0, 1, 1, 2])):
            RequestTransition.objects.create(
                help_request=asked,
                name="match",
                from_status="ready",
                to_status="matched",
                actor_role="handler",
                created_at=asked.received_at + timedelta(seconds=rng.randrange(60 * 86400)),
            )
    for _ in range(40):
        HoursEntry.objects.create(
            assignment=rng.choice(assignments),
            date=today - timedelta(days=rng.randrange(400)),
            hours=Decimal(rng.choice(["0.25", "1.10", "2", "3.75"])),
            status=rng.choice(["approved", "approved", "submitted"]),
        )
    return world


@pytest.fixture(scope="module")
def _generated_once(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker, _generate) as built:
        yield built


@pytest.fixture
def generated(_generated_once, db):
    return _generated_once


def _filters(world) -> list[Filters]:
    today = timezone.localdate()
    return [
        Filters.last_year(),
        Filters(start=today - timedelta(days=120), end=today),
        Filters(start=today - timedelta(days=200), end=today - timedelta(days=20)),
        Filters(start=today - timedelta(days=364), end=today, area=world.other_area),
    ]


def _in_period(moment, filters: Filters) -> bool:
    return filters.start_at <= moment < filters.end_before


def _month(day) -> str:
    return day.strftime("%Y-%m")


def _plain_requests(world, filters):
    return [
        r
        for r in HelpRequest.objects.filter(municipality=world.municipality)
        if _in_period(r.received_at, filters)
        and (filters.area is None or r.area_id == filters.area.pk)
    ]


def _plain_hours(world, filters):
    return [
        e
        for e in HoursEntry.objects.select_related("assignment__help_request")
        if e.status == "approved"
        and filters.start <= e.date <= filters.end
        and (filters.area is None or e.assignment.help_request.area_id == filters.area.pk)
    ]


def _values(figure, column=0):
    return {row.key: row.cells[column].value for row in figure.rows}


def _open_scope(world):
    return scopes.Scope(world.municipality, None, suppressed=False, role="policy_officer")


@pytest.mark.django_db
def test_waiting_times_are_the_nearest_ranks_of_the_first_matches(generated):
    scope = _open_scope(generated)
    counted = set()
    for filters in _filters(generated):
        waits = sorted(
            (min(t.created_at for t in matches) - r.received_at).total_seconds()
            for r in _plain_requests(generated, filters)
            if (matches := list(r.transitions.filter(name="match")))
        )
        rows = _values(selectors.waiting_times(scope, filters))
        assert rows["matched"] == len(waits)
        for key, percent in (("median", 50), ("p90", 90)):
            rank = math.ceil(percent * len(waits) / 100)
            expected = round(max(waits[rank - 1], 0) / 86400, 1) if waits else None
            assert rows[key] == expected
        counted.add(len(waits))
    assert len(counted) > 2  # several sizes, odd and even


@pytest.mark.django_db
def test_hours_per_area_and_per_month_are_the_plain_sums(generated):
    scope = _open_scope(generated)
    for filters in _filters(generated):
        entries = _plain_hours(generated, filters)
        per_area: dict[str, Decimal] = {}
        per_month: dict[str, Decimal] = {}
        for e in entries:
            area = str(e.assignment.help_request.area_id)
            per_area[area] = per_area.get(area, Decimal(0)) + e.hours
            per_month[_month(e.date)] = per_month.get(_month(e.date), Decimal(0)) + e.hours
        by_area = selectors.hours_by_area(scope, filters)
        assert {k: v for k, v in _values(by_area).items() if v} == per_area
        assert by_area.total.cells[0].value == sum(per_area.values(), Decimal(0))
        trend = selectors.trend(scope, filters)
        assert {k: v for k, v in _values(trend, 2).items() if v} == per_month
        assert trend.total.cells[2].value == sum(per_month.values(), Decimal(0))


@pytest.mark.django_db
def test_requests_per_area_month_channel_and_outcome_are_the_plain_counts(generated):
    scope = _open_scope(generated)
    for filters in _filters(generated):
        asked = _plain_requests(generated, filters)
        per_area: dict[str, int] = {}
        per_month: dict[str, int] = {}
        for r in asked:
            per_area[str(r.area_id)] = per_area.get(str(r.area_id), 0) + 1
            month = _month(timezone.localtime(r.received_at))
            per_month[month] = per_month.get(month, 0) + 1
        assert {k: v for k, v in _values(selectors.areas(scope, filters)).items() if v} == per_area
        assert {k: v for k, v in _values(selectors.trend(scope, filters)).items() if v} == per_month
        referred = sum(r.source == HelpRequest.Source.PROFESSIONAL for r in asked)
        desk = sum(
            r.source != HelpRequest.Source.PROFESSIONAL
            and (r.organisation.is_central_desk or r.transitions.filter(name="route").exists())
            for r in asked
        )
        channels = _values(selectors.requests_by_channel(scope, filters))
        assert channels == {
            "direct": len(asked) - referred - desk,
            "referred": referred,
            "desk": desk,
        }
        outcomes = _values(selectors.requests_by_outcome(scope, filters))
        assert outcomes == {
            key: sum(r.status in statuses for r in asked)
            for key, (_label, statuses) in selectors.OUTCOMES.items()
        }


def _shown(figure):
    cells = [row.cells for row in figure.rows] + [figure.total.cells if figure.total else []]
    return figure.key, [[(c.value, c.hidden) for c in row] for row in cells]


@pytest.mark.django_db
@pytest.mark.parametrize("suppressed", [False, True])
def test_the_dashboard_shows_what_each_figure_shows_on_its_own(generated, suppressed):
    """The page counts what figures share once; the CSV and the API count one figure."""
    scope = scopes.Scope(generated.municipality, None, suppressed, role="policy_officer")
    for filters in _filters(generated):
        together = [_shown(f) for f in selectors.dashboard(scope, filters)]
        alone = [_shown(build(scope, filters)) for build in selectors.FIGURES.values()]
        assert together == alone
    if suppressed:
        assert any(hidden for _key, rows in together for row in rows for _v, hidden in row)
