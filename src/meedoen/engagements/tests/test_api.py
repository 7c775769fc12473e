"""The engagement API: scoped like the pages, errors as problem+json."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from meedoen.engagements.services import assignments as services
from meedoen.matching.tests.test_suggestions import volunteer


def api(user=None, language="nl"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(user)
    return client


def test_assignments_are_scoped_and_tell_the_volunteer_only_what_they_need(world, assignment):
    body = api(world.people["volunteer"]).get("/api/v1/assignments").json()
    assert [a["id"] for a in body["results"]] == [assignment.pk]
    one = body["results"][0]
    assert one["first_name"] == "Truus" and "description" not in one
    assert {t["name"] for t in one["tasks"]} == {"Bezoek en gezelschap", "Vervoer"} or len(
        one["tasks"]
    ) == 2
    assert all(t["you_may"] and t["you_may_not"] for t in one["tasks"])
    for role in ("stranger", "citizen", "policy"):
        assert api(world.people[role]).get("/api/v1/assignments").json()["results"] == []
        response = api(world.people[role]).get(f"/api/v1/assignments/{assignment.pk}")
        assert response.status_code == 404
    other = volunteer(world, "bert", world.organisation)
    assert api(other.user).get(f"/api/v1/assignments/{assignment.pk}").status_code == 404
    assert api().get("/api/v1/assignments").status_code == 401


def test_hours_through_the_api(world, assignment):
    url = f"/api/v1/assignments/{assignment.pk}/hours"
    today = timezone.localdate().isoformat()
    created = api(world.people["volunteer"]).post(
        url, {"date": today, "hours": "1.75", "expenses": "3.40"}, format="json"
    )
    assert created.status_code == 201 and created.json()["status"] == "submitted"
    bad = api(world.people["volunteer"], "en").post(
        url, {"date": today, "hours": "40"}, format="json"
    )
    assert bad.status_code == 400
    assert bad["Content-Type"].startswith("application/problem+json")
    assert bad.json()["invalid_params"][0]["name"] == "hours"
    undated = api(world.people["volunteer"], "en").post(url, {"hours": "1"}, format="json")
    assert undated.status_code == 400
    assert [p["name"] for p in undated.json()["invalid_params"]] == ["date"]
    refused = api(world.people["coordinator"], "en").post(
        url, {"date": today, "hours": "1"}, format="json"
    )
    assert refused.status_code == 409 and "own assignment" in refused.json()["detail"]
    listed = api(world.people["coordinator"]).get(url).json()
    assert [h["hours"] for h in listed["results"]] == ["1.75"]


def test_check_ins_through_the_api(world, assignment):
    mine = api(world.people["volunteer"]).get("/api/v1/check-ins").json()["results"]
    assert [c["party"] for c in mine] == ["volunteer"]  # not the check-in with the person
    answered = api(world.people["volunteer"]).post(
        f"/api/v1/check-ins/{mine[0]['id']}/answer",
        {"how_it_goes": "well", "load": "right"},
        format="json",
    )
    assert answered.status_code == 200 and answered.json()["done_at"]
    both = api(world.people["coordinator"]).get("/api/v1/check-ins").json()["results"]
    assert len(both) == 3


def test_the_coordinator_records_the_persons_check_in_but_never_answers_for_the_volunteer(
    world, assignment
):
    coordinator = api(world.people["coordinator"], "en")
    due = {c["party"]: c["id"] for c in coordinator.get("/api/v1/check-ins").json()["results"]}
    answer = {"how_it_goes": "well", "load": "right"}
    for_the_volunteer = coordinator.post(
        f"/api/v1/check-ins/{due['volunteer']}/answer", answer, format="json"
    )
    assert for_the_volunteer.status_code == 409
    assert "cannot record this check-in" in for_the_volunteer.json()["detail"]
    with_the_person = coordinator.post(
        f"/api/v1/check-ins/{due['person']}/answer", answer, format="json"
    )
    assert with_the_person.status_code == 200


def test_concerns_through_the_api(world, manager, assignment):
    created = api(world.people["volunteer"]).post(
        "/api/v1/concerns",
        {
            "assignment": assignment.pk,
            "category": "carer",
            "urgent": True,
            "description": "Dochter is uitgeput.",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["status"] == "open"
    pk = created.json()["id"]
    assert (
        api(world.people["volunteer"]).post(f"/api/v1/concerns/{pk}/acknowledge").status_code == 403
    )
    assert api(world.people["stranger"]).get(f"/api/v1/concerns/{pk}").status_code == 404
    assert api(manager).get(f"/api/v1/concerns/{pk}").status_code == 404  # not escalated yet
    ack = api(world.people["professional"]).post(f"/api/v1/concerns/{pk}/acknowledge")
    assert ack.status_code == 200 and ack.json()["status"] == "acknowledged"
    again = api(world.people["professional"]).post(f"/api/v1/concerns/{pk}/acknowledge")
    assert again.status_code == 409
    resolved = api(world.people["coordinator"]).post(
        f"/api/v1/concerns/{pk}/resolve",
        {"outcome": "Respijtzorg geregeld.", "reply": "Er is hulp voor de dochter geregeld."},
        format="json",
    )
    assert resolved.status_code == 200
    history = [e["kind"] for e in resolved.json()["history"]]
    assert history == ["raised", "acknowledged", "resolved"]


def test_handovers_through_the_api(world, homecare, assignment):
    organisation, nurse = homecare
    created = api(world.people["coordinator"]).post(
        "/api/v1/handovers",
        {
            "assignment": assignment.pk,
            "to_organisation": organisation.pk,
            "part": "Persoonlijke verzorging",
            "note": "Graag intake deze week.",
            "after": "continue",
        },
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api(world.people["stranger"]).get(f"/api/v1/handovers/{pk}").status_code == 404
    assert (
        api(world.people["coordinator"]).post(f"/api/v1/handovers/{pk}/accept").status_code == 409
    )
    accepted = api(nurse).post(
        f"/api/v1/handovers/{pk}/accept", {"answer": "Akkoord"}, format="json"
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assignment.refresh_from_db()
    assert assignment.is_active  # the volunteer goes on alongside, as agreed


@pytest.mark.parametrize("language", ["nl", "en"])
def test_credit_transfers_through_the_api(world, assignment, language):
    entry = services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=Decimal("2"),
        expenses=Decimal("0"),
    )
    services.approve_hours(entry.pk, world.people["coordinator"])
    friend = volunteer(world, "bert", world.organisation)
    client = api(world.people["volunteer"], language)
    given = client.post(
        "/api/v1/credits/transfers", {"receiver": friend.user_id, "amount": "0.5"}, format="json"
    )
    assert given.status_code == 201 and Decimal(given.json()["amount"]) == Decimal("-0.5")
    too_much = client.post(
        "/api/v1/credits/transfers", {"receiver": friend.user_id, "amount": "5"}, format="json"
    )
    assert too_much.status_code == 409
    assert ("1.5" in too_much.json()["detail"]) or ("1,5" in too_much.json()["detail"])
    listed = client.get("/api/v1/credits/transfers").json()["results"]
    assert [t["kind"] for t in listed] == ["gift", "earned"]
    theirs = api(friend.user).get("/api/v1/credits/transfers").json()["results"]
    assert [Decimal(t["amount"]) for t in theirs] == [Decimal("0.5")]


def test_the_coordinator_decides_on_hours_through_the_api(world, assignment):
    organisation = world.organisation
    organisation.allowance_per_hour = Decimal("6.00")  # above the tax-free € 5.75 per hour
    organisation.save()
    entry = services.log_hours(
        assignment.pk,
        world.people["volunteer"],
        on=timezone.localdate(),
        hours=Decimal("2"),
        expenses=Decimal("0"),
    )
    url = f"/api/v1/hours/{entry.pk}"
    assert api(world.people["volunteer"]).post(f"{url}/approve").status_code == 403
    assert api(world.people["stranger"]).post(f"{url}/approve").status_code == 404
    warned = api(world.people["coordinator"], "en").post(f"{url}/approve")
    assert warned.status_code == 409 and "5.75" in warned.json()["detail"]
    asked = api(world.people["coordinator"]).post(
        f"{url}/query", {"question": "Klopt het tarief?"}, format="json"
    )
    assert asked.status_code == 200 and asked.json()["status"] == "queried"
    approved = api(world.people["coordinator"]).post(
        f"{url}/approve", {"over_limit_confirmed": True}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["allowance"] == "12.00"
