"""Property-based API tests generated from the OpenAPI schema: no input makes the API fail, and
every answer is the one the schema documents.

The suite runs the schema's examples and ten generated cases per operation, as the
coordinator, on a world with one object of every kind; path ids are drawn from that world's
real records as often as from random numbers, so the checks reach the code that reads and
writes real objects. `make fuzz` (in CI) goes further: every phase, the stateful one included,
for each role's token on the demo data (`fuzz_every_role.py`).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from meedoen.api.tests.fuzzing import (
    calls_in_test_transaction,
    real_ids,
    record_ids,
    with_real_ids,
)
from meedoen.conftest import kept_for_module
from meedoen.tests.worlds import build_rich_world
from meedoen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.phases.update(phases=["examples", "fuzzing"])
with_real_ids(schema)


def _world_with_a_token():
    from meedoen.accounts import tokens

    world = build_rich_world()
    record_ids()
    return tokens.issue(world.people["coordinator"], "schema test")[1]


@pytest.fixture(scope="module")
def shared_token(django_db_setup, django_db_blocker):
    """The world and the coordinator's token, built once for the module; each operation's
    calls are rolled back after it."""
    with calls_in_test_transaction(), kept_for_module(django_db_blocker, _world_with_a_token) as t:
        yield t


@pytest.fixture
def token(shared_token, db):
    return shared_token


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,  # the suite gives the same answer every run; `make fuzz` explores
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db(transaction=False)
def test_api_honours_its_schema(case, token):
    # A valid-looking body may rightly be refused (400/404: a generated id names nothing, or
    # an object in another state); every other check applies: no server error, documented
    # statuses and bodies, invalid input refused.
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )


def test_the_ids_drawn_are_real_records(shared_token, db):
    """The world's records are what the generated paths name (a list of its ids, not empty)."""
    from meedoen.requests.models import HelpRequest

    assert set(HelpRequest.objects.values_list("pk", flat=True)) <= set(real_ids())
