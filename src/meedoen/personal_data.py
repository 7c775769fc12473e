"""The rights of the person (GDPR): what Meedoen holds about someone, and forgetting it.

The kernel knows no app. Every app that keeps something about a person registers a section
in its ``AppConfig.ready``: what it exports about a person, how it erases that, and what
stops an erasure now (open work). The account pages and the coordinators' pages ask this
registry, so each app contributes its own part without the lower apps knowing the higher.

Erasure keeps what statistics need (the rows, with their areas, activities, dates, hours,
statuses and outcomes) and clears the rest; the account is deactivated and stripped, never
deleted, because other people's records and the figures refer to it. It runs in one
transaction: a failure in any section leaves nothing half-done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from meedoen.errors import DomainError

#: The version of the export's shape (the JSON file names it).
FORMAT = 1


@dataclass(frozen=True)
class Section:
    """One app's part of a person's data.

    ``order``: erasure runs from the highest to the lowest (the account last); the export
    lists from the lowest. ``labels``: the readable name of each key that ``export`` uses
    (lazy texts), for the PDF. ``blockers``: why the person cannot be erased now, in words
    for people (an empty list when nothing stops it). ``last_active``: the last moment the
    person did something here, for retention.
    """

    key: str
    title: Any
    order: int
    export: Callable[[Any], Any]
    erase: Callable[[Any], None]
    labels: Mapping[str, Any] = field(default_factory=dict)
    blockers: Callable[[Any], list[str]] | None = None
    last_active: Callable[[Any], datetime | date | None] | None = None


SECTIONS: dict[str, Section] = {}


class ErasureRefused(DomainError):
    """The person has open work; the reasons are for people."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def register(section: Section) -> None:
    SECTIONS[section.key] = section


def sections() -> list[Section]:
    return sorted(SECTIONS.values(), key=lambda s: (s.order, s.key))


def export(user) -> dict[str, Any]:
    """Everything Meedoen holds about `user`, section by section (values as Python: dates,
    decimals; `json_ready` makes them text)."""
    return {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "sections": {section.key: section.export(user) for section in sections()},
    }


def blockers(user) -> list[str]:
    """Why `user` cannot be erased now (open requests, active assignments); empty when they can."""
    found: list[str] = []
    for section in sections():
        if section.blockers is not None:
            found.extend(section.blockers(user))
    return found


def last_active(user) -> datetime | None:
    """The last moment `user` did anything in Meedoen, as the sections know it."""
    moments: list[datetime] = []
    for section in sections():
        if section.last_active is None:
            continue
        moment = section.last_active(user)
        if moment is None:
            continue
        if not isinstance(moment, datetime):
            moment = timezone.make_aware(datetime(moment.year, moment.month, moment.day))
        moments.append(moment)
    return max(moments) if moments else None


def erase(user) -> None:
    """Forget `user` in every section, highest first, in one transaction; refused while
    something stops it (`blockers`)."""
    with transaction.atomic():
        reasons = blockers(user)
        if reasons:
            raise ErasureRefused(reasons)
        for section in reversed(sections()):
            section.erase(user)


def json_ready(value: Any) -> Any:
    """The export with dates, moments and decimals as text (ISO 8601, decimal points)."""
    if isinstance(value, dict):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
