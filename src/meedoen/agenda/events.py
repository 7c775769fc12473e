"""What is in a person's agenda: intakes, the agreed dates of assignments and the check-ins
that are due, read through each model's `visible_to` and then narrowed to what is the
person's own (as a volunteer) or their organisation's (as its coordinator).

An event says only what a calendar needs: what it is, when, for which organisation, the
first name of the person helped where the reader may see it (their own assignment, or one of
the organisation they coordinate), and a link back to the page in Meedoen. Never an address,
a last name, a note or a diagnosis: the agenda is also a calendar feed that leaves Meedoen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.engagements.models import Assignment, CheckIn
from meedoen.permissions import is_admin
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Enrolment

#: How long an intake is planned for: the calendar needs an end.
INTAKE_LENGTH = timedelta(hours=1)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Event:
    """One entry of the agenda. `start` is a moment (in Europe/Amsterdam) for an intake and a
    day for the rest; `path` is the page in Meedoen it belongs to."""

    uid: str
    kind: str
    title: str
    start: datetime | date
    end: datetime | date
    path: str
    organisation: str
    #: The files the entry names (for the audit of a coordinator's reads).
    request_id: int | None = None
    profile_id: int | None = None

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def is_timed(self) -> bool:
        return isinstance(self.start, datetime)


def _coordinated(user) -> set[int]:
    """The organisations whose agenda this person keeps as their coordinator (not the
    members of a central desk's network: the desk routes, each member plans its own)."""
    return user.coordinated_organisation_ids(with_network=False)


def _mine_or_coordinated(user, own: str, organisation: str) -> Q:
    """Own records, and those of the organisations the person coordinates; an administrator
    keeps an agenda like anyone else, with only their own."""
    condition = Q(**{own: user})
    organisations = set() if is_admin(user) else _coordinated(user)
    if organisations:
        condition |= Q(**{f"{organisation}__in": organisations})
    return condition


def _what(assignment: Assignment, tasks: Iterable[str]) -> str:
    """The agreed tasks and the first name of the person helped ("Wandelen (Bram)"), which
    the volunteer of the assignment and its coordinators may see."""
    names = ", ".join(tasks) or _("volunteering")
    first_name = assignment.help_request.first_name
    return f"{names} ({first_name})" if first_name else names


def intakes(user, start: date, end: date) -> list[Event]:
    zone = local_zone()
    lower = datetime.combine(start, datetime.min.time(), tzinfo=zone)
    upper = datetime.combine(end, datetime.min.time(), tzinfo=zone)
    enrolments = (
        Enrolment.objects.visible_to(user)
        .filter(_mine_or_coordinated(user, "profile__user", "organisation_id"))
        .filter(status=lifecycle.INTAKE_PLANNED, intake_at__gte=lower, intake_at__lt=upper)
        .select_related("organisation", "profile__user")
    )
    events = []
    for enrolment in enrolments:
        moment = enrolment.intake_at.astimezone(zone)
        organisation = enrolment.organisation.name
        if enrolment.profile.user_id == user.pk:
            title = _("Intake at %(organisation)s") % {"organisation": organisation}
            path = reverse("start:volunteer")
        else:
            name = enrolment.profile.user.first_name
            title = (
                _("Intake with volunteer %(name)s") % {"name": name}
                if name
                else _("Intake with a volunteer")
            )
            path = reverse("volunteers:detail", args=[enrolment.pk])
        events.append(
            Event(
                uid=f"intake-{enrolment.pk}",
                kind="intake",
                title=title,
                start=moment,
                end=moment + INTAKE_LENGTH,
                path=path,
                organisation=organisation,
                profile_id=enrolment.profile_id,
            )
        )
    return events


def _assignments(user):
    return (
        Assignment.objects.visible_to(user)
        .active()
        .filter(_mine_or_coordinated(user, "profile__user", "organisation_id"))
    )


def agreed_dates(user, start: date, end: date) -> list[Event]:
    """The first day of an assignment and its planned end, as agreed."""
    assignments = (
        _assignments(user)
        .filter(
            Q(starts_on__gte=start, starts_on__lt=end)
            | Q(planned_end__gte=start, planned_end__lt=end)
        )
        .select_related("help_request", "organisation")
        .prefetch_related("tasks")
    )
    events = []
    for assignment in assignments:
        what = _what(assignment, (task.name for task in assignment.tasks.all()))
        path = reverse("engagements:assignment", args=[assignment.pk])
        common = {
            "path": path,
            "organisation": assignment.organisation.name,
            "request_id": assignment.help_request_id,
            "profile_id": assignment.profile_id,
        }
        if start <= assignment.starts_on < end:
            events.append(
                Event(
                    uid=f"assignment-{assignment.pk}-start",
                    kind="start",
                    title=_("Volunteering starts: %(what)s") % {"what": what},
                    start=assignment.starts_on,
                    end=assignment.starts_on + timedelta(days=1),
                    **common,
                )
            )
        if assignment.planned_end and start <= assignment.planned_end < end:
            events.append(
                Event(
                    uid=f"assignment-{assignment.pk}-end",
                    kind="end",
                    title=_("Volunteering ends (as planned): %(what)s") % {"what": what},
                    start=assignment.planned_end,
                    end=assignment.planned_end + timedelta(days=1),
                    **common,
                )
            )
    return events


def check_ins(user, start: date | None, end: date) -> list[Event]:
    """The check-ins still to be done, on the day they are due (`start` None: every one due
    before `end`). A volunteer's own are those they answer themselves; a coordinator's are
    both of every assignment of their organisation."""
    due = (
        CheckIn.objects.visible_to(user)
        .open()
        .filter(assignment__in=_assignments(user), due_on__lt=end)
        .filter(
            Q(assignment__profile__user=user, party=CheckIn.Party.VOLUNTEER)
            | Q(assignment__organisation_id__in=set() if is_admin(user) else _coordinated(user))
        )
        .select_related(
            "assignment__help_request", "assignment__organisation", "assignment__profile"
        )
        .prefetch_related("assignment__tasks")
        .order_by("due_on", "pk")
    )
    if start is not None:
        due = due.filter(due_on__gte=start)
    events = []
    for check_in in due:
        assignment = check_in.assignment
        what = _what(assignment, (task.name for task in assignment.tasks.all()))
        if check_in.party == CheckIn.Party.VOLUNTEER and assignment.profile.user_id == user.pk:
            title = _("Check-in: how is it going? %(what)s") % {"what": what}
        elif check_in.party == CheckIn.Party.VOLUNTEER:
            title = _("Check-in with the volunteer: %(what)s") % {"what": what}
        else:
            title = _("Check-in with the person helped: %(what)s") % {"what": what}
        events.append(
            Event(
                uid=f"check-in-{check_in.pk}",
                kind="check_in",
                title=title,
                start=check_in.due_on,
                end=check_in.due_on + timedelta(days=1),
                path=reverse("engagements:assignment", args=[assignment.pk])
                + f"#check-in-{check_in.pk}",
                organisation=assignment.organisation.name,
                request_id=assignment.help_request_id,
                profile_id=assignment.profile_id,
            )
        )
    return events


def _sort_key(event: Event) -> tuple:
    moment = (
        event.start
        if isinstance(event.start, datetime)
        else datetime.combine(event.start, datetime.min.time(), tzinfo=local_zone())
    )
    # A day's all-day entries first, then the timed ones by their hour.
    return (event.day, event.is_timed, moment, event.uid)


def between(user, start: date, end: date) -> list[Event]:
    """Every entry of the person's agenda from `start` up to (not including) `end`."""
    events = (
        intakes(user, start, end) + agreed_dates(user, start, end) + check_ins(user, start, end)
    )
    return sorted(events, key=_sort_key)


def overdue_check_ins(user, before: date) -> list[Event]:
    """Check-ins that were due before `before` and are still to be done."""
    return check_ins(user, None, before)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Week:
    monday: date
    events: list[Event]

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week


def weeks(events: list[Event], first_monday: date, count: int) -> list[Week]:
    """The events in weeks from `first_monday`, every week there even when it is empty."""
    by_week: dict[date, list[Event]] = {}
    for event in events:
        by_week.setdefault(monday_of(event.day), []).append(event)
    return [
        Week(monday, by_week.get(monday, []))
        for monday in (first_monday + timedelta(weeks=n) for n in range(count))
    ]


def today() -> date:
    return timezone.localdate()
