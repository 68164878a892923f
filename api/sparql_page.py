"""The SPARQL page for researchers: ``/query``, an editor over ``/sparql`` with the example queries of ``queries/``.

It owns the page (template ``sparql_page.html``, script and style ``api/static/sparql-page.*``),
the vocabulary its editor completes from (``/query/vocabulary``: the knowledge base's prefixes,
and the classes and properties of the ontology and of the data), and the serving of the editor
itself: YASQE, the query editor of YASGUI (``@zazuko/yasgui`` from npm, installed into
``web/node_modules`` by ``npm ci --prefix web``), served from there under ``/static/vendor/yasqe/``
so that the page loads nothing from another host. YASQE's remote helpers are switched off by the
script (prefix.cc prefixes, LOV classes and properties, endpoint catalogue, share-link shortener,
local persistence); local completers fed from this knowledge base take their place.

Without ``web/node_modules`` the page is a plain form that still works (it submits to
``/sparql``) and says how to install the editor. The page runs queries through ``/sparql`` in the
browser (so under the endpoint's limits); it never builds query text from request parameters: a
``query`` parameter is only put back into the editor (autoescaped), which is what makes a
permalink (``/query?query=...``) restore and re-run a query.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from rdflib import OWL, RDF, RDFS, URIRef

import kb
from api import examples, offload, pages, words
from api.context import Context
from api.errors import ApiError

ROOT = Path(__file__).resolve().parent.parent
# Where `npm ci --prefix web` puts YASQE (a dependency of @zazuko/yasgui, pinned by web/package-lock.json).
EDITOR_DIR = ROOT / "web" / "node_modules" / "@zazuko" / "yasqe" / "build"
EDITOR_FILES = {"yasqe.min.js": "text/javascript", "yasqe.min.css": "text/css",
                "yasqe.min.js.map": "application/json"}
PAGE_FILES = {"sparql-page.js": "text/javascript", "sparql-page.css": "text/css"}
INSTALL_HINT = "npm ci --prefix web"
VOCABULARY_LIMIT = 5000
CLASS_TYPES = (OWL.Class, RDFS.Class)
PROPERTY_TYPES = (RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# the classes and properties the data uses (queries/pages/vocabulary-*.rq, each with LIMIT VOCABULARY_LIMIT)
DATA_CLASSES = kb.get_query("vocabulary-classes", folder="pages")
DATA_PROPERTIES = kb.get_query("vocabulary-properties", folder="pages")
EDITOR_START = kb.get_query("editor-start", folder="pages")  # what the editor holds before an example is chosen
CACHE_CONTROL = "public, max-age=3600"


def editor_installed() -> bool:
    """True if ``npm ci --prefix web`` has installed the editor's files."""
    return all((EDITOR_DIR / name).is_file() for name in ("yasqe.min.js", "yasqe.min.css"))


def example_value(param: Any) -> str:
    """The value a parameter's description gives as an example (``e.g. VALUE``), or nothing."""
    return examples.from_description(param.description)


def start_value(param: Any, asof: str) -> str:
    """What a parameter's input starts with: a required one its example (the build's as-of date for a date
    named ``asof``), so that the example runs as loaded; an optional one nothing (left unbound)."""
    if not param.required:
        return ""
    if param.type == "date" and param.name == "asof":
        return asof
    return example_value(param)


def without_header(text: str) -> str:
    """A query's text without its leading comment lines (title, description, parameters: the page shows them)."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].lstrip().startswith("#"):
        lines.pop(0)
    return "".join(lines)


def example_views(queries: dict[str, kb.NamedQuery], asof: str) -> list[dict[str, Any]]:
    """The named queries as the page shows them: title, description, text and parameters."""
    return [{"name": q.name, "title": q.title, "description": q.description, "text": without_header(q.text),
             "params": [{"name": p.name, "type": p.type, "required": p.required, "description": p.description,
                         "sample": start_value(p, asof), "example": example_value(p)} for p in q.params]}
            for q in sorted(queries.values(), key=lambda q: q.name)]


def vocabulary(ctx: Context) -> dict[str, Any]:
    """Prefixes, classes and properties for the editor's completion: the ontology's, then the data's."""
    classes = {str(s) for t in CLASS_TYPES for s in ctx.ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}
    properties = {str(s) for t in PROPERTY_TYPES for s in ctx.ontology.subjects(RDF.type, t)
                  if isinstance(s, URIRef)}
    limit = ctx.settings.time_limit
    for query, found in ((DATA_CLASSES, classes), (DATA_PROPERTIES, properties)):
        try:
            result = ctx.store.select(query.text, timeout=limit, limit=VOCABULARY_LIMIT)
        except kb.KbError:  # a remote store that does not answer, or a store too large to scan in time
            continue
        found.update(str(row[0]) for row in result.rows if isinstance(row[0], URIRef))
    return {"prefixes": dict(sorted(kb.PREFIXES.items())), "classes": sorted(classes),
            "properties": sorted(properties)}


def install(app: FastAPI, ctx: Context, render_html: Callable[..., str]) -> None:
    """Add ``/query``, ``/query/vocabulary`` and the page's static files to the app (``render_html(request, name,
    **values)`` renders a page in the request's language, :func:`api.pages.render_page`)."""
    async def build_asof() -> str:
        memo = ctx.memo  # per release: the next build may have another date
        if "asof" not in memo:
            try:
                memo["asof"] = (await offload.run(kb.build_asof, ctx.store)).isoformat()
            except kb.KbError:
                memo["asof"] = ""
        return str(memo["asof"])

    @app.get("/query", include_in_schema=False, response_class=HTMLResponse)
    async def query_page(request: Request, query: str | None = Query(None), example: str | None = Query(None),
                         lang: str | None = Query(None)) -> Response:
        language = pages.page_language(request)
        t = words.Words(language.code)
        examples = example_views(ctx.queries, await build_asof())
        by_name = {e["name"]: e for e in examples}
        selected = by_name.get(example) if example else None
        error = None
        status = 200
        if example and selected is None:
            status = 404
            error = t("query.unknown_example", name=repr(example))
        if query is not None and len(query) > ctx.settings.max_query_chars:
            status = 400
            error = t("query.too_long", length=len(query), limit=ctx.settings.max_query_chars)
            query = None
        text = query if query is not None else (selected["text"] if selected else default_query())
        page = render_html(request, "sparql_page.html", language=language, examples=examples, selected=selected,
                           text=text, error=error, editor=editor_installed(), install_hint=INSTALL_HINT,
                           settings=ctx.settings, autorun=query is not None, prefixes=sorted(kb.PREFIXES.items()))
        return pages.page_response(request, page, status, language=language)

    @app.get("/query/vocabulary", include_in_schema=False)
    async def query_vocabulary() -> Response:
        """The words the editor completes (computed once: the data's classes and properties take a scan)."""
        memo = ctx.memo
        if "vocabulary" not in memo:
            words = await offload.run(vocabulary, ctx)
            memo["vocabulary"] = json.dumps(words, ensure_ascii=False).encode("utf-8")
        return Response(memo["vocabulary"], media_type="application/json",
                        headers={"Cache-Control": CACHE_CONTROL})

    @app.api_route("/static/vendor/yasqe/{name}", methods=["GET", "HEAD"], include_in_schema=False)
    async def editor_file(name: str) -> FileResponse:
        path = EDITOR_DIR / name
        if name not in EDITOR_FILES or not path.is_file():
            raise ApiError(404, f"no editor file {name!r} here; install the editor with `{INSTALL_HINT}`",
                           parameter="name")
        return FileResponse(path, media_type=EDITOR_FILES[name], headers={"Cache-Control": CACHE_CONTROL})

    for name, media_type in PAGE_FILES.items():
        pages.install_static_file(app, name, media_type, "no-cache")



def default_query() -> str:
    """What the editor holds before an example is chosen (without its header, as the examples are shown)."""
    return without_header(EDITOR_START.text)
