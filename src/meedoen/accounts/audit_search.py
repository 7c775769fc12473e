"""Searching the audit log: for an administrator (every entry) and a municipality's data
protection officer (the entries about its records), by person's file, actor, period and
action; shown a page at a time and downloaded as CSV.

An entry names its record by model and number and keeps no values; what the search shows is
built from that: the kind of record, its number or reference, which fields changed, who, when,
from where, through which page. The models of the files are found by their labels (as the
audit's registration does), so that the accounts app knows no app above it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meedoen.accounts.audit import subject_key
from meedoen.organisations.models import Municipality
from meedoen.permissions import is_admin

#: The kinds of file an auditor searches by, with the model and how a file is named.
FILES: dict[str, tuple[str, Any]] = {
    "request": ("requests.HelpRequest", gettext_lazy("Help request (reference or number)")),
    "volunteer": ("volunteers.VolunteerProfile", gettext_lazy("Volunteer (number)")),
    "account": ("accounts.User", gettext_lazy("Account (username)")),
}

#: What happened, in words; the keys are what the search form sends.
ACTIONS: dict[str, tuple[int, Any]] = {
    "created": (LogEntry.Action.CREATE, gettext_lazy("created")),
    "changed": (LogEntry.Action.UPDATE, gettext_lazy("changed")),
    "deleted": (LogEntry.Action.DELETE, gettext_lazy("deleted")),
    "read": (LogEntry.Action.ACCESS, gettext_lazy("read")),
}
ACTION_WORDS = {value: label for value, label in ACTIONS.values()}


def visible_to(user: Any) -> QuerySet[LogEntry]:
    """The entries this person may search: an administrator all; a data protection officer
    those about the records of their municipalities; anyone else none."""
    entries = LogEntry.objects.all()
    if user is None or not user.is_authenticated:
        return entries.none()
    if is_admin(user):
        return entries
    municipalities = sorted(user.privacy_municipality_ids())
    if not municipalities:
        return entries.none()
    return entries.filter(additional_data__municipality__in=municipalities)


def find_file(kind: str, text: str) -> tuple[ContentType, Any] | None:
    """The file an auditor means: a help request by reference or number, a volunteer by
    number, an account by username. None when there is no such file."""
    label = FILES[kind][0]
    model = apps.get_model(label)
    text = text.strip()
    found: Any = None
    if kind == "request":
        found = model._base_manager.filter(reference__iexact=text).values_list("pk", flat=True)
        found = found.first()
    elif kind == "account":
        found = (
            model._base_manager.filter(username__iexact=text).values_list("pk", flat=True).first()
        )
    if found is None and text.isdigit() and len(text) <= 15 and kind != "account":
        found = model._base_manager.filter(pk=int(text)).values_list("pk", flat=True).first()
    if found is None:
        return None
    return ContentType.objects.get_for_model(model), found


@dataclass(frozen=True)
class Criteria:
    kind: str = "request"
    subject: str = ""
    actor: str = ""
    since: date | None = None
    until: date | None = None
    action: str = ""


def search(user: Any, criteria: Criteria) -> QuerySet[LogEntry]:
    """The entries this person may see that meet the criteria, newest first. A file that does
    not exist, or an actor unknown, finds nothing."""
    entries = visible_to(user)
    if criteria.subject:
        file = find_file(criteria.kind, criteria.subject)
        if file is None:
            return entries.none()
        content_type, pk = file
        entries = entries.filter(
            Q(content_type=content_type, object_pk=str(pk))
            | Q(additional_data__subject=subject_key(FILES[criteria.kind][0], pk))
        )
    if criteria.actor:
        actor = (
            get_user_model()
            ._base_manager.filter(username__iexact=criteria.actor.strip())
            .values_list("pk", flat=True)
            .first()
        )
        if actor is None:
            return entries.none()
        entries = entries.filter(actor_id=actor)
    zone = timezone.get_current_timezone()
    if criteria.since:
        entries = entries.filter(timestamp__gte=datetime.combine(criteria.since, time(), zone))
    if criteria.until:
        end = datetime.combine(criteria.until + timedelta(days=1), time(), zone)
        entries = entries.filter(timestamp__lt=end)
    if criteria.action in ACTIONS:
        entries = entries.filter(action=ACTIONS[criteria.action][0])
    return entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")


@dataclass(frozen=True)
class Row:
    """One entry as people read it: no codes, no values."""

    when: datetime
    actor: str
    action: str
    record: str
    number: str
    fields: str
    municipality: str
    address: str
    via: str


def rows(entries: Iterable[LogEntry]) -> list[Row]:
    """The entries as rows; the references of help requests and the names of municipalities
    are read once for all of them."""
    entries = list(entries)
    references: dict[str, str] = {}
    request_type = ContentType.objects.get_for_model(apps.get_model("requests.HelpRequest"))
    request_ids = [e.object_pk for e in entries if e.content_type_id == request_type.pk]
    if request_ids:
        references = {
            str(pk): reference
            for pk, reference in apps.get_model("requests.HelpRequest")
            ._base_manager.filter(pk__in=[pk for pk in request_ids if pk.isdigit()])
            .values_list("pk", "reference")
        }
    municipality_ids = {
        (e.additional_data or {}).get("municipality")
        for e in entries
        if isinstance(e.additional_data, dict)
    } - {None}
    municipalities = dict(
        Municipality.objects.filter(pk__in=municipality_ids).values_list("pk", "name")
    )
    result = []
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        number = entry.object_pk
        if entry.content_type_id == request_type.pk and entry.object_pk in references:
            number = references[entry.object_pk]
        fields = ""
        if entry.action == LogEntry.Action.UPDATE and isinstance(entry.changes, dict):
            fields = ", ".join(_field_name(model, name) for name in entry.changes)
        actor = entry.actor
        result.append(
            Row(
                when=timezone.localtime(entry.timestamp),
                actor=(actor.get_full_name() or actor.username) if actor else _("without account"),
                action=str(ACTION_WORDS.get(entry.action, "")),
                record=str(model._meta.verbose_name) if model else "",
                number=number,
                fields=fields,
                municipality=municipalities.get(data.get("municipality"), ""),
                address=entry.remote_addr or "",
                via=str(data.get("via", "")),
            )
        )
    return result


def _field_name(model: Any, name: str) -> str:
    if model is None:
        return name
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since the entry was written
        return name


def csv_lines(entries: QuerySet[LogEntry]) -> Iterator[str]:
    """The entries as CSV, a line at a time (read in chunks, so a long log streams)."""

    class Line:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Line())
    yield writer.writerow(
        [
            _("When"),
            _("Who"),
            _("Username"),
            _("What"),
            _("Record"),
            _("Number or reference"),
            _("Fields changed"),
            _("Municipality"),
            _("Address"),
            _("Page or operation"),
        ]
    )
    chunk: list[LogEntry] = []
    for entry in entries.iterator(chunk_size=1000):
        chunk.append(entry)
        if len(chunk) == 1000:
            yield from _csv_rows(writer, chunk)
            chunk = []
    if chunk:
        yield from _csv_rows(writer, chunk)


def _cell(value: str) -> str:
    """A value a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_rows(writer: Any, chunk: list[LogEntry]) -> Iterator[str]:
    usernames = [e.actor.username if e.actor else "" for e in chunk]
    for row, username in zip(rows(chunk), usernames, strict=True):
        yield writer.writerow(
            _cell(str(value))
            for value in [
                formats.date_format(row.when, "Y-m-d H:i:s"),
                row.actor,
                username,
                row.action,
                row.record,
                row.number,
                row.fields,
                row.municipality,
                row.address,
                row.via,
            ]
        )
