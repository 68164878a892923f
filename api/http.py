"""The HTTP/1.1 protocol the server speaks: uvicorn's h11 protocol with the limits a public service needs.

``kb serve`` runs uvicorn with ``http="api.http:Protocol"``. This module owns what happens before
a request reaches the app, and when no app answers:

* the parser is h11, not httptools: httptools drops the body of a POST that also asks to upgrade to
  HTTP/2 (``Upgrade: h2c``, sent by Apache Jena), and accepts headers of any size;
* the request line and headers together are limited to ``max_header_bytes`` (``KB_MAX_HEADER_BYTES``),
  answered 431;
* a request's headers must arrive complete within ``header_timeout`` seconds (``KB_HEADER_TIMEOUT``)
  of the connection opening, and again of each response on a kept-alive connection: a client
  trickling them in (slowloris) holds a connection that long at most. A partial request is answered
  408; a connection that sent nothing is closed;
* a malformed request is answered 400.

Each of these answers is the service's one error shape (:mod:`api.errors`), with ``Connection: close``;
the connection is then half-closed and what the client still sends is read and dropped for a moment
before closing (closing with unread data would reset the connection and lose the answer). The body's
own time limit is the app's (:class:`api.app.BodyTimeout`), which can still answer through the app.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import h11
import orjson
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from api.errors import error_body
from api.settings import Settings

# How long a refused connection is read and dropped before it is closed: long enough for the answer
# to reach a client still sending, short enough to hold nothing.
LINGER_SECONDS = 2.0


@functools.cache
def settings() -> Settings:
    """The settings of this server process (read once: a protocol object is made per connection)."""
    return Settings.from_environment()


class _Connection(h11.Connection):
    """h11's connection, telling the protocol when a request's headers are complete and keeping the
    parse error, whose status hint (431 for a header section too large) uvicorn does not pass on."""

    def __init__(self, max_header_bytes: int, on_request: Callable[[], None]) -> None:
        super().__init__(h11.SERVER, max_incomplete_event_size=max_header_bytes)
        self.on_request = on_request
        self.error: h11.RemoteProtocolError | None = None

    def next_event(self) -> Any:
        try:
            event = super().next_event()
        except h11.RemoteProtocolError as exc:
            self.error = exc
            raise
        if isinstance(event, h11.Request):
            self.on_request()
        return event


class Protocol(H11Protocol):
    """uvicorn's h11 protocol with a header size limit, a header deadline, and errors in the one shape."""

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.limits = settings()
        self.parser = _Connection(self.limits.max_header_bytes, self._headers_arrived)
        self.conn = self.parser
        self._deadline: asyncio.TimerHandle | None = None
        self._linger: asyncio.TimerHandle | None = None
        self._refused = False

    # The header deadline: armed when the connection opens and after each response, disarmed by a
    # request's complete headers. uvicorn's keep-alive timer cannot serve: any byte received cancels it.

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        self._arm()  # first: the base class may go on at once to a pipelined request, which disarms it
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._linger is not None:
            self._linger.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self._deadline = self.loop.call_later(self.limits.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _headers_arrived(self) -> None:
        self._disarm()

    def _headers_late(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or self._refused:
            return
        partial, _ = self.conn.trailing_data
        if partial.strip():
            self.logger.info("request headers incomplete after %s s: connection closed", self.limits.header_timeout)
            self._refuse(408, f"the request's headers did not arrive within {self.limits.header_timeout:g} s")
        else:  # an idle connection: nothing to answer
            self.transport.close()

    # Errors in the one shape

    def send_400_response(self, msg: str) -> None:
        error = self.parser.error
        if error is not None and error.error_status_hint == 431:
            self._refuse(431, f"the request line and headers are over the limit of {self.limits.max_header_bytes} "
                              "bytes", title="Request Header Fields Too Large")
        else:
            # h11 ends some reasons with the offending bytes' repr: the reason alone is enough to say
            reason = str(error).split(": bytearray(", 1)[0] if error is not None else msg
            self._refuse(400, f"malformed HTTP/1.1 request: {reason}")

    def _refuse(self, status: int, detail: str, *, title: str | None = None) -> None:
        """Answer ``status`` in the one shape, outside h11 (whose state may no longer allow an answer),
        then half-close and drop what still comes for :data:`LINGER_SECONDS`."""
        self._disarm()
        self._refused = True
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:  # a bad body under a request being answered:
            cycle.disconnected = True  # the app now reads a disconnect and writes nothing more
            cycle.message_event.set()
            if cycle.response_started:  # its answer is under way: no second one
                self.transport.close()
                return
        body = orjson.dumps(error_body(status, detail, title=title))
        head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}".encode()]
        head += [name + b": " + value for name, value in self.server_state.default_headers]
        head += [b"content-type: application/json", b"content-length: %d" % len(body), b"connection: close",
                 b"x-content-type-options: nosniff"]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.flow.resume_reading()
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self._linger = self.loop.call_later(LINGER_SECONDS, self.transport.close)
        else:
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        if self._refused:  # answered already: read and dropped until the connection closes
            return
        super().data_received(data)
