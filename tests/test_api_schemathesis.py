"""schemathesis against the OpenAPI schema of a real server: no generated request gets a server error.

Every operation of ``/openapi.json`` is exercised with generated parameters and bodies, and every
response must be no server error, carry a documented status code and content type, and match its
documented schema. The one 5xx allowed is the documented 503 of the routes that run in the query
workers, ``/sparql``, the named queries and the status lists (a query stopped at the time limit,
which a generated user query or a status list can reach on a loaded machine).

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

TIME_LIMIT = "20"  # generous: this test hunts 5xx from bad input, not slowness; a loaded 2-core CI machine
# can push a normal REST call past a 2 s budget (the time limit itself is tested in test_api_hostile.py)
MAX_EXAMPLES = "15"
CONFIG = """
[checks.not_a_server_error]
expected-statuses = ["2XX", "3XX", "4XX"]

[[operations]]
include-path-regex = "^/(sparql|api/queries/|api/mandates|api/provisions)"
checks.not_a_server_error.expected-statuses = ["2XX", "3XX", "4XX", "503"]
"""
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


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
