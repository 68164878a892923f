"""The clients researchers use, each against a real ``kb serve`` process, each checked on real answers.

- SPARQLWrapper: SELECT, ASK, CONSTRUCT, by GET and by POST.
- rdflib's SPARQLStore (``Graph(store=SPARQLStore(url))``): iterating over every triple gives ``len()``
  triples (the row cap is never below the triple count).
- Apache Jena's ``rsparql`` (Debian's ``libapache-jena-java``), GET and ``--post``: Java sends
  ``Upgrade: h2c`` with a POST, whose body the server must still read (api/http.py).
- curl ``--http2`` POST (an h2c upgrade the server declines): answered over HTTP/1.1.
- Comunica's ``comunica-sparql`` (npm ``@comunica/query-sparql``, pinned in tests/clients/package.json and
  installed by ``npm ci --prefix tests/clients``): the endpoint as a ``sparql@`` source, by GET and by POST;
  a mandate's IRI (content-negotiated to RDF) and the dump ``/store?default`` as plain Linked Data files.
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
Comunica is held at 4.5.0: 5.x, as npm resolves it, needs Node.js 22.19 (undici 8) and Debian ships 18
or 20. As npm resolves 4.5.0, its fetch-sparql-endpoint 6 brings sparqljson-parse and sparqlxml-parse 3,
which hand a language tag to Comunica's rdf-data-factory 1 in a form it takes for a datatype, so every
language-tagged literal of an endpoint's SELECT answer comes back as ``"..."^^undefined``:
tests/clients/package.json overrides them to 2.x (its description says so). The Comunica tests fail without
Node.js or tests/clients/node_modules, saying how to install them: npm is already needed by the README's
test command, which installs Comunica too.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import urllib.parse
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from rdflib.term import Node
from SPARQLWrapper import GET, JSON, POST, TURTLE, SPARQLWrapper
from test_api_server import Server, running_server

import kb
from api import examples

pytestmark = pytest.mark.long_tests

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


# --------------------------------------------------------------------------------------------
# Comunica's comunica-sparql (npm), a SPARQL endpoint client and a Linked Data client
# --------------------------------------------------------------------------------------------

COMUNICA = Path(__file__).resolve().parent / "clients" / "node_modules" / ".bin" / "comunica-sparql"
# IRIs, plain, language-tagged and typed literals (xsd:date, gYear, gYearMonth), unbound OPTIONALs; short for a GET
COMUNICA_SELECT = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?item ?title ?date ?identifier WHERE {
  ?item dcterms:title ?title PAD
  OPTIONAL { ?item dcterms:date ?date }
  OPTIONAL { ?item dcterms:identifier ?identifier }
}"""
COMUNICA_ASK = f"ASK {{ <{DOCUMENT}> ?p ?o PAD }}"
COMUNICA_CONSTRUCT = f"CONSTRUCT {{ <{DOCUMENT}> ?p ?o }} WHERE {{ <{DOCUMENT}> ?p ?o PAD }}"
# Comunica (fetch-sparql-endpoint as it configures it) GETs a query whose URL is under 600 characters, else
# POSTs it as a form: PAD becomes nothing, or a filter true of every answer that makes the query that long
LONG_FILTER = "FILTER(!sameTerm({}, <https://example.org/nothing/" + "x" * 600 + ">))"
ALL_TRIPLES = "CONSTRUCT WHERE { ?s ?p ?o }"
MANDATE = URIRef(examples.PROVISION_IRI)
KB_MANDATE = URIRef("https://w3id.org/iacml-kb/ontology#Mandate")
# what an item's IRI serves (api.linked_data.item_triples), written out independently: for a provision,
# which has no hash IRIs, its own triples and those pointing at it
ABOUT_MANDATE = f"CONSTRUCT {{ <{MANDATE}> ?p ?o . ?s ?q <{MANDATE}> }} " \
                f"WHERE {{ {{ <{MANDATE}> ?p ?o }} UNION {{ ?s ?q <{MANDATE}> }} }}"


@pytest.fixture(scope="module")
def comunica() -> Path:
    """The comunica-sparql command. Missing, the tests fail: the README's test command installs it."""
    if shutil.which("node") is None:
        pytest.fail("Comunica needs Node.js: apt-get install nodejs npm (.ci/run does), then "
                    "npm ci --prefix tests/clients")
    if not COMUNICA.is_file():
        pytest.fail(f"Comunica is not installed ({COMUNICA} is missing): npm ci --prefix tests/clients "
                    "(part of the README's test command)")
    return COMUNICA


def comunica_sparql(command: Path, source: str, query: str, media_type: str) -> tuple[str, list[tuple[str, str]]]:
    """Comunica's answer to ``query`` over ``source``, written in ``media_type``, and its HTTP requests
    as (method, URL), read from its info log ("undefined" is a plain GET of a file source)."""
    run = subprocess.run([str(command), source, "--query", query, "--outputType", media_type, "--logLevel", "info"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"comunica-sparql {source} exited with {run.returncode}:\n{run.stderr[-3000:]}"
    requests = re.findall(r"Requesting (\S+) \{.*?method: '?(\w+)", run.stderr)
    return run.stdout, [(method, url) for url, method in requests]


def binding_rows(rows: list[dict[str, Node]]) -> Counter[frozenset[tuple[str, Node]]]:
    """Rows as a multiset of {variable: term} sets: their order and the answer's text do not count."""
    return Counter(frozenset(row.items()) for row in rows)


def result_rows(bindings: Iterable[Mapping[Any, Node]]) -> list[dict[str, Node]]:
    return [{str(variable): term for variable, term in row.items()} for row in bindings]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_comunica_queries_the_endpoint(comunica: Path, server: Server, built_release: Any, method: str) -> None:
    endpoint = f"{server.url}/sparql"
    select, ask, construct = (query.replace("PAD", LONG_FILTER.format(variable) if method == "POST" else "")
                              for query, variable in ((COMUNICA_SELECT, "?title"), (COMUNICA_ASK, "?o"),
                                                      (COMUNICA_CONSTRUCT, "?o")))
    with kb.open_store(built_release.store_path) as store:
        rows = store.select(select).dicts()
        answer = store.ask(ask)
        graph = store.construct(construct)
    assert len(rows) > 10 and any("date" not in row for row in rows) and answer is True and len(graph) > 3
    assert any(isinstance(row["title"], Literal) and row["title"].language for row in rows)

    # each query goes whole to the endpoint, in one request by the method its length calls for
    out, requests = comunica_sparql(comunica, f"sparql@{endpoint}", select, "application/sparql-results+json")
    assert [(m, url.split("?")[0]) for m, url in requests] == [(method, endpoint)]
    assert binding_rows(result_rows(Result.parse(io.StringIO(out), format="json").bindings)) == binding_rows(rows)

    out, requests = comunica_sparql(comunica, f"sparql@{endpoint}", ask, "application/sparql-results+json")
    assert [(m, url.split("?")[0]) for m, url in requests] == [(method, endpoint)]
    assert Result.parse(io.StringIO(out), format="json").askAnswer is answer

    out, requests = comunica_sparql(comunica, f"sparql@{endpoint}", construct, "application/n-triples")
    assert [(m, url.split("?")[0]) for m, url in requests] == [(method, endpoint)]
    assert isomorphic(Graph().parse(data=out, format="nt"), graph)


def test_comunica_reads_a_mandate_iri_as_linked_data(comunica: Path, server: Server, built_release: Any) -> None:
    """The IRI's page, content-negotiated from Comunica's Accept (JSON-LD: it prefers N-Quads and TriG,
    which the server does not offer), read as a plain file: every triple the store has about the mandate."""
    page = f"{server.url}/{examples.PROVISION_PATH}"
    with kb.open_store(built_release.store_path) as store:
        expected = store.construct(ABOUT_MANDATE)
    assert (MANDATE, RDF.type, KB_MANDATE) in expected and len(expected) > 10
    out, requests = comunica_sparql(comunica, page, ALL_TRIPLES, "application/n-triples")
    assert [url for _, url in requests] == [page]  # the page alone: no link followed
    assert set(Graph().parse(data=out, format="nt")) == set(expected)


def test_comunica_reads_the_dump_as_linked_data(comunica: Path, server: Server, built_release: Any,
                                                expected: dict[str, Any]) -> None:
    """The dump the Service Description and VoID name (void:dataDump), ``/store?default``: content-negotiated
    (JSON-LD, as for a page), it has no extension Comunica could fall back on (it reads /dumps/kb.ttl as
    Turtle by its name even when sent as text/plain), so a wrong type fails here."""
    dump = f"{server.url}/store?default"
    with kb.open_store(built_release.store_path) as store:
        whole = set(store.construct(ALL_TRIPLES))
    assert len(whole) == expected["triples"]
    out, requests = comunica_sparql(comunica, dump, ALL_TRIPLES, "application/n-triples")
    assert [url for _, url in requests] == [dump]
    assert set(Graph().parse(data=out, format="nt")) == whole
