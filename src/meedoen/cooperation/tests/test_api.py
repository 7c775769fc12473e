"""The assessments in the API: create, invite, answer, close and the result, scoped like
the pages; refusals as problem+json."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from meedoen.cooperation import framework as fw
from meedoen.cooperation.models import Assessment
from meedoen.cooperation.tests.factories import ParticipantFactory, agreeing_with

pytestmark = pytest.mark.django_db


def api(user=None, language="nl"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_authenticate(user)
    return client


def test_a_round_through_the_api(world):
    coordinator = api(world.people["coordinator"], "en")
    made = coordinator.post(
        "/api/v1/assessments",
        {
            "title": "Thuiszorg",
            "context": "within_organisation",
            "organisation": world.organisation.pk,
        },
        format="json",
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    refused = api(world.people["stranger"]).post(
        "/api/v1/assessments",
        {"title": "x", "context": "neighbourhood", "organisation": world.organisation.pk},
        format="json",
    )
    assert refused.status_code == 409
    assert refused["Content-Type"].startswith("application/problem+json")
    volunteer = world.people["volunteer"]
    invited = coordinator.post(
        f"/api/v1/assessments/{pk}/invite",
        {"perspective": "volunteers", "user": volunteer.pk},
        format="json",
    )
    assert invited.status_code == 201 and invited.json()["by_account"] is True
    for n in range(3):
        response = coordinator.post(
            f"/api/v1/assessments/{pk}/invite",
            {"perspective": "professionals", "email": f"p{n}@example.nl"},
            format="json",
        )
        assert response.status_code == 201
    mine = api(volunteer)
    assert (
        mine.post(f"/api/v1/assessments/{pk}/answer", {"volunteer_1": 3}, format="json").status_code
        == 400
    )
    answered = mine.post(
        f"/api/v1/assessments/{pk}/answer", agreeing_with(fw.Model.DIALOGUE), format="json"
    )
    assert answered.status_code == 200 and answered.json()["volunteer_3"] == 5
    assert mine.get(f"/api/v1/assessments/{pk}/result").status_code == 404
    assert api(world.people["stranger"]).get(f"/api/v1/assessments/{pk}").status_code == 404
    result = coordinator.get(f"/api/v1/assessments/{pk}/result").json()
    assert result["count"] == 1 and result["overall"] is None  # fewer than three
    assert coordinator.post(f"/api/v1/assessments/{pk}/close").status_code == 200
    assert mine.get(f"/api/v1/assessments/{pk}/result").status_code == 200
    late = mine.post(
        f"/api/v1/assessments/{pk}/answer", agreeing_with(fw.Model.RESOURCES), format="json"
    )
    assert late.status_code == 409


def test_the_result_in_figures(world):
    coordinator = api(world.people["coordinator"], "en")
    pk = coordinator.post(
        "/api/v1/assessments",
        {"title": "Dorp", "context": "neighbourhood", "organisation": world.organisation.pk},
        format="json",
    ).json()["id"]
    assessment = Assessment.objects.get(pk=pk)
    for _ in range(3):
        ParticipantFactory.answered(fw.Model.NO_STEERING, assessment=assessment)
    for _ in range(3):
        ParticipantFactory.answered(
            fw.Model.RESOURCES, assessment=assessment, perspective="professionals"
        )
    result = coordinator.get(f"/api/v1/assessments/{pk}/result").json()
    assert sum(result["overall"].values()) == 100
    assert {g["group"] for g in result["perspectives"]} == {"volunteers", "professionals"}
    assert {d["dimension"] for d in result["divergences"]} == {d.value for d in fw.DIMENSIONS}
    assert all(a["section"] for a in result["advice"])
    assert "safety_net" in {a["key"] for a in result["advice"]}
    assert result["closest"][0]["practice"] in {p.key for p in fw.PRACTICES}
