"""Running blocking library calls off the event loop, without letting store objects cross threads.

In-process store calls (REST queries, item descriptions) run in the thread pool so that the event
loop never waits on the store. pyoxigraph's lazy results are bound to the thread that made them:
dropping one on another thread leaks it and raises ``RuntimeError: ... is unsendable, but is being
dropped on another thread``. An exception raised inside ``kb`` while it iterates results carries,
in its traceback (and in ``__context__``), the frames that hold those results, and the exception
travels to the event loop's thread. :func:`run` therefore lets no exception leave the worker
thread with its frames: it clears the frames the exception holds (releasing the results on the
thread that made them) and raises a copy without traceback or context.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import anyio.to_thread

import kb
from api.errors import ApiError

T = TypeVar("T")


async def run(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` in the thread pool; its exceptions come back detached."""
    return await anyio.to_thread.run_sync(lambda: _detached(function, args, kwargs))


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
    try:
        copy = type(exc)(exc.message, hint=exc.hint)
    except TypeError:  # a subclass with another signature (CorpusError...): keep the words, not the frames
        copy = kb.KbError(exc.message, hint=exc.hint)
    return copy
