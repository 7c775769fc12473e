"""The matching rules: no suggestion is ever infeasible; the boundary comes first."""

from hypothesis import given, settings
from hypothesis import strategies as st

from meedoen import availability
from meedoen.catalogue import policy
from meedoen.matching import rules
from meedoen.matching.tests.strategies import activity, requests, volunteers


@settings(max_examples=100)
@given(st.lists(volunteers, max_size=12), requests)
def test_no_suggestion_is_ever_infeasible(pool, request):
    for volunteer, verdict in rules.suggest(pool, request, limit=50):
        assert verdict.feasible and not rules.problems(volunteer, request)
        # every hard rule, stated once more from the outside:
        assert volunteer.organisation_ids & request.organisation_ids
        assert availability.overlaps(volunteer.availability, request.availability)
        for act in request.activities:
            access = policy.volunteer_access(request.policy, act.level)
            assert access is not policy.Access.CLOSED
            assert access is policy.Access.OPEN or volunteer.trained_for_care
        if request.self_reliance is not None and request.self_reliance <= 2:
            assert request.has_responsible_professional
        if request.needs_vog:
            assert volunteer.vog_valid
        assert (
            rules.distance_km(
                volunteer.latitude, volunteer.longitude, request.latitude, request.longitude
            )
            <= volunteer.travel_km
        )


@given(st.lists(volunteers, max_size=8), requests)
def test_reserved_acts_are_never_matched(pool, request):
    with_medication = rules.Request(
        **{**request.__dict__, "activities": (*request.activities, activity("medication"))}
    )
    assert rules.suggest(pool, with_medication) == []


@given(volunteers, requests)
def test_scores_are_the_weighted_sum_of_their_components(volunteer, request):
    verdict = rules.judge(volunteer, request)
    if verdict.feasible:
        weights = rules.DEFAULT_WEIGHTS.as_dict()
        assert all(0.0 <= value <= 1.0 for value in verdict.components.values())
        expected = sum(weights[name] * value for name, value in verdict.components.items())
        assert abs(verdict.score - expected) < 0.01
    else:
        assert verdict.problems


def test_suggestions_rank_and_explain():
    base = dict(
        organisation_ids=frozenset({1}),
        skills=frozenset(),
        motives=frozenset(),
        availability=availability.ALL,
        latitude=51.5,
        longitude=5.4,
        travel_km=10,
        languages=frozenset({"nl"}),
        hours_left=4,
        assignments_left=2,
        vog_valid=True,
    )
    near = rules.Volunteer(
        id=1, wants=frozenset({"visiting"}), **{**base, "motives": frozenset({"social-contact"})}
    )
    far = rules.Volunteer(id=2, wants=frozenset(), **{**base, "latitude": 51.55})
    request = rules.Request(
        id=9,
        organisation_ids=frozenset({1}),
        policy=policy.DEFAULT_POLICY,
        activities=(activity("visiting"),),
        self_reliance=4,
        has_responsible_professional=False,
        needs_vog=True,
        required_skills=frozenset(),
        availability=availability.to_mask(["mon-morning"]),
        latitude=51.5,
        longitude=5.4,
        languages=frozenset({"nl"}),
    )
    ranked = rules.suggest([far, near], request)
    assert [v.id for v, _ in ranked] == [1, 2]
    assert ranked[0][1].fits and ranked[1][1].misses
