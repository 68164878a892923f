"""How often ``kb suggest --activities`` (kb/reported.py) proposes the activities a reader sees a document
report, and how often what it proposes is one.

    python bench/bench_activities.py                                   # the held documents
    python bench/bench_activities.py --gold bench/activities-expected.json --docs DIR  # and real texts

The held documents: for each in turn, the curated activities it alone reports (``reported_in`` only it)
are hidden, every other one stays declared, and what the reader proposes for it is compared with the
hidden ones that had taken place by the document's date (an activity it only announces is not to be
proposed). A proposal is one of them when it is of its type and quotes the words of one of its quotes, or
is dated to the same month. A proposal of an activity still declared (reported by another document too)
is counted apart: it should not be made.

Real texts (``--gold``): a reader's count, blind to the code, of the activities each text reports (type,
dates, place, the span of its words; bench/README.md says how it was made); nothing is declared. A proposal
is right when it is of the type of an activity counted and its quote overlaps that activity's words; those
the reader was unsure of, and the meeting a text itself records (its cover's, which ``kb add`` reads as the
document's ``meeting:``), count neither as missed nor as wrong. The texts come in two splits: ``tune``,
read to write the rules, and ``test``, counted afterwards by another reader and never read against the code:
only its totals are printed and kept.

Per set: recall (type right, and any type), precision (all proposals, and at the confidence a curator would
accept without reading, 0.8), the dates and places right among those found, and the calibration table.
Results go to ``bench/out/activities-<time>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.model import DocType, DocumentMeta, SourceDocument  # noqa: E402
from kb.parse import parse_document  # noqa: E402
from kb.pipeline import prepare  # noqa: E402
from kb.reported import ReportedActivity, reported_activities  # noqa: E402

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
ACCEPT = 0.8


@dataclass
class Wanted:
    """An activity a proposal should match: its type, dates, place and located quotes."""

    name: str
    activity_type: str
    start: str
    place: str
    spans: list[tuple[int, int]]
    sure: bool = True
    own: bool = False


def matches(p: ReportedActivity, w: Wanted, *, by_date: bool) -> bool:
    quote = p.evidence[0]
    overlap = any(a < e.end and e.start < b for a, b in w.spans for e in p.evidence)
    same_month = by_date and len(p.start) >= 7 and p.start[:7] == w.start[:7]
    return bool(overlap or same_month) and quote is not None


def score(proposals: Sequence[ReportedActivity], wanted: Sequence[Wanted], again: Sequence[Wanted], *,
          by_date: bool) -> dict[str, Any]:
    """What one document's proposals found of ``wanted``; which proposals were right."""
    found, found_any, dates, places, places_given, right = 0, 0, 0, 0, 0, []
    for w in wanted:
        typed = sorted((p for p in proposals if p.activity_type == w.activity_type and matches(p, w, by_date=by_date)),
                       key=lambda p: p.start[:7] != w.start[:7])  # of several, the one of its dates
        if any(matches(p, w, by_date=by_date) for p in proposals):
            found_any += w.sure
        if typed and w.sure:
            found += 1
            dates += typed[0].start == w.start
            if w.place:
                places_given += 1
                places += typed[0].place.split(",")[0] == w.place.split(",")[0]
    for p in proposals:
        hit = next((w for w in wanted if matches(p, w, by_date=by_date)), None)
        right.append((p, "right" if hit is not None and hit.sure and p.activity_type == hit.activity_type else
                      "unsure" if hit is not None and not hit.sure else
                      # the text's own meeting named again in its body: its cover's, which `kb add` reads; undated,
                      # or dated to its month by the page's "Place and Date:" line (as kb/reported.py's _is_own)
                      "unsure" if any(w.own and w.activity_type == p.activity_type and
                                      (not p.start or p.start[:7] == w.start[:7]) for w in wanted)
                      else
                      "again" if any(matches(p, w, by_date=by_date) and p.activity_type == w.activity_type
                                     for w in again) else "wrong"))
    return {"wanted": sum(w.sure for w in wanted), "found": found, "found_any_type": found_any, "dates": dates,
            "places": places, "places_given": places_given, "proposals": right}


def held(corpus_dir: Path | None) -> list[dict[str, Any]]:
    corpus = prepare(corpus_dir or ROOT / "corpus")
    activities = corpus.annotations.activities
    out = []
    for doc in corpus.documents:
        slug = doc.meta.slug
        alone = [a for a in activities if a.reported_in == (slug,)]
        declared = [a for a in activities if a not in alone]
        took_place = [a for a in alone if not a.start or not doc.meta.date or a.start[:len(doc.meta.date)]
                      <= doc.meta.date[:len(a.start)]]
        wanted = [Wanted(a.slug, a.activity_type, a.start, a.place,
                         [(e.start, e.end) for e in a.evidence if e.doc == slug]) for a in took_place]
        again = [Wanted(a.slug, a.activity_type, a.start, a.place, [(e.start, e.end) for e in a.evidence
                                                                     if e.doc == slug])
                 for a in declared if any(e.doc == slug for e in a.evidence)]
        proposals = reported_activities(doc, corpus.provisions[slug], declared)
        out.append({"document": slug, "announced": len(alone) - len(took_place),
                    **score(proposals, wanted, again, by_date=True)})
    return out


def real(gold_file: Path, docs: Path, split: str) -> list[dict[str, Any]]:
    out = []
    for entry in json.loads(gold_file.read_text(encoding="utf-8"))["documents"]:
        if entry["split"] != split:
            continue
        path = docs / entry["file"]
        if not path.exists():
            print(f"  {entry['file']}: missing, left out", file=sys.stderr)
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            print(f"  {entry['file']}: not the text counted (sha256), left out", file=sys.stderr)
            continue
        text = data.decode("utf-8")
        parsed = parse_document(text, source=entry["file"])
        meta = DocumentMeta(slug=path.stem.lower(), title="", doc_type=DocType(parsed.metadata.type or "WebPage"),
                            symbols=(), date=parsed.metadata.date or "", language=parsed.metadata.language or "en",
                            original_language="", issuing_body="", meeting="", source=str(path), sha256="")
        doc = SourceDocument(meta=meta, text=text, path=path)
        # the meeting a text records is read from its cover by `kb add` (meeting:), not proposed from its body
        wanted = [Wanted(f"{a['type']} at {a['start_offset']}", a["type"], a.get("start") or "", a.get("place") or "",
                         [(a["start_offset"], a["end_offset"])], sure=a["sure"] and not a["own"], own=a["own"])
                  for a in entry["activities"]]
        proposals = reported_activities(doc, parsed.provisions, [])
        out.append({"document": entry["file"], "announced": 0, **score(proposals, wanted, [], by_date=False)})
    return out


def report(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    wanted = sum(r["wanted"] for r in rows)
    found = sum(r["found"] for r in rows)
    proposals = [pair for r in rows for pair in r["proposals"]]
    judged = [(p, v) for p, v in proposals if v != "unsure"]
    right = sum(v == "right" for _, v in judged)
    sure = [(p, v) for p, v in judged if p.confidence >= ACCEPT]
    summary: dict[str, Any] = {
        "documents": len(rows), "wanted": wanted, "found": found, "recall": found / max(1, wanted),
        "found_any_type": sum(r["found_any_type"] for r in rows), "proposals": len(judged), "right": right,
        "precision": right / max(1, len(judged)), "again": sum(v == "again" for _, v in judged),
        "at_accept": [sum(v == "right" for _, v in sure), len(sure)],
        "dates_right": sum(r["dates"] for r in rows), "places_right": sum(r["places"] for r in rows),
        "places_given": sum(r["places_given"] for r in rows),
        "calibration": [[lo, sum(lo <= p.confidence < hi for p, _ in judged),
                         sum(lo <= p.confidence < hi and v == "right" for p, v in judged)]
                        for lo, hi in itertools.pairwise(BANDS)],
        "per_document": [{"document": r["document"], "wanted": r["wanted"], "found": r["found"],
                          "proposals": len(r["proposals"]), "announced": r["announced"],
                          "wrong": [[round(p.confidence, 2), p.activity_type, p.evidence[0].quote[:120]]
                                    for p, v in r["proposals"] if v == "wrong"]} for r in rows],
    }
    print(f"{name}: {summary['documents']} documents")
    print(f"  recall (type right)   {found}/{wanted} = {summary['recall']:.3f}   any type "
          f"{summary['found_any_type']}/{wanted}")
    print(f"  precision             {right}/{len(judged)} = {summary['precision']:.3f}   declared already proposed "
          f"again: {summary['again']}")
    print(f"  at confidence >= {ACCEPT}: {summary['at_accept'][0]}/{summary['at_accept'][1]} right")
    print(f"  of those found: dates right {summary['dates_right']}/{found}, places right "
          f"{summary['places_right']}/{summary['places_given']} (of those with a place)")
    for lo, n, ok in summary["calibration"]:
        print(f"    {lo:.1f}-{min(1.0, lo + 0.2):.1f}: {n:4} proposals, {ok:4} right" +
              (f" ({ok / n:.2f})" if n else ""))
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--gold", type=Path, help="a reader's count of real texts (bench/activities-expected.json)")
    parser.add_argument("--docs", type=Path, help="the folder of the texts the count names")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    results = {"held": report("held documents", held(args.corpus))}
    if args.gold:
        if not args.docs:
            parser.error("--gold needs --docs: the folder of the texts it counts")
        results["real"] = report("real texts, tuned on ('tune')", real(args.gold, args.docs, "tune"))
        # the texts counted after the rules were written: only their totals are printed
        held_out = report("real texts, held out ('test')", real(args.gold, args.docs, "test"))
        results["held_out"] = {k: v for k, v in held_out.items() if k != "per_document"}
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"activities-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
