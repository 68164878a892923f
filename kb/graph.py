"""The graph stage: turns documents, provisions and annotations into RDF (rdflib) and canonical N-Triples.

It owns the mapping from the data model to the vocabulary written down in docs/vocabulary.md and
the canonical serialisation: sorted, de-duplicated N-Triples with no blank nodes, so that the same
corpus always gives byte-identical output.

The build never holds the whole corpus as one rdflib Graph: :func:`write_graph` collects the rdflib
triples of one held document (or one batch of annotated items) at a time in a :class:`TripleBatch`,
turns them into N-Triples lines with rdflib's serializer and hands them to a
:class:`CanonicalWriter`, which spills sorted runs to temporary files and merges them
(``heapq.merge``, de-duplicated) into the canonical file. Memory stays bounded by one run of lines,
whatever the size of the corpus. :func:`build_graph` still returns one Graph for small uses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from kb import iri
from kb.errors import ValidationError
from kb.iri import DCTERMS, KB, OA, PROV, SKOS
from kb.model import (
    Activity,
    Annotations,
    Body,
    Claim,
    Evidence,
    Link,
    MentionedDocument,
    Provision,
    SourceDocument,
)


def date_literal(value: str) -> Literal:
    """``YYYY-MM-DD`` → xsd:date, ``YYYY-MM`` → xsd:gYearMonth, ``YYYY`` → xsd:gYear."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=datatype)


def known_by(value: str) -> Literal:
    """The last day a (possibly partial) date can denote, as xsd:date: ``2023`` -> 2023-12-31."""
    if len(value) == 4:
        return Literal(f"{value}-12-31", datatype=XSD.date)
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).isoformat()
        return Literal(last, datatype=XSD.date)
    return Literal(value, datatype=XSD.date)


Triple = tuple[Node, Node, Node]


class TripleBatch:
    """A plain list of rdflib triples with the two operations of a Graph that :class:`GraphBuilder`
    uses (``add``, ``remove`` by pattern). :func:`write_graph` collects one document's triples in it
    and turns them into N-Triples lines with rdflib's own N-Triples row writer, without the indexes
    of a Graph's store (adding to them was most of the graph stage's time); duplicates are removed
    when the lines are sorted."""

    def __init__(self) -> None:
        self.triples: list[Triple] = []

    def add(self, triple: Triple) -> None:
        self.triples.append(triple)

    def remove(self, pattern: tuple[Node | None, Node | None, Node | None]) -> None:
        self.triples = [t for t in self.triples
                        if not all(want is None or want == have for want, have in zip(pattern, t, strict=True))]

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


class GraphBuilder:
    """Accumulates triples into ``graph`` (an rdflib Graph, or a :class:`TripleBatch`); one method
    per kind of thing in the model."""

    def __init__(self, graph: Graph | TripleBatch | None = None,
                 sequence: Mapping[tuple[str, str], int] | None = None) -> None:
        if graph is None:
            graph = Graph()
            for prefix, ns in iri.PREFIXES.items():
                graph.bind(prefix, ns)
        self.graph: Graph | TripleBatch = graph
        self.doc_dates: dict[str, str] = {}
        self.known: dict[str, Literal] = {}  # IRI -> kb:knownBy of documents, provisions and activities
        self.doc_known: dict[str, Literal] = {}  # slug -> kb:knownBy of each dated document
        self.sequence = sequence or {}  # (slug, eId) -> kb:sequence (see reading_sequence)

    def take(self) -> Graph | TripleBatch:
        """The triples accumulated since the last call; the builder goes on in a fresh
        :class:`TripleBatch` (what it knows of dates, used by later links, stays)."""
        graph, self.graph = self.graph, TripleBatch()
        return graph

    def _period(self, node: URIRef, start: str, end: str) -> None:
        """kb:startDate and kb:endDate, each as precise as given (absent when not given)."""
        if start:
            self.add(node, KB.startDate, date_literal(start))
        if end:
            self.add(node, KB.endDate, date_literal(end))

    def _known_by(self, node: URIRef, value: Literal | None) -> None:
        if value is not None:
            self.known[str(node)] = value
            self.add(node, KB.knownBy, value)

    def _sequence(self, node: URIRef, slug: str, eid: str) -> None:
        position = self.sequence.get((slug, eid))
        if position is not None:
            self.add(node, KB.sequence, Literal(position, datatype=XSD.integer))

    def add(self, s: Node, p: URIRef, o: Node | str | int | bool | None) -> None:
        if o is None or o == "":
            return
        obj = o if isinstance(o, Node) else Literal(o)
        self.graph.add((s, p, obj))

    def held_document(self, doc: SourceDocument, repo_path: str, title_language: str = "en") -> URIRef:
        meta = doc.meta
        node = self._document_common(meta.slug, meta.title, meta.doc_type.value, meta.symbols, meta.date,
                                     meta.issuing_body, meta.meeting, held=True, title_language=title_language)
        self.add(node, KB.dateNote, meta.date_note)
        if meta.known_by:  # the text pins the latest day it was issued more precisely than its date
            self.graph.remove((node, KB.knownBy, None))
            self._known_by(node, Literal(meta.known_by, datatype=XSD.date))
            self.doc_known[meta.slug] = Literal(meta.known_by, datatype=XSD.date)
        self.add(node, DCTERMS.language, meta.language)
        self.add(node, KB.originalLanguage, meta.original_language)
        if meta.version_of:
            self.add(node, KB.versionOf, iri.doc_iri(meta.version_of))
        if meta.draft:
            self.add(node, KB.draft, Literal(True))
        if meta.original_title:
            self.add(node, DCTERMS.alternative, Literal(meta.original_title, lang=meta.language))
        self.add(node, KB.sourceFile, repo_path)
        self.add(node, KB.sha256, meta.sha256)
        self.add(node, KB.characterCount, Literal(len(doc.text), datatype=XSD.integer))
        return node

    def _document_common(self, slug: str, title: str, doc_type: str, symbols: Iterable[str], date: str,
                         issuing_body: str, meeting: str, *, held: bool, title_language: str = "en") -> URIRef:
        node = iri.doc_iri(slug)
        self.add(node, RDF.type, KB.Document)
        self.add(node, RDF.type, KB[doc_type])
        self.add(node, DCTERMS.title, Literal(title, lang=title_language))
        self.add(node, KB.slug, slug)
        for symbol in symbols:
            self.add(node, DCTERMS.identifier, symbol)
        if date:
            self.add(node, DCTERMS.date, date_literal(date))
            self._known_by(node, known_by(date))
            self.doc_dates[slug] = date
            self.doc_known[slug] = known_by(date)
        if issuing_body:
            self.add(node, KB.issuedBy, iri.body_iri(issuing_body))
        if meeting:
            self.add(node, KB.meeting, iri.activity_iri(meeting))
        self.add(node, KB.held, Literal(held))
        return node

    def provisions(self, slug: str, provisions: Sequence[Provision], versions: Mapping[str, str]) -> None:
        """A held document's provisions; a language version's (kb.versions) say which of the original's
        each one is, and are not typed by kind: the original's mandates are not counted twice."""
        doc = iri.doc_iri(slug)
        version = str(doc) in versions
        for p in provisions:
            node = iri.provision_iri(slug, p.eid)
            self.add(node, RDF.type, KB.Provision)
            self.add(node, RDF.type, KB.VersionProvision if version else KB[p.kind.value])
            if str(node) in versions:
                self.add(node, KB.versionOf, URIRef(versions[str(node)]))
            self.add(node, KB.eId, p.eid)
            self.add(node, KB.number, p.number)
            if p.number_reconstructed:
                self.add(node, KB.numberReconstructed, Literal(True))
            self.add(node, KB.heading, p.heading)
            self.add(node, KB.text, p.text)
            self.add(node, KB.partOf, iri.provision_iri(slug, p.parent) if p.parent else doc)
            self.add(node, KB.inDocument, doc)
            self.add(node, KB.order, Literal(p.order, datatype=XSD.integer))
            self._sequence(node, slug, p.eid)
            self.add(node, KB.startOffset, Literal(p.start, datatype=XSD.integer))
            self.add(node, KB.endOffset, Literal(p.end, datatype=XSD.integer))
            self.add(node, KB.line, Literal(p.line, datatype=XSD.integer))
            self._known_by(node, self.known.get(str(doc)))

    def replacements(self, annotations: Annotations) -> None:
        """IRIs published while a document was known through quotation, now replaced by the
        provisions of its held text; the quotations that made it known; the documents withdrawn (their
        IRIs answer 410 Gone, with the reason) and the curated links withdrawn."""
        for old, new in sorted(annotations.replaced.items()):
            self.add(URIRef(old), DCTERMS.isReplacedBy, URIRef(new))
        for slug, evidence in sorted(annotations.mentions.items()):
            for ev in evidence:
                self.add(iri.doc_iri(slug), KB.knownThrough, self.evidence(ev))
        withdrawn = [(iri.doc_iri(slug), entry) for slug, entry in annotations.withdrawn.items()]
        withdrawn += [(URIRef(link), entry) for link, entry in annotations.withdrawn_links.items()]
        for node, (date, reason, _) in sorted(withdrawn):
            self.add(node, PROV.invalidatedAtTime, date_literal(date))
            self.add(node, RDFS.comment, Literal(f"Withdrawn: {reason}", lang="en"))
        for link, ends in sorted(annotations.withdrawn_link_ends.items()):
            self.add(URIRef(link), DCTERMS.description, Literal(f"The link {ends}", lang="en"))

    def mentioned_document(self, doc: MentionedDocument) -> None:
        node = self._document_common(doc.slug, doc.title, doc.doc_type.value, doc.symbols, doc.date,
                                     doc.issuing_body, doc.meeting, held=False)
        for ev in doc.evidence:
            self.add(node, KB.knownThrough, self.evidence(ev))
        for order, p in enumerate(doc.provisions, start=1):
            pnode = iri.provision_iri(doc.slug, p.eid)
            self.add(pnode, RDF.type, KB.Provision)
            self.add(pnode, RDF.type, KB[p.kind.value])
            self.add(pnode, KB.eId, p.eid)
            self.add(pnode, KB.number, p.number)
            self.add(pnode, KB.text, p.text)
            self.add(pnode, KB.partOf, iri.provision_iri(doc.slug, p.parent) if p.parent else node)
            self.add(pnode, KB.inDocument, node)
            self.add(pnode, KB.order, Literal(order, datatype=XSD.integer))
            self._sequence(pnode, doc.slug, p.eid)
            for ev in p.evidence:
                self.add(pnode, KB.knownThrough, self.evidence(ev))
            self._known_by(pnode, self.known.get(str(node)) or self._earliest(p.evidence))
        if not doc.date:
            # Undated: the document is known from its earliest quotation, of itself or of any provision,
            # so that a later document of its series can supersede it (queries/rules/50-*).
            self._known_by(node, self._earliest([*doc.evidence, *(e for p in doc.provisions for e in p.evidence)]))

    def body(self, body: Body) -> None:
        node = iri.body_iri(body.slug)
        self.add(node, RDF.type, KB.Body)
        self.add(node, RDFS.label, Literal(body.label, lang="en"))
        if body.label_es:
            self.add(node, RDFS.label, Literal(body.label_es, lang="es"))
        self.add(node, KB.slug, body.slug)
        for alt in body.alt_labels:
            self.add(node, SKOS.altLabel, Literal(alt, lang="en"))
        for alt in body.alt_labels_es:
            self.add(node, SKOS.altLabel, Literal(alt, lang="es"))
        self.add(node, KB.bodyType, body.body_type)
        if body.part_of:
            self.add(node, KB.subOrganizationOf, iri.body_iri(body.part_of))
        for number, title in enumerate(body.titles, start=1):
            tnode = URIRef(f"{node}#title-{number}")
            self.add(node, KB.hasTitle, tnode)
            self.add(tnode, RDF.type, KB.BodyTitle)
            self.add(tnode, DCTERMS.title, Literal(title.title, lang="en"))
            self._period(tnode, title.start, title.end)
            for ev in title.evidence:
                self.add(tnode, KB.hasEvidence, self.evidence(ev))

    def activity(self, act: Activity) -> None:
        node = iri.activity_iri(act.slug)
        self.add(node, RDF.type, KB.Activity)
        self.add(node, RDF.type, KB[act.activity_type])
        self.add(node, RDFS.label, Literal(act.label, lang=act.label_language))
        self.add(node, KB.slug, act.slug)
        self._period(node, act.start, act.end)
        if act.end or act.start:
            self._known_by(node, known_by(act.end or act.start))
        self.add(node, KB.place, act.place)
        self.add(node, KB["format"], act.format)
        for slug in act.organised_by:
            self.add(node, KB.organisedBy, iri.body_iri(slug))
        for slug in act.participants:
            self.add(node, KB.participant, iri.body_iri(slug))
        for slug in act.reported_in:
            self.add(node, KB.reportedIn, iri.doc_iri(slug))
        for ev in act.evidence:
            self.add(node, KB.hasEvidence, self.evidence(ev))

    def evidence(self, ev: Evidence) -> URIRef:
        """The Web Annotation for one located quote; its IRI is a hash of where it points."""
        node = iri.evidence_iri(ev.doc, str(ev.start), str(ev.end))
        target, quote, position = (URIRef(f"{node}#{part}") for part in ("target", "quote", "position"))
        doc = iri.doc_iri(ev.doc)
        self.add(node, RDF.type, KB.Evidence)
        self.add(node, RDF.type, OA.Annotation)
        self.add(node, OA.hasTarget, target)
        self.add(node, KB.quote, ev.quote)
        self.add(node, KB.quotedIn, doc)
        if ev.doc in self.doc_dates:
            self.add(node, KB.evidenceDate, date_literal(self.doc_dates[ev.doc]))
            self.add(node, KB.knownBy, self.doc_known[ev.doc])
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, doc)
        self.add(target, OA.hasSelector, quote)
        self.add(target, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, ev.quote)
        self.add(quote, OA.prefix, ev.prefix)
        self.add(quote, OA.suffix, ev.suffix)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(ev.start, datatype=XSD.integer))
        self.add(position, OA.end, Literal(ev.end, datatype=XSD.integer))
        return node

    def link(self, link: Link) -> None:
        """The qualified link node carrying evidence and attribution, and for a curated link the direct
        triple: a suggested one (``kb:extractor``) is a link node only, so that simple SPARQL over the
        direct triples sees curated links alone."""
        source, target, prop = URIRef(link.source), URIRef(link.target), KB[link.link_type]
        if link.asserted_by == "curator":
            self.add(source, prop, target)
        node = iri.link_iri(link.source, link.link_type, link.target)
        self.add(node, RDF.type, KB.TraceLink)
        self.add(node, KB.linkFrom, source)
        self.add(node, KB.linkTo, target)
        self.add(node, KB.linkType, prop)
        self.add(node, KB.assertedBy, KB[link.asserted_by])
        if link.confidence is not None:
            self.add(node, KB.confidence, Literal(str(link.confidence), datatype=XSD.decimal))
        self.add(node, KB.note, link.note)
        if link.link_type in ("respondsTo", "fulfils"):
            self.add(node, KB.extent, KB[link.extent])
            self.add(node, KB.partAnswered, link.part)
        if link.role:
            self.add(node, KB.addresseeRole, KB[link.role])
        self._period(node, link.start, link.end)
        for ev in link.evidence:
            self.add(node, KB.hasEvidence, self.evidence(ev))
        # A link counts once both ends exist and a quote that states more than the target itself is
        # dated: quotes from the target's own document only show the target (its own text), so they
        # date the link only if there is no other quote.
        target_doc = link.target.removeprefix(iri.BASE + "doc/").split("/")[0] if "/doc/" in link.target else ""
        others = [ev for ev in link.evidence if ev.doc != target_doc]
        quoted = self._earliest(others or link.evidence)
        dates = [d for d in (self.known.get(link.source), self.known.get(link.target), quoted) if d is not None]
        self._known_by(node, max(dates, key=str) if dates else None)

    def _earliest(self, evidence: Iterable[Evidence]) -> Literal | None:
        dates = [self.doc_known[ev.doc] for ev in evidence if ev.doc in self.doc_known]
        return min(dates, key=str) if dates else None

    def claim(self, claim: Claim) -> None:
        node = claim_iri(claim)
        disagreement = URIRef(f"{iri.BASE}disagreement/{claim.disagreement}")
        self.add(node, RDF.type, KB.Claim)
        self.add(node, KB.claimAbout, URIRef(claim.about))
        self.add(node, KB.claimProperty, URIRef(claim.prop))
        self.add(node, KB.claimValue, claim.value)
        self.add(node, KB.claimedBy, self.evidence(claim.evidence))
        self.add(node, KB.note, claim.note)
        self.add(node, KB.partOfDisagreement, disagreement)
        self.add(disagreement, RDF.type, KB.Disagreement)
        self.add(disagreement, KB.slug, claim.disagreement)


def build_graph(documents: Sequence[SourceDocument], provisions: Mapping[str, Sequence[Provision]],
                annotations: Annotations, *, repo_paths: Mapping[str, str], extra: Iterable[Graph] = ()) -> Graph:
    """The whole knowledge graph of a corpus. ``extra`` graphs (ontology, topics) are merged in."""
    graph = Graph()
    for prefix, ns in iri.PREFIXES.items():
        graph.bind(prefix, ns)
    b = GraphBuilder(graph, reading_sequence(provisions, annotations.documents))
    for doc in documents:
        b.held_document(doc, repo_paths[doc.meta.slug], annotations.title_languages.get(doc.meta.slug, "en"))
        b.provisions(doc.meta.slug, provisions[doc.meta.slug], annotations.versions)
    for body in annotations.bodies:
        b.body(body)
    for mdoc in annotations.documents:
        b.mentioned_document(mdoc)
    for act in annotations.activities:
        b.activity(act)
    for link in annotations.links:
        b.link(link)
    for claim in annotations.claims:
        b.claim(claim)
    for reason_iri, reason in sorted(annotations.no_link.items()):
        b.add(URIRef(reason_iri), KB.noLinkFound, reason)
    b.replacements(annotations)
    for g in extra:
        graph += g
    return graph


def reading_sequence(provisions: Mapping[str, Sequence[Provision]],
                     mentioned: Iterable[MentionedDocument]) -> dict[tuple[str, str], int]:
    """``kb:sequence`` of every provision, keyed by (document slug, eId): its place, from 1, in the
    knowledge base's reading order. Documents come in IRI (slug) order; a held document's provisions
    by their start in the source text (a parent before the parts that start where it does), a
    document known through quotation's by eId in natural order (``item_2`` before ``item_10``).

    Listings sort on this one integer: Oxigraph compares integers in place, where sorting on the
    document IRI and the eId reads both strings from the store at every comparison.
    """
    keyed: dict[str, list[tuple[tuple[int, list[tuple[int, int, str]]], str]]] = {
        slug: [((p.start, iri.eid_sort_key(p.eid)), p.eid) for p in held] for slug, held in provisions.items()}
    for doc in mentioned:
        keyed.setdefault(doc.slug, []).extend(((0, iri.eid_sort_key(p.eid)), p.eid) for p in doc.provisions)
    sequence: dict[tuple[str, str], int] = {}
    for slug in sorted(keyed):
        for _, eid in sorted(keyed[slug]):
            sequence.setdefault((slug, eid), len(sequence) + 1)
    return sequence


ANNOTATION_BATCH = 500  # annotated items per TripleBatch in write_graph


def write_graph(documents: Iterable[SourceDocument], provisions: Mapping[str, Sequence[Provision]],
                annotations: Annotations, out: CanonicalWriter, *, repo_paths: Mapping[str, str],
                extra: Iterable[Graph] = ()) -> None:
    """The same triples as :func:`build_graph`, handed to ``out`` one document (or one batch of
    annotated items) at a time, so that no Graph of the whole corpus is ever held."""
    b = GraphBuilder(TripleBatch(), reading_sequence(provisions, annotations.documents))
    for doc in documents:
        b.held_document(doc, repo_paths[doc.meta.slug], annotations.title_languages.get(doc.meta.slug, "en"))
        b.provisions(doc.meta.slug, provisions[doc.meta.slug], annotations.versions)
        out.add_graph(b.take())
    items: list[tuple[object, Callable[[Any], object]]] = [
        *((body, b.body) for body in annotations.bodies),
        *((mdoc, b.mentioned_document) for mdoc in annotations.documents),
        *((act, b.activity) for act in annotations.activities),
        *((link, b.link) for link in annotations.links),
        *((claim, b.claim) for claim in annotations.claims),
    ]
    for n, (item, method) in enumerate(items, start=1):
        method(item)
        if n % ANNOTATION_BATCH == 0:
            out.add_graph(b.take())
    for reason_iri, reason in sorted(annotations.no_link.items()):
        b.add(URIRef(reason_iri), KB.noLinkFound, reason)
    b.replacements(annotations)
    out.add_graph(b.take())
    for g in extra:
        out.add_graph(g)


def origins(annotations: Annotations) -> dict[str, str]:
    """The annotation "file:line" behind each node the graph stage makes from annotations."""
    out: dict[str, str] = {}
    for link in annotations.links:
        out[str(iri.link_iri(link.source, link.link_type, link.target))] = link.where
    for body in annotations.bodies:
        out[str(iri.body_iri(body.slug))] = body.where
    for act in annotations.activities:
        out[str(iri.activity_iri(act.slug))] = act.where
    for doc in annotations.documents:
        out[str(iri.doc_iri(doc.slug))] = doc.where
        for p in doc.provisions:
            out[str(iri.provision_iri(doc.slug, p.eid))] = p.where
    for claim in annotations.claims:
        out[str(claim_iri(claim))] = claim.where
    return out


def claim_iri(claim: Claim) -> URIRef:
    return URIRef(f"{iri.BASE}claim/{iri.content_hash(claim.about, claim.prop, claim.value, claim.evidence.doc)}")


def _check_no_blank_nodes(graph: Graph | TripleBatch) -> None:
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            raise ValidationError(f"blank node in the built graph: {' '.join(t.n3() for t in triple)[:160]}",
                                  hint="give every node an IRI (ontology and topic files included)")


def ntriples_lines(graph: Graph | TripleBatch) -> list[bytes]:
    """The N-Triples lines (UTF-8, without the newline) of a graph or batch, unsorted, as rdflib's
    N-Triples serializer writes them (for a batch: its very row writer); refuses blank nodes."""
    _check_no_blank_nodes(graph)
    if isinstance(graph, TripleBatch):
        return [_nt_row(triple).encode("utf-8").rstrip(b"\n") for triple in graph]
    data = graph.serialize(format="nt", encoding="utf-8")
    return [line for line in data.split(b"\n") if line]


class CanonicalWriter:
    """Sorted, de-duplicated N-Triples from many pieces, in bounded memory.

    Lines are collected (de-duplicated) in memory up to ``run_lines``, then written as one sorted
    run to a temporary file in ``directory``; already canonical files can join as runs too.
    :meth:`finish` merges every run into the canonical file. UTF-8 byte order is code-point order,
    so the result is byte-identical to sorting all the lines at once (:func:`canonical_ntriples`).
    """

    def __init__(self, directory: Path, *, run_lines: int = 300_000) -> None:
        self.directory = directory
        self.run_lines = run_lines
        self._lines: set[bytes] = set()
        self._runs: list[Path] = []
        self._own: list[Path] = []

    def add_graph(self, graph: Graph | TripleBatch) -> None:
        self.add_lines(ntriples_lines(graph))

    def add_lines(self, lines: Iterable[bytes]) -> None:
        self._lines.update(lines)
        if len(self._lines) >= self.run_lines:
            self._spill()

    def add_file(self, path: Path) -> None:
        """A file that is already canonical (sorted, de-duplicated lines) joins the merge as it is."""
        self._runs.append(path)

    def _spill(self) -> None:
        if not self._lines:
            return
        fd, name = tempfile.mkstemp(prefix="run-", suffix=".nt", dir=self.directory)
        with os.fdopen(fd, "wb") as handle:
            for line in sorted(self._lines):
                handle.write(line + b"\n")
        self._lines = set()
        self._runs.append(Path(name))
        self._own.append(Path(name))

    def finish(self, out: Path) -> Canonical:
        """Merge every run into ``out``; the temporary runs are removed."""
        self._spill()
        count = 0
        digest = hashlib.sha256()
        try:
            with _opened(self._runs) as runs, open(out, "wb") as handle:
                previous = None
                for line in heapq.merge(*runs):
                    if line == previous:
                        continue
                    previous = line
                    handle.write(line)
                    digest.update(line)
                    count += 1
        finally:
            for path in self._own:
                path.unlink(missing_ok=True)
            self._runs, self._own = [], []
        return Canonical(out, count, digest.hexdigest())


class _opened:
    """The binary line iterators of several files, closed together."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = paths
        self.handles: list[Any] = []

    def __enter__(self) -> list[Iterator[bytes]]:
        for path in self.paths:
            self.handles.append(open(path, "rb"))
        return [_terminated(h) for h in self.handles]

    def __exit__(self, *exc: object) -> None:
        for handle in self.handles:
            handle.close()


def _terminated(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Every line ending in a newline (a file's last line may lack it)."""
    for line in lines:
        if line.strip():
            yield line if line.endswith(b"\n") else line + b"\n"


class Canonical:
    """A canonical N-Triples file: its path, its number of triples, the SHA-256 of its bytes."""

    def __init__(self, path: Path, triples: int, sha256: str) -> None:
        self.path = path
        self.triples = triples
        self.sha256 = sha256


def canonical_ntriples(graph: Graph) -> bytes:
    """Sorted, de-duplicated N-Triples (UTF-8). Refuses blank nodes, which would break determinism."""
    return b"".join(line + b"\n" for line in sorted(set(ntriples_lines(graph))))

