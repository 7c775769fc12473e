"""A person's data as a file: JSON to read by machine, a PDF to read (in the person's
language, Dutch dates in Dutch). The content comes from every app's section
(`meedoen.personal_data`); this module only writes it down."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from meedoen import personal_data

#: The PDF core fonts speak Latin-1: typographic characters are written plainly.
PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "€": "EUR "})

LANGUAGES = ("nl", "en")


def _plain(text: Any) -> str:
    return str(text).translate(PLAIN).encode("latin-1", "replace").decode("latin-1")


def language_of(requested: str | None) -> str:
    """Dutch unless English is asked for (or is the language of the page)."""
    chosen = requested or translation.get_language() or "nl"
    return "en" if chosen.startswith("en") else "nl"


def as_json(user, language: str) -> bytes:
    with translation.override(language):
        data = personal_data.json_ready(personal_data.export(user))
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y, H:i"
        )
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, (Decimal, float)):
        return number_format(Decimal(str(value)).normalize(), use_l10n=True)
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    return str(value)


class _Export(FPDF):
    def __init__(self, title: str, language: str):
        super().__init__(format="A4")
        self.set_title(_plain(title))
        self.set_author("Meedoen")
        self.set_creator("Meedoen")
        self.set_lang(language)
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.add_page()
        self.set_font("Helvetica", "B", 18)
        self.multi_cell(0, 10, _plain(title), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def heading(self, text: str, size: int = 14) -> None:
        self.ln(3)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 8, _plain(text), new_x="LMARGIN", new_y="NEXT")

    def line_of(self, label: str, value: str, indent: float) -> None:
        self.set_x(self.l_margin + indent)
        self.set_font("Helvetica", "B", 10)
        self.multi_cell(0, 6, _plain(label), new_x="LMARGIN", new_y="NEXT")
        self.set_x(self.l_margin + indent + 4)
        self.set_font("Helvetica", "", 10)
        self.multi_cell(0, 6, _plain(value), new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str) -> None:
        self.set_font("Helvetica", "", 10)
        self.multi_cell(0, 6, _plain(text), new_x="LMARGIN", new_y="NEXT")


def _write(pdf: _Export, data: dict, labels: dict, indent: float = 0) -> None:
    for key, value in data.items():
        label = str(labels.get(key, key.replace("_", " ")))
        if isinstance(value, dict):
            pdf.heading(label, 12)
            _write(pdf, value, labels, indent + 4)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            pdf.heading(label, 12)
            for number, item in enumerate(value, start=1):
                pdf.set_x(pdf.l_margin + indent)
                pdf.set_font("Helvetica", "BI", 10)
                pdf.multi_cell(0, 6, f"{number}.", new_x="LMARGIN", new_y="NEXT")
                _write(pdf, item, labels, indent + 4)
        else:
            pdf.line_of(label, _value(value), indent)


def as_pdf(user, language: str) -> bytes:
    with translation.override(language):
        data = personal_data.export(user)
        name = user.get_full_name() or user.username
        pdf = _Export(_("What Meedoen holds about %(name)s") % {"name": name}, language)
        pdf.paragraph(
            _(
                "Made on %(date)s. This is everything Meedoen keeps about you, per part of "
                "Meedoen. The same data is available as a JSON file."
            )
            % {"date": date_format(timezone.localtime(data["exported_at"]), "j F Y, H:i")}
        )
        for section in personal_data.sections():
            content = data["sections"].get(section.key)
            pdf.heading(str(section.title), 15)
            if not content or not any(content.values()):
                pdf.paragraph(_("Nothing is kept here."))
                continue
            _write(pdf, content, section.labels)
        return bytes(pdf.output())


def filename(user, extension: str) -> str:
    return f"meedoen-{_('my-data')}-{user.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"
