"""Global matching judges pairs with numpy; `rules.judge` is the reference it must agree with."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meedoen import availability
from meedoen.catalogue import policy
from meedoen.matching import rules, vectorised
from meedoen.matching.tests import strategies as s

ROUNDING = 0.0005 + 1e-9  # judge rounds its score to three decimals


def random_volunteer(rng: random.Random, n: int) -> rules.Volunteer:
    return rules.Volunteer(
        id=n,
        organisation_ids=frozenset(rng.sample([1, 2, 3], rng.randint(0, 2))),
        skills=frozenset(rng.sample(s.SKILLS, rng.randint(0, 3))),
        wants=frozenset(rng.sample(s.CODES, rng.randint(0, 4))),
        motives=frozenset(rng.sample([*s.MOTIVES, "useful-occupation"], rng.randint(0, 3))),
        availability=rng.getrandbits(len(availability.SLOTS)) & rng.getrandbits(21),
        latitude=rng.uniform(51.45, 51.55),
        longitude=rng.uniform(5.35, 5.45),
        travel_km=rng.choice([0.0, 1.5, 3.0, 5.0, 8.0, rng.uniform(0, 10)]),
        languages=frozenset(rng.sample(s.LANGS, rng.randint(1, 2))),
        hours_left=rng.choice([0.0, 1.0, 2.0, 4.0, rng.uniform(0, 8)]),
        assignments_left=rng.choice([0, 1, 1, 2, 3]),
        vog_valid=rng.random() < 0.8,
        helped=frozenset(rng.sample(range(1, 6), rng.randint(0, 2))),
        recent_load=rng.randint(0, 5),
    )


def random_request(rng: random.Random, n: int) -> rules.Request:
    codes = rng.sample(s.CODES, rng.choice([0, 1, 1, 2, 3]))
    return rules.Request(
        id=n,
        organisation_ids=frozenset(rng.sample([1, 2, 3], rng.randint(1, 2))),
        policy=policy.Policy(rng.choice(list(policy.CareLevel))),
        activities=tuple(s.activity(c) for c in codes),
        self_reliance=rng.choice([None, 1, 2, 3, 4, 5]),
        has_responsible_professional=rng.random() < 0.5,
        needs_vog=rng.random() < 0.4,
        required_skills=frozenset({"driving"} if "transport" in codes else ()),
        availability=rng.getrandbits(21),
        latitude=rng.uniform(51.45, 51.55),
        longitude=rng.uniform(5.35, 5.45),
        languages=frozenset(rng.sample(s.LANGS, rng.randint(0, 2))),
        hours_needed=rng.choice([0.5, 1.0, 2.0, 3.0]),
        waiting_days=rng.randint(0, 120),
        urgent=rng.random() < 0.2,
        person=rng.choice([None, 1, 2, 3, 4, 5]),
    )


def assert_agree(volunteers, requests, weights=rules.DEFAULT_WEIGHTS):
    """Every pair: feasible in both or in neither, and then the same score."""
    found = vectorised.candidates(vectorised.tables(volunteers, requests), weights, top_k=None)
    fast = {
        (volunteers[v].id, requests[r].id): score
        for v, r, score in zip(
            found.volunteer.tolist(), found.request.tolist(), found.score.tolist(), strict=True
        )
    }
    feasible = 0
    for r in requests:
        for v in volunteers:
            verdict = rules.judge(v, r, weights)
            assert verdict.feasible == ((v.id, r.id) in fast), (v, r, verdict.problems)
            if verdict.feasible:
                feasible += 1
                assert fast[(v.id, r.id)] == pytest.approx(verdict.score, abs=ROUNDING)
    return feasible


def test_vectorised_rules_agree_with_the_reference_on_thousands_of_random_pairs():
    rng = random.Random(2026)
    volunteers = [random_volunteer(rng, n) for n in range(1, 401)]
    requests = [random_request(rng, n) for n in range(1, 101)]  # 40,000 pairs
    feasible = assert_agree(volunteers, requests)
    assert feasible > 500  # the rules let enough pairs through to compare scores


def test_organisation_weights_are_applied_alike():
    rng = random.Random(7)
    weights = rules.Weights(activity=0, distance=100, continuity=40, load=0, urgency=3.5)
    volunteers = [random_volunteer(rng, n) for n in range(1, 101)]
    requests = [random_request(rng, n) for n in range(1, 31)]
    assert assert_agree(volunteers, requests, weights) > 50


@settings(max_examples=60, deadline=None)
@given(
    st.lists(s.volunteers, min_size=1, max_size=12, unique_by=lambda v: v.id),
    st.lists(s.requests, min_size=1, max_size=6, unique_by=lambda r: r.id),
)
def test_vectorised_rules_agree_on_edge_cases(volunteers, requests):
    assert_agree(volunteers, requests)


def test_pruning_keeps_each_requests_best_feasible_volunteers():
    rng = random.Random(11)
    volunteers = [random_volunteer(rng, n) for n in range(1, 301)]
    requests = [random_request(rng, n) for n in range(1, 41)]
    table = vectorised.tables(volunteers, requests)
    everyone = vectorised.candidates(table, top_k=None)
    best = vectorised.candidates(table, top_k=3)
    for r in range(len(requests)):
        all_scores = np.sort(everyone.score[everyone.request == r])[::-1]
        kept = np.sort(best.score[best.request == r])[::-1]
        assert kept.tolist() == pytest.approx(all_scores[:3].tolist())


def test_suggestions_judged_as_a_block_are_the_references_on_hundreds_of_requests():
    """A coordinator's suggestions come from the block: the same volunteers, in the same
    order, with the same verdicts as `rules.suggest` judging each one; also when many share a
    score (volunteers living in the same place with the same facts)."""
    rng = random.Random(11)
    compared = 0
    for n in range(400):
        volunteers = [random_volunteer(rng, i) for i in range(rng.randint(0, 120))]
        if n % 4 == 0:  # a crowd of equals: ties broken by id, as the reference does
            twin = random_volunteer(rng, 0)
            volunteers = [
                rules.Volunteer(**{**twin.__dict__, "id": i}) for i in range(rng.randint(1, 60))
            ]
        r = random_request(rng, n)
        limit = rng.choice([1, 3, 10])
        expected = rules.suggest(volunteers, r, limit=limit)
        assert vectorised.suggest(volunteers, r, limit=limit) == expected
        compared += len(expected) > 1
    assert compared > 25  # enough requests had several suggestions to order


def test_suggestions_from_the_block_break_near_ties_as_the_reference_does():
    """Volunteers a few centimetres apart score within a thousandth of each other, across
    the reference's rounding to three decimals: the reference orders equal rounded scores by
    id, so a volunteer whose block score is a little lower can still come first, and must be
    on the short list the block hands to the reference."""
    rng = random.Random(5)
    r = random_request(rng, 1)
    r = rules.Request(
        **{
            **r.__dict__,
            "activities": (s.activity("visiting"),),
            "required_skills": frozenset(),
            "self_reliance": 5,
            "policy": policy.Policy(policy.CareLevel.WELFARE),
            "languages": frozenset(),
            "needs_vog": False,
            "availability": 1,
        }
    )
    twin = random_volunteer(rng, 0)
    base = {
        **twin.__dict__,
        "organisation_ids": r.organisation_ids,
        "availability": 1,
        "travel_km": 5.0,
        "hours_left": 8.0,
        "assignments_left": 3,
        "latitude": r.latitude,
        "longitude": r.longitude,
    }
    for step in (1e-7, 2.3e-7, 4.1e-7):  # score steps of about 0.0001 to 0.0002
        volunteers = [
            rules.Volunteer(**{**base, "id": 200 - n, "latitude": r.latitude + 0.001 + n * step})
            for n in range(120)
        ]
        for limit in (1, 3, 10):
            expected = rules.suggest(volunteers, r, limit=limit)
            assert len(expected) == limit
            assert vectorised.suggest(volunteers, r, limit=limit) == expected
