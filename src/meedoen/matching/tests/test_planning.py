"""Global matching reads the same facts as one suggestion does, and stores its result for review."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meedoen import availability
from meedoen.catalogue.models import Activity, Motive, Skill
from meedoen.matching import rules, selectors, services
from meedoen.matching.models import MatchingRun, MatchProposal
from meedoen.matching.tests.test_proposals import ready  # noqa: F401  (fixture)
from meedoen.matching.tests.test_suggestions import volunteer
from meedoen.requests.models import HelpRequest


def request(world, first_name, **fields):
    values = {
        "municipality": world.municipality,
        "area": world.area,
        "organisation": world.organisation,
        "source": "citizen",
        "first_name": first_name,
        "status": "ready",
        "self_reliance": 4,
        "availability": availability.to_mask(["tue-afternoon", "sat-morning"]),
    }
    help_request = HelpRequest.objects.create(**{**values, **fields})
    help_request.activities.set([Activity.objects.get(code="visiting")])
    return help_request


def varied_network(world, n_volunteers=24, n_requests=10, seed=5):
    """Volunteers and requests of the desk's network with every kind of fact varied."""
    rng = random.Random(seed)
    activities = list(Activity.objects.filter(care_level__lte=3))
    motives, skills = list(Motive.objects.all()), list(Skill.objects.all())
    organisations = [world.organisation, world.desk]
    for n in range(n_volunteers):
        profile = volunteer(
            world,
            f"v{seed}-{n}",
            rng.choice(organisations),
            area=rng.choice([world.area, world.other_area]),
            mask=availability.to_mask(rng.sample(availability.SLOTS, rng.randint(1, 8))),
            vog=rng.choice([None, "2025-06-01", "2019-01-01"]),
            travel_km=rng.choice([1, 5, 20]),
            languages=rng.choice(["nl", "nl,en", "ar"]),
        )
        profile.activities.set(rng.sample(activities, 3))
        profile.motives.set(rng.sample(motives, 2))
        profile.skills.set(rng.sample(skills, 2))
    requests = []
    for n in range(n_requests):
        help_request = request(
            world,
            f"R{n}",
            organisation=rng.choice(organisations),
            area=rng.choice([world.area, world.other_area]),
            self_reliance=rng.choice([None, 2, 3, 4, 5]),
            languages=rng.choice(["nl", "", "en,ar"]),
            urgency=rng.choice(["normal", "high"]),
            requester=rng.choice([world.people["citizen"], None]),
        )
        help_request.activities.set(rng.sample(activities, rng.randint(1, 2)))
        requests.append(help_request)
    return requests


def test_planning_reads_the_same_facts_as_one_request_at_a_time(world, ready):  # noqa: F811
    requests = varied_network(world)
    anna = volunteer(world, "anna", world.organisation)
    MatchProposal.objects.create(help_request=requests[0], profile=anna, status="accepted")
    with CaptureQueriesContext(connection) as few:
        request_facts, volunteer_facts, _open = selectors.planning_facts(world.desk)
    queries = len(few)
    assert [r.id for r in request_facts] == [r.pk for r in requests]
    for help_request, facts in zip(requests, request_facts, strict=True):
        assert facts == selectors.request_facts(HelpRequest.objects.get(pk=help_request.pk))
    for facts in volunteer_facts:
        assert facts == selectors.volunteer_fact(facts.id)
    assert anna.pk in {v.id for v in volunteer_facts}

    varied_network(world, n_volunteers=30, n_requests=15, seed=6)
    with CaptureQueriesContext(connection) as more:
        selectors.planning_facts(world.desk)
    assert len(more) == queries  # a fixed number of queries, whatever the size


def test_the_run_holds_the_best_feasible_pairs_by_the_reference_rules(world, ready):  # noqa: F811
    requests = varied_network(world)
    run = services.plan(world.desk, world.people["desk"])
    weights = selectors.weights_for(world.desk)
    by_request = {r.pk: r for r in requests}
    assert run.requests_considered == len(requests)
    for pair in run.pairs.all():
        verdict = rules.judge(
            selectors.volunteer_fact(pair.profile_id),
            selectors.request_facts(by_request[pair.help_request_id]),
            weights,
        )
        assert verdict.feasible and pair.score == verdict.score
    assert run.matched == run.pairs.count() > 0
    assert run.total_score >= run.greedy_score


def test_open_proposals_and_active_assignments_use_up_a_volunteers_room(world, ready):  # noqa: F811
    from meedoen.matching import selectors as facts

    first, second, third = ready("Een"), ready("Twee"), ready("Drie")
    anna = volunteer(world, "anna", world.organisation)
    asked = ready("Gevraagd")
    MatchProposal.objects.create(help_request=asked, profile=anna, status="proposed")
    said_yes = request(world, "Ja", status="matched")
    MatchProposal.objects.create(help_request=said_yes, profile=anna, status="accepted")
    started = request(world, "Bezig", status="matched")
    MatchProposal.objects.create(help_request=started, profile=anna, status="accepted")
    anna.assignments.create(help_request=started, organisation=world.organisation, status="active")
    # three at once at most: one active assignment, two open proposals; no room left
    assert facts.open_proposals(facts.VolunteerProfile.objects.filter(pk=anna.pk)) == {anna.pk: 2}
    run = services.plan(world.organisation)
    assert run.matched == 0
    MatchProposal.objects.filter(help_request=asked).update(status="declined")
    run = services.plan(world.organisation)
    assert run.matched == 1
    assert run.pairs.get().help_request_id in {first.pk, second.pk, third.pk, asked.pk}


def test_a_queued_run_is_filled_in_and_progress_is_told(world, ready):  # noqa: F811
    ready()
    anna = volunteer(world, "anna", world.organisation)
    queued = MatchingRun.objects.create(
        organisation=world.organisation,
        started_by=world.people["coordinator"],
        created_at=timezone.now() - timedelta(minutes=1),
    )
    heard: list[float] = []
    run = services.plan(world.organisation, run=queued, on_progress=heard.append)
    assert run.pk == queued.pk and MatchingRun.objects.count() == 1
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.PROPOSED
    assert run.matched == 1 and run.pairs.get().profile_id == anna.pk
    assert heard == sorted(heard) and heard[-1] == 1.0 and len(heard) >= 4
    assert all(0.0 <= f <= 1.0 for f in heard)
