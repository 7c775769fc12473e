"""The register of processing activities (GDPR article 30) as data: read for the page and
exported as CSV and JSON, every text in Dutch and English."""

from __future__ import annotations

import csv
import io
import json

from meedoen.accounts.models import ProcessingActivity

#: The exported columns, in order: every text in both languages.
COLUMNS = [
    "order",
    *(f"{name}_{language}" for name in ProcessingActivity.TEXTS[:5] for language in ("nl", "en")),
    "special_category",
    *(f"{name}_{language}" for name in ProcessingActivity.TEXTS[5:] for language in ("nl", "en")),
    "updated_at",
]


def entries():
    return ProcessingActivity.objects.order_by("order", "pk")


def _row(entry: ProcessingActivity) -> dict:
    row = {column: getattr(entry, column) for column in COLUMNS}
    row["updated_at"] = entry.updated_at.isoformat()
    return row


def as_json() -> str:
    return json.dumps([_row(entry) for entry in entries()], ensure_ascii=False, indent=2)


def _cell(value) -> str:
    """A spreadsheet never reads a text as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in entries():
        row = _row(entry)
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return out.getvalue()
