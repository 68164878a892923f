"""What every route needs: the settings, the named queries, and the release being served.

A :class:`Served` release is one published build as the server holds it: its in-process read-only
store (REST calls with bound parameters and item pages run there, in the thread pool), its
:class:`~api.workers.QueryPool` (every user SPARQL query and every named query runs there, under
the time limit), the hold that keeps a build from pruning it, its dumps and version, and the facts
computed once for it (triple count, ontology graph, statistics, VoID partitions, and ``memo`` for answers that
only change with the data).

:class:`Context` gives the routes the release of *their request*: :mod:`api.releases` pins the
release current when a request arrives (:data:`PINNED`) so that a request in flight finishes on the
release it started on while the server switches to a new one.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

import kb
from api.settings import Settings
from api.workers import QueryPool

DUMP_FILES = {"kb.nt": "application/n-triples", "kb.ttl": "text/turtle", "kb.jsonld": "application/ld+json",
              "report.json": "application/json"}


@dataclass(eq=False)
class Served:
    """One release as this server serves it (see the module docstring)."""

    spec: str
    store: kb.Store
    pool: QueryPool
    hold: kb.ReleaseHold | None = None
    dumps_dir: Path | None = None
    version: str | None = None
    triples: int = 0
    ontology: Graph = field(default_factory=Graph)
    statistics: dict[str, Any] = field(default_factory=dict)
    partitions: kb.Partitions = field(default_factory=lambda: kb.Partitions({}, {}))  # for VoID
    about: kb.DatasetInfo = field(default_factory=kb.DatasetInfo)  # what the release says of itself
    memo: dict[str, Any] = field(default_factory=dict)
    requests: int = 0  # requests in flight pinned to it
    retired: bool = False  # a newer release is current: closed when its last request ends
    closed: bool = False

    @property
    def release(self) -> Path | None:
        """The release folder, when the store is a published release's."""
        return self.hold.path if self.hold is not None else kb.release_of_store(self.spec)

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        await self.pool.close()
        self.store.close()
        if self.hold is not None:
            self.hold.close()


PINNED: ContextVar[Served | None] = ContextVar("kb_served_release", default=None)


@dataclass(eq=False)
class Context:
    current: Served
    settings: Settings
    queries: dict[str, kb.NamedQuery] = field(default_factory=dict)
    follow: Path | None = None  # the build folder whose ``current`` release the server follows
    release_error: str | None = None  # why the newest release could not be served, if it could not
    retired: set[Served] = field(default_factory=set)

    @property
    def served(self) -> Served:
        """The release of the request being answered (the current one outside a request)."""
        pinned = PINNED.get()
        return pinned if pinned is not None else self.current

    @property
    def store(self) -> kb.Store:
        return self.served.store

    @property
    def pool(self) -> QueryPool:
        return self.served.pool

    @property
    def version(self) -> str | None:
        return self.served.version

    @property
    def triples(self) -> int:
        return self.served.triples

    @property
    def row_cap(self) -> int:
        """The cap on an answer's rows or triples: the setting, but never fewer than the data holds, so
        that an answer as large as the whole graph (a client iterating over every triple) is never cut."""
        return max(self.settings.row_cap, self.served.triples)

    @property
    def ontology(self) -> Graph:
        return self.served.ontology

    @property
    def statistics(self) -> dict[str, Any]:
        return self.served.statistics

    @property
    def partitions(self) -> kb.Partitions:
        return self.served.partitions

    @property
    def about(self) -> kb.DatasetInfo:
        return self.served.about

    @property
    def memo(self) -> dict[str, Any]:
        return self.served.memo

    def dump_path(self, name: str) -> Path | None:
        """The file of a downloadable dump, if this service has the build's dumps and that one exists."""
        dumps_dir = self.served.dumps_dir
        if dumps_dir is None or name not in DUMP_FILES:
            return None
        path = dumps_dir / name
        return path if path.is_file() else None

    def dumps(self) -> list[str]:
        return [name for name in DUMP_FILES if self.dump_path(name) is not None]


def find_dumps(spec: str, configured: Path | None) -> tuple[Path | None, str | None]:
    """The folder holding the build's dumps and its version: configured, or the store's release folder."""
    if configured is not None:
        return (configured, configured.resolve().name) if configured.is_dir() else (None, None)
    if spec.startswith(("http://", "https://")):
        return None, None
    release = kb.Release(Path(spec).resolve().parent)
    if release.dump("nt").is_file():
        return release.path, release.version
    return None, None
