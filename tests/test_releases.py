"""A server and the builds around it: it follows each new release, keeps the one it serves from being
pruned, says why when its workers cannot start, and recovers when the store is back.

Releases are made by copying the session's real build (a release folder is self-contained) and
moving ``current`` the way ``kb.build`` does, so each case takes seconds, not a build each; the
second release differs by one triple written into its store, so the tests can tell which one
answered.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from test_api_server import descendants, running_server

import kb
from kb.publish import prune

pytestmark = pytest.mark.long_tests

MARK = "ASK { <urn:kb-test:new-release> <urn:kb-test:p> \"yes\" }"
BOMB = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def make_release(source: Any, build_dir: Path, version: str, *, marked: bool = False, age: float = 0.0) -> Path:
    """A copy of ``source``'s release as ``build_dir/releases/version`` (its store with the marker
    triple if ``marked``), ``age`` seconds older than now."""
    target = build_dir / "releases" / version
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source.path, target)
    if marked:
        store = ox.Store(str(target / "store"))
        store.add(ox.Quad(ox.NamedNode("urn:kb-test:new-release"), ox.NamedNode("urn:kb-test:p"),
                          ox.Literal("yes")))
        store.flush()
        del store
    stamp = time.time() - age
    os.utime(target, (stamp, stamp))
    return target


def point_current(build_dir: Path, release: Path) -> None:
    """Move ``current`` atomically, as a build does."""
    link = build_dir / "current.new"
    link.unlink(missing_ok=True)
    link.symlink_to(Path("releases") / release.name)
    link.replace(build_dir / "current")


def wait_for(condition: Any, seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"not within {seconds} s: {what}")


def query_workers(server: Any) -> set[int]:
    """The worker processes: the server's grandchildren (its children are the forkserver and the like)."""
    below = descendants(server.process.pid)
    return below - {pid for pid in below if _parent(pid) == server.process.pid}


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return -1
    return int(stat[stat.rindex(")") + 2:].split()[1])


# --------------------------------------------------------------------------------------------
# The library: pruning leaves held releases alone
# --------------------------------------------------------------------------------------------


def test_prune_keeps_the_newest_the_current_and_every_held_release(built_release: Any, tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    releases = [make_release(built_release, build_dir, f"r{i}", age=100 - i) for i in range(6)]
    point_current(build_dir, releases[5])
    with kb.hold_release(releases[0]):
        held = prune(build_dir)
        assert held == [releases[0]]
        assert [p.name for p in sorted((build_dir / "releases").iterdir())] == ["r0", "r3", "r4", "r5"]
    assert prune(build_dir) == []  # released: the next build prunes it
    assert [p.name for p in sorted((build_dir / "releases").iterdir())] == ["r3", "r4", "r5"]


def test_holding_a_release_that_is_gone_says_so(tmp_path: Path) -> None:
    with pytest.raises(kb.StoreError, match="no release at"):
        kb.hold_release(tmp_path / "releases" / "gone")


# --------------------------------------------------------------------------------------------
# A server following a build folder
# --------------------------------------------------------------------------------------------


def test_a_new_build_is_live_without_a_restart(built_release: Any, tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    first = make_release(built_release, build_dir, "v1", age=60)
    point_current(build_dir, first)
    with running_server("", tmp_path / "server.log", follow=str(build_dir), release_poll="0.2",
                        time_limit="3") as server:
        health = httpx.get(f"{server.url}/health").json()
        assert health["release"] == "v1" and health["following"] == str(build_dir.resolve())
        assert httpx.get(f"{server.url}/sparql", params={"query": MARK}).json()["boolean"] is False
        old_workers = query_workers(server)
        assert old_workers

        # a request in flight when the switch happens finishes on the release it started on
        out: dict[str, Any] = {}

        def bomb() -> None:
            out["bomb"] = httpx.get(f"{server.url}/sparql", params={"query": BOMB}, timeout=30)

        thread = threading.Thread(target=bomb)
        thread.start()
        time.sleep(0.3)
        second = make_release(built_release, build_dir, "v2", marked=True)
        point_current(build_dir, second)
        wait_for(lambda: httpx.get(f"{server.url}/health").json()["release"] == "v2", 20, "switch to v2")
        assert httpx.get(f"{server.url}/sparql", params={"query": MARK}).json()["boolean"] is True
        assert httpx.get(f"{server.url}/api").json()["version"] == "v2"
        assert httpx.get(f"{server.url}/dumps/kb.nt").status_code == 200
        thread.join()
        assert out["bomb"].status_code == 503, out["bomb"].text
        assert out["bomb"].json()["error"]["title"] == "Query Timed Out"  # its own answer, not a closed store

        # once its last request ended, the old release's workers are gone and a build may prune it
        wait_for(lambda: not (old_workers & descendants(server.process.pid)), 15, "old workers stopped")
        for i in range(3):
            make_release(built_release, build_dir, f"v{3 + i}", age=-i)
        point_current(build_dir, build_dir / "releases" / "v5")
        wait_for(lambda: httpx.get(f"{server.url}/health").json()["release"] == "v5", 20, "switch to v5")
        prune(build_dir)
        assert not first.exists()
        assert "now serving release v2 (was v1)" in server.log_text()


def test_a_release_that_cannot_be_opened_is_reported_and_the_old_one_served(built_release: Any,
                                                                             tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    first = make_release(built_release, build_dir, "v1", age=60)
    point_current(build_dir, first)
    with running_server("", tmp_path / "server.log", follow=str(build_dir), release_poll="0.2") as server:
        broken = build_dir / "releases" / "v2"
        broken.mkdir()  # a release folder without a store
        point_current(build_dir, broken)
        health = wait_for(lambda: (h := httpx.get(f"{server.url}/health").json()).get("releaseError") and h, 20,
                          "the refusal reported")
        assert health["status"] == "ok" and health["release"] == "v1"
        assert "cannot serve release v2" in health["releaseError"]
        assert httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}).status_code == 200
        assert "cannot serve release v2" in server.log_text()


# --------------------------------------------------------------------------------------------
# A server on a fixed release: never pruned under it; workers that cannot start
# --------------------------------------------------------------------------------------------


def test_builds_never_prune_the_release_a_server_serves(built_release: Any, tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    served = make_release(built_release, build_dir, "v1", age=60)
    point_current(build_dir, served)
    with running_server(served / "store", tmp_path / "server.log") as server:
        for i in range(3):  # three more builds, each pruning
            point_current(build_dir, make_release(built_release, build_dir, f"v{2 + i}", age=-i))
            prune(build_dir)
        assert served.exists()
        for _ in range(2):  # workers killed: their replacements open the same store
            for pid in query_workers(server):
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
            answer = httpx.get(f"{server.url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
            assert answer.status_code == 200, answer.text
        wait_for(lambda: httpx.get(f"{server.url}/health").json()["workers"]["workers"] >= 2, 15, "pool refilled")


def test_workers_that_cannot_start_say_why_and_the_pool_recovers(built_release: Any, tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    served = make_release(built_release, build_dir, "v1")
    point_current(build_dir, served)
    kept = tmp_path / "kept-store"
    with running_server(served / "store", tmp_path / "server.log", time_limit="5", reserve_workers="0") as server:
        shutil.move(served / "store", kept)  # the store taken away by hand, under the server
        for pid in query_workers(server):
            os.kill(pid, signal.SIGKILL)
        # degraded with its reason: between a worker's death and its replacement's failure to start the
        # pool is empty for a moment with no reason yet
        health = wait_for(lambda: (r := httpx.get(f"{server.url}/health")).status_code == 503
                          and "error" in r.json()["workers"] and r.json(), 20, "health degraded, saying why")
        assert "store" in health["workers"]["error"], health
        started = time.monotonic()
        answer = httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}, timeout=30)
        assert answer.status_code == 503
        assert "no query worker can start" in answer.json()["error"]["detail"]
        assert time.monotonic() - started < 5, "the request waited although no worker could start"
        shutil.move(kept, served / "store")  # back: the pool heals by itself
        wait_for(lambda: httpx.get(f"{server.url}/health").status_code == 200, 30, "pool recovered")
        assert httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"}).status_code == 200
        assert "cannot start a query worker" in server.log_text()
