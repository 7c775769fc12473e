"""Assignments: agreed after a match, ended with a reason and evaluations; hours and
check-ins within them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from meedoen.engagements import allowance, lifecycles
from meedoen.engagements.models import AllowanceLimit, Assignment, CheckIn, HoursEntry
from meedoen.engagements.services import EngagementError, is_coordinator_of, take, tell_later
from meedoen.i18n import written_language
from meedoen.matching.models import MatchProposal
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person
from meedoen.requests import services as request_services
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest


def actors(user, assignment: Assignment) -> set[str]:
    """Who this person is for an assignment (and its hours), in the lifecycle tables' terms."""
    who: set[str] = set()
    if user is None or not user.is_authenticated:
        return who
    if assignment.profile.user_id == user.pk:
        who.add(lifecycles.VOLUNTEER)
    if is_coordinator_of(user, assignment.organisation_id):
        who.add(lifecycles.COORDINATOR)
    return who


def _locked_assignment(assignment_id) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("organisation", "help_request", "profile__user")
        .get(pk=assignment_id)
    )


@transaction.atomic
def agree(
    help_request_id,
    profile_id,
    actor,
    *,
    task_ids,
    frequency: str,
    starts_on: date,
    planned_end: date | None,
    contact_route: str,
) -> Assignment:
    """A confirmed match becomes an assignment with agreed tasks; the support starts."""
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=help_request_id)
    )
    if not is_coordinator_of(actor, help_request.organisation_id):
        raise EngagementError(_("Only a coordinator of the handling organisation can agree this."))
    if help_request.status not in (workflow.MATCHED, workflow.ACTIVE):
        raise EngagementError(_("Agreements are made once a volunteer has said yes."))
    proposal = (
        MatchProposal.objects.filter(
            help_request=help_request, profile_id=profile_id, status=MatchProposal.Status.ACCEPTED
        )
        .order_by("-answered_at")
        .first()
    )
    if proposal is None:
        raise EngagementError(_("This volunteer has not said yes to this request."))
    if (
        Assignment.objects.active()
        .filter(help_request=help_request, profile_id=profile_id)
        .exists()
    ):
        raise EngagementError(_("This volunteer already has an assignment for this request."))
    allowed = set(help_request.activities.values_list("pk", flat=True))
    chosen = {int(pk) for pk in task_ids}
    if not chosen:
        raise EngagementError(_("Agree at least one task."))
    if not chosen <= allowed:
        raise EngagementError(
            _(
                "Only tasks of the request's volunteer part can be agreed; the rest is for a "
                "professional."
            )
        )
    if planned_end and planned_end < starts_on:
        raise EngagementError(_("The planned end lies before the start."))
    if not contact_route.strip():
        raise EngagementError(_("Say whom the volunteer contacts with questions, and how."))
    assignment = Assignment.objects.create(
        help_request=help_request,
        profile_id=profile_id,
        organisation=help_request.organisation,
        proposal=proposal,
        frequency=frequency,
        starts_on=starts_on,
        planned_end=planned_end,
        contact_route=contact_route.strip(),
        created_by=actor,
    )
    assignment.tasks.set(chosen)
    first = starts_on + timedelta(weeks=help_request.organisation.check_in_after_weeks)
    CheckIn.objects.bulk_create(
        [CheckIn(assignment=assignment, party=party, due_on=first) for party in CheckIn.Party]
    )
    if help_request.status == workflow.MATCHED:
        request_services.take_step(
            help_request.pk, "start", None, _("Agreements made"), by_system=True
        )
    tell_later(
        [assignment.profile.user.email],
        _("Your assignment is agreed"),
        _("The agreements for your assignment are ready. Sign in to Meedoen to read them."),
    )
    return assignment


@transaction.atomic
def end(
    assignment_id,
    actor,
    *,
    reason: str,
    volunteer_evaluation: str,
    person_evaluation: str,
    handed_over: bool = False,
) -> Assignment:
    """End an assignment: with a reason and how the volunteer and the person look back.
    An accepted handover that ends the assignment ends it as a consequence (the system)."""
    assignment = _locked_assignment(assignment_id)
    who = {lifecycles.SYSTEM} if handed_over else actors(actor, assignment)
    known = reason if reason in Assignment.EndReason.values else ""
    step = take(lifecycles.ASSIGNMENT, "end", assignment.status, who, known)
    if not handed_over and not (volunteer_evaluation.strip() and person_evaluation.strip()):
        raise EngagementError(
            _("Write down how the volunteer and the person helped look back; both count.")
        )
    assignment.status = step.target
    assignment.ended_at = timezone.now()
    assignment.ended_by = actor
    assignment.end_reason = reason
    assignment.volunteer_evaluation = volunteer_evaluation.strip()
    assignment.person_evaluation = person_evaluation.strip()
    assignment.save()
    assignment.check_ins.filter(done_at__isnull=True).delete()
    return assignment


# --- hours ------------------------------------------------------------------------------


@transaction.atomic
def log_hours(
    assignment_id, user, *, on: date, hours: Decimal, expenses: Decimal, note: str = ""
) -> HoursEntry:
    """The volunteer logs time and costs; the coordinator approves them later."""
    assignment = _locked_assignment(assignment_id)
    if assignment.profile.user_id != user.pk:
        raise EngagementError(_("You can only log hours for your own assignment."))
    return _add_hours(assignment, on=on, hours=hours, expenses=expenses, note=note)


@transaction.atomic
def enter_hours(
    assignment_id, coordinator, *, on: date, hours: Decimal, expenses: Decimal, note: str = ""
) -> HoursEntry:
    """A coordinator enters a volunteer's hours from paper or an earlier system, on the day
    they were made; they wait for approval like hours the volunteer logs."""
    assignment = _locked_assignment(assignment_id)
    if not is_coordinator_of(coordinator, assignment.organisation_id):
        raise EngagementError(_("Only a coordinator of the organisation can enter these hours."))
    return _add_hours(assignment, on=on, hours=hours, expenses=expenses, note=note)


def _add_hours(
    assignment: Assignment, *, on: date, hours: Decimal, expenses: Decimal, note: str
) -> HoursEntry:
    if not assignment.is_active:
        raise EngagementError(_("This assignment has ended; hours can no longer be added."))
    if on > timezone.localdate():
        raise EngagementError(_("The date lies in the future."))
    if on < assignment.starts_on:
        raise EngagementError(_("The date lies before the assignment started."))
    day_total = assignment.hours.filter(date=on).aggregate(total=Sum("hours"))["total"] or 0
    if day_total + hours > 12:
        raise EngagementError(_("That is more than 12 hours on one day; check the numbers."))
    return HoursEntry.objects.create(
        assignment=assignment,
        date=on,
        hours=hours,
        expenses=expenses,
        note=note.strip(),
        language=written_language(),
    )


@transaction.atomic
def correct_hours(entry_id, user, *, hours: Decimal, expenses: Decimal, note: str) -> HoursEntry:
    """The volunteer answers a question about hours by correcting them; they wait again."""
    entry = (
        HoursEntry.objects.select_for_update()
        .select_related("assignment__profile")
        .get(pk=entry_id)
    )
    own = {lifecycles.VOLUNTEER} if entry.assignment.profile.user_id == user.pk else set()
    step = take(lifecycles.HOURS, "correct", entry.status, own)
    entry.hours, entry.expenses, entry.note = hours, expenses, note.strip()
    entry.language = written_language()
    entry.status = step.target
    entry.save()
    return entry


def limits_for(year: int) -> allowance.Limits | None:
    """The year's limits as the administrator keeps them, else the values Meedoen ships."""
    row = AllowanceLimit.objects.filter(year=year).first()
    if row is None:
        return allowance.KNOWN_LIMITS.get(year)
    return allowance.Limits(
        row.year, row.per_hour, row.per_hour_under_21, row.per_month, row.per_year
    )


def allowance_warnings(entries) -> dict[int, list[str]]:
    """For each entry: what approving it would do to the volunteer's tax-free allowance.
    One query for all of them: the approved allowances per volunteer and month."""
    paying = [e for e in entries if e.assignment.organisation.allowance_per_hour > 0]
    warnings: dict[int, list[str]] = {e.pk: [] for e in entries}
    if not paying:
        return warnings
    paid: dict[tuple[int, int, int], Decimal] = {}
    for row in (
        HoursEntry.objects.approved()
        .filter(
            assignment__profile_id__in={e.assignment.profile_id for e in paying},
            date__year__in={e.date.year for e in paying},
        )
        .values("assignment__profile_id", "date__year", "date__month")
        .annotate(total=Sum("allowance"))
        .order_by()
    ):
        key = (row["assignment__profile_id"], row["date__year"], row["date__month"])
        # Rounded to cents: SQLite sums decimals as floating point.
        paid[key] = Decimal(row["total"] or 0).quantize(allowance.CENT)
    limits = {year: limits_for(year) for year in {e.date.year for e in paying}}
    for entry in paying:
        profile, year = entry.assignment.profile_id, entry.date.year
        warnings[entry.pk] = allowance.problems(
            limits[year],
            rate=entry.assignment.organisation.allowance_per_hour,
            hours=entry.hours,
            paid_this_month=paid.get((profile, year, entry.date.month), Decimal("0")),
            paid_this_year=sum(
                (total for (p, y, _m), total in paid.items() if (p, y) == (profile, year)),
                Decimal("0"),
            ),
        )
    return warnings


def allowance_problems(entry: HoursEntry) -> list[str]:
    return allowance_warnings([entry])[entry.pk]


class OverLimit(EngagementError):
    """Approving would exceed a tax-free limit; the coordinator must confirm knowingly."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@transaction.atomic
def approve_hours(entry_id, actor, *, over_limit_confirmed: bool = False) -> HoursEntry:
    """The coordinator approves: the allowance is set and the time credits are earned."""
    from meedoen.engagements.services import credits

    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("assignment__organisation", "assignment__profile__user")
        .get(pk=entry_id)
    )
    step = take(lifecycles.HOURS, "approve", entry.status, actors(actor, entry.assignment))
    problems = allowance_problems(entry)
    if problems and not over_limit_confirmed:
        raise OverLimit(problems)
    entry.allowance = allowance.amount(
        entry.hours, entry.assignment.organisation.allowance_per_hour
    )
    entry.status = step.target
    entry.question = ""
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save()
    credits.earn(entry, actor)
    return entry


@transaction.atomic
def query_hours(entry_id, actor, *, question: str) -> HoursEntry:
    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("assignment__profile__user")
        .get(pk=entry_id)
    )
    step = take(lifecycles.HOURS, "query", entry.status, actors(actor, entry.assignment), question)
    entry.status = step.target
    entry.question = question.strip()
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save()
    notify_person(
        [entry.assignment.profile.user],
        Kind.HOURS,
        lambda: (
            _("There is a question about the hours you logged on %(date)s.")
            % {"date": formats.date_format(entry.date, "j F Y")}
        ),
        reverse("engagements:assignment", args=[entry.assignment_id]),
        mail=(_("A question about your hours"), entry.question),
    )
    return entry


def quiet_assignments(assignments):
    """Active assignments with no hours logged for the organisation's set number of days."""
    today = timezone.localdate()
    rows = []
    annotated = (
        assignments.active()
        .annotate(last_logged=Max("hours__date"))
        .select_related("organisation", "help_request", "profile__user")
    )
    for assignment in annotated:
        since = assignment.last_logged or assignment.starts_on
        if (today - since).days >= assignment.organisation.quiet_after_days:
            rows.append((assignment, (today - since).days))
    return rows


def waiting_hours(assignments):
    return (
        HoursEntry.objects.filter(status__in=lifecycles.HOURS_WAITING, assignment__in=assignments)
        .select_related(
            "assignment__organisation", "assignment__help_request", "assignment__profile__user"
        )
        .order_by("date")
    )
