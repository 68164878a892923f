"""The service's limits and sizes: one frozen record, read from keyword arguments or the environment.

Every limit that protects the service lives here with its default and its environment variable
(``kb serve`` passes the environment on to the app and to the HTTP protocol of :mod:`api.http`):

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
``max_header_bytes``              ``KB_MAX_HEADER_BYTES``       16384 (request line and headers; over: 431)
``header_timeout`` (seconds)      ``KB_HEADER_TIMEOUT``         10 (for a request's headers to arrive; 408)
``body_timeout`` (seconds)        ``KB_BODY_TIMEOUT``           10 (for each piece of a request body; 408)
``public_url``                    ``KB_PUBLIC_URL``             none: absolute URLs from the request
``allowed_hosts`` (comma list)    ``KB_ALLOWED_HOSTS``          none: any Host (``kb serve`` sets its own)
================================  ===========================  =========

``public_url`` is the origin the service is reached at (``https://kb.example.org``, no path): the
absolute URLs it writes (redirects, ``next`` links, the Service Description, VoID) use it, and its
host is allowed. ``allowed_hosts`` names the Host header values answered (port ignored; ``*`` for
any); another Host gets 400. ``create_app`` without them checks no Host (the tests' client says
``testserver``); ``kb serve`` always sets them (the address it binds and
the loopback names, unless given).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    "max_header_bytes": "KB_MAX_HEADER_BYTES",
    "header_timeout": "KB_HEADER_TIMEOUT",
    "body_timeout": "KB_BODY_TIMEOUT",
    "public_url": "KB_PUBLIC_URL",
    "allowed_hosts": "KB_ALLOWED_HOSTS",
}
_SECONDS = {"time_limit", "header_timeout", "body_timeout", "reserve_time_limit", "release_poll"}
ANY_HOST = "*"


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
    max_header_bytes: int = 16 * 1024
    header_timeout: float = 10.0
    body_timeout: float = 10.0
    public_url: str | None = None
    allowed_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        positive = {"time_limit": self.time_limit, "row_cap": self.row_cap, "max_query_chars": self.max_query_chars,
                    "max_request_bytes": self.max_request_bytes, "workers": self.workers,
                    "worker_memory_mb": self.worker_memory_mb, "workers_memory_mb": self.workers_memory_mb,
                    "reserve_time_limit": self.reserve_time_limit, "release_poll": self.release_poll,
                    "max_header_bytes": self.max_header_bytes, "header_timeout": self.header_timeout,
                    "body_timeout": self.body_timeout}
        for name, value in positive.items():
            if value <= 0:
                raise kb.InputError(f"setting {name} must be positive, not {value}", hint=f"set {ENV[name]}")
        if self.reserve_workers < 0:
            raise kb.InputError(f"setting reserve_workers must be 0 or more, not {self.reserve_workers}",
                                hint="set KB_RESERVE_WORKERS")
        if self.max_workers < self.workers:
            raise kb.InputError(f"max_workers ({self.max_workers}) is below workers ({self.workers})",
                                hint="set KB_MAX_WORKERS at least as high as KB_WORKERS")
        if self.public_url is not None:
            object.__setattr__(self, "public_url", public_origin(self.public_url))

    @property
    def checks_host(self) -> bool:
        """Whether a request's Host is checked: allowed hosts, or a public URL, are configured."""
        return ANY_HOST not in self.allowed_hosts and bool(self.allowed_hosts or self.public_url)

    def host_allowed(self, host: str) -> bool:
        """``host`` (a Host header's host, lowercase, without port or brackets) is one this service answers to."""
        if not self.checks_host:
            return True
        public = urlsplit(self.public_url).hostname if self.public_url else None
        return host in self.allowed_hosts or host == public

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
        if isinstance(values.get("allowed_hosts"), str):
            values["allowed_hosts"] = host_list(values["allowed_hosts"])
        return replace(cls(), **values)


def public_origin(url: str) -> str:
    """``url`` checked to be an http(s) origin (scheme, host, optional port; no path), without a final slash."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/") or parts.query:
        raise kb.InputError(f"KB_PUBLIC_URL={url!r} is not an origin like https://kb.example.org",
                            hint="give the scheme and host (and port) the service is reached at, without a path")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def host_list(raw: str) -> tuple[str, ...]:
    """The hosts of a comma list (``KB_ALLOWED_HOSTS``), lowercase, IPv6 without brackets."""
    return tuple(dict.fromkeys(part.strip().lower().strip("[]") for part in raw.split(",") if part.strip()))


def _convert(name: str, raw: str) -> Any:
    if name == "dumps_dir":
        return Path(raw)
    if name == "public_url":
        return raw
    if name == "allowed_hosts":
        return host_list(raw)
    try:
        return float(raw) if name in _SECONDS else int(raw)
    except ValueError:
        raise kb.InputError(f"{ENV[name]}={raw!r} is not a number") from None
