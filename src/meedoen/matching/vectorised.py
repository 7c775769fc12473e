"""The matching rules over many pairs at once: what global matching runs.

The same rules as `rules.problems` and `rules.judge`, applied with numpy to every candidate pair
of a whole network at once. The facts come in as the rules' own `rules.Volunteer` and
`rules.Request`; sets of codes become bits (one 64-bit word per 64 codes), so that "shares a
language" or "how many of the activities they would like to do" is an AND and a popcount. The
pure `rules.judge` stays the reference: a test checks that both agree on feasibility and score
for thousands of random pairs. Pure: no database.

Candidates are generated per group of requests with the same handling organisations and the
same place (volunteers and requests live at the centre of their area): the volunteers of those
organisations who can still take a request and can reach the place; then every hard rule is
checked on the block of (requests x volunteers), scores are computed, and each request keeps
its best `top_k` feasible volunteers (all of them when `top_k` is None).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from meedoen.catalogue import policy
from meedoen.matching import rules

WORD = 64
_MASK = (1 << WORD) - 1
#: At most this many pairs are judged in one block (bounds memory, not the result).
BLOCK = 1 << 21

Bits = tuple[NDArray[np.uint64], ...]
Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]


class Codes:
    """Codes (activities, skills, motives, languages) as bit positions, 64 to a word."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.index = {code: n for n, code in enumerate(sorted(set(codes)))}
        self.words = max(1, -(-len(self.index) // WORD))

    def encode(self, sets: Iterable[frozenset[str]]) -> Bits:
        index = self.index
        known: dict[frozenset[str], int] = {}  # few different sets among many people
        numbers = []
        for each in sets:
            number = known.get(each)
            if number is None:
                number = known[each] = sum(1 << index[c] for c in each if c in index)
            numbers.append(number)
        if self.words == 1:
            return (np.array(numbers, dtype=np.uint64),)
        return tuple(
            np.array([(n >> (WORD * w)) & _MASK for n in numbers], dtype=np.uint64)
            for w in range(self.words)
        )


def _any(a: Bits, ai: Ints, b: Bits, bi: Ints) -> Bools:
    found: Bools = (a[0][ai] & b[0][bi]) != 0
    for w in range(1, len(a)):
        found |= (a[w][ai] & b[w][bi]) != 0
    return found


def _count(a: Bits, ai: Ints, b: Bits, bi: Ints) -> Floats:
    total: Floats = np.bitwise_count(a[0][ai] & b[0][bi]).astype(np.float64)
    for w in range(1, len(a)):
        total += np.bitwise_count(a[w][ai] & b[w][bi])
    return total


def _covers(have: Bits, hi: Ints, need: Bits, ni: Ints) -> Bools:
    """Every bit of `need` is in `have`."""
    covered: Bools = (need[0][ni] & ~have[0][hi]) == 0
    for w in range(1, len(need)):
        covered &= (need[w][ni] & ~have[w][hi]) == 0
    return covered


def haversine(lat1: Floats, lon1: Floats, lat2: Floats, lon2: Floats) -> Floats:
    """`rules.distance_km` over arrays."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    result: Floats = 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


@dataclass(frozen=True)
class Volunteers:
    ids: Ints
    organisations: tuple[frozenset[int], ...]
    availability: Ints
    latitude: Floats
    longitude: Floats
    travel_km: Floats
    hours_left: Floats
    can_take: Bools
    vog_valid: Bools
    trained: Bools
    load: Floats
    skills: Bits
    wants: Bits
    motives: Bits
    languages: Bits
    helped: Ints  # sorted keys: index << 32 | person

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Requests:
    ids: Ints
    organisations: tuple[frozenset[int], ...]
    possible: Bools  # no rule of the request alone is broken
    needs_training: Bools
    needs_vog: Bools
    availability: Ints
    latitude: Floats
    longitude: Floats
    hours_needed: Floats
    waiting: Floats
    urgency: Floats
    person: Ints  # -1: nobody known
    activities: Bits
    activity_count: Floats
    required: Bits
    required_count: Floats
    languages: Bits
    has_languages: Bools
    specific_motives: Bits

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Tables:
    volunteers: Volunteers
    requests: Requests
    general_motives: Bits  # one element per word


def request_alone_possible(r: rules.Request) -> tuple[bool, bool]:
    """Whether the rules of the request alone hold (`rules.problems` without the volunteer),
    and whether it needs a volunteer trained for care."""
    if not r.activities:
        return False, False
    training = False
    for activity in r.activities:
        access = policy.volunteer_access(r.policy, activity.level)
        if access is policy.Access.CLOSED:
            return False, False
        training |= access is policy.Access.TRAINED_ONLY
    if (
        policy.oversight_for(r.self_reliance) is policy.Oversight.PROFESSIONAL
        and not r.has_responsible_professional
    ):
        return False, training
    return True, training


def tables(volunteers: Sequence[rules.Volunteer], requests: Sequence[rules.Request]) -> Tables:
    """The facts of the rules as arrays."""
    activities = Codes(a.code for r in requests for a in r.activities)
    skills = Codes([*(s for r in requests for s in r.required_skills), rules.CARE_TRAINING])
    motives = Codes([*rules.MOTIVE_ACTIVITIES, *rules.GENERAL_MOTIVES])
    languages = Codes(code for r in requests for code in r.languages)
    helped = sorted(
        (n << 32) | person for n, v in enumerate(volunteers) for person in v.helped if person >= 0
    )
    v_table = Volunteers(
        ids=np.array([v.id for v in volunteers], dtype=np.int64),
        organisations=tuple(v.organisation_ids for v in volunteers),
        availability=np.array([v.availability for v in volunteers], dtype=np.int64),
        latitude=np.array([v.latitude for v in volunteers], dtype=np.float64),
        longitude=np.array([v.longitude for v in volunteers], dtype=np.float64),
        travel_km=np.array([v.travel_km for v in volunteers], dtype=np.float64),
        hours_left=np.array([v.hours_left for v in volunteers], dtype=np.float64),
        can_take=np.array([v.assignments_left > 0 for v in volunteers], dtype=np.bool_),
        vog_valid=np.array([v.vog_valid for v in volunteers], dtype=np.bool_),
        trained=np.array([v.trained_for_care for v in volunteers], dtype=np.bool_),
        load=np.array([1.0 / (1.0 + v.recent_load) for v in volunteers], dtype=np.float64),
        skills=skills.encode(v.skills for v in volunteers),
        wants=activities.encode(v.wants for v in volunteers),
        motives=motives.encode(v.motives for v in volunteers),
        languages=languages.encode(v.languages for v in volunteers),
        helped=np.array(helped, dtype=np.int64),
    )
    alone = [request_alone_possible(r) for r in requests]
    asked = [frozenset(a.code for a in r.activities) for r in requests]
    specific = {
        each: frozenset(
            m
            for m, codes in rules.MOTIVE_ACTIVITIES.items()
            if m not in rules.GENERAL_MOTIVES and codes & each
        )
        for each in set(asked)
    }
    fitting = [specific[each] for each in asked]
    r_table = Requests(
        ids=np.array([r.id for r in requests], dtype=np.int64),
        organisations=tuple(r.organisation_ids for r in requests),
        possible=np.array([p for p, _t in alone], dtype=np.bool_),
        needs_training=np.array([t for _p, t in alone], dtype=np.bool_),
        needs_vog=np.array([r.needs_vog for r in requests], dtype=np.bool_),
        availability=np.array([r.availability for r in requests], dtype=np.int64),
        latitude=np.array([r.latitude for r in requests], dtype=np.float64),
        longitude=np.array([r.longitude for r in requests], dtype=np.float64),
        hours_needed=np.array([r.hours_needed for r in requests], dtype=np.float64),
        waiting=np.array([min(r.waiting_days / 60.0, 1.0) for r in requests], dtype=np.float64),
        urgency=np.array([1.0 if r.urgent else 0.0 for r in requests], dtype=np.float64),
        person=np.array([-1 if r.person is None else r.person for r in requests], dtype=np.int64),
        activities=activities.encode(asked),
        activity_count=np.array([len(each) for each in asked], dtype=np.float64),
        required=skills.encode(r.required_skills for r in requests),
        required_count=np.array([len(r.required_skills) for r in requests], dtype=np.float64),
        languages=languages.encode(r.languages for r in requests),
        has_languages=np.array([bool(r.languages) for r in requests], dtype=np.bool_),
        specific_motives=motives.encode(fitting),
    )
    general = motives.encode([frozenset(rules.GENERAL_MOTIVES)])
    return Tables(v_table, r_table, general)


@dataclass(frozen=True)
class Candidates:
    """Feasible pairs as indices into the tables, with their scores (not rounded)."""

    volunteer: Ints
    request: Ints
    score: Floats
    considered: Bools  # per volunteer: in reach of a request and sharing a part of its week

    def __len__(self) -> int:
        return len(self.score)


def judge_block(
    t: Tables, ri: Ints, vi: Ints, km: Floats, weights: rules.Weights
) -> tuple[Bools, Floats]:
    """Feasibility and score of every pair of the requests `ri` (a column) and the volunteers
    `vi` (a row), who are active at the request's organisations, can still take a request and
    live `km` away, within their travel distance. Broadcasts."""
    v, r = t.volunteers, t.requests
    ok = (r.availability[ri] & v.availability[vi]) != 0
    ok &= v.vog_valid[vi] | ~r.needs_vog[ri]
    ok &= v.trained[vi] | ~r.needs_training[ri]
    ok &= v.hours_left[vi] >= r.hours_needed[ri]
    ok &= _covers(v.skills, vi, r.required, ri)
    ok &= _any(v.languages, vi, r.languages, ri) | ~r.has_languages[ri]
    activity = _count(r.activities, ri, v.wants, vi) / r.activity_count[ri]
    skill = np.where(
        r.required_count[ri] > 0,
        _count(r.required, ri, v.skills, vi) / np.maximum(r.required_count[ri], 1.0),
        1.0,
    )
    motive = np.where(
        _any(v.motives, vi, r.specific_motives, ri),
        1.0,
        np.where(_any(v.motives, vi, t.general_motives, np.zeros_like(vi)), 0.5, 0.0),
    )
    travel = v.travel_km[vi]
    distance = np.maximum(0.0, np.where(travel > 0, 1.0 - km / np.maximum(travel, 1e-300), 1.0))
    person = r.person[ri]
    continuity = np.zeros(np.broadcast_shapes(ri.shape, vi.shape), dtype=np.float64)
    if len(v.helped) and (person >= 0).any():
        keys = (vi.astype(np.int64) << 32) | np.maximum(person, 0)
        continuity = np.where(
            (person >= 0) & np.isin(keys, v.helped, assume_unique=False), 1.0, 0.0
        )
    score = (
        weights.activity * activity
        + weights.skill * skill
        + weights.motive * motive
        + weights.distance * distance
        + weights.continuity * continuity
        + weights.waiting * r.waiting[ri]
        + weights.urgency * r.urgency[ri]
        + weights.load * v.load[vi]
    )
    return ok, np.broadcast_to(score, ok.shape)


def _places(lat: Floats, lon: Floats) -> tuple[Ints, Floats, Floats]:
    """Each person's place (an index), and the places' coordinates."""
    unique, inverse = np.unique(lat + 1j * lon, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), unique.real.copy(), unique.imag.copy()


def candidates(
    t: Tables, weights: rules.Weights = rules.DEFAULT_WEIGHTS, top_k: int | None = None
) -> Candidates:
    """Every request's feasible volunteers (its best `top_k`, or all), with their scores."""
    v, r = t.volunteers, t.requests
    considered = np.zeros(len(v), dtype=np.bool_)
    found_v: list[Ints] = []
    found_r: list[Ints] = []
    found_s: list[Floats] = []
    if not len(v) or not len(r):
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, np.zeros(0), considered)
    v_place, v_lat, v_lon = _places(v.latitude, v.longitude)
    r_place, r_lat, r_lon = _places(r.latitude, r.longitude)
    # Who is active where: (volunteer, organisation) once per enrolment.
    member_v = np.array([n for n, orgs in enumerate(v.organisations) for _o in orgs], np.int64)
    member_o = np.array([o for orgs in v.organisations for o in orgs], dtype=np.int64)
    org_sets = sorted(set(r.organisations), key=lambda s: sorted(s))
    org_group = {s: n for n, s in enumerate(org_sets)}
    r_group = np.array([org_group[s] for s in r.organisations], dtype=np.int64)
    order = np.lexsort((np.arange(len(r)), r_place, r_group))
    order = order[r.possible[order]]
    keys = r_group[order] * (int(r_place.max()) + 1) + r_place[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(order) else np.zeros(0)
    bounds = [*starts.tolist(), len(order)]
    eligible: dict[int, Ints] = {}
    distances: dict[int, Floats] = {}
    for start, end in itertools.pairwise(bounds):
        rows = order[start:end]
        group, place = int(r_group[rows[0]]), int(r_place[rows[0]])
        if group not in eligible:
            members = np.isin(member_o, np.array(sorted(org_sets[group]), dtype=np.int64))
            chosen = np.unique(member_v[members])
            eligible[group] = chosen[v.can_take[chosen]]
        if place not in distances:
            distances[place] = haversine(v_lat, v_lon, r_lat[place], r_lon[place])
        pool = eligible[group]
        km = distances[place][v_place[pool]]
        reach = km <= v.travel_km[pool]
        pool, km = pool[reach], km[reach]
        if not len(pool):
            continue
        step = max(1, BLOCK // len(pool))
        for chunk_start in range(0, len(rows), step):
            ri = rows[chunk_start : chunk_start + step]
            week = (r.availability[ri][:, None] & v.availability[pool][None, :]) != 0
            considered[pool[week.any(axis=0)]] = True
            ok, score = judge_block(t, ri[:, None], pool[None, :], km[None, :], weights)
            if top_k is None or top_k >= len(pool):
                row_n, col_n = np.nonzero(ok)
                found_r.append(ri[row_n])
                found_v.append(pool[col_n])
                found_s.append(score[row_n, col_n])
                continue
            masked = np.where(ok, score, -np.inf)
            best = np.argpartition(-masked, top_k - 1, axis=1)[:, :top_k]
            chosen_score = np.take_along_axis(masked, best, axis=1)
            keep = np.isfinite(chosen_score)
            found_r.append(np.repeat(ri, top_k).reshape(len(ri), top_k)[keep])
            found_v.append(pool[best][keep])
            found_s.append(chosen_score[keep])
    if not found_s:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, np.zeros(0), considered)
    return Candidates(
        np.concatenate(found_v), np.concatenate(found_r), np.concatenate(found_s), considered
    )


def suggest(
    volunteers: Sequence[rules.Volunteer],
    r: rules.Request,
    weights: rules.Weights = rules.DEFAULT_WEIGHTS,
    limit: int = 10,
) -> list[tuple[rules.Volunteer, rules.Verdict]]:
    """What `rules.suggest` returns, with the candidates judged as one block: the block picks
    a short list, and `rules.suggest` orders the short list and words its reasons.

    The short list is every feasible candidate whose block score is at least the `limit`-th
    best block score less `SHORT_LIST_MARGIN`. The reference orders by its score rounded to
    0.001, and a block score differs from the reference's unrounded score only in the last
    bits: the `limit` best of the block all have a rounded reference score of at least that
    `limit`-th best score less 0.0005 (and a hair), so every volunteer the reference puts in
    its first `limit` has a block score of at least it less 0.001 (and two hairs), and is on
    the short list, ties included."""
    if not volunteers:
        return []
    found = candidates(tables(volunteers, [r]), weights)
    if not len(found):
        return []
    if len(found) > limit:
        threshold = np.partition(found.score, len(found) - limit)[len(found) - limit]
        chosen = found.volunteer[found.score >= threshold - SHORT_LIST_MARGIN]
    else:
        chosen = found.volunteer
    return rules.suggest([volunteers[i] for i in chosen], r, weights, limit)


#: How far below the `limit`-th best block score the short list of `suggest` reaches: two
#: steps of the reference's rounding to 0.001, more than the rounding and the last bits need.
SHORT_LIST_MARGIN = 0.002
