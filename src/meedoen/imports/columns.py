"""What a history import reads: per kind, its columns, with a header in Dutch and in English
and what each column means. The template file of each kind is made from this table, and
the reader accepts either language's headers."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

REQUESTS = "requests"
VOLUNTEERS = "volunteers"
HOURS = "hours"


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise
    meaning: Promise
    required: bool = False
    example: str = ""


KINDS: dict[str, Promise] = {
    REQUESTS: _("help requests"),
    VOLUNTEERS: _("volunteers"),
    HOURS: _("hours"),
}

COLUMNS: dict[str, list[Column]] = {
    REQUESTS: [
        Column(
            "received_on",
            _("Came in on"),
            _("The day the request came in, like 25-3-2026. Not in the future."),
            True,
            "3-2-2026",
        ),
        Column(
            "first_name",
            _("First name"),
            _("First name of the person who needs help."),
            True,
            "Truus",
        ),
        Column(
            "area",
            _("Neighbourhood or village"),
            _("The name of a neighbourhood or village of the municipality, as in Meedoen."),
            True,
            "Molenwijk",
        ),
        Column(
            "activities",
            _("Activities"),
            _(
                "What help is asked: names of activities as in Meedoen, separated by a "
                "semicolon (;). Formal care is split off and referred to the professional "
                "organisation of the column “Refer formal care to”."
            ),
            True,
            "Bezoek en gezelschap; Hulp bij wassen en douchen",
        ),
        Column(
            "asked_by",
            _("Asked by"),
            _(
                "Who asked: “the person themselves”, “an informal carer” or “a referring "
                "professional”. Empty: the person themselves."
            ),
            False,
            "",
        ),
        Column(
            "requester_name",
            _("Name of the person asking"),
            _("When someone asked for another person: the name of the one asking."),
        ),
        Column("phone", _("Telephone"), _("Telephone number of the person."), False, "0612345678"),
        Column("email", _("E-mail"), _("E-mail address of the person.")),
        Column(
            "description",
            _("What help is wanted"),
            _("In the person's words. Never a diagnosis."),
        ),
        Column(
            "self_reliance",
            _("Self-reliance"),
            _("A number from 1 (acute problems) to 5 (fully self-reliant). May be empty."),
            False,
            "4",
        ),
        Column(
            "urgent",
            _("Urgent"),
            _("“yes” when the request is urgent; empty or “no” when not."),
        ),
        Column(
            "refer_to",
            _("Refer formal care to"),
            _(
                "The name of a professional organisation of the municipality, as in Meedoen. "
                "Needed when the request asks for care that volunteers may not give."
            ),
            False,
            "Thuiszorg Lindeveld",
        ),
    ],
    VOLUNTEERS: [
        Column("first_name", _("First name"), _("First name of the volunteer."), True, "Gerrit"),
        Column("last_name", _("Last name"), _("Last name of the volunteer."), True, "Jansen"),
        Column(
            "email",
            _("E-mail"),
            _("E-mail address; the volunteer signs in with it later. One person once."),
            True,
            "gerrit@example.nl",
        ),
        Column("phone", _("Telephone"), _("Telephone number of the volunteer.")),
        Column(
            "area",
            _("Neighbourhood or village"),
            _("Where the volunteer lives: a neighbourhood or village of the municipality."),
            True,
            "Molenwijk",
        ),
        Column(
            "activities",
            _("Activities"),
            _(
                "What the volunteer would like to do: names of activities as in Meedoen, "
                "separated by a semicolon (;). Only what the organisation's boundary policy "
                "lets volunteers do."
            ),
            True,
            "Bezoek en gezelschap; Vervoer (buurtvervoer)",
        ),
        Column(
            "languages",
            _("Languages"),
            _(
                "The languages the volunteer speaks, by name, separated by commas, like "
                "Nederlands, Engels, Arabisch. Empty: Dutch."
            ),
            False,
            "Nederlands, Engels",
        ),
        Column(
            "hours_per_week",
            _("Hours per week"),
            _("How many hours a week the volunteer would like to give, 1 to 40. Empty: 2."),
            False,
            "2",
        ),
        Column(
            "vog_issued_on",
            _("Certificate of conduct (VOG) issued on"),
            _("The day the VOG was issued, like 25-3-2026. May be empty."),
        ),
    ],
    HOURS: [
        Column(
            "reference",
            _("Request reference"),
            _("The reference of the help request in Meedoen, like MD-AB23CD."),
            True,
            "MD-AB23CD",
        ),
        Column(
            "email",
            _("E-mail of the volunteer"),
            _("The e-mail address of the volunteer, as in Meedoen."),
            True,
            "gerrit@example.nl",
        ),
        Column(
            "date",
            _("Date"),
            _("The day the hours were made, like 25-3-2026. Not before the assignment started."),
            True,
            "12-2-2026",
        ),
        Column(
            "hours",
            _("Hours"),
            _("Hours on that day, from 0,25 to 12, like 1,5."),
            True,
            "1,5",
        ),
        Column(
            "costs",
            _("Costs (EUR)"),
            _("Costs the volunteer paid, from 0 to 1000, like 4,20. Empty: 0."),
            False,
            "4,20",
        ),
        Column("note", _("Note"), _("A short note, at most 300 characters.")),
    ],
}


def normalised(text: object) -> str:
    return " ".join(str(text or "").replace("*", " ").split()).casefold()


def header_keys(kind: str) -> dict[str, str]:
    """Every header a file may use for a column of this kind (Dutch or English), normalised,
    to the column's key."""
    keys: dict[str, str] = {}
    for column in COLUMNS[kind]:
        keys[normalised(column.key)] = column.key
        for language in ("nl", "en"):
            with translation.override(language):
                keys[normalised(column.header)] = column.key
    return keys


def label(kind: str, key: str) -> str:
    """The column's header in the current language."""
    for column in COLUMNS[kind]:
        if column.key == key:
            return str(column.header)
    return key
