"""The web layer: a thin FastAPI shell over the ``kb`` library's public API.

For now it serves what the core needs: a read-only SPARQL query endpoint at ``/sparql`` (SELECT and
ASK as SPARQL JSON, CONSTRUCT/DESCRIBE as Turtle), every document and provision IRI path as JSON,
statistics at ``/``, and ``/health``. Errors have one shape: ``{"error": {"status", "message"}}``.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from rdflib import Literal

import kb

SPARQL_JSON = "application/sparql-results+json"


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def create_app(store_spec: str) -> FastAPI:
    """An app serving the store at ``store_spec`` (a store folder or a SPARQL endpoint URL)."""
    store = kb.open_store(store_spec)
    app = FastAPI(title="iacml-kb", version="0.1.0",
                  description="Mandate and recommendation traceability knowledge base of the IACML.")

    @app.exception_handler(kb.NotFoundError)
    async def not_found(_: Request, exc: kb.NotFoundError) -> JSONResponse:
        return _error(404, str(exc))

    @app.exception_handler(kb.QueryTimeoutError)
    async def timeout(_: Request, exc: kb.QueryTimeoutError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(kb.KbError)
    async def bad_input(_: Request, exc: kb.KbError) -> JSONResponse:
        return _error(400, str(exc))

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/")
    def index() -> dict[str, Any]:
        return {"name": "iacml-kb", "base": kb.BASE, "sparql": "/sparql", "statistics": kb.statistics(store)}

    @app.get("/sparql")
    def sparql(query: str) -> Response:
        text = query.lstrip().upper()
        if "CONSTRUCT" in text.split("{", 1)[0] or "DESCRIBE" in text.split("{", 1)[0]:
            graph = store.construct(query)
            return Response(graph.serialize(format="turtle"), media_type="text/turtle")
        return Response(store.select_json(query), media_type=SPARQL_JSON)

    def item_json(path: str) -> dict[str, Any]:
        desc = kb.describe(store, kb.resolve_reference("/" + path))
        return {
            "iri": desc.iri,
            "properties": [{"predicate": p, "value": str(o),
                            **({"datatype": str(o.datatype)} if isinstance(o, Literal) and o.datatype else {}),
                            **({"language": o.language} if isinstance(o, Literal) and o.language else {})}
                           for p, o in desc.properties],
            "children": [{"iri": c, "eId": e} for c, e in desc.children],
            "incoming": [{"subject": s, "predicate": p} for s, p in desc.incoming],
        }

    @app.get("/doc/{slug}")
    def document(slug: str) -> dict[str, Any]:
        return item_json(f"doc/{slug}")

    @app.get("/doc/{slug}/{eid}")
    def provision(slug: str, eid: str) -> dict[str, Any]:
        return item_json(f"doc/{slug}/{eid}")

    return app


def app_from_environment() -> FastAPI:
    """The app for the store named by ``$KB_STORE`` (what ``kb serve`` sets), for uvicorn's factory mode."""
    spec = os.environ.get("KB_STORE")
    if not spec:
        raise kb.StoreError("KB_STORE is not set", hint="start the server with `kb serve`")
    return create_app(spec)
