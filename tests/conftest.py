"""Shared pytest fixtures. Keep each group under its own comment heading."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

# --------------------------------------------------------------------------------------------
# oxigraph_server: a real Oxigraph SPARQL server on loopback (kb.store's remote backend)
# --------------------------------------------------------------------------------------------

OXIGRAPH_STARTUP_SECONDS = 30
OXIGRAPH_QUERY_TIMEOUT_SECONDS = 30  # the server cancels runaway test queries after this


def _oxigraph_binary() -> str:
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.is_file():
        return str(beside_python)
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` server is not installed: pip install -e '.[test]'")
    return found


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_answering(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + OXIGRAPH_STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve exited with {process.returncode}: {log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base_url}/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    pytest.fail(f"oxigraph serve did not answer at {base_url} within {OXIGRAPH_STARTUP_SECONDS} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of an ``oxigraph serve`` process for the session.

    Queries at ``{base}/query``, Graph Store Protocol at ``{base}/store``. Its data lives in a
    temporary folder; tests load what they need (``RemoteStore.replace_all``).
    """
    workdir = tmp_path_factory.mktemp("oxigraph")
    port = _free_loopback_port()
    base_url = f"http://127.0.0.1:{port}"
    log = workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [_oxigraph_binary(), "serve", "--location", str(workdir / "data"), "--bind", f"127.0.0.1:{port}",
             "--timeout-s", str(OXIGRAPH_QUERY_TIMEOUT_SECONDS)],
            stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_answering(process, base_url, log)
        yield base_url
    finally:
        _stop(process)


# --------------------------------------------------------------------------------------------
# built_release / build_dir: one real `kb build` of the shipped corpus, shared by the session
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory holding one published build of the real corpus (see built_release)."""
    return tmp_path_factory.mktemp("kb-build")


@pytest.fixture(scope="session")
def built_release(build_dir: Path) -> object:
    """The release published by ``kb.build`` of the shipped corpus into ``build_dir``."""
    import kb

    release, _ = kb.build(build_dir=build_dir)
    return release


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus, for tests that break it on purpose."""
    from kb.corpus import default_corpus_dir

    target = tmp_path / "corpus"
    shutil.copytree(default_corpus_dir(), target)
    return target
