"""Tests of the ontology folder: the OWL core, the alignments, the topics and the SHACL shapes.

- The core loads offline in owlready2, and HermiT finds it consistent; deliberately inconsistent
  individuals are detected (so the reasoner test can fail).
- Every kb: term has a label and a definition; every kb: term used in docs/vocabulary.md, in
  shapes.ttl and in alignments.ttl is declared in the core.
- The files loaded into the store (core, alignments, topics) have no blank nodes.
- The shapes are checked by a W3C-manifest-driven suite (tests/shapes/manifest.ttl), run the way
  the build runs pySHACL: ``shacl_graph=shapes, ont_graph=core, inference="none"``.
- Every topic has a label and a definition in English and in Spanish, one each, and is in the scheme.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import owlready2
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, Namespace
from rdflib.term import Node

from kb import ontology
from kb.iri import BASE, KB, ONTOLOGY

REPO = Path(__file__).resolve().parent.parent
VOCABULARY_MD = REPO / "docs" / "vocabulary.md"
SHAPES_TESTS = Path(__file__).resolve().parent / "shapes"
MANIFEST = SHAPES_TESTS / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
KBSH = Namespace(ontology.SHAPES_NS)
TOPIC = Namespace(BASE + "topic/")
SCHEME = URIRef(ontology.TOPIC_SCHEME_IRI)
OA = Namespace("http://www.w3.org/ns/oa#")

DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)

# kb: names that docs/vocabulary.md uses but the core deliberately does not declare, with why.
# Each must still occur in vocabulary.md (test_known_vocabulary_issues_are_current), so that the
# entry is removed once the document is fixed.
KNOWN_VOCABULARY_ISSUES: dict[str, str] = {}


# ---------------------------------------------------------------------------------------------
# helpers


def kb_terms(graph: Graph) -> set[URIRef]:
    """Every IRI of the kb: namespace mentioned anywhere in ``graph``."""
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(ONTOLOGY) and term != URIRef(ONTOLOGY)
    }


def declared_terms() -> set[URIRef]:
    core = ontology.core_graph()
    return {
        s
        for t in DECLARATION_TYPES
        for s in core.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)
    }


def local(term: URIRef) -> str:
    return str(term)[len(ONTOLOGY) :]


def vocabulary_md_kb_names() -> set[str]:
    """The local names of the kb: terms written in backticks in docs/vocabulary.md."""
    text = VOCABULARY_MD.read_text(encoding="utf-8")
    names: set[str] = set()
    for span in re.findall(r"`([^`]*)`", text):
        names.update(re.findall(r"\bkb:([A-Za-z][A-Za-z0-9_-]*)", span))
    return names


def has_bnode(graph: Graph) -> bool:
    return any(isinstance(term, BNode) for triple in graph for term in triple)


def load_core_world() -> tuple[owlready2.World, owlready2.Ontology]:
    """A fresh owlready2 world with kb-core.owl loaded from its file (offline, no imports)."""
    world = owlready2.World()
    onto = world.get_ontology(ontology.core_path().as_uri()).load()
    return world, onto


def entity(world: owlready2.World, name: str) -> owlready2.EntityClass:
    found = world[ONTOLOGY + name]
    assert found is not None, f"kb:{name} not found in the owlready2 world"
    return found


requires_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="HermiT (owlready2.sync_reasoner) needs a Java runtime on PATH"
)


# ---------------------------------------------------------------------------------------------
# (a) owlready2 and HermiT


def test_owlready2_loads_core_offline() -> None:
    world, onto = load_core_world()
    assert onto.base_iri == ONTOLOGY
    assert not onto.imported_ontologies
    classes = {c.iri for c in world.classes()}
    assert {ONTOLOGY + n for n in ("Document", "Provision", "Body", "Activity", "TraceLink")} <= classes
    assert entity(world, "Mandate") in entity(world, "Provision").descendants()
    assert entity(world, "fulfils") in entity(world, "respondsTo").descendants()


@requires_java
def test_hermit_finds_core_consistent() -> None:
    world, onto = load_core_world()
    with onto:
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    unsatisfiable = list(world.inconsistent_classes())
    assert unsatisfiable == [], f"unsatisfiable classes: {unsatisfiable}"


def _both_document_and_provision(world: owlready2.World, data: owlready2.Ontology) -> None:
    thing = entity(world, "Document")("bad-thing", namespace=data)
    thing.is_a.append(entity(world, "Provision"))


def _mandate_and_recommendation(world: owlready2.World, data: owlready2.Ontology) -> None:
    thing = entity(world, "Mandate")("bad-provision", namespace=data)
    thing.is_a.append(entity(world, "Recommendation"))


def _two_status_values(world: owlready2.World, data: owlready2.Ontology) -> None:
    # kb:statusValue is functional and the status values are pairwise different individuals.
    assessment = entity(world, "ResponseAssessment")("bad-assessment", namespace=data)
    entity(world, "statusValue")[assessment] = [entity(world, "no-evidence"), entity(world, "addressed")]


def _evidence_quoted_in_a_body(world: owlready2.World, data: owlready2.Ontology) -> None:
    # kb:quotedIn has range kb:Document, which is disjoint with kb:Body.
    body = entity(world, "Body")("some-body", namespace=data)
    evidence = entity(world, "Evidence")("bad-evidence", namespace=data)
    entity(world, "quotedIn")[evidence] = [body]


@requires_java
@pytest.mark.parametrize(
    "make_inconsistent",
    [_both_document_and_provision, _mandate_and_recommendation, _two_status_values, _evidence_quoted_in_a_body],
    ids=["document-and-provision", "mandate-and-recommendation", "two-status-values", "range-violation"],
)
def test_hermit_detects_inconsistent_individuals(make_inconsistent: object) -> None:
    world, _ = load_core_world()
    data = world.get_ontology("http://example.org/iacml-kb-test-data#")
    with data:
        make_inconsistent(world, data)  # type: ignore[operator]
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0)


# ---------------------------------------------------------------------------------------------
# (b) labels and definitions; the core names no external vocabulary


def test_every_kb_term_is_declared_with_one_label_a_language_and_one_definition() -> None:
    core = ontology.core_graph()
    declared = declared_terms()
    assert kb_terms(core) <= declared, f"used but not declared: {sorted(kb_terms(core) - declared)}"
    problems = []
    for term in sorted(declared):
        spanish = [v for v in core.objects(term, RDFS.label) if isinstance(v, Literal) and v.language == "es"]
        if len(spanish) != 1:  # the pages name terms in the page's language (api.pages_data)
            problems.append(f"kb:{local(term)} needs exactly one rdfs:label@es")
        for prop in (RDFS.label, SKOS.definition):
            values = [v for v in core.objects(term, prop) if not (isinstance(v, Literal) and v.language == "es")]
            if len(values) != 1 or not isinstance(values[0], Literal) or values[0].language != "en":
                problems.append(f"kb:{local(term)} needs exactly one {prop.n3(core.namespace_manager)}@en")
            elif prop == SKOS.definition and not str(values[0]).endswith("."):
                problems.append(f"kb:{local(term)}: the definition should be a full sentence")
    assert not problems, "\n".join(problems)


def test_core_header() -> None:
    core = ontology.core_graph()
    onto = URIRef(ontology.ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in core
    assert core.value(onto, OWL.versionInfo) is not None
    assert core.value(onto, DCTERMS.title) is not None
    assert (onto, OWL.imports, None) not in core


def test_core_names_no_external_vocabulary() -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"  # (rdflib's XSD namespace object upsets pytest's collection)
    allowed_namespaces = (str(RDF), str(RDFS), str(OWL), xsd, BASE)
    allowed_terms = {SKOS.definition, DCTERMS.title}
    external = {
        term
        for triple in ontology.core_graph()
        for term in triple
        if isinstance(term, URIRef) and term not in allowed_terms and not str(term).startswith(allowed_namespaces)
    }
    assert not external, f"kb-core.owl must stay self-contained, found {sorted(external)}"


def test_core_top_classes_are_pairwise_disjoint() -> None:
    core = ontology.core_graph()
    top = [KB[n] for n in ("Document", "Provision", "Body", "Activity", "TraceLink", "Evidence")]
    for i, a in enumerate(top):
        for b in top[i + 1 :]:
            assert (a, OWL.disjointWith, b) in core or (b, OWL.disjointWith, a) in core, (a, b)


# ---------------------------------------------------------------------------------------------
# (c) the vocabulary, the shapes and the alignments use only declared terms


def test_every_kb_term_of_vocabulary_md_is_declared() -> None:
    names = vocabulary_md_kb_names() - KNOWN_VOCABULARY_ISSUES.keys()
    assert len(names) > 60, "parsing docs/vocabulary.md found too few kb: terms"
    declared = {local(t) for t in declared_terms()}
    assert names <= declared, f"in docs/vocabulary.md but not in kb-core.owl: {sorted(names - declared)}"


def test_vocabulary_md_kinds_match_the_core() -> None:
    core = ontology.core_graph()
    for name in sorted(vocabulary_md_kb_names() - KNOWN_VOCABULARY_ISSUES.keys()):
        types = set(core.objects(KB[name], RDF.type))
        if name[0].isupper():
            assert OWL.Class in types, f"kb:{name} is used as a class but is not an owl:Class"
        else:
            assert types & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}, name


def test_known_vocabulary_issues_are_current() -> None:
    stale = KNOWN_VOCABULARY_ISSUES.keys() - vocabulary_md_kb_names()
    assert not stale, f"docs/vocabulary.md no longer uses {sorted(stale)}: drop them from KNOWN_VOCABULARY_ISSUES"
    declared = {local(t) for t in declared_terms()}
    assert not KNOWN_VOCABULARY_ISSUES.keys() & declared


@pytest.mark.parametrize("name", ["shapes", "alignments"])
def test_kb_terms_of_shapes_and_alignments_are_declared(name: str) -> None:
    graph = ontology.shapes_graph() if name == "shapes" else ontology.alignments_graph()
    used = kb_terms(graph)
    assert used, f"{name} uses no kb: term?"
    missing = used - declared_terms()
    assert not missing, f"{name} uses undeclared kb: terms {sorted(local(t) for t in missing)}"


def test_shapes_use_datatype_and_object_properties_consistently() -> None:
    shapes, core = ontology.shapes_graph(), ontology.core_graph()
    for shape, path in shapes.subject_objects(SH.path):
        if not (isinstance(path, URIRef) and str(path).startswith(ONTOLOGY)):
            continue
        if (shape, SH.datatype, None) in shapes:
            assert (path, RDF.type, OWL.DatatypeProperty) in core, (shape, path)
        if (shape, SH["class"], None) in shapes or (shape, SH.nodeKind, SH.IRI) in shapes:
            assert (path, RDF.type, OWL.ObjectProperty) in core, (shape, path)


def test_alignments_only_use_true_alignment_axioms() -> None:
    allowed = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.range, RDF.type}
    for s, p, _ in ontology.alignments_graph():
        if str(s).startswith(ONTOLOGY):
            assert p in allowed, (s, p)


# ---------------------------------------------------------------------------------------------
# (d) no blank nodes in what the store loads


@pytest.mark.parametrize("name", ["core", "topics", "alignments"])
def test_store_files_have_no_blank_nodes(name: str) -> None:
    graph = {"core": ontology.core_graph, "topics": ontology.topics_graph, "alignments": ontology.alignments_graph}[
        name
    ]()
    assert not has_bnode(graph)


def test_store_graph_is_a_fresh_union() -> None:
    union = ontology.store_graph()
    assert len(union) == len(ontology.core_graph() + ontology.alignments_graph() + ontology.topics_graph())
    union.add((KB.scratch, RDFS.label, Literal("scratch")))
    assert (KB.scratch, None, None) not in ontology.core_graph()


# ---------------------------------------------------------------------------------------------
# (e) the shapes


def test_shapes_are_core_shacl_with_named_property_shapes_and_messages() -> None:
    shapes = ontology.shapes_graph()
    assert (None, SH.sparql, None) not in shapes, "shapes.ttl must use SHACL core only"
    property_shapes = set(shapes.subjects(SH.path, None))
    blank = [s for s in property_shapes if isinstance(s, BNode)]
    assert not blank, "every property shape must have an IRI"
    assert all(str(s).startswith(str(KBSH)) for s in property_shapes)
    # Shapes that can report: property shapes attached with sh:property, and targeted node shapes
    # with node-level constraints (a node shape that only groups property shapes never reports).
    not_constraints = {RDF.type, RDFS.label, RDFS.comment, SH.property, SH.message, SH.targetClass}
    reporting: set[Node] = set()
    for shape in shapes.subjects(SH.targetClass, None):
        reporting.update(shapes.objects(shape, SH.property))
        if set(shapes.predicates(shape, None)) - not_constraints:
            reporting.add(shape)
    assert reporting
    for shape in reporting:
        assert isinstance(shape, URIRef), f"shape {shape} must have an IRI"
        assert shapes.value(shape, SH.message) is not None, f"{shape} has no sh:message"
    for target in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        assert (None, target, None) not in shapes, "use sh:targetClass"


def test_shapes_cover_every_node_kind() -> None:
    targets = set(ontology.shapes_graph().objects(None, SH.targetClass))
    expected = {
        KB.Document,
        KB.Provision,
        KB.Body,
        KB.Activity,
        SKOS.Concept,
        SKOS.ConceptScheme,
        KB.TraceLink,
        KB.Evidence,
        OA.SpecificResource,
        OA.TextQuoteSelector,
        OA.TextPositionSelector,
        KB.StatusAssessment,
        KB.StatusRule,
        KB.Claim,
        KB.Disagreement,
        KB.BodyTitle,
    }
    assert expected <= targets, f"no shape targets {sorted(expected - targets)}"


def manifest_entries() -> Iterator[tuple[str, URIRef, Graph]]:
    manifest = Graph().parse(MANIFEST, format="turtle")
    head = manifest.value(None, RDF.type, MF.Manifest)
    assert head is not None, f"{MANIFEST} has no mf:Manifest"
    entries = manifest.value(head, MF.entries)
    assert entries is not None
    for entry in Collection(manifest, entries):
        assert isinstance(entry, URIRef)
        yield str(entry).rsplit("#", 1)[-1], entry, manifest


MANIFEST_ENTRIES = list(manifest_entries())


def file_of(iri: Node | None) -> Path:
    assert isinstance(iri, URIRef) and str(iri).startswith("file://"), iri
    return Path(iri.removeprefix("file://")).resolve()


def test_manifest_lists_every_data_file() -> None:
    listed = set()
    for _, entry, manifest in MANIFEST_ENTRIES:
        action = manifest.value(entry, MF.action)
        listed.add(file_of(manifest.value(action, SHT.dataGraph)))
    on_disk = {p.resolve() for p in SHAPES_TESTS.glob("*.ttl") if p.name != MANIFEST.name}
    assert listed == on_disk


@pytest.mark.parametrize(("name", "entry", "manifest"), MANIFEST_ENTRIES, ids=[e[0] for e in MANIFEST_ENTRIES])
def test_shapes_manifest_entry(name: str, entry: URIRef, manifest: Graph) -> None:
    assert (entry, RDF.type, SHT.Validate) in manifest
    action = manifest.value(entry, MF.action)
    shapes_file = file_of(manifest.value(action, SHT.shapesGraph))
    assert shapes_file == ontology.shapes_path().resolve(), "entries must test ontology/shapes.ttl"
    data = Graph().parse(file_of(manifest.value(action, SHT.dataGraph)), format="turtle")

    # Exactly how the build validates (see kb/ontology.py).
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=ontology.shapes_graph(), ont_graph=ontology.core_graph(), inference="none"
    )

    expected_report = manifest.value(entry, MF.result)
    expected_conforms = manifest.value(expected_report, SH.conforms)
    assert isinstance(expected_conforms, Literal)
    keys = (SH.focusNode, SH.sourceShape, SH.sourceConstraintComponent, SH.resultSeverity)
    expected = {
        tuple(manifest.value(result, k) for k in keys) for result in manifest.objects(expected_report, SH.result)
    }
    actual = {tuple(report.value(result, k) for k in keys) for result in report.subjects(RDF.type, SH.ValidationResult)}
    assert conforms == expected_conforms.toPython(), text
    assert actual == expected, f"{name}: unexpected results\n{text}"

    shapes = ontology.shapes_graph()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        message = report.value(result, SH.resultMessage)
        shape = report.value(result, SH.sourceShape)
        assert message is not None and message == shapes.value(shape, SH.message), (shape, message)


# ---------------------------------------------------------------------------------------------
# (f) topics

REQUIRED_TOPICS = [
    "qualifications-frameworks",
    "education-labor-coordination",
    "skills-for-the-future",
    "training-and-reskilling",
    "labor-market-information-systems",
    "platform-work",
    "telework",
    "future-of-work",
    "artificial-intelligence",
    "informality",
    "social-protection",
    "gender-equality",
    "gender-institutionalization",
    "violence-and-harassment",
    "labor-inclusion",
    "youth-employment",
    "just-transition",
    "social-dialogue",
    "public-employment-services",
    "skills-certification",
    "lifelong-learning",
    "teacher-training",
    "sustainable-enterprises",
    "care-systems",
    "domestic-work",
    "labor-inspection",
    "migration",
]


def concepts() -> list[URIRef]:
    return sorted(c for c in ontology.topics_graph().subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef))


def test_topic_scheme_has_the_required_topics() -> None:
    topics = ontology.topics_graph()
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in topics
    have = {str(c).removeprefix(str(TOPIC)) for c in concepts()}
    assert set(REQUIRED_TOPICS) <= have, sorted(set(REQUIRED_TOPICS) - have)


def test_every_topic_has_label_definition_scheme_and_place_in_the_hierarchy() -> None:
    topics = ontology.topics_graph()
    top = set(topics.objects(SCHEME, SKOS.hasTopConcept))
    labels: dict[str, set[str]] = {"en": set(), "es": set()}
    for concept in concepts():
        assert re.fullmatch(re.escape(str(TOPIC)) + r"[a-z0-9]+(-[a-z0-9]+)*", str(concept)), concept
        pref = sorted((p for p in topics.objects(concept, SKOS.prefLabel) if isinstance(p, Literal)),
                      key=lambda p: p.language or "")
        definition = sorted((d for d in topics.objects(concept, SKOS.definition) if isinstance(d, Literal)),
                            key=lambda d: d.language or "")
        # one prefLabel per language (SKOS), in English and Spanish, capitalised as a name is
        assert [p.language for p in pref] == ["en", "es"], concept
        assert len(list(topics.objects(concept, SKOS.prefLabel))) == 2, concept
        assert all(str(p)[:1].isupper() and str(p) == str(p).strip() for p in pref), concept
        # one definition per language, English and its Spanish translation, each one sentence
        assert [d.language for d in definition] == ["en", "es"], concept
        assert len(list(topics.objects(concept, SKOS.definition))) == 2, concept
        assert all(str(d).count(". ") == 0 and str(d).endswith(".") for d in definition), f"{concept}: one sentence"
        assert str(definition[0]) != str(definition[1]), f"{concept}: the Spanish definition is a translation"
        assert list(topics.objects(concept, SKOS.inScheme)) == [SCHEME], concept
        assert list(topics.objects(concept, SKOS.altLabel)), f"{concept} has no skos:altLabel"
        broader = list(topics.objects(concept, SKOS.broader))
        if (concept, SKOS.topConceptOf, SCHEME) in topics:
            assert not broader and concept in top, concept
        else:
            assert len(broader) == 1 and broader[0] in top, f"{concept}: broader must be one top concept"
        for p in pref:
            assert str(p).lower() not in labels[str(p.language)], f"duplicate prefLabel {p!r}"
            labels[str(p.language)].add(str(p).lower())
    scheme = sorted(p.language or "" for p in topics.objects(SCHEME, SKOS.prefLabel) if isinstance(p, Literal))
    assert scheme == ["en", "es"]
    scheme = sorted(d.language or "" for d in topics.objects(SCHEME, SKOS.definition) if isinstance(d, Literal))
    assert scheme == ["en", "es"] and len(list(topics.objects(SCHEME, SKOS.definition))) == 2


def test_store_files_conform_to_the_shapes() -> None:
    conforms, _, text = pyshacl.validate(
        ontology.store_graph(), shacl_graph=ontology.shapes_graph(), ont_graph=ontology.core_graph(), inference="none"
    )
    assert conforms, text


# ---------------------------------------------------------------------------------------------
# kb/ontology.py


def test_loaders_are_cached_and_paths_point_into_the_folder() -> None:
    assert ontology.core_graph() is ontology.core_graph()
    for path in (ontology.core_path(), ontology.alignments_path(), ontology.topics_path(), ontology.shapes_path()):
        assert path.parent == ontology.ONTOLOGY_DIR and path.is_file()


def test_ontology_dir_override_and_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from kb.errors import InputError

    core_bytes = ontology.core_path().read_bytes()
    monkeypatch.setenv(ontology.ONTOLOGY_DIR_ENV, str(tmp_path))
    with pytest.raises(InputError, match=ontology.ONTOLOGY_DIR_ENV):
        ontology.ontology_dir()
    (tmp_path / ontology.CORE_FILE).write_bytes(core_bytes)
    assert ontology.ontology_dir() == tmp_path.resolve()
