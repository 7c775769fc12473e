"""Global matching for an organisation (or a desk's network), computed but not stored.

The facts of every ready request and active volunteer come from the database in a fixed number
of queries; the rules judge every candidate pair at once (`vectorised`); each request keeps its
best `TOP_K` feasible volunteers; the min-cost flow finds the best set of pairs (`optimise`),
with first-come beside it. `services.plan` stores the result for review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from meedoen.matching import optimise, vectorised
from meedoen.matching import selectors as facts

#: Each request keeps this many of its best feasible volunteers for the optimum. Measured by
#: `bench/global_matching.py`, which also solves without this pruning: the loss of total score
#: stays far below 0.5 %.
TOP_K = 12

Progress = Callable[[float], None]


@dataclass(frozen=True)
class Plan:
    requests_considered: int
    volunteers_considered: int
    request_ids: np.ndarray  # per request index
    volunteer_ids: np.ndarray  # per volunteer index
    candidates: vectorised.Candidates
    capacity: np.ndarray  # per volunteer index: requests they can still take
    best: np.ndarray  # mask over the candidates
    first_come: np.ndarray  # mask over the candidates

    def pairs(self, mask: np.ndarray) -> list[tuple[int, int, float]]:
        """(volunteer id, request id, score rounded as the rules round it) of the chosen."""
        chosen = np.flatnonzero(mask)
        return list(
            zip(
                self.volunteer_ids[self.candidates.volunteer[chosen]].tolist(),
                self.request_ids[self.candidates.request[chosen]].tolist(),
                np.round(self.candidates.score[chosen], 3).tolist(),
                strict=True,
            )
        )

    def total(self, mask: np.ndarray) -> float:
        return round(float(np.round(self.candidates.score[mask], 3).sum()), 3)


def compute(
    organisation, *, top_k: int | None = TOP_K, on_progress: Progress | None = None
) -> Plan:
    """The optimal pairs for every ready request of the organisation (or network), and the
    pairs first-come would give. Reads the database, writes nothing."""
    report = on_progress or (lambda _fraction: None)
    requests, volunteers, open_proposals = facts.planning_facts(organisation)
    table = vectorised.tables(volunteers, requests)
    report(0.3)
    found = vectorised.candidates(table, facts.weights_for(organisation), top_k=top_k)
    report(0.6)
    capacity = np.array(
        [v.assignments_left - open_proposals.get(v.id, 0) for v in volunteers], dtype=np.int64
    )
    scores = np.round(found.score, 3)
    best = optimise.optimal_arrays(found.volunteer, found.request, scores, capacity)
    # requests come first come, first served: `requests` is in order of arrival
    first_come = optimise.greedy_arrays(
        found.volunteer, found.request, scores, capacity, np.arange(len(requests))
    )
    report(0.85)
    return Plan(
        requests_considered=len(requests),
        volunteers_considered=int(found.considered.sum()),
        request_ids=table.requests.ids,
        volunteer_ids=table.volunteers.ids,
        candidates=found,
        capacity=capacity,
        best=best,
        first_come=first_come,
    )
