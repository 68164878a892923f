"""Which release the server serves: opening one, pinning it to each request, following new builds.

- :func:`open_served` holds a release (``kb.hold_release``: no build prunes it while it is served),
  opens its store read-only, prepares its worker pool and computes what the routes need once.
- :class:`PinRelease` pins the current release to each request as it arrives
  (:data:`api.context.PINNED`), and counts the requests in flight on each release.
- :class:`ReleaseFollower`, when the server follows a build folder (``kb serve`` without
  ``--store``), looks at ``current`` every ``release_poll`` seconds. On a new release it opens it and
  starts its workers while the old one goes on answering, then makes it current in one assignment:
  new requests go to the new release, requests in flight finish on the old one, which is closed
  (workers stopped, hold released, so the next build may prune it) when its last request ends.
  A release that cannot be opened is reported in ``/health`` and the log, tried again on the next
  build or after :data:`RETRY_SECONDS`, and the server goes on serving the one it has.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from pathlib import Path

import kb
from api import linked_data, pages_data, rest
from api.context import PINNED, Context, Served, find_dumps
from api.settings import Settings
from api.workers import QueryPool

LOG = logging.getLogger("api.releases")
RETRY_SECONDS = 30.0


def open_served(spec: str, settings: Settings) -> Served:
    """The release whose store is ``spec``, held and opened, its pool prepared (not started)."""
    release = kb.release_of_store(spec)
    hold = kb.hold_release(release) if release is not None else None
    try:
        store = kb.open_store(spec)
    except BaseException:
        if hold is not None:
            hold.close()
        raise
    try:
        dumps_dir, version = find_dumps(spec, settings.dumps_dir)
        pool = QueryPool(spec, size=settings.workers, max_workers=settings.max_workers,
                         time_limit=settings.time_limit, memory_mb=settings.worker_memory_mb,
                         reserve=settings.reserve_workers, reserve_time_limit=settings.reserve_time_limit,
                         total_memory_mb=settings.workers_memory_mb)
        served = Served(spec=spec, store=store, pool=pool, hold=hold, dumps_dir=dumps_dir, version=version,
                        triples=store.triple_count(), ontology=linked_data.ontology_graph(store),
                        statistics=kb.statistics(store), partitions=kb.partitions(store),
                        about=kb.dataset_info(store))
        rest.warm_up(store)
        pages_data.warm_up(store)
    except BaseException:
        store.close()
        if hold is not None:
            hold.close()
        raise
    gc.collect()  # frees, on this thread, the store results that parsing left in reference cycles
    return served


async def retire(ctx: Context, old: Served) -> None:
    """``old`` is no longer current: close it now if no request is on it, else when the last one ends."""
    old.retired = True
    if old.requests == 0:
        await old.close()
    else:
        ctx.retired.add(old)


class PinRelease:
    """ASGI middleware: each request is answered from the release current when it arrived."""

    def __init__(self, app: object, ctx: Context) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: dict[str, object], receive: object, send: object) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)  # type: ignore[operator]
            return
        served = self.ctx.current
        served.requests += 1
        token = PINNED.set(served)
        try:
            await self.app(scope, receive, send)  # type: ignore[operator]
        finally:
            PINNED.reset(token)
            served.requests -= 1
            if served.retired and served.requests == 0:
                self.ctx.retired.discard(served)
                await served.close()


class ReleaseFollower:
    """Switch the server to each new ``current`` release of ``ctx.follow`` (see the module docstring)."""

    def __init__(self, ctx: Context) -> None:
        assert ctx.follow is not None
        self.ctx = ctx
        self.build_dir = ctx.follow
        self._failed: tuple[Path, float] | None = None  # a release that could not be opened, and when
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.ctx.settings.release_poll > 0:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.ctx.settings.release_poll)
            try:
                await self.check()
            except Exception:  # the follower must outlive any surprise; the server keeps its release
                LOG.exception("following %s failed", self.build_dir)

    async def check(self) -> bool:
        """Switch to the current release if it is new; True if the server switched."""
        try:
            target = kb.current_release(self.build_dir).path.resolve(strict=True)
        except (kb.StoreError, OSError):
            return False  # no build yet, or one being replaced: the next look will tell
        if target == self.ctx.current.release:
            return False
        if self._failed is not None and self._failed[0] == target and time.monotonic() < self._failed[1]:
            return False
        try:
            served = await asyncio.to_thread(open_served, str(kb.Release(target).store_path), self.ctx.settings)
        except kb.KbError as exc:
            return self._refused(target, exc)
        try:
            await served.pool.start()
        except kb.KbError as exc:
            await served.close()
            return self._refused(target, exc)
        old, self.ctx.current = self.ctx.current, served
        self.ctx.release_error, self._failed = None, None
        LOG.warning("now serving release %s (was %s)", served.version, old.version)
        await retire(self.ctx, old)
        return True

    def _refused(self, target: Path, exc: kb.KbError) -> bool:
        self.ctx.release_error = f"cannot serve release {target.name}: {exc}"
        self._failed = (target, time.monotonic() + RETRY_SECONDS)
        LOG.error("%s; still serving %s", self.ctx.release_error, self.ctx.current.version)
        return False
