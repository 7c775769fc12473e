"""Facts for the matching rules, read from the database in a few queries."""

from __future__ import annotations

import math
from datetime import timedelta

from django.core.cache import cache
from django.db.models import CharField, F, Q, Value
from django.utils import timezone

from meedoen.catalogue.policy import CareLevel
from meedoen.matching import rules
from meedoen.organisations.models import Area, Network
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Enrolment, VolunteerProfile

#: Volunteers help with at most this many requests at once.
MAX_CONCURRENT = 3
AREA_CACHE_KEY = "meedoen:matching:area-centres"
#: Nobody travels further than this to help (the registration form's limit).
MAX_TRAVEL_KM = 100

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


def area_centres() -> list[tuple[int, float, float]]:
    """Every area's centre; areas change rarely, so the list is kept for a minute."""
    centres = cache.get(AREA_CACHE_KEY)
    if centres is None:
        centres = [
            (pk, float(latitude), float(longitude))
            for pk, latitude, longitude in Area.objects.values_list("pk", "latitude", "longitude")
        ]
        cache.set(AREA_CACHE_KEY, centres, 60)
    return centres


def reach_condition(facts: rules.Request) -> Q:
    """Volunteers whose travel distance reaches the request from their home area.

    Travel distances are whole kilometres, so "travels at least the distance" is "travels at
    least the distance rounded up": one condition per distinct rounded distance, exact.
    """
    bands: dict[int, list[int]] = {}
    for area_id, latitude, longitude in area_centres():
        km = rules.distance_km(facts.latitude, facts.longitude, float(latitude), float(longitude))
        if km <= MAX_TRAVEL_KM:
            bands.setdefault(math.ceil(km - 1e-9), []).append(area_id)
    condition = Q(pk__in=[])
    for km, area_ids in bands.items():
        condition |= Q(profile__area_id__in=area_ids, profile__travel_km__gte=km)
    return condition


PROFILE_FIELDS = (
    "pk",
    "user__first_name",
    "availability",
    "travel_km",
    "languages",
    "max_hours_per_week",
    "vog_issued_on",
    "area__latitude",
    "area__longitude",
)


def candidates(facts: rules.Request, names: dict[int, str] | None = None) -> list[rules.Volunteer]:
    """Active volunteers of the eligible organisations who share a part of the week and can
    reach the request: one indexed query for them; the rules decide the rest."""
    rows = (
        Enrolment.objects.filter(
            organisation_id__in=facts.organisation_ids, status=lifecycle.ACTIVE
        )
        .annotate(shared=F("profile__availability").bitand(facts.availability))
        .filter(reach_condition(facts), shared__gt=0)
        .order_by()
        .values_list(
            *(f"profile__{field}" if field != "pk" else "profile_id" for field in PROFILE_FIELDS)
        )
    )
    unique = {row[0]: dict(zip(PROFILE_FIELDS, row, strict=True)) for row in rows}
    return volunteer_facts(list(unique.values()), names)


def volunteer_fact(profile_id: int) -> rules.Volunteer | None:
    rows = list(VolunteerProfile.objects.filter(pk=profile_id).order_by().values(*PROFILE_FIELDS))
    found = volunteer_facts(rows)
    return found[0] if found else None


def _all_codes(ids):
    """Skills, wanted activities and motives of these volunteers, in one round trip."""
    parts = [
        through.objects.filter(volunteerprofile_id__in=ids)
        .annotate(kind=Value(kind, output_field=CharField()))
        .values_list("kind", "volunteerprofile_id", f"{field}__code")
        for kind, through, field in (
            ("s", VolunteerProfile.skills.through, "skill"),
            ("a", VolunteerProfile.activities.through, "activity"),
            ("m", VolunteerProfile.motives.through, "motive"),
        )
    ]
    grouped: dict[str, dict[int, set[str]]] = {"s": {}, "a": {}, "m": {}}
    for kind, profile_id, code in parts[0].union(*parts[1:], all=True):
        grouped[kind].setdefault(profile_id, set()).add(code)
    return grouped["s"], grouped["a"], grouped["m"]


#: Matches in this period count towards a volunteer's load.
LOAD_PERIOD_DAYS = 90


def _history(ids):
    """Whom each volunteer helped (for continuity) and how often lately (to spread the load)."""
    from meedoen.matching.models import MatchProposal

    since = timezone.now() - timedelta(days=LOAD_PERIOD_DAYS)
    helped: dict[int, set[int]] = {}
    load: dict[int, int] = {}
    for profile_id, person, created_at in MatchProposal.objects.filter(
        profile_id__in=ids, status=MatchProposal.Status.ACCEPTED
    ).values_list("profile_id", "help_request__requester_id", "created_at"):
        if person is not None:
            helped.setdefault(profile_id, set()).add(person)
        if created_at >= since:
            load[profile_id] = load.get(profile_id, 0) + 1
    return helped, load


def volunteer_facts(rows: list[dict], names: dict[int, str] | None = None) -> list[rules.Volunteer]:
    """The rules' view of these volunteers (rows of PROFILE_FIELDS), in two more queries
    whatever their number; their first names go into `names` when given."""
    ids = [row["pk"] for row in rows]
    if not ids:
        return []
    organisations: dict[int, list[tuple[int, int]]] = {}
    for profile_id, organisation_id, renewal in Enrolment.objects.filter(
        profile_id__in=ids, status=lifecycle.ACTIVE
    ).values_list("profile_id", "organisation_id", "organisation__vog_renewal_years"):
        organisations.setdefault(profile_id, []).append((organisation_id, renewal))
    skills, wants, motives = _all_codes(ids)
    helped, load = _history(ids)
    today = timezone.localdate()
    result = []
    for row in rows:
        if names is not None:
            names[row["pk"]] = row["user__first_name"]
        own = organisations.get(row["pk"], [])
        renewal = min([years for _org, years in own] or [3])
        result.append(
            rules.Volunteer(
                id=row["pk"],
                organisation_ids=frozenset(org for org, _years in own),
                skills=frozenset(skills.get(row["pk"], ())),
                wants=frozenset(wants.get(row["pk"], ())),
                motives=frozenset(motives.get(row["pk"], ())),
                availability=row["availability"],
                latitude=float(row["area__latitude"]),
                longitude=float(row["area__longitude"]),
                travel_km=float(row["travel_km"]),
                languages=frozenset(c.strip() for c in row["languages"].split(",") if c.strip()),
                hours_left=float(row["max_hours_per_week"]),
                assignments_left=MAX_CONCURRENT,
                vog_valid=lifecycle.vog_status(row["vog_issued_on"], today, renewal) == "valid",
                helped=frozenset(helped.get(row["pk"], ())),
                recent_load=load.get(row["pk"], 0),
            )
        )
    return result


def suggestions(help_request, limit: int = 10):
    facts = request_facts(help_request)
    names: dict[int, str] = {}
    pool = candidates(facts, names)
    weights = weights_for(help_request.organisation)
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
