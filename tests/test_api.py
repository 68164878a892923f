"""The web service against a real uvicorn process on 127.0.0.1 serving the build of the shipped corpus.

SPARQLWrapper as a client; raw requests for every result and graph format and for every protocol
error; the row cap; the REST API's filters, pagination and errors; named queries; content
negotiation on IRI paths, the ontology, VoID, dumps and CORS. Every error has the one shape.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.dom.minidom
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, VOID
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from test_api_server import Server, running_server

import kb

BASE = kb.BASE
KB = kb.PREFIXES["kb"]
MANDATE = f"{BASE}doc/iacml21-plan-of-action/art_7__para_g"
RECOMMENDATION = f"{BASE}doc/wg1-2021-final-report/recommendation_7"
PREFIX = "PREFIX kb: <https://w3id.org/iacml-kb/ontology#>\n"
SELECT = PREFIX + "SELECT ?m ?text WHERE { ?m a kb:Mandate ; kb:text ?text } ORDER BY ?m"
ASK = PREFIX + f"ASK {{ <{MANDATE}> kb:derivedFrom <{RECOMMENDATION}> }}"
CONSTRUCT = PREFIX + f"CONSTRUCT {{ <{MANDATE}> ?p ?o }} WHERE {{ <{MANDATE}> ?p ?o }}"
DESCRIBE = f"DESCRIBE <{MANDATE}>"
ROW_CAP = 10_000


@pytest.fixture(scope="module")
def server(built_release: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("api") / "server.log"
    # a query sent while the pool replaces a worker runs on the reserve: 10 s there, as the site's server, so that
    # a loaded machine does not turn the large answers of these tests into "workers busy" 503s
    with running_server(built_release.store_path, log, row_cap=str(ROW_CAP), time_limit="20",
                        reserve_time_limit="10") as running:
        yield running


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http


@pytest.fixture(scope="module")
def store(built_release: Any) -> Iterator[kb.Store]:
    with kb.open_store(built_release.store_path) as opened:
        yield opened


def assert_error(response: httpx.Response, status: int, parameter: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert set(error) == {"status", "title", "detail", "parameter"}
    assert error["status"] == status and error["title"] and error["detail"]
    assert error["parameter"] == parameter
    return error


def mandate_count(store: kb.Store) -> int:
    return len(store.select(SELECT).rows)


# --------------------------------------------------------------------------------------------
# SPARQLWrapper as a client
# --------------------------------------------------------------------------------------------


def wrapper(server: Server, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method is not None:
        client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["GET", "POST-form", "POST-direct"])
def test_sparqlwrapper_select_json(server: Server, store: kb.Store, method: str | None) -> None:
    result = wrapper(server, SELECT, JSON, method).query().convert()
    assert isinstance(result, dict)
    assert result["head"]["vars"] == ["m", "text"]
    rows = result["results"]["bindings"]
    assert len(rows) == mandate_count(store) > 0
    assert MANDATE in {row["m"]["value"] for row in rows}


def test_sparqlwrapper_select_xml_csv_tsv(server: Server, store: kb.Store) -> None:
    expected = mandate_count(store)
    document = wrapper(server, SELECT, XML).query().convert()
    assert isinstance(document, xml.dom.minidom.Document)
    assert len(document.getElementsByTagName("result")) == expected
    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        text = wrapper(server, SELECT, fmt).query().convert()
        assert isinstance(text, bytes)
        rows = list(csv.reader(io.StringIO(text.decode("utf-8")), delimiter=delimiter))
        assert rows[0] in (["m", "text"], ["?m", "?text"])
        assert len([r for r in rows[1:] if r]) == expected


def test_sparqlwrapper_ask(server: Server) -> None:
    result = wrapper(server, ASK, JSON).query().convert()
    assert isinstance(result, dict) and result["boolean"] is True
    document = wrapper(server, ASK.replace("derivedFrom", "fulfils"), XML).query().convert()
    assert isinstance(document, xml.dom.minidom.Document)
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "false"  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_construct_and_describe(server: Server, store: kb.Store, fmt: str) -> None:
    expected = len(store.construct(CONSTRUCT))
    for query in (CONSTRUCT, DESCRIBE):
        result = wrapper(server, query, fmt).query().convert()
        assert isinstance(result, Graph | bytes)
        graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
        assert (URIRef(MANDATE), URIRef(KB + "derivedFrom"), URIRef(RECOMMENDATION)) in graph
        if query == CONSTRUCT:
            assert len(graph) == expected


def test_sparqlwrapper_malformed_query_is_bad_formed(server: Server) -> None:
    with pytest.raises(QueryBadFormed, match="malformed SPARQL query"):
        wrapper(server, "SELECT * WHERE { ?s ?p }", JSON).query()


# --------------------------------------------------------------------------------------------
# Raw protocol requests: every format
# --------------------------------------------------------------------------------------------

RESULT_FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_FORMATS = {"turtle": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json",
                 "xml": "application/rdf+xml"}


def result_rows(response: httpx.Response) -> list[dict[str, str]]:
    """The rows of a SELECT answer in any of the four formats, as {variable: lexical value}."""
    kind = response.headers["content-type"].split(";")[0]
    if kind == RESULT_FORMATS["json"]:
        data = response.json()
        return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]
    if kind == RESULT_FORMATS["xml"]:
        document = xml.dom.minidom.parseString(response.content)
        rows = []
        for result in document.getElementsByTagName("result"):
            row = {}
            for binding in result.getElementsByTagName("binding"):
                node = next(n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE)
                row[binding.getAttribute("name")] = "".join(getattr(t, "data", "") for t in node.childNodes)
            rows.append(row)
        return rows
    if kind == RESULT_FORMATS["csv"]:
        return list(csv.DictReader(io.StringIO(response.text)))
    assert kind == RESULT_FORMATS["tsv"]
    lines = response.text.splitlines()
    names = [name.lstrip("?") for name in lines[0].split("\t")]
    return [{n: v.split('"')[1] if v.startswith('"') else v.strip("<>") for n, v in zip(names, line.split("\t"),
                                                                                        strict=True)}
            for line in lines[1:]]


@pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
def test_select_in_every_format_by_accept_and_by_parameter(client: httpx.Client, store: kb.Store, fmt: str) -> None:
    by_accept = client.get("/sparql", params={"query": SELECT}, headers={"Accept": RESULT_FORMATS[fmt]})
    by_param = client.post("/sparql", data={"query": SELECT, "format": fmt})
    direct = client.post("/sparql", content=SELECT.encode(), headers={"Content-Type": "application/sparql-query",
                                                                      "Accept": RESULT_FORMATS[fmt]})
    for response in (by_accept, by_param, direct):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == RESULT_FORMATS[fmt]
        assert "kb-result-truncated" not in response.headers
        rows = result_rows(response)
        assert len(rows) == mandate_count(store)
        assert {r["m"] for r in rows} >= {MANDATE}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_ask_in_json_and_xml(client: httpx.Client, fmt: str) -> None:
    response = client.get("/sparql", params={"query": ASK}, headers={"Accept": RESULT_FORMATS[fmt]})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == RESULT_FORMATS[fmt]
    if fmt == "json":
        assert response.json()["boolean"] is True
    else:
        assert "<boolean>true</boolean>" in response.text


@pytest.mark.parametrize("fmt", list(GRAPH_FORMATS))
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_graphs_in_every_format(client: httpx.Client, store: kb.Store, fmt: str, query: str) -> None:
    media = GRAPH_FORMATS[fmt]
    for response in (client.get("/sparql", params={"query": query}, headers={"Accept": media}),
                     client.get("/sparql", params={"query": query, "format": fmt})):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media
        graph = Graph().parse(data=response.content, format={"xml": "xml", "nt": "nt", "turtle": "turtle",
                                                             "json-ld": "json-ld"}[fmt])
        assert len(graph) == len(store.construct(query))
        assert (URIRef(MANDATE), URIRef(KB + "number"), Literal("7(g)")) in graph


def test_defaults_without_accept(client: httpx.Client) -> None:
    assert client.get("/sparql", params={"query": SELECT}).headers["content-type"] == RESULT_FORMATS["json"]
    assert client.get("/sparql", params={"query": CONSTRUCT}).headers["content-type"].startswith("text/turtle")


def test_accept_quality_values_are_honoured(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": SELECT},
                          headers={"Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert response.headers["content-type"].startswith("text/csv")


def test_service_description_on_plain_get(client: httpx.Client, server: Server) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    services = list(graph.subjects(URIRef(sd + "endpoint"), URIRef(f"{server.url}/sparql")))
    assert len(services) == 1
    assert set(graph.objects(services[0], URIRef(sd + "supportedLanguage"))) == {URIRef(sd + "SPARQL11Query")}
    assert len(set(graph.objects(services[0], URIRef(sd + "resultFormat")))) == 8
    html = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html") and "<form" in html.text


# --------------------------------------------------------------------------------------------
# Raw protocol requests: errors
# --------------------------------------------------------------------------------------------


def test_malformed_query_gives_400_with_the_parser_message(client: httpx.Client) -> None:
    error = assert_error(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}), 400)
    assert "malformed SPARQL query" in error["detail"] and "col:" in error["detail"]


@pytest.mark.parametrize("query, words", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM <file:///etc/passwd> is refused"),
    ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "is refused"),
    ("LOAD <file:///etc/passwd>", "updates are refused"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are refused"),
])
def test_refused_queries(client: httpx.Client, query: str, words: str) -> None:
    error = assert_error(client.get("/sparql", params={"query": query}), 400)
    assert error["title"] == "Query Refused" and words in error["detail"]


def test_update_requests_are_forbidden(client: httpx.Client) -> None:
    assert_error(client.post("/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
                 403)
    assert_error(client.post("/sparql", data={"update": "CLEAR ALL"}), 403)
    assert_error(client.get("/sparql", params={"update": "CLEAR ALL"}), 403)


def test_protocol_errors(client: httpx.Client) -> None:
    response = client.put("/sparql", content=b"query=ASK%7B%7D",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error(response, 405)
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
    assert_error(client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}), 415)
    assert_error(client.post("/sparql", content=b"ASK {}"), 415)
    assert_error(client.post("/sparql", content="ASK {}".encode("utf-16"),
                             headers={"Content-Type": "application/sparql-query; charset=UTF-16"}), 415)
    assert_error(client.post("/sparql", content=b"ASK { ?s ?p \xff }",
                             headers={"Content-Type": "application/sparql-query"}), 400)
    assert_error(client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20*%20%7B%7D"), 400, "query")
    assert_error(client.get("/sparql?query=ASK%20%7B%7D&format=json&format=xml"), 400, "format")
    assert_error(client.get("/sparql", params={"query": ""}), 400, "query")
    assert_error(client.post("/sparql", data={"format": "json"}), 400, "query")
    assert_error(client.get("/sparql?query=ASK%20%7B%7D%FF"), 400)
    assert_error(client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "http://example.org/g"}), 400,
                 "default-graph-uri")
    assert_error(client.get("/sparql", params={"query": "ASK {}", "named-graph-uri": "http://example.org/g"}), 400,
                 "named-graph-uri")
    assert_error(client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"}), 406)
    assert_error(client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"}), 406)
    assert_error(client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"}), 400, "format")
    assert_error(client.get("/sparql", params={"query": SELECT, "format": "nonsense"}), 400, "format")


def test_query_and_request_length_limits(client: httpx.Client) -> None:
    long_query = "ASK {}" + " " * 20_001
    assert_error(client.get("/sparql", params={"query": long_query}), 414, "query")
    assert_error(client.post("/sparql", data={"query": long_query}), 413, "query")
    assert_error(client.post("/sparql", content=b"#" * 300_000, headers={"Content-Type": "application/sparql-query"}),
                 413)


def test_the_row_cap_cuts_results_and_says_so(client: httpx.Client, store: kb.Store) -> None:
    """The cap is the setting, but never fewer rows than the data holds: the whole graph comes out
    whole (a client iterating over every triple, as rdflib's SPARQLStore does, sees them all)."""
    triples = store.triple_count()
    assert triples > ROW_CAP
    whole = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert "kb-result-truncated" not in whole.headers
    assert len(whole.json()["results"]["bindings"]) == triples
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert "kb-result-truncated" not in graph.headers and len(graph.text.strip().splitlines()) == triples
    for query in ("SELECT * WHERE { ?s ?p ?o . ?x ?y ?z }", "SELECT * WHERE { ?s ?p ?o . ?x ?y ?z } LIMIT 900000"):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 200
        assert response.headers["kb-result-truncated"] == "true"
        assert response.headers["kb-row-cap"] == str(triples)
        assert len(response.json()["results"]["bindings"]) == triples
    small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5", "format": "csv"})
    assert "kb-result-truncated" not in small.headers and len(small.text.strip().splitlines()) == 6
    crossed = "CONSTRUCT { ?s ?p ?o . ?s <urn:example:again> ?o } WHERE { ?s ?p ?o }"  # more triples than the data
    for fmt in ("nt", "turtle"):
        cut = client.get("/sparql", params={"query": crossed, "format": fmt})
        assert cut.status_code == 200, cut.text
        assert cut.headers["kb-result-truncated"] == "true"
        assert cut.text.endswith(f"# truncated: the first {triples} triples of the answer (the row cap)\n"), fmt
        assert len(Graph().parse(data=cut.text, format="nt" if fmt == "nt" else "turtle")) == triples


# --------------------------------------------------------------------------------------------
# REST API
# --------------------------------------------------------------------------------------------


def all_pages(client: httpx.Client, url: str, limit: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    next_url: str | None = f"{url}{'&' if '?' in url else '?'}limit={limit}"
    while next_url:
        page = client.get(next_url)
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["limit"] == limit and len(body["items"]) <= limit
        items += body["items"]
        next_url = body["next"]
    return items


def test_the_next_page_url_keeps_the_request_and_moves_the_offset(client: httpx.Client, server: Server) -> None:
    page = client.get("/api/provisions?offset=2&document=iacml21-plan-of-action&limit=3&kind=Mandate").json()
    assert page["next"] == f"{server.url}/api/provisions?document=iacml21-plan-of-action&limit=3&kind=Mandate&offset=5"


def test_mandates_paginate_to_the_same_list(client: httpx.Client, store: kb.Store) -> None:
    everything = client.get("/api/mandates?limit=500").json()
    assert everything["next"] is None
    expected = {str(row[0]) for row in store.select(SELECT).rows}
    assert {item["iri"] for item in everything["items"]} == expected
    assert all(item["kind"] == "Mandate" for item in everything["items"])
    paged = all_pages(client, "/api/mandates", 7)
    assert [item["iri"] for item in paged] == [item["iri"] for item in everything["items"]]
    item = next(i for i in paged if i["iri"] == MANDATE)
    assert item == {"iri": MANDATE, "path": "/doc/iacml21-plan-of-action/art_7__para_g",
                    "document": f"{BASE}doc/iacml21-plan-of-action", "documentSlug": "iacml21-plan-of-action",
                    "eId": "art_7__para_g", "kind": "Mandate", "number": "7(g)", "text": item["text"]}


def test_provision_filters(client: httpx.Client, store: kb.Store) -> None:
    document = f"{BASE}doc/wg1-2021-final-report"
    by_slug = client.get("/api/provisions", params={"document": "wg1-2021-final-report", "limit": 500}).json()
    by_iri = client.get("/api/provisions", params={"document": document, "limit": 500}).json()
    assert by_slug["items"] == by_iri["items"] and by_slug["items"]
    assert {i["document"] for i in by_slug["items"]} == {document}
    provisions = store.select(PREFIX + "SELECT ?p WHERE { ?p kb:inDocument ?d }", {"d": URIRef(document)}).rows
    assert len(by_slug["items"]) == len(provisions)
    # a document's own listing keeps the whole listing's order (kb:sequence, the reading order)
    whole = all_pages(client, "/api/provisions", 500)
    assert [i["iri"] for i in by_slug["items"]] == [i["iri"] for i in whole if i["document"] == document]
    mandates = client.get("/api/mandates", params={"document": "iacml21-plan-of-action", "limit": 500}).json()
    assert [i["iri"] for i in mandates["items"]] == [
        i["iri"] for i in whole if i["documentSlug"] == "iacml21-plan-of-action" and i["kind"] == "Mandate"]
    starts = dict(store.select(PREFIX + "SELECT ?p ?s WHERE { ?p kb:inDocument ?d ; kb:startOffset ?s }",
                               {"d": URIRef(document)}).rows)
    in_order = [int(starts[URIRef(i["iri"])]) for i in by_slug["items"]]  # by place in the text, not by name
    assert in_order == sorted(in_order) and [i["eId"] for i in by_slug["items"]] != sorted(
        i["eId"] for i in by_slug["items"])
    plan = [i["eId"] for i in client.get("/api/provisions", params={
        "document": "iacml21-plan-of-action", "limit": 500}).json()["items"]]  # known by excerpts: no offsets
    assert plan.index("passage_2__item_2") < plan.index("passage_2__item_10"), "eIds in natural order"
    recommendations = client.get("/api/provisions", params={"document": "wg1-2021-final-report",
                                                             "kind": "Recommendation", "limit": 500}).json()["items"]
    assert RECOMMENDATION in {i["iri"] for i in recommendations}
    assert {i["kind"] for i in recommendations} == {"Recommendation"}
    on_topic = client.get("/api/provisions", params={"topic": "qualifications-frameworks", "limit": 500}).json()
    assert {MANDATE, RECOMMENDATION} <= {i["iri"] for i in on_topic["items"]}
    to_body = client.get("/api/mandates", params={"body": "ilo-cinterfor", "limit": 500}).json()["items"]
    assert MANDATE in {i["iri"] for i in to_body}
    both = client.get("/api/provisions", params={"body": "unesco", "topic": "qualifications-frameworks",
                                                 "limit": 500}).json()["items"]
    assert {MANDATE, RECOMMENDATION} <= {i["iri"] for i in both}


def test_text_search_ignores_case_and_accents_and_needs_every_word(client: httpx.Client) -> None:
    found = client.get("/api/provisions", params={"q": "REGIONAL qualifications FRAMEWORK", "limit": 500}).json()
    iris = {i["iri"] for i in found["items"]}
    assert {MANDATE, RECOMMENDATION} <= iris
    assert all("regional" in (i["text"] or "").lower() for i in found["items"])
    accented = client.get("/api/provisions", params={"q": "régional qualificátions", "limit": 500}).json()
    assert iris <= {i["iri"] for i in accented["items"]}
    assert client.get("/api/provisions", params={"q": "zzzz-no-such-word"}).json()["items"] == []


def test_rest_parameter_errors(client: httpx.Client) -> None:
    assert_error(client.get("/api/provisions", params={"kind": "Nonsense"}), 400, "kind")
    assert_error(client.get("/api/provisions", params={"limit": 0}), 400, "limit")
    assert_error(client.get("/api/provisions", params={"limit": 501}), 400, "limit")
    assert_error(client.get("/api/provisions", params={"offset": -1}), 400, "offset")
    assert_error(client.get("/api/provisions", params={"document": "Not A Slug"}), 400, "document")
    assert_error(client.get("/api/activities", params={"from": "last year"}), 400, "from")
    # a document the knowledge base does not hold is an error, not an empty page
    assert_error(client.get("/api/provisions", params={"document": "no-such-document"}), 400, "document")
    # the listings read their parameters in one pydantic call (api.query_params): same errors, same rules
    assert_error(client.get("/api/mandates", params={"status": "open"}), 400, "status")
    assert_error(client.get("/api/mandates", params={"asof": "2024-13-01"}), 400, "asof")
    assert_error(client.get("/api/mandates", params={"limit": "ten"}), 400, "limit")
    assert_error(client.get("/api/mandates", params={"q": "x" * 201}), 400, "q")
    # a pattern refused is said in words, not as the pattern
    assert assert_error(client.get("/api/mandates", params={"topic": "A B"}), 400, "topic")["detail"] == \
        "parameter 'topic': 'A B' is not a slug or an IRI"
    # an IRI asked for and a reference given as the command line takes it: the IRI it names
    assert assert_error(client.get("/api/queries/cq09-full-trace", params={"mandate": "iacml21-plan-of-action art_7"}),
                        400, "mandate")["detail"] == (
        "parameter 'mandate': 'iacml21-plan-of-action art_7' is not an IRI (http:// or https://...); the item "
        f"iacml21-plan-of-action art_7 is {kb.provision_iri('iacml21-plan-of-action', 'art_7')}")
    long = "not an IRI " * 30
    assert assert_error(client.get("/api/queries/cq09-full-trace", params={"mandate": long}), 400, "mandate")[
        "detail"] == f"parameter 'mandate': '{long[:80]}...' is not an IRI (http:// or https://...)"
    repeated = client.get("/api/mandates?limit=3&limit=2")  # the last value counts
    assert repeated.status_code == 200 and repeated.json()["limit"] == 2 and len(repeated.json()["items"]) == 2
    assert_error(client.get("/api/mandates?limit=2&unknown=1"), 400, "unknown")


def test_every_operation_has_its_own_id(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    ids = [op["operationId"] for operations in paths.values() for op in operations.values() if isinstance(op, dict)]
    assert len(ids) == len(set(ids)) and len(ids) > 60
    assert paths["/doc/{slug}"]["head"]["operationId"] == "document_doc__slug__head"  # the same in every run
    assert paths["/doc/{slug}"]["get"]["operationId"] == "document_doc__slug__get"


def test_the_listings_document_the_parameters_they_read(client: httpx.Client) -> None:
    """The listings read their parameters themselves (api.query_params): the schema still lists each,
    with the constraints the server enforces."""
    paths = client.get("/openapi.json").json()["paths"]
    for path, names in (("/api/provisions", ["document", "kind", "topic", "body", "q", "status", "asof", "limit",
                                             "offset"]),
                        ("/api/mandates", ["document", "topic", "body", "q", "status", "asof", "limit", "offset"])):
        parameters = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert list(parameters) == names and all(p["in"] == "query" and not p["required"] for p in parameters.values())
        assert parameters["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 500, "default": 50,
                                                 "title": "Limit", "description": "Items per page"}
        # the knowledge base's documents, topics and bodies, by slug or IRI: any other is refused
        documents = parameters["document"]["schema"]["enum"]
        assert "iacml21-plan-of-action" in documents and f"{kb.BASE}doc/iacml21-plan-of-action" in documents
        assert "oas" in parameters["body"]["schema"]["enum"]
        assert "no-evidence" in parameters["status"]["schema"]["enum"]
        assert parameters["asof"]["schema"] == {"type": "string", "format": "date", "title": "Asof",
                                                "description": parameters["asof"]["description"],
                                                "examples": ["2022-12-31"]}
        assert all(p["description"] for p in parameters.values())
    assert client.get("/api/mandates", params={"document": documents[-1], "limit": 1}).status_code == 200
    refused = client.get("/api/mandates", params={"document": "iacml21-plan-of-actions"})
    assert refused.status_code == 400 and refused.json()["error"]["parameter"] == "document"
    assert "iacml21-plan-of-action" in refused.json()["error"]["detail"]  # the nearest valid value


def test_one_item_with_links_quotes_and_children(client: httpx.Client) -> None:
    item = client.get("/api/items/doc/iacml21-plan-of-action/art_7__para_g").json()
    assert item["iri"] == MANDATE and "kb:Mandate" in item["types"]
    assert item["label"] == "iacml21-plan-of-action art_7__para_g"
    derived = [link for link in item["links"] if link["type"] == "kb:derivedFrom" and link["direction"] == "out"]
    assert [link["other"] for link in derived] == [RECOMMENDATION]
    assert derived[0]["otherPath"] == "/doc/wg1-2021-final-report/recommendation_7"
    assert derived[0]["evidence"] and all(q["quote"] and q["end"] > q["start"] for q in derived[0]["evidence"])
    assert any(link["direction"] == "in" and link["type"] == "kb:respondsTo" for link in item["links"])
    assert item["evidence"] and item["evidence"][0]["quotedIn"] == f"{BASE}doc/ws2023-descriptive-document"
    document = client.get("/api/items/doc/wg1-2021-final-report").json()
    assert document["children"] and all(c["path"].startswith("/doc/wg1-2021-final-report/")
                                        for c in document["children"])
    assert_error(client.get("/api/items/doc/wg1-2021-final-report/para_9999"), 404)
    assert_error(client.get("/api/items/doc/no-such-document"), 404)


def test_documents_activities_bodies_topics(client: httpx.Client) -> None:
    documents = client.get("/api/documents?limit=500").json()["items"]
    report = next(d for d in documents if d["slug"] == "wg1-2021-final-report")
    assert report["held"] is True and "OEA/Ser.K/XII.21.1" in report["symbols"] and report["provisions"] > 10
    assert report["date"] == "2021-07-08" and report["type"] == "WorkingGroupReport"
    assert all_pages(client, "/api/documents", 5) == documents
    period = client.get("/api/activities", params={"from": "2023-05-01", "to": "2023-05-31"}).json()["items"]
    assert "ws2023-education-labor" in {a["slug"] for a in period}
    assert all(a["startDate"] and a["startDate"] <= "2023-05-31" for a in period)
    bodies = client.get("/api/bodies?limit=500").json()["items"]
    assert "ILO-CINTERFOR" in next(b for b in bodies if b["slug"] == "ilo-cinterfor")["altLabels"]
    topics = client.get("/api/topics?limit=500").json()["items"]
    assert "qualifications-frameworks" in {t["slug"] for t in topics}
    for path in ("/api/documents/wg1-2021-final-report", "/api/activities/ws2023-education-labor",
                 "/api/bodies/ilo-cinterfor", "/api/topics/qualifications-frameworks"):
        assert client.get(path).status_code == 200, path
    assert_error(client.get("/api/bodies/qualifications-frameworks"), 404)  # a topic, not a body
    assert_error(client.get("/api/documents/no-such-document"), 404)


def test_topics_and_bodies_are_listed_once_by_their_english_names(client: httpx.Client, store: kb.Store) -> None:
    """Topics and bodies are named in Spanish too (prefLabel @es, label_es): the JSON API keeps one row each, in
    English, in its listings and in an item's view."""
    names: dict[str, dict[str, str]] = {}
    for node, name in store.select("""SELECT ?node ?name WHERE {
            ?node <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2000/01/rdf-schema#label> ?name
            FILTER(isLiteral(?name) && LANG(?name) != "") }""").rows:
        assert isinstance(name, Literal)
        names.setdefault(str(node), {})[str(name.language)] = str(name)
    for kind in ("topics", "bodies"):
        items = client.get(f"/api/{kind}?limit=500").json()["items"]
        nodes = [item["iri"] for item in items]
        assert len(nodes) == len(set(nodes)) > 30, kind
        assert all(item["label"] == names[item["iri"]]["en"] for item in items), kind
        assert sum(1 for n in nodes if "es" in names[n]) > 30, f"{kind}: most are named in Spanish too"
    for path, english, spanish in (("/api/topics/informality", "Informality", "Informalidad"),
                                   ("/api/bodies/ilo", "International Labour Organization (ILO)",
                                    "Organización Internacional del Trabajo (OIT)")):
        item = client.get(path).json()
        assert item["label"] == english, path
        assert spanish in {p.get("value") for p in item["properties"]}, f"{path}: its Spanish name is a property"


def test_topics_are_listed_once_with_their_english_definitions(client: httpx.Client, store: kb.Store) -> None:
    """A topic is defined in Spanish too (skos:definition @es): /api/topics keeps one row a topic, defined in
    English; a topic's view lists both definitions among its properties, as it does its names."""
    definitions: dict[str, dict[str, str]] = {}
    for node, definition in store.select("""SELECT ?node ?definition WHERE {
            ?node <http://www.w3.org/2004/02/skos/core#definition> ?definition
            FILTER(STRSTARTS(STR(?node), "https://w3id.org/iacml-kb/topic/")) }""").rows:
        assert isinstance(definition, Literal)
        definitions.setdefault(str(node), {})[str(definition.language)] = str(definition)
    items = client.get("/api/topics?limit=500").json()["items"]
    assert len(items) == len({item["iri"] for item in items}) > 40
    assert all(item["definition"] == definitions[item["iri"]]["en"] for item in items)
    item = client.get("/api/topics/informality").json()
    assert set(definitions[f"{kb.BASE}topic/informality"].values()) <= {p.get("value") for p in item["properties"]}


def test_every_named_query_has_its_route_with_its_parameters(client: httpx.Client, server: Server) -> None:
    listed = client.get("/api/queries").json()
    assert {q["name"] for q in listed} == {q.name for q in kb.list_queries()}
    schema = client.get("/openapi.json").json()
    for query in kb.list_queries():
        operation = schema["paths"][f"/api/queries/{query.name}"]["get"]
        documented = {p["name"]: p["required"] for p in operation.get("parameters", []) if p["in"] == "query"}
        assert {p.name: p.required for p in query.params}.items() <= documented.items()


SAMPLE_VALUES = {"asof": "2024-12-31", "from": "2019-01-01", "to": "2024-12-31", "mandate": MANDATE, "item": MANDATE,
                 "document": f"{BASE}doc/wg1-2021-final-report", "topic": f"{BASE}topic/qualifications-frameworks",
                 "kind": KB + "Mandate", "minDocuments": "2"}


def test_every_named_query_answers_over_http_as_the_library_does(client: httpx.Client, store: kb.Store) -> None:
    answered = 0
    for query in kb.list_queries():
        values = {p.name: SAMPLE_VALUES[p.name] for p in query.params if p.required}
        expected = json.loads(store.select_json(query.text, query.bind(values)))
        response = client.get(f"/api/queries/{query.name}", params=values)
        assert response.status_code == 200, (query.name, response.text)
        assert response.headers["content-type"] == RESULT_FORMATS["json"]
        got = response.json()
        assert got["head"] == expected["head"], query.name
        assert sorted(map(json.dumps, got["results"]["bindings"])) == sorted(
            map(json.dumps, expected["results"]["bindings"])), query.name
        answered += bool(got["results"]["bindings"])
    assert answered >= len(kb.list_queries()) - 2  # (nearly) every query has rows on the shipped corpus


def test_an_answer_too_large_for_the_socket_comes_whole_and_exact(client: httpx.Client, store: kb.Store) -> None:
    """Answers over api.workers.SPOOL_BYTES go from the worker through a spool file, not the socket."""
    from api.workers import SPOOL_BYTES

    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 4000"
    for fmt in ("json", "csv", "xml"):
        response = client.get("/sparql", params={"query": query, "format": fmt})
        assert response.status_code == 200 and "kb-result-truncated" not in response.headers
        assert len(response.content) > SPOOL_BYTES
        assert response.content == store.select_bytes(query, fmt=fmt)[0]


def test_a_shorter_answer_through_the_same_spool_file_is_exact(client: httpx.Client, store: kb.Store) -> None:
    """A worker writes each large answer over the start of its one answer file: a shorter answer after
    a longer one comes without the longer one's tail (every worker of the pool gets each size)."""
    from api.workers import SPOOL_BYTES

    workers = client.get("/health").json()["workers"]["workers"]
    for rows in (4000, 1200):
        query = f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o LIMIT {rows}"
        expected = store.select_bytes(query)[0]
        assert len(expected) > SPOOL_BYTES
        for _ in range(workers + 1):
            assert client.get("/sparql", params={"query": query}).content == expected


def test_named_queries_bind_and_validate_their_parameters(client: httpx.Client, store: kb.Store) -> None:
    trace = kb.get_query("trace")
    expected = json.loads(store.select_json(trace.text, trace.bind({"item": MANDATE})))
    response = client.get("/api/queries/trace", params={"item": MANDATE})
    assert response.status_code == 200 and response.headers["content-type"] == RESULT_FORMATS["json"]
    assert response.json()["results"]["bindings"] == expected["results"]["bindings"]
    as_csv = client.get("/api/queries/trace", params={"item": MANDATE, "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(expected["results"]["bindings"])
    assert_error(client.get("/api/queries/trace"), 400, "item")
    assert_error(client.get("/api/queries/trace", params={"item": "not an iri"}), 400, "item")
    error = assert_error(client.get("/api/queries/no-such-query"), 404)
    assert "trace" in error["detail"]
    injected = client.get("/api/queries/trace", params={"item": MANDATE + "> } UNION { ?s ?p ?o"})
    assert_error(injected, 400, "item")
    dated = [q for q in kb.list_queries() if any(p.type == "date" for p in q.params)]
    if dated:
        query = dated[0]
        name = next(p.name for p in query.params if p.type == "date")
        others = {p.name: "2023-01-01" for p in query.params if p.type == "date" and p.name != name}
        assert_error(client.get(f"/api/queries/{query.name}", params={**others, name: "2023-02-30"}), 400, name)


# --------------------------------------------------------------------------------------------
# Status, trace, citation (the library's answers, over HTTP)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [None, "no-evidence"])
def test_unknown_filter_values_are_400_naming_the_parameter(client: httpx.Client, status: str | None) -> None:
    extra = {"status": status} if status else {}
    error = assert_error(client.get("/api/mandates", params={"topic": "gender", **extra}), 400, "topic")
    assert "did you mean gender-equality?" in error["detail"]
    error = assert_error(client.get("/api/mandates", params={"document": f"{kb.BASE}doc/nope", **extra}), 400,
                         "document")
    assert "no document 'nope'" in error["detail"]
    assert_error(client.get("/api/provisions", params={"body": "https://example.org/x", **extra}), 400, "body")
    ok = client.get("/api/mandates", params={"document": "iacml21-plan-of-action", **extra})
    assert ok.status_code == 200 and ok.json()["items"]
    # a mistyped or foreign filter is no filter: refused, not ignored (every mandate would be answered)
    error = assert_error(client.get("/api/mandates", params={"documnet": "iacml21-plan-of-action", **extra}), 400,
                         "documnet")
    assert "did you mean document?" in error["detail"]
    assert_error(client.get("/api/mandates", params={"kind": "Recommendation", **extra}), 400, "kind")


def test_an_item_route_refuses_a_parameter_it_does_not_take(client: httpx.Client) -> None:
    """A mistyped ``asof`` on an item answered its status as of today, as if the date had been read."""
    path = MANDATE[len(kb.BASE):]
    error = assert_error(client.get(f"/api/items/{path}", params={"aosf": "2022-01-01"}), 400, "aosf")
    assert "did you mean asof?" in error["detail"]
    error = assert_error(client.get(f"/api/cite/{path}", params={"fromat": "bibtex"}), 400, "fromat")
    assert "did you mean format?" in error["detail"] and "it takes format, language" in error["detail"]
    assert "it takes none" in assert_error(client.get(f"/api/trace/{path}", params={"x": "1"}), 400, "x")["detail"]
    assert_error(client.get("/api/documents", params={"limt": "3"}), 400, "limt")
    assert_error(client.get("/api/bodies/ilo", params={"x": "1"}), 400, "x")
    assert client.get(f"/api/items/{path}", params={"asof": "2022-01-01"}).status_code == 200
    assert client.get(f"/api/cite/{path}", params={"format": "bibtex", "language": "es"}).status_code == 200
    assert client.get("/api/activities", params={"from": "2022-01-01", "limit": "2"}).status_code == 200


def test_every_response_carries_the_security_headers(client: httpx.Client) -> None:
    for response in (client.get("/", headers={"Accept": "text/html"}), client.get("/api/mandates"),
                     client.get("/no/such/path"), client.get("/api/mandates", params={"topic": "gender"}),
                     client.get("/health"), client.get("/docs"), client.get("/redoc")):
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff", response.url
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"
        policy = headers["content-security-policy"]
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy, policy


def test_api_docs_load_only_this_servers_assets(client: httpx.Client) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(source.startswith("/") for source in sources), sources
        assert "<script>" not in page.text, "an inline script: the Content-Security-Policy refuses it"
        for source in sources:
            asset = client.get(source)
            assert asset.status_code == 200 and asset.content, source
    assert client.get("/static/vendor/redoc/package.json").status_code == 404  # only the files listed


def test_every_operation_is_described_and_its_examples_answer(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    operations = [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]
    assert [(path, method) for path, method, op in operations if not op.get("description")] == []
    tried = 0
    for path, method, op in operations:
        if method != "get" or "{name}" in path:
            continue
        values = {p["name"]: p["schema"]["examples"][0] for p in op.get("parameters", [])
                  if "examples" in p.get("schema", {}) and p["name"] != "format"}
        if not any(p["in"] == "path" for p in op.get("parameters", [])) and path != "/api/mandates":
            continue  # the path parameters' examples must name real items; the filters' combine on one route
        url = path
        for name in [p["name"] for p in op["parameters"] if p["in"] == "path"]:
            url = url.replace(f"{{{name}}}", str(values.pop(name)))
        response = client.get(url, params=values, headers={"Accept": "application/json"})
        assert response.status_code == 200, (url, values, response.text[:300])
        tried += 1
    assert tried >= 20


@pytest.mark.parametrize("path", ["/", "/health", "/api/mandates", "/search?q=gender", "/reader/wg1-2021-final-report",
                                  "/query", "/mandates.csv"])
def test_head_answers_like_get_without_the_body(client: httpx.Client, path: str) -> None:
    got = client.get(path, headers={"Accept": "text/html"})
    head = client.head(path, headers={"Accept": "text/html"})
    assert head.status_code == got.status_code == 200, path
    assert head.headers["content-type"] == got.headers["content-type"] and head.content == b""


def test_options_says_what_each_path_takes(client: httpx.Client) -> None:
    for path, allowed in (("/sparql", "GET, HEAD, OPTIONS, POST"), ("/api/mandates", "GET, HEAD, OPTIONS"),
                          ("/doc/iacml21-plan-of-action/art_7__para_g", "GET, HEAD, OPTIONS")):
        response = client.options(path)
        assert (response.status_code, response.headers["allow"]) == (204, allowed), path
    assert client.options("/no/such/path").status_code == 404
    preflight = client.options("/sparql", headers={"Origin": "http://example.org",
                                                   "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["access-control-allow-methods"]


def test_a_number_is_not_a_date(client: httpx.Client) -> None:
    # pydantic alone reads "0" as a Unix time: 1970-01-01, and an empty list
    for path, name in (("/api/mandates", "asof"), ("/api/activities", "from"), ("/api/activities", "to")):
        error = assert_error(client.get(path, params={name: "0"}), 400, name)
        assert "write YYYY-MM-DD" in error["detail"]


def test_mandates_with_their_status_as_of_a_date(client: httpx.Client, store: kb.Store) -> None:
    open_now = client.get("/api/mandates", params={"status": "no-evidence", "limit": 500}).json()
    expected = kb.status(store, value="no-evidence", kind="Mandate")
    assert [i["iri"] for i in open_now["items"]] == [r.item for r in expected]
    assert open_now["asof"] == kb.build_asof(store).isoformat()
    assert all(i["status"]["response"]["value"] == "no-evidence" for i in open_now["items"])
    early = client.get("/api/mandates", params={"asof": "2022-01-01", "limit": 500}).json()
    assert early["asof"] == "2022-01-01"
    mandate = next(i for i in early["items"] if i["iri"] == MANDATE)
    assert mandate["status"]["response"]["value"] == "no-evidence"  # the May 2023 workshop had not happened
    later = client.get("/api/provisions", params={"asof": "2023-06-01", "kind": "Mandate", "q": "regional "
                                                  "qualifications framework"}).json()["items"]
    assert [i["status"]["response"]["value"] for i in later if i["iri"] == MANDATE] == ["addressed"]
    recommendations = client.get("/api/provisions", params={"asof": "2024-12-31", "kind": "Recommendation",
                                                            "document": "wg1-2021-final-report", "limit": 500})
    assert {i["kind"] for i in recommendations.json()["items"]} == {"Recommendation"}
    paged = all_pages(client, "/api/mandates?status=no-evidence", 1)
    assert [i["iri"] for i in paged] == [i["iri"] for i in open_now["items"]] and len(paged) > 1
    paged = all_pages(client, "/api/mandates?asof=2022-01-01", 4)
    assert [i["iri"] for i in paged] == [i["iri"] for i in early["items"]] and len(paged) > 4
    assert_error(client.get("/api/mandates", params={"status": "finished"}), 400, "status")
    assert_error(client.get("/api/mandates", params={"asof": "2023-02-30"}), 400, "asof")


def test_an_item_explains_its_status(client: httpx.Client, store: kb.Store) -> None:
    for asof, value in (("2023-01-01", "no-evidence"), ("2023-06-01", "addressed")):
        item = client.get(f"/api/items{IRI_PATH}", params={"asof": asof}).json()
        status = item["status"]
        assert item["statusError"] is None
        assert status["asof"] == asof and status["status"]["response"]["value"] == value
        assert status["reason"]
        if value == "addressed":
            used = status["status"]["response"]["links"]
            assert [u["source"] for u in used] == [f"{BASE}activity/ws2023-education-labor"]
            assert used[0]["quotes"] and all(q["end"] > q["start"] for q in used[0]["quotes"])
    default = client.get(f"/api/items{IRI_PATH}").json()["status"]
    explained = kb.why(store, URIRef(MANDATE))
    assert {d: a["value"] for d, a in default["status"].items()} == {
        d: a.value for d, a in explained.row.assessments.items()}
    assert client.get("/api/items/doc/wg1-2021-final-report").json()["status"] is None  # a document has none


def test_trace_and_citations_are_the_librarys(client: httpx.Client, store: kb.Store) -> None:
    assert client.get(f"/api/trace{IRI_PATH}").json() == kb.trace(store, URIRef(MANDATE)).as_json()
    citation = client.get(f"/api/cite{IRI_PATH}").json()
    cited = kb.cite(store, URIRef(MANDATE))
    assert set(citation["formats"]) == set(kb.CITATION_FORMATS)
    assert citation["version"] == cited.version and citation["quote"] == cited.quote
    for fmt in kb.CITATION_FORMATS:
        response = client.get(f"/api/cite{IRI_PATH}", params={"format": fmt})
        assert response.status_code == 200 and response.text == cited.render(fmt)
    link = str(store.select(PREFIX + f"SELECT ?l WHERE {{ ?l kb:linkFrom <{MANDATE}> }} LIMIT 1").rows[0][0])
    assert client.get(f"/api/cite/{link[len(BASE):]}", params={"format": "text"}).text == kb.cite(
        store, URIRef(link)).render("text")
    assert_error(client.get("/api/trace/doc/no-such-document"), 404)
    assert_error(client.get("/api/cite/doc/no-such-document"), 404)
    assert_error(client.get(f"/api/cite{IRI_PATH}", params={"format": "apa"}), 400, "format")


# --------------------------------------------------------------------------------------------
# Linked data: IRIs, ontology, VoID, dumps, CORS
# --------------------------------------------------------------------------------------------

IRI_PATH = "/doc/iacml21-plan-of-action/art_7__para_g"


@pytest.mark.parametrize("accept, media, fmt", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("*/*", "text/turtle", "turtle"),
])
def test_iri_paths_answer_rdf_by_content_negotiation(client: httpx.Client, accept: str, media: str,
                                                     fmt: str) -> None:
    response = client.get(IRI_PATH, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "Accept" in response.headers["vary"]
    graph = Graph().parse(data=response.content, format=fmt)
    assert (URIRef(MANDATE), URIRef(KB + "derivedFrom"), URIRef(RECOMMENDATION)) in graph
    assert (URIRef(f"{BASE}doc/wg1-2024-report/recommendation_6"), URIRef(KB + "reiterates"), URIRef(MANDATE)) in graph


def test_iri_paths_answer_html_to_browsers(client: httpx.Client) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = client.get(IRI_PATH, headers={"Accept": browser})
    assert page.headers["content-type"].startswith("text/html")
    assert MANDATE in page.text and "Encourage ILO-CINTERFOR" in page.text
    assert 'href="/doc/wg1-2021-final-report/recommendation_7"' in page.text
    assert client.get(IRI_PATH, params={"format": "nt"}, headers={"Accept": browser}).headers[
        "content-type"].startswith("application/n-triples")
    assert client.get(IRI_PATH, params={"format": "html"}).headers["content-type"].startswith("text/html")


def test_every_kind_of_iri_dereferences(client: httpx.Client, store: kb.Store) -> None:
    for kind in ("activity", "body", "topic", "link", "evidence", "claim", "disagreement"):
        query = f"SELECT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"{BASE}{kind}/\")) }} LIMIT 1"
        rows = store.select(query).rows
        if not rows:
            continue
        iri = str(rows[0][0]).split("#")[0]
        response = client.get("/" + iri[len(BASE):], headers={"Accept": "application/n-triples"})
        assert response.status_code == 200, iri
        assert f"<{iri}>" in response.text
    evidence = client.get("/" + str(store.select(
        PREFIX + "SELECT ?e WHERE { ?e a kb:Evidence } LIMIT 1").rows[0][0])[len(BASE):],
        headers={"Accept": "application/n-triples"})
    assert "#quote>" in evidence.text and "http://www.w3.org/ns/oa#exact" in evidence.text


def test_iri_errors(client: httpx.Client) -> None:
    assert_error(client.get("/doc/no-such-document"), 404)
    assert_error(client.get(IRI_PATH, headers={"Accept": "image/png"}), 406)
    assert_error(client.get(IRI_PATH, params={"format": "pdf"}), 400, "format")


def test_ontology_void_and_dumps(client: httpx.Client, server: Server, built_release: Any) -> None:
    ontology = Graph().parse(data=client.get("/ontology", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert (URIRef(KB + "Mandate"), RDF.type, OWL.Class) in ontology
    assert (URIRef(f"{BASE}ontology"), RDF.type, OWL.Ontology) in ontology
    assert client.get("/ontology", headers={"Accept": "text/html"}).headers["content-type"].startswith("text/html")
    void = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    dataset = next(void.subjects(RDF.type, VOID.Dataset))
    assert (dataset, VOID.sparqlEndpoint, URIRef(f"{server.url}/sparql")) in void
    dumps = set(void.objects(dataset, VOID.dataDump))
    assert URIRef(f"{server.url}/dumps/kb.nt") in dumps
    download = client.get("/dumps/kb.nt")
    assert download.status_code == 200 and download.headers["content-type"] == "application/n-triples"
    assert download.content == Path(built_release.dump("nt")).read_bytes()
    assert_error(client.get("/dumps/secrets.txt"), 404)
    assert_error(client.get("/dumps/..%2F..%2Fetc%2Fpasswd"), 404)


def test_the_iris_the_data_names_resolve(client: httpx.Client, built_release: Any, store: kb.Store) -> None:
    for iri in (f"{BASE}dataset", f"{BASE}ontology/alignments"):
        named = store.select(f"SELECT ?p WHERE {{ <{iri}> ?p ?o }} LIMIT 1").rows
        assert named, iri  # the data names them: they must dereference
        path = iri.removeprefix(BASE.rstrip("/"))
        for accept, syntax in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                               ("application/n-triples", "nt"), ("application/rdf+xml", "xml")):
            answer = client.get(path, headers={"Accept": accept})
            assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept), (path, accept)
            graph = Graph().parse(data=answer.text, format=syntax)
            assert (URIRef(iri), RDF.type, None) in graph, (path, accept)
        assert client.get(path, headers={"Accept": "text/html"}).headers["content-type"].startswith("text/html")
    dataset = Graph().parse(data=client.get("/dataset", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert Graph().parse(built_release.dataset_path).isomorphic(dataset)  # the release description, as is
    alignments = Graph().parse(data=client.get("/ontology/alignments").text, format="xml")
    assert alignments.isomorphic(kb.alignments_graph())


def test_ontology_documents_default_to_rdf_xml_and_owlready2_loads_them(server: Server, tmp_path: Path) -> None:
    import owlready2

    for path in ("/ontology", "/ontology/alignments"):  # no Accept at all, as urllib sends it
        answer = httpx.get(server.url + path, headers={"Accept": ""})
        assert answer.headers["content-type"] == "application/rdf+xml", path
    assert httpx.get(server.url + "/ontology", headers={"Accept": "*/*"}).headers["content-type"] == \
        "application/rdf+xml"
    assert httpx.get(server.url + "/ontology", headers={"Accept": "text/turtle"}).headers["content-type"].startswith(
        "text/turtle")
    world = owlready2.World()  # its own quadstore: nothing of another test's ontologies
    ontology = world.get_ontology(f"{server.url}/ontology").load()
    assert ontology.base_iri == KB
    mandate = ontology.search_one(iri=KB + "Mandate")
    assert mandate is not None and ontology.search_one(iri=KB + "Provision") in mandate.ancestors()


def test_json_ld_carries_the_published_context(client: httpx.Client) -> None:
    published = client.get("/context.jsonld")
    assert published.status_code == 200 and published.headers["content-type"] == "application/ld+json"
    assert published.json() == kb.jsonld_context()
    construct = "/sparql?" + urlencode({"query": f"DESCRIBE <{BASE}{IRI_PATH.lstrip('/')}>"})
    for path in (IRI_PATH, "/ontology", "/.well-known/void", "/dumps/kb.jsonld", construct):
        answer = client.get(path, headers={"Accept": "application/ld+json"})
        assert answer.json()["@context"] == published.json()["@context"], path
        assert len(Graph().parse(data=answer.text, format="json-ld")) > 0, path
    as_turtle = client.get(construct, headers={"Accept": "text/turtle"}).text
    assert Graph().parse(data=client.get(construct, headers={"Accept": "application/ld+json"}).text,
                         format="json-ld").isomorphic(Graph().parse(data=as_turtle, format="turtle"))


def test_void_describes_the_release(client: httpx.Client, built_release: Any, store: kb.Store) -> None:
    void = Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    dataset = URIRef(f"{BASE}.well-known/void#dataset")
    nt_lines = len(Path(built_release.dump("nt")).read_bytes().splitlines())
    assert void.value(dataset, VOID.triples).toPython() == nt_lines  # kb.nt's triples, not the store's
    assert (dataset, VOID.uriSpace, Literal(BASE)) in void
    assert (dataset, RDFS.seeAlso, URIRef(f"{BASE}dataset")) in void
    built = kb.version_time(built_release.version)
    assert built is not None
    for when in (DCTERMS.created, DCTERMS.issued, DCTERMS.modified):
        assert void.value(dataset, when).toPython() == built
    by_property = {void.value(part, VOID.property): void.value(part, VOID.triples).toPython()
                   for part in void.objects(dataset, VOID.propertyPartition)}
    assert sum(by_property.values()) == nt_lines
    assert by_property[URIRef(KB + "text")] == sum(1 for line in Path(built_release.dump("nt")).read_text(
        encoding="utf-8").splitlines() if f"<{KB}text>" in line.split(" ", 2)[1])
    by_class = {void.value(part, VOID["class"]): void.value(part, VOID.entities).toPython()
                for part in void.objects(dataset, VOID.classPartition)}
    assert by_class[URIRef(KB + "Mandate")] == mandate_count(store)
    assert URIRef("http://rdfs.org/ns/void#Dataset") not in by_class  # the release description is not data
    # what corpus/dataset.yaml says: the licence and rights, in the VoID and in the release description
    about = kb.corpus.read_dataset_info(kb.default_corpus_dir())
    assert about.license and about.rights
    assert void.value(dataset, DCTERMS.license) == URIRef(about.license)
    assert str(void.value(dataset, DCTERMS.rights)) == about.rights
    described = Graph().parse(built_release.dataset_path)
    assert described.value(URIRef(f"{BASE}dataset"), DCTERMS.license) == URIRef(about.license)


def test_dumps_revalidate_by_a_strong_etag_and_large_answers_are_gzipped(client: httpx.Client,
                                                                         built_release: Any) -> None:
    plain = client.get("/dumps/kb.nt", headers={"Accept-Encoding": "identity"})
    etag = plain.headers["etag"]
    assert etag == f'"{built_release.version}-kb.nt"' and "content-encoding" not in plain.headers
    gzipped = client.get("/dumps/kb.nt", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip" and gzipped.content == plain.content  # httpx decodes
    assert gzipped.num_bytes_downloaded * 5 < len(plain.content)
    assert gzipped.headers["etag"] == etag[:-1] + '-gzip"'  # other bytes, another strong ETag
    for held, coding in ((etag, "identity"), (gzipped.headers["etag"], "gzip"), (f'"x", {etag}', "gzip"),
                         ("*", "identity")):
        again = client.get("/dumps/kb.nt", headers={"If-None-Match": held, "Accept-Encoding": coding})
        assert again.status_code == 304 and again.content == b"", held
        assert again.headers["etag"] in held or held == "*", (held, again.headers["etag"])
    assert client.get("/dumps/kb.nt", headers={"If-None-Match": '"an-older-release-kb.nt"'}).status_code == 200
    assert client.get("/dumps/kb.ttl").headers["etag"] != client.get("/dumps/kb.jsonld").headers["etag"]
    head = client.head("/dumps/kb.nt", headers={"Accept-Encoding": "gzip"})
    assert head.headers["content-encoding"] == "gzip" and head.headers["etag"] == gzipped.headers["etag"]
    large = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3000"},
                       headers={"Accept-Encoding": "gzip"})
    assert large.headers["content-encoding"] == "gzip" and len(large.json()["results"]["bindings"]) == 3000
    assert "accept-encoding" in large.headers["vary"].lower()
    small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # under the threshold: not worth compressing
    assert "content-encoding" not in client.get("/api/mandates", headers={"Accept-Encoding": "identity"}).headers


def test_cors_on_reads(client: httpx.Client) -> None:
    origin = {"Origin": "https://example.org"}
    for path in (IRI_PATH, "/api/mandates", "/sparql?query=ASK%7B%7D", "/ontology"):
        assert client.get(path, headers=origin).headers["access-control-allow-origin"] == "*", path
    preflight = client.options("/sparql", headers={**origin, "Access-Control-Request-Method": "POST",
                                                   "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    error = client.get("/api/items/doc/no-such-document", headers=origin)
    assert error.status_code == 404 and error.headers["access-control-allow-origin"] == "*"


def test_unknown_paths_and_methods_use_the_error_shape(client: httpx.Client) -> None:
    assert_error(client.get("/no/such/path"), 404)
    assert_error(client.delete("/api/mandates"), 405)
    assert_error(client.post(IRI_PATH), 405)


def test_home_and_health(client: httpx.Client) -> None:
    index = client.get("/").json()
    assert index["sparql"] == "/sparql" and index["statistics"]["triples"] > 0
    assert client.get("/", headers={"Accept": "text/html"}).headers["content-type"].startswith("text/html")
    assert client.get("/health").json()["status"] == "ok"


def test_the_server_log_is_clean(server: Server) -> None:
    """Run last: no request above crashed a handler or dropped store results on another thread."""
    log = server.log_text()
    assert "unhandled error" not in log, log[-4000:]
    assert "unsendable" not in log, "pyoxigraph results were dropped on another thread"


def test_json_responses_are_the_json_starlette_would_write() -> None:
    """api.responses.JSONResponse (orjson) writes the bytes Starlette's json.dumps-based one writes."""
    from starlette.responses import JSONResponse as StarletteJSON

    from api.responses import JSONResponse

    text = "Formación \u201ctécnica\u201d \u2013 \u2264 5"
    payload = {"items": [{"iri": "https://w3id.org/iacml-kb/doc/x", "text": text, "n": 3, "confidence": 0.75,
                          "note": None, "held": True, "symbols": ["OEA/Ser.K/XII.21.1"]}],
               "limit": 50, "next": None, 7: "an int key", "nested": {"a": [1, 2.5, False, {"b": []}]}}
    assert JSONResponse(payload).body == StarletteJSON(payload).body
