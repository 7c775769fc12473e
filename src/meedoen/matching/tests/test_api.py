"""Proposals and matching runs through the API."""

from __future__ import annotations

from rest_framework.test import APIClient

from meedoen.matching.jobs import run_global_matching
from meedoen.matching.tests.test_proposals import ready  # noqa: F401  (fixture)
from meedoen.matching.tests.test_suggestions import volunteer
from meedoen.organisations.models import Organisation


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_propose_and_accept_through_the_api(world, ready):  # noqa: F811
    help_request = ready()
    anna = volunteer(world, "anna", world.organisation)
    coordinator = api_for(world.people["coordinator"])
    created = coordinator.post(
        "/api/v1/match-proposals",
        {"help_request": help_request.pk, "volunteer": anna.pk},
        format="json",
    )
    assert created.status_code == 201
    proposal_id = created.json()["id"]
    assert (
        api_for(world.people["stranger"]).get(f"/api/v1/match-proposals/{proposal_id}").status_code
        == 404
    )
    mine = api_for(anna.user).get("/api/v1/match-proposals").json()["results"]
    assert [p["id"] for p in mine] == [proposal_id]
    assert "Truus" in mine[0]["summary"]
    no_reason = api_for(anna.user).post(
        f"/api/v1/match-proposals/{proposal_id}/decline", {}, format="json"
    )
    assert no_reason.status_code == 409
    accepted = api_for(anna.user).post(
        f"/api/v1/match-proposals/{proposal_id}/accept", {}, format="json"
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    help_request.refresh_from_db()
    assert help_request.status == "matched"


def test_matching_runs_through_the_api(world, ready):  # noqa: F811
    ready()
    anna = volunteer(world, "anna", world.organisation)
    coordinator = api_for(world.people["coordinator"])
    run = coordinator.post(
        "/api/v1/matching-runs", {"organisation": world.organisation.pk}, format="json"
    )
    assert run.status_code == 202
    assert run.json()["status"] == "queued" and run.json()["progress"] == 0
    again = coordinator.post(
        "/api/v1/matching-runs", {"organisation": world.organisation.pk}, format="json"
    )
    assert again.status_code == 409
    run_global_matching(run.json()["id"])  # what the worker does
    body = coordinator.get(f"/api/v1/matching-runs/{run.json()['id']}").json()
    assert body["status"] == "proposed" and body["progress"] == 100
    assert body["matched"] == 1 and body["pairs"][0]["profile"] == anna.pk
    assert (
        api_for(world.people["stranger"]).get(f"/api/v1/matching-runs/{body['id']}").status_code
        == 404
    )
    other = coordinator.post(
        "/api/v1/matching-runs", {"organisation": world.other_organisation.pk}, format="json"
    )
    assert other.status_code == 404
    confirmed = coordinator.post(
        f"/api/v1/matching-runs/{body['id']}/confirm",
        {"pairs": [body["pairs"][0]["id"]]},
        format="json",
    )
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"


def test_organisation_weights_change_the_ranking(world, ready):  # noqa: F811
    from meedoen.matching import selectors

    world.organisation.matching_weights = {"distance": 100, "activity": 0}
    world.organisation.save()
    weights = selectors.weights_for(Organisation.objects.get(pk=world.organisation.pk))
    assert weights.distance == 100 and weights.activity == 0 and weights.skill == 10
