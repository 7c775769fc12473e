"""Facts for the matching rules, read from the database in a few queries."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from meedoen.catalogue.policy import CareLevel
from meedoen.matching import rules
from meedoen.organisations.models import Network
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Enrolment, VolunteerProfile

#: Volunteers help with at most this many requests at once.
MAX_CONCURRENT = 3
#: How far (in degrees latitude, ~ 111 km each) a first, cheap filter looks around a request.
SEARCH_BOX_DEGREES = 0.25

#: Activities that need a skill of the volunteer.
ACTIVITY_SKILLS = {"transport": "driving"}


def organisation_ids_for(help_request) -> frozenset[int]:
    return organisation_ids_for_organisation(help_request.organisation)


def organisation_ids_for_organisation(organisation) -> frozenset[int]:
    """The organisation, and for a central desk the members of its network."""
    if organisation is None:
        return frozenset()
    ids = {organisation.pk}
    if organisation.is_central_desk:
        ids |= set(
            Network.members.through.objects.filter(network__desk=organisation).values_list(
                "organisation_id", flat=True
            )
        )
    return frozenset(ids)


def request_facts(help_request) -> rules.Request:
    organisation = help_request.organisation
    activities = tuple(
        rules.Activity(a.code, a.name, CareLevel(a.care_level))
        for a in help_request.activities.all()
    )
    vulnerable = help_request.self_reliance is None or help_request.self_reliance <= 3
    return rules.Request(
        id=help_request.pk,
        organisation_ids=organisation_ids_for(help_request),
        policy=organisation.boundary_policy,
        activities=activities,
        self_reliance=help_request.self_reliance,
        has_responsible_professional=help_request.responsible_professional_id is not None,
        needs_vog=bool(organisation.vog_required and vulnerable),
        required_skills=frozenset(
            ACTIVITY_SKILLS[a.code] for a in activities if a.code in ACTIVITY_SKILLS
        ),
        availability=help_request.availability,
        latitude=float(help_request.area.latitude),
        longitude=float(help_request.area.longitude),
        languages=frozenset(c.strip() for c in help_request.languages.split(",") if c.strip()),
        waiting_days=(timezone.now() - help_request.created_at).days,
        urgent=help_request.urgency == "high",
        person=help_request.requester_id,
    )


def candidates(facts: rules.Request) -> list[rules.Volunteer]:
    """Active volunteers of the eligible organisations, near enough and free at a shared time."""
    enrolments = Enrolment.objects.filter(
        organisation_id__in=facts.organisation_ids, status=lifecycle.ACTIVE
    )
    profiles = (
        VolunteerProfile.objects.filter(pk__in=enrolments.values("profile_id"))
        .annotate(shared=F("availability").bitand(facts.availability))
        .filter(shared__gt=0)
        .filter(
            area__latitude__gte=facts.latitude - SEARCH_BOX_DEGREES,
            area__latitude__lte=facts.latitude + SEARCH_BOX_DEGREES,
            area__longitude__gte=facts.longitude - 2 * SEARCH_BOX_DEGREES,
            area__longitude__lte=facts.longitude + 2 * SEARCH_BOX_DEGREES,
        )
        .select_related("area")
        .prefetch_related("skills", "motives", "activities")
    )
    return volunteer_facts(profiles)


def volunteer_fact(profile_id: int) -> rules.Volunteer | None:
    profiles = (
        VolunteerProfile.objects.filter(pk=profile_id)
        .select_related("area")
        .prefetch_related("skills", "motives", "activities")
    )
    found = volunteer_facts(profiles)
    return found[0] if found else None


def volunteer_facts(profiles) -> list[rules.Volunteer]:
    profiles = list(profiles)
    organisations = {}
    for enrolment in Enrolment.objects.filter(
        profile__in=[p.pk for p in profiles], status=lifecycle.ACTIVE
    ).select_related("organisation"):
        organisations.setdefault(enrolment.profile_id, []).append(enrolment.organisation)
    today = timezone.localdate()
    result = []
    for profile in profiles:
        own = organisations.get(profile.pk, [])
        renewal = min([o.vog_renewal_years for o in own] or [3])
        result.append(
            rules.Volunteer(
                id=profile.pk,
                organisation_ids=frozenset(o.pk for o in own),
                skills=frozenset(s.code for s in profile.skills.all()),
                wants=frozenset(a.code for a in profile.activities.all()),
                motives=frozenset(m.code for m in profile.motives.all()),
                availability=profile.availability,
                latitude=float(profile.area.latitude),
                longitude=float(profile.area.longitude),
                travel_km=float(profile.travel_km),
                languages=frozenset(profile.language_list),
                hours_left=float(profile.max_hours_per_week),
                assignments_left=MAX_CONCURRENT,
                vog_valid=lifecycle.vog_status(profile.vog_issued_on, today, renewal) == "valid",
            )
        )
    return result


def suggestions(help_request, limit: int = 10):
    facts = request_facts(help_request)
    pool = candidates(facts)
    weights = weights_for(help_request.organisation)
    names = dict(
        VolunteerProfile.objects.filter(pk__in=[v.id for v in pool]).values_list(
            "pk", "user__first_name"
        )
    )
    return [
        (volunteer, verdict, names.get(volunteer.id, ""))
        for volunteer, verdict in rules.suggest(pool, facts, weights, limit=limit)
    ]


def explain(help_request, profile_id: int):
    volunteer = volunteer_fact(profile_id)
    if volunteer is None:
        return None
    return rules.judge(
        volunteer, request_facts(help_request), weights_for(help_request.organisation)
    )


def weights_for(organisation) -> rules.Weights:
    """The organisation's weights over the defaults; unknown or invalid entries are ignored."""
    chosen = {
        key: float(value)
        for key, value in (getattr(organisation, "matching_weights", None) or {}).items()
        if key in rules.COMPONENTS and isinstance(value, int | float) and 0 <= value <= 100
    }
    return rules.Weights(**{**rules.DEFAULT_WEIGHTS.as_dict(), **chosen})
