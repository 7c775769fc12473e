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

from ortools.graph.python import min_cost_flow

#: Scores are turned into whole-number costs at this resolution.
SCALE = 1000


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
    pairs = [p for p in pairs if p.score > 0 and capacity.get(p.volunteer, 0) > 0]
    if not pairs:
        return Result(())
    volunteers = sorted({p.volunteer for p in pairs})
    requests = sorted({p.request for p in pairs})
    v_index = {v: 1 + i for i, v in enumerate(volunteers)}
    r_index = {r: 1 + len(volunteers) + i for i, r in enumerate(requests)}
    source, sink = 0, 1 + len(volunteers) + len(requests)
    flow = min_cost_flow.SimpleMinCostFlow()
    supply = min(sum(capacity[v] for v in volunteers), len(requests))
    for v in volunteers:
        flow.add_arc_with_capacity_and_unit_cost(source, v_index[v], capacity[v], 0)
    arcs = []
    for p in pairs:
        arcs.append(
            flow.add_arc_with_capacity_and_unit_cost(
                v_index[p.volunteer], r_index[p.request], 1, -round(p.score * SCALE)
            )
        )
    for r in requests:
        flow.add_arc_with_capacity_and_unit_cost(r_index[r], sink, 1, 0)
    flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve: status {status}")
    chosen = tuple(p for p, arc in zip(pairs, arcs, strict=True) if flow.flow(arc) > 0)
    return Result(chosen)


def greedy(pairs: Iterable[Pair], capacity: dict[int, int], order: list[int]) -> Result:
    """First-come, first-served: requests in the given order each take their best free
    volunteer (what coordinators do by hand)."""
    by_request: dict[int, list[Pair]] = {}
    for p in pairs:
        if p.score > 0:
            by_request.setdefault(p.request, []).append(p)
    left = dict(capacity)
    chosen = []
    for request in order:
        options = sorted(by_request.get(request, []), key=lambda p: (-p.score, p.volunteer))
        for p in options:
            if left.get(p.volunteer, 0) > 0:
                left[p.volunteer] -= 1
                chosen.append(p)
                break
    return Result(tuple(chosen))
