"""Reliability probes: what an attacker or a careless operator does to a running server, and whether
the server contains it. Loopback only, bounded in time (about 3 minutes), one table at the end.

    python bench/bench_reliability.py [--code DIR] [--seconds 15] [--only NAME ...]

Each probe starts its own server the way ``kb serve`` does, from the tree ``--code`` (default: this
checkout; give a ``git archive`` of another commit to measure "before"), on copies of the current
build's release, and reports what a client saw and whether that is contained (its goal in the
table). The exit code is the number of probes not contained. Results go to ``bench/out/``.

Probes: ``bombs`` (``max_workers`` expensive queries kept running; ``ASK {}`` and an item page
meanwhile: p99 under 1 s), ``parse-bombs`` (20 kB expressions that cost the SPARQL parser its whole
time limit, the same goal), ``memory-bombs`` (queries that grow without bound: the workers' total
anonymous memory, sampled, under the configured bound plus one sampling step of growth),
``pruned-release`` (three builds prune, then workers are killed twice: the server still answers),
``live-reload`` (a new release becomes current: served without a restart), ``unknown-values``
(unknown filter values and malformed dates: 400 naming the parameter), ``headers`` (security
headers, HEAD and OPTIONS on every kind of route), ``header-size`` (a 100 MB header: refused,
``/health`` answering meanwhile), ``slowloris`` (50 connections sending a header byte every 0.5 s:
closed at the header deadline), ``disconnect`` (clients gone mid-body: no traceback in the log),
``host`` (a foreign Host header: refused, never echoed), ``build-lock`` (a second build while one
runs: refused with its own exit code).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
ITEM_PAGE = "/doc/wg1-2021-final-report/recommendation_7"
BOMB = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PARSE_BOMB = "SELECT (" + "1+" * 9_000 + "1 AS ?x) WHERE {}"
MEMORY_BOMB = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
CHEAP = "ASK {}"
GOAL_SECONDS = 1.0


@dataclass
class Result:
    probe: str
    seen: str
    contained: bool
    goal: str


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(code: Path, scratch: Path, *, store: Path | None = None, build_dir: Path | None = None,
            **env: str) -> Iterator[Server]:
    """``kb serve`` from the tree ``code``, on a fixed store or following a build folder."""
    port = free_port()
    log = scratch / f"server-{port}.log"
    where = ["--store", str(store)] if store is not None else ["--build-dir", str(build_dir)]
    environ = {k: v for k, v in os.environ.items() if k not in ("KB_STORE", "KB_FOLLOW")}
    environ.update({f"KB_{k.upper()}": v for k, v in env.items()})
    command = [sys.executable, "-c", "import sys; from kb.cli import main; sys.exit(main(sys.argv[1:]))",
               "serve", "--port", str(port), *where]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=code, env=environ, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise SystemExit(f"the server exited: {server.log_text()[-3000:]}")
            try:
                if httpx.get(f"{server.url}/health", timeout=2).status_code in (200, 503):
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def copy_release(source: Path, build_dir: Path, version: str, age: float = 0.0) -> Path:
    target = build_dir / "releases" / version
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, target)
    stamp = time.time() - age
    os.utime(target, (stamp, stamp))
    return target


def point_current(build_dir: Path, release: Path) -> None:
    link = build_dir / "current.new"
    link.unlink(missing_ok=True)
    link.symlink_to(Path("releases") / release.name)
    link.replace(build_dir / "current")


def p99(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.99) - 1)] if values else float("inf")


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
    return parents


def grandchildren(pid: int) -> set[int]:
    """The processes two or more levels below ``pid`` (a server's query workers, below its forkserver)."""
    children: dict[int, set[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, set()).add(child)
    found: set[int] = set()
    pending = list(children.get(pid, ()))
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def anon_memory(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("RssAnon:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


# --------------------------------------------------------------------------------------------
# Probes
# --------------------------------------------------------------------------------------------


def under_load(server: Server, heavy: str, seconds: float, bombers: int) -> tuple[dict[str, list[float]], int]:
    """``bombers`` threads sending ``heavy`` for ``seconds``; meanwhile ASK {} and the item page, each
    in a loop: their latencies, and how many cheap requests failed."""
    stop = time.monotonic() + seconds
    failures = [0]

    def bomb() -> None:
        with httpx.Client(timeout=60) as client:
            while time.monotonic() < stop:
                client.post(f"{server.url}/sparql", data={"query": heavy})

    latencies: dict[str, list[float]] = {"ASK {}": [], "item page": []}

    def cheap(name: str, request: Callable[[httpx.Client], httpx.Response]) -> None:
        with httpx.Client(timeout=60) as client:
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = request(client)
                latencies[name].append(time.perf_counter() - started)
                if response.status_code != 200 or b"status could not be computed" in response.content:
                    failures[0] += 1  # (an item page without its status is shown, but is a failure here)
                time.sleep(0.05)

    threads = [threading.Thread(target=bomb) for _ in range(bombers)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # the bombs hold every worker
    cheap_threads = [
        threading.Thread(target=cheap, args=("ASK {}", lambda c: c.get(f"{server.url}/sparql",
                                                                       params={"query": CHEAP}))),
        threading.Thread(target=cheap, args=("item page", lambda c: c.get(f"{server.url}{ITEM_PAGE}",
                                                                          headers={"Accept": "text/html"}))),
    ]
    for thread in cheap_threads:
        thread.start()
    for thread in [*threads, *cheap_threads]:
        thread.join()
    return latencies, failures[0]


def probe_bombs(name: str, heavy: str, code: Path, scratch: Path, release: Path, seconds: float) -> Result:
    with serving(code, scratch, store=release / "store", max_workers="4") as server:
        latencies, failures = under_load(server, heavy, seconds, 4)
    parts = [f"{key}: {len(v)} answered, p99 {p99(v):.2f} s, max {max(v, default=0):.2f} s"
             for key, v in latencies.items()]
    worst = max(p99(v) for v in latencies.values())
    return Result(name, "; ".join(parts) + f"; {failures} not 200", worst < GOAL_SECONDS and failures == 0,
                  f"p99 < {GOAL_SECONDS:g} s, all 200")


def probe_memory(code: Path, scratch: Path, release: Path, seconds: float) -> Result:
    bound_mb = 1024
    with serving(code, scratch, store=release / "store", max_workers="4", workers_memory_mb=str(bound_mb),
                 worker_memory_mb="2048") as server:
        stop = time.monotonic() + seconds
        peak = [0]
        statuses: list[int] = []

        def sample() -> None:
            while time.monotonic() < stop + 1:
                peak[0] = max(peak[0], anon_memory(grandchildren(server.process.pid)))
                time.sleep(0.02)

        def bomb() -> None:
            with httpx.Client(timeout=60) as client:
                while time.monotonic() < stop:
                    statuses.append(client.post(f"{server.url}/sparql", data={"query": MEMORY_BOMB}).status_code)

        threads = [threading.Thread(target=sample), *(threading.Thread(target=bomb) for _ in range(4))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        healthy = httpx.get(f"{server.url}/health").status_code == 200
    peak_mb = peak[0] >> 20
    return Result("memory-bombs", f"4 memory bombs for {seconds:g} s: workers' peak {peak_mb} MB together "
                  f"(bound {bound_mb} MB); answers {sorted(set(statuses))}; healthy after: {healthy}",
                  peak_mb <= bound_mb * 1.25 and healthy, "peak <= bound + 25% (one sampling step)")


def probe_pruned(code: Path, scratch: Path, release: Path) -> Result:
    build = scratch / "pruned-build"
    served = copy_release(release, build, "v1", age=60)
    point_current(build, served)
    sys.path.insert(0, str(code))
    from kb.publish import prune
    with serving(code, scratch, store=served / "store") as server:
        for i in range(3):
            point_current(build, copy_release(release, build, f"v{2 + i}", age=-i))
            prune(build)
        kept = served.exists()
        seen = []
        for _ in range(2):
            for pid in grandchildren(server.process.pid):
                os.kill(pid, signal.SIGKILL)
            time.sleep(1.5)
            started = time.perf_counter()
            response = httpx.get(f"{server.url}/sparql", params={"query": CHEAP}, timeout=30)
            seen.append(f"{response.status_code} in {time.perf_counter() - started:.2f} s")
        health = httpx.get(f"{server.url}/health").status_code
    ok = kept and all(s.startswith("200") for s in seen) and health == 200
    return Result("pruned-release", f"release kept: {kept}; after each of 2 worker kills: {', '.join(seen)}; "
                  f"/health {health}", ok, "release kept, 200 after each kill")


def probe_live_reload(code: Path, scratch: Path, release: Path) -> Result:
    build = scratch / "live-build"
    point_current(build, copy_release(release, build, "v1", age=60))
    with serving(code, scratch, build_dir=build, release_poll="1") as server:
        before = httpx.get(f"{server.url}/api").json().get("version")
        point_current(build, copy_release(release, build, "v2"))
        started = time.monotonic()
        version = before
        while time.monotonic() - started < 20 and version != "v2":
            time.sleep(0.2)
            version = httpx.get(f"{server.url}/api").json().get("version")
        took = time.monotonic() - started
    ok = before == "v1" and version == "v2"
    return Result("live-reload", f"served {before}, then {version} {took:.1f} s after the build", ok,
                  "the new release served without a restart")


def probe_unknown_values(code: Path, scratch: Path, release: Path) -> Result:
    cases = [("/api/mandates?document=nope", "document"), ("/api/mandates?topic=nope", "topic"),
             ("/api/mandates?body=nope", "body"), ("/api/mandates?status=nope", "status"),
             ("/api/activities?from=0", "from"), ("/api/mandates?asof=0", "asof")]
    seen = []
    with serving(code, scratch, store=release / "store") as server:
        for path, parameter in cases:
            response = httpx.get(f"{server.url}{path}")
            named = response.headers.get("content-type", "").startswith("application/json") and \
                response.json().get("error", {}).get("parameter") == parameter
            seen.append((path, response.status_code, named))
    ok = all(status == 400 and named for _, status, named in seen)
    return Result("unknown-values", "; ".join(f"{p} {s}{' (named)' if n else ''}" for p, s, n in seen), ok,
                  "400 naming the parameter")


def probe_headers(code: Path, scratch: Path, release: Path) -> Result:
    paths = ["/", "/health", "/api/mandates", "/sparql?query=ASK%7B%7D", ITEM_PAGE, "/search?q=x", "/query",
             "/mandates.csv"]
    needed = ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"]
    problems = []
    with serving(code, scratch, store=release / "store") as server:
        for path in paths:
            get = httpx.get(f"{server.url}{path}", headers={"Accept": "text/html"})
            head = httpx.head(f"{server.url}{path}", headers={"Accept": "text/html"})
            missing = [h for h in needed if h not in get.headers]
            if missing:
                problems.append(f"{path}: no {', '.join(missing)}")
            if head.status_code != get.status_code or head.content:
                problems.append(f"HEAD {path}: {head.status_code}")
        options = httpx.request("OPTIONS", f"{server.url}/sparql")
        if "POST" not in options.headers.get("allow", ""):
            problems.append(f"OPTIONS /sparql: Allow {options.headers.get('allow')!r}")
    return Result("headers", "; ".join(problems) or f"{len(paths)} routes: headers present, HEAD = GET, "
                  "OPTIONS lists GET, HEAD, POST", not problems, "every header, HEAD and OPTIONS right")


def _health_while(server: Server, action: Callable[[], str]) -> tuple[str, float]:
    """What ``action`` saw, and the slowest /health answer while it ran."""
    latencies: list[float] = []
    stop = threading.Event()

    def health() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(f"{server.url}/health", timeout=30)
            latencies.append(time.perf_counter() - started)
            time.sleep(0.05)

    thread = threading.Thread(target=health)
    thread.start()
    try:
        seen = action()
    finally:
        stop.set()
        thread.join()
    return seen, max(latencies, default=0.0)


def _status_line(data: bytes) -> str:
    return data.split(b"\r\n", 1)[0].decode("latin-1") if data else "no answer"


def probe_header_size(code: Path, scratch: Path, release: Path) -> Result:
    with serving(code, scratch, store=release / "store") as server:
        port = int(server.url.rsplit(":", 1)[1])

        def huge() -> str:
            with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
                sent, answer = 0, b""
                try:
                    sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
                    while sent < 100 * 1024 * 1024:
                        sock.sendall(b"a" * 65536)
                        sent += 65536
                    sock.sendall(b"\r\n\r\n")
                except OSError:
                    pass
                with contextlib.suppress(OSError):
                    answer = sock.recv(65536)
                return f"{_status_line(answer)} after {sent >> 20} MB sent"

        seen, slowest = _health_while(server, huge)
    refused = " 431 " in seen or " 400 " in seen or "no answer" in seen
    return Result("header-size", f"a 100 MB header: {seen}; /health meanwhile at most {slowest:.2f} s",
                  refused and slowest < GOAL_SECONDS, "refused; /health under 1 s meanwhile")


def probe_slowloris(code: Path, scratch: Path, release: Path) -> Result:
    deadline = 2.0
    with serving(code, scratch, store=release / "store", header_timeout=str(deadline)) as server:
        port = int(server.url.rsplit(":", 1)[1])
        held: list[float] = []

        def one() -> None:
            started = time.monotonic()
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.settimeout(0.5)
                for byte in b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-a: b\r\n" * 200:
                    if time.monotonic() - started > 30:
                        break
                    try:
                        sock.send(bytes([byte]))
                        if not sock.recv(4096):
                            break
                    except TimeoutError:
                        continue
                    except OSError:
                        break
            held.append(time.monotonic() - started)

        def attack() -> str:
            threads = [threading.Thread(target=one) for _ in range(50)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            return f"50 connections sending a header byte every 0.5 s: held at most {max(held):.1f} s"

        seen, slowest = _health_while(server, attack)
    return Result("slowloris", f"{seen} (header deadline {deadline:g} s); /health meanwhile at most {slowest:.2f} s",
                  max(held) < deadline + 5 and slowest < GOAL_SECONDS, "closed at the deadline; /health under 1 s")


def probe_disconnect(code: Path, scratch: Path, release: Path) -> Result:
    with serving(code, scratch, store=release / "store") as server:
        port = int(server.url.rsplit(":", 1)[1])
        before = server.log.stat().st_size
        for _ in range(20):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                             b"application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nquery=ASK")
                time.sleep(0.05)
        time.sleep(1.0)
        logged = server.log.read_bytes()[before:]
    tracebacks = logged.count(b"Traceback")
    return Result("disconnect", f"20 clients gone mid-body: {len(logged)} bytes of log, {tracebacks} tracebacks",
                  tracebacks == 0 and len(logged) < 20 * 200, "no traceback, a line at most each")


def probe_host(code: Path, scratch: Path, release: Path) -> Result:
    with serving(code, scratch, store=release / "store") as server:
        seen = []
        for path in ("/sparql/", "/api/provisions?limit=1", "/.well-known/void"):
            response = httpx.get(f"{server.url}{path}", headers={"Host": "evil.example"})
            echoed = "evil.example" in response.headers.get("location", "") or \
                ("evil.example" in response.text and response.status_code < 400)
            seen.append((path, response.status_code, echoed))
    return Result("host", "; ".join(f"{p} {s}{' ECHOED' if e else ''}" for p, s, e in seen),
                  all(s == 400 and not e for _, s, e in seen), "400 naming Host, never echoed")


def probe_build_lock(code: Path, scratch: Path) -> Result:
    build = scratch / "lock-build"
    command = [sys.executable, "-c", "import sys; from kb.cli import main; sys.exit(main(sys.argv[1:]))",
               "build", "--build-dir", str(build), "--quiet"]
    first = subprocess.Popen(command, cwd=code, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    started = time.monotonic()
    second = subprocess.run(command, cwd=code, capture_output=True, text=True)
    took = time.monotonic() - started
    first_rc = first.wait()
    ok = second.returncode == 75 and first_rc == 0
    return Result("build-lock", f"second build: exit {second.returncode} after {took:.1f} s "
                  f"({second.stderr.strip()[:80]}); first build exit {first_rc}", ok,
                  "refused with exit 75 (busy), the first unharmed")


# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=ROOT, help="the tree whose server is probed")
    parser.add_argument("--seconds", type=float, default=15.0, help="how long each load lasts")
    parser.add_argument("--only", nargs="*", help="probe names to run")
    args = parser.parse_args(argv)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per probe, not per request
    code = args.code.resolve()
    scratch = Path(tempfile.mkdtemp(prefix="kb-reliability-"))
    release = scratch / "release"
    subprocess.run([sys.executable, "-c", "import sys; from kb.cli import main; sys.exit(main(sys.argv[1:]))",
                    "build", "--build-dir", str(scratch / "build"), "--quiet"], cwd=code, check=True)
    shutil.copytree((scratch / "build" / "current").resolve(), release)
    probes: dict[str, Callable[[], Result]] = {
        "bombs": lambda: probe_bombs("bombs", BOMB, code, scratch, release, args.seconds),
        "parse-bombs": lambda: probe_bombs("parse-bombs", PARSE_BOMB, code, scratch, release, args.seconds),
        "memory-bombs": lambda: probe_memory(code, scratch, release, args.seconds),
        "pruned-release": lambda: probe_pruned(code, scratch, release),
        "live-reload": lambda: probe_live_reload(code, scratch, release),
        "unknown-values": lambda: probe_unknown_values(code, scratch, release),
        "headers": lambda: probe_headers(code, scratch, release),
        "header-size": lambda: probe_header_size(code, scratch, release),
        "slowloris": lambda: probe_slowloris(code, scratch, release),
        "disconnect": lambda: probe_disconnect(code, scratch, release),
        "host": lambda: probe_host(code, scratch, release),
        "build-lock": lambda: probe_build_lock(code, scratch),
    }
    results = []
    try:
        for name, probe in probes.items():
            if args.only and name not in args.only:
                continue
            try:
                result = probe()
            except (httpx.HTTPError, OSError, KeyError, ValueError) as exc:
                result = Result(name, f"probe failed: {type(exc).__name__}: {exc}", False, "")
            print(f"{result.probe:15} {'contained' if result.contained else 'NOT CONTAINED':14} {result.seen}",
                  flush=True)
            results.append(result)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    OUT.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = OUT / f"reliability-{stamp}.json"
    out.write_text(json.dumps({"code": str(code), "seconds": args.seconds,
                               "results": [r.__dict__ for r in results]}, indent=2), encoding="utf-8")
    print("\n| probe | seen | goal | contained |\n|---|---|---|---|")
    for r in results:
        print(f"| {r.probe} | {r.seen} | {r.goal} | {'yes' if r.contained else 'no'} |")
    print(f"\n{out}")
    return sum(not r.contained for r in results)


if __name__ == "__main__":
    sys.exit(main())
