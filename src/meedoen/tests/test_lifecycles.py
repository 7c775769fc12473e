"""Every lifecycle table: complete, consistent with its model, and checked exactly as written.

The same properties for assignments, hours, concerns, handovers and match proposals: every
status can be reached from where a new one starts, nothing leaves a final status, every other
status has a way on, a step's target is a status of the table, people the table does not name
are refused, and a reason is asked exactly where the table says.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meedoen.engagements import lifecycles
from meedoen.engagements.models import Assignment, Concern, Handover, HoursEntry
from meedoen.matching import proposals
from meedoen.matching.models import MatchProposal
from meedoen.requests import referrals
from meedoen.requests.models import ProfessionalReferral
from meedoen.transitions import Lifecycle, TransitionError

TABLES = {
    "assignment": (lifecycles.ASSIGNMENT, Assignment.Status),
    "hours": (lifecycles.HOURS, HoursEntry.Status),
    "concern": (lifecycles.CONCERN, Concern.Status),
    "handover": (lifecycles.HANDOVER, Handover.Status),
    "proposal": (proposals.PROPOSAL, MatchProposal.Status),
    "referral": (referrals.REFERRAL, ProfessionalReferral.Status),
}
tables = st.sampled_from(sorted(TABLES))
strangers = st.sets(st.sampled_from(["citizen", "policy_officer", "stranger", ""]), min_size=1)


def table(name: str) -> Lifecycle:
    return TABLES[name][0]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_table_has_the_models_statuses_and_labels(name):
    lifecycle, status = TABLES[name]
    assert {k: str(v) for k, v in lifecycle.statuses.items()} == dict(status.choices)
    assert lifecycle.starts and lifecycle.starts <= set(status.values)
    assert lifecycle.final and lifecycle.final <= set(status.values)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_step_goes_between_statuses_of_the_table(name):
    lifecycle = table(name)
    for s in lifecycle.steps.values():
        assert s.sources and s.sources <= set(lifecycle.statuses)
        assert s.target in lifecycle.statuses
        assert s.actors and str(s.label)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_status_is_reachable_from_the_start(name):
    lifecycle = table(name)
    assert lifecycle.reachable() == set(lifecycle.statuses)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_final_statuses_have_no_way_out_and_the_others_have_one(name):
    lifecycle = table(name)
    for status in lifecycle.statuses:
        ways = lifecycle.available(status, lifecycle.actors)
        if status in lifecycle.final:
            assert ways == []
        else:
            assert any(s.target != status for s in ways)
    assert lifecycle.open == set(lifecycle.statuses) - lifecycle.final


@given(tables, st.data())
def test_check_allows_exactly_what_the_table_says(name, data):
    lifecycle = table(name)
    step_name = data.draw(st.sampled_from(sorted(lifecycle.steps)))
    status = data.draw(st.sampled_from(sorted(lifecycle.statuses)))
    who = data.draw(st.sets(st.sampled_from(sorted(lifecycle.actors | {"stranger"}))))
    reason = data.draw(st.text(max_size=5))
    s = lifecycle.steps[step_name]
    allowed = (
        status in s.sources
        and bool(s.actors & who)
        and (not s.reason_required or bool(reason.strip()))
    )
    try:
        taken = lifecycle.check(step_name, status, who, reason)
    except TransitionError as exc:
        assert not allowed
        assert str(exc)  # the refusal says why
    else:
        assert allowed
        assert taken.target in lifecycle.statuses
        assert step_name in lifecycle.names(status, who)


@given(tables, st.data(), strangers)
def test_people_the_table_does_not_name_are_refused(name, data, who):
    lifecycle = table(name)
    status = data.draw(st.sampled_from(sorted(lifecycle.statuses)))
    step_name = data.draw(st.sampled_from(sorted(lifecycle.steps)))
    assert lifecycle.available(status, who) == []
    with pytest.raises(TransitionError):
        lifecycle.check(step_name, status, who, "a reason")
    with pytest.raises(TransitionError):
        lifecycle.check("no such step", status, lifecycle.actors, "a reason")


@given(tables, st.data())
def test_a_walk_through_the_table_ends_only_in_a_final_status(name, data):
    """Whatever the order of the steps, the object stays in the table's statuses, and it
    stops only where the table says it ends."""
    lifecycle = table(name)
    status = data.draw(st.sampled_from(sorted(lifecycle.starts)))
    for _ in range(12):
        ways = lifecycle.available(status, lifecycle.actors)
        if not ways:
            break
        chosen = data.draw(st.sampled_from(ways))
        if chosen.reason_required:
            with pytest.raises(TransitionError):
                lifecycle.check(chosen.name, status, lifecycle.actors, "  ")
        status = lifecycle.check(chosen.name, status, chosen.actors, "why").target
        assert status in lifecycle.statuses
    else:
        return
    assert status in lifecycle.final


def test_a_concern_is_resolved_only_after_someone_acknowledged_it():
    concern = lifecycles.CONCERN
    responder = {lifecycles.RESPONDER}
    assert concern.names(lifecycles.OPEN, responder) == {"acknowledge"}
    assert concern.names(lifecycles.ACKNOWLEDGED, responder) == {"resolve"}
    with pytest.raises(TransitionError):
        concern.check("resolve", lifecycles.OPEN, responder, "Gebeld en geregeld.")
    with pytest.raises(TransitionError):
        concern.check("escalate", lifecycles.OPEN, responder)  # only the scheduled job
    with pytest.raises(TransitionError):
        concern.check("escalate", lifecycles.ACKNOWLEDGED, {lifecycles.SYSTEM})


def test_volunteers_answer_proposals_and_correct_hours_and_nothing_else():
    volunteer = {proposals.VOLUNTEER}
    answers = set().union(*(proposals.PROPOSAL.names(s, volunteer) for s in proposals.OPEN))
    assert answers == {"accept", "decline"}
    own_hours = {lifecycles.VOLUNTEER}
    corrections = set().union(
        *(lifecycles.HOURS.names(s, own_hours) for s in lifecycles.HOURS.open)
    )
    assert corrections == {"correct"}
