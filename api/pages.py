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

It also owns the language of every page (:func:`page_language`): the ``lang`` query parameter
(``en``, ``es``; any other value is a 400 naming it), which the page's links and forms then keep;
else the request's ``Accept-Language`` (q-values honoured); else English. The words come from
:mod:`api.words`, the knowledge base's names from the graph in that language where it has them.
Every page says its language (``<html lang>``, ``Content-Language``), links to itself in the other
one, and is sent with an ETag of its own bytes and language (a revalidation answers 304 only for
the same page in the same language) and ``Vary: Accept-Language`` when the header chose it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response
from rdflib import URIRef

import kb
from api import caching, examples, negotiation, offload, pages_data, views, words
from api.context import Context
from api.errors import ERROR_RESPONSES, ApiError
from api.linked_data import LangParam, render
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


# --------------------------------------------------------------------------------------------
# The language of a page
# --------------------------------------------------------------------------------------------

LANG_PARAMETER = "lang"
# links a page's language is not carried to: files, and what is not a page
_NOT_PAGES = ("/static/", "/dumps/", "/openapi.json", "/docs", "/redoc", "/context.jsonld", "/mandates.csv")
_LOCAL_LINK = re.compile(r'(<a\b[^>]*?\shref=")(/(?!/)[^"]*)"')
_GET_FORM = re.compile(r'<form\b(?![^>]*method="post")[^>]*\saction="/[^"]*"[^>]*>')


@dataclass(frozen=True)
class Language:
    """The language a page is written in, and whether the ``lang`` parameter asked for it (its links keep it)."""

    code: str
    asked: bool


def page_language(request: Request) -> Language:
    """``lang`` if given (a 400 naming it for a language the pages are not written in), else the one
    ``Accept-Language`` prefers among them, else English."""
    given = request.query_params.get(LANG_PARAMETER)
    if given is not None:
        if given not in words.LANGUAGES:
            raise ApiError(400, f"parameter {LANG_PARAMETER!r}: {given[:40]!r} is not one of "
                                f"{', '.join(words.LANGUAGES)}", parameter=LANG_PARAMETER)
        return Language(given, True)
    chosen = negotiation.choose_language(request.headers.get("accept-language"), words.LANGUAGES)
    return Language(chosen or words.DEFAULT_LANGUAGE, False)


def error_language(request: Request) -> Language:
    """The language of an error page: as :func:`page_language`, a ``lang`` the pages lack read as not given."""
    try:
        return page_language(request)
    except ApiError:
        chosen = negotiation.choose_language(request.headers.get("accept-language"), words.LANGUAGES)
        return Language(chosen or words.DEFAULT_LANGUAGE, False)


def _keep_language(html: str, code: str) -> str:
    """Every link of the page to another page, and every form, carry ``lang`` on (a page asked in a language
    leads on in it; a link that says a language, as the switch does, keeps its own)."""
    def link(match: re.Match[str]) -> str:
        url = match.group(2)
        path = url.split("?", 1)[0].split("#", 1)[0]
        query = url.split("#", 1)[0].partition("?")[2]
        if path.startswith(_NOT_PAGES) or re.search(r"(^|&(amp;)?)(lang|format)=", query):
            return match.group(0)
        base, hash_, fragment = url.partition("#")
        joined = f"{base}{'&amp;' if '?' in base else '?'}{LANG_PARAMETER}={code}{hash_}{fragment}"
        return f'{match.group(1)}{joined}"'

    html = _LOCAL_LINK.sub(link, html)
    return _GET_FORM.sub(lambda m: f'{m.group(0)}<input type="hidden" name="{LANG_PARAMETER}" value="{code}">', html)


def render_page(request: Request, name: str, ctx: Context | None = None, language: Language | None = None,
                here: tuple[str, Sequence[tuple[str, str]]] | None = None, **values: Any) -> str:
    """A page from ``api/templates/`` in the request's language, with the switch to the other one: the
    request's address in it, or ``here`` (a path and its parameters: a page answering a form's post)."""
    language = language or page_language(request)
    other = next(code for code in words.LANGUAGES if code != language.code)
    path, kept = here or (request.url.path, request.query_params.multi_items())
    kept = [(k, v) for k, v in kept if k != LANG_PARAMETER]
    switch = {"lang": other, "name": words.LANGUAGE_NAMES[other],
              "href": f"{path}?{urlencode([*kept, (LANG_PARAMETER, other)])}"}
    html = render(name, **(_common(ctx) if ctx is not None else {}), lang=language.code,
                  t=words.Words(language.code), switch=switch, **values)
    return _keep_language(html, language.code) if language.asked else html


def page_response(request: Request, body: str, status_code: int = 200, headers: dict[str, str] | None = None,
                  language: Language | None = None) -> Response:
    """A page's response: its language said, its cache validator its own bytes' (so never the other language's),
    and a 304 to a revalidation that names it."""
    language = language or page_language(request)
    headers = dict(headers or {})
    vary = [v.strip() for v in headers.get("Vary", "").split(",") if v.strip()]
    if not language.asked:
        vary.append("Accept-Language")
    if vary:
        headers["Vary"] = ", ".join(dict.fromkeys(vary))
    headers["Content-Language"] = language.code
    encoded = body.encode("utf-8")
    headers["ETag"] = f'"{hashlib.sha256(encoded).hexdigest()[:32]}-{language.code}"'
    headers["Cache-Control"] = "no-cache"  # revalidate: the release served can change under the same URL
    if status_code == 200 and caching.matches(request.headers.get("if-none-match"), headers["ETag"]):
        return Response(status_code=304, headers=headers)
    return Response(encoded, status_code=status_code, media_type="text/html; charset=utf-8", headers=headers)


def _page(request: Request, name: str, ctx: Context, status_code: int = 200, **values: Any) -> Response:
    language = page_language(request)
    return page_response(request, render_page(request, name, ctx, language, **values), status_code,
                         language=language)


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


async def _dashboard(ctx: Context, values: dict[str, str], limit: int | None, language: str = "en") -> dict[str, Any]:
    job = call_job("dashboard", ctx.settings.time_limit, asof=values["asof"] or None,
                   document=values["document"] or None, topic=values["topic"] or None, body=values["body"] or None,
                   status=values["status"] or None, kind=values["kind"] or None, limit=limit, language=language)
    data: dict[str, Any] = json.loads((await ctx.pool.run(job)).body)
    return data


async def home(request: Request, ctx: Context) -> Response:
    """The dashboard: counts by status per document, topic and body; the open mandates, filtered."""
    language = page_language(request)
    values, errors = _filters(request)
    while True:
        try:
            data = await _dashboard(ctx, values, pages_data.DASHBOARD_ROWS, language.code)
            break
        except kb.InputError as exc:  # a slug the knowledge base does not hold: say so, show the rest
            if exc.parameter not in ("document", "topic", "body", "status") or not values[exc.parameter]:
                raise
            errors[exc.parameter] = str(exc)
            values[exc.parameter] = ""
    query = urlencode({k: v for k, v in values.items() if v})
    held = await offload.run(pages_data.documents, ctx.store, language.code)
    return _page(request, "index.html", ctx, 400 if errors else 200, data=data, values=values,
                 errors=list(errors.values()),
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
    language = page_language(request)
    asof = _asof(request)
    item = await offload.run(pages_data.item_page, ctx.store, iri, language.code)
    status = status_error = None
    if item["hasStatus"]:
        job = call_job("explanation", ctx.settings.time_limit, item=str(iri), asof=asof, language=language.code)
        try:
            status = json.loads((await ctx.pool.run(job)).body)
        except (kb.QueryTimeoutError, kb.StoreError) as exc:  # the page is still worth showing
            status_error = str(exc)
        if status is not None:
            for dimension in status["status"].values():
                for link in dimension["links"]:
                    link["sourceHref"] = views.local_href(link["source"])
                    link["targetHref"] = views.local_href(link["target"])
                    link["typeLabel"] = kb.link_type_name(link["type"], language.code)
                    if language.code != "en":
                        link["label"] = pages_data.label(ctx.store, link["source"], language.code)
                        link["targetLabel"] = pages_data.label(ctx.store, link["target"], language.code)
    alternates = [(name, f"{request.url.path}?format={name}") for name in ("turtle", "jsonld", "nt", "rdfxml")]
    return render_page(request, "item.html", ctx, language, item=item, status=status, status_error=status_error,
                       asof=asof or "", alternates=alternates)


def not_found_html(request: Request, ctx: Context, detail: str, *, gone: bool = False, bad: bool = False,
                   parameter: str | None = None) -> Response:
    """The page of an IRI path the knowledge base does not hold (``gone``: held once, withdrawn since), or
    of a request it cannot answer as asked (``bad``: its ``parameter``)."""
    status = 400 if bad else 410 if gone else 404
    title = "Bad request" if bad else "Gone" if gone else "Not found"
    body, headers = error_html(request, ctx, status, title, detail, parameter)
    return Response(body, status_code=status, media_type="text/html; charset=utf-8", headers=headers)


def error_html(request: Request, ctx: Context, status: int, title: str, detail: str,
               parameter: str | None = None) -> tuple[str, dict[str, str]]:
    """Any error, as a page for a person (:func:`api.errors.install`: when the request prefers HTML), and the
    headers saying its language. Its title in the page's language where the catalogue has it (in English as
    given); the detail as the library or the check wrote it."""
    language = error_language(request)
    t = words.Words(language.code)
    if language.code != "en" and t.has(f"error.{status}"):
        title = str(t(f"error.{status}"))
    body = render_page(request, "error.html", ctx, language, status=status, title=title, detail=detail,
                       parameter=parameter)
    headers = {"Content-Language": language.code}
    if not language.asked:
        headers["Vary"] = "Accept-Language"
    return body, headers


async def ontology_html(request: Request, ctx: Context) -> str:
    language = page_language(request)
    page = await offload.run(pages_data.ontology_page, ctx.store, language.code)
    alternates = [(name, f"/ontology?format={name}") for name in ("turtle", "jsonld", "nt", "rdfxml")]
    return render_page(request, "ontology.html", ctx, language, page=page, alternates=alternates)


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
    async def reader(request: Request, slug: str = PathParam(pattern=SLUG_PATTERN, max_length=200,
                                                             examples=["wg1-2021-final-report"]),
                     lang: str | None = LangParam) -> Response:
        language = page_language(request)
        page = await offload.run(pages_data.reader_page, ctx.store, URIRef(f"{kb.BASE}doc/{slug}"), language.code)
        return _page(request, "reader.html", ctx, page=page)

    @app.get("/search", tags=["Pages"], response_class=Response, responses=HTML_RESPONSES,
             summary="Search provisions, activities, bodies and topics (every word, case and accents ignored)",
             description="An HTML page of the provisions, activities, bodies and topics whose text or names hold every "
                         "word of `q`, grouped by type, each linked to its page.")
    async def search(request: Request, q: str = Query("", max_length=200, description="Words that must all occur",
                                    examples=[examples.WORDS]),
                     type: str = Query("", pattern="^(|provision|activity|body|topic)$",
                                       description="Only provisions, activities, bodies or topics"),
                     lang: str | None = LangParam) -> Response:
        language = page_language(request)
        q = " ".join(q.split())  # blanks alone ask nothing: the form again, not "0 results for «   »"
        result = await offload.run(pages_data.search, ctx.store, q, type or None, 50, language.code)
        return _page(request, "search.html", ctx, result=result, q=q, type=type, types=pages_data.SEARCH_TYPES)


def install_static_file(app: FastAPI, name: str, media: str, cache_control: str = "public, max-age=3600") -> None:
    """Serve ``api/static/{name}`` at ``/static/{name}`` (one route per file: nothing else is reachable)."""
    path = STATIC / name

    async def static_file() -> FileResponse:
        return FileResponse(path, media_type=media, headers={"Cache-Control": cache_control})

    app.add_api_route(f"/static/{name}", static_file, methods=["GET", "HEAD"], include_in_schema=False,
                      name=f"static_{name}")
