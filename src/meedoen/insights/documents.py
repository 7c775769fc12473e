"""The demand dossier as a PDF a village takes to a care provider or the council."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from meedoen import notation
from meedoen.engagements.documents import _Document, _plain
from meedoen.insights.dossier import Dossier
from meedoen.insights.selectors import SMALL_COUNT


def count(value: int | None) -> str:
    return _("hidden") if value is None else str(value)


def days(value: float | None) -> str:
    return "-" if value is None else number_format(value, 1)


def _table(
    pdf: _Document,
    caption: str,
    head: list[str],
    rows: list[list[str]],
    widths: tuple[int, ...] | None = None,
) -> None:
    pdf.heading(caption)
    if not rows:
        pdf.paragraph(_("Nothing in this period."))
        return
    pdf.set_font("Helvetica", "", 8 if widths else 9)
    with pdf.table(text_align="LEFT", line_height=5, col_widths=widths) as table:
        heading = table.row()
        for text in head:
            heading.cell(_plain(text))
        for values in rows:
            row = table.row()
            for text in values:
                row.cell(_plain(text))


def dossier_pdf(dossier: Dossier) -> bytes:
    area = dossier.area
    pdf = _Document(_("Demand dossier: %(area)s") % {"area": area.name})
    pdf.paragraph(
        _(
            "The demand for support in %(area)s (%(kind)s, %(municipality)s) since %(date)s: "
            "help requests by activity and Wmo performance field, what volunteers answered, "
            "what waited, the volunteers who live here and what went to professionals. No person "
            "can be singled out: counts from 1 to %(largest)s are hidden, and so is another "
            "number where it would give a hidden count away."
        )
        % {
            "area": area.name,
            "kind": area.get_kind_display(),
            "municipality": area.municipality.name,
            "date": notation.day(dossier.first_day),
            "largest": SMALL_COUNT - 1,
        }
    )
    pdf.ln(2)
    if area.population:
        pdf.line_of(_("Inhabitants"), number_format(area.population, force_grouping=True))
    pdf.line_of(_("Help requests"), count(dossier.requests))
    pdf.line_of(_("Still waiting now"), count(dossier.waiting_now))
    pdf.line_of(_("Went to professionals"), count(dossier.to_professionals))
    pdf.line_of(_("Volunteers living here"), count(dossier.volunteers))
    _table(
        pdf,
        _("Help requests per quarter"),
        [
            _("Quarter"),
            _("Came in"),
            _("Answered by volunteers"),
            _("Still waiting"),
            _("Not answered"),
            _("Went to professionals"),
            _("Handed over to professionals"),
            _("Days until a volunteer (average)"),
        ],
        [
            [
                q.label,
                count(q.requests),
                count(q.answered),
                count(q.waiting),
                count(q.unmet),
                count(q.to_professionals),
                count(q.handed_over),
                days(q.waiting_days),
            ]
            for q in dossier.quarters
        ],
        widths=(24, 22, 22, 18, 20, 24, 24, 26),
    )
    _table(
        pdf,
        _("Demand per activity"),
        [
            _("Activity"),
            _("Help requests"),
            _("Still waiting"),
            _("Went to professionals"),
            _("Volunteers offering it here"),
        ],
        [
            [
                d.name,
                count(d.requests),
                count(d.waiting),
                count(d.to_professionals),
                count(d.volunteers),
            ]
            for d in dossier.activities
        ],
    )
    _table(
        pdf,
        _("Demand per Wmo performance field"),
        [_("Wmo performance field"), _("Help requests"), _("Still waiting")],
        [[d.name, count(d.requests), count(d.waiting)] for d in dossier.fields],
    )
    return pdf.finish()
