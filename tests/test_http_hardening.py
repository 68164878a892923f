"""HTTP hardening against a real server started as ``kb serve`` starts it (:mod:`api.http`, :mod:`api.hosts`).

Each probe is one a public read-only service meets: a header section too large, headers or a body
trickled in (slowloris), a client gone mid-body, a Host naming someone else's site, a malformed
request, a refused CORS preflight, and Apache Jena's POST asking to upgrade to HTTP/2 (``h2c``).
The limits are set small (1 s) so the probes are quick; the timing asserted is only "closed
before a generous bound".
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_api_server import ROOT, Server, free_port, running_server

import kb
from api.settings import Settings

HEADER_TIMEOUT = 1
BODY_TIMEOUT = 1
CLOSED_WITHIN = 15.0  # seconds: far above the 1 s limits, so a slow machine does not fail the test
PUBLIC = "https://kb.example.org"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def server(built_release: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("hardening") / "server.log"
    with running_server(built_release.store_path, log, header_timeout=str(HEADER_TIMEOUT),
                        body_timeout=str(BODY_TIMEOUT)) as running:
        yield running


@pytest.fixture(scope="module")
def public_server(built_release: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("hardening-public") / "server.log"
    with running_server(built_release.store_path, log, public_url=PUBLIC) as running:
        yield running


def connect(server: Server, timeout: float = CLOSED_WITHIN) -> socket.socket:
    host, port = server.url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    sock.settimeout(timeout)
    return sock


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (a reset after its answer still keeps the answer)."""
    received = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += chunk


def exchange(server: Server, request: bytes) -> bytes:
    with connect(server) as sock:
        sock.sendall(request)
        return read_all(sock)


def split(response: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers, body


def assert_error_shape(response: bytes, status: int, parameter: str | None = None) -> dict[str, Any]:
    got, headers, body = split(response)
    assert got == status, response[:300]
    assert headers["content-type"].startswith("application/json")
    error: dict[str, Any] = json.loads(body)["error"]
    assert error["status"] == status and error["detail"] and error["parameter"] == parameter
    return error


def assert_healthy(server: Server) -> None:
    started = time.monotonic()
    assert httpx.get(f"{server.url}/health", timeout=10).status_code == 200
    assert time.monotonic() - started < 5


# --------------------------------------------------------------------------------------------
# Size and time limits below the app (api.http)
# --------------------------------------------------------------------------------------------


def test_a_1_mb_header_is_refused_and_the_server_answers_at_once(server: Server) -> None:
    request = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n"
    with connect(server) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # refused before all was sent:
            sock.sendall(request)  # the answer may still be there to read
        answer = read_all(sock)
    if answer:  # what a client sees (measured: the 431 every time)
        assert_error_shape(answer, 431)
    assert_healthy(server)


def test_headers_trickled_in_are_cut_off(server: Server) -> None:
    """Slowloris: one byte every 0.5 s never completes the headers; the deadline closes the connection."""
    request = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: yes\r\n" * 200
    with connect(server, timeout=0.5) as sock:
        started = time.monotonic()
        answer, closed = b"", False
        for byte in request:
            if time.monotonic() - started > CLOSED_WITHIN:
                break
            try:
                sock.send(bytes([byte]))
                chunk = sock.recv(4096)
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            answer += chunk
            if not chunk:
                closed = True
                break
    assert closed, f"still open after {CLOSED_WITHIN} s"
    if answer:
        assert_error_shape(answer, 408)
    assert_healthy(server)


def test_the_header_deadline_runs_again_after_each_response(server: Server) -> None:
    """On a kept-alive connection, the next request's headers have the same deadline."""
    with connect(server) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        first = b""
        while b"\r\n\r\n" not in first or not first.rstrip().endswith(b"}"):
            first += sock.recv(65536)
        assert split(first)[0] == 200
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        started = time.monotonic()
        answer = read_all(sock)
    assert time.monotonic() - started < CLOSED_WITHIN
    assert_error_shape(answer, 408)


def test_a_body_sent_too_slowly_gets_408(server: Server) -> None:
    request = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM.encode() +
               b"\r\nContent-Length: 100\r\n\r\nquery=ASK")
    started = time.monotonic()
    answer = exchange(server, request)  # the rest of the body never comes
    assert time.monotonic() - started < CLOSED_WITHIN
    error = assert_error_shape(answer, 408)
    assert "body" in error["detail"]
    assert split(answer)[1].get("connection") == "close"


def test_a_client_gone_mid_body_leaves_no_traceback(server: Server) -> None:
    before = server.log.stat().st_size
    with connect(server) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + FORM.encode() +
                     b"\r\nContent-Length: 1000\r\n\r\nquery=ASK")
        time.sleep(0.2)
    time.sleep(1.0)
    assert_healthy(server)
    logged = server.log.read_bytes()[before:]
    assert b"Traceback" not in logged and len(logged) < 300, logged[:2000]


def test_a_malformed_request_gets_400_in_the_error_shape(server: Server) -> None:
    error = assert_error_shape(exchange(server, b"GARBAGE LINE\r\n\r\n"), 400)
    assert "malformed" in error["detail"]
    error = assert_error_shape(exchange(server, b"GET /health HTTP/1.1\r\n\r\n"), 400)  # no Host
    assert_healthy(server)


def test_a_post_asking_to_upgrade_to_h2c_is_answered(server: Server) -> None:
    """Apache Jena's POST (issue 18): h11 ignores the upgrade and reads the body; httptools dropped it."""
    body = b"query=ASK%7B%7D"
    answer = exchange(server, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                              b"Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n"
                              b"Accept: application/sparql-results+json\r\nContent-Type: " + FORM.encode() +
                              b"\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    status, _, payload = split(answer)
    assert status == 200, answer[:500]
    assert json.loads(payload)["boolean"] is True


# --------------------------------------------------------------------------------------------
# Host and CORS (api.hosts, api.linked_data.Cors)
# --------------------------------------------------------------------------------------------


def test_a_host_not_allowed_gets_400_and_is_never_echoed(server: Server) -> None:
    for path in ("/sparql/", "/health", "/api/provisions?limit=1", "/.well-known/void"):
        answer = httpx.get(f"{server.url}{path}", headers={"Host": "evil.example"}, follow_redirects=False)
        assert answer.status_code == 400, path
        assert answer.json()["error"]["parameter"] == "Host"
        assert "evil.example" not in answer.headers.get("location", "")
    port = server.url.rsplit(":", 1)[1]
    for allowed in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        assert httpx.get(f"{server.url}/health", headers={"Host": allowed}).status_code == 200, allowed
    redirect = httpx.get(f"{server.url}/sparql/", follow_redirects=False)
    assert redirect.status_code in (301, 307, 308)
    assert redirect.headers["location"].startswith(server.url)


def test_the_public_url_is_what_absolute_urls_are_built_on(public_server: Server) -> None:
    with httpx.Client(base_url=public_server.url, timeout=30, follow_redirects=False) as client:
        description = client.get("/sparql", headers={"Accept": "text/turtle"})
        assert description.status_code == 200
        assert f"<{PUBLIC}/sparql>" in description.text and "127.0.0.1" not in description.text
        page = client.get("/api/provisions", params={"limit": 1}).json()
        assert page["next"].startswith(f"{PUBLIC}/api/provisions?")
        void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
        assert f"<{PUBLIC}/sparql>" in void.text
        redirect = client.get("/sparql/")
        assert redirect.headers["location"] == f"{PUBLIC}/sparql"
        # the public host is answered (a proxy in front passes it on); others still are not
        assert client.get("/health", headers={"Host": "kb.example.org"}).status_code == 200
        assert client.get("/health", headers={"Host": "evil.example"}).status_code == 400


def test_a_refused_cors_preflight_is_in_the_error_shape(server: Server) -> None:
    refused = httpx.options(f"{server.url}/sparql", headers={"Origin": "https://a.example",
                                                              "Access-Control-Request-Method": "PUT"})
    assert refused.status_code == 400 and refused.headers["content-type"].startswith("application/json")
    assert refused.json()["error"]["parameter"] == "Access-Control-Request-Method"
    refused = httpx.options(f"{server.url}/sparql", headers={"Origin": "https://a.example",
                                                              "Access-Control-Request-Method": "POST",
                                                              "Access-Control-Request-Headers": "X-Secret"})
    assert refused.status_code == 400
    assert refused.json()["error"]["parameter"] == "Access-Control-Request-Headers"
    allowed = httpx.options(f"{server.url}/sparql", headers={"Origin": "https://a.example",
                                                              "Access-Control-Request-Method": "POST"})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "*"


# --------------------------------------------------------------------------------------------
# Settings and the command line
# --------------------------------------------------------------------------------------------


def test_host_settings_are_read_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_ALLOWED_HOSTS", " KB.example.org, [::1] ,10.0.0.5")
    monkeypatch.setenv("KB_PUBLIC_URL", "https://Kb.Example.net/")
    settings = Settings.from_environment()
    assert settings.allowed_hosts == ("kb.example.org", "::1", "10.0.0.5")
    assert settings.public_url == "https://kb.example.net"
    assert settings.host_allowed("kb.example.net") and settings.host_allowed("::1")
    assert not settings.host_allowed("evil.example")
    assert Settings().checks_host is False  # create_app without them (the tests' "testserver")
    assert Settings(allowed_hosts=("*",)).host_allowed("anything")
    with pytest.raises(kb.InputError, match="not an origin"):
        Settings(public_url="https://kb.example.org/sub/path")
    with pytest.raises(kb.InputError, match="KB_HEADER_TIMEOUT"):
        Settings(header_timeout=0)


def test_serving_on_every_address_needs_the_names_to_answer(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("KB_ALLOWED_HOSTS", "KB_PUBLIC_URL")}
    result = subprocess.run([sys.executable, "-m", "kb.cli", "serve", "--host", "0.0.0.0", "--port", str(free_port()),
                             "--store", str(tmp_path / "unused")], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert result.returncode == 2
    assert b"KB_ALLOWED_HOSTS" in result.stderr and b"KB_PUBLIC_URL" in result.stderr
