"""Property-based API tests generated from the OpenAPI schema: no input makes the API fail."""

from __future__ import annotations

from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from meedoen.conftest import build_world, kept_for_module
from meedoen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(scope="module")
def in_test_transaction():
    """Calls go straight to the WSGI app; keep Django from closing the test's connection.

    Django's own test client does the same: a request's start and end would otherwise close
    the connection that holds the test transaction (on PostgreSQL).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _world_with_a_token():
    build_world()
    out = StringIO()
    call_command("create_api_token", "coordinator", stdout=out)
    return out.getvalue().strip()


@pytest.fixture(scope="module")
def shared_token(django_db_setup, django_db_blocker, in_test_transaction):
    """The world and the coordinator's token, built once for the module; each operation's
    calls are rolled back after it."""
    with kept_for_module(django_db_blocker, _world_with_a_token) as token:
        yield token


@pytest.fixture
def token(shared_token, db):
    return shared_token


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db(transaction=False)
def test_api_honours_its_schema(case, token):
    # Generated ids rarely name real objects, so a valid-looking body may rightly be refused
    # (400/404); every other check applies: no server error, documented statuses and bodies,
    # invalid input refused.
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
