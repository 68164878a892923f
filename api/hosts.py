"""Which Host the service answers to, and the base of the absolute URLs it writes.

A request's Host header is the client's word: echoed into a redirect's ``Location``, a ``next``
link, the Service Description or VoID, it lets anyone make this service publish links to their own
site (and poison a shared cache with them). :class:`HostCheck` answers 400 (``parameter: "Host"``)
to a Host that is not allowed (:mod:`api.settings`: ``allowed_hosts``, and the host of
``public_url``), and rewrites a redirect's absolute ``Location`` onto the public URL when one is
set; :func:`base_url` is what every absolute URL is built on: the public URL, else the request's
own scheme and (checked) host.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import URL
from starlette.requests import Request

from api import errors
from api.settings import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def host_of(authority: str) -> str | None:
    """The host of a Host header (``kb.example.org:8000``, ``[::1]:80``), lowercase; None if malformed."""
    try:
        return urlsplit(f"//{authority}").hostname
    except ValueError:
        return None


def base_url(request: Request) -> str:
    """The base of the absolute URLs the service writes, without a final slash: the public URL of the
    app's settings, else the request's (its Host checked by :class:`HostCheck` if hosts are configured)."""
    context = getattr(request.app.state, "context", None)
    public = context.settings.public_url if context is not None else None
    return public or str(request.base_url).rstrip("/")


def absolute_url(request: Request, *, query: str = "") -> str:
    """The request's own URL on :func:`base_url`, with ``query`` (already encoded) instead of its own."""
    return f"{base_url(request)}{request.url.path}{'?' + query if query else ''}"


class HostCheck:
    """Refuse a Host that is not allowed; with a public URL, put redirects on it."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.settings.checks_host:
            await self.app(scope, receive, send)
            return
        authority = next((value.decode("latin-1") for name, value in scope["headers"] if name == b"host"), "")
        host = host_of(authority)
        if host is None or not self.settings.host_allowed(host):
            detail = (f"this service does not answer to Host {authority[:100]!r}" if authority else
                      "the request has no Host header")
            await errors.error_response(400, detail, parameter="Host")(scope, receive, send)
            return
        public = self.settings.public_url
        if public is None:
            await self.app(scope, receive, send)
            return
        own = str(URL(scope=scope).replace(path="", query="", fragment="")).rstrip("/")

        async def on_public_url(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [(name, _rebase(value, own, public) if name.lower() == b"location" else value)
                                      for name, value in message.get("headers", [])]
            await send(message)

        await self.app(scope, receive, on_public_url)


def _rebase(location: bytes, own: str, public: str) -> bytes:
    text = location.decode("latin-1")
    if text == own or text.startswith(own + "/"):
        return (public + text[len(own):]).encode("latin-1")
    return location
