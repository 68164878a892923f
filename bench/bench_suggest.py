"""How often the link suggester (kb/suggest.py) proposes what curators linked, left out one held
document at a time.

    python bench/bench_suggest.py                 # the corpus of record
    python bench/bench_suggest.py --fit           # also fit the confidence's weights (logistic regression)
    python bench/bench_suggest.py --scale 100     # and the suggester's time on a 100x synthetic corpus
                                                  # for the largest held document and a 30-page report

For each held document D in turn, the curated links "of" D (from its provisions, from quoted
provisions whose quotation is in D, from the activities it reports) are hidden, with what an
activity's evidence shares with theirs, the suggester is run for D with the rest of the corpus, and
what it proposes is compared with what was hidden:

- recall at 1 and at 5 per link type: is the curated target the first / among the first five the
  suggester proposes for that source, of the type it gave the target (a curator reviews a mandate's
  "adopted from" and "carries forward" proposals apart; addressee links: among its addressee
  proposals), and beside it the first five of every type together;
- precision of the suggestions at or above a confidence a curator would accept without reading (0.8);
- calibration: per confidence band, the share of suggestions that a curator linked.

``fulfils`` links count as ``respondsTo`` (an output that answers completely is an answer). Results go
to ``bench/out/suggest-<time>.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import itertools
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.ingest import add_document  # noqa: E402
from kb.model import Annotations, Evidence, Link  # noqa: E402
from kb.pipeline import Corpus, prepare  # noqa: E402
from kb.suggest import CONFIDENCE, WEIGHTS, Suggestion, suggest  # noqa: E402

TYPES = ("derivedFrom", "reiterates", "respondsTo", "addressee")
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
ACCEPT = 0.8


def _type(link: Link) -> str:
    return "respondsTo" if link.link_type == "fulfils" else link.link_type


def links_of(corpus: Corpus, slug: str) -> list[Link]:
    """The curated links of held document ``slug`` (see the module docstring)."""
    quoted_here = {f"{m.slug}/{q.eid}" for m in corpus.annotations.documents
                   for q in m.provisions if any(e.doc == slug for e in q.evidence)}
    reported = {a.slug for a in corpus.annotations.activities
                if slug in a.reported_in or any(e.doc == slug for e in a.evidence)}
    out = []
    for link in corpus.annotations.links:
        if _type(link) not in TYPES:
            continue
        source = link.source
        if f"/doc/{slug}/" in source or any(source.endswith(f"/doc/{q}") for q in quoted_here) or (
                "/activity/" in source and source.rsplit("/", 1)[-1] in reported):
            out.append(link)
    return out


def without_link_evidence(annotations: Annotations, hidden: list[Link]) -> Annotations:
    """The annotations less what an activity's evidence shares with the hidden links' evidence: a curator
    quoting the lines that report an activity often quotes the lines that say what it answered, and
    those are part of the links hidden, not of what a new document brings."""
    spans = [(e.doc, e.start, e.end) for link in hidden for e in link.evidence]

    def kept(e: Evidence) -> bool:
        return not any(e.doc == doc and e.start < end and start < e.end for doc, start, end in spans)

    return dataclasses.replace(annotations, activities=[
        dataclasses.replace(a, evidence=tuple(e for e in a.evidence if kept(e))) for a in annotations.activities])


def run(corpus: Corpus) -> dict[str, Any]:
    hits: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    scored: list[tuple[float, bool, dict[str, float], str]] = []
    per_document: dict[str, Any] = {}
    for doc in corpus.documents:
        slug = doc.meta.slug
        hidden = links_of(corpus, slug)
        keep = [link for link in corpus.annotations.links if link not in hidden]
        started = time.perf_counter()
        suggestions = suggest(corpus.documents, corpus.provisions, without_link_evidence(corpus.annotations, hidden),
                              document=slug, top=5, curated=keep)
        seconds = time.perf_counter() - started
        by_source: dict[str, list[Suggestion]] = defaultdict(list)
        for s in suggestions:
            by_source[s.source.iri].append(s)
        pairs = {(link.source, link.target) for link in hidden}
        group: Counter[tuple[str, str]] = Counter((link.source, _type(link)) for link in hidden)
        for link in hidden:  # a source with n > 5 hidden targets of a type can have 5 in its first five
            n = group[(link.source, _type(link))]
            hits[_type(link)]["ceiling"] += min(5, n) / n
        for s in suggestions:
            scored.append((s.confidence, (s.source.iri, s.target) in pairs, s.features, slug))
        for link in hidden:
            kind = _type(link)
            proposed = [s for s in by_source.get(link.source, [])
                        if (s.link_type == "addressee") == (kind == "addressee")]
            proposed.sort(key=lambda s: -s.confidence)
            # The first five proposals of the type the suggester gave the curated target (a curator
            # reviews a source's proposals type by type: "adopted from", "carries forward", ...).
            given = next((s.link_type for s in proposed if s.target == link.target), None)
            targets = [s.target for s in proposed if s.link_type == given]
            hits[kind]["links"] += 1
            hits[kind]["at1"] += targets[:1] == [link.target]
            hits[kind]["at5"] += link.target in targets[:5]
            hits[kind]["at5_any"] += link.target in [s.target for s in proposed][:5]
            hits[kind]["typed"] += any(s.target == link.target and s.link_type == kind for s in proposed)
        per_document[slug] = {"hidden": len(hidden), "suggestions": len(suggestions), "seconds": round(seconds, 3)}
    return {"recall": {k: {"links": int(v["links"]), "at1": round(v["at1"] / v["links"], 3) if v["links"] else None,
                           "at5": round(v["at5"] / v["links"], 3) if v["links"] else None,
                           "at5_ceiling": round(v["ceiling"] / v["links"], 3) if v["links"] else None,
                           "at5_any_type": round(v["at5_any"] / v["links"], 3) if v["links"] else None,
                           "type_right": round(v["typed"] / v["links"], 3) if v["links"] else None}
                       for k, v in hits.items()},
            **calibrate([(confidence, ok) for confidence, ok, _, _ in scored]),
            "documents": per_document, "scored": scored}


def calibrate(scored: list[tuple[float, bool]]) -> dict[str, Any]:
    """Precision at the confidence a curator would accept without reading, and the share a curator linked
    per confidence band."""
    accepted = [ok for confidence, ok in scored if confidence >= ACCEPT]
    calibration = []
    for low, high in itertools.pairwise(BANDS):
        band = [ok for confidence, ok in scored if low <= confidence < high]
        calibration.append({"band": f"{low:.1f}-{min(high, 1.0):.1f}", "suggestions": len(band),
                            "linked": sum(band), "share": round(sum(band) / len(band), 3) if band else None})
    return {"precision_at_accept": {"threshold": ACCEPT, "suggestions": len(accepted), "linked": sum(accepted),
                                    "share": round(sum(accepted) / len(accepted), 3) if accepted else None},
            "calibration": calibration}


# The confidence's weights are kept small (L2, the bias aside): unpenalised, the fit on ~1,000 proposals from five
# documents read their particulars, and fitted without each document its precision at 0.8 was 38/50 (README).
L2 = 0.002


def fit(scored: list[tuple[float, bool, dict[str, float], str]], rounds: int = 4000,
        rate: float = 0.5, l2: float = L2) -> dict[str, float]:
    """Logistic regression of 'a curator linked it' on the features (plain gradient descent, L2-penalised)."""
    import numpy

    names = [*WEIGHTS, "rank"]
    x = numpy.array([[1.0, *(features.get(n, 0.0) for n in names)] for _, _, features, _ in scored])
    y = numpy.array([1.0 if ok else 0.0 for _, ok, _, _ in scored])
    w = numpy.zeros(x.shape[1])
    penalty = numpy.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(rounds):
        w -= rate * (x.T @ (1 / (1 + numpy.exp(-x @ w)) - y) / len(y) + penalty * w)
    return {n: round(float(v), 2) for n, v in zip(["bias", *names], w, strict=True)}


def cross_fitted(scored: list[tuple[float, bool, dict[str, float], str]]) -> dict[str, Any]:
    """The calibration of a confidence fitted without the document it is measured on: each held document's
    proposals scored with weights fitted on the other documents' proposals."""
    rescored: list[tuple[float, bool]] = []
    for slug in sorted({doc for _, _, _, doc in scored}):
        weights = fit([row for row in scored if row[3] != slug])
        for _, ok, features, doc in scored:
            if doc == slug:
                z = weights["bias"] + sum(weights[n] * features.get(n, 0.0) for n in weights if n != "bias")
                rescored.append((1 / (1 + math.exp(-z)), ok))
    return calibrate(rescored)


def _print_calibration(result: dict[str, Any]) -> None:
    p = result["precision_at_accept"]
    print(f"precision at confidence >= {p['threshold']}: {p['linked']}/{p['suggestions']} = {p['share']}")
    print("calibration (confidence band: suggestions, linked by a curator, share)")
    for row in result["calibration"]:
        print(f"  {row['band']}: {row['suggestions']:5} {row['linked']:5} {row['share']}")


PAGE = 3000  # characters on a printed page of these documents


def thirty_pages(corpus_dir: Path, pages: int = 30) -> str:
    """A working-group report of ``pages`` pages made of the held sources, largest first, end to end:
    real prose and numbering the parser meets, long enough to time the suggester on a long report."""
    sources = sorted(corpus_dir.glob("sources/*.txt"), key=lambda p: (-p.stat().st_size, p.name))
    parts: list[str] = []
    for source in itertools.cycle(sources):
        parts.append(source.read_text(encoding="utf-8"))
        if sum(map(len, parts)) >= pages * PAGE:
            return "\n\n".join(parts)
    raise AssertionError("unreachable")


def _timed(corpus: Corpus, slug: str) -> dict[str, Any]:
    document = next(d for d in corpus.documents if d.meta.slug == slug)
    started = time.perf_counter()
    found = suggest(corpus.documents, corpus.provisions, corpus.annotations, document=slug)
    seconds = time.perf_counter() - started
    return {"document": slug, "characters": len(document.text), "pages": round(len(document.text) / PAGE, 1),
            "provisions": len(corpus.provisions[slug]),
            "suggest_seconds": round(seconds, 2), "suggestions": len(found)}


def time_at_scale(scale: int, work: Path) -> dict[str, Any]:
    """The suggester's time against an N-copy synthetic corpus (bench/synth.py) for the largest held
    document and for a 30-page report added to that corpus with ``kb.add_document``, beside the time
    to read, parse and annotate the corpus."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = synth
    spec.loader.exec_module(synth)
    synthetic = work / f"synth-{scale}"
    if synth.read_manifest(synthetic) != synth.manifest_for(scale, 0, synth.load_real_corpus()):
        synth.generate(scale, synthetic)
    corpus_dir = work / f"synth-{scale}-long"
    shutil.rmtree(corpus_dir, ignore_errors=True)
    shutil.copytree(synthetic, corpus_dir)
    long_text = work / "long-report.txt"
    long_text.write_text(thirty_pages(ROOT / "corpus"), encoding="utf-8")
    added = add_document(long_text, corpus_dir=corpus_dir, slug="long-report", doc_type="WorkingGroupReport",
                         date="2026-12-01", language="en")
    if not added.kept_metadata:  # what the curator fills in where the cover did not say
        body = next(line.split(":", 1)[1].strip() for path in sorted(corpus_dir.glob("documents/*.yaml"))
                    for line in path.read_text(encoding="utf-8").splitlines()
                    if line.startswith("issuing_body:") and line.rstrip().endswith("iacml-wg1"))
        meta = added.meta_path.read_text(encoding="utf-8")
        added.meta_path.write_text(meta.replace("issuing_body: ''", f"issuing_body: {body}"), encoding="utf-8")
    started = time.perf_counter()
    corpus = prepare(corpus_dir)
    prepared = time.perf_counter() - started
    largest = max((d for d in corpus.documents if d.meta.slug != added.slug), key=lambda d: len(d.text))
    return {"documents": len(corpus.documents), "prepare_seconds": round(prepared, 1),
            "largest_held": _timed(corpus, largest.meta.slug), "thirty_pages": _timed(corpus, added.slug)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--fit", action="store_true", help="fit the confidence's weights on this run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--scale", type=int, default=0, help="also time the suggester on an N-copy synthetic corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-bench-suggest"),
                        help="where the synthetic corpus is generated (reused while its manifest matches)")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    corpus = prepare(args.corpus)
    result = run(corpus)
    print(f"ranking weights: {WEIGHTS}\nconfidence weights: {CONFIDENCE}")
    print(f"{'link type':12} {'links':>5} {'recall@1':>8} {'recall@5':>8} {'best@5':>7} {'type right':>10} "
          f"{'any type@5':>10}")
    for kind in TYPES:
        r = result["recall"].get(kind)
        if r:
            print(f"{kind:12} {r['links']:5.0f} {r['at1']:8.3f} {r['at5']:8.3f} {r['at5_ceiling']:7.3f} "
                  f"{r['type_right']:10.3f} {r['at5_any_type']:10.3f}")
    _print_calibration(result)
    for slug, d in result["documents"].items():
        print(f"  {slug:30} hidden {d['hidden']:4}  suggestions {d['suggestions']:5}  {d['seconds']:.2f} s")
    if args.fit:
        fitted = fit(result["scored"])
        print(f"fitted weights: {fitted}")
        result["fitted"] = fitted
        result["cross_fitted"] = cross_fitted(result["scored"])
        print("with the confidence fitted on the other documents' proposals, for each document in turn:")
        _print_calibration(result["cross_fitted"])
    if args.scale:
        result["scale"] = time_at_scale(args.scale, args.work)
        print(f"at {args.scale}x: {result['scale']}")
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"suggest-{started:%Y%m%dT%H%M%SZ}.json"
    result.pop("scored")
    out.write_text(json.dumps({"started": started.isoformat(), "weights": WEIGHTS, "confidence": CONFIDENCE,
                               **result}, indent=1),
                   encoding="utf-8")
    print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
