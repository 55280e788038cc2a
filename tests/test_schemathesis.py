"""Every operation of the published API, fuzzed against a live server: whatever a client sends, the answer is
never a server error and always what /api/schema/ promises (a documented status code, a body matching its
schema, the documented content type). New endpoints are fuzzed as soon as they appear in the schema."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import Role
from tests.conftest import api_client_for
from tests.factories import UserFactory

CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)
# Examples per operation, valid and invalid input together. 20 keeps the whole run near a minute with ~50
# operations; raise it for a deeper search (e.g. SCHEMATHESIS_MAX_EXAMPLES=200 make test).
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "40"))


@pytest.fixture
def staff_of_all_roles(transactional_db, team):
    """One user who may do everything any role may, so that no operation stops at a 403 before its code."""
    return UserFactory(username="fuzzer", team=team, roles=list(Role.values))


@pytest.fixture
def api_schema(live_server, staff_of_all_roles):
    # The schema is for staff only.
    token = api_client_for(staff_of_all_roles).token
    return schemathesis.from_uri(
        f"{live_server.url}/api/schema/",
        base_url=live_server.url,
        headers={"Authorization": f"Token {token}"},
    )


schema = schemathesis.from_pytest_fixture(
    "api_schema",
    data_generation_methods=[
        schemathesis.DataGenerationMethod.positive,
        schemathesis.DataGenerationMethod.negative,
    ],
)


@pytest.mark.live
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case, staff_of_all_roles):
    # A fresh token for every case: the fuzzed POST /auth/logout/ revokes the one it is called with.
    token = api_client_for(staff_of_all_roles).token
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS, timeout=30)
