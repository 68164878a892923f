"""Whether a small learned model tells a spurious emitted provision from a real one on a round it was not
trained on, better than the rules do (bench/README.md, "A learned filter of emitted provisions").

    python bench/bench_filter.py bench/reproduced bench/parse-reproduced.json

Reads the tuning rounds only (``split: tune``; the round of a text is its file name's ``rNN``). Each provision
the parser emits (as bench_parse.py counts them: lists and fragments the opening's cut leaves aside) is one
example, labelled real when its own extent is a reader provision's extent, else spurious; its features
(:data:`NAMES`) are what a reader sees of it and the parser knows: kind, number, length, letters, place in the
text and among the others, blank lines around, neighbours' kinds, warnings on its line; none names a document,
a host or a word fitted to these texts. Leave-one-round-out: for each round, the model, its settings and its
threshold are chosen on the other two rounds (each trained on one and judged on the other), then trained on both
and applied to the held round once. ``--parser REV`` measures the provisions another commit's parser emits.
Needs scikit-learn (not a dependency of the project). Fixed seeds: the same figures every run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_parse import ROOT, _cut_fragment, load, own_extent, score, snapshot

from kb.model import Kind, Provision

_KINDS = (Kind.SECTION, Kind.PARAGRAPH, Kind.ITEM, Kind.AGENDA_ITEM, Kind.MANDATE, Kind.RECOMMENDATION)
_EID_TYPES = ("al", "para", "sec", "subsec", "item", "art")
_WARNING_CODES = ("short-provision", "heading-like", "split-sentence", "lost-line", "inline-items",
                  "eid-repeated", "numbering-reconstructed", "number-repeated")
_ROMAN_RE = re.compile(r"^[IVXLCivxlc]+$")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_RE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d\d-\d\d\b")
_SYMBOL_RE = re.compile(r"\b[A-Z]{2,}[A-Za-z]*/[\w.\-()/]+")
_LINK_RE = re.compile(r"https?://|www\.|@\w|\.(?:pdf|docx?|htm)\b", re.IGNORECASE)
_MONTH_RE = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
                       r"december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
                       r"noviembre|diciembre|janvier|f[ée]vrier|mars|avril|juin|juillet|ao[ûu]t|septembre|octobre|"
                       r"novembre|d[ée]cembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|"
                       r"novembro|dezembro)\b", re.IGNORECASE)

NAMES: tuple[str, ...] = (
    *(f"kind={k.value}" for k in _KINDS), "kind=other", *(f"eid={t}" for t in _EID_TYPES), "eid=other",
    "depth", "numbered", "number_digits", "number_roman", "number_letter", "number_reconstructed", "has_parts",
    "log_words", "log_chars", "lines", "upper_share", "digit_share", "title_word_share", "one_word",
    "ends_stop", "ends_colon", "ends_semicolon_comma", "ends_open", "starts_lower", "starts_bullet",
    "blank_before", "blank_after", "position_in_text", "position_among", "first", "last", "log_count",
    "same_kind_before", "same_kind_after", "numbered_before", "numbered_after", "kind_share",
    "log_length_to_median", "has_year", "has_month", "has_date", "has_symbol", "has_link", "has_bar",
    *(f"warning={c}" for c in _WARNING_CODES), "warnings_on_line",
)


def own_span(text: str, p: Provision, first_part: int | None) -> tuple[int, int]:
    """The span of a provision's own text: to ``text_end`` when the parser gives it, else up to its first part,
    else to its end; trimmed of blanks (as bench/bench_parse.py's ``own_extent``)."""
    end = p.text_end or (first_part if first_part is not None else p.end)
    piece = text[p.start:end]
    return p.start + len(piece) - len(piece.lstrip()), p.start + len(piece.rstrip())


def blank_around(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the line before the one ``start`` is on, and the line after the one ``end`` is on, are blank (or
    missing: the text's first or last line)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[:max(0, line_start - 1)].rsplit("\n", 1)[-1]
    blank_before = line_start == 0 or not before.strip()
    line_end = text.find("\n", end)
    after = text[line_end + 1:] if line_end >= 0 else ""
    next_line = after.split("\n", 1)[0]
    blank_after = line_end < 0 or not next_line.strip()
    return blank_before, blank_after


def features(text: str, provisions: Sequence[Provision], warnings: Sequence[tuple[int, str]]) -> list[list[float]]:
    """One row of :data:`NAMES` per provision of ``provisions`` that is not a list, in their order; ``warnings``
    are the (line, code) of the parse's warnings."""
    first_part: dict[str, int] = {}
    for p in provisions:
        if p.parent is not None and p.parent not in first_part:
            first_part[p.parent] = p.start
    parts = [p for p in provisions if p.kind is not Kind.LIST]
    spans = [own_span(text, p, first_part.get(p.eid)) for p in parts]
    lengths = sorted(max(1, b - a) for a, b in spans)
    median = lengths[len(lengths) // 2] if lengths else 1
    by_line: dict[int, list[str]] = {}
    for line, code in warnings:
        by_line.setdefault(line, []).append(code)
    size = max(1, len(text.rstrip()))
    count = len(parts)
    kinds = [p.kind for p in parts]
    rows: list[list[float]] = []
    for i, (p, (a, b)) in enumerate(zip(parts, spans, strict=True)):
        own = text[a:b]
        words = own.split()
        letters = [c for c in own if c.isalpha()]
        visible = [c for c in own if not c.isspace()]
        last = own.rstrip("\"'\u201d\u2019)]*")[-1:]
        number = (p.number or "").strip()
        eid_type = p.eid.rsplit("__", 1)[-1].split("_", 1)[0]
        blank_before, blank_after = blank_around(text, a, b)
        codes = by_line.get(p.line, [])
        row: list[float] = [float(p.kind is k) for k in _KINDS]
        row.append(float(p.kind not in _KINDS))
        row += [float(eid_type == t) for t in _EID_TYPES]
        row.append(float(eid_type not in _EID_TYPES))
        row += [float(p.eid.count("__")), float(bool(number)), float(number.isdigit()),
                float(bool(_ROMAN_RE.match(number)) and not number.isdigit()),
                float(len(number) == 1 and number.isalpha()), float(p.number_reconstructed),
                float(p.eid in first_part)]
        row += [math.log1p(len(words)), math.log1p(len(own)), float(own.count("\n") + 1),
                sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
                sum(c.isdigit() for c in visible) / len(visible) if visible else 0.0,
                sum(w[:1].isupper() for w in words) / len(words) if words else 0.0, float(len(words) <= 1)]
        row += [float(last in ".!?"), float(last == ":"), float(last in ";,"),
                float(bool(last) and last not in ".!?:;,"), float(own[:1].islower()),
                float(own[:1] in "-\u2022\u2013\u2014*\u25cf\u25aa\u00b7o" and len(own) > 1 and own[1:2] == " ")]
        row += [float(blank_before), float(blank_after), a / size, i / max(1, count - 1), float(i == 0),
                float(i == count - 1), math.log1p(count),
                float(i > 0 and kinds[i - 1] is p.kind), float(i + 1 < count and kinds[i + 1] is p.kind),
                float(i > 0 and bool(parts[i - 1].number)), float(i + 1 < count and bool(parts[i + 1].number)),
                kinds.count(p.kind) / count, math.log(max(1, b - a) / median)]
        row += [float(bool(_YEAR_RE.search(own))), float(bool(_MONTH_RE.search(own))),
                float(bool(_DATE_RE.search(own))), float(bool(_SYMBOL_RE.search(own))),
                float(bool(_LINK_RE.search(own))), float("|" in own)]
        row += [float(c in codes) for c in _WARNING_CODES]
        row.append(float(len(codes)))
        rows.append(row)
    return rows


# Dropping a real provision costs this many spurious ones dropped; and on each inner round no more than this
# share of the reader's provisions may be dropped.
_REAL_COST = 2.0
_INNER_REAL_SHARE = 0.005
_THRESHOLDS = [t / 100 for t in range(2, 96)]


# Run in a child process with a given tree's ``kb`` first on the path (as bench_parse.py runs a parser): every
# field of each provision, and the warnings, of the texts named on stdin.
_RUNNER = r"""
import json, sys
from dataclasses import asdict
from kb.parse import parse_document
out = {}
for name, text in json.load(sys.stdin).items():
    doc = parse_document(text, source=name)
    out[name] = {"provisions": [{**asdict(p), "kind": str(p.kind)} for p in doc.provisions],
                 "metadata": doc.metadata.as_json(), "warnings": [w.as_json() for w in doc.warnings]}
json.dump(out, sys.stdout)
"""


def parse_all(tree: Path, texts: dict[str, str]) -> dict[str, Any]:
    """What the parser of the ``kb`` package under ``tree`` makes of each text, every field of each provision."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", _RUNNER], input=json.dumps(texts), capture_output=True, text=True,
                          env=env, cwd=tree, check=False)
    if done.returncode:
        raise SystemExit(f"the parser under {tree} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def examples(documents: list[dict[str, Any]], texts: dict[str, str], parsed: dict[str, Any]) -> list[dict[str, Any]]:
    """Per document: the parser's rows (as bench_parse's runner gives them), which are emitted, their features
    and labels."""
    out = []
    fields = set(Provision.__dataclass_fields__)
    for doc in documents:
        text = texts[doc["file"]]
        provisions = [Provision(**{**{k: v for k, v in p.items() if k in fields}, "kind": Kind(p["kind"])})
                      for p in parsed[doc["file"]]["provisions"]]
        warnings = parsed[doc["file"]]["warnings"]
        first_child: dict[str, int] = {}
        for p in provisions:
            if p.parent is not None and p.parent not in first_child:
                first_child[p.parent] = p.start
        rows = [{"eid": p.eid, "kind": str(p.kind), "number": p.number, "start": p.start, "end": p.end,
                 "text_end": p.text_end or None, "first_child": first_child.get(p.eid),
                 "reconstructed": p.number_reconstructed} for p in provisions]
        leaves = [r for r in rows if r["kind"] != Kind.LIST.value]
        x = features(text, provisions, [(w["line"], w["code"]) for w in warnings])
        end_of_text = len(text.rstrip())
        wanted = {(e["start"], e["end"]) for e in doc["provisions"]}
        emitted = [not _cut_fragment(text, r, end_of_text) for r in leaves]
        labels = [own_extent(text, r) in wanted for r in leaves]
        result = {"provisions": rows, "metadata": parsed[doc["file"]]["metadata"], "warnings": warnings,
                  "seconds": 0.0}
        out.append({"doc": doc, "text": text, "result": result, "leaves": leaves, "x": x, "emitted": emitted,
                    "label": labels, "round": doc["file"][:3]})
    return out


def matrix(items: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and whether the provision is numbered as printed, of the emitted provisions."""
    xs, ys, sure = [], [], []
    for item in items:
        for row, x, em, y in zip(item["leaves"], item["x"], item["emitted"], item["label"], strict=True):
            if em:
                xs.append(x)
                ys.append(int(y))
                sure.append(bool(row["number"]) and not row["reconstructed"])
    return np.array(xs, dtype=float), np.array(ys), np.array(sure)


def models() -> dict[str, Any]:
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    out: dict[str, Any] = {}
    for c in (0.1, 1.0, 10.0):
        for weight in (None, "balanced"):
            out[f"logistic C={c} weight={weight}"] = lambda c=c, w=weight: make_pipeline(
                StandardScaler(), LogisticRegression(C=c, class_weight=w, max_iter=5000))
    for leaf in (2, 5):
        out[f"forest leaf={leaf}"] = lambda leaf=leaf: RandomForestClassifier(
            n_estimators=300, min_samples_leaf=leaf, random_state=0, n_jobs=1)
    for depth in (2, 3):
        out[f"boosting depth={depth}"] = lambda depth=depth: HistGradientBoostingClassifier(
            max_depth=depth, learning_rate=0.1, max_iter=150, random_state=0)
    return out


def real_probability(make: Any, train: list[dict[str, Any]], test: list[dict[str, Any]]) -> np.ndarray:
    x, y, _ = matrix(train)
    model = make()
    model.fit(x, y)
    xt, _, _ = matrix(test)
    return np.asarray(model.predict_proba(xt)[:, 1]) if len(xt) else np.zeros(0)


def choose(items: list[dict[str, Any]], rounds: list[str]) -> tuple[str, float, bool]:
    """The model, threshold and whether explicitly numbered provisions are spared, chosen on ``rounds`` alone:
    each trained on one and judged on the other."""
    best: tuple[float, str, float, bool] | None = None
    for name, make in models().items():
        inner = []
        for held in rounds:
            train = [i for i in items if i["round"] in rounds and i["round"] != held]
            test = [i for i in items if i["round"] == held]
            _, y, sure = matrix(test)
            reader = sum(len(i["doc"]["provisions"]) for i in test)
            inner.append((real_probability(make, train, test), y, sure, reader))
        for spare in (False, True):
            for t in _THRESHOLDS:
                gain, ok = 0.0, True
                for prob, y, sure, reader in inner:
                    drop = (prob < t) & ~(sure & spare)
                    real = int((drop & (y == 1)).sum())
                    gain += int((drop & (y == 0)).sum()) - _REAL_COST * real
                    ok = ok and real <= _INNER_REAL_SHARE * reader
                if ok and (best is None or gain > best[0]):
                    best = (gain, name, t, spare)
    assert best is not None
    return best[1], best[2], best[3]


def rank_agreement(prob: np.ndarray, y: np.ndarray) -> float:
    """The share of (real, spurious) pairs the model ranks right, ties half (the area under the ROC curve)."""
    real, spurious = prob[y == 1], prob[y == 0]
    if not len(real) or not len(spurious):
        return float("nan")
    wins = (real[:, None] > spurious[None, :]).sum() + 0.5 * (real[:, None] == spurious[None, :]).sum()
    return float(wins / (len(real) * len(spurious)))


def ceiling(prob: np.ndarray, y: np.ndarray, real_limit: float) -> tuple[int, int]:
    """The most spurious provisions any threshold drops with no more than ``real_limit`` real ones: chosen on
    the judged round itself, a bound on what the model could do, not an estimate of it."""
    best = (0, 0)
    caught = lost = 0
    for k in np.argsort(prob, kind="stable"):
        lost += int(y[k] == 1)
        caught += int(y[k] == 0)
        if lost <= real_limit and caught > best[0]:
            best = (caught, lost)
    return best


def filtered(item: dict[str, Any], keep: list[bool]) -> dict[str, Any]:
    """The parser's result with the emitted provisions not kept removed (the others' extents unchanged)."""
    flags = iter(keep)
    drop = {r["eid"] for r, em in zip(item["leaves"], item["emitted"], strict=True) if em and not next(flags)}
    return {**item["result"], "provisions": [r for r in item["result"]["provisions"] if r["eid"] not in drop]}


def figures(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {k: sum(r[k] for r in rows) for k in ("reader", "emitted", "right", "extent", "spurious")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("expected", type=Path)
    parser.add_argument("--parser", metavar="REV", help="the parser of this commit (default: this checkout's)")
    args = parser.parse_args(argv)
    documents, texts = load(args.docs_dir, args.expected, split="tune")
    with tempfile.TemporaryDirectory(prefix="train-filter-") as tmp:
        parsed = parse_all(snapshot(args.parser, Path(tmp)) if args.parser else ROOT, texts)
    items = examples(documents, texts, parsed)
    rounds = sorted({i["round"] for i in items})
    print(f"{len(NAMES)} features; emitted provisions per round:",
          {r: int(matrix([i for i in items if i["round"] == r])[0].shape[0]) for r in rounds})
    for held in rounds:
        trained = [r for r in rounds if r != held]
        name, t, spare = choose(items, trained)
        train = [i for i in items if i["round"] in trained]
        test = [i for i in items if i["round"] == held]
        prob = real_probability(models()[name], train, test)
        _, y, sure = matrix(test)
        drop = (prob < t) & ~(sure & spare)
        keep = list(~drop)
        before, after = [], []
        k = 0
        for item in test:
            n = sum(item["emitted"])
            before.append(score(item["doc"], item["text"], item["result"]))
            after.append(score(item["doc"], item["text"], filtered(item, keep[k:k + n])))
            k += n
        b, a = figures(before), figures(after)
        real_dropped = int((drop & (y == 1)).sum())
        print(f"\n{held} held (chosen on {'+'.join(trained)}: {name}, drop below {t:.2f}"
              f"{', numbered spared' if spare else ''})")
        print(f"  right    {b['right']}/{b['reader']} {b['right'] / b['reader']:.1%} -> "
              f"{a['right']}/{a['reader']} {a['right'] / a['reader']:.1%}")
        print(f"  spurious {b['spurious']}/{b['emitted']} {b['spurious'] / b['emitted']:.1%} -> "
              f"{a['spurious']}/{a['emitted']} {a['spurious'] / max(1, a['emitted']):.1%}")
        print(f"  dropped {int(drop.sum())}: {int((drop & (y == 0)).sum())} spurious, {real_dropped} real "
              f"(extent right), right provisions lost {b['right'] - a['right']}")
        fell = (b["spurious"] - a["spurious"]) / b["spurious"] if b["spurious"] else 0.0
        kept = fell >= 1 / 3 and (b["right"] - a["right"]) / b["reader"] <= 0.01
        print(f"  spurious fell by {fell:.0%}; criterion {'met' if kept else 'NOT met'}")
        reader = b["reader"]
        for other, make in models().items():
            p = prob if other == name else real_probability(make, train, test)
            caught, lost = ceiling(p, y, 0.01 * reader)
            print(f"    {other:34} ranking {rank_agreement(p, y):.2f}; best threshold on {held} itself: "
                  f"{caught}/{int((y == 0).sum())} spurious dropped, {lost} real")
    return 0


if __name__ == "__main__":
    sys.exit(main())
