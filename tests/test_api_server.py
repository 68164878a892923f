"""The real server the web-layer tests talk to: a uvicorn process on 127.0.0.1, started and stopped here.

:func:`running_server` starts the server as ``kb serve`` does (``python -m kb.cli serve --store STORE``:
uvicorn over the protocol of :mod:`api.http`, the Host check on) on a free loopback port with any
``KB_*`` limits in its environment, waits until ``/health`` answers, and on exit stops it with
SIGTERM (the app's shutdown stops its query workers), killing it only if it does not stop. The
other API test modules import it; the tests here check the process's own life: it starts on a built
store, it refuses to start without one, and it leaves no worker process behind.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

import kb
from api.workers import SPOOL_BYTES

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 90
STOP_SECONDS = 15


@dataclass
class Server:
    url: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]
    log: Path
    review_url: str = ""  # in curator mode, the review page's address as printed, with its token

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc), e.g. the forkserver and the query workers."""
    children: dict[int, set[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] == "Z":  # a zombie is already dead
            continue
        children.setdefault(int(fields[1]), set()).add(int(entry.name))
    found: set[int] = set()
    pending = [pid]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


@contextmanager
def running_server(store: Path | str, log: Path, **limits: str) -> Iterator[Server]:
    """``kb serve`` serving ``store``; ``limits`` become KB_* environment variables (time_limit="2"), but
    ``curator_corpus`` becomes ``--curator --corpus`` (only that serves the review page), and ``follow``
    (with an empty ``store``) ``--build-dir``: the server follows that build folder's releases."""
    port = free_port()
    curator = limits.pop("curator_corpus", None)
    follow = limits.pop("follow", None)
    env = {**{k: v for k, v in os.environ.items() if k not in ("KB_STORE", "KB_FOLLOW")},
           **{f"KB_{k.upper()}": v for k, v in limits.items()}}
    command = serve_command(store, port) + (["--curator", "--corpus", curator] if curator else [])
    if follow:
        command = [*command[:command.index("--store")], *command[command.index("--store") + 2:],
                   "--build-dir", follow]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_healthy(server)
        if curator:
            printed = re.search(r"review suggested links at (\S+)", server.log_text())
            assert printed is not None, server.log_text()
            server.review_url = printed.group(1)
        yield server
    finally:
        stop(server)


def serve_command(store: Path | str, port: int) -> list[str]:
    """What ``kb serve --store STORE --port PORT`` runs, with this interpreter."""
    return [sys.executable, "-m", "kb.cli", "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)]


def _wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"the server exited with {server.process.returncode}:\n{server.log_text()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not answer /health within {STARTUP_SECONDS} s:\n{server.log_text()}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


# --------------------------------------------------------------------------------------------
# The process's own life
# --------------------------------------------------------------------------------------------


def test_server_starts_serves_and_leaves_no_worker_behind(built_release: Any, tmp_path: Path) -> None:
    store = built_release.store_path
    with running_server(store, tmp_path / "server.log", workers="2") as server:
        health = httpx.get(f"{server.url}/health").json()
        assert health["status"] == "ok"
        assert health["workers"]["workers"] == 2
        below = descendants(server.process.pid)
        assert len(below) >= 3, below  # the forkserver and two workers
        answer = httpx.get(f"{server.url}/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert answer.status_code == 200 and answer.json()["boolean"] is True
        spools = spool_folders(server.process.pid)
        assert len(spools) == 1
        files = sorted(spools[0].iterdir())
        assert len(files) == 3  # one answer file per worker: the two, and the reserve's warm one
        for _ in range(4):  # each worker answers twice: its file is written over, not added to
            large = httpx.get(f"{server.url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3000"})
            assert large.status_code == 200 and len(large.content) > SPOOL_BYTES  # passed through the file
        assert sorted(spools[0].iterdir()) == files
        sizes = sorted(path.stat().st_size for path in files)
        assert sizes == [0, 1 << 20, 1 << 20]  # grown once, to 1 MB, then reused (the reserve's unused)
    assert server.process.returncode is not None
    assert not spool_folders(server.process.pid), "the spool folder outlived the server"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() and _alive(pid) for pid in below):
        time.sleep(0.1)
    assert not [pid for pid in below if _alive(pid)], "query workers outlived the server"


def spool_folders(pid: int) -> list[Path]:
    """The spool folders of the query pool of the server process ``pid`` (api.workers)."""
    return [path for folder in {Path("/dev/shm"), Path(tempfile.gettempdir())} if folder.is_dir()
            for path in folder.glob(f"kb-answers-{pid}-*")]


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def test_server_refuses_to_start_without_a_store(tmp_path: Path) -> None:
    result = subprocess.run(serve_command(tmp_path / "no-such-store", free_port()), cwd=ROOT, capture_output=True,
                            timeout=60)
    assert result.returncode == 2
    assert b"no store at" in result.stderr


def test_server_serves_a_remote_sparql_endpoint(built_release: Any, oxigraph_server: str, tmp_path: Path) -> None:
    """``kb serve --store URL``: the same app over an Oxigraph server holding the build."""
    kb.RemoteStore(f"{oxigraph_server}/query").replace_all(Path(built_release.dump("nt")))
    mandate = f"{kb.BASE}doc/iacml21-plan-of-action/art_7__para_g"
    with running_server(f"{oxigraph_server}/query", tmp_path / "server.log") as server:
        ask = httpx.get(f"{server.url}/sparql", params={"query": f"ASK {{ <{mandate}> ?p ?o }}"})
        assert ask.status_code == 200 and ask.json()["boolean"] is True
        mandates = httpx.get(f"{server.url}/api/mandates", params={"limit": 500}).json()["items"]
        assert mandate in {m["iri"] for m in mandates}
        page = httpx.get(f"{server.url}/doc/iacml21-plan-of-action/art_7__para_g",
                         headers={"Accept": "application/n-triples"})
        assert page.status_code == 200 and f"<{mandate}>" in page.text
        html = httpx.get(f"{server.url}/doc/iacml21-plan-of-action/art_7__para_g", headers={"Accept": "text/html"})
        assert html.status_code == 200 and "status could not be computed" not in html.text  # the rules ran remotely
        item = httpx.get(f"{server.url}/api/items/doc/iacml21-plan-of-action/art_7__para_g").json()
        assert item["status"]["status"]["response"]["value"] == "addressed", item
        refused = httpx.get(f"{server.url}/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> "
                                                                     "{ ?s ?p ?o } }"})
        assert refused.status_code == 400
        assert httpx.get(f"{server.url}/dumps/kb.nt").status_code == 404  # a remote store has no dumps here


def test_kb_serve_says_ready_when_it_answers(built_release: Any, tmp_path: Path) -> None:
    """`kb serve` printed "serving ... on http://..." seconds before the port accepted a connection (the store
    opened, the queries prepared, the workers started): a curator's first click after it was refused. It says it
    is starting, then "ready" once it answers; `python -m kb` runs the same command."""
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "kb", *serve_command(built_release.store_path, port)[3:]]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while "ready: " not in server.log_text():
            assert process.poll() is None and time.monotonic() < deadline, server.log_text()
            time.sleep(0.05)
        assert httpx.get(f"{server.url}/health", timeout=5).status_code == 200  # at once, no retry
        lines = server.log_text().splitlines()
        assert lines[0].startswith(f"starting: {built_release.store_path} on http://127.0.0.1:{port}/")
        assert f"ready: http://127.0.0.1:{port}/ answers" in lines
    finally:
        stop(server)
