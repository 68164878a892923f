"""The build pipeline, composed from one module per stage as in DESIGN.md section 7::

    corpus ──parse──▶ provisions ──annotate──▶ entities, links, evidence ──graph──▶ RDF
        ──rules──▶ status ──validate──▶ report ──publish──▶ store + dumps

It owns the order of the stages, their timing and the build report; each stage owns its logic.

Memory stays bounded whatever the size of the corpus, apart from the parsed corpus itself (texts,
provisions, annotations): the graph stage streams small graphs into sorted runs merged into the
canonical N-Triples file (:class:`kb.graph.CanonicalWriter`); the rules and the validation run in a
staging Oxigraph store bulk-loaded from that file, in memory up to ``KB_STAGING_MEMORY_TRIPLES``
triples and on disk beyond (then published as it is, not loaded twice); the status assessments are
merged into the file canonically; the report's counts come from SPARQL. Everything lives in a work
folder that publishing moves into the release (:func:`kb.publish.work_folder`).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from rdflib import RDF, Graph, URIRef

from kb import ontology
from kb.annotate import load_annotations, withdrawn_entries
from kb.continuity import lost_iris, lost_links, renamed_iris
from kb.corpus import default_corpus_dir, other_symbols, own_symbols, raise_all, read_corpus, read_dataset_info
from kb.errors import CorpusError, CorpusErrors, InputError, ParseError, errors_of
from kb.graph import CanonicalWriter, origins, write_graph
from kb.iri import SKOS
from kb.model import (
    Annotations,
    DatasetInfo,
    DocType,
    DocumentMeta,
    Kind,
    MentionedDocument,
    Provision,
    SourceDocument,
    primary_language,
)
from kb.parse import parse, parse_document
from kb.publish import CURRENT, Release, build_lock, current_release, default_build_dir, publish, work_folder
from kb.queries import get_query
from kb.rules import assess, corpus_date, load_rules, write_status
from kb.store import EmbeddedStore, Store
from kb.validate import ValidationReport, validate_store
from kb.versions import SAME_TEXT, SAME_TEXT_MIN, same_text_share

Progress = Callable[[str], None]

CLASS_COUNTS = get_query("class-counts", folder="pipeline").text


class Read(NamedTuple):
    """What the corpus, parse and annotate stages give: what a check of the corpus as a whole needs."""

    documents: list[SourceDocument]
    provisions: dict[str, list[Provision]]
    annotations: Annotations


@dataclass
class Built:
    """What the stages before publishing produce. The canonical N-Triples are a file (``nt_path``, in
    the build's work folder) and the graph is never held whole: :attr:`nt` reads the file and
    :attr:`graph` parses it with rdflib, both on demand (fine for the real corpus, costly for big
    synthetic ones). ``store_path`` is the on-disk staging store the rules and validation ran on,
    holding exactly those N-Triples (None when it was in memory: see :func:`memory_store_triples`)."""

    documents: list[SourceDocument]
    provisions: dict[str, list[Provision]]
    annotations: Annotations
    nt_path: Path
    triples: int
    content_hash: str
    counts_per_class: dict[str, int]
    validation: ValidationReport
    asof: dt.date
    assessments: int
    store_path: Path | None
    timings: dict[str, float] = field(default_factory=dict)
    work: Any = field(default=None, repr=False)  # keeps a temporary work folder alive with this object
    about: DatasetInfo = field(default_factory=DatasetInfo)

    @property
    def nt(self) -> bytes:
        return self.nt_path.read_bytes()

    @functools.cached_property
    def graph(self) -> Graph:
        return Graph().parse(self.nt_path, format="nt")


@contextmanager
def _stage(name: str, timings: dict[str, float], progress: Progress | None) -> Iterator[None]:
    if progress:
        progress(f"{name}...")
    start = time.perf_counter()
    yield
    timings[name] = round(time.perf_counter() - start, 4)


def topic_slugs(topics: Graph) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in topics.subjects(RDF.type, SKOS.Concept) if isinstance(t, URIRef)}


def memory_store_triples() -> int:
    """Up to how many triples the staging store is kept in memory (``KB_STAGING_MEMORY_TRIPLES``,
    default 3,000,000: about 1 GB); larger graphs get an on-disk staging store, which answers the
    rules and checks about 3-4 times slower but holds memory down, and is then published as it is."""
    value = os.environ.get("KB_STAGING_MEMORY_TRIPLES", "3000000")
    if not value.isdigit():
        raise InputError(f"KB_STAGING_MEMORY_TRIPLES={value!r} is not a number of triples",
                         hint="set it to a whole number, e.g. 3000000, or unset it")
    return int(value)


def class_counts(store: Store) -> dict[str, int]:
    """How many instances each class has (by rdf:type triples), sorted by class IRI."""
    return dict(sorted((str(row["class"]), int(str(row["n"]))) for row in store.select(CLASS_COUNTS).dicts()))


@dataclass
class Corpus:
    """The corpus read, parsed and annotated: the first three stages, what curation tools work on."""

    documents: list[SourceDocument]
    provisions: dict[str, list[Provision]]
    annotations: Annotations
    about: DatasetInfo = field(default_factory=DatasetInfo)


def prepare(corpus_dir: Path | None = None, *, annotations_dir: Path | None = None) -> Corpus:
    """Read, parse and annotate a corpus (no graph, no validation); every corpus error at once.
    ``annotations_dir``: read the annotations from there instead of the corpus's own folder."""
    return Corpus(*read_and_annotate(corpus_dir or default_corpus_dir(), {}, None, annotations_dir))


def no_provision_hint(meta_path: Path | str, source_path: Path | str) -> str:
    """What to do with a held text in which the parser finds no provision: a cover, a banner or a contents
    page alone has nothing to link, and no build holds it."""
    return ("a cover, a banner or a table of contents alone holds nothing to link: hold the document's whole text "
            f"instead (remove {meta_path} and {source_path}, then `kb add` the whole text), or, if its body is "
            f"there, say where it begins (`read_as: body` in {meta_path}; corpus/README.md, 'Correcting the parse')")


def as_issued(meta: DocumentMeta, provisions: list[Provision]) -> list[Provision]:
    """A document's provisions as it issues them: a draft's (``draft: true``) mandates and recommendations
    are paragraphs until a Conference or Working Group adopts them, in another document; so they have no
    status, and nothing they say carries an earlier mandate forward (DESIGN.md section 4)."""
    if not meta.draft:
        return provisions
    return [replace(p, kind=Kind.PARAGRAPH) if p.kind in (Kind.MANDATE, Kind.RECOMMENDATION) else p
            for p in provisions]


def read_and_annotate(corpus_dir: Path, timings: dict[str, float], progress: Progress | None,
                      annotations_dir: Path | None = None
                      ) -> tuple[list[SourceDocument], dict[str, list[Provision]], Annotations, DatasetInfo]:
    """The corpus, parse and annotate stages; every corpus error of them raised at once."""
    about = DatasetInfo()
    with _stage("corpus", timings, progress):
        documents, errors, broken = read_corpus(corpus_dir)
        try:
            about = read_dataset_info(corpus_dir)
        except CorpusError as exc:
            errors.append(exc)
    with _stage("parse", timings, progress):
        provisions: dict[str, list[Provision]] = {}
        for d in documents:
            try:
                parsed = parse_document(d.text, source=str(d.path), doc_type=d.meta.doc_type,
                                        corrections=d.meta.corrections, corrections_file=d.meta.meta_path)
                if not parsed.provisions:
                    raise ParseError(d.path, "no provision found after the front matter", line=1,
                                     hint=no_provision_hint(d.meta.meta_path, d.path))
                provisions[d.meta.slug] = as_issued(d.meta, parsed.provisions)
            except (CorpusError, CorpusErrors) as exc:
                errors += errors_of(exc)
                broken[d.meta.slug] = d.text
        documents = [d for d in documents if d.meta.slug in provisions]
    annotations = Annotations()
    with _stage("annotate", timings, progress):
        topics = ontology.topics_graph()
        try:
            annotations = load_annotations(annotations_dir or corpus_dir / "annotations", documents, provisions,
                                           topic_slugs(topics),
                                           broken=broken)
        except (CorpusError, CorpusErrors) as exc:
            errors += errors_of(exc)
        raise_all(errors)  # every corpus error of the build at once
    return documents, provisions, annotations, about


def assemble(corpus_dir: Path | None = None, *, progress: Progress | None = None,
             work_dir: Path | None = None, check: Callable[[Read], None] | None = None) -> Built:
    """Run every stage up to and including validation. Raises on bad input; never publishes.

    Intermediate files, the canonical N-Triples and the staging store go into ``work_dir`` (an
    empty folder), or a temporary folder removed when the returned object is. ``check`` runs on the
    corpus as read and annotated, before the graph: a corpus it refuses is refused without that work."""
    corpus_dir = corpus_dir or default_corpus_dir()
    temporary = tempfile.TemporaryDirectory(prefix="kb-build-") if work_dir is None else None
    work = Path(temporary.name) if temporary is not None else work_dir
    assert work is not None
    timings: dict[str, float] = {}
    documents, provisions, annotations, about = read_and_annotate(corpus_dir, timings, progress)
    if check is not None:
        check(Read(documents, provisions, annotations))
    with _stage("graph", timings, progress):
        writer = CanonicalWriter(work)
        write_graph(documents, provisions, annotations, writer,
                    repo_paths={d.meta.slug: f"corpus/{d.meta.source}" for d in documents},
                    extra=(ontology.core_graph(), ontology.alignments_graph(), ontology.topics_graph()))
        graph_nt = writer.finish(work / "graph.nt")
    on_disk = graph_nt.triples > memory_store_triples()
    store_path = work / "store" if on_disk else None
    with _stage("rules", timings, progress):
        # A language version is the same document as its original: its date moves no status.
        asof = corpus_date(d.meta.date for d in documents if not d.meta.version_of)
        rules = load_rules()
        store = (EmbeddedStore.create(store_path, graph_nt.path) if store_path
                 else EmbeddedStore.in_memory(graph_nt.path))
        try:
            assessments = assess(store, asof, rules)
            status = CanonicalWriter(work)
            write_status(rules, assessments, status)
            status_nt = status.finish(work / "status.nt")
            store.add(status_nt.path)
            merged = CanonicalWriter(work)
            merged.add_file(graph_nt.path)
            merged.add_file(status_nt.path)
            nt = merged.finish(work / "kb.nt")
            graph_nt.path.unlink()
            status_nt.path.unlink()
            with _stage("validate", timings, progress):
                report = validate_store(store, origins=origins(annotations))
                counts = class_counts(store)
        finally:
            store.close()
            del store
            gc.collect()  # the store folder is free to reopen (publish) once no result holds it
    timings["rules"] = round(timings["rules"] - timings["validate"], 4)  # validation ran inside it, on its store
    timings = {name: timings[name] for name in ("corpus", "parse", "annotate", "graph", "rules", "validate")}
    return Built(documents, provisions, annotations, nt.path, nt.triples, nt.sha256, counts, report, asof,
                 len(assessments), store_path, timings, work=temporary, about=about)


def build_report(built: Built, version: str) -> dict[str, Any]:
    return {
        "version": version,
        "content_hash": built.content_hash,
        "triples": built.triples,
        "documents": {d.meta.slug: {"sha256": d.meta.sha256, "provisions": len(built.provisions[d.meta.slug]),
                                    **({"version_of": d.meta.version_of} if d.meta.version_of else {}),
                                    **({"corrections": _digest(d.meta.corrections)} if d.meta.corrections else {})}
                      for d in built.documents},
        "counts_per_class": built.counts_per_class,
        "links": len(built.annotations.links),
        "status_as_of": built.asof.isoformat(),
        "assessments": built.assessments,
        "warnings": [*built.annotations.warnings, *built.validation.warnings],
        "checks_run": built.validation.checks_run,
        "timings_seconds": built.timings,
        "dataset": built.about.as_json(),
    }


def _digest(value: object) -> str:
    """A short fingerprint of metadata a reading depends on (a document's corrections)."""
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def first_reading_warnings(built: Built, build_dir: Path | None = None) -> list[str]:
    """What a curator should look at before a build publishes: a document dated after today (the status
    is computed as of the newest document's date, so a typo such as 2205 moves it for every mandate);
    and the parse warnings of each document the current release in ``build_dir`` did not hold (none
    before a first release): ``kb add`` holds back a reading to doubt, and a build that publishes one
    says so, since its IRIs are cited from then on; and how a language version read anew (or whose
    original is) aligns with its original, where that needs a look (kb.versions)."""
    today = dt.date.today()
    out = [f"{d.meta.meta_path}:{d.meta.line_of('date') or 1}: {d.meta.slug} is dated {d.meta.date}, after today "
           f"({today}): the status of every mandate is computed as of the newest document's date"
           for d in built.documents if d.meta.date and d.meta.date > today.isoformat()[:len(d.meta.date)]]
    build_dir = build_dir or default_build_dir()
    notes = built.annotations.version_notes
    if not (build_dir / CURRENT).exists():
        return out + [notes[slug] for slug in sorted(notes)]
    before = current_release(build_dir).report().get("documents")
    if not isinstance(before, dict):
        return out + [notes[slug] for slug in sorted(notes)]  # nothing to compare with: say all
    # read anew: another text, or the same read otherwise (another original, other corrections)
    changed = {d.meta.slug for d in built.documents if (published := before.get(d.meta.slug) or {}).get("sha256")
               != d.meta.sha256 or published.get("version_of", "") != d.meta.version_of
               or published.get("corrections", "") != (_digest(d.meta.corrections) if d.meta.corrections else "")}
    # a version's alignment, when it or its original is read anew
    original = {d.meta.slug: d.meta.version_of for d in built.documents}
    out += [note for slug, note in sorted(notes.items()) if slug in changed or original.get(slug) in changed]
    for d in built.documents:
        if (before.get(d.meta.slug) or {}).get("sha256") == d.meta.sha256:
            continue  # the same text as published (a text held anew with --replace is read anew)
        parsed = parse_document(d.text, source=str(d.path), doc_type=d.meta.doc_type, corrections=d.meta.corrections,
                                corrections_file=d.meta.meta_path)
        out += [f"{d.path}:{w.line}: this reading of {d.meta.slug} is published for the first time; check it: "
                f"{w.message}" for w in parsed.warnings]
    return out


def _lost_before_annotations(corpus_dir: Path, build_dir: Path) -> list[CorpusError]:
    """The published IRIs a corpus whose annotations fail would lose or move: read and parsed alone."""
    if not (build_dir / CURRENT).exists():
        return []
    documents, _, broken = read_corpus(corpus_dir)
    provisions: dict[str, list[Provision]] = {}
    for d in documents:
        with suppress(CorpusError, CorpusErrors):  # reported by the build that failed
            provisions[d.meta.slug] = as_issued(d.meta, parse(
                d.text, source=str(d.path), doc_type=d.meta.doc_type, corrections=d.meta.corrections,
                corrections_file=d.meta.meta_path))
    held = [d for d in documents if d.meta.slug in provisions]
    # A document taken out of the corpus makes what names it fail: say first that it was published.
    return lost_iris(current_release(build_dir), held, provisions, renamed_iris(held), keep_replaced=True,
                     withdrawn=withdrawn_entries(corpus_dir / "annotations"), documents_dir=corpus_dir / "documents",
                     present={d.meta.slug for d in documents} | set(broken))


def assemble_against(build_dir: Path | None, corpus_dir: Path | None = None, *, progress: Progress | None = None,
                     work_dir: Path | None = None) -> Built:
    """:func:`assemble`, refused as soon as the corpus is read when it would lose or move an IRI the current
    release in ``build_dir`` (default: the default build folder) published (:func:`keeps_published_iris`); and
    when the corpus fails, the renames that release needs first among the errors (references to renamed eIds
    fail without saying what renamed them)."""
    build_dir = build_dir or default_build_dir(corpus_dir)
    annotated: list[Read] = []

    def check(read: Read) -> None:
        annotated.append(read)
        keeps_published_iris(read, build_dir)

    try:
        return assemble(corpus_dir, progress=progress, work_dir=work_dir, check=check)
    except (CorpusError, CorpusErrors) as exc:
        if annotated:
            raise  # the annotations were read: the check's own errors say what is lost
        lost = _lost_before_annotations(corpus_dir or default_corpus_dir(), build_dir)
        if lost:
            raise CorpusErrors(lost + errors_of(exc)) from exc
        raise


def unsettled_copies(built: Built | Read, build_dir: Path | None = None) -> list[CorpusError]:
    """A document not yet published that may be a second text of another held one, in its language: it has
    that one's own symbols, or its provisions say what that one's say (kb.versions.same_text_share), as
    ``kb add`` points out. Published, its slug and IRIs would be permanent, and withdrawn when it was the
    same document after all, so it waits for the curator to say which it is: its files removed (or held in
    the other's place with ``kb add --replace``), or ``distinct_from:`` naming the other. Two such documents
    both new are said once, on the one whose slug sorts after."""
    build_dir = build_dir or default_build_dir()
    before: dict[str, Any] = {}
    if (build_dir / CURRENT).exists():
        published = current_release(build_dir).report().get("documents")
        before = published if isinstance(published, dict) else {}
    held = [d for d in built.documents if not d.meta.version_of]  # a version is its original's text: not a copy
    errors: list[CorpusError] = []
    for d in held:
        if d.meta.slug in before:
            continue
        for o in held:
            said = o.meta.slug in d.meta.distinct_from or d.meta.slug in o.meta.distinct_from
            if o is d or primary_language(o.meta.language) != primary_language(d.meta.language) or said or (
                    o.meta.slug not in before and o.meta.slug > d.meta.slug):
                continue
            if own_symbols(d.meta.symbols) & own_symbols(o.meta.symbols):
                why, key = f"has the symbols, in {d.meta.language}, of {o.meta.slug}", "symbols"
            elif o.meta.doc_type is d.meta.doc_type and not other_symbols(d.meta.symbols, o.meta.symbols) and \
                    _says_the_same(built.provisions[d.meta.slug], built.provisions[o.meta.slug]):
                why, key = f"has provisions that say what {o.meta.slug}'s say, in {d.meta.language}", "slug"
            else:
                continue
            errors.append(CorpusError(
                d.meta.meta_path, f"{d.meta.slug}, not published yet, {why}: a second text of one document is not "
                f"published until you say which it is", line=d.meta.line_of(key) or 1,
                hint=f"if it is {o.meta.slug} in another file, remove documents/{d.meta.slug}.yaml and "
                     f"{d.meta.source} (or hold this text in its place: `kb add FILE --slug {o.meta.slug} "
                     f"--replace`); if it is another document, add `distinct_from: [{o.meta.slug}]` to "
                     f"{Path(d.meta.meta_path).name}; then run `kb build`"))
    errors += [_quoted_twin(d, m, by) for d in held if d.meta.slug not in before and not d.meta.draft
               for m in built.annotations.documents
               if m.slug not in (d.meta.slug, *d.meta.distinct_from) and (by := _same_work(d.meta, m))]
    return errors


def _same_work(meta: DocumentMeta, quoted: MentionedDocument) -> str:
    """The field by which a held document may be the document known through quotation ("" if none): its symbols,
    or its meeting, when it is the Plan of Action or Declaration of that meeting by the same body (a meeting adopts
    one of each)."""
    if own_symbols(meta.symbols) & own_symbols(quoted.symbols):
        return "symbols"
    same_kind = meta.doc_type is quoted.doc_type and meta.doc_type in (DocType.PLAN_OF_ACTION, DocType.DECLARATION)
    adopted_there = bool(meta.meeting) and (meta.meeting, meta.issuing_body) == (quoted.meeting, quoted.issuing_body)
    return "meeting" if same_kind and adopted_there else ""


def _quoted_twin(d: SourceDocument, quoted: MentionedDocument, key: str) -> CorpusError:
    why = (f"has the symbols of {quoted.slug}" if key == "symbols" else
           f"is a {d.meta.doc_type.value} of {d.meta.meeting} by {d.meta.issuing_body}, as {quoted.slug} is")
    return CorpusError(
        d.meta.meta_path, f"{d.meta.slug}, not published yet, {why}, a document known through quotation: published, "
        f"it would be counted beside it (its mandates twice, and superseded by it)", line=d.meta.line_of(key) or 1,
        hint=f"if this is its text, hold it as that document: remove documents/{d.meta.slug}.yaml and {d.meta.source}, "
             f"and run `kb add FILE --slug {quoted.slug}` (the text must hold what is quoted of it); if it is another "
             f"document (a draft: add `draft: true`), add `distinct_from: [{quoted.slug}]` to "
             f"{Path(d.meta.meta_path).name}; then run `kb build`")


def _says_the_same(text: list[Provision], other: list[Provision]) -> bool:
    if len(text) < SAME_TEXT_MIN or 2 * len(text) < len(other) or 2 * len(other) < len(text):
        return False  # too short to tell, or one could not say all the other says
    return same_text_share(text, other, same_language=True) >= SAME_TEXT


def keeps_published_iris(built: Built | Read, build_dir: Path | None = None) -> None:
    """Raise when ``built`` would lose or move an IRI the current release in ``build_dir`` published
    (:mod:`kb.continuity`), or would publish what may be a second text of a held document before the
    curator says which it is (:func:`unsettled_copies`); IRIs are not checked before a first release."""
    build_dir = build_dir or default_build_dir()
    raise_all(unsettled_copies(built, build_dir))
    if (build_dir / CURRENT).exists():
        release = current_release(build_dir)
        documents_dir = Path(built.documents[0].meta.meta_path).parent if built.documents else None
        unsettled: set[str] = set()
        iris = lost_iris(release, built.documents, built.provisions, built.annotations.replaced,
                         withdrawn={slug: where for slug, (_, _, where) in built.annotations.withdrawn.items()},
                         documents_dir=documents_dir, unsettled=unsettled)
        raise_all(iris + lost_links(release, built.annotations,
                                    (documents_dir.parent if documents_dir else default_corpus_dir()) / "annotations",
                                    unsettled=unsettled))


def build(corpus_dir: Path | None = None, build_dir: Path | None = None, *,
          progress: Progress | None = None) -> tuple[Release, dict[str, Any]]:
    """Build the knowledge base from a corpus and publish it. The last good build stays if this fails."""
    build_dir = build_dir or default_build_dir(corpus_dir)
    # Taken first: a second build says at once that one is running, instead of failing after its work.
    with build_lock(build_dir):
        work = work_folder(build_dir)
        try:
            built = assemble_against(build_dir, corpus_dir, progress=progress, work_dir=work)
            built.validation.raise_for_violations()
            version = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{built.content_hash[:12]}"
            with _stage("publish", built.timings, progress):
                report = build_report(built, version)
                report["warnings"] = first_reading_warnings(built, build_dir) + report["warnings"]
                release = publish(build_dir, version, built.nt_path, report, store=built.store_path, locked=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    report["timings_seconds"] = built.timings
    return release, report
