"""The knowledge base described as a dataset, in the W3C VoID vocabulary
(https://www.w3.org/TR/void/): what it is, who publishes it and under which licence, where to query
and download it, its size, class and property partitions, and the vocabularies it uses.

It owns reading the release's own description back from a store (``<{BASE}dataset>``, written by the
publish stage from ``corpus/dataset.yaml``) and the VoID graph a server publishes at
``/.well-known/void``; the server gives only its own address and the dumps it offers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, VOID, XSD

from kb.iri import BASE, PREFIXES
from kb.items import Partitions
from kb.model import DEFAULT_TITLE, DatasetInfo
from kb.ontology import ONTOLOGY_IRI
from kb.queries import get_query
from kb.store import Store

__all__ = ["DESCRIPTION_QUERY", "VOID_DATASET", "dataset_info", "void_graph"]

VOID_DATASET = URIRef(BASE + ".well-known/void#dataset")
DESCRIPTION_QUERY = get_query("description", folder="void").text  # about <{BASE}dataset>
_VOCABULARIES = ("dcterms", "skos", "prov", "org", "oa", "eli", "cito")


def dataset_info(store: Store) -> DatasetInfo:
    """What the release in ``store`` says of itself (empty fields where it says nothing)."""
    rows = store.select(DESCRIPTION_QUERY).dicts()
    row = rows[0] if rows else {}
    return DatasetInfo(**{name: str(row[name]) if row.get(name) is not None else ""
                          for name in ("title", "description", "license", "rights", "publisher")})


def void_graph(base_url: str, partitions: Partitions, about: DatasetInfo, *, version: str | None = None,
               built: dt.datetime | None = None, dumps: Iterable[str] = ()) -> Graph:
    """The VoID description served at ``base_url`` (the server's public address): ``partitions`` of
    the data (kb.nt's counts, not the store's), ``about`` from the release, its ``version`` and the
    time it was ``built``, and the ``dumps`` offered under ``/dumps/``."""
    graph = Graph()
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    dataset = VOID_DATASET
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(about.title or DEFAULT_TITLE, lang="en")))
    if about.description:  # the publish stage writes a default; a release built before it may have none
        graph.add((dataset, DCTERMS.description, Literal(about.description, lang="en")))
    if about.license:
        graph.add((dataset, DCTERMS.license, URIRef(about.license)))
    if about.rights:
        graph.add((dataset, DCTERMS.rights, Literal(about.rights, lang="en")))
    if about.publisher:
        graph.add((dataset, DCTERMS.publisher, Literal(about.publisher, lang="en")))
    graph.add((dataset, FOAF.homepage, URIRef(base_url + "/")))
    graph.add((dataset, VOID.uriSpace, Literal(BASE)))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(base_url + "/sparql")))
    graph.add((dataset, VOID.triples, Literal(partitions.triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(len(partitions.classes), datatype=XSD.integer)))
    graph.add((dataset, VOID.properties, Literal(len(partitions.properties), datatype=XSD.integer)))
    for kind, counts, count_property in (("class", partitions.classes, VOID.entities),
                                         ("property", partitions.properties, VOID.triples)):
        for term, count in counts.items():
            # a hash IRI per partition, named by its term: the same from one release to the next
            part = URIRef(f"{BASE}.well-known/void#{kind}-{hashlib.sha256(term.encode()).hexdigest()[:16]}")
            graph.add((dataset, VOID.classPartition if kind == "class" else VOID.propertyPartition, part))
            graph.add((part, VOID[kind], URIRef(term)))
            graph.add((part, count_property, Literal(count, datatype=XSD.integer)))
    graph.add((dataset, RDFS.seeAlso, URIRef(BASE + "dataset")))  # the release description (dataset.nt)
    graph.add((dataset, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    for namespace in _VOCABULARIES:
        graph.add((dataset, VOID.vocabulary, URIRef(PREFIXES[namespace])))
    graph.add((dataset, VOID.exampleResource, URIRef(BASE + "doc/wg1-2021-final-report")))
    if version:
        graph.add((dataset, OWL.versionInfo, Literal(version)))
    if built is not None:  # a release is built, issued and last changed at once: a new one is a new build
        for when in (DCTERMS.created, DCTERMS.issued, DCTERMS.modified):
            graph.add((dataset, when, Literal(built.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)))
    for name in dumps:
        graph.add((dataset, VOID.dataDump, URIRef(f"{base_url}/dumps/{name}")))
    return graph
