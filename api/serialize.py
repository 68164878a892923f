"""Bytes on the wire: the media types the service speaks and the conversions into them.

It owns the two format tables (SPARQL results: JSON, XML, CSV, TSV; RDF graphs: Turtle, N-Triples,
JSON-LD, RDF/XML), the names a ``format`` parameter may use for each, and the conversion of
rdflib graphs into any graph syntax, by pyoxigraph's serializers (no store is touched here: the
store is ``kb``'s, whose ``Store.select_bytes`` writes query results in every results format).
It imports nothing from the web framework, because the query workers (:mod:`api.workers`) use it
too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

import kb

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
        body = ox.serialize(_ox_triples(triples), format=_OX_GRAPH[fmt], prefixes=prefixes) or b""
    except (TypeError, ValueError) as exc:
        raise kb.StoreError(f"cannot write the graph as {fmt}: {exc}") from None
    if fmt == "jsonld":  # Oxigraph writes expanded JSON-LD, ignoring prefixes: the context goes around it
        head, tail = kb.jsonld_envelope()
        return head + body + tail
    return body


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
