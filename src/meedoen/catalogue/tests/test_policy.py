"""The boundary policy: welfare yes, formal care no; hard limits whatever the policy says."""

from hypothesis import given
from hypothesis import strategies as st

from meedoen.catalogue.policy import (
    DEFAULT_POLICY,
    Access,
    CareLevel,
    Oversight,
    Policy,
    decide,
)

levels = st.sampled_from(list(CareLevel))
# A stored policy value may be anything an administrator or a bad import left behind.
policies = st.builds(Policy, trained_volunteer_level=st.integers(min_value=-5, max_value=50))
self_reliance = st.one_of(st.none(), st.integers(min_value=1, max_value=5))


@given(policies, st.sampled_from([CareLevel.NURSING, CareLevel.TREATMENT]), self_reliance)
def test_no_policy_opens_reserved_acts_or_treatment_to_volunteers(policy, level, sr):
    decision = decide(policy, level, sr)
    assert decision.access is Access.CLOSED
    assert not decision.volunteer_allowed
    assert decision.reasons[0].code == "professionals_only"


@given(policies, levels, st.integers(min_value=1, max_value=2))
def test_self_reliance_one_or_two_always_requires_a_responsible_professional(policy, level, sr):
    decision = decide(policy, level, sr)
    assert decision.professional_required
    assert decision.oversight is Oversight.PROFESSIONAL
    assert "professional_required" in [r.code for r in decision.reasons]


@given(policies, levels, self_reliance)
def test_nothing_above_personal_care_and_formal_care_only_for_trained_volunteers(policy, level, sr):
    decision = decide(policy, level, sr)
    if level > CareLevel.PERSONAL:
        assert decision.access is Access.CLOSED
    if level > CareLevel.WELFARE:
        assert decision.access is not Access.OPEN
    assert decision.reasons, "every decision says why"


@given(levels, self_reliance)
def test_default_policy_opens_welfare_only(level, sr):
    decision = decide(DEFAULT_POLICY, level, sr)
    assert decision.volunteer_allowed == (level == CareLevel.WELFARE)


def test_widened_policy_opens_personal_care_to_trained_volunteers_only():
    widened = Policy(trained_volunteer_level=CareLevel.PERSONAL)
    assert decide(widened, CareLevel.PERSONAL, 4).access is Access.TRAINED_ONLY
    assert decide(widened, CareLevel.HOUSEHOLD, 4).access is Access.TRAINED_ONLY
    assert decide(widened, CareLevel.WELFARE, 4).access is Access.OPEN
    assert decide(widened, CareLevel.NURSING, 4).access is Access.CLOSED


def test_oversight_follows_self_reliance():
    assert decide(DEFAULT_POLICY, CareLevel.WELFARE, 3).oversight is Oversight.COORDINATOR
    assert decide(DEFAULT_POLICY, CareLevel.WELFARE, 4).oversight is Oversight.NONE
    assert decide(DEFAULT_POLICY, CareLevel.WELFARE, 5).oversight is Oversight.NONE
    unknown = decide(DEFAULT_POLICY, CareLevel.WELFARE, None)
    assert unknown.oversight is Oversight.COORDINATOR
    assert "self_reliance_unknown" in [r.code for r in unknown.reasons]


def test_reasons_are_in_the_users_language():
    from django.utils import translation

    with translation.override("nl"):
        dutch = str(decide(DEFAULT_POLICY, CareLevel.PERSONAL, 2).reasons[0])
    with translation.override("en"):
        english = str(decide(DEFAULT_POLICY, CareLevel.PERSONAL, 2).reasons[0])
    assert "formal care" in english
    assert "formele zorg" in dutch
