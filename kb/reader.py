"""Reading held source texts back: a document's text with its provision spans and the quotes taken from
it, and the context around any evidence quote.

It owns the way from a published store back to the source files it was built from: a held
document names its file (``kb:sourceFile``, relative to the repository) and checksum
(``kb:sha256``); :func:`source_text` reads that file, checks it is byte for byte the one the build
read, and returns it with every provision's character span and every evidence quote's span (the
offsets the build recorded). :func:`quote_context` gives the words around a quote, from the source
file when it is at hand and from the quote's own ``oa:prefix``/``oa:suffix`` otherwise, so that a
quote can always be shown in place. Queries bind the IRIs; no query text is built from input.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from kb.corpus import decode_utf8, default_corpus_dir
from kb.errors import CorpusError, NotFoundError
from kb.items import unknown, withdrawn
from kb.queries import get_query
from kb.store import Store

FOLDER = "reader"  # its queries: queries/reader/*.rq
DOCUMENT_QUERY = get_query("document", folder=FOLDER).text
PROVISIONS_QUERY = get_query("provisions", folder=FOLDER).text
QUOTES_QUERY = get_query("quotes", folder=FOLDER).text
EVIDENCE_QUERY = get_query("evidence", folder=FOLDER).text
SELECTOR_QUERY = get_query("selector", folder=FOLDER).text
FILE_QUERY = get_query("file", folder=FOLDER).text


@dataclass(frozen=True)
class ProvisionSpan:
    iri: str
    eid: str
    kind: str  # local name: Mandate, Recommendation, Section, Paragraph...
    number: str
    heading: str
    parent: str  # IRI of the parent provision or of the document
    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    evidence: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceText:
    """A held document's text as the build read it, with the spans the build recorded in it."""

    document: str
    slug: str
    title: str
    path: Path
    text: str
    provisions: tuple[ProvisionSpan, ...]
    quotes: tuple[QuoteSpan, ...]
    language: str = ""  # BCP 47, as its metadata gives it ("es"): pages mark the text with it


@dataclass(frozen=True)
class QuoteContext:
    """An evidence quote in place: ``before + quote + after`` is a stretch of the source text."""

    evidence: str
    document: str
    slug: str
    start: int
    end: int
    before: str
    quote: str
    after: str
    from_source: bool  # True when the context was read from the source file (else from the selector)
    language: str = ""  # the language of the quoted document (BCP 47)


def _repository_root(root: Path | None) -> Path:
    return root if root is not None else default_corpus_dir().parent


def _read_checked(path: Path, sha256: str) -> str:
    """The decoded text of ``path`` if its SHA-256 is ``sha256`` (cached while the file is unchanged)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise CorpusError(path, "source file not found",
                          hint="serve from a checkout of the repository that was built, or pass its root") from None
    return _read_cached(path, sha256, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _read_cached(path: Path, sha256: str, mtime_ns: int, size: int) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(path, "source file not found",
                          hint="serve from a checkout of the repository that was built, or pass its root") from None
    except OSError as exc:
        raise CorpusError(path, f"cannot be read: {exc.strerror}") from None
    actual = hashlib.sha256(raw).hexdigest()
    if actual != sha256:
        raise CorpusError(path, f"checksum mismatch: the build recorded {sha256}, the file has {actual}",
                          hint="the file changed since the build: restore it or rebuild with `kb build`")
    return decode_utf8(raw, path)


def _source_path(root: Path | None, relative: str) -> Path:
    base = _repository_root(root).resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):
        raise CorpusError(relative, "source file lies outside the repository", hint="rebuild with `kb build`")
    return path


def source_text(store: Store, document: URIRef, *, root: Path | None = None) -> SourceText:
    """The text of a held document, checked against the build's checksum, with its provision and quote spans.

    ``root`` is the repository the store was built from (default: the one beside the ``kb`` package).
    NotFoundError if the store has no such document or does not hold its text; CorpusError if the file
    is missing or changed since the build.
    """
    params = {"document": document}
    rows = store.select(DOCUMENT_QUERY, params).dicts()
    if not rows or withdrawn(store, document) is not None:
        raise unknown(store, document)
    row = rows[0]
    if str(row["held"]).lower() != "true" or "sourceFile" not in row or "sha256" not in row:
        raise NotFoundError(f"the knowledge base does not hold the text of {document}",
                            hint="it is known only through quotation: see its page for the quotes")
    path = _source_path(root, str(row["sourceFile"]))
    text = _read_checked(path, str(row["sha256"]))
    provisions = tuple(
        ProvisionSpan(iri=str(r["provision"]), eid=str(r["eId"]), kind=str(r["kind"]).rsplit("#", 1)[-1],
                      number=str(r.get("number", "")), heading=str(r.get("heading", "")),
                      parent=str(r.get("parent", "")), start=int(str(r["start"])), end=int(str(r["end"])))
        for r in store.select(PROVISIONS_QUERY, params).dicts())
    quotes = tuple(QuoteSpan(evidence=str(r["evidence"]), text=str(r["quote"]), start=int(str(r["start"])),
                             end=int(str(r["end"])))
                   for r in store.select(QUOTES_QUERY, params).dicts())
    return SourceText(document=str(document), slug=str(row["slug"]), title=str(row.get("title", row["slug"])),
                      path=path, text=text, provisions=provisions, quotes=quotes,
                      language=str(row.get("language", "")))


def quote_context(store: Store, evidence: URIRef, *, chars: int = 160, root: Path | None = None) -> QuoteContext:
    """The quote of an evidence node with up to ``chars`` characters of its source on each side.

    The context comes from the source file when it is at hand and unchanged, else from the quote
    selector's prefix and suffix (32 characters each). NotFoundError if there is no such evidence.
    """
    rows = store.select(EVIDENCE_QUERY, {"evidence": evidence}).dicts()
    if not rows:
        raise NotFoundError(f"no evidence {evidence} in the knowledge base",
                            hint="copy the evidence IRI from an item's page or `kb why`")
    r = rows[0]
    start, end, quote = int(str(r["start"])), int(str(r["end"])), str(r["quote"])
    document, slug, language = str(r["document"]), str(r["slug"]), str(r.get("language", ""))
    files = store.select(FILE_QUERY, {"document": r["document"]}).dicts()
    if files:
        try:
            text = _read_checked(_source_path(root, str(files[0]["sourceFile"])), str(files[0]["sha256"]))
        except CorpusError:
            text = ""
        if text[start:end] == quote:
            return QuoteContext(evidence=str(evidence), document=document, slug=slug, start=start, end=end,
                                before=text[max(0, start - chars):start], quote=quote, after=text[end:end + chars],
                                from_source=True, language=language)
    selectors = store.select(SELECTOR_QUERY, {"evidence": evidence}).dicts()
    selector = selectors[0] if selectors else {}
    return QuoteContext(evidence=str(evidence), document=document, slug=slug, start=start, end=end,
                        before=str(selector.get("prefix", "")), quote=quote, after=str(selector.get("suffix", "")),
                        from_source=False, language=language)
