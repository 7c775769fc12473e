"""The substitution monitor: every moment work moves between professionals and volunteers.

Counted per month, for the municipality (aggregates only, small counts suppressed) and for
an organisation (its own coordinators and managers see its figures in full):

- formal care split off a request and referred to professionals, or a request referred whole
  (the boundary split in `requests.services.split_and_refer`);
- vacancies refused because they asked volunteers for formal care
  (`volunteers.services.create_vacancy`), and task-division entries refused for the same
  reason (`organisations.services.record_task_division`);
- warm handovers: from volunteers to professionals, and back;
- changes in the task-division register: an activity that moved towards volunteers, or
  back towards professionals, dated by when the change started.

An organisation stands out when at least SMALL_COUNT of its requests of the last twelve
months had formal care split off and that share is at least STANDS_OUT_FACTOR times the
municipality's: its volunteers are asked for formal care more often than elsewhere.
Everything is counted in the database (GROUP BY); Python only places the counts in months.

For the municipality, a month's events on one side add up to the side's sum, and each kind's
months add up to the same year total as its organisations: so besides the small counts, the
numbers that would give a small one away are hidden too (`suppression.suppress`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedoen.engagements.models import Handover
from meedoen.insights.selectors import SMALL_COUNT, suppress
from meedoen.insights.suppression import suppress as suppress_table
from meedoen.organisations.models import (
    Membership,
    Municipality,
    Organisation,
    SubstitutionSignal,
    TaskDivision,
)
from meedoen.permissions import is_admin
from meedoen.requests.models import HelpRequest

#: How many months the monitor looks back, the current month included.
MONTHS = 12
#: An organisation stands out from this multiple of the municipality's share on.
STANDS_OUT_FACTOR = Decimal("1.5")

SPLIT_KINDS = (SubstitutionSignal.Kind.REQUEST_SPLIT, SubstitutionSignal.Kind.REQUEST_REFERRED)

#: The column each kind of substitution signal is counted in.
SIGNAL_KEYS = {
    SubstitutionSignal.Kind.REQUEST_SPLIT.value: "split",
    SubstitutionSignal.Kind.REQUEST_REFERRED.value: "referred",
    SubstitutionSignal.Kind.VACANCY_REFUSED.value: "vacancy_refused",
    SubstitutionSignal.Kind.TASK_DIVISION_REFUSED.value: "division_refused",
}
#: The monitor's columns: key, label, and the group it belongs to.
COLUMNS: tuple[tuple[str, Any], ...] = (
    ("split", _("Formal care split off a request")),
    ("referred", _("Request referred whole to professionals")),
    ("vacancy_refused", _("Vacancy refused: it asked for formal care")),
    ("division_refused", _("Task division refused: it gave volunteers formal care")),
    ("handover_to_professionals", _("Handed over to professionals")),
    ("handover_to_volunteers", _("Handed back to volunteers")),
    ("division_to_volunteers", _("Task division: moved to volunteers")),
    ("division_to_professionals", _("Task division: moved to professionals")),
)
KEYS = tuple(key for key, _label in COLUMNS)
#: Work that moved (or was kept) on the professionals' side, and on the volunteers' side.
TOWARDS_PROFESSIONALS = (
    "split",
    "referred",
    "vacancy_refused",
    "division_refused",
    "handover_to_professionals",
    "division_to_professionals",
)
TOWARDS_VOLUNTEERS = ("handover_to_volunteers", "division_to_volunteers")


@dataclass
class Month:
    month: date
    counts: dict[str, int | None]
    #: All events of the month on the professionals' side and on the volunteers' side,
    #: summed before a small sum is suppressed.
    towards_professionals: int | None = None
    towards_volunteers: int | None = None

    @property
    def cells(self) -> list[int | None]:
        return [self.counts[key] for key in KEYS]


@dataclass
class Share:
    """Requests of the period, those with formal care split off, and the share split off."""

    requests: int | None
    split: int | None
    share: Decimal | None

    @property
    def percentage(self) -> Decimal | None:
        return None if self.share is None else (self.share * 100).quantize(Decimal("0.1"))


@dataclass
class OrganisationLine:
    organisation: Organisation
    share: Share
    totals: dict[str, int | None]
    stands_out: bool

    @property
    def cells(self) -> list[int | None]:
        return [self.totals[key] for key in KEYS]


@dataclass
class MonitorView:
    """What one scope shows: its months, and for a municipality its organisations."""

    name: str
    months: list[Month]
    share: Share
    suppressed: bool
    municipality_share: Share | None = None
    stands_out: bool = False
    organisations: list[OrganisationLine] = field(default_factory=list)
    municipality: Municipality | None = None
    organisation: Organisation | None = None


def window(today: date | None = None) -> list[date]:
    """The first days of the last MONTHS months, oldest first."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    firsts = []
    for _step in range(MONTHS):
        firsts.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return firsts[::-1]


def _start(months: list[date]) -> datetime:
    return timezone.make_aware(datetime.combine(months[0], time.min))


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _grouped(queryset: QuerySet, moment: str, by: str, counted: Any) -> dict[tuple[date, str], int]:
    """{(month, value of `by`): count}, counted in the database."""
    rows = (
        queryset.annotate(month=TruncMonth(moment))
        .values("month", by)
        .annotate(n=counted)
        .order_by()
        .values_list("month", by, "n")
    )
    return {(_as_date(month), str(key)): n for month, key, n in rows}


def _events(
    signals: QuerySet, handovers: QuerySet, divisions: QuerySet, start: datetime
) -> dict[tuple[date, str], int]:
    """Every kind of event of a scope, per month: {(month, column key): count}."""
    counts: dict[tuple[date, str], int] = {}
    signals = signals.filter(created_at__gte=start)
    # A split counts the requests split, not the activities split off each.
    by_kind = _grouped(
        signals.filter(kind__in=SPLIT_KINDS),
        "created_at",
        "kind",
        Count("reference", distinct=True),
    )
    by_kind |= _grouped(signals.exclude(kind__in=SPLIT_KINDS), "created_at", "kind", Count("id"))
    for (month, kind), n in by_kind.items():
        counts[month, SIGNAL_KEYS[kind]] = n
    for (month, direction), n in _grouped(
        handovers.filter(created_at__gte=start), "created_at", "direction", Count("id")
    ).items():
        counts[month, f"handover_{direction}"] = n
    for (month, shift), n in _grouped(
        divisions.exclude(shift="").filter(since__gte=start.date()), "since", "shift", Count("id")
    ).items():
        key = "division_to_volunteers" if shift == "to_volunteers" else "division_to_professionals"
        counts[month, key] = n
    return counts


def _months(counts: dict[tuple[date, str], int], months: list[date], hide: bool) -> list[Month]:
    lines = [Month(m, {}) for m in months]
    for keys, side in (
        (TOWARDS_PROFESSIONALS, "towards_professionals"),
        (TOWARDS_VOLUNTEERS, "towards_volunteers"),
    ):
        values = [[counts.get((m, key), 0) for key in keys] for m in months]
        if hide:
            # A side's sum per month is shown, and a kind's total over the months can be
            # worked out from the organisations' table: both count as known.
            shown = suppress_table(values, SMALL_COUNT)
            cells, sums = shown.cells, shown.row_totals
        else:
            cells, sums = values, [sum(row) for row in values]
        for line, row, total in zip(lines, cells, sums, strict=True):
            line.counts.update(zip(keys, row, strict=True))
            setattr(line, side, total)
    for line in lines:
        line.counts = {key: line.counts[key] for key in KEYS}
    return lines


def _share(requests: int, split: int, hide: bool) -> Share:
    share = Decimal(split) / Decimal(requests) if requests else None
    if hide and (suppress(requests) is None or suppress(split) is None):
        share = None
    if hide:
        return Share(suppress(requests), suppress(split), share)
    return Share(requests, split, share)


def _split_requests(requests: QuerySet) -> QuerySet:
    split_references = SubstitutionSignal.objects.filter(kind__in=SPLIT_KINDS).values("reference")
    return requests.filter(reference__in=split_references)


def _stands_out(requests: int, split: int, municipality: tuple[int, int]) -> bool:
    if split < SMALL_COUNT or not requests:
        return False
    total, total_split = municipality
    if not total_split:
        return True
    return Decimal(split) * total >= STANDS_OUT_FACTOR * total_split * requests


def _totals_by_organisation(
    municipality: Municipality, start: datetime
) -> dict[int, dict[str, int]]:
    """{organisation: {column key: count}} over the period, counted in the database. A
    handover counts for the organisation that gave it and the one that received it."""
    totals: dict[int, dict[str, int]] = {}

    def add(organisation: int, key: str, n: int) -> None:
        own = totals.setdefault(organisation, {})
        own[key] = own.get(key, 0) + n

    signals = SubstitutionSignal.objects.filter(
        organisation__municipality=municipality, created_at__gte=start
    )
    for queryset, counted in (
        (signals.filter(kind__in=SPLIT_KINDS), Count("reference", distinct=True)),
        (signals.exclude(kind__in=SPLIT_KINDS), Count("id")),
    ):
        for organisation, kind, n in (
            queryset.values("organisation", "kind")
            .annotate(n=counted)
            .order_by()
            .values_list("organisation", "kind", "n")
        ):
            add(organisation, SIGNAL_KEYS[kind], n)
    handovers = Handover.objects.filter(
        help_request__municipality=municipality, created_at__gte=start
    )
    for side in ("from_organisation", "to_organisation"):
        for organisation, direction, n in (
            handovers.values(side, "direction")
            .annotate(n=Count("id"))
            .order_by()
            .values_list(side, "direction", "n")
        ):
            add(organisation, f"handover_{direction}", n)
    for organisation, shift, n in (
        TaskDivision.objects.filter(organisation__municipality=municipality)
        .exclude(shift="")
        .filter(since__gte=start.date())
        .values("organisation", "shift")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("organisation", "shift", "n")
    ):
        add(organisation, f"division_{shift}", n)
    return totals


def _municipality_requests(municipality: Municipality, start: datetime) -> QuerySet:
    return HelpRequest.objects.filter(municipality=municipality, received_at__gte=start)


def _municipality_totals(municipality: Municipality, start: datetime) -> tuple[int, int]:
    requests = _municipality_requests(municipality, start)
    return requests.count(), _split_requests(requests).count()


def for_municipality(municipality: Municipality, months: list[date]) -> MonitorView:
    """The whole municipality, per month and per organisation; every count suppressed."""
    start = _start(months)
    counts = _events(
        SubstitutionSignal.objects.filter(organisation__municipality=municipality),
        Handover.objects.filter(help_request__municipality=municipality),
        TaskDivision.objects.filter(organisation__municipality=municipality),
        start,
    )
    totals = _municipality_totals(municipality, start)
    requests = _municipality_requests(municipality, start).exclude(organisation=None)
    split_ids = _split_requests(requests).values("pk")
    per_organisation = {
        organisation: (n, split)
        for organisation, n, split in requests.values("organisation")
        .annotate(n=Count("id"), split=Count("id", filter=Q(pk__in=split_ids)))
        .order_by()
        .values_list("organisation", "n", "split")
    }
    by_organisation = _totals_by_organisation(municipality, start)
    organisations = list(Organisation.objects.filter(municipality=municipality).order_by("name"))
    # A kind's total over the organisations follows from the months' table: it counts as known.
    per_kind = suppress_table(
        [[by_organisation.get(o.pk, {}).get(key, 0) for key in KEYS] for o in organisations],
        SMALL_COUNT,
        row_totals=False,
    )
    lines = []
    for organisation, cells in zip(organisations, per_kind.cells, strict=True):
        n, split = per_organisation.get(organisation.pk, (0, 0))
        lines.append(
            OrganisationLine(
                organisation=organisation,
                share=_share(n, split, hide=True),
                totals=dict(zip(KEYS, cells, strict=True)),
                stands_out=_stands_out(n, split, totals),
            )
        )
    return MonitorView(
        name=municipality.name,
        months=_months(counts, months, hide=True),
        share=_share(*totals, hide=True),
        suppressed=True,
        organisations=lines,
        municipality=municipality,
    )


def for_organisation(organisation: Organisation, months: list[date]) -> MonitorView:
    """One organisation, for its own coordinators and managers, beside its municipality."""
    start = _start(months)
    counts = _events(
        SubstitutionSignal.objects.filter(organisation=organisation),
        Handover.objects.filter(
            Q(from_organisation=organisation) | Q(to_organisation=organisation)
        ),
        TaskDivision.objects.filter(organisation=organisation),
        start,
    )
    requests = _municipality_requests(organisation.municipality, start).filter(
        organisation=organisation
    )
    n, split = requests.count(), _split_requests(requests).count()
    totals = _municipality_totals(organisation.municipality, start)
    return MonitorView(
        name=organisation.name,
        months=_months(counts, months, hide=False),
        share=_share(n, split, hide=False),
        suppressed=False,
        municipality_share=_share(*totals, hide=True),
        stands_out=_stands_out(n, split, totals),
        organisation=organisation,
    )


def monitors_for(user: Any, months: list[date] | None = None) -> list[MonitorView]:
    """Every scope this person sees: the municipalities where they are policy officer (all
    for an administrator), then the organisations they coordinate or manage."""
    months = months or window()
    if is_admin(user):
        municipalities = Municipality.objects.all()
    else:
        municipalities = Municipality.objects.filter(pk__in=user.policy_municipality_ids())
    organisations = Organisation.objects.filter(
        pk__in=user.organisation_ids(Membership.Role.COORDINATOR, Membership.Role.MANAGER)
    ).select_related("municipality")
    return [for_municipality(m, months) for m in municipalities.order_by("name")] + [
        for_organisation(o, months) for o in organisations.order_by("name")
    ]
