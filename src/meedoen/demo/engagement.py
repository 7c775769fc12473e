"""Demo engagement: matches agreed as assignments, hours logged and approved (time credits),
check-ins, concerns (one resolved, one escalated to the manager, one fresh), a handover that
waits for home care, and guidance of re-integration and internship volunteers."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone, translation

from meedoen.demo import clock
from meedoen.demo.world import World
from meedoen.engagements import conversations
from meedoen.engagements.models import Assignment, GuidanceSession, Handover
from meedoen.engagements.services import assignments, concerns, guidance
from meedoen.matching import services as matching
from meedoen.notifications.services import staff_of
from meedoen.requests import services as request_services
from meedoen.volunteers.models import Enrolment

ROUTES = [
    "Bel Petra Visser (coördinator), 0570-123456, op werkdagen van 9 tot 17 uur.",
    "Mail de coördinator via de app; bij spoed bel 0570-123456.",
]


def match_and_agree(help_request, profile, handler, status: str, rng: random.Random) -> int:
    """Propose the volunteer, who says yes; for support that started: the agreements, the
    hours since, and for support that ended: the end with both evaluations, and closing."""
    proposal = matching.propose(help_request.pk, profile.pk, handler)
    matching.answer(proposal.pk, profile.user, accept=True)
    if status == "matched":
        return 0
    today = timezone.localdate()
    started = today - timedelta(days=rng.randint(20, 120))
    assignment = assignments.agree(
        help_request.pk,
        profile.pk,
        handler,
        task_ids=list(help_request.activities.values_list("pk", flat=True)),
        frequency=rng.choice(["weekly", "weekly", "fortnightly", "as_needed"]),
        starts_on=started,
        planned_end=None,
        contact_route=rng.choice(ROUTES),
    )
    _hours(assignment, handler, rng, ended=status == "closed")
    if status == "closed":
        assignments.end(
            assignment.pk,
            handler,
            reason=Assignment.EndReason.COMPLETED,
            volunteer_evaluation="Fijne gesprekken; ik heb veel geleerd.",
            person_evaluation="Heel blij mee geweest.",
        )
        request_services.take_step(help_request.pk, "close", handler, "Hulp afgerond")
    return 1


def _hours(assignment, coordinator, rng, *, ended: bool) -> None:
    """Logged by the volunteer about every week; approved by the coordinator, except the last
    two of support that goes on (they wait for the coordinator)."""
    today = timezone.localdate()
    volunteer = assignment.profile.user
    days, day = [], assignment.starts_on
    while day <= today - timedelta(days=3) and len(days) < 8:
        days.append(day)
        day += timedelta(days=rng.choice([6, 7, 8, 14]))
    if volunteer.username == "demo-volunteer":
        days.append(today - timedelta(days=1))
    for position, on in enumerate(days):
        entry = assignments.log_hours(
            assignment.pk,
            volunteer,
            on=on,
            hours=Decimal(rng.choice(["1", "1.5", "2", "2", "3"])),
            expenses=Decimal(rng.choice(["0", "0", "0", "4.20"])),
        )
        if ended or position < len(days) - 2:
            assignments.approve_hours(entry.pk, coordinator, over_limit_confirmed=True)


def load(world: World) -> None:
    """Concerns, a handover and guidance, once the assignments are there."""
    if GuidanceSession.objects.filter(enrolment__organisation__municipality=world.municipality):
        return
    active = list(
        Assignment.objects.active()
        .filter(organisation__municipality=world.municipality)
        .select_related("profile__user", "organisation")
        .order_by("pk")
    )
    centre = world.organisations["centre"]
    coordinator = world.people["demo-coordinator"]
    mine = [a for a in active if a.profile.user.username == "demo-volunteer"]
    at_centre = [a for a in active if a.organisation_id == centre.pk and a not in mine]
    others = [a for a in active if a not in mine and a not in at_centre]
    if mine:
        _resolved_concern(mine[0], coordinator)
        _conversation(mine[0], coordinator)
    if at_centre:
        _escalated_concern(at_centre[0])
    if others:
        fresh = concerns.raise_concern(
            others[0].help_request_id,
            others[0].profile.user,
            assignment_id=others[0].pk,
            category="health",
            urgent=False,
            description=(
                "Hij is de laatste weken erg vergeetachtig en vergat twee keer de afspraak."
            ),
        )
        clock.concern_raised(fresh, timedelta(hours=8))
    if len(at_centre) > 1:
        concerns.hand_over(
            at_centre[1].help_request_id,
            coordinator,
            to_organisation=world.organisations["homecare"],
            part="Hulp bij douchen en aankleden",
            note=(
                "Mevrouw redt het douchen niet meer alleen; de vrijwilliger bezoekt haar "
                "wekelijks en blijft dat doen. Dochter is mantelzorger en graag betrokken."
            ),
            after=Handover.After.CONTINUE,
            assignment_id=at_centre[1].pk,
        )
    _guidance(world)


def _conversation(assignment, coordinator) -> None:
    """A short conversation between the demo volunteer and their coordinator; each side
    finds a notification of the other's message."""
    if assignment.organisation_id not in coordinator.coordinated_organisation_ids(
        with_network=True
    ):
        coordinator = staff_of(assignment.organisation_id).first()
        if coordinator is None:
            return
    volunteer = assignment.profile.user
    conversations.post(
        volunteer,
        "assignment",
        assignment.pk,
        "Volgende week ben ik op vakantie. Zal ik het bezoek een week later doen?",
    )
    conversations.post(
        coordinator,
        "assignment",
        assignment.pk,
        "Dat is goed. Laat het haar zelf ook even weten? Fijne vakantie!",
    )
    # Written on the English pages: the coordinator's Dutch page marks it as English.
    with translation.override("en"):
        conversations.post(
            volunteer,
            "assignment",
            assignment.pk,
            "Thanks! I will tell her on Thursday.",
        )


def _resolved_concern(assignment, coordinator) -> None:
    concern = concerns.raise_concern(
        assignment.help_request_id,
        assignment.profile.user,
        assignment_id=assignment.pk,
        category="loneliness",
        urgent=False,
        description="Ze vertelt dat ze in het weekend niemand ziet.",
    )
    concerns.acknowledge(concern.pk, coordinator, note="Ik bel haar dochter.")
    concern = concerns.resolve(
        concern.pk,
        coordinator,
        outcome="Aangemeld bij de zondagsoos van het buurthuis; buurvrouw haalt haar op.",
        reply="Er is een activiteit op zondag gevonden. Dank je wel voor je oplettendheid!",
    )
    clock.concern_steps(concern, timedelta(days=8))


def _escalated_concern(assignment) -> None:
    """Urgent, raised six hours ago and not acknowledged in time: the escalation job
    (run as it runs every few minutes) takes it to the manager."""
    concern = concerns.raise_concern(
        assignment.help_request_id,
        assignment.profile.user,
        assignment_id=assignment.pk,
        category="carer",
        urgent=True,
        description="De dochter zegt dat ze het niet meer volhoudt; ze slaapt slecht.",
    )
    clock.concern_raised(concern, timedelta(hours=6))
    concerns.escalate_overdue()


def _guidance(world: World) -> None:
    today = timezone.localdate()
    guided = (
        Enrolment.objects.filter(organisation__municipality=world.municipality, guide__isnull=False)
        .exclude(sponsor_kind="")
        .select_related("organisation", "guide")
        .order_by("pk")[:6]
    )
    topics = ["Kennismaking en leerdoelen", "Voortgang besproken", "Evaluatie"]
    for number, enrolment in enumerate(guided):
        for week in range(1 + number % 3):
            guidance.log_session(
                enrolment.pk,
                enrolment.guide,
                on=today - timedelta(weeks=week * 2 + 1),
                hours=Decimal("1"),
                topic=topics[week],
            )
