"""The read-only SPARQL 1.1 Graph Store HTTP Protocol at ``/store`` (and ``/sparql?default``).

SPARQL 1.1 Graph Store HTTP Protocol, W3C Recommendation 21 March 2013,
https://www.w3.org/TR/sparql11-http-rdf-update/ : this module owns its GET (section 5.2), indirect graph
identification only (section 4.2: ``?default`` and ``?graph=IRI``), and the refusal of the operations that
change graphs. HEAD is GET without the body (the app's ``HeadAsGet`` middleware).

- ``GET /store?default`` (or plain ``GET /store``: the store holds nothing but its default graph) streams
  the whole default graph, with no row cap, chosen by ``Accept``: N-Triples (the release's ``kb.nt`` then
  ``dataset.nt``), Turtle (``kb.ttl``) or JSON-LD (``kb.jsonld``), streamed from the files, never held in
  memory, with their Content-Length. A server without the build's dumps (``--store`` of a bare folder or
  a remote endpoint) streams the store itself as N-Triples, page by page
  (:meth:`kb.Store.default_graph_pages`); N-Triples being Turtle, it answers Turtle the same way, and
  JSON-LD with 406.
- ``?graph=IRI``: the knowledge base has only its default graph, so 404 (``parameter: "graph"``).
- PUT, POST, DELETE, PATCH: 405 with ``Allow: GET, HEAD``; the knowledge base is rebuilt from its
  corpus, never edited over HTTP.

``/sparql`` answers ``?default``/``?graph`` without a ``query`` the same way (:func:`answer`), because a
Graph Store client given the SPARQL endpoint's URL would otherwise read its Service Description as the data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import FastAPI, Request
from fastapi.responses import Response, StreamingResponse

import kb
from api import negotiation, serialize
from api.context import Context
from api.errors import ApiError, ErrorBody

SPEC = "https://www.w3.org/TR/sparql11-http-rdf-update/"
PARAMETERS = ("default", "graph")
CHUNK = 1 << 16
ALLOW = "GET, HEAD"
NTRIPLES, TURTLE, JSONLD = (serialize.GRAPH_TYPES[name] for name in ("ntriples", "turtle", "jsonld"))
OFFERS = [NTRIPLES, TURTLE, JSONLD, "text/plain"]  # text/plain: N-Triples' old media type
STORE_OFFERS = [NTRIPLES, TURTLE, "text/plain"]  # from the store: N-Triples, which is also Turtle
DUMPS = {NTRIPLES: ("kb.nt",), TURTLE: ("kb.ttl",), JSONLD: ("kb.jsonld",)}

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The whole default graph, streamed (no row cap)",
          "content": {NTRIPLES: {}, TURTLE: {}, JSONLD: {}, "text/plain": {}}},
    400: {"model": ErrorBody, "description": "A value given to default, an empty graph, or either given twice"},
    404: {"model": ErrorBody, "description": "graph=IRI: the knowledge base has only its default graph"},
    406: {"model": ErrorBody, "description": "No acceptable format"},
    503: {"model": ErrorBody, "description": "The store cannot be read"},
}
OPENAPI_EXTRA = {"parameters": [
    {"name": "default", "in": "query", "required": False, "allowEmptyValue": True,
     "schema": {"type": "string", "maxLength": 0},
     "description": "The default graph (the protocol's `?default`, without a value)."},
    {"name": "graph", "in": "query", "required": False, "schema": {"type": "string", "minLength": 1},
     "description": "A named graph's IRI: the knowledge base has none, so always 404."}]}


def addresses(params: dict[str, list[str]]) -> bool:
    """Whether a request's parameters name a graph of the Graph Store Protocol (``default`` or ``graph``)."""
    return any(name in params for name in PARAMETERS)


def read_target(params: dict[str, list[str]]) -> None:
    """Check ``default``/``graph``: None for the default graph, else ApiError (400, or 404 for a named graph)."""
    # default and graph together: the graph decides (404), since no OpenAPI parameter list can forbid the pair
    for name in PARAMETERS:
        if len(params.get(name, ())) > 1:
            raise ApiError(400, f"parameter '{name}' is given {len(params[name])} times: give it once",
                           parameter=name)
    if any(value for value in params.get("default", ())):
        raise ApiError(400, "default takes no value: ask for ?default", parameter="default")
    if "graph" in params:
        iri = params["graph"][0]
        if not iri:
            raise ApiError(400, "graph needs a graph's IRI; for the default graph ask for ?default",
                           parameter="graph")
        raise ApiError(404, f"no graph <{iri}>: the knowledge base has only its default graph; ask for ?default",
                       parameter="graph")


def answer(request: Request, ctx: Context, params: dict[str, list[str]]) -> Response:
    """The default graph for a Graph Store GET with ``params`` (see the module docstring)."""
    read_target(params)
    accept = request.headers.get("accept")
    dumps = _dump_files(ctx)
    chosen = negotiation.choose(accept, OFFERS if dumps else STORE_OFFERS)
    if chosen is None:
        formats = "N-Triples, Turtle or JSON-LD" if dumps else \
            "N-Triples or Turtle (this server has no dump files: it streams its store, and only as N-Triples)"
        raise ApiError(406, f"none of the accepted media types is a format of the default graph here: accept "
                            f"{formats}", title="Not Acceptable")
    media = NTRIPLES if chosen == "text/plain" else chosen
    headers = {"Vary": "Accept"}
    if ctx.version:
        headers["KB-Release"] = ctx.version
    if dumps:
        # opened now, closed by _read once streamed: the body is this release's even if a new one is served
        files: list[BinaryIO] = [open(path, "rb") for path in dumps[media]]  # noqa: SIM115
        headers["Content-Length"] = str(sum(_size(handle) for handle in files))
        return StreamingResponse(_read(files), media_type=_with_charset(media), headers=headers)
    store = ctx.store  # the request's release, captured before the body streams
    return StreamingResponse(store.default_graph_pages(ctx.settings.row_cap), media_type=_with_charset(media),
                             headers=headers)


def _dump_files(ctx: Context) -> dict[str, list[Path]] | None:
    """The files each format is streamed from, if this server has the release's dumps; else None."""
    nt, ttl, jsonld = (ctx.dump_path(name) for name in ("kb.nt", "kb.ttl", "kb.jsonld"))
    if nt is None or ttl is None or jsonld is None:
        return None
    dataset = kb.Release(nt.parent).dataset_path  # kb.nt holds the graph, dataset.nt the release's description
    return {NTRIPLES: [nt, *([dataset] if dataset.is_file() else [])], TURTLE: [ttl], JSONLD: [jsonld]}


def _size(handle: BinaryIO) -> int:
    return os.fstat(handle.fileno()).st_size


def _read(files: Sequence[BinaryIO]) -> Iterator[bytes]:
    """The files' bytes one after the other, a chunk at a time (Starlette runs it in its thread pool)."""
    try:
        for handle in files:
            while chunk := handle.read(CHUNK):
                yield chunk
    finally:
        for handle in files:
            handle.close()


def _with_charset(media: str) -> str:
    return media if media == JSONLD else f"{media}; charset=utf-8"


def read_only() -> ApiError:
    return ApiError(405, f"the Graph Store is read-only ({SPEC}: only GET and HEAD here); the knowledge base is "
                         "rebuilt from its corpus, never edited over HTTP", headers={"Allow": ALLOW},
                    title="Method Not Allowed")


def install(app: FastAPI, ctx: Context) -> None:
    """Add ``/store`` to the app (``/sparql`` calls :func:`answer` itself)."""

    @app.get("/store", tags=["SPARQL"], summary="SPARQL 1.1 Graph Store Protocol (read-only): the default graph",
             description="The whole default graph of the knowledge base (`?default`, or no parameter), with no row "
                         "cap, streamed from the release's files as N-Triples, Turtle or JSON-LD by Accept. "
                         "`?graph=IRI` is 404: the knowledge base has only its default graph. Read-only: "
                         "PUT, POST and DELETE are 405.",
             responses=RESPONSES, openapi_extra=OPENAPI_EXTRA, response_class=Response)
    async def graph_store(request: Request) -> Response:
        params: dict[str, list[str]] = {}
        for name, value in request.query_params.multi_items():
            params.setdefault(name, []).append(value)
        return answer(request, ctx, params)

    # named refuse_*: api.app.OptionsAllow does not count a route that only refuses among the allowed methods
    @app.api_route("/store", methods=["PUT", "POST", "DELETE", "PATCH"], include_in_schema=False,
                   name="refuse_graph_store_writes")
    async def refuse_writes() -> Response:
        raise read_only()
