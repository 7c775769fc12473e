"""The monitor's chart, drawn on the server as SVG: per month two bars, the events on the
professionals' side and those on the volunteers' side. Pure: it only places numbers."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format

from meedoen.insights.monitor import Month

WIDTH = 600
HEIGHT = 220
TOP = 16
BOTTOM = 40
LEFT = 8
BAR = 16


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    value: int
    side: str  # "professionals" or "volunteers"


@dataclass(frozen=True)
class Label:
    x: int
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: int
    bars: list[Bar]
    labels: list[Label]
    hidden: bool  # some months had a small count, not drawn


def chart(months: list[Month]) -> Chart:
    values = [(m.towards_professionals, m.towards_volunteers) for m in months]
    highest = max([v for pair in values for v in pair if v is not None] + [1])
    baseline = HEIGHT - BOTTOM
    room = baseline - TOP
    step = (WIDTH - LEFT) // max(len(months), 1)
    bars, labels, hidden = [], [], False
    for index, (month, pair) in enumerate(zip(months, values, strict=True)):
        x = LEFT + index * step + (step - 2 * BAR) // 2
        for offset, (side, value) in enumerate(
            zip(("professionals", "volunteers"), pair, strict=True)
        ):
            if value is None:
                hidden = True
                continue
            height = round(room * value / highest)
            bars.append(Bar(x + offset * BAR, baseline - height, height, value, side))
        labels.append(Label(x + BAR, date_format(month.month, "M")))
    return Chart(WIDTH, HEIGHT, baseline, bars, labels, hidden)
