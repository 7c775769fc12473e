"""The API base: tokens, problem+json in the caller's language, version header, schema."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from meedoen.catalogue.models import Activity

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "openapi.json"


@pytest.fixture
def api(world):
    out = StringIO()
    call_command("create_api_token", "coordinator", stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return client


def test_token_from_the_command_opens_the_api_and_every_answer_has_a_version(api):
    response = api.get("/api/v1/activities")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert response.json()["count"] >= 30


def test_without_credentials_the_answer_is_a_problem(world):
    response = APIClient().get("/api/v1/organisations")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "U bent niet ingelogd."


def test_invalid_input_names_each_field_in_the_callers_language(api, world):
    body = {"organisation": "abc", "self_reliance": 9}
    dutch = api.post("/api/v1/boundary-check", body, format="json")
    english = api.post("/api/v1/boundary-check", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert dutch.status_code == english.status_code == 400
    assert dutch["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in english.json()["invalid_params"]}
    assert names == {"organisation", "activity", "self_reliance"}
    assert english.json()["title"] == "Your input is not valid."
    assert dutch.json()["title"] == "Uw invoer is niet geldig."
    reasons = {p["name"]: p["reason"] for p in english.json()["invalid_params"]}
    assert "required" in reasons["activity"]


def test_unknown_object_is_a_404_problem(api):
    response = api.get("/api/v1/organisations/999999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    unrouted = api.get("/api/v1/no-such-thing")
    assert unrouted.status_code == 404
    assert unrouted["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("code", "self_reliance", "allowed", "professional_required"),
    [
        ("visiting", 4, True, False),
        ("visiting", 2, True, True),
        ("washing", 4, False, False),
        ("medication", 5, False, False),
    ],
)
def test_boundary_check_under_the_default_policy(
    api, world, code, self_reliance, allowed, professional_required
):
    activity = Activity.objects.get(code=code)
    response = api.post(
        "/api/v1/boundary-check",
        {
            "organisation": world.organisation.pk,
            "activity": activity.pk,
            "self_reliance": self_reliance,
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["volunteer_allowed"] is allowed
    assert body["professional_required"] is professional_required
    assert body["reasons"], "the decision explains itself"


def test_boundary_check_follows_a_widened_policy_but_never_past_personal_care(api, world):
    world.organisation.volunteer_care_level = 3
    world.organisation.save()
    washing = Activity.objects.get(code="washing")
    wound = Activity.objects.get(code="wound-care")
    body = {"organisation": world.organisation.pk, "self_reliance": 4}
    assert (
        api.post("/api/v1/boundary-check", {**body, "activity": washing.pk}, format="json").json()[
            "access"
        ]
        == "trained_only"
    )
    assert (
        api.post("/api/v1/boundary-check", {**body, "activity": wound.pk}, format="json").json()[
            "access"
        ]
        == "closed"
    )


def test_the_committed_schema_matches_the_code(db):
    out = StringIO()
    call_command("spectacular", "--format", "openapi-json", stdout=out)
    generated = json.loads(out.getvalue())
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert generated == committed, "The API changed: run `make schema` and commit openapi.json"


def test_schema_is_public_and_complete(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/activities",
        "/api/v1/skills",
        "/api/v1/performance-fields",
        "/api/v1/municipalities",
        "/api/v1/areas",
        "/api/v1/organisations",
        "/api/v1/boundary-check",
    ]:
        assert path in paths


def test_no_answer_with_personal_data_is_kept_by_a_browser_or_proxy(api, client, world):
    """The API, the pages of a signed-in person and the public form: no-store; static files
    keep their own caching."""
    assert "no-store" in api.get("/api/v1/help-requests")["Cache-Control"]
    client.force_login(world.people["coordinator"])
    for path in ("/requests/", "/ask-for-help/"):
        response = client.get(path)
        assert response.status_code == 200
        assert {"no-store", "private"} <= {
            part.strip() for part in response["Cache-Control"].split(",")
        }


def test_a_database_outage_answers_503_with_retry_after_on_pages_and_the_api(world, api):
    """With the database out of reach, a person sees a page that says to try again in a
    minute (in their language), and an API client a problem with Retry-After, not a 500."""
    from django.db import OperationalError, connection
    from django.test import Client

    def out_of_reach(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    browser = Client(raise_request_exception=False)
    browser.force_login(world.people["coordinator"])
    api.raise_request_exception = False
    with connection.execute_wrapper(out_of_reach):
        page = browser.get("/requests/")
        english = Client(raise_request_exception=False)
        english.cookies["django_language"] = "en"
        english_page = english.get("/ask-for-help/")
        answer = api.get("/api/v1/help-requests")
    assert page.status_code == english_page.status_code == answer.status_code == 503
    assert page["Retry-After"] == answer["Retry-After"] == "30"
    assert "Probeer het over een minuut opnieuw" in page.content.decode()
    assert "Try again in a minute" in english_page.content.decode()
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["code"] == "unavailable"


def test_a_value_of_the_wrong_type_is_refused_not_coerced(world):
    from meedoen.accounts.tests.factories import ApiTokenFactory

    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {ApiTokenFactory(user=world.people['volunteer']).key}"
    )
    response = client.post(
        "/api/v1/concerns",
        {"assignment": "1", "category": "health", "urgent": 0, "description": 5},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in response.json()["invalid_params"]} == {
        "assignment",
        "urgent",
        "description",
    }
