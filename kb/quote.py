"""Exact quotes for curators: a provision's printed text ready to paste into an annotation, and, for
a quote that does not match its source only because of letter case, accents, dashes, quote marks or
spacing, the exact text of the source to copy instead.

Evidence quotes must be verbatim (``kb.annotate``): a curator who types them by hand meets curly
versus straight quotes, en dashes versus hyphens, a lost accent. ``kb quote "slug eId"`` prints the
source's own characters; :func:`near_quote` finds what a mistyped quote was meant to be.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.corpus import default_corpus_dir, load_corpus, load_yaml
from kb.errors import InputError, NotFoundError
from kb.iri import is_eid, is_slug
from kb.model import SourceDocument
from kb.parse import parse

__all__ = ["Quote", "after_hint", "near_quote", "quote_of", "quoted_in"]

_SAME = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2018": "'",
                       "\u2019": "'", "\u201a": "'", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-",
                       "\u2011": "-"})


@dataclass(frozen=True)
class Quote:
    """An exact span of a held document's source, and how to cite it as evidence."""

    doc: str
    start: int
    end: int
    text: str
    after: str  # a verbatim text before it, when the quote alone occurs more than once

    def as_yaml(self) -> str:
        """The evidence entry to paste under ``evidence:``."""
        entry: dict[str, str] = {"doc": self.doc, "quote": self.text}
        if self.after:
            entry["after"] = self.after
        return yaml.safe_dump([entry], allow_unicode=True, default_style=None, width=10_000, sort_keys=False)


def _fold(text: str) -> tuple[str, list[int]]:
    """Text compared as a reader would (case, accents, dash and quote forms, spacing ignored), and
    for each of its characters the offset in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    previous_space = False
    for i, char in enumerate(text):
        char = char.translate(_SAME)
        if char.isspace():
            if not previous_space and out:
                out.append(" ")
                where.append(i)
            previous_space = True
            continue
        previous_space = False
        for piece in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(piece):
                continue
            for low in piece.lower():
                out.append(low)
                where.append(i)
    return "".join(out), where


def near_quote(text: str, quote: str) -> str | None:
    """The exact text of ``text`` that ``quote`` matches when case, accents, dashes, quote marks and
    spacing are ignored, if it matches exactly once; else None."""
    folded_text, where = _fold(text)
    folded_quote, _ = _fold(quote.strip())
    if not folded_quote:
        return None
    first = folded_text.find(folded_quote)
    if first < 0 or folded_text.find(folded_quote, first + 1) >= 0:
        return None
    start = where[first]
    last = where[first + len(folded_quote) - 1]
    return text[start:last + 1]


def after_hint(text: str, start: int, quote: str) -> str:
    """A verbatim text before ``start`` that makes the quote's first occurrence after it this one."""
    if text.count(quote) == 1:
        return ""
    for size in (30, 60, 120, 240, 480):
        begin = max(0, start - size)
        while begin > 0 and begin > start - size - 30 and text[begin].isalnum() and text[begin - 1].isalnum():
            begin -= 1  # from a word's start: "TERS PARTICIPATING ..." reads as a mistake, and is one to check
        before = text[begin:start]
        anchor = text.find(before)
        if before.strip() and anchor >= 0 and text.find(before, anchor + 1) < 0 and \
                text.find(quote, anchor + len(before)) == start:
            return before
    return text[:start]


def quote_of(reference: str, *, corpus_dir: Path | None = None, span: tuple[int, int] | None = None) -> Quote:
    """The exact text of a held document's provision ("slug eId": its own printed text, number
    included), or of a span of its source (``span`` = start, end offsets). A provision of a document known
    only through quotation is its quotation in a held document (the first its annotation lists)."""
    slug, _, eid = reference.strip().partition(" ")
    eid = eid.strip()
    if not is_slug(slug) or (eid and not is_eid(eid)):
        raise InputError(f"cannot read {reference!r} as a provision", hint='write "slug eId", e.g. '
                         '"wg1-2021-final-report recommendation_7", or "slug" with --span START:END')
    if eid and span is not None:
        raise InputError(f"{reference!r} names a provision and --span a span of the source: give one",
                         hint=f'"{slug}" with --span START:END, or "{slug} {eid}" alone')
    corpus_dir = corpus_dir or default_corpus_dir()
    documents = {d.meta.slug: d for d in load_corpus(corpus_dir)}
    doc = documents.get(slug)
    if doc is None:
        quoted = _quoted_provisions(corpus_dir, slug) if span is None else None
        if quoted is None:
            raise NotFoundError(f"{slug!r} is not a held document: only held texts can be quoted",
                                hint=f"held: {', '.join(sorted(documents))}")
        if quoted.get(eid):
            return _located(documents, *quoted[eid][0])
        close = sorted(e for e in quoted if quoted[e] and e.rsplit("__", 1)[-1] == eid.rsplit("__", 1)[-1])[:3]
        raise NotFoundError(f"{slug} is known only through quotation, and no held document quotes "
                            f"{eid!r}" if eid else f"{slug} is known only through quotation: name one of its quoted "
                            "provisions", hint=f"did you mean {', '.join(close)}?" if close else
                            f"`kb show {slug}` lists its quoted provisions")
    text = doc.text
    if span is not None:
        start, end = span
        if start > end:  # not "outside": both may be within the text, the wrong way round
            raise InputError(f"--span {start}:{end} is reversed: it starts after it ends",
                             hint=f"give START before END: --span {end}:{start}")
        if start == end:
            raise InputError(f"--span {start}:{end} is empty: it starts where it ends",
                             hint=f"give END after START, e.g. --span {start}:{start + 1}")
        if not 0 <= start < end <= len(text):
            raise InputError(f"--span {start}:{end} is outside {slug} (0:{len(text)})",
                             hint="give offsets within the source text")
    else:
        if not eid:
            raise InputError(f"{reference!r} names a document, not a provision", hint="add its eId, or --span")
        provisions = {p.eid: p for p in parse(text, source=str(doc.path), doc_type=doc.meta.doc_type,
                                                     corrections=doc.meta.corrections,
                                                     corrections_file=doc.meta.meta_path)}
        provision = provisions.get(eid)
        if provision is None:
            close = sorted(e for e in provisions if e.rsplit("__", 1)[-1] == eid.rsplit("__", 1)[-1])[:3]
            raise NotFoundError(f"{slug} has no provision {eid!r}",
                                hint=f"did you mean {', '.join(close)}?" if close else "`kb parse` lists its eIds")
        start, end = provision.start, provision.text_end or provision.end
    quote = text[start:end]
    return Quote(slug, start, end, quote, after_hint(text, start, quote))


def quoted_in(reference: str, *, corpus_dir: Path | None = None) -> list[str]:
    """The held documents quoting a provision known only through quotation ("slug eId"), in the order its
    annotation lists them: the first is what :func:`quote_of` prints."""
    slug, _, eid = reference.strip().partition(" ")
    quoted = _quoted_provisions(corpus_dir or default_corpus_dir(), slug) or {}
    return [doc for doc, _, _ in quoted.get(eid.strip(), [])]


def _quoted_provisions(corpus_dir: Path, slug: str) -> dict[str, list[tuple[str, str, str | None]]] | None:
    """The provisions of a document known only through quotation, each with its quotations (held document,
    quote, after hint) as the annotations declare them; None when no annotation declares ``slug``."""
    for path in sorted((corpus_dir / "annotations").glob("*.yaml")):  # as kb.annotate reads them
        data = load_yaml(path)[0]
        for entry in (data.get("documents") or []) if isinstance(data, dict) else []:
            if isinstance(entry, dict) and entry.get("slug") == slug:
                return {str(p["eid"]): [(str(e["doc"]), str(e["quote"]), None if e.get("after") is None
                                         else str(e["after"])) for e in p.get("evidence") or []
                                        if isinstance(e, dict) and isinstance(e.get("doc"), str)
                                        and isinstance(e.get("quote"), str)]
                        for p in entry.get("provisions") or [] if isinstance(p, dict) and p.get("eid")}
    return None


def _located(documents: dict[str, SourceDocument], doc: str, quote: str, after: str | None) -> Quote:
    """A quotation as its held document prints it: where the build finds it (after its hint, if any)."""
    held = documents.get(doc)
    origin = -1 if held is None else 0 if after is None else held.text.find(after)
    start = -1 if held is None or origin < 0 else held.text.find(quote, origin + len(after or ""))
    if held is None or start < 0:
        raise NotFoundError(f"the quotation of this provision in {doc!r} cannot be located",
                            hint="`kb build` says what is wrong with the annotation")
    return Quote(doc, start, start + len(quote), quote, after or after_hint(held.text, start, quote))
