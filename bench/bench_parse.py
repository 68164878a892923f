"""How well the parser reads real documents it was not written for, against what a careful reader
counts in them.

    python bench/bench_parse.py DOCS_DIR bench/parse-expected.json            # this checkout
    python bench/bench_parse.py DOCS_DIR bench/parse-expected.json --base REV  # and another commit, side by side
    python bench/bench_parse.py DOCS_DIR bench/parse-expected.json --second-reader bench/parse-second-reader.json

``DOCS_DIR`` holds the texts (read from the public addresses that the expected file lists; they
are not kept in the repository), checked against the SHA-256 the expected file gives for each.
For every document and in total, per split (``tune``: documents looked at while the parser was
written; ``test``: documents nobody working on the parser read):

- right: provisions the parser found with the reader's extent, kind and number / provisions the
  reader counts;
- extent: the same with the extent alone right;
- spurious: provisions the parser emitted whose extent is no provision of the reader's / emitted;
- mandates: Plan of Action mandates (reader) typed Mandate by the parser, with the right extent;
- cover: metadata fields right (title, type, symbols, date, language, original language, meeting).

A provision's extent is that of its own text, number included and its parts (lettered items, list
items) excluded; lists, which have no text, are not counted. The texts are openings cut at about
2,000 bytes: as a reader leaves out a fragment of fewer than three words at the cut, a provision
the parser ends there with fewer than three words is not counted either. Results go to
``bench/out/parse-<time>.json``.

``--second-reader FILE`` scores a second reader's independent counts (same format, made blind to the
first reader's) exactly as the parser's, on the documents both read, beside the parser's figures
on the same documents: how far two careful readers agree is the most any parser can score here.

``--corrections DIR`` measures what a curator gets after correcting the parse (``DIR/{document}.yaml``
with ``type:`` and ``corrections:`` as in a document's metadata file, corpus/README.md): the
documents that have such a file, as the parser reads them and as corrected, side by side, with the
number of corrections written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "type", "symbols", "date", "language", "original_language", "meeting")

# Run in a child process with a given tree's ``kb`` first on the path: reads the documents named
# on stdin, writes what that version's parser makes of them.
_RUNNER = r"""
import json, sys, time
payload = json.load(sys.stdin)
docs, fixes = payload["texts"], payload.get("corrections", {})
out = {}
try:
    from kb.parse import parse_document
except ImportError:
    parse_document = None
from kb.parse import parse
for name, text in docs.items():
    started = time.perf_counter()
    try:
        if name in fixes:
            from pathlib import Path
            from kb.corpus import read_corrections
            fix = fixes[name]
            doc = parse_document(text, source=name, doc_type=fix.get("type"), corrections_file=fix["path"],
                                 corrections=read_corrections(Path(fix["path"])))
            provisions, metadata = doc.provisions, doc.metadata.as_json()
            warnings = [w.as_json() for w in doc.warnings]
        elif parse_document is not None:
            doc = parse_document(text, source=name)
            provisions, metadata = doc.provisions, doc.metadata.as_json()
            warnings = [w.as_json() for w in doc.warnings]
        else:
            provisions, metadata, warnings = parse(text, source=name), None, []
    except Exception as exc:
        out[name] = {"error": f"{type(exc).__name__}: {exc}", "seconds": time.perf_counter() - started}
        continue
    rows = []
    first_child = {}
    for p in provisions:
        if p.parent is not None and p.parent not in first_child:
            first_child[p.parent] = p.start
    for p in provisions:
        rows.append({"eid": p.eid, "kind": str(p.kind), "number": p.number, "start": p.start, "end": p.end,
                     "text_end": getattr(p, "text_end", 0) or None, "first_child": first_child.get(p.eid),
                     "reconstructed": bool(getattr(p, "number_reconstructed", False))})
    out[name] = {"provisions": rows, "metadata": metadata, "warnings": warnings,
                 "seconds": time.perf_counter() - started}
json.dump(out, sys.stdout)
"""


def _fold(text: str | None) -> str:
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _number(value: object) -> str:
    return "" if value is None else str(value).strip()


def own_extent(text: str, row: dict[str, Any]) -> tuple[int, int]:
    """The span of a provision's own text: to ``text_end`` when the parser gives it, else up to its
    first part; trimmed of blanks."""
    start = row["start"]
    end = row["text_end"] or (row["first_child"] if row["first_child"] is not None else row["end"])
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def _cut_fragment(text: str, row: dict[str, Any], end_of_text: int) -> bool:
    """A provision the cut of the opening leaves with fewer than three words."""
    start, end = own_extent(text, row)
    words = [w for w in text[start:end].split() if any(c.isalpha() for c in w)]
    return end == end_of_text and len(words) < 3


def _field_right(name: str, got: object, want: object) -> bool:
    if name == "symbols":
        return sorted(_fold(s) for s in (got or [])) == sorted(_fold(s) for s in (want or []))  # type: ignore[attr-defined]
    if name == "title":
        return _fold(got) == _fold(want)  # type: ignore[arg-type]
    return (got or None) == (want or None)


def score(doc: dict[str, Any], text: str, result: dict[str, Any]) -> dict[str, Any]:
    """One document's figures (see the module docstring)."""
    expected = doc["provisions"]
    row: dict[str, Any] = {"file": doc["file"], "split": doc["split"], "type": doc["metadata"].get("type"),
                           "language": doc["metadata"].get("language"), "reader": len(expected)}
    if "error" in result:
        row.update(emitted=0, right=0, extent=0, spurious=0, mandates=0, mandates_right=0, cover=0,
                   error=result["error"], seconds=result["seconds"])
        return row
    end_of_text = len(text.rstrip())
    emitted = [p for p in result["provisions"] if p["kind"] != "List" and not _cut_fragment(text, p, end_of_text)]
    by_extent: dict[tuple[int, int], dict[str, Any]] = {}
    for p in emitted:
        by_extent.setdefault(own_extent(text, p), p)
    wanted = {(e["start"], e["end"]) for e in expected}
    right = extent = mandates = mandates_right = 0
    misses: list[str] = []
    for e in expected:
        got = by_extent.get((e["start"], e["end"]))
        is_mandate = doc["metadata"].get("type") == "PlanOfAction" and e["kind"] == "Mandate"
        mandates += is_mandate
        if got is None:
            misses.append(f"missed {e['kind']} {e['number']} at {e['start']}: {text[e['start']:e['end']][:50]!r}")
            continue
        extent += 1
        mandates_right += is_mandate and got["kind"] == "Mandate"
        if got["kind"] == e["kind"] and _number(got["number"]) == _number(e["number"]):
            right += 1
        else:
            misses.append(f"{got['eid']}: kind {got['kind']} number {got['number']!r}, reader {e['kind']} "
                          f"{e['number']!r}")
    spurious = [p for p in emitted if own_extent(text, p) not in wanted]
    misses += [f"spurious {p['eid']} {p['kind']} at {p['start']}: "
               f"{text[slice(*own_extent(text, p))][:50]!r}" for p in spurious]
    metadata = result.get("metadata")
    cover = sum(_field_right(f, metadata.get(f), doc["metadata"].get(f)) for f in FIELDS) if metadata else 0
    cover_misses = [f"{f}: {metadata.get(f)!r}, reader {doc['metadata'].get(f)!r}" for f in FIELDS
                    if metadata and not _field_right(f, metadata.get(f), doc["metadata"].get(f))]
    row.update(emitted=len(emitted), right=right, extent=extent, spurious=len(spurious), mandates=mandates,
               mandates_right=mandates_right, cover=cover, seconds=result["seconds"],
               warnings=len(result.get("warnings", [])), misses=misses, cover_misses=cover_misses)
    return row


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    reader = sum(r["reader"] for r in rows)
    emitted = sum(r["emitted"] for r in rows)
    mandates = sum(r["mandates"] for r in rows)
    out = {key: sum(r[key] for r in rows) for key in ("reader", "emitted", "right", "extent", "spurious", "mandates",
                                                       "mandates_right", "cover")}
    out["documents"] = len(rows)
    out["right_share"] = out["right"] / reader if reader else 1.0
    out["extent_share"] = out["extent"] / reader if reader else 1.0
    out["spurious_share"] = out["spurious"] / emitted if emitted else 0.0
    out["mandate_share"] = out["mandates_right"] / mandates if mandates else 1.0
    out["cover_share"] = out["cover"] / (len(FIELDS) * len(rows)) if rows else 1.0
    out["errors"] = sum("error" in r for r in rows)
    out["seconds"] = sum(r["seconds"] for r in rows)
    return out


def run_parser(tree: Path, texts: dict[str, str], corrections: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the parser of the ``kb`` package under ``tree`` makes of each text (in a child process,
    so that two versions never share an import)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    payload = json.dumps({"texts": texts, "corrections": corrections or {}})
    done = subprocess.run([sys.executable, "-c", _RUNNER], input=payload, capture_output=True, text=True,
                          env=env, cwd=tree, check=False)
    if done.returncode:
        raise SystemExit(f"the parser under {tree} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def snapshot(rev: str, into: Path) -> Path:
    """The ``kb`` package of commit ``rev``, extracted under ``into``, with the folders it reads beside it
    (its queries and ontology, loaded as it is imported) where that commit has them."""
    listed = subprocess.run(["git", "ls-tree", "--name-only", rev], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    folders = [name for name in ("kb", "queries", "ontology") if name in listed.stdout.split()] or ["kb"]
    archive = subprocess.run(["git", "archive", rev, *folders], cwd=ROOT, capture_output=True, check=False)
    if archive.returncode:
        raise SystemExit(f"git archive {rev} failed: {archive.stderr.decode(errors='replace').strip()}")
    tar_path = into / "kb.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return into


def load(docs_dir: Path, expected_path: Path, *, available: bool = False,
         split: str = "all") -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The expected counts of the documents of ``split`` and the texts they refer to (no other text is read:
    a run on the tuning documents never opens a held-out one). Every text must be there, byte for byte, unless
    ``available``: then the documents whose text is missing or differs are left out, and said so."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    expected["documents"] = [d for d in expected["documents"] if split == "all" or d["split"] == split]
    texts: dict[str, str] = {}
    problems: list[str] = []
    for doc in expected["documents"]:
        path = docs_dir / doc["file"]
        if not path.is_file():
            problems.append(f"{path}: missing (read it from {doc['url']})")
            continue
        raw = path.read_bytes()
        if hashlib.sha256(raw).hexdigest() != doc["sha256"]:
            problems.append(f"{path}: not the text the offsets refer to (SHA-256 differs from {doc['sha256'][:12]}...)")
            continue
        texts[doc["file"]] = raw.decode("utf-8")
    if problems and not available:
        raise SystemExit("cannot measure:\n  " + "\n  ".join(problems)
                         + "\n(bench/REGATHER.md says how to read the texts again; --available measures those there)")
    if problems:
        print(f"measuring {len(texts)} of {len(expected['documents'])} documents: {len(problems)} left out "
              f"(missing, or not the text the offsets refer to)", file=sys.stderr)
    return [d for d in expected["documents"] if d["file"] in texts], texts


def read_corrections(folder: Path) -> dict[str, Any]:
    """A curator's corrections of each document (``{document}.yaml``), keyed by the text's file name."""
    fixes: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or set(data) - {"type", "corrections"}:
            raise SystemExit(f"{path}: give only `type:` and `corrections:`, as in a document's metadata file")
        fixes[f"{path.stem}.txt"] = {**data, "path": str(path)}  # read as the build reads them, in the runner
    return fixes


def as_result(doc: dict[str, Any]) -> dict[str, Any]:
    """A reader's counts of one document in the form ``score`` takes a parser's output in."""
    rows = [{"eid": f"reader_{i}", "kind": p["kind"], "number": p["number"], "start": p["start"], "end": p["end"],
             "text_end": None, "first_child": None} for i, p in enumerate(doc["provisions"], start=1)]
    return {"provisions": rows, "metadata": doc["metadata"], "warnings": [], "seconds": 0.0}


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def report(label: str, rows: list[dict[str, Any]], *, detail: bool) -> dict[str, Any]:
    print(f"\n## {label}\n")
    print(f"{'document':10} {'split':5} {'lang':4} {'type':19} {'reader':>6} {'emitted':>7} {'right':>5} {'extent':>6} "
          f"{'spur.':>5} {'mand.':>6} {'cover':>5}")
    for r in rows:
        mand = f"{r['mandates_right']}/{r['mandates']}" if r["mandates"] else ""
        print(f"{r['file'][:-4]:10} {r['split']:5} {r['language'] or '':4} {r['type'] or '':19} {r['reader']:6} "
              f"{r['emitted']:7} {r['right']:5} {r['extent']:6} {r['spurious']:5} {mand:>6} {r['cover']:3}/7"
              + (f"  ERROR {r['error']}" if "error" in r else ""))
        if detail:
            for miss in r.get("misses", []) + r.get("cover_misses", []):
                print(f"      {miss}")
    summary: dict[str, Any] = {}
    for split in ("tune", "test"):
        for doc_type in sorted({str(r["type"]) for r in rows if r["split"] == split}):
            part = [r for r in rows if r["split"] == split and str(r["type"]) == doc_type]
            t = totals(part)
            summary.setdefault("by_type", {}).setdefault(split, {})[doc_type] = t
            print(f"  {split:5} {doc_type:19} {t['documents']:3} documents: right {t['right']}/{t['reader']} "
                  f"{_pct(t['right_share'])}, spurious {t['spurious']}/{t['emitted']} {_pct(t['spurious_share'])}")
    for split in ("tune", "test", "all"):
        part = [r for r in rows if split == "all" or r["split"] == split]
        if not part:
            continue
        t = totals(part)
        summary[split] = t
        print(f"{split:5} {t['documents']:3} documents: right {t['right']}/{t['reader']} {_pct(t['right_share'])}, "
              f"extent {_pct(t['extent_share'])}, spurious {t['spurious']}/{t['emitted']} {_pct(t['spurious_share'])}, "
              f"PoA mandates {t['mandates_right']}/{t['mandates']} {_pct(t['mandate_share'])}, "
              f"cover {_pct(t['cover_share'])}, {t['seconds'] * 1000:.0f} ms"
              + (f", {t['errors']} refused" if t["errors"] else ""))
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("expected", type=Path)
    parser.add_argument("--base", help="also measure the parser of this commit, side by side")
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all")
    parser.add_argument("--detail", action="store_true", help="list every miss and spurious provision")
    parser.add_argument("--second-reader", type=Path, metavar="FILE",
                        help="also score a second reader's counts of some of the documents against the first's")
    parser.add_argument("--corrections", type=Path, metavar="DIR",
                        help="a curator's corrections, DIR/{document}.yaml (`type:` and `corrections:` as in a "
                             "metadata file): measure the documents that have one, as parsed and as corrected")
    parser.add_argument("--available", action="store_true",
                        help="measure the documents whose text is in DOCS_DIR, leaving out (and counting) the rest")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    documents, texts = load(args.docs_dir, args.expected, available=args.available, split=args.split)
    second: dict[str, dict[str, Any]] = {}
    if args.second_reader:
        second_docs, _ = load(args.docs_dir, args.second_reader, available=args.available, split=args.split)
        second = {d["file"]: d for d in second_docs}
        first = {d["file"]: d["sha256"] for d in documents}
        foreign = sorted(f for f, d in second.items() if first.get(f) != d["sha256"])
        if foreign:
            raise SystemExit(f"{args.second_reader}: not counts of texts of {args.expected}: {', '.join(foreign)}")
        documents = [d for d in documents if d["file"] in second]
    fixes = read_corrections(args.corrections) if args.corrections else {}
    if args.corrections:
        documents = [d for d in documents if d["file"] in fixes]
    texts = {d["file"]: texts[d["file"]] for d in documents}
    started = dt.datetime.now(dt.UTC)
    versions = {"checkout": ROOT}
    with tempfile.TemporaryDirectory(prefix="bench-parse-") as tmp:
        if args.base:
            versions[args.base] = snapshot(args.base, Path(tmp))
        results: dict[str, Any] = {}
        for label, tree in versions.items():
            begun = time.perf_counter()
            parsed = run_parser(tree, texts)
            rows = [score(d, texts[d["file"]], parsed[d["file"]]) for d in documents]
            results[label] = {"rows": rows, "summary": report(label, rows, detail=args.detail),
                              "wall_seconds": time.perf_counter() - begun}
        if fixes:
            begun = time.perf_counter()
            parsed = run_parser(ROOT, texts, fixes)
            rows = [score(d, texts[d["file"]], parsed[d["file"]]) for d in documents]
            results["corrected"] = {"rows": rows, "summary": report("corrected", rows, detail=args.detail),
                                    "wall_seconds": time.perf_counter() - begun,
                                    "corrections": {f: len(fix.get("corrections") or []) for f, fix in fixes.items()}}
            print(f"{sum(results['corrected']['corrections'].values())} corrections in {len(fixes)} documents")
        if second:
            rows = [score(d, texts[d["file"]], as_result(second[d["file"]])) for d in documents]
            results["second reader"] = {"rows": rows, "summary": report("second reader", rows, detail=args.detail)}
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"parse-{started:%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps({"started": started.isoformat(), "expected": str(args.expected), "split": args.split,
                               "results": results}, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
