"""Global matching on a generated city: 100,000 volunteers and 100,000 requests.

Prints: candidate generation and solve times, peak memory, matched count and total score for
the optimal min-cost flow and for first-come greedy, their ratio, an independent optimum (a
sparse assignment solver on the same candidate graph), and a consistency check of the
vectorised rules against meedoen.matching.rules on sampled pairs.

    .venv/bin/python -m bench.global_matching [--volunteers N] [--requests N] [--seed S]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meedoen.settings")

import django

django.setup()

from scipy.sparse import csr_matrix  # noqa: E402
from scipy.sparse.csgraph import min_weight_full_bipartite_matching  # noqa: E402

from meedoen import availability  # noqa: E402
from meedoen.catalogue import policy  # noqa: E402
from meedoen.matching import optimise, rules  # noqa: E402

CENTRE = (52.07, 4.30)  # a city the size of The Hague
KM_LAT = 111.2
CODES = [
    "visiting",
    "buddy",
    "transport",
    "shopping",
    "odd-jobs",
    "walks-outings",
    "social-activities",
    "administration",
    "respite",
    "cooking-together",
    "homework-support",
    "peer-contact",
]
MOTIVES = [
    "social-contact",
    "development",
    "helping-others",
    "lived-experience",
    "useful-occupation",
]
LANGS = ["nl", "en", "ar", "tr", "pap"]
TOP_K = 12
W = rules.DEFAULT_WEIGHTS


def bits(values, names):
    return sum(1 << names.index(v) for v in values)


def popcount(a):
    return np.bitwise_count(a.astype(np.uint64)).astype(np.float64)


def generate(n_vol, n_req, organisations, seed):
    rng = np.random.default_rng(seed)
    km_lon = KM_LAT * np.cos(np.radians(CENTRE[0]))
    # people cluster in neighbourhoods: 120 neighbourhood centres in a 24 x 24 km city
    hoods = rng.uniform(-12, 12, size=(120, 2))

    def places(n):
        centre = hoods[rng.integers(0, len(hoods), n)]
        xy = centre + rng.normal(0, 0.8, size=(n, 2))
        return CENTRE[0] + xy[:, 1] / KM_LAT, CENTRE[1] + xy[:, 0] / km_lon, xy

    v = {}
    v["lat"], v["lon"], v["xy"] = places(n_vol)
    v["org"] = rng.integers(0, organisations, n_vol)
    v["avail"] = np.array(
        [
            availability.to_mask(rng.choice(availability.SLOTS, rng.integers(2, 8), replace=False))
            for _ in range(n_vol)
        ],
        dtype=np.int64,
    )
    v["wants"] = rng.integers(1, 1 << len(CODES), n_vol)
    v["motives"] = rng.integers(0, 1 << len(MOTIVES), n_vol)
    v["langs"] = 1 | (rng.random(n_vol) < 0.3) * (1 << rng.integers(1, len(LANGS), n_vol))
    v["travel"] = rng.choice([1.5, 2.0, 3.0, 5.0], n_vol)
    v["cap"] = rng.choice([1, 1, 1, 2], n_vol)  # most volunteers help one person
    v["vog"] = rng.random(n_vol) < 0.85
    v["driving"] = rng.random(n_vol) < 0.4
    v["trained"] = rng.random(n_vol) < 0.05
    v["load"] = rng.integers(0, 5, n_vol)
    r = {}
    r["lat"], r["lon"], r["xy"] = places(n_req)
    r["org"] = rng.integers(0, organisations, n_req)
    r["avail"] = np.array(
        [
            availability.to_mask(rng.choice(availability.SLOTS, rng.integers(1, 6), replace=False))
            for _ in range(n_req)
        ],
        dtype=np.int64,
    )
    r["acts"] = np.array(
        [bits(rng.choice(CODES, rng.integers(1, 3), replace=False), CODES) for _ in range(n_req)],
        dtype=np.int64,
    )
    r["langs"] = np.where(rng.random(n_req) < 0.85, 1, 1 << rng.integers(1, len(LANGS), n_req))
    r["sr"] = rng.choice([2, 3, 3, 4, 4, 5], n_req)
    r["prof"] = rng.random(n_req) < 0.6
    r["vog_required"] = rng.random(n_req) < 0.9
    r["trained_only"] = rng.random(n_req) < 0.03  # widened policy, personal care asked
    r["waiting"] = rng.integers(0, 120, n_req)
    r["urgent"] = rng.random(n_req) < 0.15
    return v, r


def motive_affinity_masks():
    """For each request activity bit: the motive bits that fit it specifically."""
    general = bits([m for m in MOTIVES if m in rules.GENERAL_MOTIVES], MOTIVES)
    per_activity = []
    for code in CODES:
        specific = [m for m in MOTIVES if code in rules.MOTIVE_ACTIVITIES.get(m, frozenset())]
        per_activity.append(bits(specific, MOTIVES))
    return general, per_activity


def request_motive_mask(acts, per_activity):
    mask = np.zeros_like(acts)
    for i, m in enumerate(per_activity):
        mask |= np.where(acts & (1 << i), m, 0)
    return mask


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def candidates(v, r, top_k=TOP_K, cell_km=5.0):
    """Spatial candidate generation: per organisation, a grid of cells as wide as the longest
    travel distance; each request looks at its own and the eight neighbouring cells."""
    assert cell_km >= v["travel"].max(), "cells must be as wide as the longest travel distance"
    general, per_activity = motive_affinity_masks()
    r_motive = request_motive_mask(r["acts"], per_activity)
    transport_bit = 1 << CODES.index("transport")
    cell_v = np.floor(v["xy"] / cell_km).astype(np.int64)
    cell_r = np.floor(r["xy"] / cell_km).astype(np.int64)
    key_v = (v["org"] * 1000 + cell_v[:, 0] + 100) * 1000 + cell_v[:, 1] + 100
    order = np.argsort(key_v, kind="stable")
    sorted_keys = key_v[order]
    rows, cols, scores = [], [], []
    r_order = np.lexsort((cell_r[:, 1], cell_r[:, 0], r["org"]))
    # group requests by (org, cell)
    r_keys = (r["org"][r_order] * 1000 + cell_r[r_order, 0] + 100) * 1000 + cell_r[r_order, 1] + 100
    boundaries = np.flatnonzero(np.diff(r_keys)) + 1
    for group in np.split(r_order, boundaries):
        org = r["org"][group[0]]
        cx, cy = cell_r[group[0]]
        pools = []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                k = (org * 1000 + cx + dx + 100) * 1000 + cy + dy + 100
                lo, hi = np.searchsorted(sorted_keys, [k, k + 1])
                if hi > lo:
                    pools.append(order[lo:hi])
        if not pools:
            continue
        pool = np.concatenate(pools)
        ri = group[:, None]
        vi = pool[None, :]
        ok = (r["avail"][ri] & v["avail"][vi]) != 0
        ok &= (r["langs"][ri] & v["langs"][vi]) != 0
        ok &= ~(r["vog_required"][ri] & (r["sr"][ri] <= 3)) | v["vog"][vi]
        ok &= ~((r["acts"][ri] & transport_bit) != 0) | v["driving"][vi]
        ok &= ~r["trained_only"][ri] | v["trained"][vi]
        ok &= (r["sr"][ri] > 2) | r["prof"][ri]
        km = haversine(r["lat"][ri], r["lon"][ri], v["lat"][vi], v["lon"][vi])
        ok &= km <= v["travel"][vi]
        if not ok.any():
            continue
        acts = r["acts"][ri]
        activity = popcount(acts & v["wants"][vi]) / popcount(acts)
        specific = (v["motives"][vi] & r_motive[ri]) != 0
        any_general = (v["motives"][vi] & general) != 0
        motive = np.where(specific, 1.0, np.where(any_general, 0.5, 0.0))
        distance = np.maximum(0.0, 1.0 - km / v["travel"][vi])
        waiting = np.minimum(r["waiting"][ri] / 60.0, 1.0)
        urgency = r["urgent"][ri].astype(np.float64)
        load = 1.0 / (1.0 + v["load"][vi])
        score = (
            W.activity * activity
            + W.skill * 1.0
            + W.motive * motive
            + W.distance * distance
            + W.waiting * waiting
            + W.urgency * urgency
            + W.load * load
        )
        score = np.where(ok, score, -1.0)
        k = min(top_k, score.shape[1])
        best = np.argpartition(-score, k - 1, axis=1)[:, :k]
        chosen = np.take_along_axis(score, best, axis=1)
        keep = chosen > 0
        rows.append(np.repeat(group, k).reshape(len(group), k)[keep])
        cols.append(pool[best][keep])
        scores.append(chosen[keep])
    return np.concatenate(rows), np.concatenate(cols), np.round(np.concatenate(scores), 3)


def to_rules(v, r, i, j):
    """One generated pair as the domain's own facts, for the consistency check."""
    acts = tuple(
        rules.Activity(
            code,
            code,
            policy.CareLevel.PERSONAL
            if (r["trained_only"][j] and n == 0)
            else policy.CareLevel.WELFARE,
        )
        for n, code in enumerate(c for b, c in enumerate(CODES) if r["acts"][j] & (1 << b))
    )
    volunteer = rules.Volunteer(
        id=int(i),
        organisation_ids=frozenset({int(v["org"][i])}),
        skills=frozenset({"driving"} if v["driving"][i] else set())
        | ({rules.CARE_TRAINING} if v["trained"][i] else set()),
        wants=frozenset(c for b, c in enumerate(CODES) if v["wants"][i] & (1 << b)),
        motives=frozenset(m for b, m in enumerate(MOTIVES) if v["motives"][i] & (1 << b)),
        availability=int(v["avail"][i]),
        latitude=float(v["lat"][i]),
        longitude=float(v["lon"][i]),
        travel_km=float(v["travel"][i]),
        languages=frozenset(g for b, g in enumerate(LANGS) if v["langs"][i] & (1 << b)),
        hours_left=8.0,
        assignments_left=int(v["cap"][i]),
        vog_valid=bool(v["vog"][i]),
        recent_load=int(v["load"][i]),
    )
    request = rules.Request(
        id=int(j),
        organisation_ids=frozenset({int(r["org"][j])}),
        policy=policy.Policy(policy.CareLevel.PERSONAL),
        activities=acts,
        self_reliance=int(r["sr"][j]),
        has_responsible_professional=bool(r["prof"][j]),
        needs_vog=bool(r["vog_required"][j] and r["sr"][j] <= 3),
        required_skills=frozenset({"driving"} if "transport" in {a.code for a in acts} else set()),
        availability=int(r["avail"][j]),
        latitude=float(r["lat"][j]),
        longitude=float(r["lon"][j]),
        languages=frozenset(g for b, g in enumerate(LANGS) if r["langs"][j] & (1 << b)),
        waiting_days=int(r["waiting"][j]),
        urgent=bool(r["urgent"][j]),
    )
    return volunteer, request


def independent_optimum(rows, cols, scores, capacity, n_req):
    """The same problem solved another way: an assignment of requests to volunteer slots (one
    per unit of capacity) or to a request's own 'unmatched' slot, by scipy's LAPJVsp."""
    top = scores.max() + 1.0
    slot_start = np.concatenate([[0], np.cumsum(capacity)[:-1]])
    n_slots = int(capacity.sum())
    edge_rows, edge_cols, weights = [], [], []
    for copy in range(int(capacity.max())):
        usable = capacity[cols] > copy
        edge_rows.append(rows[usable])
        edge_cols.append(slot_start[cols[usable]] + copy)
        weights.append(top - scores[usable])
    edge_rows.append(np.arange(n_req))
    edge_cols.append(n_slots + np.arange(n_req))
    weights.append(np.full(n_req, top))
    matrix = csr_matrix(
        (np.concatenate(weights), (np.concatenate(edge_rows), np.concatenate(edge_cols))),
        shape=(n_req, n_slots + n_req),
    )
    _, assigned = min_weight_full_bipartite_matching(matrix)
    real = assigned < n_slots
    total = n_req * top - float(matrix[np.arange(n_req), assigned].sum())
    return int(real.sum()), round(total, 3)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    v, r = generate(args.volunteers, args.requests, args.organisations, args.seed)
    generated = time.perf_counter()
    rows, cols, scores = candidates(v, r)
    candidated = time.perf_counter()
    pairs = [
        optimise.Pair(int(c), int(q), float(s)) for q, c, s in zip(rows, cols, scores, strict=True)
    ]
    capacity = {i: int(c) for i, c in enumerate(v["cap"])}
    best = optimise.optimal(pairs, capacity)
    solved = time.perf_counter()
    waiting_order = list(np.argsort(-r["waiting"], kind="stable"))
    first_come = optimise.greedy(pairs, capacity, [int(q) for q in waiting_order])
    greedy_done = time.perf_counter()
    peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    check_matched, check_total = independent_optimum(rows, cols, scores, v["cap"], args.requests)
    checked = time.perf_counter()

    rng = np.random.default_rng(1)
    sample = rng.integers(0, len(rows), min(2000, len(rows)))
    agree = 0
    for n in sample:
        volunteer, request = to_rules(v, r, cols[n], rows[n])
        verdict = rules.judge(volunteer, request)
        agree += verdict.feasible and abs(verdict.score - scores[n]) < 0.01

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"volunteers: {args.volunteers:,}  requests: {args.requests:,}  "
        f"organisations: {args.organisations}"
    )
    print(f"candidate pairs (top {TOP_K} per request): {len(rows):,}")
    print(
        f"time: generate {generated - started:.1f} s, candidates {candidated - generated:.1f}"
        f" s, optimal solve {solved - candidated:.1f} s, greedy {greedy_done - solved:.1f} s"
    )
    print(f"wall time for global matching (candidates + solve): {solved - generated:.1f} s")
    print(f"peak memory (before the independent check): {peak_gib:.2f} GiB")
    print(f"optimal:    matched {best.matched:,}  total score {best.total:,.1f}")
    print(f"first-come: matched {first_come.matched:,}  total score {first_come.total:,.1f}")
    print(
        f"greedy/optimal: matched {first_come.matched / best.matched:.4f}, "
        f"score {first_come.total / best.total:.4f}; optimal matches "
        f"{(best.matched / first_come.matched - 1) * 100:.1f}% more requests"
    )
    print(
        f"independent check (scipy LAPJVsp, {checked - greedy_done:.1f} s): matched "
        f"{check_matched:,}  total score {check_total:,.1f}  -> "
        f"{'EQUAL' if abs(check_total - best.total) < 0.5 else 'DIFFERENT'}"
    )
    print(
        f"vectorised rules agree with meedoen.matching.rules on {agree}/{len(sample)} sampled pairs"
    )


if __name__ == "__main__":
    main()
