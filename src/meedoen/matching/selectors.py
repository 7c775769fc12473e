"""Facts for the matching rules, read from the database in a few queries."""

from __future__ import annotations

import functools
import json
import time
from datetime import date, timedelta
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from meedoen.catalogue.policy import CareLevel
from meedoen.matching import rules, vectorised
from meedoen.organisations.models import Area, Network
from meedoen.volunteers import lifecycle
from meedoen.volunteers.models import Enrolment, VolunteerProfile

#: Volunteers help with at most this many requests at once.
MAX_CONCURRENT = 3
AREA_CACHE_KEY = "meedoen:matching:area-centres"
POOL_VERSION_KEY = "meedoen:matching:pool-version"

#: Activities that need a skill of the volunteer.
ACTIVITY_SKILLS = {"transport": "driving"}


def organisation_ids_for(help_request) -> frozenset[int]:
    return organisation_ids_for_organisation(help_request.organisation)


def organisation_ids_for_organisation(organisation) -> frozenset[int]:
    """The organisation, and for a central desk the members of its network."""
    return Network.served_ids(organisation)


def request_facts(help_request) -> rules.Request:
    activities = tuple(
        rules.Activity(a.code, a.name, CareLevel(a.care_level))
        for a in help_request.activities.all()
    )
    return request_fact(
        *[getattr(help_request, name) for name in REQUEST_FIELDS[:-2]],
        float(help_request.area.latitude),
        float(help_request.area.longitude),
        policy=help_request.organisation.boundary_policy,
        vog_required=help_request.organisation.vog_required,
        organisation_ids=organisation_ids_for(help_request),
        activities=activities,
        now=timezone.now(),
    )


#: What the rules read of a request, in the order `request_fact` takes them.
REQUEST_FIELDS = (
    "pk",
    "self_reliance",
    "responsible_professional_id",
    "availability",
    "languages",
    "created_at",
    "urgency",
    "requester_id",
    "area__latitude",
    "area__longitude",
)


def request_fact(
    pk,
    self_reliance,
    responsible_professional_id,
    week,
    languages,
    created_at,
    urgency,
    requester_id,
    latitude,
    longitude,
    *,
    policy,
    vog_required,
    organisation_ids,
    activities,
    now,
) -> rules.Request:
    """The rules' view of a request (the values of REQUEST_FIELDS), given its handling
    organisation's boundary policy and VOG rule, the organisations whose volunteers may help
    and its activities."""
    vulnerable = self_reliance is None or self_reliance <= 3
    return rules.Request(
        id=pk,
        organisation_ids=organisation_ids,
        policy=policy,
        activities=activities,
        self_reliance=self_reliance,
        has_responsible_professional=responsible_professional_id is not None,
        needs_vog=bool(vog_required and vulnerable),
        required_skills=_required_skills(activities),
        availability=week,
        latitude=float(latitude),
        longitude=float(longitude),
        languages=_codes(languages),
        waiting_days=(now - created_at).days,
        urgent=urgency == "high",
        person=requester_id,
    )


@functools.lru_cache(maxsize=1024)
def _codes(listed: str) -> frozenset[str]:
    """Language codes from "nl, en"."""
    return frozenset(c.strip() for c in listed.split(",") if c.strip())


@functools.lru_cache(maxsize=1024)
def _required_skills(activities: tuple[rules.Activity, ...]) -> frozenset[str]:
    return frozenset(ACTIVITY_SKILLS[a.code] for a in activities if a.code in ACTIVITY_SKILLS)


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


#: How long a process keeps a pool without a change signal: the signals cover every change
#: made through Meedoen in this process (and in every process when the cache is shared); this
#: bounds how long a change made elsewhere can stay unseen.
POOL_SECONDS = 600
_pools: dict[tuple[int, frozenset[int]], tuple[float, list[tuple[int, int, int, int]]]] = {}


def pool(organisation_ids: frozenset[int]) -> list[tuple[int, int, int, int]]:
    """The active volunteers of these organisations as (profile, home area, travel distance,
    week mask): enough to find who can reach a request and shares a part of the week. Kept in
    this process until a volunteer or an enrolment changes; the rules judge live rows, so a
    stale entry can hide a volunteer for a while but never make a suggestion wrong."""
    version = cache.get_or_set(POOL_VERSION_KEY, 1, None)
    key = (version, organisation_ids)
    now = time.monotonic()
    kept = _pools.get(key)
    if kept is not None and now - kept[0] < POOL_SECONDS:
        return kept[1]
    found = list(
        Enrolment.objects.filter(organisation_id__in=organisation_ids, status=lifecycle.ACTIVE)
        .order_by("profile_id")
        .distinct()
        .values_list(
            "profile_id", "profile__area_id", "profile__travel_km", "profile__availability"
        )
    )
    if len(_pools) >= 256:  # many networks: start again rather than grow
        _pools.clear()
    _pools[key] = (now, found)
    return found


def forget_pools() -> None:
    """A volunteer or an enrolment changed: every pool is read again when next asked for."""
    _pools.clear()
    try:
        cache.incr(POOL_VERSION_KEY)
    except ValueError:
        cache.set(POOL_VERSION_KEY, 1, None)


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


class Shown(NamedTuple):
    """What a page shows of a suggested volunteer, and what the audit log records of the read:
    their first name, their account and the municipality of their home area."""

    first_name: str
    user: int
    municipality: int


def candidates(
    facts: rules.Request, shown: dict[int, Shown] | None = None
) -> list[rules.Volunteer]:
    """Active volunteers of the eligible organisations who share a part of the week and can
    reach the request from their home area; the rules judge their live rows."""
    distance = {
        area_id: rules.distance_km(facts.latitude, facts.longitude, latitude, longitude)
        for area_id, latitude, longitude in area_centres()
    }
    far = float("inf")
    ids = [
        profile_id
        for profile_id, area_id, travel_km, week in pool(facts.organisation_ids)
        if week & facts.availability and distance.get(area_id, far) <= travel_km
    ]
    if not ids:
        return []
    return live_volunteers(ids, shown)


def live_volunteers(ids: list[int], shown: dict[int, Shown] | None = None) -> list[rules.Volunteer]:
    """The rules' view of these volunteers (who have a home area), their profiles read live
    with everything else `_related` reads, in one statement, in the order of their ids; their
    first names, accounts and municipalities go into `shown` when given."""
    ids = sorted(ids)
    related = _related(ids, profiles=True)
    rows, live = [], []
    for pk in ids:
        found = related["p"].get(pk)
        if found:  # else gone since its id was read
            first_name, week, travel, languages, hours, vog, lat, lon, user, municipality = (
                json.loads(found[0])
            )
            vog_issued_on = date.fromisoformat(vog) if vog else None
            rows.append((week, travel, languages, hours, vog_issued_on, lat, lon))
            live.append(pk)
            if shown is not None:
                shown[pk] = Shown(first_name, user, municipality)
    return _volunteers(rows, live, related)


def volunteer_fact(profile_id: int) -> rules.Volunteer | None:
    found = live_volunteers([profile_id])
    return found[0] if found else None


#: Matches in this period count towards a volunteer's load.
LOAD_PERIOD_DAYS = 90


#: Everything else the rules need about a set of volunteers, in one statement. Raw SQL, as
#: the ORM would bind one parameter per volunteer in each part; only table names from the
#: models' metadata are formatted in, every value is a parameter.
RELATED_SQL = """
SELECT 's', x.volunteerprofile_id, c.code FROM {skills} x JOIN {skill} c ON c.id = x.skill_id
 WHERE x.volunteerprofile_id {ids}
UNION ALL
SELECT 'a', x.volunteerprofile_id, c.code FROM {activities} x
  JOIN {activity} c ON c.id = x.activity_id
 WHERE x.volunteerprofile_id {ids}
UNION ALL
SELECT 'm', x.volunteerprofile_id, c.code FROM {motives} x JOIN {motive} c ON c.id = x.motive_id
 WHERE x.volunteerprofile_id {ids}
UNION ALL
SELECT 'o', e.profile_id,
       CAST(e.organisation_id AS VARCHAR(20)) || ':' || CAST(o.vog_renewal_years AS VARCHAR(20))
  FROM {enrolment} e JOIN {organisation} o ON o.id = e.organisation_id
 WHERE e.status = %(active)s AND e.profile_id {ids}
UNION ALL
SELECT 'h', p.profile_id, CAST(r.requester_id AS VARCHAR(20))
  FROM {proposal} p JOIN {request} r ON r.id = p.help_request_id
 WHERE p.status = %(accepted)s AND r.requester_id IS NOT NULL AND p.profile_id {ids}
UNION ALL
SELECT 'h', a.profile_id, CAST(r.requester_id AS VARCHAR(20))
  FROM {assignment} a JOIN {request} r ON r.id = a.help_request_id
 WHERE r.requester_id IS NOT NULL AND a.profile_id {ids}
UNION ALL
SELECT 'l', p.profile_id, '1' FROM {proposal} p
 WHERE p.status = %(accepted)s AND p.created_at >= %(since)s AND p.profile_id {ids}
UNION ALL
SELECT 'c', a.profile_id, '1' FROM {assignment} a
 WHERE a.status = %(assignment_active)s AND a.profile_id {ids}
"""


#: The live profile rows of these volunteers (PROFILE_FIELDS from the first name on, then their
#: account and the municipality of their home area) as JSON.
PROFILES_SQL = """
UNION ALL
SELECT 'p', p.id, {json_row}(u.first_name, p.availability, p.travel_km, p.languages,
       p.max_hours_per_week, p.vog_issued_on, a.latitude, a.longitude, u.id,
       a.municipality_id){as_text}
  FROM {profile} p JOIN {area} a ON a.id = p.area_id JOIN {user} u ON u.id = p.user_id
 WHERE p.id {ids}
"""


#: Everyone active at some organisations, for `_related` over a whole network.
ACTIVE_AT_SQL = """IN (SELECT e2.profile_id FROM {enrolment} e2
 WHERE e2.status = %(active)s AND e2.organisation_id {ids})"""


def assignment_model():
    """Assignments belong to engagements, a layer above matching: matching reads a volunteer's
    assignments (capacity, continuity) through the relation engagements declares on the
    volunteer profile, never by importing it."""
    return VolunteerProfile._meta.get_field("assignments").related_model


def _related(ids=None, *, active_at=None, profiles=False) -> dict[str, dict[int, list[str]]]:
    """Skills (s), wanted activities (a), motives (m), active organisations with their VOG
    renewal period (o, "org:years"), whom they helped before (h, from matches and
    assignments), their matches lately (l) and their active assignments (c) of these
    volunteers (`ids`, or everyone active at the organisations `active_at`), in one round
    trip; with `profiles`, also their live profile rows (p, as JSON)."""
    from meedoen.catalogue.models import Activity, Motive, Skill
    from meedoen.matching.models import MatchProposal
    from meedoen.organisations.models import Organisation
    from meedoen.requests.models import HelpRequest

    tables = {
        "skills": VolunteerProfile.skills.through,
        "skill": Skill,
        "activities": VolunteerProfile.activities.through,
        "activity": Activity,
        "motives": VolunteerProfile.motives.through,
        "motive": Motive,
        "enrolment": Enrolment,
        "organisation": Organisation,
        "proposal": MatchProposal,
        "request": HelpRequest,
        "assignment": assignment_model(),
        "profile": VolunteerProfile,
        "area": Area,
        "user": VolunteerProfile._meta.get_field("user").related_model,
    }
    names = {key: connection.ops.quote_name(m._meta.db_table) for key, m in tables.items()}
    postgres = connection.vendor == "postgresql"
    # The volunteers (or organisations) go in as one parameter: an array on PostgreSQL, read
    # once into `chosen`; a JSON list on SQLite, read where needed (faster there than a CTE).
    listed: object = list(ids or active_at) if postgres else json.dumps(list(ids or active_at))
    chosen = "WITH chosen(id) AS (SELECT unnest(%(ids)s::bigint[]))\n" if postgres else ""
    names["ids"] = (
        "IN (SELECT id FROM chosen)" if postgres else "IN (SELECT value FROM json_each(%(ids)s))"
    )
    if ids is None:
        names["ids"] = ACTIVE_AT_SQL.format(**names)
    names["json_row"] = "json_build_array" if postgres else "json_array"
    names["as_text"] = "::text" if postgres else ""
    sql = chosen + RELATED_SQL + (PROFILES_SQL if profiles else "")
    params = {
        "ids": listed,
        "active": lifecycle.ACTIVE,
        "assignment_active": assignment_model().Status.ACTIVE,
        "accepted": MatchProposal.Status.ACCEPTED,
        "since": timezone.now() - timedelta(days=LOAD_PERIOD_DAYS),
    }
    grouped: dict[str, dict[int, list[str]]] = {kind: {} for kind in "samohlcp"}
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**names), params)
        for kind, profile_id, value in cursor.fetchall():
            grouped[kind].setdefault(profile_id, []).append(value)
    return grouped


def _volunteers(rows, ids, related) -> list[rules.Volunteer]:
    """Rules' facts from rows of PROFILE_FIELDS from "availability" on, in the order of `ids`,
    and what `_related` found about them."""
    today = timezone.localdate()
    valid: dict[tuple, bool] = {}
    none: frozenset = frozenset()
    skills, wants, motives = related["s"], related["a"], related["m"]
    organisations, helped, lately, busy = related["o"], related["h"], related["l"], related["c"]
    result = []
    for pk, (week, travel_km, languages, hours, vog_issued_on, latitude, longitude) in zip(
        ids, rows, strict=True
    ):
        own = [value.split(":") for value in organisations.get(pk, ())]
        renewal = min([int(years) for _org, years in own] or [3])
        if (vog_issued_on, renewal) not in valid:
            valid[vog_issued_on, renewal] = (
                lifecycle.vog_status(vog_issued_on, today, renewal) == "valid"
            )
        result.append(
            rules.Volunteer(
                id=pk,
                organisation_ids=frozenset([int(org) for org, _years in own]),
                skills=frozenset(skills[pk]) if pk in skills else none,
                wants=frozenset(wants[pk]) if pk in wants else none,
                motives=frozenset(motives[pk]) if pk in motives else none,
                availability=week,
                latitude=float(latitude),
                longitude=float(longitude),
                travel_km=float(travel_km),
                languages=_codes(languages),
                hours_left=float(hours),
                assignments_left=MAX_CONCURRENT - len(busy.get(pk, ())),
                vog_valid=valid[vog_issued_on, renewal],
                helped=frozenset([int(p) for p in helped[pk]]) if pk in helped else none,
                recent_load=len(lately.get(pk, ())),
            )
        )
    return result


def suggestions(help_request, limit: int = 10, shown: dict[int, Shown] | None = None):
    """The best volunteers for a request, as (volunteer, verdict, first name); `shown`, when
    given, receives what the audit log needs of each suggested volunteer (`Shown`)."""
    facts = request_facts(help_request)
    people: dict[int, Shown] = {}
    pool = candidates(facts, people)
    weights = weights_for(help_request.organisation)
    best = vectorised.suggest(pool, facts, weights, limit=limit)
    if shown is not None:
        shown.update((volunteer.id, people[volunteer.id]) for volunteer, _verdict in best)
    return [(volunteer, verdict, people[volunteer.id].first_name) for volunteer, verdict in best]


def suggestion_rows(help_request, limit: int = 10) -> list[dict]:
    """The suggestions as a coordinator reads them: who (only volunteers who meet every rule),
    the score, what fits, what makes them less suitable (it lowers the score, it does not rule
    them out), and their parts of the week beside the request's."""
    from meedoen import availability

    wanted = help_request.availability
    return [
        {
            "volunteer": volunteer,
            "verdict": verdict,
            "first_name": first_name,
            "availability": availability.describe(volunteer.availability),
            "in_common": availability.describe(volunteer.availability & wanted),
        }
        for volunteer, verdict, first_name in suggestions(help_request, limit)
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


# --- global matching: the facts of a whole organisation or network at once ---------------


def ready_requests(organisation_ids):
    from meedoen.requests import workflow
    from meedoen.requests.models import HelpRequest

    return HelpRequest.objects.filter(
        organisation_id__in=organisation_ids, status=workflow.READY
    ).order_by()


def planning_facts(organisation):
    """The facts of every request of the organisation (or, for a central desk, its network)
    that is ready for matching, first come first, and of every volunteer active there, with
    how many open proposals each volunteer has; in a fixed number of queries whatever their
    number. The same facts as `request_facts` and `volunteer_fact` give one at a time."""
    from meedoen.catalogue.models import Activity
    from meedoen.organisations.models import Organisation

    ids = organisation_ids_for_organisation(organisation)
    requests = ready_requests(ids)
    centres = {
        pk: (float(latitude), float(longitude))
        for pk, latitude, longitude in Area.objects.values_list("pk", "latitude", "longitude")
    }
    rows = [
        (*row[:-1], *centres[row[-1]])
        for row in requests.order_by("created_at", "pk").values_list(
            "organisation_id", *REQUEST_FIELDS[:-2], "area_id"
        )
    ]
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
    desks = [pk for pk, o in organisations.items() if o.is_central_desk]
    networks: dict[int, set[int]] = {pk: {pk} for pk in organisations}
    for desk, member in Network.members.through.objects.filter(network__desk__in=desks).values_list(
        "network__desk_id", "organisation_id"
    ):
        networks[desk].add(member)
    organisation_ids = {pk: frozenset(found) for pk, found in networks.items()}
    policies = {pk: o.boundary_policy for pk, o in organisations.items()}
    catalogue = {
        a.pk: rules.Activity(a.code, a.name, CareLevel(a.care_level))
        for a in Activity.objects.all()
    }
    position = {pk: n for n, pk in enumerate(catalogue)}  # the catalogue's own order
    asked: dict[int, list[int]] = {}
    through = requests.model.activities.through
    for request_id, activity_id in through.objects.filter(helprequest__in=requests).values_list(
        "helprequest_id", "activity_id"
    ):
        asked.setdefault(request_id, []).append(activity_id)
    now = timezone.now()
    kinds: dict[tuple[int, ...], tuple[rules.Activity, ...]] = {}  # few different kinds

    def activities(request_id):
        key = tuple(sorted(asked.get(request_id, ()), key=position.__getitem__))
        if key not in kinds:
            kinds[key] = tuple(catalogue[a] for a in key)
        return kinds[key]

    request_list = [
        request_fact(
            *row[1:],
            policy=policies[row[0]],
            vog_required=organisations[row[0]].vog_required,
            organisation_ids=organisation_ids[row[0]],
            activities=activities(row[1]),
            now=now,
        )
        for row in rows
    ]
    active = Enrolment.objects.filter(organisation_id__in=ids, status=lifecycle.ACTIVE)
    profiles = VolunteerProfile.objects.filter(pk__in=active.values("profile_id"))
    rows = list(profiles.order_by("pk").values_list("pk", *PROFILE_FIELDS[2:-2], "area_id"))
    volunteer_list = _volunteers(
        [(*row[1:-1], *centres[row[-1]]) for row in rows],
        [row[0] for row in rows],
        _related(active_at=ids),
    )
    return request_list, volunteer_list, open_proposals(profiles)


def open_proposals(profiles) -> dict[int, int]:
    """Per volunteer of `profiles`: the requests they are asked for, or said yes to but have
    no assignment for yet (active assignments already count in the volunteer's facts)."""
    from django.db.models import Count, Exists, OuterRef, Q

    from meedoen.matching.models import MatchProposal
    from meedoen.requests import workflow

    assigned = assignment_model().objects.filter(
        help_request_id=OuterRef("help_request_id"), profile_id=OuterRef("profile_id")
    )
    return dict(
        MatchProposal.objects.filter(profile__in=profiles)
        .filter(
            Q(status=MatchProposal.Status.PROPOSED, help_request__status=workflow.READY)
            | Q(status=MatchProposal.Status.ACCEPTED, help_request__status=workflow.MATCHED)
        )
        .filter(~Exists(assigned))
        .order_by()
        .values("profile_id")
        .annotate(n=Count("pk"))
        .values_list("profile_id", "n")
    )
