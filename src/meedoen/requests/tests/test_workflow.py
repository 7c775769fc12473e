"""The transition table: every step from the right states, by the right people, with reasons."""

from hypothesis import given
from hypothesis import strategies as st

from meedoen.requests import workflow
from meedoen.requests.models import HelpRequest

statuses = st.sampled_from(sorted(HelpRequest.Status.values))
actors = st.sets(
    st.sampled_from([workflow.REQUESTER, workflow.HANDLER, workflow.DESK, workflow.SYSTEM])
)
steps = st.sampled_from(sorted(workflow.TRANSITIONS))


def test_the_table_only_names_known_statuses():
    known = set(HelpRequest.Status.values)
    for step in workflow.TRANSITIONS.values():
        assert step.sources <= known and step.target in known
    assert set(workflow.STATUS_LABELS) == known == set(workflow.PLAIN_STATUS)


@given(steps, statuses, actors, st.text(max_size=5))
def test_check_allows_exactly_what_the_table_says(name, status, who, reason):
    step = workflow.TRANSITIONS[name]
    allowed = (
        status in step.sources
        and bool(step.actors & who)
        and (not step.reason_required or bool(reason.strip()))
    )
    try:
        workflow.check(name, status, who, reason)
    except workflow.TransitionError as exc:
        assert not allowed
        assert str(exc)  # the refusal says why
    else:
        assert allowed


@given(statuses)
def test_nothing_leaves_a_final_state_except_nothing(status):
    if status in workflow.FINAL:
        assert (
            workflow.available(
                status, {workflow.REQUESTER, workflow.HANDLER, workflow.DESK, workflow.SYSTEM}
            )
            == []
        )


def test_requesters_can_only_withdraw():
    for status in HelpRequest.Status.values:
        names = {t.name for t in workflow.available(status, {workflow.REQUESTER})}
        assert names <= {"withdraw"}


def test_readiness_needs_a_responsible_professional_at_self_reliance_one_or_two():
    base = {"has_activities": True, "closed_activities": []}
    assert workflow.readiness_problems(**base, self_reliance=2, has_responsible_professional=False)
    assert not workflow.readiness_problems(
        **base, self_reliance=2, has_responsible_professional=True
    )
    assert not workflow.readiness_problems(
        **base, self_reliance=4, has_responsible_professional=False
    )
    assert workflow.readiness_problems(
        **base, self_reliance=None, has_responsible_professional=True
    )
    assert workflow.readiness_problems(
        has_activities=True,
        closed_activities=["Wassen"],
        self_reliance=4,
        has_responsible_professional=False,
    )
