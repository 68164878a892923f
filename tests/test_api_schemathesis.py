"""schemathesis, every check, against the OpenAPI schema of a real server.

Every operation of ``/openapi.json`` is exercised with generated parameters and bodies, valid and
invalid, and ``--checks all`` holds: no server error; documented status codes, content types, headers
and response schemas; schema-valid requests accepted (positive_data_acceptance) and schema-violating
ones refused (negative_data_rejection), so that the schema says exactly what the server checks
(patterns, formats, enums of the knowledge base's documents, topics and bodies); wrong methods 405;
no use_after_free or ensure_resource_availability finding in the stateful phase. The exceptions, each
narrowed to where it applies:

- A 503 from the routes that run in the query workers, ``/sparql``, the named queries and the status
  lists: a query stopped at the time limit (documented), which a generated user query or a status list
  can reach on a loaded machine.
- A 400 for schema-valid data on ``/sparql``: no JSON Schema says what a legal SPARQL query is (the
  protocol answers a malformed one 400), nor which ``format`` names the query's form has (results or
  graph formats: it depends on the query text).
- A 400 for schema-valid data on ``/api/provisions``: ``kind`` takes every kind of provision, and with
  ``asof`` or ``status`` only the kinds that have a status (Mandate, Recommendation); OpenAPI 3.1
  parameters cannot say that one parameter narrows another, so the description says it.
- 413 and 414 count as refusals of schema-violating data: a query over ``maxLength`` is "too large"
  (POST) or "URI too long" (GET), as HTTP and the SPARQL protocol section of the schema say.
- ignored_auth is vacuous: a read-only public service declares no security scheme, so it has no
  authentication to ignore (the check has nothing to send).

schemathesis's pytest plugin does not run under pytest 9 (it reads a private attribute of pytest's
nodes), so the test runs its command line, ``st run``, deterministic, and reads its exit code.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_api_server import Server, running_server

pytestmark = pytest.mark.long_tests

TIME_LIMIT = "20"  # generous: this test hunts 5xx from bad input, not slowness; a loaded 2-core CI machine
# can push a normal REST call past a 2 s budget (the time limit itself is tested in test_api_hostile.py)
MAX_EXAMPLES = "4"
# NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES of schemathesis, and 413 and 414 (see the docstring)
REFUSALS = '["400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429", "5xx"]'
CONFIG = f"""
[checks.not_a_server_error]
expected-statuses = ["2XX", "3XX", "4XX"]

[checks.negative_data_rejection]
expected-statuses = {REFUSALS}

[[operations]]
include-path-regex = "^/(sparql|api/queries/|api/mandates|api/provisions)"
checks.not_a_server_error.expected-statuses = ["2XX", "3XX", "4XX", "503"]

[[operations]]
include-path-regex = "^/(sparql|api/provisions)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
"""
CHECKS = "all"


@pytest.fixture(scope="module")
def server(built_release: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("schemathesis") / "server.log"
    with running_server(built_release.store_path, log, time_limit=TIME_LIMIT) as running:
        yield running


def test_schemathesis_finds_no_server_error(server: Server, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    command = [str(Path(sys.executable).parent / "st"), "--config-file", str(config), "run",
               f"{server.url}/openapi.json", "--checks", CHECKS, "--max-examples", MAX_EXAMPLES,
               "--generation-deterministic", "--request-timeout", "30", "--suppress-health-check", "all",
               "--no-color", "--report", "junit", "--report-dir", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    summary = result.stdout[result.stdout.rfind("SUMMARY"):]
    print(summary)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    log = server.log_text()
    assert "unhandled error" not in log, log[-4000:]
    assert "unsendable" not in log, "pyoxigraph results were dropped on another thread"
