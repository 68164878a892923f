"""The service's limits and sizes: one frozen record, read from keyword arguments or the environment.

Every limit that protects the service lives here with its default and its environment variable
(``kb serve`` passes the environment on to the app):

================================  ===========================  =========
setting                           environment variable          default
================================  ===========================  =========
``time_limit`` (seconds)          ``KB_TIME_LIMIT``             10
``row_cap`` (rows or triples)     ``KB_ROW_CAP``                10000
``max_query_chars``               ``KB_MAX_QUERY_CHARS``        20000
``max_request_bytes``             ``KB_MAX_REQUEST_BYTES``      262144
``workers`` (warm processes)      ``KB_WORKERS``                2
``max_workers``                   ``KB_MAX_WORKERS``            4
``worker_memory_mb``              ``KB_WORKER_MEMORY_MB``       2048
``workers_memory_mb`` (all)       ``KB_WORKERS_MEMORY_MB``      4096
``reserve_workers``               ``KB_RESERVE_WORKERS``        2
``reserve_time_limit`` (seconds)  ``KB_RESERVE_TIME_LIMIT``     1
``release_poll`` (seconds)        ``KB_RELEASE_POLL``           2
``dumps_dir``                     ``KB_DUMPS_DIR``              the store folder's parent, if it holds kb.nt
================================  ===========================  =========
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import kb

ENV = {
    "time_limit": "KB_TIME_LIMIT",
    "row_cap": "KB_ROW_CAP",
    "max_query_chars": "KB_MAX_QUERY_CHARS",
    "max_request_bytes": "KB_MAX_REQUEST_BYTES",
    "workers": "KB_WORKERS",
    "max_workers": "KB_MAX_WORKERS",
    "worker_memory_mb": "KB_WORKER_MEMORY_MB",
    "workers_memory_mb": "KB_WORKERS_MEMORY_MB",
    "reserve_workers": "KB_RESERVE_WORKERS",
    "reserve_time_limit": "KB_RESERVE_TIME_LIMIT",
    "release_poll": "KB_RELEASE_POLL",
    "dumps_dir": "KB_DUMPS_DIR",
}

FRACTIONAL = {"time_limit", "reserve_time_limit", "release_poll"}


@dataclass(frozen=True)
class Settings:
    time_limit: float = 10.0
    row_cap: int = 10_000
    max_query_chars: int = 20_000
    max_request_bytes: int = 256 * 1024
    workers: int = 2
    max_workers: int = 4
    worker_memory_mb: int = 2048
    workers_memory_mb: int = 4096
    reserve_workers: int = 2
    reserve_time_limit: float = 1.0
    release_poll: float = 2.0
    dumps_dir: Path | None = None

    def __post_init__(self) -> None:
        positive = {"time_limit": self.time_limit, "row_cap": self.row_cap, "max_query_chars": self.max_query_chars,
                    "max_request_bytes": self.max_request_bytes, "workers": self.workers,
                    "worker_memory_mb": self.worker_memory_mb, "workers_memory_mb": self.workers_memory_mb,
                    "reserve_time_limit": self.reserve_time_limit, "release_poll": self.release_poll}
        for name, value in positive.items():
            if value <= 0:
                raise kb.InputError(f"setting {name} must be positive, not {value}", hint=f"set {ENV[name]}")
        if self.reserve_workers < 0:
            raise kb.InputError(f"setting reserve_workers must be 0 or more, not {self.reserve_workers}",
                                hint="set KB_RESERVE_WORKERS")
        if self.max_workers < self.workers:
            raise kb.InputError(f"max_workers ({self.max_workers}) is below workers ({self.workers})",
                                hint="set KB_MAX_WORKERS at least as high as KB_WORKERS")

    @classmethod
    def from_environment(cls, **overrides: Any) -> Settings:
        """Defaults, then the environment, then keyword arguments (None means "not given")."""
        values: dict[str, Any] = {}
        for spec in fields(cls):
            raw = os.environ.get(ENV[spec.name])
            if raw is None or raw == "":
                continue
            values[spec.name] = _convert(spec.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise kb.InputError(f"unknown setting {sorted(unknown)[0]!r}")
        if "dumps_dir" in values:
            values["dumps_dir"] = Path(values["dumps_dir"])
        return replace(cls(), **values)


def _convert(name: str, raw: str) -> Any:
    if name == "dumps_dir":
        return Path(raw)
    try:
        return float(raw) if name in FRACTIONAL else int(raw)
    except ValueError:
        raise kb.InputError(f"{ENV[name]}={raw!r} is not a number") from None
