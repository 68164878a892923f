"""Benchmark of the status rules, the trace and ``kb why``, beside the raw store, at growing scales.

Scales are copies of the real corpus (1 is the real corpus, N a synthetic corpus of N copies made by
bench/synth.py). For each scale it measures, median and 90th percentile over ``--repeat`` runs, our
layer (``kb``) beside the same question asked the most direct way of the raw store (pyoxigraph on the
same store folder), and their ratio:

- the trace of a few items (a mandate with a long chain, one with no link, the same long-chain
  mandate in the last copy): ``kb.trace`` (trace.rq plus a label per node) beside trace.rq run raw
  with the item in a VALUES block; and, once, the trace.rq this benchmark replaced (its UNION
  branches held the link patterns, which Oxigraph planned from a whole-graph scan);
- ``kb why`` of the same items: the status rules run with the item bound (up to the first that
  decides each dimension), plus the links and quotes behind the status, beside all nine rule queries
  run raw with the item and date bound;
- every status rule over the whole graph (``Store.select`` with the date bound) beside the same text
  run raw with the date substituted; the whole rule engine (``kb.rules.assess``) beside the sum of the
  raw rules; the status list of one document (``kb.status``) beside the raw rules plus the items query;
- a property path with an UNBOUND start beside the same path with its start bound (DESIGN.md section 8).

A store per scale is made under ``--work`` with the committed code (``git archive`` of ``--rev``),
not the checkout being edited, by bench/stores.py: the canonical N-Triples come from
bench/bench_build.py's chunked path (the pipeline up to the rules stage, without validation) and are
bulk-loaded. Scale 100 took 3 minutes on 2 shared cores (167 s); scale 1000 would take about ten times
as long. A store is reused while its scale, seed and the code that decides its content are unchanged
(``stores.code_fingerprint``: a commit that touches only the API or the benchmarks keeps it).
Results are printed and written to ``bench/out/status-*.json``::

    python bench/bench_status.py --scales 1 10 100 --work /tmp/kb-bench-status --repeat 5
    python bench/bench_status.py --build-dir build          # the current build only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import stores  # bench/stores.py: the script's own folder is on sys.path
from rdflib import XSD, Literal, URIRef

import kb
from kb.rules import assess, load_rules
from kb.store import bind_in_where

ASOF = dt.date(2024, 12, 31)
DATE = Literal(ASOF.isoformat(), datatype=XSD.date)
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
PREFIX = "PREFIX kb: <https://w3id.org/iacml-kb/ontology#>\n"
UNBOUND_PATH = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?m (kb:derivedFrom|^kb:respondsTo)+ ?x }"
BOUND_PATH = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?m { <%s> } ?m (kb:derivedFrom|^kb:respondsTo)+ ?x }"
LONG_CHAIN = "iacml21-plan-of-action/art_7__para_g"  # DESIGN.md section 5: links up and down, with quotes
NO_LINK = PREFIX + """SELECT ?m WHERE {
  ?m a kb:Mandate .
  FILTER NOT EXISTS { ?m (kb:derivedFrom|kb:reiterates|kb:respondsTo|kb:fulfils
                          |^kb:derivedFrom|^kb:reiterates|^kb:respondsTo|^kb:fulfils) ?x }
} ORDER BY ?m LIMIT 1"""
# queries/trace.rq before this benchmark's rewrite (commit 66dbefe): each UNION branch held the path and
# the link patterns, and the quotes were joined after the UNION. Kept here to show the difference.
TRACE_BEFORE = """PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?direction ?from ?type ?to ?quote ?quotedIn ?start ?end WHERE {
  {
    ?item (kb:derivedFrom|kb:reiterates)* ?node .
    ?link kb:linkFrom ?node ; kb:linkTo ?to ; kb:linkType ?type .
    BIND(?node AS ?from)
    BIND(IF(?node = ?item, "item", "upstream") AS ?direction)
    FILTER(?type IN (kb:derivedFrom, kb:reiterates) || (?node = ?item && ?type IN (kb:respondsTo, kb:fulfils)))
  } UNION {
    ?item ^(kb:derivedFrom|kb:reiterates|kb:respondsTo|kb:fulfils)* ?node .
    ?link kb:linkTo ?node ; kb:linkFrom ?from ; kb:linkType ?type .
    BIND(?node AS ?to)
    BIND("downstream" AS ?direction)
    FILTER(?type IN (kb:derivedFrom, kb:reiterates, kb:respondsTo, kb:fulfils))
  }
  ?link kb:hasEvidence ?evidence .
  ?evidence kb:quote ?quote ; kb:quotedIn ?quotedIn ; oa:hasTarget/oa:hasSelector ?selector .
  ?selector oa:start ?start ; oa:end ?end .
}
ORDER BY DESC(?direction = "item") ?direction ?from ?type ?to ?quotedIn ?start
"""


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    """Median and 90th percentile, in ms, of ``repeat`` runs of ``fn`` (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    p90 = statistics.quantiles(times, n=10, method="inclusive")[8] if len(times) > 1 else times[0]
    return {"median": statistics.median(times), "p90": p90}


def consume(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> int:
    if isinstance(results, ox.QueryBoolean):
        return 1
    return sum(1 for _ in results)


def _first(raw: ox.Store, query: str) -> str | None:
    results = raw.query(query)
    assert isinstance(results, ox.QuerySolutions)
    rows = list(results)
    return str(rows[0][0].value) if rows else None


def pick_items(raw: ox.Store) -> dict[str, str]:
    """A mandate with a long chain (in the first and in the last copy) and one with no trace link."""
    ends = PREFIX + ("SELECT ?m WHERE { ?m a kb:Mandate FILTER(STRENDS(STR(?m), \"" + LONG_CHAIN + "\")) } "
                     "ORDER BY %s(?m) LIMIT 1")
    items = {"long chain": _first(raw, ends % "ASC"), "long chain, last copy": _first(raw, ends % "DESC"),
             "no link": _first(raw, NO_LINK)}
    found = {name: item for name, item in items.items() if item}
    if found.get("long chain") == found.get("long chain, last copy"):
        found.pop("long chain, last copy")
    return found


def _row(question: str, ours: dict[str, float] | None, raw: dict[str, float] | None, raw_is: str,
         **extra: object) -> dict[str, object]:
    return {"question": question, "kb": ours, "raw": raw, "raw_is": raw_is, **extra}


def bench_store(store_path: Path, repeat: int, *, before: bool) -> dict[str, object]:
    raw = ox.Store.read_only(str(store_path))
    store = kb.open_store(store_path)
    triples = store.triple_count()
    asof = ox.Literal(ASOF.isoformat(), datatype=XSD_DATE)
    subst: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {ox.Variable("asof"): asof}
    rules = load_rules()
    rows: list[dict[str, object]] = []
    trace_text = kb.get_query("trace").text
    items = pick_items(raw)
    def raw_query(text: str, **params: URIRef) -> Callable[[], int]:
        query = bind_in_where(text, params) if params else text
        return lambda: consume(raw.query(query))

    def our_trace(ref: URIRef) -> Callable[[], object]:
        return lambda: kb.trace(store, ref)

    def our_why(ref: URIRef) -> Callable[[], object]:
        return lambda: kb.why(store, ref, asof=ASOF)

    for name, item in items.items():
        ref = URIRef(item)
        links = len(kb.trace(store, ref).links)
        rows.append(_row(f"trace: {name}", timed(our_trace(ref), repeat),
                         timed(raw_query(trace_text, item=ref), repeat), "trace.rq, item in VALUES",
                         item=item, links=links))
        if before and name == "long chain":
            rows.append(_row(f"trace: {name}, trace.rq before the rewrite", None,
                             timed(raw_query(TRACE_BEFORE, item=ref), max(1, repeat // 2)),
                             "previous trace.rq, item in VALUES", item=item))
    for name, item in items.items():
        ref = URIRef(item)
        bound = [bind_in_where(rule.query.text, {"item": ref}) for rule in rules]

        def raw_why(texts: list[str] = bound) -> None:
            for text in texts:
                consume(raw.query(text, substitutions=subst))

        rows.append(_row(f"why: {name}", timed(our_why(ref), repeat),
                         timed(raw_why, repeat), "all 9 rules, item and date bound", item=item))
    raw_rules = {"median": 0.0, "p90": 0.0}
    for rule in rules:
        text = rule.query.text

        def ours(t: str = text) -> object:
            return store.select(t, {"asof": DATE})

        def direct(t: str = text) -> object:
            return consume(raw.query(t, substitutions=subst))

        measured = timed(direct, repeat)
        raw_rules = {k: raw_rules[k] + measured[k] for k in raw_rules}
        rows.append(_row(f"rule {rule.name}", timed(ours, repeat), measured, "the rule, date substituted"))
    rows.append(_row("all rules (kb.rules.assess)", timed(lambda: assess(store, ASOF, rules), repeat), raw_rules,
                     "sum of the raw rules"))
    status_module = __import__("kb.status", fromlist=["ITEMS_QUERY"])
    items_query = status_module.ITEMS_QUERY
    document = "synth-00001-iacml21-plan-of-action" if "synth-00001" in next(iter(items.values())) \
        else "iacml21-plan-of-action"
    raw_items = timed(raw_query(items_query), repeat)
    rows.append(_row("status list of one Plan of Action",
                     timed(lambda: kb.status(store, asof=ASOF, document=document), repeat),
                     {k: raw_rules[k] + raw_items[k] for k in raw_items}, "raw rules + items query", document=document))
    rows.append(_row("build as-of date (first assessment)", timed(lambda: kb.build_asof(store), repeat),
                     timed(raw_query(status_module.BUILD_ASOF_QUERY), repeat), "same query"))
    start = items.get("long chain") or next(iter(items.values()))
    rows.append(_row("path, start bound", None, timed(raw_query(BOUND_PATH % start), repeat),
                     "?m (derivedFrom|^respondsTo)+ ?x, VALUES ?m"))
    rows.append(_row("path, start UNBOUND (whole graph)", None,
                     timed(raw_query(UNBOUND_PATH), max(1, repeat // 2)),
                     "?m (derivedFrom|^respondsTo)+ ?x"))
    store.close()
    return {"store": str(store_path), "triples": triples, "rows": rows}


def _ms(value: dict[str, float] | None, key: str) -> str:
    return f"{value[key]:10.2f}" if value else " " * 9 + "-"


def print_result(result: dict[str, Any], repeat: int) -> None:
    print(f"\n{result.get('scale', '')}x  {result['store']}: {result['triples']:,} triples "
          f"(median and p90 of {repeat} runs, ms)")
    print(f"{'question':52} {'kb med':>10} {'kb p90':>10} {'raw med':>10} {'raw p90':>10} {'ratio':>7}")
    for row in result["rows"]:
        ours, raw = row["kb"], row["raw"]
        ratio = f"{ours['median'] / raw['median']:7.2f}" if ours and raw and raw["median"] else "      -"
        print(f"{row['question'][:52]:52} {_ms(ours, 'median')} {_ms(ours, 'p90')} {_ms(raw, 'median')} "
              f"{_ms(raw, 'p90')} {ratio}")


def print_growth(results: list[dict[str, Any]]) -> None:
    """One line per question: our median at each scale (the raw one where we have none)."""
    if len(results) < 2:
        return
    scales = [f"{r.get('scale', '?')}x" for r in results]
    print("\nmedian ms by scale (kb; raw where kb is -)")
    print(f"{'question':52} " + " ".join(f"{s:>10}" for s in scales))
    questions = [str(row["question"]) for row in results[0]["rows"]]
    for question in questions:
        cells = []
        for result in results:
            row = next((r for r in result["rows"] if r["question"] == question), None)
            value = row and (row["kb"] or row["raw"])
            cells.append(f"{value['median']:10.2f}" if value else " " * 9 + "-")
        print(f"{question[:52]:52} " + " ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scales", type=int, nargs="*", default=[],
                        help="copies of the real corpus to measure, e.g. 1 10 100 (stores made once under --work)")
    parser.add_argument("--build-dir", action="append", type=Path, default=[],
                        help="also measure the current release of this build directory (repeatable)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-bench-status"),
                        help="where the snapshot, synthetic corpora and stores of each scale are kept for reuse")
    parser.add_argument("--rev", default="HEAD", help="the committed code that makes the stores (default HEAD)")
    parser.add_argument("--chunk", type=int, default=50, help="copies per child when making the N-Triples")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    parser.add_argument("--prepare-only", action="store_true", help="make the stores and stop")
    parser.add_argument("--no-before", action="store_true", help="skip the previous trace.rq (slow at scale)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    if not args.scales and not args.build_dir:
        parser.error("give --scales or --build-dir")
    targets: list[tuple[str, Path]] = []
    if args.scales:
        args.work.mkdir(parents=True, exist_ok=True)
        snapshot, _ = stores.take_snapshot(args.work, args.rev)
        for scale in args.scales:
            targets.append((str(scale), stores.prepare_store(scale, args.work, snapshot, chunk=args.chunk,
                                                      seed=args.seed)))
    if args.prepare_only:
        return
    targets += [("build", kb.current_release(d).store_path) for d in args.build_dir]
    results: list[dict[str, Any]] = []
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for scale, path in targets:
        stores.log(f"measuring {path}")
        result = {"scale": scale, **bench_store(path, args.repeat, before=not args.no_before)}
        results.append(result)
        print_result(result, args.repeat)
        (args.out / f"status-{stamp}.json").write_text(json.dumps(
            {"date": stamp, "repeat": args.repeat, "asof": ASOF.isoformat(), "results": results}, indent=2))
    print_growth(results)


if __name__ == "__main__":
    main()
