"""Every operation of the API refuses query parameters its OpenAPI file does not describe
(400, problem+json, each one named, in the caller's language) and accepts the ones it does.

The routes come from the URL resolver and the parameters from the committed OpenAPI file, so
a new endpoint is covered the day it is added.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "openapi.json").read_text(encoding="utf-8")
)
#: The OpenAPI file itself is no operation of the API (it reads drf-spectacular's `lang`).
NOT_AN_OPERATION = {"api:schema"}
UNKNOWN_EN = "This query parameter is not known here."
UNKNOWN_NL = "Deze parameter in het adres kent Meedoen hier niet."


def _api_routes(patterns=None, namespace: str = "") -> list[tuple[str, list[str], object]]:
    """(name, path arguments, view) of every route in the `api` namespace."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if inner == "api" or namespace == "api":
                found.extend(_api_routes(entry.url_patterns, inner))
        elif isinstance(entry, URLPattern) and namespace == "api" and entry.name:
            found.append((f"api:{entry.name}", list(entry.pattern.regex.groupindex), entry))
    return found


def _reads(entry: URLPattern) -> bool:
    view = entry.callback
    actions = getattr(view, "actions", None)
    if actions is not None:
        return "get" in actions
    return hasattr(getattr(view, "cls", None), "get")


GET_ROUTES = sorted(
    (name, args)
    for name, args, entry in _api_routes()
    if _reads(entry) and name not in NOT_AN_OPERATION
)


def _url(name: str, args: list[str]) -> str:
    return reverse(name, kwargs={arg: "1" for arg in args})


def _operation(path: str) -> dict:
    """The GET operation of the OpenAPI file that describes this path."""
    for template, operations in SCHEMA["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path) and "get" in operations:
            return operations["get"]
    raise AssertionError(f"{path} is not described in openapi.json")


def _value(schema: dict) -> str:
    if "enum" in schema:
        return str(schema["enum"][0])
    if schema.get("format") == "date":
        return "2026-01-01"
    if schema.get("type") == "integer":
        return str(max(schema.get("minimum", 1), 1))
    return "tuin"


def _refused_as_unknown(response) -> set[str]:
    if response.status_code != 400:
        return set()
    return {
        p["name"]
        for p in response.json().get("invalid_params", [])
        if p["reason"] in (UNKNOWN_EN, UNKNOWN_NL)
    }


@pytest.fixture
def coordinator(world):
    client = APIClient()
    client.force_authenticate(world.people["coordinator"])
    return client


def test_the_routes_are_found():
    """The walk over the resolver finds lists, details, actions and plain views."""
    names = {name for name, _args in GET_ROUTES}
    assert {"api:activity-list", "api:activity-detail", "api:consultation-result"} <= names
    assert {"api:statistics-requests", "api:help-request-suggestions"} <= names
    assert len(GET_ROUTES) > 40


@pytest.mark.parametrize(("name", "args"), GET_ROUTES)
def test_every_read_refuses_an_unknown_parameter_and_accepts_its_own(coordinator, name, args):
    url = _url(name, args)
    declared = {
        p["name"]: _value(p.get("schema", {}))
        for p in _operation(url).get("parameters", [])
        if p["in"] == "query"
    }

    refused = coordinator.get(url, {**declared, "organisaton": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400, url
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["invalid_params"] == [{"name": "organisaton", "reason": UNKNOWN_EN}]

    if declared:
        accepted = coordinator.get(url, declared, HTTP_ACCEPT_LANGUAGE="en")
        assert not _refused_as_unknown(accepted), (url, accepted.json())


def test_the_refusal_names_every_unknown_parameter_in_the_callers_language(coordinator):
    url = "/api/v1/vacancies?area=1&gebied=2&max_hour=3"
    english = coordinator.get(url, HTTP_ACCEPT_LANGUAGE="en")
    dutch = coordinator.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    assert english.status_code == dutch.status_code == 400
    assert english.json()["title"] == "Your input is not valid."
    detail = "These query parameters are not known here: gebied, max_hour."
    assert english.json()["detail"] == detail
    assert english.json()["invalid_params"] == [
        {"name": "gebied", "reason": UNKNOWN_EN},
        {"name": "max_hour", "reason": UNKNOWN_EN},
    ]
    assert dutch.json()["title"] == "Uw invoer is niet geldig."
    assert dutch.json()["detail"] == (
        "Deze parameters in het adres kent Meedoen hier niet: gebied, max_hour."
    )
    assert {p["reason"] for p in dutch.json()["invalid_params"]} == {UNKNOWN_NL}
    assert dutch["API-Version"] == "1.0.0"


def test_a_write_refuses_unknown_parameters_too_and_nothing_is_done(coordinator, world):
    body = {"organisation": world.organisation.pk, "activity": 1, "self_reliance": 3}
    refused = coordinator.post("/api/v1/boundary-check?dry_run=1", body, format="json")
    assert refused.status_code == 400
    assert _refused_as_unknown(refused) == {"dry_run"}


def test_without_parameters_and_with_declared_ones_nothing_changes(coordinator, world):
    everything = coordinator.get("/api/v1/vacancies")
    assert everything.status_code == 200
    paged = coordinator.get("/api/v1/vacancies", {"limit": 1, "offset": 0})
    assert paged.status_code == 200
    assert len(paged.json()["results"]) == min(1, everything.json()["count"])
    # A path the API does not have stays a 404, whatever it carries.
    assert coordinator.get("/api/v1/no-such-thing?x=1").status_code == 404
