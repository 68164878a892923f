"""Two versions of the web service side by side: the checkout's server and another commit's, in one run.

On these shared 2-vCPU machines a figure moves by 30-100% with the host's load, so two runs of
``bench_api.py`` taken minutes apart cannot say whether a change made the service faster. This
starts both servers at once on the same store and measures them in the same rounds: in each round,
for each version in turn (the order alternating), the raw store answering that version's own query
text in this process, then the version's API, then its ``GET /health``. Whatever the host does
then weighs on both alike::

    python bench/bench_compare.py --base 19c8f4a                    # scales 1 10
    python bench/bench_compare.py --base HEAD~3 --scales 10 --rounds 400

The other version runs from a ``git archive`` snapshot of ``--base`` (its own ``api`` and ``kb``
packages) on the store the checkout's code makes (``bench_api.prepare_store``): a base that needs
data the checkout no longer writes will answer errors, and the table says so. For each call it
prints, per version, raw p50, API p50 and the median of each round's ``api - raw``; then the median
of each round's ``api(checkout) - api(base)``. Results go to ``bench/out/compare-<stamp>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

import kb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_api  # noqa: E402  (bench/bench_api.py: stores, server, client)
import stores  # noqa: E402

OUT = ROOT / "bench" / "out"
TEXTS = """
import json, kb
from api import rest
print(json.dumps({"kb": kb.__file__, "mandates": rest.provisions_query("Mandate", ()),
                  "provisions": rest.provisions_query(None, ())}))
"""
TEN = bench_api.PREFIX + "SELECT ?m ?text WHERE { ?m a kb:Mandate ; kb:text ?text } LIMIT 10"


@dataclass
class Version:
    name: str  # "checkout" or "base"
    code: Path
    texts: dict[str, str]
    client: bench_api.ThinClient | None = None
    server: bench_api.Server | None = None


@dataclass
class Call:
    name: str
    path: str
    raw: dict[str, Callable[[], object]]  # version -> the same question asked of the store with its text


@dataclass
class Times:
    raw: list[float] = field(default_factory=list)
    api: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    status: int = 0


def version_texts(code: Path) -> dict[str, str]:
    """The query texts a version's REST routes run, read by that version's own code."""
    out = subprocess.run([sys.executable, "-c", TEXTS], cwd=code, capture_output=True, text=True, check=True)
    texts: dict[str, str] = json.loads(out.stdout)
    if not Path(texts["kb"]).resolve().is_relative_to(code.resolve()):
        raise SystemExit(f"{code}: imports kb from {texts['kb']}, not from its own tree")
    return texts


def calls(raw: ox.Store, scale: int, versions: list[Version]) -> list[Call]:
    slug = ("" if scale == 1 else "synth-00001-") + "wg1-2021-final-report"
    document: dict[str, Node] = {"document": URIRef(f"{kb.BASE}doc/{slug}")}
    ten = bench_api.ox_json(raw, TEN)
    return [
        Call("GET /api/mandates", "/api/mandates?limit=50",
             {v.name: bench_api.ox_page(raw, v.texts["mandates"], {}, 51) for v in versions}),
        Call("GET /api/provisions?document", f"/api/provisions?document={slug}&limit=50",
             {v.name: bench_api.ox_page(raw, v.texts["provisions"], document, 51) for v in versions}),
        Call("sparql SELECT 10 rows", bench_api.sparql_path(TEN), {v.name: ten for v in versions}),
    ]


def measure(call: Call, versions: list[Version], rounds: int) -> dict[str, Times]:
    times = {v.name: Times() for v in versions}
    for v in versions:  # warm
        assert v.client is not None
        times[v.name].status = v.client.get(call.path)[0]
    for i in range(rounds):
        for v in versions if i % 2 == 0 else versions[::-1]:
            assert v.client is not None
            t = times[v.name]
            answer = call.raw[v.name]
            started = time.perf_counter()
            answer()
            t.raw.append(time.perf_counter() - started)
            started = time.perf_counter()
            v.client.get(call.path)
            t.api.append(time.perf_counter() - started)
            started = time.perf_counter()
            v.client.get("/health")
            t.floor.append(time.perf_counter() - started)
    return times


def ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 3) if values else float("nan")


def summary(times: dict[str, Times]) -> dict[str, object]:
    row: dict[str, object] = {}
    for name, t in times.items():
        row[name] = {"status": t.status, "raw_p50": ms(t.raw), "api_p50": ms(t.api), "floor_p50": ms(t.floor),
                     "api_minus_raw": ms([a - r for a, r in zip(t.api, t.raw, strict=True)])}
    checkout, base = times["checkout"], times["base"]
    row["api_checkout_minus_base"] = ms([a - b for a, b in zip(checkout.api, base.api, strict=True)])
    return row


def render(scale: int, call: str, row: dict[str, object]) -> str:
    parts = [f"{call:30} {scale:>4}x"]
    for name in ("base", "checkout"):
        v = row[name]
        assert isinstance(v, dict)
        parts.append(f"{name}: raw {v['raw_p50']:7.2f} api {v['api_p50']:7.2f} api-raw {v['api_minus_raw']:+6.2f} "
                     f"floor {v['floor_p50']:5.2f}" + ("" if v["status"] == 200 else f" (HTTP {v['status']})"))
    parts.append(f"checkout-base {row['api_checkout_minus_base']:+6.2f}")
    return " | ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the commit to compare the checkout with (e.g. HEAD~1)")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--rounds", type=int, default=200, help="rounds per call (default 200)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-bench"), help="stores and snapshots (reused)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    snapshot, commit = stores.take_snapshot(args.work, args.base)
    versions = [Version("base", snapshot, version_texts(snapshot)), Version("checkout", ROOT, version_texts(ROOT))]
    results: list[dict[str, object]] = []
    lines = []
    for scale in args.scales:
        store = bench_api.prepare_store(scale, args.work)
        raw = ox.Store.read_only(str(store))
        try:
            for v in versions:
                v.server = bench_api.start_server(store, args.work / f"compare-{v.name}-{scale}.log", v.code)
                v.client = bench_api.ThinClient(v.server.port)
            for call in calls(raw, scale, versions):
                row = summary(measure(call, versions, args.rounds))
                lines.append(render(scale, call.name, row))
                bench_api._log(lines[-1])
                results.append({"scale": scale, "call": call.name, **row})
        finally:
            for v in versions:
                if v.client is not None:
                    v.client.close()
                if v.server is not None:
                    bench_api.stop_server(v.server)
                v.client = v.server = None
            del raw
    load = [round(x, 2) for x in os.getloadavg()]
    print(f"base {args.base} = {commit[:12]}; checkout = the working tree; ms, medians of {args.rounds} rounds")
    print("\n".join(lines))
    print(f"load average (1, 5, 15 min): {load}")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"compare-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps({"machine": bench_api.machine(), "base": commit, "load_average": load,
                                "settings": {k: str(v) for k, v in vars(args).items()}, "rows": results},
                               indent=2), encoding="utf-8")
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
