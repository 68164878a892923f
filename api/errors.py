"""The one error shape of the web layer, and the mapping of every failure onto it.

Every error the service returns, on every route (REST, SPARQL protocol, linked data), is JSON::

    {"error": {"status": 404, "title": "Not Found", "detail": "no item ... ; check the slug", "parameter": null}}

``parameter`` names the request parameter at fault when there is one. This module owns that
shape (:class:`ErrorBody`, documented in the OpenAPI schema), :class:`ApiError` (what the web layer
raises itself), and the mapping of the library's exceptions:

============================  =======  ===================================================
``kb`` exception               status   why
============================  =======  ===================================================
GoneError                      410      an IRI published once, of a document withdrawn since
NotFoundError                  404      an IRI, slug, eId or query name the KB does not hold
QueryRefusedError              400      updates, SERVICE, FROM outside the KB: never run
QueryTimeoutError              503      the query hit the time limit and was stopped; the
                                        service is fine, the query is too expensive (a 503
                                        rather than 408, which means the *client* was slow)
QueryError, InputError         400      malformed query, bad parameter
StoreError                     503      the store cannot be read (or a query worker died)
any other KbError              500
============================  =======  ===================================================

A request that prefers HTML to JSON (a browser's Accept, :func:`api.negotiation.prefers_html_to_json`) gets the same
status, title, detail and parameter as a page instead (the page :func:`install` is given), so that a
person is never shown JSON; a client asking for anything else gets the JSON.

Framework errors get the same shape: unknown paths 404, wrong methods 405 (with ``Allow``),
parameter validation 400 (FastAPI's 422 is not used, and removed from the schema). A client that
disconnects before its request body arrived is no error of the service: one info line, no traceback.
Errors answered below the app (malformed requests, headers too large or too slow) are written in the
same shape by :mod:`api.http`, with :func:`error_body`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import HTMLResponse, Response

import kb
from api.negotiation import prefers_html_to_json
from api.responses import JSONResponse

LOG = logging.getLogger("api")
MEDIA_TYPE = "application/json"
# kb's messages about parameters start with the parameter's name in quotes (kb.queries, kb.store)
_PARAMETER_RE = re.compile(r"^(?:parameter|query '[^']*' (?:has no|needs) parameter) '([A-Za-z_][A-Za-z0-9_]*)'")


class ErrorDetail(BaseModel):
    status: int = Field(description="The HTTP status code, repeated.")
    title: str = Field(description="Short, fixed summary of the kind of error.")
    detail: str = Field(description="What went wrong and what to do about it.")
    parameter: str | None = Field(default=None, description="The request parameter at fault, if any.")


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request: a malformed or refused parameter or query"},
    404: {"model": ErrorBody, "description": "Not found"},
    503: {"model": ErrorBody, "description": "The query ran past the time limit, or the store is unavailable"},
}

# The routes that answer for one item: an item of a withdrawn document is gone, not unknown.
ITEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    410: {"model": ErrorBody, "description": "Gone: its document was withdrawn (the reason in the detail)"},
    301: {"description": "Moved for good: the item was published before its document was held (or a link "
                         "since retyped); Location is the same route for the IRI that now names it"},
}


class ApiError(Exception):
    """An error the web layer raises itself, already in the one shape."""

    def __init__(self, status: int, detail: str, *, parameter: str | None = None, title: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.title = title or HTTPStatus(status).phrase
        self.detail = detail
        self.parameter = parameter
        self.headers = headers or {}
        super().__init__(detail)


def error_body(status: int, detail: str, *, title: str | None = None,
               parameter: str | None = None) -> dict[str, dict[str, Any]]:
    """The one shape, as a dict (:mod:`api.http` writes it below the app, where no response class is)."""
    return {"error": {"status": status, "title": title or HTTPStatus(status).phrase, "detail": detail,
                      "parameter": parameter}}


def error_response(status: int, detail: str, *, title: str | None = None, parameter: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, detail, title=title, parameter=parameter), status_code=status,
                        headers=headers)


def kb_status(exc: kb.KbError) -> tuple[int, str]:
    """The HTTP status and title for a library exception (the table in this module's docstring)."""
    if isinstance(exc, kb.GoneError):
        return 410, "Gone"
    if isinstance(exc, kb.NotFoundError):
        return 404, "Not Found"
    if isinstance(exc, kb.QueryRefusedError):
        return 400, "Query Refused"
    if isinstance(exc, kb.QueryTimeoutError):
        return 503, "Query Timed Out"
    if isinstance(exc, kb.QueryError):
        return 400, "Bad Query"
    if isinstance(exc, kb.InputError):
        return 400, "Bad Request"
    if isinstance(exc, kb.StoreError):
        return 503, "Store Unavailable"
    return 500, "Internal Server Error"


def parameter_of(exc: kb.KbError, names: object = None) -> str | None:
    """The parameter a kb error message names, if it names one (and, given ``names``, one of those)."""
    match = _PARAMETER_RE.match(exc.message)
    if match is None:
        return None
    name = match.group(1)
    if names is not None and name not in names:  # type: ignore[operator]
        return None
    return name


# A page for an error: (request, status, title, detail, parameter) -> its HTML and the headers saying its language
HtmlPage = Callable[[Request, int, str, str, str | None], tuple[str, dict[str, str]]]


def install(app: FastAPI, html_page: HtmlPage | None = None, *, patterns: Mapping[str, str] | None = None) -> None:
    """Register the handlers that give every error the one shape (as ``html_page`` makes it, to a request
    that prefers HTML). ``patterns``: what each parameter pattern asks for, in words, for a refusal to say."""

    def answer(request: Request, status: int, detail: str, *, title: str | None = None, parameter: str | None = None,
               headers: dict[str, str] | None = None) -> Response:
        headers = {**(headers or {}), "Vary": "Accept"}  # a page or JSON by the Accept: caches keep them apart
        if html_page is not None and prefers_html_to_json(request.headers.get("accept")):
            try:
                page, said = html_page(request, status, title or HTTPStatus(status).phrase, detail, parameter)
            except Exception:  # the page could not be made (the store gone): the words go as JSON
                LOG.exception("error page not rendered")
            else:
                vary = ", ".join(v for v in (headers["Vary"], said.pop("Vary", "")) if v)
                return HTMLResponse(page, status_code=status, headers={**headers, **said, "Vary": vary})
        return error_response(status, detail, title=title, parameter=parameter, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return answer(request, exc.status, exc.detail, title=exc.title, parameter=exc.parameter, headers=exc.headers)

    @app.exception_handler(kb.KbError)
    async def library_error(request: Request, exc: kb.KbError) -> Response:
        status, title = kb_status(exc)
        if status == 500:
            LOG.error("unexpected library error: %s", exc)
        return answer(request, status, str(exc), title=title,
                      parameter=exc.parameter if isinstance(exc, kb.InputError) else None)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such path; the API is described at /docs and /openapi.json"
        elif exc.status_code == 405:
            allowed = (exc.headers or {}).get("Allow", "")
            detail = f"method not allowed here; allowed: {allowed}" if allowed else "method not allowed here"
        return answer(request, exc.status_code, detail, headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(part) for part in first.get("loc", ())]
        parameter = loc[-1] if len(loc) > 1 else None
        message = str(first.get("msg", "invalid request"))
        wanted = (patterns or {}).get(str((first.get("ctx") or {}).get("pattern")))
        if first.get("type") == "string_pattern_mismatch" and wanted:
            message = f"{_clipped(first.get('input'))!r} is not {wanted}{_iri_of(first.get('input'), wanted)}"
        detail = f"parameter {parameter!r}: {message}" if parameter else message
        return answer(request, 400, detail, parameter=parameter)

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, _: ClientDisconnect) -> Response:
        # The client closed the connection before its request body arrived: nothing failed here and no
        # one is left to answer (a traceback per such request was 8 kB of log for a 130-byte request).
        LOG.info("client disconnected before the request body arrived: %s %s", request.method, request.url.path)
        return Response(status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        LOG.exception("unhandled error", exc_info=exc)
        return answer(request, 500, "internal error; the server log has the details")


def _clipped(value: object, n: int = 80) -> str:
    text = str(value)
    return text if len(text) <= n else text[:n] + "..."


def _iri_of(value: object, wanted: str) -> str:
    """For an IRI asked for and a document's slug or "slug eId" given (as the command line takes them): the
    IRI it names, to give instead."""
    parts = str(value).split()
    if not wanted.startswith("an IRI") or not 1 <= len(parts) <= 2 or not re.fullmatch(kb.SLUG_PATTERN, parts[0]) \
            or (len(parts) == 2 and not re.fullmatch(r"\w+", parts[1], re.ASCII)):
        return ""
    if len(parts) == 2:
        return f"; the item {parts[0]} {parts[1]} is {kb.provision_iri(*parts)}"
    return f"; the document {parts[0]} is {kb.doc_iri(parts[0])}"


def drop_422(schema: dict[str, Any]) -> dict[str, Any]:
    """Remove FastAPI's default 422 responses (this service answers 400) and list 400 instead."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.get("responses", {}) if isinstance(operation, dict) else {}
            if "422" in responses:
                del responses["422"]
                responses.setdefault("400", {
                    "description": "Bad request: a malformed or refused parameter",
                    "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}})
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema
