"""Figures for people: numbers in the person's notation, hidden cells in words, a chart drawn
as SVG on the server (no script, styled by classes in the static CSS), and CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meedoen.insights.selectors import Cell, Column, Figure, Row

BAR_HEIGHT = 18
GAP = 10
LABEL_WIDTH = 210
WIDTH = 640


def label(value) -> str:
    if isinstance(value, date):
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return str(value)


def display(cell: Cell, column: Column) -> str:
    if cell.hidden:
        return _("hidden")
    if cell.value is None:
        return _("not known")
    if column.kind == "year":
        return str(cell.value)
    if column.kind in ("hours", "rate", "days"):
        return formats.number_format(cell.value, decimal_pos=1, force_grouping=True)
    return formats.number_format(cell.value, force_grouping=True)


def table(figure: Figure) -> dict:
    """What the template's table needs: header labels and the rows in words."""

    def cells(row: Row) -> list[str]:
        return [display(c, col) for c, col in zip(row.cells, figure.columns, strict=True)]

    return {
        "columns": [str(c.label) for c in figure.columns],
        "rows": [(label(row.label), cells(row)) for row in figure.rows],
        "total": (label(figure.total.label), cells(figure.total)) if figure.total else None,
        "hidden": any(c.hidden for row in figure.rows for c in row.cells)
        or bool(figure.total and any(c.hidden for c in figure.total.cells)),
    }


def chart(figure: Figure) -> SafeString:
    """Horizontal bars, one group per row, one bar per charted column. The chart is hidden from
    screen readers: the table beside it holds the same numbers."""
    series = list(figure.chart_columns)
    largest = max(
        (
            float(row.cells[i].value)
            for row in figure.rows
            for i in series
            if row.cells[i].value is not None and not row.cells[i].hidden
        ),
        default=0.0,
    )
    group = BAR_HEIGHT * len(series) + GAP
    height = group * max(len(figure.rows), 1) + GAP + (24 if len(series) > 1 else 0)
    room = WIDTH - LABEL_WIDTH - 90
    parts = [
        f'<svg class="meedoen-chart" viewBox="0 0 {WIDTH} {height}" '
        f'preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">'
    ]
    for n, row in enumerate(figure.rows):
        top = GAP + n * group
        parts.append(
            f'<text class="meedoen-chart__label" x="{LABEL_WIDTH - 8}" '
            f'y="{top + BAR_HEIGHT * len(series) / 2 + 5:.0f}" text-anchor="end">'
            f"{escape(label(row.label)[:32])}</text>"
        )
        for s, column_index in enumerate(series):
            cell = row.cells[column_index]
            y = top + s * BAR_HEIGHT
            column = figure.columns[column_index]
            if cell.value is None or cell.hidden:
                parts.append(
                    f'<text class="meedoen-chart__missing" x="{LABEL_WIDTH + 4}" '
                    f'y="{y + BAR_HEIGHT - 5}">{escape(display(cell, column))}</text>'
                )
                continue
            length = room * float(cell.value) / largest if largest else 0
            parts.append(
                f'<rect class="meedoen-chart__bar meedoen-chart__bar--{s + 1}" '
                f'x="{LABEL_WIDTH}" y="{y + 1}" width="{length:.1f}" height="{BAR_HEIGHT - 2}"/>'
            )
            parts.append(
                f'<text class="meedoen-chart__value" x="{LABEL_WIDTH + length + 4:.1f}" '
                f'y="{y + BAR_HEIGHT - 5}">{escape(display(cell, column))}</text>'
            )
    if len(series) > 1:
        y = height - 8
        for s, column_index in enumerate(series):
            x = LABEL_WIDTH + s * 200
            parts.append(
                f'<rect class="meedoen-chart__bar meedoen-chart__bar--{s + 1}" x="{x}" '
                f'y="{y - 10}" width="12" height="12"/>'
                f'<text class="meedoen-chart__legend" x="{x + 16}" y="{y}">'
                f"{escape(str(figure.columns[column_index].label)[:28])}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def _csv_number(cell: Cell, column: Column) -> str:
    if cell.hidden:
        return _("hidden")
    if cell.value is None:
        return ""
    if column.kind in ("hours", "rate", "days"):
        return formats.number_format(cell.value, decimal_pos=1, use_l10n=True)
    return str(cell.value)


def csv_text(figure: Figure) -> str:
    """The figure as CSV in the person's language: Dutch spreadsheets read ';' between fields
    and a decimal comma. A cell a spreadsheet would run as a formula is quoted."""
    delimiter = ";" if formats.get_format("DECIMAL_SEPARATOR", get_language()) == "," else ","
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([str(figure.row_heading), *(str(c.label) for c in figure.columns)])
    rows = [*figure.rows, *([figure.total] if figure.total else [])]
    for row in rows:
        name = label(row.label)
        if name[:1] in ("=", "+", "-", "@"):
            name = "'" + name
        writer.writerow(
            [name, *(_csv_number(c, col) for c, col in zip(row.cells, figure.columns, strict=True))]
        )
    return out.getvalue()
