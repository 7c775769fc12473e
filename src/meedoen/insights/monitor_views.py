"""The substitution monitor's page and its CSV download."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meedoen.insights import monitor
from meedoen.insights.presentation import chart
from meedoen.insights.selectors import SMALL_COUNT, Cell, Column, Figure, Row
from meedoen.permissions import Role, role_required

MONITOR_ROLES = (Role.POLICY_OFFICER, Role.COORDINATOR, Role.MANAGER)
SIDES = (
    Column("towards_professionals", gettext_lazy("Towards professionals or kept there")),
    Column("towards_volunteers", gettext_lazy("Towards volunteers")),
)


def _chart(view: monitor.MonitorView) -> SafeString:
    """Per month the events on each side, drawn as the dashboard draws its figures."""
    rows = [
        Row(
            month.month.isoformat(),
            month.month,
            [
                Cell(value, hidden=value is None)
                for value in (month.towards_professionals, month.towards_volunteers)
            ],
        )
        for month in view.months
    ]
    figure = Figure(
        key="monitor",
        title=view.name,
        description="",
        row_heading=_("Month"),
        columns=list(SIDES),
        rows=rows,
        chart_columns=(0, 1),
    )
    return chart(figure)


@role_required(*MONITOR_ROLES)
def monitor_page(request):
    views = monitor.monitors_for(request.user)
    return render(
        request,
        "insights/monitor/monitor.html",
        {
            "views": [(view, _chart(view)) for view in views],
            "sides": [column.label for column in SIDES],
            "columns": [label for _key, label in monitor.COLUMNS],
            "small_count": SMALL_COUNT,
            "factor": monitor.STANDS_OUT_FACTOR,
            "months": monitor.MONTHS,
        },
    )


def _cell(value: str) -> str:
    """A value a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _count(value: int | None) -> str:
    return _("hidden") if value is None else str(value)


def csv_text(views: list[monitor.MonitorView]) -> str:
    """The monitor's table: one line per scope and month, counts in words people read."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [_("Municipality or organisation"), _("Month")]
        + [str(column.label) for column in SIDES]
        + [str(label) for _k, label in monitor.COLUMNS]
    )
    for view in views:
        for month in view.months:
            writer.writerow(
                [_cell(view.name), date_format(month.month, "F Y")]
                + [_count(month.towards_professionals), _count(month.towards_volunteers)]
                + [_count(n) for n in month.cells]
            )
    writer.writerow([])
    writer.writerow(
        [
            _("Organisation"),
            _("Help requests"),
            _("Formal care split off"),
            _("Share split off (%)"),
            _("Stands out"),
        ]
    )
    for view in views:
        lines = view.organisations or []
        for line in lines:
            percentage = line.share.percentage
            writer.writerow(
                [
                    _cell(line.organisation.name),
                    _count(line.share.requests),
                    _count(line.share.split),
                    "" if percentage is None else number_format(percentage, 1),
                    _("yes") if line.stands_out else _("no"),
                ]
            )
        if view.organisation is not None:
            percentage = view.share.percentage
            writer.writerow(
                [
                    _cell(view.name),
                    _count(view.share.requests),
                    _count(view.share.split),
                    "" if percentage is None else number_format(percentage, 1),
                    _("yes") if view.stands_out else _("no"),
                ]
            )
    return out.getvalue()


@role_required(*MONITOR_ROLES)
def monitor_csv(request):
    response = HttpResponse(
        csv_text(monitor.monitors_for(request.user)), content_type="text/csv; charset=utf-8"
    )
    name = f"substitution-monitor-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
