"""Proposals and matching runs: every write in one transaction, checked against the rules."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meedoen import jobs
from meedoen.errors import DomainError
from meedoen.matching import planning, proposals, rules
from meedoen.matching import selectors as facts
from meedoen.matching.models import MatchingRun, MatchProposal, RunPair
from meedoen.notifications.models import Kind
from meedoen.notifications.services import notify_person, staff_of
from meedoen.requests import services as request_services
from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest
from meedoen.transitions import TransitionError
from meedoen.volunteers.models import VolunteerProfile

#: A volunteer answers a proposal within this time; after it the coordinator is told.
ANSWER_WITHIN = timedelta(hours=72)
OPEN = proposals.OPEN


class MatchingError(DomainError):
    """Not possible; the message is for the person who tried."""


def _take(name: str, status: str, actors, reason: str = ""):
    try:
        return proposals.PROPOSAL.check(name, status, actors, reason)
    except TransitionError as exc:
        raise MatchingError(str(exc)) from exc


def _withdraw(queryset) -> int:
    """Meedoen withdraws these proposals (as far as the table lets it)."""
    withdraw = proposals.PROPOSAL.steps["withdraw"]
    return queryset.filter(status__in=withdraw.sources).update(status=withdraw.target)


def proposal_summary(help_request) -> str:
    """Only what the volunteer needs to decide: first name, area, activities, times."""
    from meedoen import availability

    slots = ", ".join(availability.slot_names(help_request.availability)[:6])
    return _(
        "%(first_name)s in %(area)s would like help with: %(activities)s. Preferred times: "
        "%(slots)s."
    ) % {
        "first_name": help_request.first_name,
        "area": help_request.area.name,
        "activities": ", ".join(a.name for a in help_request.activities.all()),
        "slots": slots or "-",
    }


@transaction.atomic
def propose(help_request_id, profile_id, actor, *, run=None) -> MatchProposal:
    """A coordinator proposes a volunteer for a request that is ready for matching."""
    help_request = (
        HelpRequest.objects.select_for_update(of=("self",))
        .select_related("organisation", "area")
        .get(pk=help_request_id)
    )
    if actor is not None and workflow.HANDLER not in request_services.actor_roles(
        actor, help_request
    ):
        raise MatchingError(_("Only a coordinator of the handling organisation can propose."))
    if help_request.status != workflow.READY:
        raise MatchingError(_("Only a request that is ready for matching can get a proposal."))
    volunteer = facts.volunteer_fact(profile_id)
    verdict = (
        rules.judge(
            volunteer,
            facts.request_facts(help_request),
            facts.weights_for(help_request.organisation),
        )
        if volunteer
        else None
    )
    if verdict is None or not verdict.feasible:
        raise MatchingError(
            _("This volunteer does not meet every rule for this request: %(why)s")
            % {"why": " ".join(verdict.problems) if verdict else "-"}
        )
    if MatchProposal.objects.filter(
        help_request=help_request,
        profile_id=profile_id,
        status__in=proposals.WAITING_FOR_VOLUNTEER,
    ).exists():
        raise MatchingError(_("This volunteer has already been asked."))
    _withdraw(  # the volunteer's own offer becomes this proposal
        MatchProposal.objects.filter(
            help_request=help_request, profile_id=profile_id, status=proposals.OFFERED
        )
    )
    proposal = MatchProposal.objects.create(
        help_request=help_request,
        profile_id=profile_id,
        proposed_by=actor,
        run=run,
        score=verdict.score,
        expires_at=timezone.now() + ANSWER_WITHIN,
    )
    profile = VolunteerProfile.objects.select_related("user").get(pk=profile_id)
    summary = proposal_summary(help_request)
    notify_person(
        [profile.user],
        Kind.PROPOSAL,
        lambda: (
            _("You are asked whether you would like to help someone in %(area)s.")
            % {"area": help_request.area.name}
        ),
        reverse("matching:proposals"),
        mail=(
            _("Would you like to help?"),
            summary + "\n\n" + _("Sign in to Meedoen to say yes or no."),
        ),
    )
    return proposal


@transaction.atomic
def answer(proposal_id, user, *, accept: bool, reason: str = "") -> MatchProposal:
    """The volunteer says yes (the request is matched) or no (with a reason)."""
    proposal = (
        MatchProposal.objects.select_for_update(of=("self",))
        .select_related("help_request__area", "profile__user")
        .get(pk=proposal_id)
    )
    own = {proposals.VOLUNTEER} if proposal.profile.user_id == user.pk else set()
    step = _take("accept" if accept else "decline", proposal.status, own, reason)
    proposal.status = step.target
    proposal.reason = reason
    proposal.answered_at = timezone.now()
    proposal.save()
    help_request = proposal.help_request
    if accept:
        try:
            request_services.take_step(
                help_request.pk,
                "match",
                None,
                # History is kept longer than people: it never names them.
                _("A volunteer said yes"),
                by_system=True,
            )
        except request_services.RequestError as exc:
            raise MatchingError(str(exc)) from exc
        _withdraw(MatchProposal.objects.filter(help_request=help_request).exclude(pk=proposal.pk))
    subject = _("Proposal for %(reference)s: %(answer)s") % {
        "reference": help_request.reference,
        "answer": _("accepted") if accept else _("declined"),
    }
    names = {"first_name": help_request.first_name, "area": help_request.area.name}
    notify_person(
        staff_of(help_request.organisation_id),
        Kind.PROPOSAL_ANSWER,
        (lambda: _("A volunteer said yes to help %(first_name)s in %(area)s.") % names)
        if accept
        else (lambda: _("A volunteer said no to helping %(first_name)s in %(area)s.") % names),
        reverse("requests:detail", args=[help_request.pk]),
        mail=(subject, reason or subject),
    )
    return proposal


@transaction.atomic
def offer(help_request_id, profile: VolunteerProfile) -> MatchProposal:
    """A volunteer says "I'd like to help": a candidate for the coordinator."""
    help_request = HelpRequest.objects.select_related("organisation", "area").get(
        pk=help_request_id
    )
    if help_request.status != workflow.READY:
        raise MatchingError(_("This request no longer needs a volunteer."))
    volunteer = facts.volunteer_fact(profile.pk)
    if volunteer is None or not rules.judge(volunteer, facts.request_facts(help_request)).feasible:
        raise MatchingError(_("This request does not fit you."))
    proposal, created = MatchProposal.objects.get_or_create(
        help_request=help_request,
        profile=profile,
        status__in=OPEN,
        defaults={"status": proposals.OFFERED},
    )
    if not created:
        raise MatchingError(_("You have already said you would like to help."))
    return proposal


@transaction.atomic
def expire(now=None) -> int:
    """Proposals not answered in time expire; the coordinator is told (a scheduled job)."""
    now = now or timezone.now()
    due = list(
        MatchProposal.objects.select_for_update(of=("self",))
        .filter(status__in=proposals.PROPOSAL.steps["expire"].sources, expires_at__lte=now)
        .select_related("help_request__area")
    )
    for proposal in due:
        proposal.status = _take("expire", proposal.status, {proposals.SYSTEM}).target
        proposal.save(update_fields=["status"])
        help_request = proposal.help_request
        with translation.override(help_request.language):
            mail = (
                _("No answer to a proposal for %(reference)s")
                % {"reference": help_request.reference},
                _("The volunteer did not answer in time. Propose someone else."),
            )
        notify_person(
            staff_of(help_request.organisation_id),
            Kind.PROPOSAL_ANSWER,
            lambda hr=help_request: (
                _("A volunteer did not answer in time about helping %(first_name)s in %(area)s.")
                % {"first_name": hr.first_name, "area": hr.area.name}
            ),
            reverse("requests:detail", args=[help_request.pk]),
            mail=mail,
        )
    return len(due)


# --- global matching --------------------------------------------------------------------


def abandoned_after() -> timedelta:
    """How long a run may stay queued or running: every attempt the worker makes at it,
    each offered again after the retry time and stopped at the job timeout."""
    cluster = settings.Q_CLUSTER
    return timedelta(seconds=cluster["retry"] * cluster["max_attempts"] + cluster["timeout"])


def give_up_abandoned(runs, now=None) -> int:
    """Runs among `runs` still queued or running after every attempt could have ended were
    abandoned (the worker was stopped for good, or its queue emptied): they count as failed,
    so the page says so and the coordinator can start again. A job that turns up for such a
    run later leaves it alone."""
    cutoff = (now or timezone.now()) - abandoned_after()
    return runs.filter(status__in=MatchingRun.UNFINISHED, created_at__lt=cutoff).update(
        status=MatchingRun.Status.FAILED
    )


def start(organisation, actor) -> MatchingRun:
    """Queue a global matching for the worker; refused while one for the organisation (or
    the desk's network) is still queued or running (a constraint in the database)."""
    try:
        with transaction.atomic():
            give_up_abandoned(MatchingRun.objects.filter(organisation=organisation))
            run = MatchingRun.objects.create(
                organisation=organisation, started_by=actor, status=MatchingRun.Status.QUEUED
            )
            jobs.enqueue(
                "meedoen.matching.jobs.run_global_matching", run.pk, group="global-matching"
            )
    except IntegrityError as exc:
        raise MatchingError(
            _(
                "A global matching for %(name)s has already been started and is not finished "
                "yet. Wait for its result."
            )
            % {"name": organisation.name}
        ) from exc
    return run


RUN_RESULT_FIELDS = [
    "requests_considered",
    "volunteers_considered",
    "matched",
    "total_score",
    "greedy_matched",
    "greedy_score",
    "status",
]


def plan(organisation, actor=None, *, run=None, on_progress=None) -> MatchingRun:
    """Compute the optimal set of pairs for every request of the organisation (or network)
    that is ready for matching, with first-come greedy beside it; store it for review, in
    `run` when given (a run queued earlier) or in a new run. `on_progress(fraction)` hears
    how far it is, from 0.0 to 1.0."""
    if on_progress is not None:
        on_progress(0.0)
    result = planning.compute(organisation, on_progress=on_progress)
    with transaction.atomic():
        if run is None:
            run = MatchingRun(organisation=organisation, started_by=actor)
        else:
            run.pairs.all().delete()
        run.requests_considered = result.requests_considered
        run.volunteers_considered = result.volunteers_considered
        run.matched = int(result.best.sum())
        run.total_score = result.total(result.best)
        run.greedy_matched = int(result.first_come.sum())
        run.greedy_score = result.total(result.first_come)
        run.status = MatchingRun.Status.PROPOSED
        if run.pk is None:
            run.save()
        else:  # only what the computation decides; the rest of a queued run is not ours
            run.save(update_fields=RUN_RESULT_FIELDS)
        _store_pairs(run, result.pairs(result.best))
    if on_progress is not None:
        on_progress(1.0)
    return run


INSERT_PAIRS = "INSERT INTO {table} (run_id, help_request_id, profile_id, score) VALUES {rows}"
PAIRS_AT_ONCE = 1000


def _store_pairs(run, pairs) -> None:
    """The run's pairs, a thousand rows to a statement: a city's run has 100,000 of them, and
    a model instance or a statement for each took longer than the matching itself."""
    from django.db import connection

    table = connection.ops.quote_name(RunPair._meta.db_table)
    rows = [(run.pk, request, volunteer, score) for volunteer, request, score in pairs]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), PAIRS_AT_ONCE):
            batch = rows[start : start + PAIRS_AT_ONCE]
            sql = INSERT_PAIRS.format(
                table=table, rows=", ".join(["(%s, %s, %s, %s)"] * len(batch))
            )
            cursor.execute(sql, [value for row in batch for value in row])


@transaction.atomic
def confirm(run_id, pair_ids, actor) -> int:
    """Turn the chosen pairs of a run into proposals to the volunteers."""
    run = MatchingRun.objects.select_for_update().get(pk=run_id)
    if run.status == MatchingRun.Status.CONFIRMED:
        raise MatchingError(_("This matching run has already been confirmed."))
    if run.status != MatchingRun.Status.PROPOSED:
        raise MatchingError(_("This matching run has no result to confirm yet."))
    made = 0
    for pair in run.pairs.filter(pk__in=pair_ids):
        try:
            propose(pair.help_request_id, pair.profile_id, actor, run=run)
        except MatchingError:
            continue  # the situation changed since the run; the rest goes on
        made += 1
    run.status = MatchingRun.Status.CONFIRMED
    run.save(update_fields=["status"])
    return made
