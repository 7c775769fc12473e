"""The API fuzzed as each of its users, on the demo municipality (`make fuzz`, run in CI).

Every operation through every phase (the schema's examples, its boundary values, generated
cases) and sequences of calls that feed one answer's ids into the next call (the stateful
phase, with links inferred from the schema), for the token of each role in the demo. Path
ids are drawn from the demo's real records as often as they are generated. No call may fail
with a server error or answer outside the schema; a call's writes are rolled back after it.

Not part of `make test` (it takes minutes): `make fuzz` runs it on the database that
DATABASE_URL names, SQLite by default.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings

from meedoen.api.tests.fuzzing import calls_in_test_transaction, record_ids, with_real_ids
from meedoen.conftest import kept_for_module
from meedoen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.phases.update(phases=["examples", "coverage", "fuzzing", "stateful"])
with_real_ids(schema)

#: Each kind of role in the demo, by the account that holds it (a manager, home care and an
#: informal carer reach the API as a coordinator, a professional and a citizen do).
ROLES = {
    "coordinator": "demo-coordinator",
    "desk": "demo-desk",
    "professional": "demo-professional",
    "volunteer": "demo-volunteer",
    "peer": "demo-peer",
    "citizen": "demo-citizen",
    "policy officer": "demo-policy",
    "administrator": "demo-admin",
}
EXCLUDED = [schemathesis.checks.positive_data_acceptance]
_as = {"token": ""}


@schema.auth(refresh_interval=None)
class RoleToken:
    """The token of the role the test runs as (schemathesis also probes without it)."""

    def get(self, case, context):
        return _as["token"]

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _demo_with_tokens():
    from meedoen.accounts import tokens
    from meedoen.accounts.models import User

    call_command("load_demo", verbosity=0)
    record_ids()
    return {
        role: tokens.issue(User.objects.get(username=username), "fuzz")[1]
        for role, username in ROLES.items()
    }


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker):
    with calls_in_test_transaction(), kept_for_module(django_db_blocker, _demo_with_tokens) as t:
        yield t


@pytest.fixture(params=list(ROLES))
def token(request, tokens, db):
    _as["token"] = tokens[request.param]
    return _as["token"]


@schema.parametrize()
@FUZZ
@pytest.mark.django_db(transaction=False)
def test_every_operation_as_every_role(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, excluded_checks=EXCLUDED)


@pytest.mark.parametrize("role", list(ROLES))
def test_sequences_of_calls_as_every_role(role, tokens, db):
    _as["token"] = tokens[role]

    class AsRole(schema.as_state_machine()):  # type: ignore[misc]
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, excluded_checks=EXCLUDED, transport_kwargs=kwargs)

    AsRole.run(settings=settings(FUZZ, max_examples=15, stateful_step_count=8))
