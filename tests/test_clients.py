"""The clients researchers use, each against a real ``kb serve`` process, each checked on real answers.

- SPARQLWrapper: SELECT, ASK, CONSTRUCT, by GET and by POST.
- rdflib's SPARQLStore (``Graph(store=SPARQLStore(url))``): iterating over every triple gives ``len()``
  triples (the row cap is never below the triple count).
- Apache Jena's ``rsparql`` (Debian's ``libapache-jena-java``), GET and ``--post``: Java sends
  ``Upgrade: h2c`` with a POST, whose body the server must still read (api/http.py).
- curl ``--http2`` POST (an h2c upgrade the server declines): answered over HTTP/1.1.
- The Graph Store Protocol (api/graph_store.py) read by rdflib and by plain HTTP: the whole default graph,
  more triples than the row cap setting.

Debian packages Jena without its launch scripts, so :func:`jena_classpath` builds the classpath from
``dpkg -L`` of the package and of what it depends on. Two traps on the way: every jar of /usr/share/java
at once brings SLF4J bindings that loop (log4j-over-slf4j with slf4j-log4j12), and Debian's jena-core
moves its bundled Xerces to the package ``xerces`` but leaves its message bundles under
``org/apache/jena/ext/xerces``, so that Xerces' regex parser cannot load its messages and JenaSystem.init
fails ("internal error" in XSSimpleTypeDecl.applyFacets1). The classpath therefore keeps a single SLF4J
binding (nop) and puts first a folder with those bundles copied where the moved classes look for them.
The Jena tests skip, saying why, only when Java or the package is absent (``.ci/run`` installs both).
Comunica is not tested here (see the README's conformance table).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import GET, JSON, POST, TURTLE, SPARQLWrapper
from test_api_server import Server, running_server

import kb

JENA_PACKAGE = "libapache-jena-java"
SLF4J_KEPT = {"slf4j-api.jar", "slf4j-nop.jar"}  # one binding: the others loop or log to stderr
XERCES_BUNDLES = "org/apache/jena/ext/xerces/"
PROVISION = "https://w3id.org/iacml-kb/ontology#Provision"
COUNT_PROVISIONS = f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a <{PROVISION}> }}"
TEN_PROVISIONS = f"SELECT ?p WHERE {{ ?p a <{PROVISION}> }} ORDER BY ?p LIMIT 10"
DOCUMENT = "https://w3id.org/iacml-kb/doc/wg1-2021-final-report"
ASK_DOCUMENT = f"ASK {{ <{DOCUMENT}> ?p ?o }}"
CONSTRUCT_DOCUMENT = f"CONSTRUCT {{ <{DOCUMENT}> ?p ?o }} WHERE {{ <{DOCUMENT}> ?p ?o }}"
ROW_CAP = "1000"  # far below the triple count: every whole-graph answer must get past it


@pytest.fixture(scope="module")
def server(built_release: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("clients") / "server.log"
    with running_server(built_release.store_path, log, row_cap=ROW_CAP) as running:
        yield running


@pytest.fixture(scope="module")
def expected(built_release: Any) -> dict[str, Any]:
    """What the answers must be, read from the release's own store."""
    with kb.open_store(built_release.store_path) as store:
        provisions = int(str(store.select(COUNT_PROVISIONS).rows[0][0]))
        first = [str(row[0]) for row in store.select(TEN_PROVISIONS).rows]
        described = len(store.construct(CONSTRUCT_DOCUMENT))
        triples = store.triple_count()
    assert provisions > 10 and described > 3 and triples > int(ROW_CAP)
    return {"provisions": provisions, "first": first, "described": described, "triples": triples}


# --------------------------------------------------------------------------------------------
# SPARQLWrapper
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_select_ask_construct(server: Server, expected: dict[str, Any], method: str) -> None:
    endpoint = SPARQLWrapper(f"{server.url}/sparql")
    endpoint.setMethod(method)
    endpoint.setReturnFormat(JSON)
    endpoint.setQuery(TEN_PROVISIONS)
    rows = endpoint.queryAndConvert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [row["p"]["value"] for row in rows] == expected["first"]
    endpoint.setQuery(COUNT_PROVISIONS)
    count = endpoint.queryAndConvert()["results"]["bindings"][0]["n"]["value"]  # type: ignore[index,call-overload]
    assert int(count) == expected["provisions"]
    endpoint.setQuery(ASK_DOCUMENT)
    assert endpoint.queryAndConvert()["boolean"] is True  # type: ignore[index,call-overload]
    endpoint.setQuery(CONSTRUCT_DOCUMENT)
    endpoint.setReturnFormat(TURTLE)
    graph = Graph().parse(data=endpoint.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == expected["described"]
    assert (URIRef(DOCUMENT), None, None) in graph


# --------------------------------------------------------------------------------------------
# rdflib's SPARQLStore
# --------------------------------------------------------------------------------------------


def test_rdflib_sparqlstore_iterates_over_every_triple(server: Server, expected: dict[str, Any]) -> None:
    graph = Graph(store=SPARQLStore(f"{server.url}/sparql", returnFormat="json"))
    size = len(graph)
    assert size == expected["triples"]
    assert sum(1 for _ in graph) == size  # one SELECT of every triple: past the row cap setting
    assert set(graph.objects(URIRef(DOCUMENT), None))
    answer = graph.query(COUNT_PROVISIONS)
    assert [int(row[0]) for row in answer] == [expected["provisions"]]  # type: ignore[index,call-overload]


# --------------------------------------------------------------------------------------------
# The Graph Store Protocol (read-only)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/store?default", "/sparql?default"])
def test_graph_store_get_gives_the_whole_default_graph(server: Server, expected: dict[str, Any], path: str) -> None:
    with httpx.Client(timeout=60) as http:
        plain = {"Accept-Encoding": "identity"}  # the files' own length (gzip, below, streams without one)
        nt = http.get(server.url + path, headers={"Accept": "application/n-triples", **plain})
        assert nt.status_code == 200 and nt.headers["content-type"].startswith("application/n-triples")
        assert "kb-result-truncated" not in nt.headers
        assert int(nt.headers["content-length"]) == len(nt.content)
        graph = Graph().parse(data=nt.content, format="nt")
        assert len(graph) == expected["triples"]
        zipped = http.get(server.url + path, headers={"Accept": "application/n-triples", "Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip" and zipped.content == nt.content
        turtle = http.get(server.url + path, headers={"Accept": "text/turtle", **plain})
        assert len(Graph().parse(data=turtle.content, format="turtle")) == expected["triples"]
        head = http.head(server.url + path, headers={"Accept": "text/turtle", **plain})
        assert head.status_code == 200 and head.headers["content-length"] == turtle.headers["content-length"]
        assert head.content == b""


def test_graph_store_json_ld_and_rdflib_reading_it(server: Server, expected: dict[str, Any]) -> None:
    graph = Graph().parse(f"{server.url}/store?default", format="json-ld")  # rdflib asks for it by URL
    assert len(graph) == expected["triples"]


def test_graph_store_is_read_only_and_has_only_the_default_graph(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        for method in ("PUT", "POST", "DELETE"):
            response = http.request(method, "/store?default", content=b"<a:b> <a:c> <a:d> .",
                                    headers={"Content-Type": "application/n-triples"})
            assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
            assert response.json()["error"]["status"] == 405
        posted = http.post("/sparql?default", content=b"<a:b> <a:c> <a:d> .", headers={"Content-Type": "text/turtle"})
        assert posted.status_code == 405
        named = http.get("/store", params={"graph": DOCUMENT})
        assert named.status_code == 404 and named.json()["error"]["parameter"] == "graph"
        assert http.get("/sparql", params={"graph": DOCUMENT}).json()["error"]["parameter"] == "graph"
        description = http.get("/sparql", headers={"Accept": "text/turtle"})
        assert "sparql-service-description#Service" in Graph().parse(data=description.content,
                                                                      format="turtle").serialize(format="nt")


def test_graph_store_from_a_store_without_dumps(tmp_path: Path, built_release: Any) -> None:
    """A server with no dump files (a bare store folder) streams the store itself, page by page."""
    kb.EmbeddedStore.create(tmp_path / "store", built_release.dump("nt"), built_release.dataset_path).close()
    with running_server(tmp_path / "store", tmp_path / "server.log", row_cap="5000") as bare, \
            httpx.Client(timeout=60) as http:
        nt = http.get(f"{bare.url}/store?default", headers={"Accept": "application/n-triples"})
        assert nt.status_code == 200
        with kb.open_store(tmp_path / "store") as store:
            assert len(Graph().parse(data=nt.content, format="nt")) == store.triple_count() > 5000
        refused = http.get(f"{bare.url}/store?default", headers={"Accept": "application/ld+json"})
        assert refused.status_code == 406 and "no dump files" in refused.json()["error"]["detail"]


# --------------------------------------------------------------------------------------------
# curl --http2 (an h2c upgrade on a POST)
# --------------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_http2_post_is_answered(server: Server, expected: dict[str, Any]) -> None:
    result = subprocess.run(
        ["curl", "-sS", "--http2", "-X", "POST", "-H", "Accept: application/sparql-results+json",
         "--data-urlencode", f"query={COUNT_PROVISIONS}", "-w", "\n%{http_version}", f"{server.url}/sparql"],
        capture_output=True, text=True, timeout=60, check=True)
    body, _, version = result.stdout.rpartition("\n")
    assert version == "1.1"  # the upgrade is declined; the answer comes over HTTP/1.1
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == expected["provisions"]


# --------------------------------------------------------------------------------------------
# Apache Jena's rsparql
# --------------------------------------------------------------------------------------------


def _package_files(package: str) -> list[str]:
    listing = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
    return listing.stdout.splitlines() if listing.returncode == 0 else []


def jena_classpath(folder: Path) -> str | None:
    """Jena's classpath from its Debian package and its Depends, or None when Java or Jena are absent.

    ``folder`` receives the Xerces message bundles Debian's jena-core leaves out of place (module docstring).
    """
    if shutil.which("java") is None or shutil.which("dpkg-query") is None:
        return None
    jena = [f for f in _package_files(JENA_PACKAGE) if f.endswith(".jar")]
    core = next((Path(f) for f in jena if f.endswith("/jena-core.jar")), None)
    if core is None:
        return None
    depends = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", JENA_PACKAGE], capture_output=True, text=True)
    packages = [re.split(r"[\s(:]", item.strip(), maxsplit=1)[0] for item in depends.stdout.split(",")]
    jars = list(jena)
    for package in (p for p in packages if p):
        for path in _package_files(package):
            name = Path(path).name
            # the unversioned jar of each library (its versioned twin is the same file), one SLF4J binding
            if path.endswith(".jar") and not re.search(r"-\d[\w.]*\.jar$", name) \
                    and (not name.startswith("slf4j") or name in SLF4J_KEPT) and name != "log4j-over-slf4j.jar":
                jars.append(path)
    with zipfile.ZipFile(core) as archive:
        for entry in archive.namelist():
            if entry.startswith(XERCES_BUNDLES) and entry.endswith(".properties"):
                target = folder / "xerces" / entry[len(XERCES_BUNDLES):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(entry))
    return ":".join([str(folder), *dict.fromkeys(jars)])


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory) -> str:
    classpath = jena_classpath(tmp_path_factory.mktemp("jena"))
    if classpath is None:
        pytest.skip(f"Java or Debian's {JENA_PACKAGE} is not installed (.ci/run installs them)")
    return classpath


def rsparql(classpath: str, url: str, query: str, folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    query_file = folder / "query.rq"
    query_file.write_text(query, encoding="utf-8")
    return subprocess.run(["java", "-cp", classpath, "arq.rsparql", "--service", url, "--query", str(query_file),
                           *options], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("options", [(), ("--post",)], ids=["get", "post"])
def test_jena_rsparql(jena: str, server: Server, expected: dict[str, Any], tmp_path: Path,
                      options: tuple[str, ...]) -> None:
    url = f"{server.url}/sparql"
    select = rsparql(jena, url, TEN_PROVISIONS, tmp_path, *options, "--results", "json")
    assert select.returncode == 0, select.stderr[-3000:]
    rows = json.loads(select.stdout)["results"]["bindings"]
    assert [row["p"]["value"] for row in rows] == expected["first"]
    count = rsparql(jena, url, COUNT_PROVISIONS, tmp_path, *options, "--results", "csv")
    assert count.returncode == 0, count.stderr[-3000:]
    assert count.stdout.split() == ["n", str(expected["provisions"])]
    ask = rsparql(jena, url, ASK_DOCUMENT, tmp_path, *options, "--results", "json")
    assert json.loads(ask.stdout)["boolean"] is True
    construct = rsparql(jena, url, CONSTRUCT_DOCUMENT, tmp_path, *options, "--results", "nt")
    assert construct.returncode == 0, construct.stderr[-3000:]
    assert len(Graph().parse(data=construct.stdout, format="nt")) == expected["described"]


def test_protocol_dataset_of_the_knowledge_base_is_accepted(server: Server, expected: dict[str, Any]) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        own = http.get("/sparql", params={"query": COUNT_PROVISIONS, "default-graph-uri": kb.KB_GRAPH},
                       headers={"Accept": "application/sparql-results+json"})
        assert own.status_code == 200, own.text
        assert int(own.json()["results"]["bindings"][0]["n"]["value"]) == expected["provisions"]
        query = f"SELECT (COUNT(?p) AS ?n) FROM <{kb.KB_GRAPH}> WHERE {{ ?p a <{PROVISION}> }}"
        from_clause = http.get("/sparql", params={"query": query},
                               headers={"Accept": "application/sparql-results+json"})
        assert int(from_clause.json()["results"]["bindings"][0]["n"]["value"]) == expected["provisions"]
        named = http.post("/sparql", data={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                                           "named-graph-uri": kb.KB_GRAPH + "graph/other"},
                          headers={"Accept": "application/sparql-results+json"})
        assert named.status_code == 200 and named.json()["results"]["bindings"] == []
        outside = http.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "http://example.org/g"})
        assert outside.status_code == 400 and outside.json()["error"]["parameter"] == "default-graph-uri"
        encoded = urllib.parse.quote(kb.KB_GRAPH, safe="")
        assert http.get(f"/sparql?query=ASK%7B%7D&named-graph-uri={encoded}").status_code == 200
