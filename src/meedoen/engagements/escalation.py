"""Who answers a concern, and when it goes up the line: pure rules, no database.

A concern goes first to the coordinator and the responsible professional (level 0). Not
acknowledged in time, it goes to the organisation's manager (1), then to the central desk or
the municipality's contact (2), each time with a fresh deadline. The deadline is shorter for
an urgent concern.
"""

from __future__ import annotations

from datetime import datetime, timedelta

TEAM, MANAGER, DESK = 0, 1, 2
TOP = DESK


def deadline(now: datetime, *, urgent: bool, normal_hours: int, urgent_hours: int) -> datetime:
    return now + timedelta(hours=urgent_hours if urgent else normal_hours)


def next_level(level: int) -> int | None:
    """The level above, or None at the top (the concern then stays overdue there)."""
    return level + 1 if level < TOP else None


def due_for_escalation(*, status: str, level: int, answer_by: datetime, now: datetime) -> bool:
    return status == "open" and answer_by <= now and next_level(level) is not None
