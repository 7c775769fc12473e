"""Availability as parts of the week: seven days by morning, afternoon and evening.

Stored as one integer (a bit per part of a day), so that "shares a part of a day" is a single
AND, in Python and in SQL alike.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("morning", "afternoon", "evening")
DAY_LABELS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}
PART_LABELS = {"morning": _("morning"), "afternoon": _("afternoon"), "evening": _("evening")}

SLOTS = tuple(f"{day}-{part}" for day in DAYS for part in PARTS)
#: Each part of the week by its name ("wed-morning" is "woensdagochtend" in Dutch).
SLOT_LABELS = {
    "mon-morning": _("Monday morning"),
    "mon-afternoon": _("Monday afternoon"),
    "mon-evening": _("Monday evening"),
    "tue-morning": _("Tuesday morning"),
    "tue-afternoon": _("Tuesday afternoon"),
    "tue-evening": _("Tuesday evening"),
    "wed-morning": _("Wednesday morning"),
    "wed-afternoon": _("Wednesday afternoon"),
    "wed-evening": _("Wednesday evening"),
    "thu-morning": _("Thursday morning"),
    "thu-afternoon": _("Thursday afternoon"),
    "thu-evening": _("Thursday evening"),
    "fri-morning": _("Friday morning"),
    "fri-afternoon": _("Friday afternoon"),
    "fri-evening": _("Friday evening"),
    "sat-morning": _("Saturday morning"),
    "sat-afternoon": _("Saturday afternoon"),
    "sat-evening": _("Saturday evening"),
    "sun-morning": _("Sunday morning"),
    "sun-afternoon": _("Sunday afternoon"),
    "sun-evening": _("Sunday evening"),
}
ALL = (1 << len(SLOTS)) - 1


def bit(slot: str) -> int:
    try:
        return 1 << SLOTS.index(slot)
    except ValueError:
        raise ValueError(f"unknown part of the week: {slot!r}") from None


def to_mask(slots: list[str] | tuple[str, ...] | set[str]) -> int:
    mask = 0
    for slot in slots:
        mask |= bit(slot)
    return mask


def to_slots(mask: int) -> list[str]:
    if mask < 0 or mask > ALL:
        raise ValueError(f"not an availability mask: {mask!r}")
    return [slot for index, slot in enumerate(SLOTS) if mask & (1 << index)]


def overlaps(a: int, b: int) -> bool:
    return bool(a & b)


def describe(mask: int) -> list[str]:
    """The parts of the week in words, one entry a day: "Tuesday: morning, evening"."""
    slots = set(to_slots(mask))
    found = []
    for day in DAYS:
        parts = [str(PART_LABELS[part]) for part in PARTS if f"{day}-{part}" in slots]
        if parts:
            found.append(f"{DAY_LABELS[day]}: {', '.join(parts)}")
    return found


def slot_names(mask: int) -> list[str]:
    """The parts of the week by name, for people: ["woensdagochtend", "donderdagochtend"]."""
    return [str(SLOT_LABELS[slot]) for slot in to_slots(mask)]
