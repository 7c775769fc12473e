"""A history import: every row checked, then made through the services Meedoen itself uses
(a request is registered, taken into intake and its formal care split off and referred; a
volunteer registers and is taken on; hours are entered on the assignment), all in one
transaction. When any row is refused nothing is kept; a trial run keeps nothing either and
shows what would be imported. An import of the past sends nobody a message."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from meedoen import notation, notify
from meedoen.accounts.audit import record_import
from meedoen.accounts.models import User
from meedoen.catalogue import policy
from meedoen.catalogue.models import Activity
from meedoen.engagements.models import Assignment
from meedoen.engagements.services import assignments as assignment_services
from meedoen.errors import DomainError
from meedoen.i18n import codes_from_names
from meedoen.imports import columns
from meedoen.imports.reading import Row
from meedoen.organisations.models import Area, Organisation
from meedoen.requests import services as request_services
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest
from meedoen.volunteers import services as volunteer_services

#: What stands in the history of a request, a volunteer or hours that came in this way.
IMPORT_REASON = "Overgenomen uit een eerder systeem"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Outcome:
    kind: str
    rows: int = 0
    imported: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    #: Per row, what it became (or would become): for the administrator to check.
    preview: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class RowRefused(Exception):
    """A row that cannot be imported; the column and the message say why."""

    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column
        self.message = message


def run(
    kind: str,
    rows: list[Row],
    *,
    organisation: Organisation,
    actor,
    dry_run: bool,
    address: str | None = None,
) -> Outcome:
    """Import these rows into `organisation`, all or nothing."""
    outcome = Outcome(kind, rows=len(rows), dry_run=dry_run)
    importer = IMPORTERS[kind](organisation, actor)
    with notify.silenced(), transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    outcome.preview.append((row.number, importer.row(row)))
            except RowRefused as refused:
                outcome.errors.append(
                    RowError(row.number, columns.label(kind, refused.column), refused.message)
                )
            except DomainError as refused:
                outcome.errors.append(RowError(row.number, "", str(refused)))
        if outcome.errors or dry_run:
            transaction.set_rollback(True)
        else:
            outcome.imported = len(rows)
            record_import(actor, organisation, kind, len(rows), address=address)
    return outcome


# --- reading one cell -------------------------------------------------------------------

#: Days are shown as the file writes them (Dutch notation), whatever the page's language.
DAY = "%-d-%-m-%Y"
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")


def _text(row: Row, key: str, *, max_length: int = 0, required: bool = False) -> str:
    if key in row.formulas:
        raise RowRefused(
            key, _("This cell holds a formula. Meedoen does not calculate: type the value.")
        )
    value = row.values.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else " ".join(str(value).split())
    if required and not text:
        raise RowRefused(key, _("This column must be filled in."))
    if max_length and len(text) > max_length:
        raise RowRefused(key, _("At most %(count)s characters, please.") % {"count": max_length})
    return text


def _date(row: Row, key: str, *, required: bool = False) -> date | None:
    _text(row, key, required=required)
    value = row.values.get(key)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowRefused(
        key, _("“%(value)s” is not a date. Write it like 25-3-2026.") % {"value": text}
    )


def _number(row: Row, key: str, *, low: Decimal, high: Decimal, default: Decimal | None = None):
    text = _text(row, key, required=default is None)
    if not text:
        return default
    value = row.values.get(key)
    try:
        if isinstance(value, int | float):
            number = Decimal(str(round(float(value), 2)))
        else:
            number = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.quantize(Decimal("0.01")):
        raise RowRefused(key, _("“%(value)s” is not a number like 1,5.") % {"value": text})
    if not low <= number <= high:
        raise RowRefused(
            key,
            _("Give a number from %(low)s to %(high)s.")
            % {"low": formats.number_format(low), "high": formats.number_format(high)},
        )
    return number


def _one_of(row: Row, key: str, choices: dict[str, str], shown: list[str], default: str) -> str:
    text = columns.normalised(_text(row, key))
    if not text:
        return default
    if text not in choices:
        raise RowRefused(
            key,
            _("“%(value)s” is not one of the choices: %(choices)s.")
            % {"value": _text(row, key), "choices": ", ".join(f"“{c}”" for c in shown)},
        )
    return choices[text]


def _email(row: Row, key: str, *, required: bool = False) -> str:
    email = _text(row, key, max_length=254, required=required)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise RowRefused(key, _("“%(value)s” is not an e-mail address.") % {"value": email})
    return email


class Importer:
    def __init__(self, organisation: Organisation, actor):
        self.organisation = organisation
        self.actor = actor
        self.municipality = organisation.municipality
        self.areas = {
            columns.normalised(a.name): a
            for a in Area.objects.filter(municipality=self.municipality)
        }
        self.activities: dict[str, Activity] = {}
        for activity in Activity.objects.filter(is_active=True):
            for name in (activity.name_nl, activity.name_en, activity.code):
                self.activities[columns.normalised(name)] = activity

    def area(self, row: Row) -> Area:
        name = _text(row, "area", required=True)
        area = self.areas.get(columns.normalised(name))
        if area is None:
            raise RowRefused(
                "area",
                _("“%(name)s” is not a neighbourhood or village of %(municipality)s in Meedoen.")
                % {"name": name, "municipality": self.municipality},
            )
        return area

    def activity_list(self, row: Row) -> list[Activity]:
        text = _text(row, "activities", required=True)
        found, unknown = [], []
        for part in text.split(";"):
            name = part.strip()
            if not name:
                continue
            activity = self.activities.get(columns.normalised(name))
            if activity is None:
                unknown.append(name)
            elif activity not in found:
                found.append(activity)
        if unknown:
            raise RowRefused(
                "activities",
                _(
                    "Meedoen does not know these activities: %(names)s. Use the names of the "
                    "list of activities on the import page."
                )
                % {"names": ", ".join(f"“{u}”" for u in unknown)},
            )
        if not found:
            raise RowRefused("activities", _("This column must be filled in."))
        return found

    def row(self, row: Row) -> str:
        raise NotImplementedError


class RequestImporter(Importer):
    """A request that came in earlier: registered by the coordinator with the day it came
    in, taken into intake, and what volunteers may not do split off and referred."""

    YES_NO = {"yes": "high", "ja": "high", "no": "normal", "nee": "normal"}

    def __init__(self, organisation, actor):
        super().__init__(organisation, actor)
        self.sources: dict[str, str] = {}
        for value, label in HelpRequest.Source.choices:
            self.sources[value] = value
            for language in ("nl", "en"):
                with translation.override(language):
                    self.sources[columns.normalised(label)] = value
        self.professionals = {
            columns.normalised(o.name): o
            for o in Organisation.objects.professional().filter(municipality=self.municipality)
        }

    def row(self, row: Row) -> str:
        received_on = _date(row, "received_on", required=True)
        assert received_on is not None
        problem = workflow.received_on_problem(received_on, timezone.localdate())
        if problem:
            raise RowRefused("received_on", problem)
        first_name = _text(row, "first_name", max_length=60, required=True)
        area = self.area(row)
        activities = self.activity_list(row)
        source = _one_of(
            row,
            "asked_by",
            self.sources,
            [str(label) for label in HelpRequest.Source.labels],
            HelpRequest.Source.CITIZEN,
        )
        self_reliance = _number(
            row, "self_reliance", low=Decimal(1), high=Decimal(5), default=Decimal(0)
        )
        if self_reliance and self_reliance != int(self_reliance):
            raise RowRefused("self_reliance", _("Give a whole number from 1 to 5."))
        data: dict[str, Any] = {
            "area": area,
            "first_name": first_name,
            "requester_name": _text(row, "requester_name", max_length=120),
            "contact_phone": _text(row, "phone", max_length=30),
            "contact_email": _email(row, "email"),
            "description": _text(row, "description", max_length=2000),
            "self_reliance": int(self_reliance) or None,
            "urgency": _one_of(row, "urgent", self.YES_NO, [_("yes"), _("no")], "normal"),
        }
        closed = [
            a
            for a in activities
            if not policy.decide(
                self.organisation.boundary_policy, a.level, data["self_reliance"]
            ).volunteer_allowed
        ]
        receiver = self.receiver(row, closed)
        help_request = request_services.register_by_coordinator(
            coordinator=self.actor,
            data=data,
            activities=activities,
            organisation=self.organisation,
            source=source,
            language="nl",
            received_at=timezone.make_aware(datetime.combine(received_on, time(12))),
        )
        request_services.take_step(help_request.pk, "start_intake", self.actor)
        shown = received_on.strftime(DAY)
        if receiver is None:
            return _("came in on %(day)s, %(area)s: in intake") % {
                "day": shown,
                "area": area.name,
            }
        request_services.split_and_refer(
            help_request.pk, self.actor, organisation=receiver, note=IMPORT_REASON
        )
        help_request.refresh_from_db()
        if help_request.status == workflow.REFERRED:
            return _("came in on %(day)s, %(area)s: referred whole to %(receiver)s") % {
                "day": shown,
                "area": area.name,
                "receiver": receiver,
            }
        return _(
            "came in on %(day)s, %(area)s: in intake; %(activities)s referred to %(receiver)s"
        ) % {
            "day": shown,
            "area": area.name,
            "activities": ", ".join(a.name for a in closed),
            "receiver": receiver,
        }

    def receiver(self, row: Row, closed: list[Activity]) -> Organisation | None:
        name = _text(row, "refer_to")
        if not closed:
            return None
        if not name:
            raise RowRefused(
                "refer_to",
                _(
                    "Volunteers may not do %(activities)s: that is care that professionals "
                    "give. Name the professional organisation it is referred to."
                )
                % {"activities": ", ".join(a.name for a in closed)},
            )
        receiver = self.professionals.get(columns.normalised(name))
        if receiver is None:
            raise RowRefused(
                "refer_to",
                _("“%(name)s” is not a professional organisation of %(municipality)s in Meedoen.")
                % {"name": name, "municipality": self.municipality},
            )
        return receiver


class VolunteerImporter(Importer):
    """A volunteer who already volunteers at the organisation: registered, and taken on."""

    def __init__(self, organisation, actor):
        super().__init__(organisation, actor)
        self.seen: set[str] = set()

    def row(self, row: Row) -> str:
        first_name = _text(row, "first_name", max_length=150, required=True)
        last_name = _text(row, "last_name", max_length=150, required=True)
        email = _email(row, "email", required=True)
        if len(email) > 150:  # it becomes the user name
            raise RowRefused("email", _("At most %(count)s characters, please.") % {"count": 150})
        key = email.casefold()
        if key in self.seen:
            raise RowRefused("email", _("This e-mail address is in the file twice."))
        self.seen.add(key)
        if (
            User.objects.filter(email__iexact=email).exists()
            or User.objects.filter(username__iexact=email).exists()
        ):
            raise RowRefused("email", _("A person with this e-mail address is already in Meedoen."))
        area = self.area(row)
        activities = self.activity_list(row)
        refused = volunteer_services.boundary_refusals(self.organisation, activities)
        if refused:
            raise RowRefused(
                "activities",
                _("Volunteers of %(organisation)s may not do %(activities)s: %(reason)s")
                % {
                    "organisation": self.organisation,
                    "activities": ", ".join(a.name for a, _d in refused),
                    "reason": str(refused[0][1].reasons[0]),
                },
            )
        codes, unknown = codes_from_names(_text(row, "languages", max_length=200))
        if unknown:
            raise RowRefused(
                "languages",
                _(
                    "Meedoen does not know the language %(words)s. Write languages by name, "
                    "separated by commas, like Nederlands, Engels, Arabisch."
                )
                % {"words": ", ".join(f"“{word}”" for word in unknown)},
            )
        languages = ",".join(codes) or "nl"
        hours = _number(row, "hours_per_week", low=Decimal(1), high=Decimal(40), default=Decimal(2))
        if hours != int(hours):
            raise RowRefused("hours_per_week", _("Give a whole number of hours."))
        vog = _date(row, "vog_issued_on")
        profile = volunteer_services.register(
            account={
                "username": email.lower(),
                "email": email,
                "first_name": first_name,
                "last_name": last_name,
                "phone": _text(row, "phone", max_length=30),
                "municipality": self.municipality,
            },
            password=None,
            profile={
                "area": area,
                "languages": languages,
                "hours_per_week": int(hours),
                "max_hours_per_week": max(int(hours), 4),
            },
            activities=activities,
            skills=[],
            motives=[],
        )
        if vog is not None:
            volunteer_services.record_vog(profile.pk, vog)
        volunteer_services.take_on(profile.pk, self.organisation, self.actor, reason=IMPORT_REASON)
        return _("%(name)s, %(area)s: active at %(organisation)s") % {
            "name": f"{first_name} {last_name}",
            "area": area.name,
            "organisation": self.organisation,
        }


class HoursImporter(Importer):
    """Hours made on an assignment, entered on the day they were made."""

    def row(self, row: Row) -> str:
        reference = _text(row, "reference", required=True).upper()
        email = _text(row, "email", required=True)
        on = _date(row, "date", required=True)
        assert on is not None
        hours = _number(row, "hours", low=Decimal("0.25"), high=Decimal(12))
        costs = _number(row, "costs", low=Decimal(0), high=Decimal(1000), default=Decimal(0))
        note = _text(row, "note", max_length=300)
        if not HelpRequest.objects.filter(
            reference=reference, organisation=self.organisation
        ).exists():
            raise RowRefused(
                "reference",
                _("%(organisation)s has no help request %(reference)s.")
                % {"organisation": self.organisation, "reference": reference},
            )
        assignment = (
            Assignment.objects.active()
            .filter(
                organisation=self.organisation,
                help_request__reference=reference,
                profile__user__email__iexact=email,
            )
            .first()
        )
        if assignment is None:
            raise RowRefused(
                "email",
                _("This volunteer has no running assignment for help request %(reference)s.")
                % {"reference": reference},
            )
        assignment_services.enter_hours(
            assignment.pk, self.actor, on=on, hours=hours, expenses=costs, note=note
        )
        return _("%(reference)s, %(day)s: %(hours)s") % {
            "reference": reference,
            "day": on.strftime(DAY),
            "hours": notation.hours(hours),
        }


IMPORTERS: dict[str, Callable[[Organisation, Any], Importer]] = {
    columns.REQUESTS: RequestImporter,
    columns.VOLUNTEERS: VolunteerImporter,
    columns.HOURS: HoursImporter,
}
