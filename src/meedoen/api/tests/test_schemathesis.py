"""Property-based API tests generated from the OpenAPI schema: no input makes the API fail."""

from __future__ import annotations

from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings

from meedoen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def token(world):
    out = StringIO()
    call_command("create_api_token", "coordinator", stdout=out)
    return out.getvalue().strip()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db(transaction=False)
def test_api_honours_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"})
