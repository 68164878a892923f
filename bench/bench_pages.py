"""Web pages benchmark: p50/p90 latency of each page type on the real corpus, beside its JSON counterpart.

It starts the real server (``uvicorn api.app:app_from_environment``, default settings) on a built
store (default ``build/current/store``: run ``kb build`` first), warms each path once, then asks
each page and the REST call that answers the same question ``--requests`` times in alternation
over one keep-alive HTTP/1.1 connection each (``http.client``), so that both sides see the same
machine load. It prints p50 and p90 per page type and the ratio page p50 / JSON p50, and writes
the table to ``bench/out/pages-<time>.json``::

    python bench/bench_pages.py                  # 100 requests per path
    python bench/bench_pages.py --requests 300 --store build/current/store
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
MANDATE = "doc/iacml21-plan-of-action/art_7__para_g"
CASES = [  # page type, page path, JSON path answering the same question
    ("dashboard", "/", "/api/mandates?status=no-evidence&asof=2024-12-31"),
    ("dashboard as of 2022", "/?asof=2022-12-31", "/api/mandates?status=no-evidence&asof=2022-12-31"),
    ("csv export", "/mandates.csv", "/api/mandates?status=no-evidence&asof=2024-12-31"),
    ("provision", f"/{MANDATE}", f"/api/items/{MANDATE}"),
    ("document", "/doc/wg1-2021-final-report", "/api/items/doc/wg1-2021-final-report"),
    ("activity", "/activity/ws2023-education-labor", "/api/items/activity/ws2023-education-labor"),
    ("body", "/body/ilo-cinterfor", "/api/items/body/ilo-cinterfor"),
    ("topic", "/topic/qualifications-frameworks", "/api/items/topic/qualifications-frameworks"),
    ("reader", "/reader/wg1-2021-final-report",
     "/api/provisions?document=wg1-2021-final-report&limit=500"),
    ("search", "/search?q=qualifications+framework", "/api/provisions?q=qualifications+framework&limit=500"),
    ("ontology", "/ontology", "/api/queries/cq08-ontology-terms"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(store: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:app_from_environment", "--factory",
                                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                               env={**os.environ, "KB_STORE": str(store)}, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start within 120 s")


def _timed(connection: http.client.HTTPConnection, path: str, headers: dict[str, str]) -> float:
    start = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - start
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}: {body[:300]!r}")
    return elapsed


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", default=str(ROOT / "build" / "current" / "store"))
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    process, port = _start(Path(args.store))
    rows = []
    try:
        page_conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        json_conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for name, page, api in CASES:
            _timed(page_conn, page, HTML)
            _timed(json_conn, api, JSON)
            pages, apis = [], []
            for _ in range(args.requests):
                pages.append(_timed(page_conn, page, HTML))
                apis.append(_timed(json_conn, api, JSON))
            page_p50, json_p50 = statistics.median(pages) * 1000, statistics.median(apis) * 1000
            row: dict[str, str | float] = {
                "page": name, "path": page, "json": api, "page_p50_ms": page_p50,
                "page_p90_ms": _quantile(pages, 0.9) * 1000, "json_p50_ms": json_p50,
                "json_p90_ms": _quantile(apis, 0.9) * 1000, "ratio_p50": page_p50 / json_p50}
            rows.append(row)
            print(f"{name:22} page p50 {row['page_p50_ms']:7.1f} ms  p90 {row['page_p90_ms']:7.1f} ms   "
                  f"json p50 {row['json_p50_ms']:7.1f} ms  p90 {row['json_p90_ms']:7.1f} ms   "
                  f"page/json {row['ratio_p50']:5.2f}x", flush=True)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = OUT / f"pages-{stamp}.json"
    out.write_text(json.dumps({"requests": args.requests, "store": args.store, "rows": rows}, indent=2) + "\n",
                   encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
