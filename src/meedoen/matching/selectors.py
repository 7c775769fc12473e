"""Facts for the matching rules, read from the database in a few queries."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from meedoen.catalogue.policy import CareLevel
from meedoen.matching import rules
from meedoen.organisations.models import Area, Network
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Enrolment, VolunteerProfile

#: Volunteers help with at most this many requests at once.
MAX_CONCURRENT = 3
AREA_CACHE_KEY = "meedoen:matching:area-centres"
TRAVEL_VERSION_KEY = "meedoen:matching:travel-version"

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


def travel_distances(organisation_ids: frozenset[int]) -> list[int]:
    """The distinct travel distances of these organisations' active volunteers (cached until a
    volunteer or enrolment changes, a minute at most)."""
    version = cache.get_or_set(TRAVEL_VERSION_KEY, 1, None)
    key = f"meedoen:matching:travel:{version}:{','.join(map(str, sorted(organisation_ids)))}"
    found = cache.get(key)
    if found is None:
        found = sorted(
            Enrolment.objects.filter(organisation_id__in=organisation_ids, status=lifecycle.ACTIVE)
            .order_by()
            .values_list("profile__travel_km", flat=True)
            .distinct()
        )
        cache.set(key, found, 60)
    return found


def forget_travel_distances() -> None:
    try:
        cache.incr(TRAVEL_VERSION_KEY)
    except ValueError:
        cache.set(TRAVEL_VERSION_KEY, 1, None)


def reach_condition(facts: rules.Request) -> Q:
    """Volunteers whose travel distance reaches the request from their home area, exactly:
    for each travel distance in use, the areas whose centre lies within it."""
    distances = [
        (area_id, rules.distance_km(facts.latitude, facts.longitude, latitude, longitude))
        for area_id, latitude, longitude in area_centres()
    ]
    condition = Q(pk__in=[])
    for travel in travel_distances(facts.organisation_ids):
        reachable = [area_id for area_id, km in distances if km <= travel]
        if reachable:
            condition |= Q(profile__travel_km=travel, profile__area_id__in=reachable)
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


#: Matches in this period count towards a volunteer's load.
LOAD_PERIOD_DAYS = 90


def _part(kind, queryset, profile, value):
    text = CharField()
    return (
        queryset.annotate(kind=Value(kind, output_field=text), value=Cast(value, text))
        .order_by()
        .values_list("kind", profile, "value")
    )


def _related(ids) -> dict[str, dict[int, list[str]]]:
    """Everything else the rules need about these volunteers, in one round trip: skills (s),
    wanted activities (a), motives (m), active organisations with their VOG renewal period
    (o, "org:years"), whom they helped before (h) and their matches lately (l)."""
    from meedoen.matching.models import MatchProposal

    accepted = MatchProposal.objects.filter(
        profile_id__in=ids, status=MatchProposal.Status.ACCEPTED
    )
    since = timezone.now() - timedelta(days=LOAD_PERIOD_DAYS)
    through = VolunteerProfile
    parts = [
        _part(
            "s",
            through.skills.through.objects.filter(volunteerprofile_id__in=ids),
            "volunteerprofile_id",
            F("skill__code"),
        ),
        _part(
            "a",
            through.activities.through.objects.filter(volunteerprofile_id__in=ids),
            "volunteerprofile_id",
            F("activity__code"),
        ),
        _part(
            "m",
            through.motives.through.objects.filter(volunteerprofile_id__in=ids),
            "volunteerprofile_id",
            F("motive__code"),
        ),
        _part(
            "o",
            Enrolment.objects.filter(profile_id__in=ids, status=lifecycle.ACTIVE),
            "profile_id",
            Concat(
                Cast("organisation_id", CharField()),
                Value(":"),
                Cast("organisation__vog_renewal_years", CharField()),
                output_field=CharField(),
            ),
        ),
        _part(
            "h",
            accepted.filter(help_request__requester_id__isnull=False),
            "profile_id",
            F("help_request__requester_id"),
        ),
        _part("l", accepted.filter(created_at__gte=since), "profile_id", Value("1")),
    ]
    grouped: dict[str, dict[int, list[str]]] = {kind: {} for kind in "samohl"}
    for kind, profile_id, value in parts[0].union(*parts[1:], all=True):
        grouped[kind].setdefault(profile_id, []).append(value)
    return grouped


def volunteer_facts(rows: list[dict], names: dict[int, str] | None = None) -> list[rules.Volunteer]:
    """The rules' view of these volunteers (rows of PROFILE_FIELDS), in one more query
    whatever their number; their first names go into `names` when given."""
    ids = [row["pk"] for row in rows]
    if not ids:
        return []
    related = _related(ids)
    today = timezone.localdate()
    result = []
    for row in rows:
        if names is not None:
            names[row["pk"]] = row["user__first_name"]
        pk = row["pk"]
        own = [tuple(int(n) for n in value.split(":")) for value in related["o"].get(pk, [])]
        renewal = min([years for _org, years in own] or [3])
        result.append(
            rules.Volunteer(
                id=row["pk"],
                organisation_ids=frozenset(org for org, _years in own),
                skills=frozenset(related["s"].get(pk, ())),
                wants=frozenset(related["a"].get(pk, ())),
                motives=frozenset(related["m"].get(pk, ())),
                availability=row["availability"],
                latitude=float(row["area__latitude"]),
                longitude=float(row["area__longitude"]),
                travel_km=float(row["travel_km"]),
                languages=frozenset(c.strip() for c in row["languages"].split(",") if c.strip()),
                hours_left=float(row["max_hours_per_week"]),
                assignments_left=MAX_CONCURRENT,
                vog_valid=lifecycle.vog_status(row["vog_issued_on"], today, renewal) == "valid",
                helped=frozenset(int(person) for person in related["h"].get(pk, ())),
                recent_load=len(related["l"].get(pk, ())),
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
