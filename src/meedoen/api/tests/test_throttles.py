"""Rate limits on the API: past the limit a 429 problem with Retry-After; counted per account
and per address, so other people are not slowed down."""

from __future__ import annotations

import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from meedoen.models import Attempts

LIMIT = 3


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": f"{LIMIT}/minute", "user": f"{LIMIT}/minute"},
    }
    # Well inside one minute, so no window ends during the test.
    with time_machine.travel(timezone.now().replace(second=5), tick=True):
        yield


def _client(username: str) -> APIClient:
    out = StringIO()
    call_command("create_api_token", username, stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return client


def test_past_the_limit_a_token_gets_429_as_a_problem_and_others_go_on(world, low_rates):
    coordinator, professional = _client("coordinator"), _client("professional")
    for _ in range(LIMIT):
        assert coordinator.get("/api/v1/activities").status_code == 200
    refused = coordinator.get("/api/v1/activities", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "throttled"
    assert refused.json()["title"] == "Too many requests."
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert professional.get("/api/v1/activities").status_code == 200  # another account
    assert Attempts.objects.count() == 2  # one row per account and window


class PublicView(APIView):
    """An endpoint anyone may call (the OpenAPI file is one, but it is not counted)."""

    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"ok": True})


def test_anonymous_callers_are_counted_per_address(db, low_rates):
    view, factory = PublicView.as_view(), APIRequestFactory()

    def call(address: str):
        return view(factory.get("/api/v1/public", REMOTE_ADDR=address))

    for _ in range(LIMIT):
        assert call("192.0.2.1").status_code == 200
    refused = call("192.0.2.1")
    refused.render()
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert json.loads(refused.content)["code"] == "throttled"
    assert "Retry-After" in refused
    assert call("192.0.2.2").status_code == 200  # another address


def test_the_openapi_file_is_not_counted(db, low_rates):
    caller = APIClient()
    for _ in range(LIMIT + 2):
        assert caller.get("/api/v1/openapi.json").status_code == 200


def test_session_and_token_of_one_account_share_its_count(world, client, low_rates):
    client.force_login(world.people["coordinator"])
    token = _client("coordinator")
    for _ in range(LIMIT):
        assert client.get("/api/v1/activities").status_code == 200
    assert token.get("/api/v1/activities").status_code == 429
