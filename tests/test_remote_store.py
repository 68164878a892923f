"""The whole service on another engine: ``kb push`` loads the build into an Oxigraph server, ``kb serve
--store URL`` serves it, and every REST operation, named query, status rule and page answers as the
embedded store's server does (what differs in the engines' SPARQL is ``kb.store``'s business).

Two real server processes, one per backend, asked the same requests; JSON answers are compared
whole, pages by what a reader relies on (status, title, no error).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_api_server import Server, running_server

import kb

ITEM_PAGES = ["/doc/iacml21-plan-of-action/art_7__para_g", "/doc/wg1-2021-final-report/recommendation_7",
              "/doc/wg1-2021-final-report", "/body/ilo-cinterfor", "/topic/qualifications-frameworks",
              "/activity/ws2023-education-labor"]
PAGES = ["/", "/search?q=gender", "/reader/wg1-2021-final-report", "/ontology", "/query",
         "/?asof=2022-12-31&status=no-evidence", *ITEM_PAGES]


@pytest.fixture(scope="module")
def servers(built_release: Any, build_dir: Path, oxigraph_server: str,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    pushed = subprocess.run([sys.executable, "-m", "kb.cli", "push", f"{oxigraph_server}/query", "--build-dir",
                             str(build_dir)], capture_output=True, text=True, timeout=300)
    assert pushed.returncode == 0, pushed.stderr
    logs = tmp_path_factory.mktemp("remote-store")
    with running_server(built_release.store_path, logs / "embedded.log", time_limit="30") as embedded, \
            running_server(f"{oxigraph_server}/query", logs / "remote.log", time_limit="30") as remote:
        yield embedded, remote


def rest_requests(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every GET operation of the OpenAPI with its parameters' examples (named queries: each one)."""
    requests = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or not path.startswith("/api/") or ("{" in path and "{path}" not in path):
            continue
        values = {p["name"]: p["schema"]["examples"][0] for p in operation.get("parameters", [])
                  if "examples" in p.get("schema", {}) and p["name"] != "format"}
        url = path
        for name in [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]:
            url = url.replace(f"{{{name}}}", str(values.pop(name)))
        requests.append((url, values))
    return requests


def test_kb_push_loads_every_triple(servers: tuple[Server, Server], built_release: Any, oxigraph_server: str) -> None:
    with kb.RemoteStore(f"{oxigraph_server}/query") as remote, kb.open_store(built_release.store_path) as local:
        assert remote.triple_count() == local.triple_count()


def test_every_rest_operation_and_named_query_answers_the_same(servers: tuple[Server, Server]) -> None:
    embedded = servers[0]
    schema = httpx.get(f"{embedded.url}/openapi.json").json()
    requests = rest_requests(schema)
    assert len(requests) >= 30, requests  # the named queries are operations of their own
    for url, params in requests:
        answers = [httpx.get(f"{server.url}{url}", params=params, headers={"Accept": "application/json"},
                             timeout=60) for server in servers]
        assert [a.status_code for a in answers] == [200, 200], (url, params, answers[1].text[:300])
        same = [json.loads(a.text.replace(server.url, "")) for a, server in zip(answers, servers, strict=True)]
        assert same[0] == same[1], url  # (next links name each server's own address)


def test_every_status_answers_the_same(servers: tuple[Server, Server]) -> None:
    answers = []
    for server in servers:
        items, offset = [], 0
        while True:
            page = httpx.get(f"{server.url}/api/mandates", params={"asof": "2024-12-31", "limit": 200,
                                                                    "offset": offset}, timeout=60).json()
            items += page["items"]
            if not page.get("next"):
                break
            offset += 200
        answers.append(items)
    assert answers[0] == answers[1] and len(answers[0]) >= 30
    assert any(item.get("status") for item in answers[0])


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_renders(servers: tuple[Server, Server], path: str) -> None:
    pages = [httpx.get(f"{server.url}{path}", headers={"Accept": "text/html"}, timeout=60) for server in servers]
    assert [p.status_code for p in pages] == [200, 200], (path, pages[1].text[:300])
    for page in pages:
        assert "could not be computed" not in page.text and "Traceback" not in page.text
    title = [p.text[p.text.find("<title>"):p.text.find("</title>")] for p in pages]
    assert title[0] == title[1]


def test_why_on_the_command_line(servers: tuple[Server, Server], oxigraph_server: str) -> None:
    shown = subprocess.run([sys.executable, "-m", "kb.cli", "why", "iacml21-plan-of-action art_7__para_g",
                            "--store", f"{oxigraph_server}/query"], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "addressed" in shown.stdout
