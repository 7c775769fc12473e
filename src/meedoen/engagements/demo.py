"""Demo engagement for Lindeveld: assignments with hours, check-ins, concerns, a handover,
guidance and time credits, so that every page has something to show."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from meedoen.engagements.models import (
    Assignment,
    CheckIn,
    Concern,
    ConcernEvent,
    GuidanceSession,
    Handover,
    HoursEntry,
)
from meedoen.engagements.services import credits
from meedoen.matching.models import MatchProposal
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import Enrolment

ROUTES = [
    "Bel Petra Visser (coördinator), 0570-123456, op werkdagen van 9 tot 17 uur.",
    "Mail de coördinator via de app; bij spoed bel 0570-123456.",
]


def load(municipality, organisations, accounts) -> int:
    """Idempotent: nothing is added when the municipality already has assignments."""
    if Assignment.objects.filter(organisation__municipality=municipality).exists():
        return 0
    rng = random.Random(6)
    now = timezone.now()
    today = timezone.localdate()
    centre = organisations["centre"]
    centre.allowance_per_hour = Decimal("2.50")
    centre.save(update_fields=["allowance_per_hour"])
    coordinator = accounts["demo-coordinator"]
    made = []
    requests = list(
        HelpRequest.objects.filter(municipality=municipality, status__in=["active", "closed"])
        .select_related("organisation")
        .prefetch_related("activities")
        .order_by("created_at")
    )
    by_organisation: dict[int, list] = {}
    for enrolment in Enrolment.objects.filter(
        organisation__municipality=municipality, status="active"
    ).select_related("profile__user"):
        by_organisation.setdefault(enrolment.organisation_id, []).append(enrolment.profile)
    demo_profile = accounts["demo-volunteer"].volunteer_profile
    demo_done = False
    for help_request in requests:
        activities = list(help_request.activities.all())
        pool = by_organisation.get(help_request.organisation_id, [])
        if not activities or not pool:
            continue
        if (
            not demo_done
            and help_request.organisation_id == centre.pk
            and help_request.status == "active"
        ):
            profile, demo_done = demo_profile, True
        else:
            profile = rng.choice(pool)
        started = max(
            (help_request.status_changed_at - timedelta(days=1)).date(),
            today - timedelta(days=rng.randint(20, 120)),
        )
        proposal = MatchProposal.objects.create(
            help_request=help_request,
            profile=profile,
            status=MatchProposal.Status.ACCEPTED,
            proposed_by=coordinator,
            answered_at=now - (today - started),
        )
        ended = help_request.status == "closed"
        assignment = Assignment.objects.create(
            help_request=help_request,
            profile=profile,
            organisation=help_request.organisation,
            proposal=proposal,
            frequency=rng.choice(["weekly", "weekly", "fortnightly", "as_needed"]),
            starts_on=started,
            contact_route=rng.choice(ROUTES),
            created_by=coordinator,
            status="ended" if ended else "active",
            ended_at=now - timedelta(days=2) if ended else None,
            end_reason="completed" if ended else "",
            volunteer_evaluation="Fijne gesprekken; ik heb veel geleerd." if ended else "",
            person_evaluation="Heel blij mee geweest." if ended else "",
        )
        assignment.tasks.set(activities)
        made.append(assignment)
        _hours(rng, assignment, coordinator, today, demo=profile == demo_profile)
        if not ended:
            due = started + timedelta(weeks=help_request.organisation.check_in_after_weeks)
            CheckIn.objects.bulk_create(
                [CheckIn(assignment=assignment, party=party, due_on=due) for party in CheckIn.Party]
            )
    active = sorted((a for a in made if a.is_active), key=lambda a: a.profile_id != demo_profile.pk)
    _concerns(rng, active, accounts, now)
    _handover(active, organisations, coordinator)
    _guidance(municipality, accounts, today)
    return len(made)


def _hours(rng, assignment, coordinator, today, *, demo: bool) -> None:
    day = assignment.starts_on
    entries = []
    while day <= today - timedelta(days=3) and len(entries) < 12:
        entries.append(
            HoursEntry(
                assignment=assignment,
                date=day,
                hours=Decimal(rng.choice(["1", "1.5", "2", "2", "3"])),
                expenses=Decimal(rng.choice(["0", "0", "0", "4.20"])),
            )
        )
        day += timedelta(days=rng.choice([6, 7, 8, 14]))
    if demo:
        entries.append(
            HoursEntry(assignment=assignment, date=today - timedelta(days=1), hours=Decimal("2"))
        )
    for position, entry in enumerate(entries):
        recent = position >= len(entries) - 2
        if recent and assignment.is_active:
            entry.save()  # waiting for the coordinator
            continue
        entry.status = HoursEntry.Status.APPROVED
        entry.allowance = (entry.hours * assignment.organisation.allowance_per_hour).quantize(
            Decimal("0.01")
        )
        entry.decided_by = coordinator
        entry.decided_at = timezone.now()
        entry.save()
        credits.earn(entry, coordinator)


def _concerns(rng, active, accounts, now) -> None:
    if len(active) < 3:
        return
    volunteer_of = {a.pk: a.profile.user for a in active}
    first, second, third = active[0], active[1], active[2]
    resolved = Concern.objects.create(
        help_request=first.help_request,
        assignment=first,
        organisation=first.organisation,
        raised_by=volunteer_of[first.pk],
        category="loneliness",
        description="Ze vertelt dat ze in het weekend niemand ziet.",
        status="resolved",
        answer_by=now - timedelta(days=6),
        acknowledged_by=accounts["demo-coordinator"],
        acknowledged_at=now - timedelta(days=7),
        resolved_at=now - timedelta(days=5),
        outcome="Aangemeld bij de zondagsoos van het buurthuis; buurvrouw haalt haar op.",
        reply="Er is een activiteit op zondag gevonden. Dank je wel voor je oplettendheid!",
        created_at=now - timedelta(days=8),
    )
    for kind, days in (("raised", 8), ("acknowledged", 7), ("resolved", 5)):
        ConcernEvent.objects.create(
            concern=resolved,
            kind=kind,
            level=0,
            actor=None if kind == "raised" else accounts["demo-coordinator"],
            at=now - timedelta(days=days),
        )
    escalated = Concern.objects.create(
        help_request=second.help_request,
        assignment=second,
        organisation=second.organisation,
        raised_by=volunteer_of[second.pk],
        category="carer",
        urgency="urgent",
        description="De dochter zegt dat ze het niet meer volhoudt; ze slaapt slecht.",
        level=1,
        answer_by=now + timedelta(hours=2),
        created_at=now - timedelta(hours=6),
    )
    ConcernEvent.objects.create(concern=escalated, kind="raised", level=0, at=escalated.created_at)
    ConcernEvent.objects.create(
        concern=escalated,
        kind="escalated",
        level=1,
        note="Niet op tijd bevestigd.",
        at=now - timedelta(hours=2),
    )
    fresh = Concern.objects.create(
        help_request=third.help_request,
        assignment=third,
        organisation=third.organisation,
        raised_by=volunteer_of[third.pk],
        category="health",
        description="Hij is de laatste weken erg vergeetachtig en vergat twee keer de afspraak.",
        answer_by=now + timedelta(hours=40),
        created_at=now - timedelta(hours=8),
    )
    ConcernEvent.objects.create(concern=fresh, kind="raised", level=0, at=fresh.created_at)


def _handover(active, organisations, coordinator) -> None:
    if len(active) < 4:
        return
    assignment = active[3]
    Handover.objects.create(
        help_request=assignment.help_request,
        assignment=assignment,
        direction="to_professionals",
        from_organisation=assignment.organisation,
        to_organisation=organisations["homecare"],
        part="Hulp bij douchen en aankleden",
        note=(
            "Mevrouw redt het douchen niet meer alleen; de vrijwilliger bezoekt haar wekelijks "
            "en blijft dat doen. Dochter is mantelzorger en graag betrokken."
        ),
        after="continue",
        created_by=coordinator,
    )


def _guidance(municipality, accounts, today) -> None:
    guided = (
        Enrolment.objects.filter(organisation__municipality=municipality)
        .exclude(sponsor_kind="")
        .select_related("organisation")[:6]
    )
    for number, enrolment in enumerate(guided):
        guide = enrolment.guide or accounts["demo-coordinator"]
        for week in range(1 + number % 3):
            GuidanceSession.objects.create(
                enrolment=enrolment,
                guide=guide,
                date=today - timedelta(weeks=week * 2 + 1),
                hours=Decimal("1"),
                topic=["Kennismaking en leerdoelen", "Voortgang besproken", "Evaluatie"][week],
            )
