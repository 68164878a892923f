"""Web service benchmark: the API's latency and throughput beside the raw store's time for the same question.

For each scale (1 is the real corpus, built with ``kb build``; N is a synthetic corpus of N copies,
``bench/synth.py``, whose canonical N-Triples are made chunk by chunk as ``bench/bench_build.py``
does and bulk-loaded into an embedded store; each made again when the code that decides the store's
content changes: ``bench/stores.py``), it starts the real server (``uvicorn
api.app:app_from_environment``, default settings: 2 query workers, 10 s time limit, 10,000-row cap)
on that store, and for each call measures:

- **api**: p50 and p99 latency of ``--requests`` sequential requests over one keep-alive HTTP/1.1
  connection, and requests per second with ``--clients`` concurrent connections for ``--seconds``.
  The client is :class:`ThinClient`, a socket that writes the request and reads the status, the
  headers and a Content-Length or chunked body, so that what is timed is the server: Python's
  ``http.client`` spends 0.09-0.16 ms more per request on parsing (measured on /health and on a
  50-row page). Each call's first answer is checked equal (status and body) to ``http.client``'s;
- **raw**: p50 and p99 of the same question asked of the store in this process, on a read-only
  store of the same folder. For SPARQL text and for the REST routes that run one query, raw is
  pyoxigraph itself (``pyoxigraph.Store.read_only``, no ``kb`` layer): the same query text with
  the same bound values, its results serialized as SPARQL JSON (SELECT/ASK) or Turtle
  (DESCRIBE), or, for a REST page, its first ``limit + 1`` solutions read term by term (what the
  route asks for). Routes that compose several queries (an item, a trace, status lists) compare
  with the ``kb`` library calls they make (the ``raw is`` column says which);
- **floor**: p50 of ``GET /health`` (an answer made without the store) over the same connection
  in the same loop: what the benchmark's HTTP client, the loopback and uvicorn/FastAPI cost per
  request on this machine at that moment, reported beside ``api - raw``, not subtracted from it.

Each round of the loop sends one raw query, one API request and one /health request, so the
machine's drift (other load, frequency) weighs on all three alike. It then measures a simple
call's p50/p99 alone, while cross-product bombs run one after another on the endpoint (each
stopped at the time limit), and alone again, to show whether a slow query moves the p99 of simple
ones. The goal it checks: API p50 within 1 ms of raw for answers up to 100 rows, within 1.1x when
raw takes over 50 ms. Results are printed as tables and written to ``bench/out/``::

    python bench/bench_api.py                          # scales 1 10 100
    python bench/bench_api.py --scales 1 --requests 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

import kb

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import stores  # noqa: E402  (bench/stores.py)

from api import rest  # noqa: E402  (the constant queries the REST routes run, for the raw side)

PREFIX = "PREFIX kb: <https://w3id.org/iacml-kb/ontology#>\n"
BOMB = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Stores at each scale
# --------------------------------------------------------------------------------------------


def prepare_store(scale: int, work: Path) -> Path:
    """A store folder for a scale, made by the checkout's code (bench/stores.py): at 1 a real ``kb
    build`` (the store ``kb serve`` serves), above a bulk-loaded synthetic corpus. Either is reused
    while the code that decides its content is unchanged (``stores.code_fingerprint``)."""
    if scale > 1:
        return stores.prepare_store(scale, work, ROOT, chunk=50, seed=0)
    build_dir, marker = work / "build-1", work / "build-1.json"
    recipe = {"scale": 1, "code": stores.code_fingerprint(ROOT)}
    if not stores.recipe_holds(marker, recipe) or not (build_dir / "current" / "store").exists():
        stores.log("scale 1: kb build of the real corpus")
        shutil.rmtree(build_dir, ignore_errors=True)
        kb.build(build_dir=build_dir)
        marker.write_text(json.dumps({"recipe": recipe}))
    store_path: Path = kb.current_release(build_dir).store_path
    return store_path


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]


def start_server(store: Path, log: Path, code: Path = ROOT) -> Server:
    """``uvicorn api.app:app_from_environment`` on ``store``, run from the tree ``code`` (whose ``api``
    and ``kb`` packages it imports: the checkout, or a snapshot of another commit)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "KB_STORE": str(store)}
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:app_from_environment", "--factory",
                                    "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                                   cwd=code, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text(errors='replace')[-3000:]}")
        try:
            if get(port, "/health")[0] == 200:
                return Server(port, process)
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


class ThinClient:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1: a GET written at once, its answer read with
    as little parsing as HTTP allows (status line, headers, Content-Length or chunked body)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=300)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self.buffer = sock, b""
        return sock

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """One GET; once more on a fresh connection if the server closed this one (idle past 5 s)."""
        for attempt in (1, 2):
            try:
                return self._get(path, headers or {})
            except (ConnectionError, EOFError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _get(self, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
        sock = self.sock or self._connect()
        lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n{lines}\r\n".encode("latin-1"))
        head = self._until(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        fields = {name.strip().lower(): value.strip() for name, _, value in (h.partition(":") for h in header_lines)}
        if "content-length" in fields:
            body = self._exactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self._until(b"\r\n").split(b";")[0], 16):
                chunks.append(self._exactly(size))
                self._exactly(2)
            self._until(b"\r\n")  # no trailers are sent
            body = b"".join(chunks)
        else:
            raise AssertionError(f"{path}: an answer without length: {head!r}")
        if fields.get("connection", "").lower() == "close":
            self.close()
        return int(status_line.split(" ", 2)[1]), body

    def _fill(self) -> None:
        assert self.sock is not None
        data = self.sock.recv(1 << 20)
        if not data:
            raise EOFError("the server closed the connection")
        self.buffer += data

    def _until(self, marker: bytes) -> bytes:
        while (end := self.buffer.find(marker)) < 0:
            self._fill()
        found, self.buffer = self.buffer[:end], self.buffer[end + len(marker):]
        return found

    def _exactly(self, size: int) -> bytes:
        if len(self.buffer) >= size:
            found, self.buffer = self.buffer[:size], self.buffer[size:]
            return found
        parts, have = [self.buffer], len(self.buffer)
        assert self.sock is not None
        while have < size:
            data = self.sock.recv(min(size - have, 1 << 22))
            if not data:
                raise EOFError("the server closed the connection")
            parts.append(data)
            have += len(data)
        self.buffer = b""
        return b"".join(parts)

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buffer = None, b""


def get(port: int, path: str, headers: dict[str, str] | None = None,
        connection: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    """One GET; on a kept-alive connection the server closed meanwhile (idle past uvicorn's 5 s), once more."""
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    for attempt in (1, 2):
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            body = response.read()
            break
        except (http.client.RemoteDisconnected, ConnectionError):
            conn.close()  # http.client reconnects on the next request
            if attempt == 2:
                raise
    if connection is None:
        conn.close()
    return response.status, body


# --------------------------------------------------------------------------------------------
# The calls
# --------------------------------------------------------------------------------------------


@dataclass
class Call:
    name: str
    path: str  # the API request
    raw: Callable[[], object]  # the same question, asked of the store in this process
    raw_is: str
    accept: str = "*/*"


def sparql_path(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    return ox.NamedNode(str(term)) if isinstance(term, URIRef) else ox.Literal(str(term))


def ox_json(raw: ox.Store, query: str) -> Callable[[], object]:
    """pyoxigraph answering a SELECT or ASK query as SPARQL JSON bytes."""

    def answer() -> object:
        results = raw.query(query)
        assert isinstance(results, ox.QuerySolutions | ox.QueryBoolean)
        return results.serialize(format=ox.QueryResultsFormat.JSON)

    return answer


def ox_turtle(raw: ox.Store, query: str) -> Callable[[], object]:
    """pyoxigraph answering a CONSTRUCT or DESCRIBE query as Turtle bytes."""

    def answer() -> object:
        triples = raw.query(query)
        assert isinstance(triples, ox.QueryTriples)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(kb.PREFIXES))

    return answer


def ox_page(raw: ox.Store, query: str, params: dict[str, Node], rows: int) -> Callable[[], object]:
    """pyoxigraph's first ``rows`` solutions of a query with bound values, each term read (a REST page)."""
    substitutions = {ox.Variable(name): ox_term(value) for name, value in params.items()}

    def page() -> object:
        solutions = raw.query(query, substitutions=substitutions)
        assert isinstance(solutions, ox.QuerySolutions)
        taken = []
        for solution in solutions:
            taken.append([None if term is None else term.value for term in solution])
            if len(taken) == rows:
                break
        return taken

    return page


def calls(store: kb.Store, raw: ox.Store, scale: int) -> list[Call]:
    prefix = "" if scale == 1 else "synth-00001-"
    mandate = f"{kb.BASE}doc/{prefix}iacml21-plan-of-action/art_7__para_g"
    document = f"{kb.BASE}doc/{prefix}wg1-2021-final-report"
    item_path = mandate[len(kb.BASE):]
    ask = PREFIX + f"ASK {{ <{mandate}> kb:derivedFrom ?x }}"
    ten = PREFIX + "SELECT ?m ?text WHERE { ?m a kb:Mandate ; kb:text ?text } LIMIT 10"
    hundred = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100"
    no_limit = PREFIX + f"SELECT ?p ?eId WHERE {{ ?p kb:inDocument <{document}> ; kb:eId ?eId }}"
    big = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10000"
    describe = f"DESCRIBE <{mandate}>"
    mandates = rest.provisions_query("Mandate", ())
    of_document = rest.provisions_query(None, ())
    documents = kb.get_query("documents")
    iri = URIRef(mandate)

    def item() -> object:
        kb.describe(store, iri)
        for query in (rest.LINKS_OUT_QUERY, rest.LINKS_IN_QUERY, rest.EVIDENCE_QUERY):
            store.select(query.text, {"item": iri})
        return kb.status_reason(store, kb.why(store, iri).row)

    return [
        Call("sparql ASK", sparql_path(ask), ox_json(raw, ask), "ox JSON"),
        Call("sparql SELECT 10 rows", sparql_path(ten), ox_json(raw, ten), "ox JSON"),
        Call("sparql SELECT 100 rows", sparql_path(hundred), ox_json(raw, hundred), "ox JSON"),
        Call("sparql SELECT, no LIMIT", sparql_path(no_limit), ox_json(raw, no_limit), "ox JSON"),
        Call("sparql SELECT 10000 rows", sparql_path(big), ox_json(raw, big), "ox JSON"),
        Call("sparql DESCRIBE (Turtle)", sparql_path(describe), ox_turtle(raw, describe), "ox Turtle"),
        Call("GET /api/mandates", "/api/mandates?limit=50", ox_page(raw, mandates, {}, 51), "ox 51 rows"),
        Call("GET /api/provisions?document", "/api/provisions?" + urllib.parse.urlencode(
            {"document": document, "limit": 50}), ox_page(raw, of_document, {"document": URIRef(document)}, 51),
             "ox 51 rows"),
        Call("GET /api/items/{mandate}", f"/api/items/{item_path}", item, "kb: describe, 3 selects, why"),
        Call("GET /{mandate} (Turtle)", f"/{item_path}", lambda: kb.describe(store, iri), "kb.describe",
             accept="text/turtle"),
        Call("GET /api/trace/{mandate}", f"/api/trace/{item_path}", lambda: kb.trace(store, iri), "kb.trace"),
        Call("GET /api/queries/documents", "/api/queries/documents", ox_json(raw, documents.text), "ox JSON"),
        Call("GET /api/mandates?status=no-evidence", "/api/mandates?status=no-evidence&limit=50",
             lambda: kb.status(store, value="no-evidence", kind="Mandate"), "kb.status"),
    ]


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


def percentiles(samples: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


def time_both(port: int, call: Call, requests: int,
              budget: float) -> tuple[list[float], list[float], list[float], int, int]:
    """Raw, API and floor (/health) latencies of one call, interleaved (one raw, one API request, one
    /health, ...) so that the machine's drift (other load, frequency) weighs on all alike; the last
    API status and body size."""
    conn = ThinClient(port)
    headers = {"Accept": call.accept}
    call.raw()
    gc.collect()  # the first run's parse leaves cycles holding store results: free them on this thread
    status, body = conn.get(call.path, headers)
    if (status, body) != get(port, call.path, headers):
        raise SystemExit(f"{call.name}: the thin client and http.client read different answers")
    raw: list[float] = []
    api: list[float] = []
    floor: list[float] = []
    end = time.monotonic() + budget
    while len(api) < requests and (len(api) < 5 or time.monotonic() < end):
        start = time.perf_counter()
        call.raw()
        raw.append(time.perf_counter() - start)
        start = time.perf_counter()
        status, body = conn.get(call.path, headers)
        api.append(time.perf_counter() - start)
        start = time.perf_counter()
        conn.get("/health")
        floor.append(time.perf_counter() - start)
    conn.close()
    return raw, api, floor, status, len(body)


def time_api(port: int, call: Call, requests: int, budget: float) -> list[float]:
    conn = ThinClient(port)
    headers = {"Accept": call.accept}
    conn.get(call.path, headers)
    samples: list[float] = []
    end = time.monotonic() + budget
    while len(samples) < requests and (len(samples) < 5 or time.monotonic() < end):
        start = time.perf_counter()
        conn.get(call.path, headers)
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def throughput(port: int, call: Call, clients: int, seconds: float) -> float:
    counts = [0] * clients
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        conn = ThinClient(port)
        while time.monotonic() < stop:
            conn.get(call.path, {"Accept": call.accept})
            counts[index] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started)


@dataclass
class Row:
    scale: int
    triples: int
    call: str
    raw_is: str
    status: int
    bytes: int
    raw_p50: float
    raw_p99: float
    api_p50: float
    api_p99: float
    floor_p50: float
    rps: float
    samples: int
    verdict: str = ""


def verdict(row: Row, rows_in_answer: int | None) -> str:
    if row.status != 200:
        return f"HTTP {row.status}"
    if row.raw_p50 > 50:
        return "ok" if row.api_p50 <= 1.1 * row.raw_p50 else f"{row.api_p50 / row.raw_p50:.2f}x > 1.1x"
    if rows_in_answer is not None and rows_in_answer <= 100:
        return "ok" if row.api_p50 - row.raw_p50 <= 1.0 else f"+{row.api_p50 - row.raw_p50:.2f} ms > 1 ms"
    return "-"


def answer_rows(call: Call, body: bytes) -> int | None:
    if not call.path.startswith("/sparql") and "/api/queries/" not in call.path:
        return None if "status=" in call.path or "/items/" in call.path or "/trace/" in call.path else 50
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if "boolean" in data:
        return 1
    return len(data["results"]["bindings"])


@dataclass
class SlowEffect:
    scale: int
    call: str
    alone_p50: float
    alone_p99: float
    with_bombs_p50: float
    with_bombs_p99: float
    after_p50: float
    after_p99: float
    bombs: int
    bomb_seconds: list[float] = field(default_factory=list)
    bomb_statuses: list[int] = field(default_factory=list)  # 503: stopped at the time limit (or out of memory)


def slow_query_effect(port: int, call: Call, requests: int, scale: int) -> SlowEffect:
    """p50/p99 of a simple call alone, while cross-product bombs run one after another, and alone again."""
    alone = percentiles(time_api(port, call, requests, 60))
    stop = threading.Event()
    bomb_times: list[float] = []
    bomb_statuses: list[int] = []

    def bombs() -> None:
        while not stop.is_set():
            start = time.perf_counter()
            status, _ = get(port, sparql_path(BOMB))
            bomb_times.append(time.perf_counter() - start)
            bomb_statuses.append(status)

    thread = threading.Thread(target=bombs)
    thread.start()
    time.sleep(0.3)
    loaded = percentiles(time_api(port, call, requests, 60))
    stop.set()
    thread.join()
    after = percentiles(time_api(port, call, requests, 60))
    return SlowEffect(scale, call.name, *alone, *loaded, *after, len(bomb_times), [round(t, 2) for t in bomb_times],
                      bomb_statuses)


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(header, widths, strict=True))),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
              for r in rows]
    return "\n".join(lines)


def render(rows: Sequence[Row], effects: Sequence[SlowEffect]) -> str:
    out = [_table(["call", "scale", "triples", "raw is", "raw p50", "raw p99", "api p50", "api p99", "api-raw",
                   "api/raw", "floor", "rps", "bytes", "goal"],
                  [[r.call, str(r.scale), f"{r.triples:,}", r.raw_is, f"{r.raw_p50:.2f}", f"{r.raw_p99:.2f}",
                    f"{r.api_p50:.2f}", f"{r.api_p99:.2f}", f"{r.api_p50 - r.raw_p50:+.2f}",
                    f"{r.api_p50 / r.raw_p50:.2f}x" if r.raw_p50 else "-", f"{r.floor_p50:.2f}", f"{r.rps:,.0f}",
                    f"{r.bytes:,}", r.verdict] for r in rows]),
           "(ms; raw = the same question asked of the store in this process (ox = pyoxigraph itself, kb = the library "
           "calls the route makes); floor = GET /health in the same loop: the HTTP client, loopback and server cost "
           "per request, included in api-raw; rps with concurrent clients)", ""]
    if effects:
        out.append(_table(["simple call", "scale", "alone p50", "alone p99", "bombs p50", "bombs p99", "after p50",
                           "after p99", "bombs (each stopped after: HTTP status)"],
                          [[e.call, str(e.scale), f"{e.alone_p50:.2f}", f"{e.alone_p99:.2f}", f"{e.with_bombs_p50:.2f}",
                            f"{e.with_bombs_p99:.2f}", f"{e.after_p50:.2f}", f"{e.after_p99:.2f}",
                            f"{e.bombs} ({_bombs(e)})"] for e in effects]))
    return "\n".join(out)


def _bombs(effect: SlowEffect) -> str:
    return ", ".join(f"{s}s: {c}" for s, c in zip(effect.bomb_seconds, effect.bomb_statuses, strict=True))


def machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "pyoxigraph": _version("pyoxigraph"), "fastapi": _version("fastapi"), "uvicorn": _version("uvicorn")}


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--requests", type=int, default=300, help="sequential requests per call (p50, p99)")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds at most per call and side")
    parser.add_argument("--clients", type=int, default=4, help="concurrent connections for requests per second")
    parser.add_argument("--seconds", type=float, default=3.0, help="duration of the throughput measurement")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kb-bench-api"))
    parser.add_argument("--calls", nargs="*", default=None, help="only the calls whose name contains one of these")
    parser.add_argument("--slow-effect", action="store_true", help="with --calls: the slow-query check too")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    rounds: dict[str, list[list[float]]] = {}  # each call's rounds: raw, API and floor ms, in the order taken
    effects: list[SlowEffect] = []
    load: dict[str, list[float]] = {}  # the machine's load averages (1, 5, 15 min) as each scale starts and ends
    for scale in args.scales:
        store_path = prepare_store(scale, args.work)
        load[f"{scale} start"] = [round(x, 2) for x in os.getloadavg()]
        _log(f"scale {scale}: starting the server on {store_path}; load average {load[f'{scale} start']}")
        server = start_server(store_path, args.work / f"server-{scale}.log")
        store = kb.open_store(store_path)
        raw_store = ox.Store.read_only(str(store_path))
        triples = store.triple_count()
        try:
            for call in calls(store, raw_store, scale):
                if args.calls and not any(part in call.name for part in args.calls):
                    continue
                _log(f"scale {scale}: {call.name}")
                raw, api, floor, status, size = time_both(server.port, call, args.requests, args.budget)
                (raw_p50, raw_p99), (api_p50, api_p99), samples = percentiles(raw), percentiles(api), len(api)
                _, body = get(server.port, call.path, {"Accept": call.accept})
                rps = throughput(server.port, call, args.clients, args.seconds) if status == 200 else 0.0
                row = Row(scale, triples, call.name, call.raw_is, status, size, raw_p50, raw_p99, api_p50, api_p99,
                          percentiles(floor)[0], rps, samples)
                row.verdict = verdict(row, answer_rows(call, body))
                rows.append(row)
                rounds[f"{scale} {call.name}"] = [[round(x * 1000, 4) for x in one]
                                                  for one in zip(raw, api, floor, strict=True)]
                _log(render([row], []).splitlines()[2])
            simple = calls(store, raw_store, scale)
            for call in (simple[1], simple[6]) if not args.calls or args.slow_effect else ():
                _log(f"scale {scale}: {call.name} while bombs run")
                effects.append(slow_query_effect(server.port, call, args.requests, scale))
        finally:
            store.close()
            del raw_store
            stop_server(server)
            load[f"{scale} end"] = [round(x, 2) for x in os.getloadavg()]
    report = render(rows, effects) + "\nload average (1, 5, 15 min) on this 2-core machine: " + ", ".join(
        f"{k}: {v}" for k, v in load.items())
    print(report)
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = OUT / f"api-{stamp}.json"
    path.write_text(json.dumps({"machine": machine(), "load_average": load,
                                "settings": {k: str(v) for k, v in vars(args).items()},
                                "rows": [asdict(r) for r in rows], "slow_query_effect": [asdict(e) for e in effects]},
                               indent=2), encoding="utf-8")
    path.with_name(f"api-{stamp}-rounds.json").write_text(json.dumps(rounds), encoding="utf-8")
    _log(f"written to {path} (each round's times: {path.stem}-rounds.json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
