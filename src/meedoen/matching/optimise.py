"""Global matching: the set of pairs with the highest total score, respecting every capacity.

Solved exactly as a min-cost flow (OR-Tools): source → volunteer (capacity: assignments left)
→ request (one arc per feasible pair, cost = −score) → sink (capacity 1), with a zero-cost
bypass from source to sink so that leaving someone unmatched is allowed. Pure: the feasible
pairs and capacities come in, the chosen pairs go out. First-come greedy is here too, to show
what the optimum gains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

#: Scores are turned into whole-number costs at this resolution.
SCALE = 1000

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True)
class Pair:
    volunteer: int
    request: int
    score: float


@dataclass(frozen=True)
class Result:
    pairs: tuple[Pair, ...]

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def total(self) -> float:
        return round(sum(p.score for p in self.pairs), 3)


def optimal(pairs: Iterable[Pair], capacity: dict[int, int]) -> Result:
    """The maximum-score assignment: each request at most once, each volunteer at most
    capacity[volunteer] times."""
    pairs = list(pairs)
    volunteers, requests, scores, caps = _arrays(pairs, capacity)
    chosen = optimal_arrays(volunteers, requests, scores, caps)
    return Result(tuple(p for p, keep in zip(pairs, chosen, strict=True) if keep))


def greedy(pairs: Iterable[Pair], capacity: dict[int, int], order: list[int]) -> Result:
    """First-come, first-served: requests in the given order each take their best free
    volunteer (what coordinators do by hand)."""
    pairs = list(pairs)
    volunteers, requests, scores, caps = _arrays(pairs, capacity)
    request_index = {r: n for n, r in enumerate(sorted({p.request for p in pairs}))}
    rank = np.full(len(request_index), len(order), dtype=np.int64)
    for position, request in enumerate(order):
        if request in request_index and rank[request_index[request]] == len(order):
            rank[request_index[request]] = position
    scores = np.where(rank[requests] < len(order), scores, 0.0)  # not in the order: not served
    chosen = greedy_arrays(volunteers, requests, scores, caps, rank)
    return Result(tuple(p for p, keep in zip(pairs, chosen, strict=True) if keep))


def _arrays(pairs: list[Pair], capacity: dict[int, int]) -> tuple[Ints, Ints, Floats, Ints]:
    """Pairs as dense indices: volunteers and requests numbered from 0, with capacities."""
    volunteer_ids = sorted({p.volunteer for p in pairs})
    request_ids = sorted({p.request for p in pairs})
    v_index = {v: n for n, v in enumerate(volunteer_ids)}
    r_index = {r: n for n, r in enumerate(request_ids)}
    return (
        np.array([v_index[p.volunteer] for p in pairs], dtype=np.int64),
        np.array([r_index[p.request] for p in pairs], dtype=np.int64),
        np.array([p.score for p in pairs], dtype=np.float64),
        np.array([max(0, capacity.get(v, 0)) for v in volunteer_ids], dtype=np.int64),
    )


#: Independent parts of the graph are solved together up to this many pair arcs: one flow
#: over a whole city is many times slower than its parts one by one.
PART_ARCS = 20_000


def optimal_arrays(volunteers: Ints, requests: Ints, scores: Floats, capacity: Ints) -> Bools:
    """The pairs (volunteer index, request index, score) of the maximum-score assignment, as a
    mask; `capacity[v]` is how many requests volunteer index v can still take."""
    chosen = np.zeros(len(scores), dtype=np.bool_)
    usable = scores > 0
    if len(scores):
        usable &= capacity[volunteers] > 0
    arcs = np.flatnonzero(usable)
    if not len(arcs):
        return chosen
    # Connected parts (volunteers and requests linked by pairs) do not influence each other.
    v_used, v_node = np.unique(volunteers[arcs], return_inverse=True)
    r_used, r_node = np.unique(requests[arcs], return_inverse=True)
    graph = coo_matrix(
        (np.ones(len(arcs)), (v_node.reshape(-1), len(v_used) + r_node.reshape(-1))),
        shape=(len(v_used) + len(r_used),) * 2,
    )
    _n, label = connected_components(graph, directed=False)
    part = label[v_node.reshape(-1)]
    order = np.argsort(part, kind="stable")
    ends = np.r_[np.flatnonzero(np.diff(part[order])) + 1, len(order)]
    start = 0
    for n, end in enumerate(ends.tolist()):
        if end - start >= PART_ARCS or n == len(ends) - 1:
            batch = arcs[order[start:end]]
            chosen[batch[_solve(volunteers[batch], requests[batch], scores[batch], capacity)]] = (
                True
            )
            start = end
    return chosen


def _solve(volunteers: Ints, requests: Ints, scores: Floats, capacity: Ints) -> Bools:
    """The min-cost flow over these pairs (all usable), as a mask over them."""
    v_used, v_node = np.unique(volunteers, return_inverse=True)
    r_used, r_node = np.unique(requests, return_inverse=True)
    n_v, n_r = len(v_used), len(r_used)
    source, sink = 0, 1 + n_v + n_r
    supply = int(min(int(capacity[v_used].sum()), n_r))
    tails = np.concatenate(
        [np.zeros(n_v), 1 + v_node.reshape(-1), 1 + n_v + np.arange(n_r), [source]]
    ).astype(np.int32)
    heads = np.concatenate(
        [1 + np.arange(n_v), 1 + n_v + r_node.reshape(-1), np.full(n_r, sink), [sink]]
    ).astype(np.int32)
    capacities = np.concatenate(
        [capacity[v_used], np.ones(len(scores)), np.ones(n_r), [supply]]
    ).astype(np.int64)
    costs = np.concatenate([np.zeros(n_v), -np.round(scores * SCALE), np.zeros(n_r), [0]]).astype(
        np.int64
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    flows = np.asarray(flow.flows(np.arange(n_v, n_v + len(scores), dtype=np.int32)))
    chosen: Bools = flows > 0
    return chosen


def greedy_arrays(
    volunteers: Ints, requests: Ints, scores: Floats, capacity: Ints, rank: Ints
) -> Bools:
    """First-come as a mask over the pairs: requests by `rank[request]` (lowest first) each
    take their best free volunteer (highest score, then lowest volunteer index)."""
    chosen = np.zeros(len(scores), dtype=np.bool_)
    usable = np.flatnonzero(scores > 0)
    if not len(usable):
        return chosen
    usable = usable[np.argsort(volunteers[usable], kind="stable")]
    usable = usable[np.argsort(-scores[usable], kind="stable")]
    order = usable[np.argsort(rank[requests[usable]], kind="stable")]
    ordered_requests = requests[order]
    starts = np.r_[0, np.flatnonzero(ordered_requests[1:] != ordered_requests[:-1]) + 1]
    by_preference = volunteers[order].tolist()
    left = capacity.astype(np.int64).tolist()
    taken = []
    for start, end in zip(starts.tolist(), [*starts[1:].tolist(), len(order)], strict=True):
        for n in range(start, end):
            if left[by_preference[n]] > 0:
                left[by_preference[n]] -= 1
                taken.append(n)
                break
    chosen[order[taken]] = True
    return chosen
