"""Conditional requests and compression: strong ETags on the dumps, 304s, and gzip for large answers.

- :func:`matches` reads ``If-None-Match`` (RFC 9110 13.1.2: weak comparison, ``*``, a list).
- :func:`install` adds Starlette's gzip to the app for answers of at least :data:`MINIMUM_SIZE` bytes
  to clients that accept it (a 6 MB N-Triples dump goes out as about a tenth of that), wrapped in
  :class:`CodingETags`: a strong ETag names exact bytes, so the gzip bytes of a representation need
  their own (``"v-kb.nt"`` becomes ``"v-kb.nt-gzip"``), and a client revalidating with that one must
  still get its 304. Starlette's gzip leaves the ETag as it is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

MINIMUM_SIZE = 1024  # below this, gzip's header and the CPU cost more than the bytes saved
COMPRESS_LEVEL = 6  # zlib's default: level 9 costs several times the CPU on a dump for a few % less
GZIP_SUFFIX = "-gzip"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def matches(if_none_match: str | None, etag: str) -> bool:
    """True if an ``If-None-Match`` value names ``etag`` (or is ``*``): the client's copy is current."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


def _gzip_variant(etag: str) -> str:
    return etag[:-1] + GZIP_SUFFIX + '"' if etag.endswith('"') and not etag.startswith("W/") else etag


class CodingETags:
    """Outside the gzip middleware: a strong ETag of a gzipped answer gets :data:`GZIP_SUFFIX`; an
    ``If-None-Match`` naming such a variant is passed on naming the representation itself, and the
    304 that answers it names the variant the client holds."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", [])
        asked = next((value.decode("latin-1") for name, value in headers if name == b"if-none-match"), None)
        held_gzip = asked is not None and f'{GZIP_SUFFIX}"' in asked
        if held_gzip and asked is not None:
            plain = asked.replace(f'{GZIP_SUFFIX}"', '"')
            scope = {**scope, "headers": [(n, v) for n, v in headers if n != b"if-none-match"] +
                     [(b"if-none-match", f"{asked}, {plain}".encode("latin-1"))]}

        async def with_etag(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                coded = any(n.lower() == b"content-encoding" and v.lower() == b"gzip" for n, v in raw)
                if coded or (held_gzip and message["status"] == 304):
                    raw = [(n, _gzip_variant(v.decode("latin-1")).encode("latin-1")) if n.lower() == b"etag"
                           else (n, v) for n, v in raw]
                    message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, with_etag)


def install(app: FastAPI) -> None:
    """Gzip answers of :data:`MINIMUM_SIZE` bytes or more for clients that accept it, ETags kept exact."""
    app.add_middleware(GZipMiddleware, minimum_size=MINIMUM_SIZE, compresslevel=COMPRESS_LEVEL)
    app.add_middleware(CodingETags)
