"""The result in words and figures for people: whole percentages in the page's notation
(45 % in Dutch), models by their names, never codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from meedoen.cooperation import framework as fw

#: Colours of the four models in the bar chart (the table beside it carries the figures).
COLOURS = {
    fw.Model.SUBSTITUTION: "#8b2c0e",
    fw.Model.RESOURCES: "#b35c00",
    fw.Model.DIALOGUE: "#1d6b3a",
    fw.Model.NO_STEERING: "#00457a",
}


def percent(value: float) -> str:
    """45 % in Dutch, 45% in English."""
    number = round(value)
    return (
        f"{number}\u00a0%"
        if (translation.get_language() or "nl").startswith("nl")
        else f"{number}%"
    )


def points(value: float) -> str:
    """A change in percentage points, with its sign."""
    number = round(value)
    sign = "+" if number > 0 else ("−" if number < 0 else "")
    return _("%(sign)s%(number)s points") % {"sign": sign, "number": abs(number)}


@dataclass
class Row:
    label: Any
    cells: list[str]
    top: Any
    bars: list[tuple[str, str, str, Any]]  # x, width (as SVG numbers), colour, model label


def row(label: Any, profile: fw.Profile) -> Row:
    shown = fw.percentages(profile)
    bars = []
    x = 0.0
    for model in fw.MODELS:
        width = float(shown[model])
        # SVG numbers, never in the page's notation (no decimal comma).
        bars.append((f"{x:g}", f"{width:g}", COLOURS[model], model.label))
        x += width
    return Row(
        label=label,
        cells=[percent(shown[m]) for m in fw.MODELS],
        # Models that share the largest part are all named.
        top=" / ".join(str(m.label) for m in fw.MODELS if shown[m] == max(shown.values())),
        bars=bars,
    )


def rows(score: fw.GroupScore) -> list[Row]:
    result = []
    if score.overall is not None:
        result.append(row(_("Overall"), score.overall))
    for dimension in fw.DIMENSIONS:
        profile = score.dimensions[dimension]
        if profile is not None:
            result.append(row(dimension.label, profile))
    return result


def axis_words(position: float | None) -> str:
    if position is None:
        return _("not known")
    if position < 40:
        side = _("mostly instrumental")
    elif position > 60:
        side = _("mostly expressive")
    else:
        side = _("between instrumental and expressive")
    return _("%(side)s (%(position)s on a scale from 0 instrumental to 100 expressive)") % {
        "side": side,
        "position": round(position),
    }


def divergence_text(divergence: fw.Divergence) -> str:
    return _(
        "%(dimension)s: for %(first)s the largest is “%(first_model)s”, for %(second)s "
        "“%(second_model)s”; %(share)s of the profile differs."
    ) % {
        "dimension": divergence.dimension.label,
        "first": str(fw.group_label(divergence.first)).lower(),
        "second": str(fw.group_label(divergence.second)).lower(),
        "first_model": divergence.first_top.label,
        "second_model": divergence.second_top.label,
        "share": percent(divergence.difference),
    }


def movement_rows(previous: fw.GroupScore, current: fw.GroupScore) -> list[dict[str, Any]]:
    found = []
    for moved in fw.movement(previous, current):
        found.append(
            {
                "label": _("Overall") if moved.dimension is None else moved.dimension.label,
                "cells": [points(moved.changes[m]) for m in fw.MODELS],
            }
        )
    return found


def page(result: fw.Result, previous: fw.Result | None) -> dict[str, Any]:
    """Everything the result page shows."""
    everyone = result.everyone
    organisation_type = everyone.organisation_type
    closest = [
        {"practice": p, "difference": percent(d), "section": p.section} for p, d in result.closest
    ]
    advice = {kind: [a for a in result.advice if a.kind is kind] for kind in fw.AdviceKind}
    divergent = {d.dimension for d in result.divergences}
    perspective_rows = []
    for key, score in result.perspectives.items():
        if score.overall is None:
            continue
        r = row(fw.group_label(key), score.overall)
        perspective_rows.append({"row": r, "count": score.count})
    data: dict[str, Any] = {
        "models": [m.label for m in fw.MODELS],
        "legend": [(COLOURS[m], m.label) for m in fw.MODELS],
        "rows": rows(everyone),
        "count": everyone.count,
        "axis": axis_words(everyone.vision),
        "expressive_share": percent(everyone.expressive_share or 0),
        "organisation_type": organisation_type.label if organisation_type else None,
        "closest": closest,
        "advice": [(kind.label, items) for kind, items in advice.items() if items],
        "perspective_rows": perspective_rows,
        "divergences": [divergence_text(d) for d in result.divergences],
        "divergent_dimensions": [d.label for d in fw.DIMENSIONS if d in divergent],
        "threshold": percent(fw.DIVERGENCE_THRESHOLD),
        "minimum": fw.MINIMUM_GROUP,
        "previous": None,
    }
    if previous is not None:
        data["previous"] = {
            "rows": movement_rows(previous.everyone, everyone),
            "axis_before": axis_words(previous.everyone.vision),
            "closest_before": previous.closest[0][0].name if previous.closest else None,
        }
    return data
