"""Global matching is exact, respects every capacity, and never does worse than first-come."""

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from meedoen.matching.optimise import Pair, greedy, optimal

pairs_strategy = st.lists(
    st.builds(
        Pair,
        volunteer=st.integers(1, 4),
        request=st.integers(1, 5),
        score=st.floats(min_value=0.5, max_value=100).map(lambda s: round(s, 3)),
    ),
    max_size=9,
    unique_by=lambda p: (p.volunteer, p.request),
)
capacities = st.dictionaries(st.integers(1, 4), st.integers(0, 2), min_size=4, max_size=4)


def valid(chosen, capacity):
    requests = [p.request for p in chosen]
    if len(requests) != len(set(requests)):
        return False
    return all(
        sum(1 for p in chosen if p.volunteer == v) <= capacity.get(v, 0)
        for v in {p.volunteer for p in chosen}
    )


def brute_force_best(pairs, capacity):
    best = 0.0
    for size in range(len(pairs) + 1):
        for subset in combinations(pairs, size):
            if valid(subset, capacity):
                best = max(best, sum(p.score for p in subset))
    return best


@settings(max_examples=200, deadline=None)
@given(pairs_strategy, capacities)
def test_the_optimum_is_exact_feasible_and_never_below_greedy(pairs, capacity):
    result = optimal(pairs, capacity)
    assert set(result.pairs) <= set(pairs), "only pairs that were feasible"
    assert valid(result.pairs, capacity)
    assert abs(result.total - brute_force_best(pairs, capacity)) < 0.01
    order = sorted({p.request for p in pairs})
    first_come = greedy(pairs, capacity, order)
    assert valid(first_come.pairs, capacity)
    assert result.total >= first_come.total - 1e-6


def test_the_optimum_can_match_more_than_first_come():
    # Request 1 comes first and takes volunteer 1, whom request 2 needed most.
    pairs = [Pair(1, 1, 10), Pair(2, 1, 9), Pair(1, 2, 8)]
    capacity = {1: 1, 2: 1}
    assert greedy(pairs, capacity, [1, 2]).matched == 1
    best = optimal(pairs, capacity)
    assert best.matched == 2 and best.total == 17


@settings(max_examples=100, deadline=None)
@given(pairs_strategy, capacities)
def test_independent_parts_solved_apart_give_the_same_optimum(pairs, capacity):
    from meedoen.matching import optimise

    whole = optimal(pairs, capacity).total
    saved, optimise.PART_ARCS = optimise.PART_ARCS, 1  # every part a flow of its own
    try:
        apart = optimal(pairs, capacity)
    finally:
        optimise.PART_ARCS = saved
    assert valid(apart.pairs, capacity)
    assert abs(apart.total - whole) < 0.01
