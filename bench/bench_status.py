"""Benchmark of the status rules and the trace query, beside the raw store, in one run.

For each build directory given (the real corpus and synthetic corpora built with bench/synth.py and
`kb build`), it measures, as medians over --repeat runs:

- every status rule through ``kb`` (``Store.select`` with the as-of date bound) beside the same
  query text run directly by pyoxigraph with the date substituted (our layer's overhead);
- the whole rule engine (``kb.rules.assess``, all rules, precedence) beside the most direct way of
  asking the raw store the same question (one SELECT per dimension);
- the trace of one mandate (``kb.trace``: the trace query plus labels) beside the raw trace query
  with its start bound, and beside the same path query with its start UNBOUND (the slow form
  DESIGN.md section 8 warns about), to show why the start is bound.

    python bench/bench_status.py --build-dir build --build-dir /tmp/synth100-build --repeat 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import XSD, Literal

import kb
from kb.rules import assess, load_rules

ASOF = dt.date(2024, 12, 31)
DATE = Literal(ASOF.isoformat(), datatype=XSD.date)
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
RAW_OPEN = """PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
SELECT (COUNT(DISTINCT ?item) AS ?n) ?asof WHERE {
  VALUES ?kind { kb:Mandate kb:Recommendation }
  ?item a ?kind ; kb:knownBy ?k . FILTER(?k <= ?asof)
  OPTIONAL { VALUES ?t { kb:respondsTo kb:fulfils } ?l kb:linkTo ?item ; kb:linkType ?t ; kb:knownBy ?c .
             FILTER(?c <= ?asof) }
  FILTER(!BOUND(?l))
} GROUP BY ?asof"""
UNBOUND_PATH = """PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
SELECT (COUNT(*) AS ?n) WHERE { ?m (kb:derivedFrom|^kb:respondsTo)+ ?x }"""


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def consume(results: object) -> int:
    return sum(1 for _ in results) if not isinstance(results, ox.QueryBoolean) else 1  # type: ignore[attr-defined]


def one_mandate(raw: ox.Store) -> str:
    rows = list(raw.query("PREFIX kb: <https://w3id.org/iacml-kb/ontology#> SELECT ?m WHERE { "
                          "?l kb:linkTo ?m ; kb:linkType kb:respondsTo . ?m a kb:Mandate } ORDER BY ?m LIMIT 1"))
    return str(rows[0]["m"].value)


def bench_store(build_dir: Path, repeat: int) -> dict[str, object]:
    release = kb.current_release(build_dir)
    raw = ox.Store.read_only(str(release.store_path))
    store = kb.open_store(release.store_path)
    triples = store.triple_count()
    asof = ox.Literal(ASOF.isoformat(), datatype=XSD_DATE)
    rows: list[dict[str, object]] = []
    for rule in load_rules():
        ours = median_ms(lambda r=rule: store.select(r.query.text, {"asof": DATE}), repeat)
        direct = median_ms(lambda r=rule: consume(raw.query(r.query.text, substitutions={ox.Variable("asof"): asof})),
                           repeat)
        rows.append({"question": f"rule {rule.name}", "kb_ms": ours, "raw_ms": direct})
    raw_rules = sum(float(str(r["raw_ms"])) for r in rows)
    rows.append({"question": "all rules (kb.rules.assess)", "kb_ms": median_ms(lambda: assess(store, ASOF), repeat),
                 "raw_ms": raw_rules, "raw_is": "sum of the raw rule queries"})
    rows.append({"question": "open items only, one raw COUNT", "kb_ms": None,
                 "raw_ms": median_ms(lambda: consume(raw.query(RAW_OPEN, substitutions={ox.Variable("asof"): asof})),
                                     repeat), "raw_is": "one COUNT of open items"})
    mandate = one_mandate(raw)
    trace_query = kb.get_query("trace").text
    rows.append({"question": "trace of one mandate (kb.trace)",
                 "kb_ms": median_ms(lambda: kb.trace(store, kb.resolve_reference(mandate)), repeat),
                 "raw_ms": median_ms(lambda: consume(raw.query(
                     trace_query.replace("WHERE {", f"WHERE {{ VALUES ?item {{ <{mandate}> }}", 1))), repeat),
                 "raw_is": "trace.rq with VALUES ?item"})
    rows.append({"question": "path with an UNBOUND start (whole graph)", "kb_ms": None,
                 "raw_ms": median_ms(lambda: consume(raw.query(UNBOUND_PATH)), max(1, repeat // 2)),
                 "raw_is": "?m (derivedFrom|^respondsTo)+ ?x, start unbound"})
    store.close()
    return {"build_dir": str(build_dir), "triples": triples, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--build-dir", action="append", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    results = [bench_store(d, args.repeat) for d in args.build_dir]
    for result in results:
        print(f"\n{result['build_dir']}: {result['triples']} triples (medians of {args.repeat} runs)")
        print(f"{'question':48} {'kb ms':>10} {'raw ms':>10} {'ratio':>7}")
        for row in result["rows"]:  # type: ignore[attr-defined]
            kb_ms, raw_ms = row["kb_ms"], row["raw_ms"]
            ratio = f"{kb_ms / raw_ms:7.2f}" if kb_ms is not None and raw_ms else "      -"
            kb_text = f"{kb_ms:10.2f}" if kb_ms is not None else "         -"
            print(f"{row['question']:48} {kb_text} {raw_ms:10.2f} {ratio}")
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    (args.out / f"status-{stamp}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
