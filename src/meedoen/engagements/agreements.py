"""What a volunteer may and may not do in an assignment, in plain words (report 3.5, 4.3:
clear agreements about what is and is not allowed prevent false expectations)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meedoen.catalogue.policy import CareLevel

#: For every task: what stays with professionals, whatever the task.
ALWAYS_NOT = _(
    "You do not give medicines, wash or dress the person, or do nursing tasks: that is care "
    "by professionals. Notice something? Report a concern."
)

#: Where useful, what a task does not include.
NOT_INCLUDED: dict[str, Promise] = {
    "transport": _("You drive; you do not help the person in or out of bed or the shower."),
    "accompany-appointments": _(
        "You come along and listen; the person or their carer decides, you do not take over "
        "conversations with the doctor."
    ),
    "light-home-help": _("Light jobs only; heavy cleaning and personal care stay with home care."),
    "meals": _("You bring or share a meal; you do not help the person eat."),
    "cooking-together": _("You cook together; you do not help the person eat."),
    "end-of-life": _(
        "You keep watch and give company; nursing and pain relief stay with the professionals."
    ),
    "administration": _(
        "You help to sort and read post; you do not manage money or sign for the person."
    ),
    "odd-jobs": _("Small jobs only; no work on gas, electricity or anything that needs a permit."),
    "respite": _("You keep the person company; you do not provide care while the carer is away."),
}

TRAINED_ONLY = _("Only after the training your organisation gives; ask when in doubt.")


@dataclass(frozen=True)
class Task:
    name: str
    you_may: str
    you_may_not: str


def task(code: str, name: str, plain: str, level: int) -> Task:
    """The agreed task as the volunteer reads it."""
    may = plain or name
    if CareLevel(level) > CareLevel.WELFARE:
        may = f"{may} {TRAINED_ONLY}"
    return Task(name=name, you_may=str(may), you_may_not=str(NOT_INCLUDED.get(code, ALWAYS_NOT)))


class CatalogueActivity(Protocol):
    code: str
    name: str
    plain_nl: str
    plain_en: str
    care_level: int


def for_activity(activity: CatalogueActivity) -> Task:
    """The task for a catalogue activity, in the active language."""
    from django.utils.translation import get_language

    english = (get_language() or "nl").startswith("en")
    plain = activity.plain_en if english else activity.plain_nl
    return task(activity.code, activity.name, plain, activity.care_level)
