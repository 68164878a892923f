"""The compiled SHACL validator (kb/shacl.py) against pySHACL, its reference.

(a) every entry of tests/shapes/manifest.ttl gives the expected results, and exactly pySHACL's;
(b) on the real corpus graph, and on a copy of it broken in many ways, both engines give the same
    results (focus node, source shape, constraint component, severity, message, value);
(c) every shape of ontology/shapes.ttl compiles, and what cannot be compiled faithfully raises;
(d) a timing print of both engines on the real graph (``pytest -s`` shows it).
Also: literals at the edges of rdflib's and the store's models, the regular expressions, and the
engines of kb.validate.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, Namespace
from rdflib.term import Node

import kb
from kb import ontology
from kb.errors import InputError
from kb.iri import KB
from kb.pipeline import Built
from kb.shacl import (
    LEXICAL,
    SUPPORTED_COMPONENTS,
    CompiledQuery,
    ShaclResult,
    ShapeCompileError,
    compile_shapes,
    portable_pattern,
    results_from_report,
    run_queries,
)
from kb.store import EmbeddedStore
from kb.validate import compiled_queries, validate

SHAPES_TESTS = Path(__file__).resolve().parent / "shapes"
MANIFEST = SHAPES_TESTS / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
OA = Namespace("http://www.w3.org/ns/oa#")
KBSH = Namespace(ontology.SHAPES_NS)
EX = Namespace("http://example.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # (rdflib's XSD object upsets pytest's collection)


def reference(data: Graph, ont: Graph | None = None, shapes: Graph | None = None) -> set[ShaclResult]:
    """pySHACL's results, as the build (and tests/test_ontology.py) runs it, with each sh:value as the
    store holds it (the compiled queries return the store's terms: "5"^^xsd:nonNegativeInteger is
    "5"^^xsd:integer there)."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes if shapes is not None else ontology.shapes_graph(),
                                    ont_graph=ont, inference="none")
    assert isinstance(report, Graph)
    return as_stored(results_from_report(report))


def as_stored(results: Iterable[ShaclResult]) -> set[ShaclResult]:
    results = list(results)
    literals = sorted({r.value for r in results if isinstance(r.value, Literal)}, key=lambda v: v.n3())
    holder = Graph()
    for i, value in enumerate(literals):
        holder.add((EX[f"v{i}"], EX.value, value))
    with EmbeddedStore.in_memory(holder) as store:
        rows = store.select(f"SELECT ?s ?o WHERE {{ ?s <{EX.value}> ?o }}").rows
    stored = {literals[int(str(s).removeprefix(str(EX) + "v"))]: o for s, o in rows}
    return {dataclasses.replace(r, value=stored.get(r.value, r.value)) if isinstance(r.value, Literal) else r
            for r in results}


def compiled(data: Graph, ont: Graph | None = None, queries: Iterable[CompiledQuery] | None = None) -> set[ShaclResult]:
    """The compiled queries' results over the graph's N-Triples (with ``ont`` mixed in, as pySHACL's
    ``ont_graph`` does)."""
    merged = Graph()
    merged += data
    if ont is not None:
        merged += ont
    return compiled_nt(merged.serialize(format="nt", encoding="utf-8"), queries)


def compiled_nt(nt: bytes, queries: Iterable[CompiledQuery] | None = None) -> set[ShaclResult]:
    with EmbeddedStore.in_memory(nt) as store:
        return set(run_queries(store, queries if queries is not None else compiled_queries()))


def differences(expected: set[ShaclResult], actual: set[ShaclResult]) -> str:
    def line(r: ShaclResult) -> str:
        return f"{r.focus} {r.shape} {r.component} value={r.value!r}"
    return "\n".join([*(f"only pySHACL:   {line(r)}" for r in sorted(expected - actual, key=line)),
                      *(f"only compiled:  {line(r)}" for r in sorted(actual - expected, key=line))])


def local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1]


# ---------------------------------------------------------------------------------------------
# (a) the manifest


def manifest_entries() -> Iterator[tuple[str, URIRef, Graph]]:
    manifest = Graph().parse(MANIFEST, format="turtle")
    head = manifest.value(None, RDF.type, MF.Manifest)
    assert head is not None
    entries = manifest.value(head, MF.entries)
    assert entries is not None
    for entry in Collection(manifest, entries):
        assert isinstance(entry, URIRef)
        yield str(entry).rsplit("#", 1)[-1], entry, manifest


MANIFEST_ENTRIES = list(manifest_entries())


def file_of(iri: Node | None) -> Path:
    assert isinstance(iri, URIRef) and str(iri).startswith("file://"), iri
    return Path(iri.removeprefix("file://")).resolve()


@pytest.mark.parametrize(("name", "entry", "manifest"), MANIFEST_ENTRIES, ids=[e[0] for e in MANIFEST_ENTRIES])
def test_manifest_entry(name: str, entry: URIRef, manifest: Graph) -> None:
    action = manifest.value(entry, MF.action)
    assert file_of(manifest.value(action, SHT.shapesGraph)) == ontology.shapes_path().resolve()
    data = Graph().parse(file_of(manifest.value(action, SHT.dataGraph)), format="turtle")
    actual = compiled(data, ontology.core_graph())  # as pySHACL's ont_graph: the core mixed into the data

    expected_report = manifest.value(entry, MF.result)
    expected_conforms = manifest.value(expected_report, SH.conforms)
    assert isinstance(expected_conforms, Literal)
    keys = (SH.focusNode, SH.sourceShape, SH.sourceConstraintComponent, SH.resultSeverity)
    expected = {tuple(manifest.value(r, k) for k in keys) for r in manifest.objects(expected_report, SH.result)}
    assert (not any(r.severity == SH.Violation for r in actual)) == expected_conforms.toPython()
    assert {(r.focus, r.shape, r.component, r.severity) for r in actual} == expected, name
    shapes = ontology.shapes_graph()
    for result in actual:
        assert result.message is not None and result.message == shapes.value(result.shape, SH.message)
    assert actual == reference(data, ontology.core_graph()), differences(reference(data, ontology.core_graph()),
                                                                          actual)


# ---------------------------------------------------------------------------------------------
# (b) the real corpus graph, and a broken copy


@pytest.fixture(scope="module")
def built() -> Built:
    return kb.assemble()


def test_real_graph_same_results(built: Built) -> None:
    expected = reference(built.graph)
    actual = compiled_nt(built.nt)
    assert actual == expected, differences(expected, actual)


def instances(g: Graph, cls: URIRef, *having: URIRef) -> list[URIRef]:
    found = [s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef) and all((s, p, None) in g for p in having)]
    return sorted(set(found), key=str)


def broken_copy(g: Graph) -> tuple[Graph, set[str]]:
    """A copy of the real graph with triples removed or altered in many ways, and the shapes that
    must then report."""
    b = Graph()
    b += g
    paragraphs = instances(g, KB.Paragraph, KB.text, KB.order, KB.startOffset)
    b.remove((paragraphs[0], KB.text, None))  # sh:or of a property shape with sh:hasValue / sh:minCount
    b.set((paragraphs[1], KB.eId, Literal("Sec 4")))  # sh:pattern
    b.add((paragraphs[2], KB.order, Literal(0)))  # sh:maxCount, sh:minInclusive
    b.set((paragraphs[3], KB.startOffset, Literal("12")))  # sh:datatype, sh:minInclusive, sh:lessThan (string)
    other_document = next(p for p in paragraphs if g.value(p, KB.inDocument) != g.value(paragraphs[4], KB.inDocument))
    b.set((paragraphs[4], KB.partOf, other_document))  # sh:or with sh:equals on a sequence path
    b.remove((instances(g, KB.Item)[0], RDF.type, KB.Provision))  # sh:hasValue on rdf:type, subclass target
    b.add((instances(g, KB.Mandate)[0], RDF.type, KB.Section))  # sh:maxCount, sh:qualifiedMaxCount
    evidence = instances(g, KB.Evidence, KB.quote)
    b.set((evidence[0], KB.quote, Literal("altered")))  # sh:equals on a sequence path, both ways
    not_held = [d for d in instances(g, KB.Document) if g.value(d, KB.held) == Literal(False)]
    b.set((evidence[1], KB.quotedIn, not_held[0]))  # sh:hasValue on a sequence path, sh:equals
    documents = [d for d in instances(g, KB.Document, DCTERMS.title, DCTERMS.date, KB.sha256)
                 if g.value(d, KB.held) == Literal(True)]
    b.set((documents[0], DCTERMS.title, Literal("Titel")))  # sh:datatype rdf:langString
    body = instances(g, KB.Body, RDFS.label)[0]
    b.set((body, RDFS.label, Literal("Körperschaft", lang="de")))  # sh:languageIn
    b.set((documents[1], DCTERMS.date, Literal("2021")))  # sh:node (sh:or of sh:datatype)
    b.set((documents[2], KB.sha256, Literal(str(g.value(documents[2], KB.sha256)).upper())))  # sh:pattern
    b.set((documents[3], KB.held, Literal(False)))  # many sh:or node shapes, on the documents and its provisions
    selector = instances(g, OA.TextPositionSelector, OA.start)[0]
    b.set((selector, OA.start, Literal(10**7, datatype=XSD.nonNegativeInteger)))  # sh:lessThan
    links = instances(g, KB.TraceLink, KB.linkTo, KB.hasEvidence)
    b.set((links[0], KB.linkTo, Literal("nowhere")))  # sh:nodeKind, sh:or of sh:not / sh:class
    b.add((links[1], KB.confidence, Literal(Decimal("1.5"))))  # sh:maxInclusive, sh:or
    b.remove((links[2], KB.hasEvidence, None))  # sh:minCount
    activity = instances(g, KB.Activity, KB["format"])[0]
    b.set((activity, KB["format"], Literal("online")))  # sh:in
    b.set((activity, RDFS.label, Literal("")))  # sh:minLength
    claims = instances(g, KB.Claim, KB.claimValue)
    b.add((claims[0], KB.claimObject, EX.thing))  # sh:xone
    disagreement = instances(g, KB.Disagreement)[0]
    b.remove((None, KB.partOfDisagreement, disagreement))  # sh:minCount on an inverse path
    concepts = instances(g, SKOS.Concept, SKOS.broader)
    b.set((concepts[1], SKOS.broader, concepts[0]))  # sh:maxCount 0 on a sequence path
    response = instances(g, KB.ResponseAssessment)[0]
    b.set((response, KB.statusValue, KB.active))  # sh:in on a subclass target
    must_report = {
        "Provision-textRequired", "Provision-eId", "Provision-order", "Provision-startOffset",
        "Provision-sameDocument", "Provision-type", "Provision-kind", "Evidence-exactEqualsQuote",
        "Evidence-quotedInHeld", "Evidence-targetSource", "Document-title", "Body-label", "Document-date",
        "Document-sha256",
        "NotHeldDocument-noSourceFile", "NotHeldProvision-noOffsets", "PositionSelector-start",
        "TraceLink-linkTo", "TraceLink-confidence", "TraceLink-curatedNoConfidence", "TraceLink-hasEvidence",
        "Activity-format", "Activity-label", "Claim-valueXorObject", "Disagreement-claims",
        "Claim-partOfDisagreement", "Topic-shallow", "ResponseAssessment-statusValue",
    }
    return b, must_report


def test_broken_graph_same_results(built: Built) -> None:
    broken, must_report = broken_copy(built.graph)
    expected = reference(broken)
    actual = compiled_nt(broken.serialize(format="nt", encoding="utf-8"))
    assert actual == expected, differences(expected, actual)
    reported = {local(r.shape) for r in actual}
    assert must_report <= reported, f"the broken graph should also fire {sorted(must_report - reported)}"
    assert len({r.component for r in actual}) >= 15


# ---------------------------------------------------------------------------------------------
# Literals at the edges of rdflib's model and the store's


def edge_values() -> dict[URIRef, Sequence[Node]]:
    """Unusual values for the properties whose constraints look at literals (none of the documented
    differences of the store's model: see test_store_model_differences)."""
    integer, decimal, double = XSD.integer, XSD.decimal, XSD.double
    numbers = [Literal(0), Literal(-1), Literal(7), Literal("abc", datatype=integer), Literal(Decimal("1.5")),
               Literal("abc", datatype=decimal), Literal(2.5), Literal("nan", datatype=double),
               Literal("INF", datatype=double), Literal("-INF", datatype=XSD.float), Literal("3"),
               Literal("3", lang="en"), Literal(True), Literal(date(2021, 1, 1)), Literal("2021", datatype=XSD.gYear),
               Literal("10:00:00", datatype=XSD.time), Literal("2021-01-01T10:00:00", datatype=XSD.dateTime),
               Literal("x", datatype=EX.custom), EX.iri]
    strings = [Literal("ok-slug"), Literal("Bad Slug"), Literal("ok-slug\n"), Literal("ok-slug\n\n"),
               Literal("ok-slug", lang="en"), Literal("ok-slug", datatype=XSD.string),
               Literal("ok", datatype=XSD.token), Literal(5), Literal(""), EX["ok-slug"]]
    dates = [Literal("2020-02-29", datatype=XSD.date), Literal("2021-02-29", datatype=XSD.date),
             Literal("2100-02-29", datatype=XSD.date), Literal("2000-02-29", datatype=XSD.date),
             Literal("0000-01-01", datatype=XSD.date), Literal("-0044-03-15", datatype=XSD.date),
             Literal("2021-1-1", datatype=XSD.date), Literal("2021-04-31", datatype=XSD.date),
             Literal("2021-13", datatype=XSD.gYearMonth), Literal("soon", datatype=XSD.gYear), Literal("2021"),
             Literal("2021-01-01T00:00:00", datatype=XSD.dateTime), Literal("2021-01-01", lang="en")]
    labels = [Literal("t", lang="en"), Literal("t", lang="en-GB"), Literal("t", lang="EN-gb"), Literal("t", lang="es"),
              Literal("t", lang="english"), Literal("t"), Literal("", lang="en"), Literal(1), EX.label]
    offsets = [Literal(5), Literal(12), Literal("12"), Literal(11.5), Literal("x", datatype=integer),
               Literal("nan", datatype=double), EX.offset, Literal("a", lang="en"), Literal(date(2021, 1, 1))]
    positions = [*offsets, Literal(5, datatype=XSD.nonNegativeInteger), Literal(12, datatype=XSD.nonNegativeInteger)]
    return {KB.order: numbers, KB.characterCount: numbers, KB.confidence: numbers, KB.slug: strings,
            KB.sha256: strings, DCTERMS.date: dates, DCTERMS.title: labels, SKOS.altLabel: labels,
            KB.startOffset: offsets, KB.endOffset: offsets, OA.start: positions, OA.end: positions,
            KB.held: [Literal(True), Literal("1", datatype=XSD.boolean), Literal("true"), Literal(1)],
            KB["format"]: [Literal("virtual"), Literal("virtual", lang="en"), Literal("Virtual"), EX.virtual]}


@pytest.mark.filterwarnings("ignore:Serializing weird numerical")
def test_edge_literals_same_results() -> None:
    data = Graph().parse(SHAPES_TESTS / "valid-held-document.ttl", format="turtle")
    data.parse(SHAPES_TESTS / "valid-trace-chain.ttl", format="turtle")
    subjects = {cls: instances(data, cls)[0] for cls in (KB.Document, KB.Provision, OA.TextPositionSelector,
                                                        KB.TraceLink, SKOS.Concept)}
    activity, status_rule = EX["activity/a"], EX["rule/r"]
    data.add((activity, RDF.type, KB.Activity))
    data.add((status_rule, RDF.type, KB.StatusRule))
    owner = {KB.order: KB.Provision, KB.characterCount: KB.Document, KB.confidence: KB.TraceLink,
             KB.slug: KB.Document, KB.sha256: KB.Document, DCTERMS.date: KB.Document, DCTERMS.title: KB.Document,
             SKOS.altLabel: SKOS.Concept, KB.startOffset: KB.Provision, KB.endOffset: KB.Provision,
             OA.start: OA.TextPositionSelector, OA.end: OA.TextPositionSelector, KB.held: KB.Document}
    for prop, values in edge_values().items():
        subject = activity if prop == KB["format"] else subjects[owner[prop]]
        for value in values:
            data.add((subject, prop, value))
        for value in values[:3]:  # the same values on a node of its own, to vary the counts
            data.add((EX[f"{local(prop)}/{len(data)}"], prop, value))
    expected = reference(data, ontology.core_graph())
    actual = compiled(data, ontology.core_graph())
    assert actual == expected, differences(expected, actual)
    assert len({r.component for r in actual}) >= 12


def test_store_model_differences() -> None:
    """The documented differences (kb/shacl.py), where the store does not keep what rdflib keeps: an
    integer subtype's valid values are xsd:integer there, and "x"^^xsd:string is "x". If this fails,
    Oxigraph changed: update the docstring (and maybe the compiler)."""
    data = Graph()
    data.add((EX.p, RDF.type, KB.Provision))
    data.add((EX.p, KB.order, Literal(5, datatype=XSD.int)))
    data.add((EX.a, RDF.type, KB.Activity))
    data.add((EX.a, KB["format"], Literal("virtual", datatype=XSD.string)))
    expected, actual = reference(data, ontology.core_graph()), compiled(data, ontology.core_graph())
    assert actual < expected
    assert {(r.shape, r.component) for r in expected - actual} == {
        (KBSH["Provision-order"], SH.DatatypeConstraintComponent), (KBSH["Activity-format"], SH.InConstraintComponent)}


# ---------------------------------------------------------------------------------------------
# (c) compiling


def test_every_shape_compiles() -> None:
    shapes = ontology.shapes_graph()
    queries = compile_shapes(shapes)
    checks = [check for query in queries for check in query.checks]
    targeted = set(shapes.subjects(SH.targetClass, None))
    reporting = {s for s in targeted if set(shapes.predicates(s, None)) - {
        RDF.type, RDFS.label, RDFS.comment, SH.property, SH.message, SH.targetClass}}
    reporting |= {p for s in targeted for p in shapes.objects(s, SH.property)}
    assert {c.shape for c in checks} == reporting
    assert {c.component for c in checks} <= set(SUPPORTED_COMPONENTS)
    for check in checks:
        assert check.message == shapes.value(check.shape, SH.message)
    assert len(queries) < len(checks) / 2, "checks with the same pattern should share a query"


def test_a_single_check_runs_alone(built: Built) -> None:
    query = next(q for q in compiled_queries() if q.component == SH.MinCountConstraintComponent)
    with EmbeddedStore.in_memory(built.nt) as store:
        for check in query.checks[:5]:
            assert "VALUES" in check.query and not store.select(check.query).rows


SHAPE_PREFIXES = f"""
@prefix sh: <{SH}> . @prefix xsd: <{XSD}> . @prefix rdfs: <{RDFS}> . @prefix ex: <{EX}> .
"""
UNCOMPILABLE = {
    "closed": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:message 'm' .",
    "flags": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:pattern 'a' ; sh:flags 'i' ; sh:message 'm' .",
    "target-node": "ex:S a sh:NodeShape ; sh:targetNode ex:n ; sh:nodeKind sh:IRI ; sh:message 'm' .",
    "subtype-datatype": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . ex:P a sh:PropertyShape ; "
                        "sh:path ex:p ; sh:datatype xsd:nonNegativeInteger ; sh:message 'm' .",
    "subtype-not-absorbed": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( ex:A ex:B ) ; sh:message 'm' . "
                            "ex:A a sh:NodeShape ; sh:datatype xsd:int . "
                            "ex:B a sh:NodeShape ; sh:datatype xsd:string .",
    "datetime": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:datatype xsd:dateTime ; sh:message 'm' .",
    "no-message": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:nodeKind sh:IRI .",
    "two-messages": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:nodeKind sh:IRI ; sh:message 'm', 'n' .",
    "recursive": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:S ; sh:message 'm' .",
    "nested-warning": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:T ; sh:message 'm' . "
                      "ex:T a sh:NodeShape ; sh:nodeKind sh:IRI ; sh:severity sh:Warning .",
    "unique-lang": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
                   "ex:P a sh:PropertyShape ; sh:path ex:p ; sh:uniqueLang true ; sh:message 'm' .",
    "alternative-path": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
                        "ex:P a sh:PropertyShape ; sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:minCount 1 ; "
                        "sh:message 'm' .",
    "digit-class": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:pattern '^\\\\d+$' ; sh:message 'm' .",
    "dollar-inside": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:pattern '(a$)' ; sh:message 'm' .",
    "decimal-bound": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P . "
                     "ex:P a sh:PropertyShape ; sh:path ex:p ; sh:minInclusive 0.5 ; sh:message 'm' .",
    "unused-shape": "ex:U a sh:NodeShape ; sh:disjoint ex:p .",
    "missing-shape": "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:Nowhere ; sh:message 'm' .",
}


@pytest.mark.parametrize("name", sorted(UNCOMPILABLE))
def test_what_cannot_be_compiled_raises(name: str) -> None:
    shapes = Graph().parse(data=SHAPE_PREFIXES + UNCOMPILABLE[name], format="turtle")
    with pytest.raises(ShapeCompileError):
        compile_shapes(shapes)


def test_compile_error_is_an_input_error() -> None:
    assert issubclass(ShapeCompileError, InputError)


SMALL_SHAPES = SHAPE_PREFIXES + """
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P , ex:Q , ex:R ; sh:message 'node' ;
    sh:and ( ex:Named [ sh:not ex:Odd ] ) ; sh:severity sh:Warning .
ex:Named a sh:NodeShape ; sh:nodeKind sh:IRI .
ex:Odd a sh:NodeShape ; sh:pattern 'odd' .
ex:P a sh:PropertyShape ; sh:path ex:p ; sh:minCount 2 ; sh:maxCount 3 ; sh:maxLength 3 ; sh:minExclusive 0 ;
    sh:maxExclusive 100 ; sh:message 'p' .
ex:Q a sh:PropertyShape ; sh:path ( ex:q [ sh:inversePath ex:r ] ) ; sh:qualifiedValueShape ex:Named ;
    sh:qualifiedMinCount 2 ; sh:qualifiedMaxCount 2 ; sh:message 'q' .
ex:R a sh:PropertyShape ; sh:path ex:r ; sh:node [ sh:property [ sh:path ex:s ; sh:minCount 2 ; sh:maxCount 2 ;
    sh:equals ex:t ; sh:lessThan ex:u ; sh:languageIn ( '*' ) ] ] ; sh:message 'r' .
"""


def test_constructs_our_shapes_do_not_use() -> None:
    """sh:and, blank-node shapes, counts above one, sh:maxLength, exclusive bounds, nested pairs and
    a warning severity, on a small graph: the same results as pySHACL."""
    shapes = Graph().parse(data=SMALL_SHAPES, format="turtle")
    data = Graph().parse(data=f"""
        @prefix ex: <{EX}> .
        ex:a a ex:C ; ex:p 1, 5, 200, "abcd" ; ex:q ex:m1, ex:m2 ; ex:r ex:a, ex:b .
        ex:m1 ex:z 1 . ex:x1 ex:r ex:m1 . ex:x2 ex:r ex:m2 . _:b ex:r ex:m2 .
        ex:b ex:s "a"@en, "b"@fr ; ex:t "a"@en, "b"@fr ; ex:u "c"@en .
        ex:odd a ex:C ; ex:p 0 ; ex:r ex:c . ex:c ex:s "x", "y", "z" ; ex:t "x" ; ex:u "a" .
        """, format="turtle")
    queries = compile_shapes(shapes)
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    expected = set(results_from_report(report))
    actual = compiled(data, queries=queries)
    assert actual == expected, differences(expected, actual)
    assert {local(r.component) for r in actual} >= {
        "AndConstraintComponent", "MinCountConstraintComponent", "MaxLengthConstraintComponent",
        "MinExclusiveConstraintComponent", "MaxExclusiveConstraintComponent", "NodeConstraintComponent",
        "QualifiedMinCountConstraintComponent"}
    assert {r.severity for r in actual if r.shape == EX.S} == {SH.Warning}


# ---------------------------------------------------------------------------------------------
# Regular expressions and lexical forms


SAMPLES = ["", "a", "ab", "a-b", "a--b", "-a", "a-", "a\n", "a\n\n", "\na", "abc#target", "abc#target\n", "x#targetx",
           "https://w3id.org/iacml-kb/doc/wg1-2021", "https://w3id.org/iacml-kb/doc/wg1-2021\n",
           "https://w3idXorg/iacml-kb/doc/wg1-2021", "art_7__para_g", "art_7__para_g\n", "art_7__", "Ab9", "é",
           "queries/rules/x.rq", "queries/rules/x.rqs", "corpus/sources/a_b.c-d", "0" * 64, "0" * 64 + "\n", "en",
           "en-GB", "en-", "abc-123456789"]


@pytest.mark.parametrize("pattern", sorted({str(p) for p in ontology.shapes_graph().objects(None, SH.pattern)}))
def test_patterns_match_like_python(pattern: str) -> None:
    portable = portable_pattern(pattern)
    values = " ".join(Literal(s).n3() for s in SAMPLES)
    query = f"SELECT ?s (REGEX(?s, {Literal(portable).n3()}) AS ?m) WHERE {{ VALUES ?s {{ {values} }} }}"
    with EmbeddedStore.in_memory() as store:
        matches = {str(row[0]): row[1] == Literal(True) for row in store.select(query).rows}
    assert matches == {s: re.search(pattern, s) is not None for s in SAMPLES}


@pytest.mark.parametrize("pattern", [r"\d", r"a\b", "(?i)a", "(?=a)", "a$b", "[[:alpha:]]", "[a&&b]", "a{,2}", "a**",
                                     r"\w+", "[]a]"])
def test_patterns_outside_the_subset_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        portable_pattern(pattern)


def python_date_ok(text: str) -> bool:
    return Literal(text, datatype=XSD.date).ill_typed is False


def test_date_lexical_form_matches_rdflib() -> None:
    days = [date(1, 1, 1) + timedelta(days=n) for n in range(0, 800, 7)]
    days += [date(y, 2, d) for y in (1600, 1700, 1900, 2000, 2020, 2021, 2024, 2100, 9996) for d in (28,)]
    texts = {d.isoformat() for d in days}
    texts |= {f"{y:04d}-{m:02d}-{d:02d}" for y in (4, 100, 400, 1900, 2000, 2023, 2024) for m in range(0, 14)
              for d in (0, 1, 28, 29, 30, 31, 32)}
    texts |= {"0000-01-01", "10000-01-01", "-0001-01-01", "2021-1-1", "20210101", "2021-01-01Z"}
    regex = re.compile(LEXICAL[XSD.date])
    # rdflib's normalised form of a well-typed date is YYYY-MM-DD; the others stay as written
    wrong = sorted(t for t in texts if (regex.search(t) is not None) != (python_date_ok(t) and
                                                                         re.fullmatch(r"\d{4}-\d\d-\d\d", t)
                                                                         is not None))
    assert not wrong


# ---------------------------------------------------------------------------------------------
# kb.validate, and (d) timing


def test_validate_engines_agree(built: Built) -> None:
    broken, _ = broken_copy(built.graph)
    nt = broken.serialize(format="nt", encoding="utf-8")
    origins = {str(instances(built.graph, KB.Paragraph)[0]): "annotations/x.yaml:3"}
    fast = validate(broken, nt, origins=origins)
    slow = validate(broken, nt, origins=origins, engine="pyshacl")
    assert fast == slow
    assert not fast.conforms and fast.violations and fast.checks_run
    assert any("(annotations/x.yaml:3): " in line for line in fast.violations)
    assert any(line.endswith(f"[{KBSH['Provision-eId']} {KB.eId}]") for line in fast.violations)
    assert any(f"[{KBSH['Evidence-quotedInHeld']} <{KB.quotedIn}>/<{KB.held}>]" in line for line in fast.violations)


def test_validate_refuses_an_unknown_engine(built: Built) -> None:
    with pytest.raises(InputError, match="engine"):
        validate(built.graph, built.nt, engine="fast")  # type: ignore[arg-type]


def test_blank_node_results_are_read_from_reports() -> None:
    report = Graph()
    head, result = BNode(), BNode()
    report.add((head, RDF.type, SH.ValidationReport))
    report.add((head, SH.result, result))
    for p, o in ((SH.focusNode, EX.a), (SH.sourceShape, EX.S), (SH.sourceConstraintComponent, SH.OrConstraintComponent),
                 (SH.resultSeverity, SH.Violation)):
        report.add((result, p, o))
    path = BNode()
    report.add((result, SH.resultPath, path))
    report.add((path, SH.inversePath, EX.p))
    nested = BNode()  # a sh:detail result is not a result of the report
    report.add((result, SH.detail, nested))
    report.add((nested, RDF.type, SH.ValidationResult))
    (only,) = results_from_report(report)
    assert only.path == f"^<{EX.p}>" and only.value is None and only.message is None
