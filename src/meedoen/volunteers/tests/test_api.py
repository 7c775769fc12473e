"""The volunteer and vacancy API: public board, scoped files, applications and decisions."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from meedoen.accounts.models import User
from meedoen.catalogue.models import Activity
from meedoen.volunteers.models import Application, Vacancy, VolunteerProfile


def api_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def vacancy(world):
    vacancy = Vacancy.objects.create(
        organisation=world.organisation,
        title="Maatje",
        description="Bezoek",
        area=world.area,
        contact_name="P",
    )
    vacancy.activities.set([Activity.objects.get(code="visiting")])
    return vacancy


def test_the_vacancy_board_is_public_and_filters(world, vacancy):
    response = api_for().get("/api/v1/vacancies", {"area": world.area.pk})
    assert response.status_code == 200
    assert [v["title"] for v in response.json()["results"]] == ["Maatje"]
    other_area = api_for().get("/api/v1/vacancies", {"area": world.other_area.pk}).json()
    assert other_area["count"] == 0
    bad = api_for().get("/api/v1/vacancies", {"max_hours": "veel"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"


def test_volunteer_applies_and_the_coordinator_decides(world, vacancy):
    volunteer = world.people["volunteer"]
    response = api_for(volunteer).post(
        f"/api/v1/vacancies/{vacancy.pk}/applications", {"message": "Graag"}, format="json"
    )
    assert response.status_code == 201
    application_id = response.json()["id"]
    again = api_for(volunteer).post(
        f"/api/v1/vacancies/{vacancy.pk}/applications", {}, format="json"
    )
    assert again.status_code == 409
    # Only the organisation's coordinators read the responses.
    assert (
        api_for(world.people["stranger"]).get(f"/api/v1/vacancies/{vacancy.pk}/applications").json()
        == []
    )
    listed = (
        api_for(world.people["coordinator"])
        .get(f"/api/v1/vacancies/{vacancy.pk}/applications")
        .json()
    )
    assert [a["id"] for a in listed] == [application_id]
    url = f"/api/v1/vacancies/{vacancy.pk}/applications/{application_id}/decision"
    assert (
        api_for(world.people["stranger"])
        .post(url, {"decision": "accept"}, format="json")
        .status_code
        == 404
    )
    declined = api_for(world.people["coordinator"]).post(
        url, {"decision": "decline"}, format="json"
    )
    assert declined.status_code == 409  # a kind message is required
    accepted = api_for(world.people["coordinator"]).post(
        url, {"decision": "accept", "answer": "Welkom"}, format="json"
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Application.objects.get().status == "accepted"


def test_volunteers_see_themselves_and_coordinators_their_own(world):
    outsider = VolunteerProfile.objects.create(
        user=User.objects.create(username="elders"), area=world.area
    )
    mine = world.people["volunteer"].volunteer_profile
    seen = api_for(world.people["volunteer"]).get("/api/v1/volunteers").json()["results"]
    assert [v["id"] for v in seen] == [mine.pk]
    seen = api_for(world.people["coordinator"]).get("/api/v1/volunteers").json()["results"]
    assert [v["id"] for v in seen] == [mine.pk]
    assert (
        api_for(world.people["coordinator"]).get(f"/api/v1/volunteers/{outsider.pk}").status_code
        == 404
    )
    for role in ("citizen", "professional", "policy", "stranger"):
        assert api_for(world.people[role]).get(f"/api/v1/volunteers/{mine.pk}").status_code == 404


def test_status_changes_through_the_api(world):
    profile = world.people["volunteer"].volunteer_profile
    url = f"/api/v1/volunteers/{profile.pk}/status-changes"
    coordinator = api_for(world.people["coordinator"])
    no_reason = coordinator.post(
        url,
        {"organisation": world.organisation.pk, "status": "paused", "reason": ""},
        format="json",
    )
    assert no_reason.status_code == 400
    done = coordinator.post(
        url,
        {"organisation": world.organisation.pk, "status": "paused", "reason": "Ziek"},
        format="json",
    )
    assert done.status_code == 201 and done.json()["to_status"] == "paused"
    illegal = coordinator.post(
        url,
        {"organisation": world.organisation.pk, "status": "intake_planned", "reason": "x"},
        format="json",
    )
    assert illegal.status_code == 409
    desk = api_for(world.people["desk"]).post(
        url,
        {"organisation": world.organisation.pk, "status": "active", "reason": "x"},
        format="json",
    )
    assert desk.status_code == 403  # the desk sees members' volunteers for routing only
    history = coordinator.get(url).json()
    assert [h["to_status"] for h in history] == ["paused"]
