"""The help-request API: scoped, refuses what the rules refuse, problem+json on bad input."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from meedoen.catalogue.models import Activity
from meedoen.requests.models import HelpRequest


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def ours(world):
    help_request = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.organisation,
        source="citizen",
        first_name="Truus",
    )
    help_request.activities.add(Activity.objects.get(code="visiting"))
    return help_request


def test_professional_refers_through_the_api(world):
    api = api_for(world.people["professional"])
    body = {
        "organisation": world.organisation.pk,
        "area": world.area.pk,
        "activities": [Activity.objects.get(code="visiting").pk],
        "first_name": "Kees",
        "self_reliance": 2,
        "referral_consent": True,
        "availability": ["mon-morning"],
    }
    response = api.post("/api/v1/help-requests", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "submitted"
    assert response.json()["availability"] == ["mon-morning"]
    created = HelpRequest.objects.get(reference=response.json()["reference"])
    assert created.referred_by == world.people["professional"]
    # and sees it in their own list
    listed = api.get("/api/v1/help-requests").json()["results"]
    assert [r["reference"] for r in listed] == [created.reference]


def test_a_request_keeps_the_language_it_was_written_in(world):
    """Given, or else the language of the call; an unknown one is refused."""
    api = api_for(world.people["coordinator"])
    body = {
        "organisation": world.organisation.pk,
        "area": world.area.pk,
        "activities": [Activity.objects.get(code="visiting").pk],
        "first_name": "Kees",
        "description": "Someone to walk with on Sundays",
    }
    written = api.post("/api/v1/help-requests", body | {"language": "en"}, format="json")
    assert written.status_code == 201 and written.json()["language"] == "en"
    called = api.post("/api/v1/help-requests", body, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert called.status_code == 201 and called.json()["language"] == "nl"
    refused = api.post("/api/v1/help-requests", body | {"language": "xx"}, format="json")
    assert refused.status_code == 400 and refused["Content-Type"] == "application/problem+json"
    assert dict(HelpRequest.objects.values_list("reference", "language")) == {
        written.json()["reference"]: "en",
        called.json()["reference"]: "nl",
    }


def test_referral_without_consent_names_the_fields(world):
    api = api_for(world.people["professional"])
    response = api.post(
        "/api/v1/help-requests",
        {
            "organisation": world.organisation.pk,
            "area": world.area.pk,
            "activities": [],
            "first_name": "",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalid_params"]}
    assert {"activities", "first_name"} <= names
    assert not HelpRequest.objects.exists()


def test_citizens_and_volunteers_cannot_create(world):
    for role in ("citizen", "volunteer", "policy"):
        response = api_for(world.people[role]).post("/api/v1/help-requests", {}, format="json")
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("coordinator", True),
        ("desk", True),
        ("admin", True),
        ("stranger", False),
        ("volunteer", False),
        ("policy", False),
        ("professional", False),
        ("citizen", False),
    ],
)
def test_requests_outside_the_scope_are_404(world, ours, role, visible):
    api = api_for(world.people[role])
    assert api.get(f"/api/v1/help-requests/{ours.pk}").status_code == (200 if visible else 404)
    history = api.get(f"/api/v1/help-requests/{ours.pk}/transitions")
    assert history.status_code == (200 if visible else 404)


def test_steps_through_the_api_with_history_and_clear_refusals(world, ours):
    api = api_for(world.people["coordinator"])
    url = f"/api/v1/help-requests/{ours.pk}/transitions"
    assert api.post(url, {"step": "start_intake"}, format="json").status_code == 200
    refused = api.post(url, {"step": "ready"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 409
    assert "self-reliance" in refused.json()["detail"]
    no_reason = api.post(url, {"step": "decline"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert no_reason.status_code == 409 and "reason" in no_reason.json()["detail"]
    history = api.get(url).json()
    assert [h["step"] for h in history] == ["start_intake"]
    assert history[0]["actor"] == world.people["coordinator"].pk


def test_desk_routes_through_the_api_and_others_may_not(world):
    at_desk = HelpRequest.objects.create(
        municipality=world.municipality,
        area=world.area,
        organisation=world.desk,
        source="citizen",
        first_name="Piet",
    )
    url = f"/api/v1/help-requests/{at_desk.pk}/route"
    body = {"organisation": world.organisation.pk, "reason": "dichtbij"}
    assert api_for(world.people["coordinator"]).post(url, body, format="json").status_code == 404
    routed = api_for(world.people["desk"]).post(url, body, format="json")
    assert routed.status_code == 200
    assert routed.json()["status"] == "routed"
    again = api_for(world.people["desk"]).post(url, body, format="json")
    assert again.status_code == 409
