"""The cost of running a call off the event loop: ``api.offload.run`` beside anyio's and asyncio's ways.

Every REST call runs its store work in a thread (``api.offload``) so that the event loop never waits
on the store; the hop there and back is part of each answer's latency. This measures, in the same
rounds, one call made

- inline, on the event loop's own thread (the reference: no hop);
- with ``api.offload.run`` (the server's way);
- with ``anyio.to_thread.run_sync`` (what FastAPI and Starlette use, and the server used before);
- with ``loop.run_in_executor`` on a ``concurrent.futures.ThreadPoolExecutor``;

for calls that spin the CPU for 0, 2 and 13 ms (a REST listing takes ~2 ms on the real corpus and
~13 ms at 10x), and prints the median hop (the call's time minus the inline median) of each way::

    python bench/bench_hop.py                      # 300 rounds per length
    python bench/bench_hop.py --rounds 1000 --lengths 0 1 5

Results go to ``bench/out/hop-<stamp>.json``. The hop is a matter of waking threads, so it moves with
the load of the host more than anything measured in ``bench_api.py``: compare the ways within a run.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio.to_thread

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api import offload  # noqa: E402

OUT = ROOT / "bench" / "out"


def spin(microseconds: float) -> float:
    """Keep the CPU busy (and the GIL held, as most of a REST call does) for this long."""
    end = time.perf_counter() + microseconds / 1e6
    while time.perf_counter() < end:
        pass
    return microseconds


async def measure(lengths: list[float], rounds: int) -> dict[str, dict[str, float]]:
    loop = asyncio.get_running_loop()
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=4)

    async def inline(us: float) -> float:
        return spin(us)

    ways: dict[str, Callable[[float], Awaitable[float]]] = {
        "inline": inline,
        "api.offload": lambda us: offload.run(spin, us),
        "anyio.to_thread": lambda us: anyio.to_thread.run_sync(spin, us),
        "run_in_executor": lambda us: loop.run_in_executor(executor, spin, us),
    }
    results: dict[str, dict[str, float]] = {}
    try:
        for ms in lengths:
            us = ms * 1000
            times: dict[str, list[float]] = {name: [] for name in ways}
            for way in ways.values():  # warm: threads started
                await way(us)
            for _ in range(rounds):
                for name, way in ways.items():
                    started = time.perf_counter()
                    await way(us)
                    times[name].append((time.perf_counter() - started) * 1000)
            base = statistics.median(times["inline"])
            results[f"{ms:g} ms"] = {name: round(statistics.median(t) - (0 if name == "inline" else base), 4)
                                     for name, t in times.items()}
    finally:
        executor.shutdown()
    return results


def render(results: dict[str, dict[str, float]]) -> str:
    names = ["api.offload", "anyio.to_thread", "run_in_executor"]
    lines = [f"{'call':>8}  {'inline ms':>9}  " + "  ".join(f"{n + ' hop ms':>20}" for n in names)
             + "  anyio/offload"]
    for length, row in results.items():
        ratio = row["anyio.to_thread"] / row["api.offload"] if row["api.offload"] > 0 else float("nan")
        lines.append(f"{length:>8}  {row['inline']:9.3f}  " + "  ".join(f"{row[n]:20.3f}" for n in names)
                     + f"  {ratio:12.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=300, help="calls per way and length (default 300)")
    parser.add_argument("--lengths", type=float, nargs="+", default=[0, 2, 13],
                        help="milliseconds each call keeps the CPU busy (default 0 2 13)")
    args = parser.parse_args(argv)
    results = asyncio.run(measure(args.lengths, args.rounds))
    print("median hop = the call's median time minus the inline call's, in the same rounds")
    print(render(results))
    load = [round(x, 2) for x in os.getloadavg()]
    print(f"load average (1, 5, 15 min): {load}")
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = OUT / f"hop-{stamp}.json"
    path.write_text(json.dumps({"machine": {"python": platform.python_version(), "platform": platform.platform(),
                                            "cpus": os.cpu_count()},
                                "load_average": load, "settings": vars(args), "median_ms": results}, indent=2),
                    encoding="utf-8")
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
