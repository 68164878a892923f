"""Synthetic corpora of the real corpus's shape, ``scale`` times larger, for the build benchmark.

A synthetic corpus holds ``scale`` *copies* of the real corpus. Copy ``k`` (1-based) renames every
slug the real corpus declares (held and mentioned documents, bodies, activities, disagreements) to
``synth-{k:05d}-{slug}``; topic slugs are shared, since the topic scheme is part of the ontology.

**Texts.** Each synthetic source keeps the line structure of its real source: front matter, table
of contents, section headings, sub-headings, numbering, bullets (``·``, ``-``, nested `` - ``),
tabs, blank lines, page-break continuations (lines that start in lower case), footnote markers
``[footnoteRef:N]`` and bookmarks. What changes is the prose: every sentence of a long prose line
is replaced by a real sentence of about the same length, drawn with a seeded random generator from
the sentences of all five real sources, so vocabulary and lengths match the real ones. The first
letter's case, the opening quotes and the closing punctuation of each sentence are kept, so the
parser sees the same structure and yields the same eIds and kinds. Short lines (headings, table of
contents entries, agenda slots, short bullets), lead-in lines ending with ``:`` and every line a
real annotation quotes from are kept verbatim.

**Annotations.** Each real annotation file gives one file per copy with every reference renamed,
so densities (bodies, activities, mentioned documents and their quoted provisions, links,
evidence, topics, claims, ``no_link``) are exactly the real ones, and every quote occurs in its
synthetic source as often as in the real one (the generator checks it).

**Checks.** For every synthetic document the generator verifies that each annotated quote occurs as
often as in the real source, and that :func:`kb.parse.parse` yields the same provisions (eId, kind,
number, parent) as for the real source; any difference is an error, never a silently wrong corpus.

Output is deterministic for a given seed, and copy ``k`` is the same at every scale::

    python bench/synth.py --scale 100 --out /tmp/synth100 [--seed 0]
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import inspect
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.parse import parse

ROOT = Path(__file__).resolve().parent.parent
REAL_CORPUS = ROOT / "corpus"
MANIFEST = "manifest.json"
MIN_REWRITE = 80  # shorter lines are headings, contents entries, agenda slots, short bullets: kept verbatim
MIN_SENTENCE = 12  # shorter fragments between markers are kept verbatim
WINDOW = 8  # a replacement sentence is drawn among the WINDOW pool sentences on each side of the length

# A line's structural lead (indentation, bullet, number or letter, a "Label: " field name, an opening
# quote), kept verbatim; its body, rewritten; its trailing blanks, kept.
LINE_RE = re.compile(r"^(?P<lead>[ \t]*(?:[\u00b7\u2022*\-\u2013][ \t]+)?"
                     r"(?:(?:(?:\d+|[IVXLC]+)[.)]|\([a-z]\)|[a-z][.)])[ \t]+)?"
                     r"(?:[A-Z][^:\d\n]{0,40}:[ \t]+)?[\u201c\"]?)(?P<body>.*?)(?P<trail>[ \t]*)$")
TAG_RE = re.compile(r"\[[^\]\n]*\](?:\([^)\n]*\))?")  # [footnoteRef:2], [bookmark: ...], [here](#), [Question ...]
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.?!])(\s+)(?=[\u201c\"(\u2018]?[A-Z0-9])")
HEAD_RE = re.compile(r"^[\u201c\"(\u2018'\s]*")
TAIL_RE = re.compile(r"[\s.?!:;,\u201d\"\u2019')]*$")
# What a pool sentence must not hold, lest the parser read it differently from the sentence it replaces:
# an inner sentence end (the parser's question test looks at the first one), a "Label: value" opening,
# markup, table cells, tabs.
UNSAFE_RE = re.compile(r"[.?!]\s|^[A-Z][^:\d]{0,40}:\s|[\[\]*|\t]")
ATTEMPTS = 20  # draws of one synthetic text before giving up on a seed
HEADING_LIKE_MAX = 200  # a line without a final stop up to this long may be a heading to the parser: kept


@dataclass(frozen=True)
class RealDocument:
    """One held document of the real corpus: raw metadata, source text and the strings annotations quote."""

    meta: dict[str, Any]
    text: str
    source_name: str
    quoted: tuple[str, ...]  # every evidence quote and ``after`` hint naming this document


@dataclass(frozen=True)
class RealCorpus:
    documents: tuple[RealDocument, ...]
    annotation_files: tuple[tuple[str, dict[str, Any]], ...]  # (file name, parsed YAML)
    fingerprint: str  # SHA-256 over every file the generator reads


class SentencePool:
    """Real sentences by closing class (``?`` or ``.``), sorted by length, drawn near a target length."""

    def __init__(self, sentences: set[tuple[str, str]]) -> None:
        self.by_class: dict[str, list[str]] = {}
        for cls, core in sorted(sentences, key=lambda s: (s[0], len(s[1]), s[1])):
            self.by_class.setdefault(cls, []).append(core)
        self.lengths = {cls: [len(c) for c in cores] for cls, cores in self.by_class.items()}

    def draw(self, cls: str, length: int, rng: random.Random, *, lower_start: bool) -> str:
        if cls not in self.by_class:
            cls = "."
        cores, lengths = self.by_class[cls], self.lengths[cls]
        i = bisect.bisect_left(lengths, length)
        window = cores[max(0, i - WINDOW):i + WINDOW]
        if lower_start:  # a continuation line: prefer "The ..." over "OAS ..." so that lower-casing reads well
            window = [c for c in window if c[:2].istitle()] or window
        return rng.choice(window)


def _evidence_specs(node: Any) -> Iterator[dict[str, Any]]:
    """Every ``{doc, quote}`` mapping anywhere in a parsed annotation file."""
    if isinstance(node, dict):
        if "doc" in node and "quote" in node:
            yield node
        for value in node.values():
            yield from _evidence_specs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _evidence_specs(value)


def load_real_corpus(corpus: Path = REAL_CORPUS) -> RealCorpus:
    """The real corpus as the generator needs it (raw YAML, not the pipeline's checked model)."""
    digest = hashlib.sha256()
    annotation_files = []
    for path in sorted((corpus / "annotations").glob("*.yaml")):
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        annotation_files.append((path.name, yaml.safe_load(raw) or {}))
    quoted: dict[str, set[str]] = {}
    for _, data in annotation_files:
        for spec in _evidence_specs(data):
            quoted.setdefault(str(spec["doc"]), set()).update(
                str(spec[k]) for k in ("quote", "after") if spec.get(k))
    documents = []
    for path in sorted((corpus / "documents").glob("*.yaml")):
        meta_raw = path.read_bytes()
        meta = yaml.safe_load(meta_raw)
        source = corpus / str(meta["source"])
        text_raw = source.read_bytes()
        digest.update(path.name.encode() + b"\0" + meta_raw + text_raw)
        documents.append(RealDocument(meta=meta, text=text_raw.decode("utf-8"), source_name=source.name,
                                      quoted=tuple(sorted(quoted.get(str(meta["slug"]), set())))))
    if not documents:
        raise SystemExit(f"no documents in {corpus / 'documents'}")
    return RealCorpus(tuple(documents), tuple(annotation_files), digest.hexdigest())


def _protected_lines(doc: RealDocument) -> set[int]:
    """Indexes of the lines that any annotated quote or hint touches (kept verbatim)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", doc.text)]
    lines: set[int] = set()
    for quote in doc.quoted:
        start = doc.text.find(quote)
        while start >= 0:
            first = bisect.bisect_right(line_starts, start) - 1
            last = bisect.bisect_right(line_starts, start + len(quote) - 1) - 1
            lines.update(range(first, last + 1))
            start = doc.text.find(quote, start + 1)
    return lines


def _rewritable(line: str) -> re.Match[str] | None:
    """The line's parts if its prose may be rewritten, else None (it is kept verbatim)."""
    m = LINE_RE.match(line)
    if m is None or len(line) < MIN_REWRITE:
        return None
    body = m["body"]
    if "\t" in body or "|" in body or not re.search("[a-z]", body) or body.endswith(":"):
        return None
    if len(line) <= HEADING_LIKE_MAX and body[-1] not in ".?!;,":
        return None
    return m


def _prose_pieces(body: str) -> Iterator[tuple[bool, str]]:
    """``(is_prose, text)`` pieces of a line body: markers and bracketed tags are not prose."""
    pos = 0
    for tag in TAG_RE.finditer(body):
        if tag.start() > pos:
            yield True, body[pos:tag.start()]
        yield False, tag.group()
        pos = tag.end()
    if pos < len(body):
        yield True, body[pos:]


def _split_sentence(sentence: str) -> tuple[str, str, str]:
    head = HEAD_RE.match(sentence)
    tail = TAIL_RE.search(sentence)
    assert head is not None and tail is not None  # both patterns match the empty string
    end = max(head.end(), tail.start())
    return head.group(), sentence[head.end():end], sentence[end:]


def _sentence_class(tail: str) -> str:
    return "?" if "?" in tail else "."


def build_pool(corpus: RealCorpus) -> SentencePool:
    """Every sentence of every rewritable line of the real sources, minus those in or around a quote."""
    quoted = [TAIL_RE.sub("", q) for doc in corpus.documents for q in doc.quoted]
    sentences: set[tuple[str, str]] = set()
    for doc in corpus.documents:
        for line in doc.text.split("\n"):
            m = _rewritable(line)
            if m is None:
                continue
            for is_prose, piece in _prose_pieces(m["body"]):
                if not is_prose:
                    continue
                for sentence in SENTENCE_SPLIT_RE.split(piece)[::2]:
                    _, core, tail = _split_sentence(sentence)
                    if (len(core) >= MIN_SENTENCE and core[0].isupper() and re.search("[.?!]", tail)
                            and not UNSAFE_RE.search(core) and not any(q in core or core in q for q in quoted)):
                        sentences.add((_sentence_class(tail), core))
    return SentencePool(sentences)


def _rewrite_sentence(sentence: str, pool: SentencePool, rng: random.Random) -> str:
    head, core, tail = _split_sentence(sentence)
    if len(core) < MIN_SENTENCE:
        return sentence
    lower = core[0].islower()
    new = pool.draw(_sentence_class(tail), len(core), rng, lower_start=lower)
    new = new[0].lower() + new[1:] if lower else new[0].upper() + new[1:]
    if not tail.strip():  # cut by a page break: keep the last word, which may carry the sentence on
        new += " " + core.rsplit(" ", 1)[-1]  # to the next line ("... since the XX IACML in")
    return head + new + tail


def rewrite_text(doc: RealDocument, pool: SentencePool, rng: random.Random) -> str:
    """The synthetic text of one copy of ``doc``: same lines, same structure, new prose."""
    protected = _protected_lines(doc)
    out = []
    for i, line in enumerate(doc.text.split("\n")):
        m = None if i in protected else _rewritable(line)
        if m is None:
            out.append(line)
            continue
        body = []
        for is_prose, piece in _prose_pieces(m["body"]):
            if not is_prose:
                body.append(piece)
                continue
            parts = SENTENCE_SPLIT_RE.split(piece)  # sentence, separator, sentence, ...
            body += [_rewrite_sentence(p, pool, rng) if j % 2 == 0 else p for j, p in enumerate(parts)]
        out.append(m["lead"] + "".join(body) + m["trail"])
    return "\n".join(out)


class Renamer:
    """Renames the slugs of one copy; topic slugs stay shared."""

    def __init__(self, copy: int) -> None:
        self.prefix = f"synth-{copy:05d}-"

    def slug(self, slug: str) -> str:
        return self.prefix + slug

    def ref(self, ref: str) -> str:
        """An item reference: ``slug``, ``slug eId``, ``activity:slug``, ``body:slug``, ``topic:slug``."""
        kind, sep, name = ref.partition(":")
        if sep and kind == "topic":
            return ref
        if sep and kind in ("activity", "body"):
            return f"{kind}:{self.slug(name.strip())}"
        slug, _, eid = ref.strip().partition(" ")
        return f"{self.slug(slug)} {eid.strip()}" if eid.strip() else self.slug(slug)

    def evidence(self, spec: dict[str, Any]) -> dict[str, Any]:
        return {**spec, "doc": self.slug(str(spec["doc"]))}

    def evidence_list(self, specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.evidence(s) for s in specs]

    def slugs(self, slugs: list[str]) -> list[str]:
        return [self.slug(s) for s in slugs]

    @staticmethod
    def _entry(spec: dict[str, Any], fields: dict[str, Callable[[Any], Any]]) -> dict[str, Any]:
        return {k: fields[k](v) if k in fields and v is not None else v for k, v in spec.items()}

    def annotation_file(self, data: dict[str, Any], name: str) -> dict[str, Any]:
        """One real annotation file, every reference renamed for this copy."""
        slug, slugs, ref = self.slug, self.slugs, self.ref
        provision: dict[str, Callable[[Any], Any]] = {"evidence": self.evidence_list}
        sections: dict[str, Callable[[Any], Any]] = {
            "bodies": lambda items: [self._entry(b, {"slug": slug, "part_of": slug, "titles": lambda ts: [
                self._entry(t, {"evidence": self.evidence_list}) for t in ts]}) for b in items],
            "activities": lambda items: [self._entry(a, {
                "slug": slug, "organised_by": slugs, "participants": slugs, "reported_in": slugs,
                "evidence": self.evidence_list}) for a in items],
            "documents": lambda items: [self._entry(d, {
                "slug": slug, "issuing_body": slug, "meeting": slug, "evidence": self.evidence_list,
                "provisions": lambda ps: [self._entry(p, provision) for p in ps]}) for d in items],
            "links": lambda items: [self._entry(x, {"from": ref, "to": ref, "evidence": self.evidence_list})
                                    for x in items],
            "topics": lambda mapping: {ref(k): v for k, v in mapping.items()},
            "no_link": lambda mapping: {ref(k): v for k, v in mapping.items()},
            "claims": lambda items: [self._entry(c, {"about": ref, "evidence": self.evidence,
                                                     "disagreement": slug}) for c in items],
        }
        unknown = sorted(set(data) - set(sections))
        if unknown:
            raise SystemExit(f"annotations/{name}: the generator does not know the section {unknown[0]!r}")
        return {key: sections[key](value) if value else value for key, value in data.items()}

    def metadata(self, meta: dict[str, Any], source: str, sha256: str, copy: int) -> dict[str, Any]:
        return {**meta, "slug": self.slug(str(meta["slug"])), "title": f"{meta['title']} (synthetic copy {copy})",
                "symbols": [f"{s}/synth-{copy:05d}" for s in meta["symbols"]],
                "issuing_body": self.slug(str(meta["issuing_body"])),
                "meeting": self.slug(str(meta["meeting"])) if meta.get("meeting") else "",
                "source": source, "sha256": sha256}


def _dump_yaml(data: Any, comment: str) -> bytes:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return f"# {comment}\n{text}".encode()


def _structure(text: str, source: str, doc_type: str) -> list[tuple[str, str, str | None, str | None]]:
    """What the build's parser makes of a text, with its document's type, as ``kb build`` parses it."""
    return [(p.eid, p.kind.value, p.number, p.parent) for p in parse(text, source=source, doc_type=doc_type)]


def _quotes_kept(doc: RealDocument, text: str) -> bool:
    """Whether every annotated quote occurs in ``text`` as often as in the real source."""
    return all(text.count(quote) == doc.text.count(quote) for quote in doc.quoted)


def synthetic_text(doc: RealDocument, pool: SentencePool, seed: int, copy: int) -> str:
    """The text of copy ``copy`` of ``doc``; redrawn (deterministically) in the rare case where the
    new prose happens to repeat a quote."""
    for attempt in range(ATTEMPTS):
        rng = random.Random(f"{seed}/{copy}/{doc.meta['slug']}" + (f"/{attempt}" if attempt else ""))
        text = rewrite_text(doc, pool, rng)
        if _quotes_kept(doc, text):
            return text
    raise SystemExit(f"copy {copy} of {doc.source_name}: the new prose repeats an annotated quote in "
                     f"{ATTEMPTS} draws; try another --seed")


def _check_structure(doc: RealDocument, text: str, source: str,
                     real_structure: list[tuple[str, str, str | None, str | None]]) -> None:
    structure = _structure(text, source, str(doc.meta["type"]))
    if structure != real_structure:
        diff = next((a, b) for a, b in zip([*structure, None], [*real_structure, None], strict=False) if a != b)
        raise SystemExit(f"{source}: the parser sees another structure than in {doc.source_name}: "
                         f"{diff[0]} instead of {diff[1]}")


def _check_out(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise SystemExit(f"{out} is not empty and holds no {MANIFEST}: refusing to overwrite it")


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of a synthetic corpus previously written to ``out``, if any."""
    path = out / MANIFEST
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _parser_fingerprint() -> str:
    """SHA-256 over the parser package's modules (kb/parse/*.py), in name order."""
    digest = hashlib.sha256()
    for path in sorted(Path(inspect.getfile(parse)).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def manifest_for(scale: int, seed: int, corpus: RealCorpus) -> dict[str, Any]:
    """What a synthetic corpus depends on: reuse one only if all of it is unchanged."""
    return {"scale": scale, "seed": seed, "real_corpus_sha256": corpus.fingerprint,
            "generator_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
            "parser_sha256": _parser_fingerprint()}


def generate(scale: int, out: Path, *, seed: int = 0, corpus_dir: Path = REAL_CORPUS) -> dict[str, Any]:
    """Write a synthetic corpus of ``scale`` copies of the real corpus into ``out``; return its manifest."""
    if scale < 1:
        raise SystemExit("--scale must be at least 1")
    corpus = load_real_corpus(corpus_dir)
    pool = build_pool(corpus)
    real_structures = {doc.source_name: _structure(doc.text, doc.source_name, str(doc.meta["type"]))
                       for doc in corpus.documents}
    _check_out(out)
    staging = out.with_name(f"{out.name}.partial")  # renamed to ``out`` once complete
    shutil.rmtree(staging, ignore_errors=True)
    for sub in ("documents", "sources", "annotations"):
        (staging / sub).mkdir(parents=True)
    for copy in range(1, scale + 1):
        names = Renamer(copy)
        for doc in corpus.documents:
            text = synthetic_text(doc, pool, seed, copy)
            source = f"sources/{names.prefix}{doc.source_name}"
            _check_structure(doc, text, source, real_structures[doc.source_name])
            raw = text.encode("utf-8")
            (staging / source).write_bytes(raw)
            meta = names.metadata(doc.meta, source, hashlib.sha256(raw).hexdigest(), copy)
            (staging / "documents" / f"{meta['slug']}.yaml").write_bytes(
                _dump_yaml(meta, f"Synthetic copy {copy} of {doc.meta['slug']} (bench/synth.py, seed {seed})."))
        for name, data in corpus.annotation_files:
            (staging / "annotations" / f"{names.prefix}{name}").write_bytes(
                _dump_yaml(names.annotation_file(data, name), f"Synthetic copy {copy} of annotations/{name}."))
    manifest = manifest_for(scale, seed, corpus)
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return manifest


def chunk_corpus(corpus: Path, copies: range, out: Path) -> None:
    """A corpus of some copies of a synthetic corpus, hard-linked (the corpus stage resolves symlinks
    and refuses sources outside the corpus): the benchmarks build large scales chunk by chunk."""
    shutil.rmtree(out, ignore_errors=True)
    prefixes = tuple(f"synth-{k:05d}-" for k in copies)
    for sub in ("documents", "sources", "annotations"):
        (out / sub).mkdir(parents=True)
        for path in (corpus / sub).iterdir():
            if path.name.startswith(prefixes):
                os.link(path, out / sub / path.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--scale", type=int, required=True, help="copies of the real corpus (e.g. 100)")
    parser.add_argument("--out", type=Path, required=True, help="directory to write the corpus to")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--corpus", type=Path, default=REAL_CORPUS, help="the real corpus (default: corpus/)")
    args = parser.parse_args(argv)
    generate(args.scale, args.out, seed=args.seed, corpus_dir=args.corpus)
    docs = len(list((args.out / "documents").glob("*.yaml")))
    print(f"wrote {docs} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
