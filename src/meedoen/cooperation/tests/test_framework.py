"""The scoring of the framework self-assessment: profiles, axis, organisation type,
perspectives, divergences, practices and advice."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from meedoen.cooperation import framework as fw
from meedoen.cooperation.framework import (
    Context,
    Dimension,
    Model,
    OrganisationType,
    Perspective,
    Response,
)


def answers_for(model: Model, *, leaning: Model | None = None, **extra: int) -> dict[str, int]:
    """Strongly agree with the statements typical of `model`, agree a little with those of
    `leaning`, disagree with the rest."""
    answers = {}
    for statement in fw.STATEMENTS:
        if statement.model is model:
            answers[statement.key] = 5
        elif statement.model is leaning:
            answers[statement.key] = 3
        else:
            answers[statement.key] = 1
    answers.update(extra)
    return answers


# Written from the report's description of each model (2.4, table; 3.4).
SUBSTITUTION = {
    # Volunteers take over tasks, professionals support them, tasks are shed to save costs,
    # management professionalises volunteer work.
    "volunteer_1": 5, "volunteer_2": 3, "volunteer_3": 1, "volunteer_4": 1,
    "professional_1": 5, "professional_2": 2, "professional_3": 1, "professional_4": 1,
    "relationship_1": 5, "relationship_2": 2, "relationship_3": 1, "relationship_4": 1,
    "management_1": 5, "management_2": 3, "management_3": 1, "management_4": 1,
    "vision_gaps": 5, "vision_goals": 5, "vision_value": 2, "vision_wishes": 1,
    "responsible": 4, "work": 2,
}  # fmt: skip
RESOURCES = {
    # Nursing home: professionals lead and do the care, volunteers support within clear
    # agreements, management runs a volunteer policy.
    "volunteer_1": 1, "volunteer_2": 5, "volunteer_3": 2, "volunteer_4": 1,
    "professional_1": 1, "professional_2": 5, "professional_3": 2, "professional_4": 1,
    "relationship_1": 1, "relationship_2": 5, "relationship_3": 2, "relationship_4": 1,
    "management_1": 2, "management_2": 5, "management_3": 1, "management_4": 1,
    "vision_gaps": 4, "vision_goals": 4, "vision_value": 3, "vision_wishes": 2,
    "responsible": 5, "work": 4,
}  # fmt: skip
DIALOGUE = {
    # Mutual interest, facilitated by the municipality; agreements negotiated.
    "volunteer_1": 1, "volunteer_2": 2, "volunteer_3": 5, "volunteer_4": 2,
    "professional_1": 1, "professional_2": 1, "professional_3": 5, "professional_4": 2,
    "relationship_1": 1, "relationship_2": 2, "relationship_3": 5, "relationship_4": 2,
    "management_1": 1, "management_2": 2, "management_3": 5, "management_4": 2,
    "vision_gaps": 2, "vision_goals": 2, "vision_value": 5, "vision_wishes": 4,
    "responsible": 3, "work": 3,
}  # fmt: skip
NO_STEERING = {
    # A client-run organisation: its own initiative, no steering from outside, equals.
    "volunteer_1": 1, "volunteer_2": 1, "volunteer_3": 2, "volunteer_4": 5,
    "professional_1": 1, "professional_2": 1, "professional_3": 1, "professional_4": 5,
    "relationship_1": 1, "relationship_2": 1, "relationship_3": 2, "relationship_4": 5,
    "management_1": 1, "management_2": 1, "management_3": 2, "management_4": 5,
    "vision_gaps": 1, "vision_goals": 1, "vision_value": 5, "vision_wishes": 5,
    "responsible": 1, "work": 2,
}  # fmt: skip


def people(perspective: Perspective, answers: dict[str, int], n: int = 3) -> list[Response]:
    return [Response(perspective, answers) for _ in range(n)]


def test_every_question_has_its_place() -> None:
    keys = [s.key for s in fw.STATEMENTS]
    assert len(keys) == len(set(keys)) == 16
    for dimension in Dimension:
        models = {s.model for s in fw.STATEMENTS if s.dimension is dimension}
        assert models == set(Model)


def test_each_models_description_comes_out_on_top() -> None:
    for answers, model in (
        (SUBSTITUTION, Model.SUBSTITUTION),
        (RESOURCES, Model.RESOURCES),
        (DIALOGUE, Model.DIALOGUE),
        (NO_STEERING, Model.NO_STEERING),
    ):
        score = fw.score_group([Response(Perspective.MANAGEMENT, answers)])
        assert score.overall is not None
        assert fw.top(score.overall) is model
        assert score.overall[model] > 50
        for profile in score.dimensions.values():
            assert profile is not None and fw.top(profile) is model


def test_the_vision_places_models_on_the_axis() -> None:
    axis = {
        model: fw.score_group([Response(Perspective.MANAGEMENT, answers)]).vision
        for answers, model in (
            (SUBSTITUTION, Model.SUBSTITUTION),
            (RESOURCES, Model.RESOURCES),
            (DIALOGUE, Model.DIALOGUE),
            (NO_STEERING, Model.NO_STEERING),
        )
    }
    assert axis[Model.SUBSTITUTION] < axis[Model.RESOURCES] < 50  # type: ignore[operator]
    assert 50 < axis[Model.DIALOGUE] < axis[Model.NO_STEERING]  # type: ignore[operator]
    assert axis[Model.NO_STEERING] == 100


def test_mixed_answers_give_a_mix() -> None:
    mixed = answers_for(Model.RESOURCES, leaning=Model.DIALOGUE)
    score = fw.score_group([Response(Perspective.PROFESSIONALS, mixed)])
    assert score.overall is not None
    assert math.isclose(score.overall[Model.RESOURCES], 200 / 3)
    assert math.isclose(score.overall[Model.DIALOGUE], 100 / 3)
    assert score.overall[Model.SUBSTITUTION] == 0
    # Two people who each answer one model make an even mix of the two.
    two = fw.score_group(
        [Response(Perspective.VOLUNTEERS, DIALOGUE), Response(Perspective.VOLUNTEERS, NO_STEERING)]
    )
    assert two.overall is not None
    assert 35 < two.overall[Model.DIALOGUE] < 65
    assert 35 < two.overall[Model.NO_STEERING] < 65
    assert two.overall[Model.DIALOGUE] + two.overall[Model.NO_STEERING] > 85
    assert sum(fw.percentages(two.overall).values()) == 100


def test_disagreeing_with_everything_is_an_even_spread() -> None:
    nothing = {s.key: 1 for s in fw.STATEMENTS}
    assert fw.dimension_profile(nothing, Dimension.VOLUNTEER) == fw.even()


def test_professionals_in_dialogue_and_volunteers_as_substitutes_diverge() -> None:
    volunteers = [
        Response(Perspective.VOLUNTEERS, SUBSTITUTION),
        Response(Perspective.VOLUNTEERS, RESOURCES),
        Response(Perspective.VOLUNTEERS, answers_for(Model.SUBSTITUTION, leaning=Model.RESOURCES)),
    ]
    professionals = people(Perspective.PROFESSIONALS, DIALOGUE)
    result = fw.assess(volunteers + professionals)
    assert set(result.perspectives) == {"volunteers", "professionals"}
    found = {d.dimension for d in result.divergences}
    assert found == set(Dimension)
    for divergence in result.divergences:
        assert divergence.difference >= fw.DIVERGENCE_THRESHOLD
        assert divergence.first == "volunteers" and divergence.second == "professionals"
        assert divergence.first_top in (Model.SUBSTITUTION, Model.RESOURCES)
        assert divergence.second_top is Model.DIALOGUE
    assert "perspectives_differ" in {a.key for a in result.advice}


def test_perspectives_that_agree_do_not_diverge() -> None:
    result = fw.assess(
        people(Perspective.VOLUNTEERS, RESOURCES) + people(Perspective.PROFESSIONALS, RESOURCES)
    )
    assert result.divergences == []
    assert "perspectives_differ" not in {a.key for a in result.advice}


def test_a_client_run_organisation_without_outside_steering() -> None:
    result = fw.assess(
        people(Perspective.VOLUNTEERS, NO_STEERING, 4)
        + people(Perspective.MANAGEMENT, {**NO_STEERING, "work": 1}, 3),
        Context.BETWEEN_ORGANISATIONS,
    )
    assert result.everyone.overall is not None
    assert fw.top(result.everyone.overall) is Model.NO_STEERING
    assert result.everyone.organisation_type is OrganisationType.VOLUNTEERS_SUPPORTED
    assert result.closest[0][0].key in {"client_run", "village_cooperative"}
    keys = {a.key for a in result.advice}
    assert {"professional_support", "losing_character", "say_what_you_want"} <= keys
    assert "filling_gaps" not in keys


def test_the_organisation_types_follow_responsibility_and_work() -> None:
    assert fw.organisation_type(1, 1) is OrganisationType.VOLUNTEERS_ONLY
    assert fw.organisation_type(1.5, 2.5) is OrganisationType.VOLUNTEERS_SUPPORTED
    assert fw.organisation_type(4, 3.5) is OrganisationType.PROFESSIONALS_SUPPORTED
    assert fw.organisation_type(5, 5) is OrganisationType.PROFESSIONALS_ONLY
    assert fw.organisation_type(None, 3) is None


def test_small_groups_are_merged_into_others_and_hidden_below_three() -> None:
    responses = (
        people(Perspective.VOLUNTEERS, RESOURCES, 3)
        + people(Perspective.PROFESSIONALS, RESOURCES, 2)
        + people(Perspective.MUNICIPALITY, DIALOGUE, 1)
    )
    shown = fw.groups(responses)
    assert set(shown) == {"volunteers", fw.OTHERS}
    assert len(shown[fw.OTHERS]) == 3
    assert set(fw.groups(responses[:5])) == {"volunteers"}


def test_each_practice_is_closest_to_itself() -> None:
    for practice in fw.PRACTICES:
        score = fw.GroupScore(1, dict(practice.dimensions), practice.overall, None, None, None)
        nearest, distance = fw.closest(score)[0]
        assert nearest is practice and distance == 0


def test_the_nursing_home_answers_are_closest_to_the_nursing_home() -> None:
    result = fw.assess(people(Perspective.PROFESSIONALS, RESOURCES))
    assert result.closest[0][0].key == "nursing_home"
    keys = {a.key for a in result.advice}
    assert {"volunteer_policy", "room_to_grow", "shared_vision"} <= keys


def test_advice_follows_the_context_and_cites_the_report() -> None:
    result = fw.assess(people(Perspective.VOLUNTEERS, RESOURCES), Context.REINTEGRATION)
    keys = {a.key for a in result.advice}
    assert {"extra_guidance", "pay_for_guidance"} <= keys
    assert "safety_net" not in keys
    sections = {"2.4", "3.4.1", "3.5.1", "3.5.2", "4.1", "4.3", "4.4", "4.5", "4.6", "4.7", "5.4"}
    assert {a.section for a in fw.ADVICE} <= sections


def test_words_and_deeds_apart() -> None:
    # An expressive vision with an instrumental way of working (the Dordrecht gap).
    answers = {
        **RESOURCES,
        "vision_gaps": 1,
        "vision_goals": 1,
        "vision_value": 5,
        "vision_wishes": 5,
    }
    result = fw.assess(people(Perspective.MUNICIPALITY, answers))
    assert "words_and_deeds" in {a.key for a in result.advice}
    assert "words_and_deeds" not in {
        a.key for a in fw.assess(people(Perspective.MUNICIPALITY, RESOURCES)).advice
    }


def test_movement_between_rounds() -> None:
    before = fw.score_group(people(Perspective.VOLUNTEERS, NO_STEERING))
    after = fw.score_group(people(Perspective.VOLUNTEERS, DIALOGUE))
    moved = fw.movement(before, after)
    assert moved[0].dimension is None
    model, _change = moved[0].largest
    assert model in (Model.NO_STEERING, Model.DIALOGUE)
    assert moved[0].changes[Model.DIALOGUE] > 30 and moved[0].changes[Model.NO_STEERING] < -30
    assert math.isclose(sum(moved[0].changes.values()), 0, abs_tol=1e-9)


answer = st.integers(min_value=1, max_value=5)
answers_strategy = st.fixed_dictionaries({key: answer for key in fw.QUESTION_KEYS})
response_strategy = st.builds(Response, st.sampled_from(list(Perspective)), answers_strategy)


@settings(max_examples=60, deadline=None)
@given(st.lists(response_strategy, min_size=1, max_size=8))
def test_profiles_always_sum_to_a_hundred(responses: list[Response]) -> None:
    result = fw.assess(responses)
    scores = [result.everyone, *result.perspectives.values()]
    for score in scores:
        profiles = [score.overall, *score.dimensions.values()]
        for profile in profiles:
            assert profile is not None
            assert math.isclose(sum(profile.values()), 100, abs_tol=1e-6)
            assert all(0 <= share <= 100 + 1e-9 for share in profile.values())
            assert sum(fw.percentages(profile).values()) == 100
        assert score.vision is not None and 0 <= score.vision <= 100


@settings(max_examples=40, deadline=None)
@given(st.lists(response_strategy, min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_scoring_does_not_depend_on_the_order_of_participants(responses, random) -> None:
    shuffled = list(responses)
    random.shuffle(shuffled)
    a, b = fw.assess(responses), fw.assess(shuffled)

    def rounded(score: fw.GroupScore) -> tuple:
        return (
            score.count,
            tuple(round(v, 6) for p in score.dimensions.values() if p for v in p.values()),
            None if score.vision is None else round(score.vision, 6),
            score.organisation_type,
        )

    assert rounded(a.everyone) == rounded(b.everyone)
    assert {k: rounded(v) for k, v in a.perspectives.items()} == {
        k: rounded(v) for k, v in b.perspectives.items()
    }
    assert [(d.dimension, d.first, d.second) for d in a.divergences] == [
        (d.dimension, d.first, d.second) for d in b.divergences
    ]
    assert [x.key for x in a.advice] == [x.key for x in b.advice]
    assert [p.key for p, _ in a.closest] == [p.key for p, _ in b.closest]
