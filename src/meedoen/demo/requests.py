"""Demo help requests, in every state of the workflow, each brought there by the steps the
people involved take: citizens and carers ask through the public form (the central desk
routes them), professionals refer clients, coordinators register requests that came in by
telephone, do the intake, split off formal care, and match volunteers."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meedoen import availability
from meedoen.demo import clock, engagement
from meedoen.demo.world import (
    FIRST_NAMES,
    LANGUAGE_SETS,
    NETWORK_MEMBERS,
    REQUESTS,
    STATUS_WEIGHTS,
    VOLUNTEER_ORGANISATIONS,
    World,
)
from meedoen.matching import rules
from meedoen.matching import selectors as facts
from meedoen.requests import services, workflow
from meedoen.requests.models import HelpRequest
from meedoen.volunteers.models import VolunteerProfile

#: The first requests belong to the demo accounts, in states they can follow.
FIRST = {
    0: "in_intake",
    1: "active",
    2: "ready",
    3: "in_intake",
    4: "ready",
    5: "matched",
    6: "submitted",
    7: "routed",
}
AT_THE_DESK = ("submitted", "routed", "returned")
WITH_A_VOLUNTEER = ("matched", "active", "closed")


class Plan:
    """What one request will be: who asks, where it goes and where it ends up."""

    def __init__(self, number: int, world: World, rng):
        self.number = number
        self.status = (
            FIRST.get(number) or rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        )
        self.source = rng.choice(["citizen", "carer", "professional", "professional"])
        self.requester = None
        if number < 2:
            self.source, self.requester = "citizen", world.people["demo-citizen"]
        elif number == 2:
            self.source, self.requester = "carer", world.people["demo-carer"]
        elif number < 6:
            self.source = "professional"
        if self.status in AT_THE_DESK and self.source == "professional":
            self.source = rng.choice(["citizen", "carer"])  # they come in at the desk
        if self.status in ("submitted", "returned"):
            self.key = "desk"
        elif self.status == "routed":
            self.key = rng.choice(NETWORK_MEMBERS)
        elif number == 0 or (number >= 6 and rng.random() < 0.35):
            self.key = "centre"
        else:
            self.key = rng.choice(list(VOLUNTEER_ORGANISATIONS))
        if number in (1, 5, 7):
            # the demo volunteer and coordinator follow these; the desk routed number 7 to
            # the centre, whose coordinator accepts it and names the professional in charge
            self.key = "centre"
        if self.status == "referred" and self.key == "nursing":
            self.key = "centre"  # the nursing home lets trained volunteers do personal care
        self.self_reliance = rng.choice([2, 3, 3, 4, 4, 5])
        self.activities = rng.sample(world.welfare, rng.randint(1, 2))
        self.mixed = self.status == "in_intake" and (number == 3 or rng.random() < 0.2)
        if self.mixed:
            self.activities.append(rng.choice(world.formal))
        if self.status == "referred":  # only formal care asked: referred whole
            self.activities = [rng.choice(world.formal)]
        self.area = rng.choice(list(world.areas.values()))
        self.availability = availability.to_mask(rng.sample(availability.SLOTS, rng.randint(2, 6)))
        self.languages = rng.choice(LANGUAGE_SETS)
        self.first_name = rng.choice(FIRST_NAMES)
        self.requester_name = rng.choice(FIRST_NAMES) if self.source == "carer" else ""
        self.phone = f"06{rng.randint(0, 10**8):08d}"
        self.urgency = "high" if rng.random() < 0.15 else "normal"
        self.age = timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 23))
        self.volunteer: VolunteerProfile | None = None
        self.rng = rng

    def data(self, world: World) -> dict:
        return {
            "area": self.area,
            "source": self.source,
            "first_name": self.first_name,
            "contact_phone": self.phone,
            "requester_name": self.requester_name,
            "availability": self.availability,
            "languages": self.languages,
            "urgency": self.urgency,
            **({"requester": self.requester} if self.requester else {}),
        }


def _ask(plan: Plan, world: World) -> HelpRequest:
    """The way in: the public form (to the desk), a referral, or the coordinator's phone."""
    organisation = world.organisations[plan.key]
    if plan.source == "professional":
        professional = world.people[
            "demo-professional" if plan.number < 12 else "professional-mental"
        ]
        data = {**plan.data(world), "self_reliance": plan.self_reliance, "referral_consent": True}
        data.pop("source")
        return services.refer_client(
            professional=professional,
            data=data,
            activities=plan.activities,
            organisation=organisation,
            takes_responsibility=plan.self_reliance <= 2,
            language="nl",
        )
    if plan.key in ("desk", *NETWORK_MEMBERS):
        return services.submit_public(
            data=plan.data(world),
            activities=plan.activities,
            address=f"10.99.{plan.number // 250}.{plan.number % 250}",
            language="nl",
        ).help_request
    data = plan.data(world)
    data.pop("source")
    return services.register_by_coordinator(
        coordinator=world.handler(plan.key),
        data=data,
        activities=plan.activities,
        organisation=organisation,
        source=plan.source,
        language="nl",
    )


def _volunteer_for(plan: Plan, world: World, pools, used) -> VolunteerProfile | None:
    """A volunteer of the organisation who fits; the request is shaped to where they live."""
    if plan.number == 1:
        return VolunteerProfile.objects.get(user=world.people["demo-volunteer"])
    for profile in pools.get(plan.key, []):
        if used.get(profile.pk, 0) >= 2 or profile.max_hours_per_week < 2:
            continue
        return profile
    return None


def _fits(help_request: HelpRequest, profile: VolunteerProfile) -> bool:
    volunteer = facts.volunteer_fact(profile.pk)
    return (
        volunteer is not None and rules.judge(volunteer, facts.request_facts(help_request)).feasible
    )


def _pools(world: World) -> dict[str, list[VolunteerProfile]]:
    pools: dict[str, list[VolunteerProfile]] = {}
    for key, organisation in world.organisations.items():
        pools[key] = list(
            VolunteerProfile.objects.filter(
                enrolments__organisation=organisation, enrolments__status="active"
            )
            .exclude(user__username__in=["demo-volunteer", "demo-peer"])
            .order_by("pk")
        )
    return pools


def load(world: World, rng) -> tuple[int, int]:
    existing = HelpRequest.objects.filter(municipality=world.municipality).count()
    if existing >= REQUESTS:
        return 0, 0
    pools, used = _pools(world), {}
    desk = world.people["demo-desk"]
    made_assignments = 0
    now = timezone.now()
    for number in range(existing, REQUESTS):
        plan = Plan(number, world, rng)
        if plan.status in WITH_A_VOLUNTEER:
            plan.volunteer = _volunteer_for(plan, world, pools, used)
            if plan.volunteer is None:
                plan.status = "ready"
            else:
                used[plan.volunteer.pk] = used.get(plan.volunteer.pk, 0) + 1
                plan.area = plan.volunteer.area
                plan.availability = plan.volunteer.availability
                plan.languages = "nl"
                plan.self_reliance = max(plan.self_reliance, 3)
        help_request = _ask(plan, world)
        pk = help_request.pk
        handler = world.handler(plan.key) if plan.key != "desk" else desk
        if plan.key != "desk" and help_request.organisation_id != world.organisations[plan.key].pk:
            services.route(pk, world.organisations[plan.key], desk)
            if plan.status == "routed":
                clock.request_history(help_request, now - plan.age, now - plan.age / 3)
                continue
            services.take_step(pk, "accept", handler)
        if plan.status == "returned":
            member = world.organisations[rng.choice(NETWORK_MEMBERS)]
            services.route(pk, member, desk)
            coordinator = world.handler(world.key_of(member.pk))
            services.take_step(pk, "return", coordinator, "Geen vrijwilliger beschikbaar")
        elif plan.status == "withdrawn":
            _withdraw(plan, help_request, handler)
        elif plan.status != "submitted":
            made_assignments += _handle(plan, help_request, world, handler)
        clock.request_history(help_request, now - plan.age, now - timedelta(hours=1))
    return REQUESTS - existing, made_assignments


def _withdraw(plan: Plan, help_request: HelpRequest, handler) -> None:
    """The person who asked withdraws: signed in, by the private link, or through the
    professional who referred them; a request taken by telephone is withdrawn by its handler."""
    pk = help_request.pk
    if plan.requester is not None:
        services.take_step(pk, "withdraw", plan.requester)
    elif help_request.referred_by is not None:
        services.take_step(pk, "withdraw", help_request.referred_by)
    elif help_request.access_token_hash:
        services.take_step(pk, "withdraw", None, by_requester_link=True)
    else:
        services.take_step(pk, "withdraw", handler, "De buurvrouw helpt al")


def _handle(plan: Plan, help_request: HelpRequest, world: World, handler) -> int:
    """The handling organisation's coordinator: intake, then on to the planned state."""
    pk = help_request.pk
    help_request.refresh_from_db()
    if help_request.status == workflow.SUBMITTED:
        services.take_step(pk, "start_intake", handler)
    if plan.status == "declined":
        services.take_step(pk, "decline", handler, "Past niet bij ons aanbod")
        return 0
    services.classify(
        pk,
        handler,
        activities=plan.activities,
        fields={
            "self_reliance": plan.self_reliance,
            "responsible_professional": (
                world.people["demo-professional"] if plan.self_reliance <= 2 else None
            ),
        },
    )
    if plan.status == "referred":
        services.split_and_refer(
            pk,
            handler,
            organisation=world.organisations["homecare"],
            note="Alleen persoonlijke verzorging gevraagd",
        )
        return 0
    if plan.status == "in_intake":
        return 0
    services.take_step(pk, "ready", handler)
    if plan.status == "ready":
        return 0
    help_request.refresh_from_db()
    if plan.volunteer is None or not _fits(help_request, plan.volunteer):
        return 0  # nobody fits: it waits for matching
    return engagement.match_and_agree(help_request, plan.volunteer, handler, plan.status, plan.rng)
