"""The demand dossier of one village or neighbourhood: the local demand for support, what was
answered and what waited, the volunteers there, and what went to professionals.

It is the evidence a village takes to a care provider or the council (the village care
cooperative of Hoogeloon made its local demand visible to bring the district nurse back).
Every figure is counted in the database (GROUP BY) and small counts are suppressed: the
dossier is meant to be shown outside, so no person can be singled out in it. Where numbers add
up (the quarters' outcomes to their requests, the performance fields to all requests, the
quarters' referrals to all referrals), a second number is hidden where a shown total would give
a small one away (`suppression.suppress`). An activity's counts do not add up (a request can
ask for several activities), so only its small counts are hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from meedoen.catalogue.models import Activity, PerformanceField
from meedoen.engagements.models import Handover
from meedoen.insights.selectors import SMALL_COUNT, suppress
from meedoen.insights.suppression import suppress as suppress_table
from meedoen.insights.suppression import suppress_list
from meedoen.organisations.models import Area, Membership
from meedoen.permissions import is_admin
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest, ProfessionalReferral, RequestTransition
from meedoen.volunteers.models import Enrolment, VolunteerProfile

#: How many quarters the dossier covers, the current one included.
QUARTERS = 8
#: Answered by volunteers: a volunteer was matched.
ANSWERED = (workflow.MATCHED, workflow.ACTIVE, workflow.CLOSED)
#: Still waiting for a volunteer.
WAITING = (
    workflow.SUBMITTED,
    workflow.IN_INTAKE,
    workflow.ROUTED,
    workflow.RETURNED,
    workflow.READY,
)
#: Not answered: declined or withdrawn.
UNMET = (workflow.DECLINED, workflow.WITHDRAWN)


def areas_for(user: Any) -> QuerySet[Area]:
    """The areas whose dossier this person may open: those of the municipalities where they
    are policy officer, and those their organisation serves as coordinator."""
    if user is None or not user.is_authenticated:
        return Area.objects.none()
    if is_admin(user):
        return Area.objects.all()
    served = Area.objects.filter(
        organisations__in=user.organisation_ids(Membership.Role.COORDINATOR)
    ).values("pk")
    return Area.objects.filter(
        Q(municipality_id__in=user.policy_municipality_ids()) | Q(pk__in=served)
    )


@dataclass
class Quarter:
    start: date
    requests: int | None
    answered: int | None
    waiting: int | None
    unmet: int | None
    to_professionals: int | None
    handed_over: int | None
    waiting_days: float | None

    @property
    def label(self) -> str:
        return _("quarter %(number)s %(year)s") % {
            "number": (self.start.month - 1) // 3 + 1,
            "year": self.start.year,
        }


@dataclass
class Demand:
    """The demand for one activity or Wmo performance field over the whole period."""

    name: str
    requests: int | None
    waiting: int | None
    to_professionals: int | None = None
    volunteers: int | None = None


@dataclass
class Dossier:
    area: Area
    first_day: date
    quarters: list[Quarter]
    activities: list[Demand]
    fields: list[Demand]
    volunteers: int | None
    requests: int | None
    waiting_now: int | None
    to_professionals: int | None


def quarter_starts(today: date | None = None) -> list[date]:
    """The first days of the last QUARTERS quarters, oldest first."""
    today = today or timezone.localdate()
    year, month = today.year, (today.month - 1) // 3 * 3 + 1
    starts = []
    for _step in range(QUARTERS):
        starts.append(date(year, month, 1))
        month -= 3
        if month < 1:
            year, month = year - 1, month + 12
    return starts[::-1]


def _day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _days(duration: timedelta | None) -> float | None:
    return None if duration is None else round(duration.total_seconds() / 86400, 1)


def build(area: Area, today: date | None = None) -> Dossier:
    starts = quarter_starts(today)
    start = timezone.make_aware(datetime.combine(starts[0], time.min))
    requests = HelpRequest.objects.filter(area=area, received_at__gte=start)
    referred = Q(professional_referrals__isnull=False)

    per_quarter = {
        _day(row["quarter"]): row
        for row in requests.annotate(quarter=TruncQuarter("received_at"))
        .values("quarter")
        .annotate(
            requests=Count("id", distinct=True),
            answered=Count("id", filter=Q(status__in=ANSWERED), distinct=True),
            waiting=Count("id", filter=Q(status__in=WAITING), distinct=True),
            unmet=Count("id", filter=Q(status__in=UNMET), distinct=True),
            to_professionals=Count("id", filter=referred, distinct=True),
        )
        .order_by()
    }
    handed_rows = (
        Handover.objects.filter(
            help_request__in=requests, direction=Handover.Direction.TO_PROFESSIONALS
        )
        .annotate(quarter=TruncQuarter("help_request__received_at"))
        .values("quarter")
        .annotate(n=Count("help_request", distinct=True))
        .order_by()
        .values_list("quarter", "n")
    )
    handed = {_day(k): v for k, v in handed_rows}
    # Waiting time: from coming in to the first match with a volunteer.
    waited = {
        _day(row["quarter"]): row
        for row in RequestTransition.objects.filter(
            help_request__in=requests, to_status=workflow.MATCHED
        )
        .annotate(quarter=TruncQuarter("help_request__received_at"))
        .values("quarter")
        .annotate(
            n=Count("help_request", distinct=True),
            wait=Avg(
                ExpressionWrapper(
                    F("created_at") - F("help_request__received_at"),
                    output_field=DurationField(),
                )
            ),
        )
        .order_by()
    }
    # Per quarter the outcomes add up to the requests (answered, waiting, unmet, and the rest:
    # referred whole); the waiting add up to those waiting now.
    outcomes = []
    for first in starts:
        row = per_quarter.get(first, {})
        parts = [row.get(key, 0) for key in ("answered", "waiting", "unmet")]
        outcomes.append([*parts, row.get("requests", 0) - sum(parts)])
    outcome = suppress_table(outcomes, SMALL_COUNT)
    referred_per_quarter = suppress_list(
        [per_quarter.get(first, {}).get("to_professionals", 0) for first in starts], SMALL_COUNT
    )
    quarters = []
    for n, first in enumerate(starts):
        wait = waited.get(first, {})
        answered, waiting, unmet, _rest = outcome.cells[n]
        quarters.append(
            Quarter(
                start=first,
                requests=outcome.row_totals[n],
                answered=answered,
                waiting=waiting,
                unmet=unmet,
                to_professionals=referred_per_quarter.cells[n][0],
                handed_over=suppress(handed.get(first, 0)),
                waiting_days=(_days(wait.get("wait")) if wait.get("n", 0) >= SMALL_COUNT else None),
            )
        )

    available = VolunteerProfile.objects.filter(
        area=area, enrolments__status=Enrolment.Status.ACTIVE
    )
    by_activity = {
        row["activities"]: row
        for row in requests.exclude(activities=None)
        .values("activities")
        .annotate(
            requests=Count("id", distinct=True),
            waiting=Count("id", filter=Q(status__in=WAITING), distinct=True),
        )
        .order_by()
    }
    referred_by_activity = dict(
        ProfessionalReferral.objects.filter(help_request__in=requests)
        .exclude(activities=None)
        .values("activities")
        .annotate(n=Count("help_request", distinct=True))
        .order_by()
        .values_list("activities", "n")
    )
    offered = dict(
        available.exclude(activities=None)
        .values("activities")
        .annotate(n=Count("id", distinct=True))
        .order_by()
        .values_list("activities", "n")
    )
    activity_ids = set(by_activity) | set(referred_by_activity)
    activities = [
        Demand(
            name=activity.name,
            requests=suppress(by_activity.get(activity.pk, {}).get("requests", 0)),
            waiting=suppress(by_activity.get(activity.pk, {}).get("waiting", 0)),
            to_professionals=suppress(referred_by_activity.get(activity.pk, 0)),
            volunteers=suppress(offered.get(activity.pk, 0)),
        )
        for activity in Activity.objects.filter(pk__in=activity_ids).order_by(
            "care_level", "name_nl"
        )
    ]
    by_field = {
        row["performance_field"]: row
        for row in requests.values("performance_field")
        .annotate(
            requests=Count("id", distinct=True),
            waiting=Count("id", filter=Q(status__in=WAITING), distinct=True),
        )
        .order_by()
    }
    # Every request has one performance field or none yet: the fields add up to all requests,
    # and their waiting to those waiting now.
    field_names = [
        (performance_field.pk, performance_field.name)
        for performance_field in PerformanceField.objects.filter(pk__in=list(by_field))
    ]
    if None in by_field:
        field_names.append((None, _("Not yet assessed")))
    per_field = suppress_table(
        [
            [by_field[pk]["waiting"], by_field[pk]["requests"] - by_field[pk]["waiting"]]
            for pk, _name in field_names
        ],
        SMALL_COUNT,
    )
    fields = [
        Demand(name=name, requests=per_field.row_totals[n], waiting=per_field.cells[n][0])
        for n, (_pk, name) in enumerate(field_names)
    ]
    totals = requests.aggregate(
        requests=Count("id", distinct=True),
        waiting=Count("id", filter=Q(status__in=WAITING), distinct=True),
        to_professionals=Count("id", filter=referred, distinct=True),
    )
    # Those waiting now are a total of both tables: hidden when either had to hide it.
    waiting_now = suppress(totals["waiting"])
    if outcome.column_totals[1] is None or (field_names and per_field.column_totals[0] is None):
        waiting_now = None
    return Dossier(
        area=area,
        first_day=starts[0],
        quarters=quarters,
        activities=activities,
        fields=fields,
        volunteers=suppress(available.values("pk").distinct().count()),
        requests=suppress(totals["requests"]),
        waiting_now=waiting_now,
        to_professionals=suppress(totals["to_professionals"]),
    )
