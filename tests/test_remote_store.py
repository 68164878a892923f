"""The whole service on another engine: ``kb push`` loads the build into an Oxigraph server or into
Virtuoso 7, ``kb serve --store URL`` serves it, and every REST operation, named query, status rule and
page answers as the embedded store's server does (how an engine writes its results is ``kb.store``'s
business; the queries of queries/ are written to mean the same on both). Virtuoso's default graph is the
union of everything it holds, so the knowledge base lives in its own graph there, named by the endpoint
URL's ``default-graph-uri``.

Two real server processes, one per backend, asked the same requests; JSON answers are compared
whole, pages by what a reader relies on (status, title, no error).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import test_queries
from test_api_server import Server, running_server

import kb
from api import examples

pytestmark = pytest.mark.long_tests

ITEM_PAGES = ["/doc/iacml21-plan-of-action/art_7__para_g", "/doc/wg1-2021-final-report/recommendation_7",
              "/doc/wg1-2021-final-report", "/body/ilo-cinterfor", "/topic/qualifications-frameworks",
              "/activity/ws2023-education-labor"]
PAGES = ["/", "/search?q=gender", "/reader/wg1-2021-final-report", "/ontology", "/query",
         "/?asof=2022-12-31&status=no-evidence", *ITEM_PAGES]


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def engine(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    """The endpoint URL ``kb serve --store`` takes, and ``kb push``'s options, for each engine."""
    if request.param == "oxigraph":
        return f"{request.getfixturevalue('oxigraph_server')}/query", []
    sparql, graph_store = request.getfixturevalue("virtuoso_server")
    return f"{sparql}?default-graph-uri={quote(kb.KB_GRAPH, safe='')}", ["--graph-store", graph_store]


@pytest.fixture(scope="module")
def embedded(built_release: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The embedded store's server, the reference for every engine."""
    with running_server(built_release.store_path, tmp_path_factory.mktemp("embedded") / "server.log",
                        time_limit="30") as server:
        yield server


@pytest.fixture(scope="module")
def servers(embedded: Server, build_dir: Path, engine: tuple[str, list[str]],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    url, options = engine
    pushed = subprocess.run([sys.executable, "-m", "kb.cli", "push", url, *options, "--build-dir", str(build_dir)],
                            capture_output=True, text=True, timeout=300)
    assert pushed.returncode == 0, pushed.stderr
    with running_server(url, tmp_path_factory.mktemp("remote-store") / "server.log", time_limit="30") as remote:
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


GROUP_CONCAT_RE = re.compile(r'GROUP_CONCAT\(.*?SEPARATOR="([^"]*)"\)\s+AS\s+\?(\w+)', re.S)
# Lists that depend on a parameter, so that no sub-query can make them (a parameter does not reach into one):
# over no value, a GROUP_CONCAT is an error in SPARQL, unbound on Oxigraph, but "" on Virtuoso 7, which skips
# unbound values (the other lists of queries/ come from sub-queries that find at least one value).
EMPTY_LISTS = {"cq03-recommendations-adoption": {"adoptedAs", "adoptedAsNumbers", "reiteratedByMandates"},
               "cq05-topic-timeline": {"links"}}


def concatenated(query: str) -> dict[str, str]:
    """The variables a query binds with GROUP_CONCAT, and their separators."""
    return {name: separator for separator, name in GROUP_CONCAT_RE.findall(query)}


def canonical(answer: Any, name: str | None) -> Any:
    """A named query's SPARQL JSON results without what SPARQL leaves to each engine: the order of a
    GROUP_CONCAT's parts (its parts are compared sorted) and its language tag (SPARQL 1.1 makes it a simple
    literal; Oxigraph keeps a tag the parts share, as SPARQL 1.2 does), and the lists of EMPTY_LISTS over no
    value. Everything else as it is: kb.store hands every engine's answer on in the standard's form."""
    if name is None or not (isinstance(answer, dict) and "head" in answer and "results" in answer):
        return answer
    lists = concatenated(kb.get_query(name).text)
    rows = []
    for binding in answer["results"]["bindings"]:
        row = {}
        for variable, term in binding.items():
            if variable in lists:
                if not term["value"] and variable in EMPTY_LISTS.get(name, ()):
                    continue
                separator = lists[variable]
                term = {"type": "literal", "value": separator.join(sorted(term["value"].split(separator)))}
            row[variable] = term
        rows.append(row)
    return {"head": answer["head"], "results": {"bindings": rows}}


def same_answers(servers: tuple[Server, Server], url: str, params: dict[str, Any], engine_url: str = "") -> None:
    """The request's answers from both servers, compared (each server's own address left out)."""
    answers = [httpx.get(f"{server.url}{url}", params=params, headers={"Accept": "application/json"}, timeout=60)
               for server in servers]
    assert [a.status_code for a in answers] == [200, 200], (url, params, answers[1].text[:300])
    name = url.removeprefix("/api/queries/") if url.startswith("/api/queries/") else None
    same = [canonical(json.loads(a.text.replace(server.url, "")), name)  # (next links name each server)
            for a, server in zip(answers, servers, strict=True)]
    if name == "cq05-topic-timeline" and "default-graph-uri" in engine_url:
        # Virtuoso 7.2 now and then leaves out activities that answered the topic (the rows of the query's
        # second UNION branch), at random for the same data and query (README): its rows must all be the
        # embedded store's, and only activity rows may be missing.
        ours, theirs = (answer["results"]["bindings"] for answer in same)
        assert all(row in ours for row in theirs), (url, params)
        assert [row for row in ours if row not in theirs and "/activity/" not in row["item"]["value"]] == [], params
        return
    assert same[0] == same[1], (url, params)


def test_kb_push_loads_every_triple(servers: tuple[Server, Server], built_release: Any,
                                    engine: tuple[str, list[str]]) -> None:
    with kb.RemoteStore(engine[0]) as remote, kb.open_store(built_release.store_path) as local:
        assert remote.triple_count() == local.triple_count()


def test_every_rest_operation_and_named_query_answers_the_same(servers: tuple[Server, Server],
                                                              engine: tuple[str, list[str]]) -> None:
    embedded = servers[0]
    schema = httpx.get(f"{embedded.url}/openapi.json").json()
    requests = rest_requests(schema)
    assert len(requests) >= 30, requests  # the named queries are operations of their own
    for url, params in requests:
        same_answers(servers, url, params, engine[0])


@pytest.mark.parametrize("engine", ["virtuoso"], indirect=True)  # Oxigraph server is the embedded store's engine
def test_named_queries_answer_the_same_with_other_parameters(servers: tuple[Server, Server],
                                                           engine: tuple[str, list[str]]) -> None:
    """Each named query with only its required parameters, and with the parameters of tests/test_queries.py
    (other dates, optional parameters left out): engines differ most where a parameter is unbound."""
    runs = [(q.name, {p.name: examples.from_description(p.description) or examples.BY_TYPE[p.type]
                      for p in q.params if p.required}) for q in kb.list_queries()]
    runs += [(name, params) for name, (params, _) in test_queries.EXPECTED.items()]
    runs += [(name, params) for name, params, _ in test_queries.CASES]
    asked = set()
    for name, params in runs:
        key = (name, json.dumps(params, sort_keys=True))
        if key not in asked:  # the cases of tests/test_queries.py repeat some
            asked.add(key)
            same_answers(servers, f"/api/queries/{name}", params, engine[0])


def test_the_sparql_endpoint_answers_in_the_standard_form(servers: tuple[Server, Server]) -> None:
    """A user's query through /sparql: literals in the standard's form (no "typed-literal", booleans true and
    false) in every results format, whatever the engine writes."""
    query = ("PREFIX kb: <https://w3id.org/iacml-kb/ontology#> SELECT ?document ?held ?slug "
             "WHERE { ?document kb:held ?held ; kb:slug ?slug } ORDER BY ?slug")
    for fmt in ("json", "csv", "xml"):
        answers = [httpx.get(f"{server.url}/sparql", params={"query": query, "format": fmt}, timeout=60)
                   for server in servers]
        assert [a.status_code for a in answers] == [200, 200], answers[1].text[:300]
        texts = [a.text for a in answers]
        assert json.loads(texts[0]) == json.loads(texts[1]) if fmt == "json" else texts[0] == texts[1], fmt
    for server in servers:
        asked = httpx.get(f"{server.url}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert asked.json() == {"head": {}, "boolean": True}


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


def test_why_on_the_command_line(servers: tuple[Server, Server], engine: tuple[str, list[str]]) -> None:
    shown = subprocess.run([sys.executable, "-m", "kb.cli", "why", "iacml21-plan-of-action art_7__para_g",
                            "--store", engine[0]], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "addressed" in shown.stdout


def test_the_coverage_report_is_the_same(servers: tuple[Server, Server], built_release: Any,
                                         engine: tuple[str, list[str]]) -> None:
    """kb reads computed booleans by their effective value: Virtuoso's 1 and 0 mean what true and false do."""
    with kb.RemoteStore(engine[0]) as remote, kb.open_store(built_release.store_path) as local:
        assert kb.coverage(remote) == kb.coverage(local)
