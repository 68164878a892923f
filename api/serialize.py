"""Bytes on the wire: the media types the service speaks and the conversions into them.

It owns the two format tables (SPARQL results: JSON, XML, CSV, TSV; RDF graphs: Turtle, N-Triples,
JSON-LD, RDF/XML), the names a ``format`` parameter may use for each, and the conversions:
SPARQL JSON results into the other result formats, rows into SPARQL JSON, rdflib graphs into any
graph syntax. The conversions use pyoxigraph's own parsers and serializers (no store is touched
here: the store is ``kb``'s). It imports nothing from the web framework, because the query workers
(:mod:`api.workers`) use it too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring as encode_string  # C-accelerated, for JSON string literals
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

import kb

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# SPARQL query results (SELECT, ASK): name -> media type, in the server's order of preference
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
BOOLEAN_FORMATS = ("json", "xml")  # CSV and TSV define no boolean result
# RDF graphs (CONSTRUCT, DESCRIBE, item pages): name -> media type
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
# other media types clients send for the same formats
RESULT_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml"}
GRAPH_ALIASES = {"application/json": "jsonld", "application/x-turtle": "turtle", "text/n3": "turtle",
                 "application/xml": "rdfxml", "text/xml": "rdfxml"}
# names a ``format`` parameter may use (SPARQLWrapper sends json, xml, csv, tsv, turtle, n3, rdf, json-ld)
RESULT_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "nt": "ntriples", "ntriples": "ntriples",
               "n-triples": "ntriples", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
               "rdf": "rdfxml", "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "xml": "rdfxml", "owl": "rdfxml"}

_OX_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_OX_GRAPH = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
             "rdfxml": ox.RdfFormat.RDF_XML}


def is_iri(value: str) -> bool:
    """True if the store can take ``value`` as an IRI (Oxigraph's RFC 3987 check, stricter than a regex)."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def media_type(fmt: str) -> str:
    """The Content-Type to send for a format name (with charset where the type allows one)."""
    base = RESULT_TYPES[fmt] if fmt in RESULT_TYPES else GRAPH_TYPES[fmt]
    return f"{base}; charset=utf-8" if base.startswith("text/") else base


def format_from_name(name: str, graph: bool) -> str | None:
    """The format a ``format`` parameter names (a short name or a media type), for results or graphs."""
    value = name.strip().lower()
    if graph:
        if value in GRAPH_NAMES:
            return GRAPH_NAMES[value]
        return next((k for k, v in GRAPH_TYPES.items() if v == value), GRAPH_ALIASES.get(value))
    if value in RESULT_NAMES:
        return RESULT_NAMES[value]
    return next((k for k, v in RESULT_TYPES.items() if v == value), RESULT_ALIASES.get(value))


# --------------------------------------------------------------------------------------------
# SPARQL results
# --------------------------------------------------------------------------------------------


def rows_json(result: kb.SelectResult) -> bytes:
    """SPARQL 1.1 JSON results for the rows of a SELECT (written directly: rows are never dicts here)."""
    names = [encode_string(v) for v in result.variables]
    rows = []
    for row in result.rows:
        cells = [f"{name}:{_json_term(term)}" for name, term in zip(names, row, strict=True) if term is not None]
        rows.append("{" + ",".join(cells) + "}")
    head = '{"head":{"vars":[' + ",".join(names) + ']},"results":{"bindings":['
    return (head + ",".join(rows) + "]}}").encode("utf-8")


def _json_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return '{"type":"uri","value":' + encode_string(str(term)) + "}"
    if isinstance(term, Literal):
        value = encode_string(str(term))
        if term.language:
            return '{"type":"literal","value":' + value + ',"xml:lang":' + encode_string(term.language) + "}"
        datatype = str(term.datatype) if term.datatype is not None else None
        if datatype is None or datatype in (XSD_STRING, RDF_LANGSTRING):
            return '{"type":"literal","value":' + value + "}"
        return '{"type":"literal","value":' + value + ',"datatype":' + encode_string(datatype) + "}"
    if isinstance(term, BNode):
        return '{"type":"bnode","value":' + encode_string(str(term)) + "}"
    raise kb.QueryError(f"the result holds a term that cannot be written as SPARQL JSON: {term!r}")


def row_count_bound(results_json: bytes) -> int:
    """An upper bound on the rows of SPARQL JSON results, from byte counts only.

    In compact JSON (Oxigraph writes it so) every boundary between two rows is ``},{``, which can
    also occur inside a literal but never goes missing, so the count plus one bounds the rows. In
    JSON with whitespace every row still opens with its own ``{``. Results under the row cap
    therefore pass through without being parsed.
    """
    if b'"bindings":[]' in results_json:
        return 0
    if results_json.startswith(b'{"head":{"vars":['):
        return results_json.count(b"},{") + 1
    return results_json.count(b"{")


def truncate_json(results_json: bytes, cap: int) -> tuple[bytes, bool]:
    """SPARQL JSON results cut to their first ``cap`` rows, and whether anything was cut."""
    if b'"boolean"' in results_json[:64] or row_count_bound(results_json) <= cap:
        return results_json, False
    data: dict[str, Any] = json.loads(results_json)
    bindings = data.get("results", {}).get("bindings", [])
    if len(bindings) <= cap:
        return results_json, False
    data["results"]["bindings"] = bindings[:cap]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), True


def convert_results(results_json: bytes, fmt: str) -> bytes:
    """SPARQL JSON results (SELECT or ASK) in another results format."""
    if fmt == "json":
        return results_json
    try:
        parsed = ox.parse_query_results(results_json, ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=_OX_RESULTS[fmt]) or b""
    except (SyntaxError, ValueError) as exc:
        raise kb.StoreError(f"the store returned results that cannot be converted to {fmt}: {exc}") from None


# --------------------------------------------------------------------------------------------
# RDF graphs
# --------------------------------------------------------------------------------------------


def graph_bytes(graph: Graph | Iterable[tuple[Node, Node, Node]], fmt: str,
                extra_prefixes: dict[str, str] | None = None) -> bytes:
    """An rdflib graph (or triples) in one of :data:`GRAPH_TYPES`, with the KB's prefixes (and any extra).

    Triples are written grouped by subject, IRIs before blank nodes, so that Turtle reads well and
    the output is the same for the same graph.
    """
    prefixes = {**kb.PREFIXES, **(extra_prefixes or {})}
    triples = sorted(graph, key=_triple_key)
    try:
        return ox.serialize(_ox_triples(triples), format=_OX_GRAPH[fmt], prefixes=prefixes) or b""
    except (TypeError, ValueError) as exc:
        raise kb.StoreError(f"cannot write the graph as {fmt}: {exc}") from None


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[bool, str, str, str]:
    s, p, o = triple
    return isinstance(s, BNode), str(s), str(p), str(o)


def _ox_triples(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[ox.Triple]:
    for s, p, o in triples:
        yield ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o))  # type: ignore[arg-type]


def _ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise kb.StoreError(f"cannot write the term {term!r} in RDF")
