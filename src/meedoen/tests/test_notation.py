"""People read numbers, distances, money, hours and dates in their own language's notation."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from meedoen import notation

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("language", "value", "places", "shown"),
    [
        ("nl", 35.7129, 1, "35,7"),
        ("en", 35.7129, 1, "35.7"),
        ("nl", Decimal("2.50"), None, "2,5"),
        ("nl", 2, None, "2"),
        ("nl", 1234.5, 1, "1.234,5"),
        ("en", 1234.5, 1, "1,234.5"),
        ("nl", -0.01, 1, "0,0"),
    ],
)
def test_numbers_in_each_language(language, value, places, shown):
    with translation.override(language):
        assert notation.number(value, places) == shown


def test_distances_read_as_people_say_them():
    with translation.override("nl"):
        assert notation.distance(1.31) == "1,3 km"
        assert notation.distance(0.0) == "minder dan 100 m"
        assert notation.distance(12.6) == "13 km"
    with translation.override("en"):
        assert notation.distance(1.31) == "1.3 km"
        assert notation.distance(0) == "less than 100 m"


def test_money_and_hours_with_the_right_plural():
    with translation.override("nl"):
        assert notation.money(Decimal("12.5")) == "€ 12,50"
        assert notation.money(15) == "€ 15"
        assert notation.hours(1) == "1 uur"
        assert notation.hours(Decimal("2.5")) == "2,5 uur"
    with translation.override("en"):
        assert notation.money(Decimal("12.5")) == "€12.50"
        assert notation.hours(1) == "1 hour"
        assert notation.hours(2) == "2 hours"


def test_dates_are_written_out_and_moments_in_local_time():
    at = datetime.datetime(2026, 11, 30, 13, 5, tzinfo=datetime.UTC)
    with translation.override("nl"):
        assert notation.day(at) == "30 november 2026"
        assert notation.moment(at) == "30 november 2026, 14:05"
        assert notation.month(at) == "november 2026"
        assert notation.weekday_day(at) == "maandag 30 november 2026"
        assert notation.day_short(datetime.date(2020, 10, 31)) == "31 oktober 2020"
    with translation.override("en"):
        assert notation.day(at) == "30 November 2026"
        assert notation.moment(at) == "30 November 2026, 14:05"


def test_a_deadline_shows_no_odd_minutes_and_is_never_later_than_the_real_one():
    just_after_midnight = datetime.datetime(2026, 12, 9, 0, 3, tzinfo=AMSTERDAM)
    afternoon = datetime.datetime(2026, 12, 9, 14, 47, tzinfo=AMSTERDAM)
    with translation.override("nl"):
        assert notation.deadline(just_after_midnight) == "9 december 2026"
        assert notation.deadline(afternoon) == "9 december 2026, 14:00"


def test_templates_have_the_filters_without_loading_them():
    page = Template("{{ km|distance }} · {{ n|number:1 }} · {{ d|day }} · {{ h|hours }}")
    with translation.override("nl"):
        shown = page.render(
            Context({"km": 1.3, "n": 42.46, "d": datetime.date(2026, 12, 9), "h": 1})
        )
    assert shown == "1,3 km · 42,5 · 9 december 2026 · 1 uur"


def test_parts_of_the_week_have_names_in_each_language():
    from meedoen import availability
    from meedoen.forms import SLOT_CHOICES

    mask = availability.to_mask(["wed-morning", "thu-morning"])
    with translation.override("nl"):
        assert availability.slot_names(mask) == ["woensdagochtend", "donderdagochtend"]
        assert str(dict(SLOT_CHOICES)["wed-morning"]) == "woensdagochtend"
    with translation.override("en"):
        assert availability.slot_names(mask) == ["Wednesday morning", "Thursday morning"]
        assert str(dict(SLOT_CHOICES)["wed-morning"]) == "Wednesday morning"


@pytest.mark.parametrize(
    ("language", "count", "shown"),
    [
        ("nl", 1, "1 dagdeel"),
        ("nl", 2, "2 dagdelen"),
        ("en", 1, "1 part of the week"),
        ("en", 2, "2 parts of the week"),
    ],
)
def test_counts_take_the_right_plural(language, count, shown):
    page = Template(
        "{% load i18n %}{% blocktranslate count n=slots|length %}{{ n }} part of the week"
        "{% plural %}{{ n }} parts of the week{% endblocktranslate %}"
    )
    with translation.override(language):
        assert page.render(Context({"slots": ["x"] * count})) == shown


def test_a_whole_distance_has_no_decimals():
    with translation.override("nl"):
        assert notation.distance(Decimal("5.0")) == "5 km"
        assert notation.distance(4.98) == "5 km"
