"""The query worker's answer file (api.workers): answers written in place, and the socket when it fails.

The rest of the pool (kills on timeout, spares, priorities) is tested through a real server in
test_api_server.py and test_api_hostile.py.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import pickle
import socket
from pathlib import Path
from typing import Any

import pytest

import kb
from api import workers
from api.workers import FRAME, SPOOL_BYTES, Job, _AnswerFile, _SpoolFull

pytestmark = pytest.mark.long_tests


def test_each_answer_is_written_over_the_last_from_the_start(tmp_path: Path) -> None:
    answers = _AnswerFile.create(str(tmp_path))
    assert answers is not None and Path(answers.path).parent == tmp_path
    answers.start()
    for chunk in (b"a" * 5000, b"b" * 700_000, b"c" * 600_000):  # grows past its first 1 MB
        answers.write(chunk)
    assert answers.length == 1_305_000 and answers.head() == b"a" * 5000 + b"b" * 700_000 + b"c" * 600_000
    with open(answers.path, "rb") as read:  # what the server reads: the same bytes, through the page cache
        assert read.read(answers.length) == answers.head()
    answers.start().write(b"short")
    assert answers.head() == b"short" and os.path.getsize(answers.path) >= 1_305_000  # kept, not reallocated


def test_a_file_grown_past_the_keep_size_is_shrunk_at_the_next_answer(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "SPOOL_KEEP_BYTES", 2 << 20)
    answers = _AnswerFile.create(str(tmp_path))
    assert answers is not None
    answers.start().write(b"x" * (3 << 20))
    assert os.path.getsize(answers.path) > 2 << 20
    answers.start()
    assert os.path.getsize(answers.path) == 0
    answers.write(b"small")
    assert answers.head() == b"small" and os.path.getsize(answers.path) == 1 << 20


def _full(*_: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_file_system_is_an_error_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = _AnswerFile.create(str(tmp_path))
    assert answers is not None
    monkeypatch.setattr(os, "posix_fallocate", _full)
    with pytest.raises(_SpoolFull):
        answers.start().write(b"x" * 10)
    assert answers.length == 0 and os.path.getsize(answers.path) == 0


def _worker_with_a_full_spool(sock: socket.socket, spec: str, spool: str) -> None:
    os.posix_fallocate = _full  # in this process only
    workers._worker_main(sock, spec, 0, spool)


def _message(sock: socket.socket) -> tuple[tuple[str, dict[str, Any]], bytes]:
    prefix = workers._receive_exactly(sock, FRAME.size)
    assert prefix is not None
    head_length, body_length = FRAME.unpack(prefix)
    payload = workers._receive_exactly(sock, head_length + body_length)
    assert payload is not None
    return pickle.loads(payload[:head_length]), payload[head_length:]


def test_when_the_spool_is_full_the_answer_comes_through_the_socket(built_release: Any, tmp_path: Path) -> None:
    spec = str(built_release.store_path)
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 2000"
    with kb.open_store(spec) as store:
        expected = store.select_bytes(query)[0]
    assert len(expected) > SPOOL_BYTES
    parent, child = socket.socketpair()
    process = multiprocessing.get_context("fork").Process(target=_worker_with_a_full_spool,
                                                          args=(child, spec, str(tmp_path)))
    process.start()
    child.close()
    try:
        (status, meta), _ = _message(parent)
        assert status == "ready" and Path(meta["answers"]).parent == tmp_path
        head = pickle.dumps(Job("select", query, "json", 10.0, 10_000))
        parent.sendall(FRAME.pack(len(head), 0) + head)
        (status, meta), body = _message(parent)
        assert status == "ok" and "spooled" not in meta and body == expected
    finally:
        parent.close()
        process.join(10)
        if process.is_alive():
            process.kill()
