"""The web pages for people: the dashboard (home), item pages, the document reader, search, the ontology page.

It owns the HTML routes and how each page is put together: ``/`` for browsers (counts by status
per document, topic and body as of a date; the open mandates, filtered; ``/mandates.csv`` exports
the same view), the HTML of every IRI path (``/doc/{slug}``, ``/doc/{slug}/{eId}``,
``/activity/…``, ``/body/…``, ``/topic/…`` and the rest: :func:`item_html`, called by
:mod:`api.linked_data`, which keeps the RDF content negotiation), ``/reader/{slug}`` (a held
document's source text with every provision anchored by its eId), ``/search``, the HTML of
``/ontology`` (:func:`ontology_html`), and the static assets under ``/static/``. The data come
from :mod:`api.pages_data`; whole-knowledge-base status computations run in the query workers
under the time limit, everything else in the thread pool. Pages are server-rendered (Jinja2);
the little JavaScript there is (``static/pages.js``: copy buttons) only adds to working HTML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, Response
from rdflib import URIRef

import kb
from api import examples, offload, pages_data, views
from api.context import Context
from api.errors import ERROR_RESPONSES, ApiError
from api.linked_data import render
from api.workers import call_job

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"pages.css": "text/css; charset=utf-8", "pages.js": "text/javascript; charset=utf-8"}
SLUG_PATTERN = kb.SLUG_PATTERN
KINDS = {"Mandate": "Mandates", "Recommendation": "Recommendations", "": "Mandates and recommendations"}
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
CSV_COLUMNS = ("iri", "document", "eId", "number", "kind", "response", "lifecycle", "adoption", "asof", "reason",
               "text")
HTML_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The page", "content": {"text/html": {}}}, **ERROR_RESPONSES}


def _common(ctx: Context) -> dict[str, Any]:
    return {"version": ctx.version, "triples": ctx.triples}


def _page(name: str, ctx: Context, status_code: int = 200, **values: Any) -> HTMLResponse:
    return HTMLResponse(render(name, **_common(ctx), **values), status_code=status_code)


# --------------------------------------------------------------------------------------------
# Dashboard
# --------------------------------------------------------------------------------------------


def _filters(request: Request) -> tuple[dict[str, str], dict[str, str]]:
    """The dashboard's filters from the query string (defaults: open mandates as of the build), and what is
    wrong with each that is (parameter -> why)."""
    q = request.query_params
    values = {"asof": q.get("asof", "").strip(), "document": q.get("document", "").strip(),
              "topic": q.get("topic", "").strip(), "body": q.get("body", "").strip(),
              "status": q.get("status", "no-evidence").strip(), "kind": q.get("kind", "Mandate").strip()}
    errors: dict[str, str] = {}
    if values["asof"]:
        try:
            if not DATE_RE.match(values["asof"]):
                raise ValueError
            dt.date.fromisoformat(values["asof"])
        except ValueError:
            errors["asof"] = f"as-of date {values['asof']!r} is not a date: write it as YYYY-MM-DD"
            values["asof"] = ""
    if values["status"] and values["status"] not in pages_data.STATUS_VALUES:
        errors["status"] = f"status {values['status']!r} is not one of {', '.join(pages_data.STATUS_VALUES)}"
        values["status"] = ""
    if values["kind"] not in KINDS:
        errors["kind"] = f"kind {values['kind']!r} is not Mandate or Recommendation"
        values["kind"] = "Mandate"
    for name in ("document", "topic", "body"):
        if values[name] and not re.match(SLUG_PATTERN, values[name]):
            errors[name] = f"{name} {values[name]!r} is not a slug"
            values[name] = ""
    return values, errors


async def _dashboard(ctx: Context, values: dict[str, str], limit: int | None) -> dict[str, Any]:
    job = call_job("dashboard", ctx.settings.time_limit, asof=values["asof"] or None,
                   document=values["document"] or None, topic=values["topic"] or None, body=values["body"] or None,
                   status=values["status"] or None, kind=values["kind"] or None, limit=limit)
    data: dict[str, Any] = json.loads((await ctx.pool.run(job)).body)
    return data


async def home(request: Request, ctx: Context) -> HTMLResponse:
    """The dashboard: counts by status per document, topic and body; the open mandates, filtered."""
    values, errors = _filters(request)
    while True:
        try:
            data = await _dashboard(ctx, values, pages_data.DASHBOARD_ROWS)
            break
        except kb.InputError as exc:  # a slug the knowledge base does not hold: say so, show the rest
            if exc.parameter not in ("document", "topic", "body", "status") or not values[exc.parameter]:
                raise
            errors[exc.parameter] = str(exc)
            values[exc.parameter] = ""
    query = urlencode({k: v for k, v in values.items() if v})
    documents = await offload.run(lambda: ctx.store.select(pages_data.DOCUMENT_FACTS_QUERY.text).dicts())
    held = [{"href": views.local_href(str(r["document"])), "title": str(r["title"]),
             "date": str(r.get("date", "")), "kind": pages_data.local_name(str(r["type"])),
             "held": str(r["held"]).lower() == "true", "reader": f"/reader/{r['slug']}"} for r in documents]
    return _page("index.html", ctx, 400 if errors else 200, data=data, values=values, errors=list(errors.values()),
                 csv_href="/mandates.csv" + (f"?{query}" if query else ""), kinds=KINDS,
                 status_values=pages_data.STATUS_VALUES, columns=pages_data.STATUS_COLUMNS, documents=held,
                 dumps=ctx.dumps())


def _csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in data["items"]:
        writer.writerow([item["iri"], item["document"], item["eId"], item["number"], item["kind"], item["response"],
                         item["lifecycle"], item["adoption"], data["asof"], item["reason"], item["text"]])
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# Item pages and the ontology page (called by api.linked_data for browsers)
# --------------------------------------------------------------------------------------------


def _asof(request: Request) -> str | None:
    value = request.query_params.get("asof")
    if not value:
        return None
    try:
        if not DATE_RE.match(value):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, f"asof={value!r} is not a date; write YYYY-MM-DD", parameter="asof") from None
    return value


async def item_html(request: Request, ctx: Context, iri: URIRef) -> str:
    """The page of any item of the knowledge base (a NotFoundError for an IRI it does not hold)."""
    asof = _asof(request)
    item = await offload.run(pages_data.item_page, ctx.store, iri)
    status = status_error = None
    if item["hasStatus"]:
        job = call_job("explanation", ctx.settings.time_limit, item=str(iri), asof=asof)
        try:
            status = json.loads((await ctx.pool.run(job)).body)
        except (kb.QueryTimeoutError, kb.StoreError) as exc:  # the page is still worth showing
            status_error = str(exc)
        if status is not None:
            for dimension in status["status"].values():
                for link in dimension["links"]:
                    link["sourceHref"] = views.local_href(link["source"])
                    link["targetHref"] = views.local_href(link["target"])
    alternates = [(name, f"{request.url.path}?format={name}") for name in ("turtle", "jsonld", "nt", "rdfxml")]
    return render("item.html", **_common(ctx), item=item, status=status, status_error=status_error, asof=asof or "",
                  alternates=alternates)


def not_found_html(ctx: Context, detail: str, *, gone: bool = False, title: str = "") -> str:
    """The page of an IRI path the knowledge base does not hold (``gone``: held once, withdrawn since), or
    of a request it cannot answer as asked (``title``: "Bad request")."""
    status = 400 if title else 410 if gone else 404
    return error_html(ctx, status, title or ("Gone" if gone else "Not found"), detail)


def error_html(ctx: Context, status: int, title: str, detail: str, parameter: str | None = None) -> str:
    """Any error, as a page for a person (:func:`api.errors.install`: when the request prefers HTML)."""
    return render("error.html", **_common(ctx), status=status, title=title, detail=detail, parameter=parameter)


async def ontology_html(request: Request, ctx: Context) -> str:
    page = await offload.run(pages_data.ontology_page, ctx.store)
    alternates = [(name, f"/ontology?format={name}") for name in ("turtle", "jsonld", "nt", "rdfxml")]
    return render("ontology.html", **_common(ctx), page=page, alternates=alternates)


# --------------------------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------------------------


def filter_parameters(store: kb.Store) -> list[dict[str, Any]]:
    """The dashboard's filters as OpenAPI parameters (read by :func:`_filters`): an empty value is no
    filter, as a form sends it; the slugs are those kb.check_filters takes, any other is a 400."""
    def enum(values: Any) -> dict[str, Any]:
        return {"type": "string", "enum": ["", *values]}

    schemas = {"asof": {"type": "string", "anyOf": [{"format": "date", "pattern": DATE_RE.pattern},
                                                     {"maxLength": 0}]},
               **{name: enum(kb.filter_values(store, name)) for name in ("document", "topic", "body")},
               "status": {**enum(pages_data.STATUS_VALUES), "default": "no-evidence"},
               "kind": {"type": "string", "enum": list(KINDS), "default": "Mandate"}}
    descriptions = {"asof": "Status as of this date (YYYY-MM-DD; default: the build's)", "document": "Document slug",
                    "topic": "Topic slug (narrower topics included)", "body": "Addressee or issuing body slug",
                    "status": "A status value in any dimension (empty: any)", "kind": "Mandate, Recommendation, or "
                    "empty for both"}
    samples = {"asof": examples.DATE, "document": examples.DOCUMENT, "topic": examples.TOPIC, "body": examples.BODY,
               "status": "no-evidence", "kind": "Mandate"}
    for name, schema in schemas.items():  # an example the knowledge base does not hold would be a 400
        if samples[name] in schema.get("enum", [samples[name]]):
            schema["examples"] = [samples[name]]
    return [{"name": name, "in": "query", "required": False, "schema": schema, "description": descriptions[name]}
            for name, schema in schemas.items()]


def install(app: FastAPI, ctx: Context) -> None:
    """Add /mandates.csv, /reader/{slug}, /search and the pages' static files to the app (home: api.app)."""
    for name, media in STATIC_FILES.items():
        install_static_file(app, name, media)

    @app.get("/mandates.csv", tags=["Pages"], response_class=Response, responses={
        200: {"description": "The dashboard's current view as CSV", "content": {"text/csv": {}}}, **ERROR_RESPONSES},
             summary="The dashboard's mandates as CSV (same filters as the home page: asof, document, topic, body, "
                     "status, kind)", openapi_extra={"parameters": filter_parameters(ctx.store)},
             description="Every row of the dashboard's list for these filters (not only the first page), one "
                         "mandate or recommendation a line with its status and why, as a CSV download named "
                         "after the as-of date. An empty filter is no filter, as the page's form sends it.")
    async def mandates_csv(request: Request) -> Response:
        values, errors = _filters(request)
        if errors:
            raise ApiError(400, "; ".join(errors.values()), parameter=next(iter(errors)))
        data = await _dashboard(ctx, values, None)
        name = f"mandates-{data['asof']}.csv"
        return Response(_csv(data), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.get("/reader/{slug}", tags=["Pages"], response_class=Response, responses=HTML_RESPONSES,
             summary="A held document's source text, every provision anchored by its eId, linked items beside it",
             description="An HTML page: the document's text as held, each provision anchored by its eId "
                         "(`/reader/{slug}#recommendation_7`), quoted passages marked, and beside each provision "
                         "the items linked to it. A 404 for a document known only through quotation.")
    async def reader(slug: str = PathParam(pattern=SLUG_PATTERN, max_length=200,
                                           examples=["wg1-2021-final-report"])) -> HTMLResponse:
        page = await offload.run(pages_data.reader_page, ctx.store, URIRef(f"{kb.BASE}doc/{slug}"))
        return _page("reader.html", ctx, page=page)

    @app.get("/search", tags=["Pages"], response_class=Response, responses=HTML_RESPONSES,
             summary="Search provisions, activities and bodies (every word, case and accents ignored)",
             description="An HTML page of the provisions, activities and bodies whose text or names hold every "
                         "word of `q`, grouped by type, each linked to its page.")
    async def search(q: str = Query("", max_length=200, description="Words that must all occur",
                                    examples=[examples.WORDS]),
                     type: str = Query("", pattern="^(|provision|activity|body)$",
                                       description="Only provisions, activities or bodies")) -> HTMLResponse:
        result = await offload.run(pages_data.search, ctx.store, q, type or None)
        return _page("search.html", ctx, result=result, q=q, type=type, types=pages_data.SEARCH_TYPES)


def install_static_file(app: FastAPI, name: str, media: str, cache_control: str = "public, max-age=3600") -> None:
    """Serve ``api/static/{name}`` at ``/static/{name}`` (one route per file: nothing else is reachable)."""
    path = STATIC / name

    async def static_file() -> FileResponse:
        return FileResponse(path, media_type=media, headers={"Cache-Control": cache_control})

    app.add_api_route(f"/static/{name}", static_file, methods=["GET", "HEAD"], include_in_schema=False,
                      name=f"static_{name}")
