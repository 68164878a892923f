"""Running blocking library calls off the event loop, without letting store objects cross threads.

In-process store calls (REST queries, item descriptions) run in the thread pool so that the event
loop never waits on the store. pyoxigraph's lazy results are bound to the thread that made them:
dropping one on another thread leaks it and raises ``RuntimeError: ... is unsendable, but is being
dropped on another thread``. An exception raised inside ``kb`` while it iterates results carries,
in its traceback (and in ``__context__``), the frames that hold those results, and the exception
travels to the event loop's thread. :func:`run` therefore lets no exception leave the worker
thread with its frames: it clears the frames the exception holds (releasing the results on the
thread that made them) and raises a copy without traceback or context.

The threads are this module's own (:class:`_Threads`), not anyio's ``to_thread``: the call goes to an
idle thread through one queue and its result comes back with one ``call_soon_threadsafe``. anyio's
way adds a checkpoint, a capacity limiter and a cancel scope around the same hop, and on these
2-vCPU machines each extra step costs most when the event loop has slept through a long call
(``bench/bench_hop.py``, medians in the same rounds: around a 13 ms call anyio's hop took 0.39 ms and
this pool's 0.19, around an empty call 0.10 vs 0.04; on a busy host 0.8 vs 0.35 ms).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import copy
import queue
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import kb
from api.errors import ApiError

T = TypeVar("T")


MAX_THREADS = 32  # calls beyond this many at once wait for a thread (anyio's default limit is 40)


async def run(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` in the thread pool; its exceptions come back detached."""
    return await _THREADS.submit(_detached, function, args, kwargs)


_Call = tuple[asyncio.AbstractEventLoop, "asyncio.Future[Any]", contextvars.Context, Callable[..., Any],
              tuple[Any, ...]]


class _Threads:
    """Daemon threads, started as calls need them (up to ``size``), each taking calls from one queue."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.calls: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.started = 0
        self.idle = 0

    def submit(self, function: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        with self.lock:
            if self.idle <= 0 and self.started < self.size:
                self.started += 1
                threading.Thread(target=self._serve, name=f"kb-offload-{self.started}", daemon=True).start()
            else:
                self.idle -= 1  # may go below 0: calls queued for the next thread to come free
        self.calls.put((loop, future, contextvars.copy_context(), function, args))
        return future

    def _serve(self) -> None:
        while True:
            loop, future, context, function, args = self.calls.get()
            try:
                result, error = context.run(function, *args), None
            except BaseException as exc:  # handed to the awaiting task, raised there
                result, error = None, exc
            with self.lock:
                self.idle += 1
            with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits for this answer
                loop.call_soon_threadsafe(_settle, future, result, error)
            del loop, future, context, function, args, result, error


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.cancelled():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


_THREADS = _Threads(MAX_THREADS)


def _detached(function: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
    try:
        return function(*args, **kwargs)
    except ApiError as exc:
        _release(exc)
        error: Exception = ApiError(exc.status, exc.detail, parameter=exc.parameter, title=exc.title,
                                    headers=exc.headers)
    except kb.KbError as exc:
        _release(exc)
        error = _copy(exc)
    except Exception as exc:  # a library bug (e.g. a ValueError from pyoxigraph): a 500, without the frames
        _release(exc)
        error = RuntimeError(f"{type(exc).__name__}: {exc}")
    raise error


def _release(exc: BaseException) -> None:
    """Drop, here and now, the locals of every frame the exception (and its context) holds.

    ``raise ... from None`` inside an ``except`` clause makes a reference cycle (frame, old exception,
    traceback, frame) that only the garbage collector breaks, on whatever thread it then runs.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        traceback.clear_frames(current.__traceback__)
        current = current.__context__ or current.__cause__


def _copy(exc: kb.KbError) -> kb.KbError:
    """The same error with its data (hint, parameter, file and line), without the frames."""
    return copy.copy(exc)  # KbError.__reduce__ rebuilds it from its message and attributes
