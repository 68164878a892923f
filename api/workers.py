"""The query worker pool: user SPARQL runs in warm worker processes that are killed on timeout.

pyoxigraph cannot stop a running query from Python (``kb.store``'s docstring has the measurements),
so every query a user writes runs in a separate process that the server can kill:

- The pool keeps ``workers`` warm processes (default 2), each holding its own read-only store
  (``kb.open_store(spec)``: several processes may open one RocksDB folder read-only, or each talks
  to the remote endpoint). They are started from a ``forkserver`` that has already imported ``kb``,
  rdflib and pyoxigraph, so a replacement is ready in about 0.1 s, and the server itself never
  forks after its threads exist.
- A request takes an idle worker and sends it a :class:`Job` over a socket pair: the query, its
  bound parameters, the output format, the time limit and the row cap. The worker writes the
  answer in the requested format with the store's own serializer (``Store.select_into``: results
  are never turned into Python rows, in the worker or in the server) into its own answer file in
  the pool's private spool folder (on ``/dev/shm`` where there is one), mapped into its memory:
  the serializer's chunks are copied straight in, and each answer is written over the last from
  the start. An answer up to :data:`SPOOL_BYTES` then goes back in the reply message; a larger
  one stays in the file, and the message says how many of its bytes are the answer (the server
  reads them). A socket pair holds about 200 KB, and passing megabytes through it takes one
  wake-up of each process per buffer, which on a busy machine costs more than the query
  (measured: 45 ms for 1.7 MB under load). Measured for a 2.5 MB answer: a new file per answer
  3.2 ms (tmpfs pages allocated on write, freed on unlink), the bytes written over one file 0.45
  ms plus a copy out of the serializer's buffer, the mapped file ~0 (the pool's wall time within
  noise of the same query in the server's own process). The file's pages are reserved when it
  grows (``posix_fallocate``: a full file system is then an error, and that answer goes through
  the socket, instead of a SIGBUS); a worker shrinks its file back when an answer left it over
  :data:`SPOOL_KEEP_BYTES`.
  Each worker keeps the checked form of every query it has run (``kb.store`` caches it by text),
  so a repeated query is parsed once per worker.
- The server waits for the answer at most ``time_limit`` plus a short grace. Past that it kills
  the worker (SIGKILL: the real stop), answers ``kb.QueryTimeoutError`` (503) and starts a
  replacement. A worker that dies (for instance past its memory limit, ``RLIMIT_DATA``) gives a
  ``kb.StoreError`` (503) and is replaced the same way.
- A slow query never holds up the others: when a request takes the last idle worker, the pool
  starts a spare (up to ``max_workers``); workers beyond ``size`` are retired after 30 s idle. A
  query still running after 0.2 s has its worker's CPU priority lowered (nice 19), so that short
  queries and the server itself go first on a busy machine; the worker gets its priority back
  afterwards or, where the server may not raise it again, is replaced.
- Reserved capacity: a request that finds all ``max_workers`` busy (long queries) does not wait
  behind them. It runs at once on a reserve worker (up to ``reserve`` of them, one kept warm) for
  at most ``reserve_time_limit``; a query needing longer is stopped there with a 503 saying the
  workers are busy. Cheap queries are answered meanwhile, and an item's status
  (:data:`INTERNAL_CALLS`) always runs on the reserve, whose workers have parsed its queries
  before their first job. A query that hit a limit (the same text, spacing aside, within
  :data:`LONG_MEMORY_SECONDS`) does not take the reserve again and is given the lowest CPU priority
  at once: it waits for a worker of its own, so clients retrying heavy queries cannot fill the
  reserve. A request that finds the reserve busy too waits for a worker, at most ``time_limit``
  plus the grace, then gets a 503.
- Memory: each worker is limited to ``memory_mb`` (``RLIMIT_DATA``), and all of them together to
  ``total_memory_mb``: the pool reads each worker's anonymous resident memory every
  :data:`MEMORY_POLL_SECONDS` and, past the bound, kills the busy worker using the most.
- Failures: an idle worker that died (killed from outside) is noticed within a second and replaced;
  a worker that cannot start (its store gone) leaves the reason in ``describe()["error"]``
  (``/health``), the pool tries again with a growing delay and recovers when the store is back,
  and meanwhile a request fails at once saying why instead of waiting.

Row cap: every SELECT goes through ``Store.select_bytes(limit=cap)``, which lets Oxigraph's
serializer write the answer and stops the engine once more rows than the cap have come out.
CONSTRUCT and DESCRIBE graphs (``Store.construct_bytes``, Oxigraph's triples serialized without
rdflib) are cut to the cap after the fact: the time limit and the worker's memory limit bound the
work there.

This module is imported by the workers themselves: it must not import the web framework. As with
any multiprocessing start method but fork, the program's main module must be importable without
side effects (uvicorn's and ``kb serve``'s are).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import hashlib
import io
import logging
import mmap
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import resource
import shutil
import signal
import socket
import struct
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from rdflib.term import Node

import kb
from api import serialize, views

LOG = logging.getLogger("api.workers")
FRAME = struct.Struct("!IQ")  # header length, body length
GRACE_SECONDS = 0.25  # past the time limit, before the kill: lets kb's own deadline check answer first
IDLE_RETIRE_SECONDS = 30.0  # a worker beyond ``size`` idle this long is stopped
DEPRIORITIZE_SECONDS = 0.2  # a query still running after this gets a lower CPU priority
SLOW_NICENESS = 19  # the lowest: measured p99 of simple queries during a bomb, 1x: 1.06 ms (19) vs 2.36 ms (10)
START_SECONDS = 60.0
RETRY_FIRST_SECONDS = 0.5  # a pool that cannot start a worker tries again after this, doubling up to the next
RETRY_MAX_SECONDS = 15.0
PR_SET_PDEATHSIG = 1
MEMORY_POLL_SECONDS = 0.1  # how often the total memory bound is checked
INTERNAL_CALLS = frozenset({"explanation"})  # one item's status: always on the reserve's warm workers
LONG_MEMORY_SECONDS = 600.0  # how long a query that hit a limit is kept out of the reserve
LONG_MEMORY_SIZE = 4096
SWEEP_TICKS = 10  # idle workers are checked for life every this many of those
SPOOL_BYTES = 128 * 1024  # answers larger than this are read from the worker's file by the server
SPOOL_KEEP_BYTES = 32 * 1024 * 1024  # a worker's answer file is emptied before a job once it is larger
SPOOL_INLINE_BYTES = 8 * 1024 * 1024  # answers up to this are read on the event loop (~0.2 ms per 2.5 MB)


@dataclass(frozen=True)
class Job:
    """One query for a worker: ``kind`` is "select", "ask", "graph", or "unknown" (let kb decide).

    A "call" job runs ``api.views.CALLS[query](store, **arguments)`` (status, explanations) and
    answers its JSON.
    """

    kind: str
    query: str
    fmt: str
    timeout: float
    cap: int
    params: Mapping[str, Node] | None = None
    arguments: Mapping[str, Any] | None = None
    dataset: kb.Dataset | None = None  # the protocol's default-graph-uri / named-graph-uri


def call_job(name: str, timeout: float, **arguments: Any) -> Job:
    return Job("call", name, "json", timeout, 0, arguments=arguments)


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    truncated: bool = False
    seconds: float = 0.0  # time spent in the worker


# --------------------------------------------------------------------------------------------
# The worker process
# --------------------------------------------------------------------------------------------


def _worker_main(sock: socket.socket, spec: str, memory_bytes: int, spool: str | None = None,
                 warm: bool = False) -> None:
    """Entry point of a worker process: open the store, then answer jobs until the socket closes.

    Answers larger than SPOOL_BYTES are written over the start of this worker's answer file in
    ``spool`` (when given); its name and the answer's length go in the message instead of the bytes.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    _die_with_parent()
    if memory_bytes > 0:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    try:
        store = kb.open_store(spec)
    except kb.KbError as exc:
        _send(sock, ("error", _error_meta(exc)), b"")
        return
    if warm:  # a reserve worker: its first library call must fit the reserve's short limit
        views.warm_up(store)
    answers = _AnswerFile.create(spool) if spool is not None else None
    _send(sock, ("ready", {"pid": os.getpid(), "answers": answers.path if answers else None}), b"")
    while True:
        try:
            job = _receive_job(sock)
        except (OSError, EOFError, pickle.UnpicklingError):
            return
        if job is None:
            return
        started = time.perf_counter()
        try:
            try:
                out: _AnswerFile | io.BytesIO = answers.start() if answers is not None else io.BytesIO()
                media_type, truncated = _run(store, job, out)
            except _SpoolFull:  # the spool's file system is full: this answer goes through the socket
                out = io.BytesIO()
                media_type, truncated = _run(store, job, out)
        except kb.KbError as exc:
            _send(sock, ("error", _error_meta(exc)), b"")
            continue
        except MemoryError:
            _send(sock, ("error", {"class": "StoreError", "message": "the query needs more memory than a worker "
                                   "may use", "hint": "ask for fewer rows or bind its starting points"}), b"")
            continue
        except Exception as exc:  # a worker must answer every job; the server logs it
            _send(sock, ("error", {"class": "KbError", "message": f"the query failed: {exc}", "hint": ""}), b"")
            continue
        meta: dict[str, Any] = {"media_type": media_type, "truncated": truncated,
                                "seconds": time.perf_counter() - started}
        if isinstance(out, io.BytesIO):
            body = out.getvalue()
        elif out.length > SPOOL_BYTES:
            meta["spooled"], meta["length"], body = out.path, out.length, b""
        else:
            body = out.head()
        _send(sock, ("ok", meta), body)


class _SpoolFull(Exception):
    """The answer file could not grow (its file system is full)."""


@dataclass
class _AnswerFile:
    """A worker's private file in the spool folder, mapped into its memory: each answer is written
    from its start (the serializer's chunks copied straight in), and stays until the next job."""

    path: str
    fd: int
    length: int = 0  # the bytes of the current answer
    size: int = 0  # the file's (and the mapping's) length
    mapped: mmap.mmap | None = None

    @classmethod
    def create(cls, spool: str) -> _AnswerFile | None:
        try:
            fd, path = tempfile.mkstemp(dir=spool, prefix="answer-")
        except OSError:
            return None
        return cls(path, fd)

    def start(self) -> _AnswerFile:
        """Begin a new answer (the server has read the last one); shrink the file if one made it large."""
        self.length = 0
        if self.size > SPOOL_KEEP_BYTES:
            self._remap(0)
        return self

    def write(self, data: bytes, /) -> int:
        end = self.length + len(data)
        if end > self.size:
            self._remap(max(end, 2 * self.size, 1 << 20))
        assert self.mapped is not None
        self.mapped[self.length:end] = data
        self.length = end
        return len(data)

    def flush(self) -> None:
        """Nothing to do: the server reads the file through the page cache the mapping writes to."""

    def head(self) -> bytes:
        return self.mapped[:self.length] if self.mapped is not None else b""

    def _remap(self, size: int) -> None:
        if self.mapped is not None:
            self.mapped.close()
            self.mapped = None
        try:
            os.ftruncate(self.fd, size)
            if size:
                os.posix_fallocate(self.fd, 0, size)  # pages reserved now: a full tmpfs is an error, not SIGBUS
                self.mapped = mmap.mmap(self.fd, size)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            self.size = self.length = 0
            raise _SpoolFull(str(exc)) from None
        self.size = size


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent (the forkserver, which follows the server) dies."""
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _run(store: kb.Store, job: Job, out: _AnswerFile | io.BytesIO) -> tuple[str, bool]:
    """Write the answer to ``job`` into ``out``; its media type, and whether the cap cut it."""
    with kb.query_dataset(job.dataset):
        return _run_over_dataset(store, job, out)


def _run_over_dataset(store: kb.Store, job: Job, out: _AnswerFile | io.BytesIO) -> tuple[str, bool]:
    if job.kind == "call":
        out.write(views.call(store, job.query, dict(job.arguments or {})))
        return "application/json", False
    if job.kind == "graph":  # at most ``cap`` triples: the first ones in a stable order
        body, truncated = store.construct_bytes(job.query, job.params, fmt=job.fmt, limit=job.cap,
                                                prefixes=kb.PREFIXES)
        out.write(body)
        return serialize.media_type(job.fmt), truncated
    # SELECT, ASK, or a form the server could not read (kb says why)
    truncated = store.select_into(out, job.query, job.params, fmt=job.fmt, timeout=job.timeout, limit=job.cap)
    return serialize.media_type(job.fmt), truncated


def _error_meta(exc: kb.KbError) -> dict[str, str]:
    meta = {"class": type(exc).__name__, "message": exc.message, "hint": exc.hint}
    if isinstance(exc, kb.InputError) and exc.parameter:
        meta["parameter"] = exc.parameter
    return meta


def _send(sock: socket.socket, header: tuple[str, dict[str, Any]], body: bytes) -> None:
    """One message: the frame, the pickled header and the body in one write (one wake-up of the reader)."""
    head = pickle.dumps(header)
    sock.sendall(b"".join((FRAME.pack(len(head), len(body)), head, body)))


def _receive_job(sock: socket.socket) -> Job | None:
    prefix = _receive_exactly(sock, FRAME.size)
    if prefix is None:
        return None
    head_length, body_length = FRAME.unpack(prefix)
    payload = _receive_exactly(sock, head_length + body_length)
    if payload is None:
        return None
    job = pickle.loads(payload[:head_length])
    return job if isinstance(job, Job) else None


def _receive_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(min(size - len(chunks), 1 << 20))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


# --------------------------------------------------------------------------------------------
# The server side
# --------------------------------------------------------------------------------------------


def _restore_priority(worker: _Worker) -> bool:
    """Back to normal priority after a slow query, if this process may (else the worker is replaced)."""
    pid = worker.process.pid
    try:
        if pid is not None:
            os.setpriority(os.PRIO_PROCESS, pid, 0)
    except OSError:
        return False
    worker.deprioritized = False
    return True


def _library_error(meta: Mapping[str, str]) -> kb.KbError:
    """The kb exception a worker reported, rebuilt from its class name (kb's public classes only)."""
    name = meta.get("class", "KbError")
    cls = getattr(kb, name, None) if name in kb.__all__ else None
    if not (isinstance(cls, type) and issubclass(cls, kb.KbError)) or name in ("CorpusError", "ValidationError"):
        cls = kb.KbError
    error = cls(meta.get("message", "the query failed"), hint=meta.get("hint", ""))
    if isinstance(error, kb.InputError):
        error.parameter = meta.get("parameter")
    return error


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    spool: str | None = None  # the pool's spool folder: the only place answers are read from
    answers: str | None = None  # the worker's answer file in it (it says which when it is ready)
    jobs: int = 0
    idle_since: float = 0.0
    deprioritized: bool = False
    busy: bool = False
    over_memory: bool = False  # killed by the pool's total memory bound

    async def answer(self) -> tuple[tuple[str, dict[str, Any]], bytes]:
        prefix = await self.reader.readexactly(FRAME.size)
        head_length, body_length = FRAME.unpack(prefix)
        payload = await self.reader.readexactly(head_length + body_length)
        header = pickle.loads(payload[:head_length])
        meta = header[1] if isinstance(header[1], dict) else {}
        if header[0] == "ready" and meta.get("answers") is not None:
            answers = str(meta["answers"])
            if self.spool is None or os.path.dirname(answers) != self.spool:
                raise OSError(f"a worker named an answer file outside the spool folder: {answers!r}")
            self.answers = answers
        spooled = meta.get("spooled")
        if spooled is not None:
            if spooled != self.answers:
                raise OSError(f"a worker named an answer outside its own file: {spooled!r}")
            length = int(meta["length"])
            if length <= SPOOL_INLINE_BYTES:
                return header, _read_answer(spooled, length)
            return header, await asyncio.to_thread(_read_answer, spooled, length)
        return header, payload[head_length:]

    def remove_answers(self) -> None:
        """Remove the worker's answer file (once the worker is gone or going)."""
        if self.answers is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.answers)


def _fingerprint(job: Job) -> str:
    """The query text with its white space collapsed, hashed."""
    return hashlib.blake2b(" ".join(job.query.split()).encode("utf-8"), digest_size=16).hexdigest()


def _private_memory(pid: int | None) -> int:
    """Bytes of anonymous memory resident for ``pid`` (its own allocations, not shared files); 0 if gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"RssAnon:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _read_answer(path: str, length: int) -> bytes:
    """The first ``length`` bytes of a worker's answer file: the answer it just wrote."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks, offset = [], 0
        while offset < length:
            chunk = os.pread(fd, length - offset, offset)
            if not chunk:
                raise OSError(f"{path}: the answer is shorter than the worker said")
            chunks.append(chunk)
            offset += len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


@dataclass
class PoolStats:
    started: int = 0
    killed_on_timeout: int = 0
    died: int = 0
    retired: int = 0
    jobs: int = 0
    deprioritized: int = 0
    killed_for_memory: int = 0


@dataclass
class QueryPool:
    """Warm worker processes for user SPARQL (see the module docstring)."""

    spec: str
    size: int = 2
    max_workers: int = 4
    time_limit: float = 10.0
    memory_mb: int = 2048
    reserve: int = 0  # workers beyond max_workers for requests that find every worker busy
    reserve_time_limit: float = 1.0
    total_memory_mb: int = 0  # all workers together (0: no bound beyond each worker's)
    stats: PoolStats = field(default_factory=PoolStats)
    is_reserve: bool = False

    def __post_init__(self) -> None:
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._closed = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._reaper: asyncio.Task[None] | None = None
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["api.workers"])
        # the forkserver imports kb while the server prepares the release, rather than after
        multiprocessing.forkserver.ensure_running()
        self._spool: str | None = None
        self.last_error: str | None = None  # why the last worker could not start (cleared by the next that does)
        self._watch_task: asyncio.Task[None] | None = None
        self._long: dict[str, float] = {}  # fingerprints of queries that hit a limit, oldest first
        self._reserve: QueryPool | None = None
        if self.reserve > 0:
            self._reserve = QueryPool(self.spec, size=1, max_workers=self.reserve,
                                      time_limit=min(self.reserve_time_limit, self.time_limit),
                                      memory_mb=self.memory_mb, total_memory_mb=self.total_memory_mb,
                                      is_reserve=True)
        self._retry: asyncio.TimerHandle | None = None
        self._retry_delay = RETRY_FIRST_SECONDS

    # ---- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Start ``size`` workers (and the reserve's first) and wait until each has opened the store."""
        shm = Path("/dev/shm")
        self._spool = tempfile.mkdtemp(prefix=f"kb-answers-{os.getpid()}-",
                                       dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None)
        if self._reserve is None:
            await self._start_workers()
        else:  # the reserve's first worker starts beside the others, not after them
            self._reserve._spool = self._spool
            started = await asyncio.gather(self._start_workers(), self._reserve._start_workers(),
                                           return_exceptions=True)
            failed = [r for r in started if isinstance(r, BaseException)]
            if failed:
                await self.close()
                raise failed[0]
        if not self.is_reserve:
            self._watch_task = asyncio.get_running_loop().create_task(self._watch())

    async def _start_workers(self) -> None:
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)), return_exceptions=True)
        errors = [w for w in workers if isinstance(w, BaseException)]
        for worker in workers:
            if isinstance(worker, _Worker):
                worker.idle_since = time.monotonic()
                self._idle.put_nowait(worker)
        if errors:
            await self.close()
            error = errors[0]
            raise error if isinstance(error, kb.KbError) else kb.StoreError(f"cannot start query workers: {error}")

    async def close(self) -> None:
        self._closed = True
        if self._retry is not None:
            self._retry.cancel()
        if self._watch_task is not None:
            self._watch_task.cancel()
        if self._reserve is not None:
            self._reserve._spool = None  # the spool folder is this pool's: removed below
            await self._reserve.close()
        for task in [*self._tasks, *([self._reaper] if self._reaper else [])]:
            task.cancel()
        for worker in list(self._workers):
            await self._discard(worker, kill=True)
        if self._spool is not None:  # answer files of workers that did not stop in time
            shutil.rmtree(self._spool, ignore_errors=True)
            self._spool = None

    def describe(self) -> dict[str, Any]:
        described: dict[str, Any] = {
            "workers": len(self._workers), "idle": self._idle.qsize(), "starting": self._starting,
            "started": self.stats.started, "killed_on_timeout": self.stats.killed_on_timeout,
            "died": self.stats.died, "retired": self.stats.retired, "jobs": self.stats.jobs,
            "deprioritized": self.stats.deprioritized}
        if self.last_error is not None:
            described["error"] = self.last_error
        if self.stats.killed_for_memory:
            described["killed_for_memory"] = self.stats.killed_for_memory
        if self._reserve is not None:
            described["reserve"] = self._reserve.describe()
        return described

    @property
    def broken(self) -> bool:
        """No worker, none starting, and the last one could not start: requests would only wait."""
        return not self._workers and not self._starting and self.last_error is not None

    # ---- running a job ----------------------------------------------------------------------

    async def run(self, job: Job) -> Answer:
        """The worker's answer to ``job``; kb.QueryTimeoutError past the time limit (the worker is killed)."""
        if self._closed:
            raise kb.StoreError("the query service is shutting down", hint="try again in a moment")
        if self._reserve is not None and job.kind == "call" and job.query in INTERNAL_CALLS:
            return await self._reserve.run(job)  # bounded, and its warm workers have parsed its queries
        if self._reserve is not None and self._saturated() and not self._known_long(job):
            # every worker is busy (long queries): this one runs at once, on a reserve worker, briefly
            try:
                return await self._reserve.run(replace(job, timeout=min(job.timeout, self._reserve.time_limit)))
            except (kb.QueryTimeoutError, kb.StoreError):
                self._remember_long(job)
                raise
        worker = await self._acquire()
        worker.busy = True
        self.stats.jobs += 1
        worker.jobs += 1
        # a query that hit a limit before is a slow one from the start
        lower = asyncio.get_running_loop().call_later(0 if self._known_long(job) else DEPRIORITIZE_SECONDS,
                                                      self._deprioritize, worker)
        try:
            head = pickle.dumps(job)
            worker.writer.write(FRAME.pack(len(head), 0) + head)
            await worker.writer.drain()
            async with asyncio.timeout(job.timeout + GRACE_SECONDS):
                (status, meta), body = await worker.answer()
        except TimeoutError:
            self.stats.killed_on_timeout += 1
            self._remember_long(job)
            await self._discard(worker, kill=True)
            self._replenish()
            if self.is_reserve:
                raise kb.QueryTimeoutError(
                    f"every query worker is busy with long queries; meanwhile a query may run for at most "
                    f"{job.timeout:g} s, and this one ran longer", hint="try again shortly, or narrow the query") \
                    from None
            raise kb.QueryTimeoutError(f"the query ran past the time limit of {job.timeout:g} s and was stopped",
                                       hint="bind its starting points, add LIMIT, or narrow its patterns") from None
        except (asyncio.IncompleteReadError, ConnectionError, OSError, pickle.UnpicklingError):
            self.stats.died += 1
            await self._discard(worker, kill=True)
            self._replenish()
            if worker.over_memory:
                self._remember_long(job)
                raise kb.StoreError(f"the query workers together passed their memory bound of "
                                    f"{self.total_memory_mb} MB and this query, the largest, was stopped",
                                    hint="ask for fewer rows or bind its starting points") from None
            raise kb.StoreError(f"the query worker stopped while running the query (its memory limit is "
                                f"{self.memory_mb} MB)", hint="ask for fewer rows or bind its starting points") \
                from None
        except BaseException:  # cancelled (client gone, server stopping): the worker's state is unknown
            await self._discard(worker, kill=True)
            self._replenish()
            raise
        finally:
            lower.cancel()
            worker.busy = False
        if worker.deprioritized and not _restore_priority(worker):
            self.stats.retired += 1  # cannot be raised again without privileges: a fresh one replaces it
            self._background(self._discard(worker, kill=False))
            self._replenish()
        else:
            self._release(worker)
        if status == "error":
            raise _library_error(meta)
        return Answer(body, str(meta["media_type"]), bool(meta["truncated"]), float(meta["seconds"]))

    def _known_long(self, job: Job) -> bool:
        """A user query that already ran into a limit (the same text, spacing aside) recently: it waits
        for a worker of its own instead of taking the reserve's (retried bombs would fill it).
        Library calls (an item page's status) are bounded and always may use the reserve."""
        if job.kind == "call":
            return False
        seen = self._long.get(_fingerprint(job))
        return seen is not None and time.monotonic() - seen < LONG_MEMORY_SECONDS

    def _remember_long(self, job: Job) -> None:
        if job.kind == "call":
            return
        key = _fingerprint(job)
        self._long.pop(key, None)
        self._long[key] = time.monotonic()
        while len(self._long) > LONG_MEMORY_SIZE:
            self._long.pop(next(iter(self._long)))

    def _saturated(self) -> bool:
        """No idle worker, and no room to start one."""
        return self._idle.empty() and len(self._workers) + self._starting >= self.max_workers

    def _all_workers(self) -> list[_Worker]:
        return [*self._workers, *(self._reserve._workers if self._reserve is not None else ())]

    async def _watch(self) -> None:
        """Every tick, the total memory bound; every :data:`SWEEP_TICKS`, idle workers that died."""
        tick = 0
        while not self._closed:
            await asyncio.sleep(MEMORY_POLL_SECONDS)
            tick += 1
            if tick % SWEEP_TICKS == 0:
                for pool in (self, self._reserve):
                    if pool is not None:
                        await pool._sweep()
            if self.total_memory_mb > 0:
                self._bound_memory()

    async def _sweep(self) -> None:
        """Drop idle workers that died (killed from outside, or their store gone) and start others, so
        that /health tells the truth and the next request does not meet a dead worker."""
        idle = [self._idle.get_nowait() for _ in range(self._idle.qsize())]
        dead = [worker for worker in idle if worker.reader.at_eof() or not worker.process.is_alive()]
        for worker in idle:
            if worker not in dead:
                self._idle.put_nowait(worker)
        for worker in dead:
            self.stats.died += 1
            await self._discard(worker, kill=True)
        if dead:
            self._replenish()

    def _bound_memory(self) -> None:
        """Keep the workers' memory together under ``total_memory_mb``: past it, kill the busy worker
        using the most (its request gets a StoreError saying so)."""
        bound = self.total_memory_mb * 1024 * 1024
        workers = self._all_workers()
        sizes = {worker: _private_memory(worker.process.pid) for worker in workers}
        if sum(sizes.values()) <= bound:
            return
        busy = [worker for worker in workers if worker.busy and not worker.over_memory]
        if busy:
            largest = max(busy, key=lambda worker: sizes[worker])
            largest.over_memory = True
            self.stats.killed_for_memory += 1
            LOG.warning("query workers use %d MB together (bound %d MB): stopping the largest query",
                        sum(sizes.values()) >> 20, self.total_memory_mb)
            with contextlib.suppress(Exception):
                largest.process.kill()

    def _deprioritize(self, worker: _Worker) -> None:
        """A query running this long is a slow one: let short queries and the server go first."""
        pid = worker.process.pid
        if pid is not None:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, pid, SLOW_NICENESS)
                worker.deprioritized = True
                self.stats.deprioritized += 1

    async def _acquire(self) -> _Worker:
        """An idle worker that is still alive (one killed while idle is dropped and replaced)."""
        while True:
            worker = await self._acquire_any()
            if not worker.reader.at_eof() and worker.process.is_alive():
                return worker
            self.stats.died += 1
            await self._discard(worker, kill=True)
            self._replenish()

    async def _acquire_any(self) -> _Worker:
        if self._idle.empty():
            self._replenish(spare=True)
            deadline = time.monotonic() + self.time_limit + GRACE_SECONDS + 1.0
            while True:
                if self.broken:  # say why at once instead of letting the request wait for nothing
                    raise kb.StoreError(f"no query worker can start: {self.last_error}",
                                        hint="the server retries by itself; see /health")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise kb.StoreError("every query worker is busy", hint="try again in a few seconds")
                try:
                    async with asyncio.timeout(min(left, 0.25)):
                        worker = await self._idle.get()
                    break
                except TimeoutError:
                    continue
        else:
            worker = self._idle.get_nowait()
        if self._idle.empty():
            self._replenish(spare=True)  # the next request should find a warm worker
        return worker

    def _release(self, worker: _Worker) -> None:
        worker.idle_since = time.monotonic()
        self._idle.put_nowait(worker)
        if len(self._workers) > self.size and self._reaper is None:
            self._reaper = asyncio.get_running_loop().create_task(self._retire_surplus())

    async def _retire_surplus(self) -> None:
        """Stop workers beyond ``size`` once they have been idle for a while (no churn under bursts)."""
        try:
            while not self._closed and len(self._workers) > self.size:
                await asyncio.sleep(IDLE_RETIRE_SECONDS / 3)
                while len(self._workers) > self.size and self._idle.qsize() > 1:
                    oldest = self._idle.get_nowait()
                    if time.monotonic() - oldest.idle_since < IDLE_RETIRE_SECONDS:
                        self._idle.put_nowait(oldest)
                        break
                    self.stats.retired += 1
                    await self._discard(oldest, kill=False)
        finally:
            self._reaper = None

    # ---- processes --------------------------------------------------------------------------

    def _replenish(self, spare: bool = False) -> None:
        """Start workers up to ``size`` (or one spare beyond it, up to ``max_workers``)."""
        if self._closed:
            return
        target = self.size if not spare else min(self.max_workers, len(self._workers) + 1)
        if spare and self._starting:
            return
        while len(self._workers) + self._starting < target:
            self._starting += 1
            self._background(self._spawn_into_pool())

    async def _spawn_into_pool(self) -> None:
        try:
            worker = await self._spawn(counted=True)
        except Exception as exc:
            self.last_error = str(exc)
            LOG.error("cannot start a query worker (trying again in %g s): %s", self._retry_delay, exc)
            if not self._closed and self._retry is None:
                self._retry = asyncio.get_running_loop().call_later(self._retry_delay, self._retry_now)
                self._retry_delay = min(2 * self._retry_delay, RETRY_MAX_SECONDS)
            return
        self.last_error, self._retry_delay = None, RETRY_FIRST_SECONDS
        if self._closed:
            await self._discard(worker, kill=True)
            return
        self._release(worker)

    def _retry_now(self) -> None:
        self._retry = None
        self._replenish()

    async def _spawn(self, counted: bool = False) -> _Worker:
        parent, child = socket.socketpair()
        memory = self.memory_mb * 1024 * 1024
        process = self._context.Process(target=_worker_main,
                                        args=(child, self.spec, memory, self._spool, self.is_reserve),
                                        daemon=True, name="kb-query-worker")
        try:
            await asyncio.to_thread(process.start)
            child.close()
            reader, writer = await asyncio.open_connection(sock=parent, limit=1 << 20)
            worker = _Worker(process, reader, writer, self._spool)
            self._workers.add(worker)
            try:
                (status, meta), _ = await asyncio.wait_for(worker.answer(), START_SECONDS)
            except (TimeoutError, asyncio.IncompleteReadError, ConnectionError) as exc:
                await self._discard(worker, kill=True)
                raise kb.StoreError(f"a query worker did not start: {exc!r}") from None
            if status != "ready":
                await self._discard(worker, kill=True)
                raise _library_error(meta)
            self.stats.started += 1
            return worker
        finally:
            child.close()
            if counted:
                self._starting -= 1

    async def _discard(self, worker: _Worker, *, kill: bool) -> None:
        self._workers.discard(worker)
        with contextlib.suppress(Exception):
            worker.writer.close()
        if kill and worker.process.is_alive():
            with contextlib.suppress(Exception):
                worker.process.kill()
        with contextlib.suppress(Exception):
            await asyncio.to_thread(worker.process.join, 5)
        worker.remove_answers()

    def _background(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
