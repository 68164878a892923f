"""The build pipeline, composed from one module per stage as in DESIGN.md section 7::

    corpus ──parse──▶ provisions ──annotate──▶ entities, links, evidence ──graph──▶ RDF
        ──rules──▶ status ──validate──▶ report ──publish──▶ store + dumps

It owns the order of the stages, their timing and the build report; each stage owns its logic.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, URIRef

from kb import ontology
from kb.annotate import load_annotations
from kb.corpus import default_corpus_dir, load_corpus
from kb.graph import build_graph, canonical_ntriples, origins
from kb.iri import SKOS
from kb.model import Annotations, Provision, SourceDocument
from kb.parse import parse
from kb.publish import Release, default_build_dir, publish
from kb.rules import assess, assessments_graph, corpus_date, load_rules, rules_graph
from kb.store import EmbeddedStore
from kb.validate import ValidationReport, validate

Progress = Callable[[str], None]


@dataclass
class Built:
    """What the stages before publishing produce."""

    documents: list[SourceDocument]
    provisions: dict[str, list[Provision]]
    annotations: Annotations
    graph: Graph
    nt: bytes
    validation: ValidationReport
    asof: dt.date
    assessments: int
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.nt).hexdigest()


@contextmanager
def _stage(name: str, timings: dict[str, float], progress: Progress | None) -> Iterator[None]:
    if progress:
        progress(f"{name}...")
    start = time.perf_counter()
    yield
    timings[name] = round(time.perf_counter() - start, 4)


def topic_slugs(topics: Graph) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in topics.subjects(RDF.type, SKOS.Concept) if isinstance(t, URIRef)}


def assemble(corpus_dir: Path | None = None, *, progress: Progress | None = None) -> Built:
    """Run every stage up to and including validation. Raises on bad input; never publishes."""
    corpus_dir = corpus_dir or default_corpus_dir()
    timings: dict[str, float] = {}
    with _stage("corpus", timings, progress):
        documents = load_corpus(corpus_dir)
    with _stage("parse", timings, progress):
        provisions = {d.meta.slug: parse(d.text, source=str(d.path)) for d in documents}
    with _stage("annotate", timings, progress):
        topics = ontology.topics_graph()
        annotations = load_annotations(corpus_dir / "annotations", documents, provisions, topic_slugs(topics))
    with _stage("graph", timings, progress):
        graph = build_graph(documents, provisions, annotations,
                            repo_paths={d.meta.slug: f"corpus/{d.meta.source}" for d in documents},
                            extra=(ontology.core_graph(), ontology.alignments_graph(), topics))
    with _stage("rules", timings, progress):
        asof = corpus_date(d.meta.date for d in documents)
        rules = load_rules()
        with EmbeddedStore.in_memory(canonical_ntriples(graph)) as store:
            assessments = assess(store, asof, rules)
        graph += rules_graph(rules)
        graph += assessments_graph(assessments)
        nt = canonical_ntriples(graph)
    with _stage("validate", timings, progress):
        report = validate(graph, nt, origins=origins(annotations))
    return Built(documents, provisions, annotations, graph, nt, report, asof, len(assessments), timings)


def build_report(built: Built, version: str) -> dict[str, Any]:
    counts = Counter(str(o) for o in built.graph.objects(None, RDF.type))
    return {
        "version": version,
        "content_hash": built.content_hash,
        "triples": len(built.graph),
        "documents": {d.meta.slug: {"sha256": d.meta.sha256, "provisions": len(built.provisions[d.meta.slug])}
                      for d in built.documents},
        "counts_per_class": dict(sorted(counts.items())),
        "links": len(built.annotations.links),
        "status_as_of": built.asof.isoformat(),
        "assessments": built.assessments,
        "warnings": built.validation.warnings,
        "checks_run": built.validation.checks_run,
        "timings_seconds": built.timings,
    }


def build(corpus_dir: Path | None = None, build_dir: Path | None = None, *,
          progress: Progress | None = None) -> tuple[Release, dict[str, Any]]:
    """Build the knowledge base from a corpus and publish it. The last good build stays if this fails."""
    built = assemble(corpus_dir, progress=progress)
    built.validation.raise_for_violations()
    version = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{built.content_hash[:12]}"
    with _stage("publish", built.timings, progress):
        report = build_report(built, version)
        release = publish(build_dir or default_build_dir(), version, built.nt, report)
    report["timings_seconds"] = built.timings
    return release, report
