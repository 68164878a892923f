"""api.offload: store calls run on the module's own threads, in parallel, bounded, exceptions detached."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

import kb
from api import offload
from api.errors import ApiError


def _thread_names() -> set[str]:
    return {t.name for t in threading.enumerate() if t.name.startswith("kb-offload-")}


def test_result_comes_back_from_another_thread() -> None:
    async def main() -> tuple[int, str]:
        return await offload.run(lambda a, b=0: a + b, 40, b=2), await offload.run(
            lambda: threading.current_thread().name)

    value, name = asyncio.run(main())
    assert value == 42
    assert name.startswith("kb-offload-")
    assert name != threading.current_thread().name


def test_exceptions_come_back_detached() -> None:
    """kb errors keep their class, message and hint; no frame of the worker thread travels with them."""

    def fails_inside_kb() -> None:
        try:
            raise ValueError("the inner cause, holding frames")
        except ValueError:
            raise kb.NotFoundError("no such item: x", hint="check the IRI") from None

    def library_bug() -> None:
        raise ValueError("a bug in a library")

    def api_error() -> None:
        raise ApiError(400, "bad value", parameter="limit")

    async def main() -> list[BaseException]:
        caught = []
        for function in (fails_inside_kb, library_bug, api_error):
            try:
                await offload.run(function)
            except Exception as exc:  # the test looks at each
                caught.append(exc)
        return caught

    not_found, bug, error = asyncio.run(main())
    assert type(not_found) is kb.NotFoundError
    assert (not_found.message, not_found.hint) == ("no such item: x", "check the IRI")
    assert not_found.__context__ is None and not_found.__cause__ is None
    assert isinstance(bug, RuntimeError) and str(bug) == "ValueError: a bug in a library"
    assert isinstance(error, ApiError) and error.status == 400 and error.parameter == "limit"


def test_calls_run_in_parallel_up_to_the_bound_and_the_loop_stays_free() -> None:
    """More calls than threads: all answered, at most MAX_THREADS at once, and the loop keeps running."""
    running = 0
    peak = 0
    lock = threading.Lock()
    release = threading.Event()

    def blocked(i: int) -> int:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        release.wait(10)
        with lock:
            running -= 1
        return i

    async def main() -> tuple[list[int], int]:
        calls = [asyncio.ensure_future(offload.run(blocked, i)) for i in range(offload.MAX_THREADS + 8)]
        ticks = 0
        while True:  # the event loop is not held by the blocked calls
            await asyncio.sleep(0.01)
            ticks += 1
            with lock:
                if running == offload.MAX_THREADS or ticks > 500:
                    break
        release.set()
        return list(await asyncio.gather(*calls)), ticks

    results, ticks = asyncio.run(main())
    assert results == list(range(offload.MAX_THREADS + 8))
    assert peak == offload.MAX_THREADS, "the calls beyond the bound waited for a thread"
    assert ticks <= 500
    assert len(_thread_names()) <= offload.MAX_THREADS


def test_a_cancelled_call_leaves_the_threads_working() -> None:
    started = threading.Event()

    def slow() -> str:
        started.set()
        time.sleep(0.2)
        return "late"

    async def main() -> str:
        task = asyncio.ensure_future(offload.run(slow))
        while not started.is_set():
            await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return await offload.run(lambda: "next")

    assert asyncio.run(main()) == "next"


def test_calls_from_successive_event_loops() -> None:
    """The threads outlive an event loop (tests and servers start several): each call answers its own loop."""
    assert [asyncio.run(offload.run(lambda i=i: i * 2)) for i in range(3)] == [0, 2, 4]
