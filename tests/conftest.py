"""Shared pytest fixtures. Keep each group under its own comment heading."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest

# --------------------------------------------------------------------------------------------
# the cache folder: the run's own, never the user's
# --------------------------------------------------------------------------------------------

_CACHE_MADE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """kb keeps the analyses of its own queries in a cache folder ($KB_CACHE_DIR): the suite's processes share
    one made for the run (xdist's workers inherit it), not the user's ~/.cache, unless the caller names one."""
    if "KB_CACHE_DIR" not in os.environ and not hasattr(config, "workerinput"):
        folder = tempfile.mkdtemp(prefix="iacml-kb-test-cache-")
        os.environ["KB_CACHE_DIR"] = folder
        config.stash[_CACHE_MADE] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE_MADE, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# the order of files: the long ones first
# --------------------------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """xdist hands out whole files in the order collected (``--no-loadscope-reorder`` in pyproject.toml): the
    files marked ``long_tests`` first, then the rest by number of tests, so that no core waits at the end of
    the run on a file of a few long tests handed out last (xdist's own order is by number of tests alone)."""
    files: dict[Path, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.path, []).append(item)

    def key(path: Path) -> tuple[bool, int]:
        return files[path][0].get_closest_marker("long_tests") is None, -len(files[path])

    items[:] = [item for path in sorted(files, key=key) for item in files[path]]


# --------------------------------------------------------------------------------------------
# the environment: restored after every test
# --------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _environment_restored() -> Iterator[None]:
    """The environment as it was before each test: ``kb serve`` hands its settings (allowed hosts, public
    URL, store) to its workers through the environment, and a test running it in-process must not leave
    them to whichever test its worker runs next (an app created later would refuse Host ``testserver``)."""
    with mock.patch.dict(os.environ):
        yield


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


def _wait_until_answering(process: subprocess.Popen[bytes], query_url: str, log: Path, name: str,
                          seconds: float) -> None:
    """Until the SPARQL endpoint at ``query_url`` answers ``ASK {}``; fails with the server's log if the
    process exits or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} exited with {process.returncode}: {log.read_text(errors='replace')}")
        try:
            if httpx.get(query_url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    pytest.fail(f"{name} did not answer at {query_url} within {seconds} s: {log.read_text(errors='replace')}")


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
        _wait_until_answering(process, f"{base_url}/query", log, "oxigraph serve", OXIGRAPH_STARTUP_SECONDS)
        yield base_url
    finally:
        _stop(process)


# --------------------------------------------------------------------------------------------
# virtuoso_server: Debian's Virtuoso 7 (virtuoso-opensource-7), the other engine a user may move to
# --------------------------------------------------------------------------------------------

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
VIRTUOSO_STARTUP_SECONDS = 120


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """``(sparql_url, graph_store_url)`` of a Virtuoso 7 process for the session, its database in a
    temporary folder, on free loopback ports; the Graph Store may be written without credentials
    (``SPARQL_UPDATE`` granted to the anonymous ``SPARQL`` user, as an operator would on loopback)."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None or not VIRTUOSO_INI.is_file():
        reason = "Virtuoso 7 is not installed (Debian's virtuoso-opensource-7; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs it: missing there is a broken machine, not a choice
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = _free_loopback_port(), _free_loopback_port()
    ini = VIRTUOSO_INI.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db", str(workdir))
    lines = []
    section = ""
    for line in ini.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        if stripped.startswith("ServerPort"):
            line = f"ServerPort = 127.0.0.1:{sql_port if section == '[Parameters]' else http_port}"
        if stripped.startswith("ThreadsPerQuery"):  # as the README tells operators: with Debian's 4, Virtuoso
            line = "ThreadsPerQuery = 1"  # 7.2 drops rows of cq05 while other queries run (README)
        lines.append(line)
    config = workdir / "virtuoso.ini"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    log = workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(config)], cwd=workdir,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_answering(process, f"{base}/sparql", log, "virtuoso-t", VIRTUOSO_STARTUP_SECONDS)
        granted = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                                  "exec=grant SPARQL_UPDATE to \"SPARQL\";"], capture_output=True, text=True,
                                 timeout=60)
        assert granted.returncode == 0, granted.stdout + granted.stderr
        yield f"{base}/sparql", f"{base}/sparql-graph-crud"
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
def published_build(built_release: object, build_dir: Path, tmp_path: Path) -> Path:
    """A build folder of its own holding one release of the shipped corpus: what ``kb.build`` of an unchanged
    copy publishes (builds are deterministic), copied from the session's build rather than built again."""
    target = tmp_path / "build"
    shutil.copytree(build_dir, target, symlinks=True)
    return target


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus, for tests that break it on purpose."""
    from kb.corpus import default_corpus_dir

    target = tmp_path / "corpus"
    shutil.copytree(default_corpus_dir(), target)
    return target


# --------------------------------------------------------------------------------------------
# browser: a real server on the built corpus (site) and headless Chromium driving it (browser)
# --------------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")  # Debian's chromium-driver: the exact version of its chromium
BROWSER_PAGE_LOAD_SECONDS = 60


@pytest.fixture(scope="session")
def site(built_release: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of a uvicorn process serving the built corpus, for the session."""
    from test_api_server import running_server

    log = tmp_path_factory.mktemp("site") / "server.log"
    # generous limits: these tests read pages, on a machine the other workers load (limits: test_api_hostile.py)
    with running_server(built_release.store_path, log, time_limit="30", reserve_time_limit="10") as server:
        yield server.url


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium (Selenium 4 WebDriver over Debian's chromium and chromedriver), quit after the session.

    Its performance log records the page's network requests: see the ``requests_made`` fixture.
    """
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    if missing:
        pytest.fail(f"browser tests need Debian's Chromium and its driver; missing {', '.join(missing)}: run "
                    "`bash .ci/run` or `apt-get install chromium chromium-driver`")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("browser tests need Selenium: pip install -e '.[test]'")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--disable-default-apps", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    log = tmp_path_factory.mktemp("chromedriver") / "chromedriver.log"
    try:
        driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER),
                                                                    log_output=str(log)))
    except Exception as error:  # selenium raises its own WebDriverException, or OSError from the process
        pytest.fail(f"headless Chromium did not start ({error}); chromium and chromium-driver must be the same "
                    f"version (`apt-get install chromium chromium-driver`); driver log: {log}")
    driver.set_page_load_timeout(BROWSER_PAGE_LOAD_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def requests_made(browser: Any) -> Callable[[], list[str]]:
    """A function returning the URLs the browser requested since this test started (from its performance log)."""
    browser.get_log("performance")  # drain what earlier tests left

    def made() -> list[str]:
        urls = []
        for entry in browser.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    return made
