"""The web service: the app factory that wires the pieces of ``api/`` over one store.

``create_app(store_spec)`` opens the store (a store folder, or a SPARQL endpoint URL) read-only,
reads the settings (:mod:`api.settings`: keyword arguments over ``KB_*`` environment variables over
defaults), prepares the worker pool (:mod:`api.workers`, started and stopped with the app), and
installs, in this order, the error handlers (:mod:`api.errors`), the SPARQL endpoint
(:mod:`api.sparql`), the REST API (:mod:`api.rest`), and the linked-data paths
(:mod:`api.linked_data`), the web pages (:mod:`api.pages`) and the API docs (:mod:`api.api_docs`);
then the home page ``/`` (the dashboard for browsers), ``/api`` and ``/health``, the request-size
limit, the body's time limit, CORS, gzip for large answers (:mod:`api.caching`), and the Host check
(:mod:`api.hosts`). ``app_from_environment()`` is what ``kb serve`` runs (uvicorn's factory mode,
over the protocol of :mod:`api.http`). Everything it serves is read-only.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

import kb
from api import (
    api_docs,
    caching,
    errors,
    graph_store,
    linked_data,
    negotiation,
    pages,
    rest,
    review,
    sparql,
    sparql_page,
)
from api.context import Context
from api.hosts import HostCheck
from api.releases import PinRelease, ReleaseFollower, open_served
from api.responses import JSONResponse
from api.settings import Settings

LOG = logging.getLogger("api")
DESCRIPTION = """Mandate and recommendation traceability knowledge base of the OAS Inter-American Conference of
Ministers of Labor (IACML). Read-only: a SPARQL 1.1 endpoint at `/sparql`, a JSON REST API under `/api/`,
and every IRI of `https://w3id.org/iacml-kb/` dereferenceable on this host (HTML or RDF by content
negotiation). Every error has one shape: `{"error": {"status", "title", "detail", "parameter"}}`."""


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# Sent with every response: a read-only public service embeds nothing from elsewhere, is framed by no
# one, and leaks no address it was reached from (the API docs pages too: their assets are served here).
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
CONTENT_SECURITY_POLICY = (b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           b"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           b"form-action 'self'; frame-ancestors 'none'")
_HEADERS = [*SECURITY_HEADERS, (b"content-security-policy", CONTENT_SECURITY_POLICY)]
# ReDoc builds its search index in a Web Worker made from a blob: URL of its own (served) bundle; script-src
# 'self' would refuse it (and search with it), so /redoc alone also allows blob: workers.
_REDOC_HEADERS = [*SECURITY_HEADERS,
                  (b"content-security-policy", CONTENT_SECURITY_POLICY + b"; worker-src 'self' blob:")]
# The review page's forms must say where they come from: with no-referrer, browsers send "Origin: null"
# with a form post, which the page's guard refuses (api.review).
_REVIEW_HEADERS = [(name, b"same-origin" if name == b"referrer-policy" else value) for name, value in _HEADERS]


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` and the Content-Security-Policy to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        extra = (_REDOC_HEADERS if path == "/redoc" else _REVIEW_HEADERS if path == "/review"
                 or path.startswith("/review/") else _HEADERS)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """Answer HEAD on every GET route: the GET's status and headers, without the body (RFC 9110 9.3.2).
    FastAPI's routes answer only the methods they declare; a route that declares HEAD itself is
    answered the same way."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


class OptionsAllow:
    """Answer OPTIONS (not a CORS preflight, which the CORS middleware answers) with 204 and the methods
    the path really takes (RFC 9110 9.3.7): FastAPI answered 405 with only the route's first method."""

    def __init__(self, app: ASGIApp, routes: Callable[[], list[Any]]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        if scope["type"] != "http" or scope["method"] != "OPTIONS" or b"access-control-request-method" in headers:
            await self.app(scope, receive, send)
            return
        methods: set[str] = set()
        for route in self.routes():
            match, _ = route.matches({**scope, "method": "GET"})
            if match is not Match.NONE and not route.name.startswith("refuse_"):  # refusals do not count: read-only
                methods |= set(getattr(route, "methods", None) or ()) & {"GET", "HEAD", "POST"}
        if not methods:
            await self.app(scope, receive, send)  # no such path: the usual 404
            return
        methods |= {"HEAD", "OPTIONS"} if "GET" in methods else {"OPTIONS"}
        allow = ", ".join(sorted(methods)).encode()
        await send({"type": "http.response.start", "status": 204, "headers": [(b"allow", allow)]})
        await send({"type": "http.response.body", "body": b""})


class RequestSizeLimit:
    """Refuse request bodies larger than the limit with 413, by Content-Length or as they stream in."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                declared = -1
            if declared < 0 or declared > self.max_bytes:
                status = 400 if declared < 0 else 413
                detail = ("Content-Length is not a number" if declared < 0 else
                          f"the request body is {declared} bytes; the limit is {self.max_bytes}")
                await errors.error_response(status, detail)(scope, receive, send)
                return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise errors.ApiError(413, f"the request body is over the limit of {self.max_bytes} bytes")
            return message

        await self.app(scope, limited, send)


class BodyTooSlow(StarletteHTTPException):
    """A request body piece that did not come in time: 408, and the connection closed (the rest of the
    body would otherwise be read as the next request)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(408, f"the request body did not arrive in time: more than {seconds:g} s without any of it",
                         headers={"Connection": "close"})


class BodyTimeout:
    """Wait at most ``seconds`` for each piece of a request body (uvicorn waits forever): a client
    sending it slowly, or not at all, gets 408 instead of holding a connection and a task. The wait
    for a disconnect after the body (a streaming response listens for one) has no deadline."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_done = False
        started = False

        async def timed() -> Message:
            nonlocal body_done
            if body_done:
                return await receive()
            try:
                async with asyncio.timeout(self.seconds):  # (no task per call, unlike wait_for)
                    message = await receive()
            except TimeoutError:
                raise BodyTooSlow(self.seconds) from None
            body_done = message.get("type") != "http.request" or not message.get("more_body", False)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, timed, tracked)
        except BodyTooSlow as exc:  # raised where no handler answers it (the routes' handlers do)
            if started:
                return  # uvicorn closes a response left incomplete
            await errors.error_response(408, str(exc.detail), headers=dict(exc.headers or {}))(scope, receive, send)


def create_app(store_spec: str | None = None, *, follow: Path | str | None = None, time_limit: float | None = None,
               row_cap: int | None = None,
               max_query_chars: int | None = None, max_request_bytes: int | None = None,
               workers: int | None = None, max_workers: int | None = None, worker_memory_mb: int | None = None,
               dumps_dir: Path | str | None = None, curator_corpus: Path | str | None = None,
               curator_token: str | None = None,
               body_timeout: float | None = None, public_url: str | None = None,
               allowed_hosts: tuple[str, ...] | None = None) -> FastAPI:
    """An app serving the store at ``store_spec`` (a store folder or a SPARQL endpoint URL), or, with
    ``follow`` (a build folder), its ``current`` release and each new one a build publishes; with
    ``curator_corpus``, also the review page of that corpus's suggested links (loopback only, for a browser
    that opened ``/review?token=`` with ``curator_token``; one is made when none is given, kept in
    ``app.state.curator_token``)."""
    settings = Settings.from_environment(time_limit=time_limit, row_cap=row_cap, max_query_chars=max_query_chars,
                                         max_request_bytes=max_request_bytes, workers=workers,
                                         max_workers=max_workers, worker_memory_mb=worker_memory_mb,
                                         dumps_dir=dumps_dir, body_timeout=body_timeout, public_url=public_url,
                                         allowed_hosts=allowed_hosts)
    build_dir = Path(follow) if follow is not None else None
    if build_dir is not None:
        spec = str(kb.current_release(build_dir).store_path)
    elif store_spec is not None:
        spec = str(store_spec)
    else:
        raise kb.StoreError("no store to serve", hint="give a store folder, an endpoint URL or a build folder")
    ctx = Context(current=open_served(spec, settings), settings=settings,
                  queries={q.name: q for q in kb.list_queries()}, follow=build_dir)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await ctx.current.pool.start()
        follower = ReleaseFollower(ctx) if build_dir is not None else None
        if follower is not None:
            follower.start()
        try:
            yield
        finally:
            if follower is not None:
                await follower.stop()
            for served in [*ctx.retired, ctx.current]:
                await served.close()

    app = FastAPI(title="iacml-kb", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                  default_response_class=JSONResponse, docs_url=None, redoc_url=None)
    app.state.context = ctx
    errors.install(app, lambda request, *error: pages.error_html(request, ctx, *error), patterns=rest.PATTERN_WORDS)
    sparql.install(app, ctx, lambda request, name, **values: pages.render_page(request, name, ctx, **values))
    graph_store.install(app, ctx)
    rest.install(app, ctx)
    linked_data.install(app, ctx)
    pages.install(app, ctx)
    sparql_page.install(app, ctx, lambda request, name, **values: pages.render_page(request, name, ctx, **values))
    api_docs.install(app)  # after the SPARQL page: its /static/vendor/yasqe/ route comes first
    if curator_corpus is not None:
        app.state.curator_token = curator_token or secrets.token_urlsafe(32)
        review.install(app, ctx, Path(curator_corpus), app.state.curator_token)

    @app.get("/", tags=["Service"], summary="Home: HTML for browsers, else a JSON index",
             responses={200: {"content": {"application/json": {}, "text/html": {}}}}, response_model=None)
    async def home(request: Request) -> Response:
        """For a browser (an Accept that puts text/html first) the dashboard: counts by status per
        document, topic and body, and the open mandates, filtered; for anything else what ``/api`` says."""
        if negotiation.prefers_html(request.headers.get("accept")):
            return await pages.home(request, ctx)
        return JSONResponse(index())

    @app.get("/api", tags=["Service"], summary="What the service offers, and the build it serves")
    def index() -> dict[str, Any]:
        """Where everything is (SPARQL endpoint, OpenAPI, ontology, VoID, dumps, REST routes), the release
        served, the limits a query runs under, and the counts of the knowledge base per class."""
        return {"name": "iacml-kb", "base": kb.BASE, "version": ctx.version, "sparql": "/sparql",
                "openapi": "/openapi.json", "ontology": "/ontology", "void": "/.well-known/void",
                "dumps": [f"/dumps/{name}" for name in ctx.dumps()],
                "api": ["/api/provisions", "/api/mandates", "/api/items/{path}", "/api/trace/{path}",
                        "/api/cite/{path}", "/api/documents", "/api/activities", "/api/bodies", "/api/topics",
                        "/api/queries"],
                "limits": {"timeLimitSeconds": settings.time_limit, "rowCap": ctx.row_cap,
                           "maxQueryChars": settings.max_query_chars, "maxRequestBytes": settings.max_request_bytes},
                "statistics": ctx.statistics}

    @app.get("/health", tags=["Service"], summary="Liveness, and the state of the query workers")
    async def health() -> JSONResponse:  # async: no thread-pool hop (the benchmark's floor per request)
        """``ok`` (200) while a query worker is up or starting, else ``degraded`` (503); the release served,
        the workers' state, and why a newer release could not be served, if it could not."""
        workers = ctx.current.pool.describe()
        ok = workers["workers"] + workers["starting"] > 0
        body: dict[str, Any] = {"status": "ok" if ok else "degraded", "release": ctx.current.version,
                                "workers": workers}
        if build_dir is not None:
            body["following"] = str(build_dir)
        if ctx.release_error is not None:
            body["releaseError"] = ctx.release_error
        return JSONResponse(body, status_code=200 if ok else 503)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            with warnings.catch_warnings():  # GET+HEAD routes share an id: made unique just below
                warnings.filterwarnings("ignore", message="Duplicate Operation ID")
                schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                     routes=app.routes)
            app.openapi_schema = errors.drop_422(unique_operation_ids(schema))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(PinRelease, ctx=ctx)
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(BodyTimeout, seconds=settings.body_timeout)
    linked_data.add_cors(app)
    app.add_middleware(OptionsAllow, routes=lambda: app.routes)
    caching.install(app)  # inside HeadAsGet: a HEAD's headers are those of the GET's gzipped answer
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostCheck, settings=settings)  # before anything reads or echoes the Host
    app.add_middleware(SecurityHeaders)  # outermost: on every response, errors and CORS refusals included
    return app


def unique_operation_ids(schema: dict[str, Any]) -> dict[str, Any]:
    """A route serving GET and HEAD gives FastAPI one operation id for both, ending in whichever
    method its set of methods yields first (so it varies from run to run): they end in ``_get`` and
    ``_head`` instead, each id once, the same every run (client generators rely on both)."""
    for operations in schema.get("paths", {}).values():
        get, head = operations.get("get"), operations.get("head")
        if isinstance(get, dict) and isinstance(head, dict) and head.get("operationId") == get.get("operationId"):
            shared = str(head["operationId"]).removesuffix("_get").removesuffix("_head")
            get["operationId"], head["operationId"] = f"{shared}_get", f"{shared}_head"
    return schema


def app_from_environment() -> FastAPI:
    """The app for the store named by ``$KB_STORE``, or following the build folder ``$KB_FOLLOW`` (what
    ``kb serve`` sets), for uvicorn's factory mode."""
    spec = os.environ.get("KB_STORE")
    follow = os.environ.get("KB_FOLLOW")
    if not spec and not follow:
        raise kb.StoreError("neither KB_STORE nor KB_FOLLOW is set", hint="start the server with `kb serve`")
    return create_app(spec or None, follow=None if spec else follow,
                      curator_corpus=os.environ.get("KB_CURATOR_CORPUS") or None,
                      curator_token=os.environ.get("KB_CURATOR_TOKEN") or None)
