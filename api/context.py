"""What every route needs, made once per app: the stores, the worker pool, the settings, the release.

:class:`Context` holds the in-process read-only store (REST calls with bound parameters and item
pages run there, in the thread pool), the :class:`~api.workers.QueryPool` (every user SPARQL query
and every named query runs there, under the time limit), the :class:`~api.settings.Settings`, the
published release the store belongs to (for dumps and the dataset version, when there is one), and
facts computed once at start-up (triple count, the ontology graph, the named queries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

import kb
from api.settings import Settings
from api.workers import QueryPool

DUMP_FILES = {"kb.nt": "application/n-triples", "kb.ttl": "text/turtle", "kb.jsonld": "application/ld+json",
              "report.json": "application/json"}


@dataclass
class Context:
    spec: str
    store: kb.Store
    pool: QueryPool
    settings: Settings
    dumps_dir: Path | None = None
    version: str | None = None
    triples: int = 0
    ontology: Graph = field(default_factory=Graph)
    queries: dict[str, kb.NamedQuery] = field(default_factory=dict)

    def dump_path(self, name: str) -> Path | None:
        """The file of a downloadable dump, if this service has the build's dumps and that one exists."""
        if self.dumps_dir is None or name not in DUMP_FILES:
            return None
        path = self.dumps_dir / name
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
