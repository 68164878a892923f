"""The SPARQL 1.1 Protocol endpoint at ``/sparql`` (query operation only: the service is read-only).

It owns reading protocol requests (GET with ``query``; POST with a URL-encoded form; POST with an
``application/sparql-query`` body), the protocol's errors, content negotiation of the results
(``Accept`` or a ``format`` parameter), and the Service Description a plain GET returns. Queries
themselves run in the worker pool (:mod:`api.workers`), where ``kb`` checks them.

Answers, by the protocol's rules:

- 200 with SELECT/ASK results as SPARQL JSON, XML, CSV or TSV (CSV and TSV: SELECT only), and
  CONSTRUCT/DESCRIBE graphs as Turtle, N-Triples, JSON-LD or RDF/XML. A result cut at the row cap
  carries ``KB-Result-Truncated: true`` and ``KB-Row-Cap``. Without ``query``, ``?default`` (or
  ``?graph=IRI``) is a Graph Store Protocol GET (:mod:`api.graph_store`: the whole default graph);
  a plain GET is the Service Description.
- 400 for a malformed query (with the parser's message), a query ``kb`` refuses (SERVICE, FROM or
  FROM NAMED outside the knowledge base, an update sent as a query), a missing, empty or repeated
  ``query`` or ``format``, a protocol dataset (``default-graph-uri``, ``named-graph-uri``) naming a
  graph outside the knowledge base, or text that is not UTF-8. A protocol dataset inside it is the
  query's dataset, replacing its FROM clauses, as FROM would be read (:class:`kb.Dataset`:
  ``https://w3id.org/iacml-kb/`` names the knowledge base's graph, the default graph).
- 403 for an update request (``update`` parameter or ``application/sparql-update``): read-only.
- 405 for other methods, 406 when ``Accept`` excludes every format of the query's form, 413/414
  when the query is longer than the limit (POST/GET), 415 for a body that is not a form or a
  query, or a charset other than UTF-8.
- 503 when the query runs past the time limit (it is stopped) or the store cannot be read.

A query with relative IRIs and no BASE of its own gets the knowledge base's IRI space as its base
(``<doc/wg1-2021-final-report>`` names that document); nothing else is ever added to a query.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDFS, VOID, XSD

import kb
from api import graph_store, hosts, negotiation, serialize
from api.context import Context
from api.errors import ApiError
from api.pages import page_response
from api.settings import Settings
from api.workers import Job

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
FORM_CONTENT = "application/x-www-form-urlencoded"
QUERY_CONTENT = "application/sparql-query"
UPDATE_CONTENT = "application/sparql-update"
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
UPDATE_PARAMETERS = ("update", "using-graph-uri", "using-named-graph-uri")

RESULT_OFFERS = [*serialize.RESULT_TYPES.values(), *serialize.RESULT_ALIASES]
BOOLEAN_OFFERS = [serialize.RESULT_TYPES[f] for f in serialize.BOOLEAN_FORMATS] + [
    k for k, v in serialize.RESULT_ALIASES.items() if v in serialize.BOOLEAN_FORMATS]
GRAPH_OFFERS = [*serialize.GRAPH_TYPES.values(), *serialize.GRAPH_ALIASES]
SD_PREFIXES = {"sd": str(SD), "formats": str(FORMATS), "void": str(VOID)}
SD_OFFERS = [*GRAPH_OFFERS, "text/html"]
SD_FORMATS = {
    FORMATS.SPARQL_Results_JSON: "json", FORMATS.SPARQL_Results_XML: "xml", FORMATS.SPARQL_Results_CSV: "csv",
    FORMATS.SPARQL_Results_TSV: "tsv", FORMATS.Turtle: "turtle", FORMATS["N-Triples"]: "ntriples",
    FORMATS["JSON-LD"]: "jsonld", FORMATS.RDF_XML: "rdfxml",
}

# --------------------------------------------------------------------------------------------
# Reading the query text (never rewriting it): its form
# --------------------------------------------------------------------------------------------

_SKIP = r"(?>\s|#[^\r\n]*+)*+"  # possessive: a long comment or run of spaces cannot make it backtrack
_BASE_RE = re.compile(rf"BASE{_SKIP}<[^<>\"{{}}|^`\\\x00-\x20]*>", re.IGNORECASE)
_PREFIX_RE = re.compile(rf"PREFIX{_SKIP}[^\s:<>#]*:{_SKIP}<[^<>\"{{}}|^`\\\x00-\x20]*>", re.IGNORECASE)
_FORM_RE = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![A-Za-z0-9_])", re.IGNORECASE)
_COMMENT_RE = re.compile(r"#[^\r\n]*")


_RELATIVE_IRI_RE = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]*:)[^<>\"{}|^`\\\x00-\x20]*>")
_BASE_KEYWORD_RE = re.compile(r"\bBASE\b", re.IGNORECASE)
BASE_PROLOGUE = f"BASE <{kb.BASE}> "


def with_base(text: str) -> str:
    """The query, with the knowledge base's IRI space as its base IRI when it has relative IRIs and no BASE.

    Relative IRIs (``<doc/wg1-2021-final-report>``) then name the knowledge base's own items. The
    declaration goes on the first line, so line numbers in error messages stay right (columns on
    line 1 move by its length).
    """
    if _BASE_KEYWORD_RE.search(text) or not _RELATIVE_IRI_RE.search(text):
        return text
    return BASE_PROLOGUE + text


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, read past the prologue; None if the text is none of them.

    A scan, not a parser: ``kb`` parses and checks the query in the worker, and says what is wrong
    with a query this scan cannot place.
    """
    pos, end = 0, len(text)
    while pos < end:
        char = text[pos]
        if char.isspace():
            pos += 1
            continue
        if char == "#":
            comment = _COMMENT_RE.match(text, pos)
            pos = comment.end() if comment else end
            continue
        declaration = _BASE_RE.match(text, pos) or _PREFIX_RE.match(text, pos)
        if declaration:
            pos = declaration.end()
            continue
        form = _FORM_RE.match(text, pos)
        return form.group(1).upper() if form else None
    return None


# --------------------------------------------------------------------------------------------
# Reading protocol requests
# --------------------------------------------------------------------------------------------


@dataclass
class ProtocolRequest:
    query: str | None
    params: dict[str, list[str]] = field(default_factory=dict)
    method: str = "GET"
    dataset: kb.Dataset | None = None  # default-graph-uri / named-graph-uri, checked: inside the knowledge base


def _parse_pairs(raw: str, where: str) -> dict[str, list[str]]:
    try:
        pairs = urllib.parse.parse_qsl(raw, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ApiError(400, f"the {where} is not UTF-8 once percent-decoded",
                       title="Bad Encoding") from None
    except ValueError as exc:
        raise ApiError(400, f"the {where} cannot be read: {exc}") from None
    params: dict[str, list[str]] = {}
    for name, value in pairs:
        params.setdefault(name, []).append(value)
    return params


def _media_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    media, *rest = header.split(";")
    params = {}
    for item in rest:
        name, _, value = item.partition("=")
        params[name.strip().lower()] = value.strip().strip('"').lower()
    return media.strip().lower(), params


def _check_charset(params: dict[str, str], content_type: str) -> None:
    charset = params.get("charset")
    if charset is not None and charset not in ("utf-8", "utf8"):
        raise ApiError(415, f"{content_type} with charset={charset} is not supported: send UTF-8",
                       title="Unsupported Charset")


async def read_request(request: Request, ctx: Context) -> ProtocolRequest:
    """The query and parameters of a protocol request; ApiError for anything the protocol forbids."""
    method = request.method
    try:
        url_query = request.scope.get("query_string", b"").decode("ascii")
    except UnicodeDecodeError:
        raise ApiError(400, "the URL holds bytes that are not percent-encoded", title="Bad Encoding") from None
    params = _parse_pairs(url_query, "URL query string")
    if any(name in params for name in UPDATE_PARAMETERS):
        raise _update_refused()
    query: str | None = None
    if method == "POST":
        content_type, type_params = _media_type(request.headers.get("content-type"))
        body = await request.body()
        if content_type == FORM_CONTENT:
            _check_charset(type_params, content_type)
            try:
                text = body.decode("ascii")
            except UnicodeDecodeError:
                raise ApiError(400, "a URL-encoded form holds only ASCII: percent-encode the query",
                               title="Bad Encoding") from None
            form = _parse_pairs(text, "form body")
            if any(name in form for name in UPDATE_PARAMETERS):
                raise _update_refused()
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
        elif content_type == QUERY_CONTENT:
            _check_charset(type_params, content_type)
            if "query" in params:
                raise ApiError(400, "the query is both in the URL and in the body: send it once", parameter="query")
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "the query is not valid UTF-8", title="Bad Encoding") from None
        elif content_type == UPDATE_CONTENT:
            raise _update_refused()
        elif not content_type:
            raise ApiError(415, f"a POST needs a Content-Type: {FORM_CONTENT} (query=...) or {QUERY_CONTENT}",
                           title="Unsupported Media Type")
        else:
            raise ApiError(415, f"{content_type} is not a SPARQL protocol request: send {FORM_CONTENT} "
                                f"(query=...) or {QUERY_CONTENT}", title="Unsupported Media Type")
    if len(params.get("query", ())) > 1:
        raise ApiError(400, f"parameter 'query' is given {len(params['query'])} times: give it once",
                       parameter="query")
    # SPARQLWrapper repeats format= with aliases, media type lists and empty values: keep every name;
    # output_format() refuses only names that disagree once read
    formats = [name.strip() for value in params.pop("format", []) for name in value.split(",") if name.strip()]
    if formats:
        params["format"] = formats
    if query is None and "query" in params:
        query = params["query"][0]
    dataset = None
    if any(name in params for name in DATASET_PARAMETERS):
        dataset = kb.Dataset(tuple(params.get("default-graph-uri", ())), tuple(params.get("named-graph-uri", ())))
        for name, iris in zip(DATASET_PARAMETERS, (dataset.default, dataset.named), strict=True):
            try:
                kb.Dataset(**{"default" if name == "default-graph-uri" else "named": iris}).check()
            except kb.QueryRefusedError as exc:
                raise ApiError(400, str(exc), parameter=name, title="Query Refused") from None
    if query is not None:
        if "\x00" in query:
            raise ApiError(400, "the query holds a NUL character", parameter="query")
        if len(query) > ctx.settings.max_query_chars:
            status = 414 if method != "POST" else 413
            raise ApiError(status, f"the query is {len(query)} characters long; the limit is "
                                   f"{ctx.settings.max_query_chars}", parameter="query")
        if not query.strip():
            raise ApiError(400, "the query is empty", parameter="query")
    elif method == "POST":
        raise ApiError(400, "no query: give a query parameter in the form", parameter="query")
    return ProtocolRequest(query, params, method, dataset)


def _update_refused() -> ApiError:
    return ApiError(403, "updates are refused: this SPARQL endpoint is read-only (the knowledge base is rebuilt "
                         "from its corpus, never edited over HTTP)", title="Read-Only Endpoint")


# --------------------------------------------------------------------------------------------
# Choosing the output format
# --------------------------------------------------------------------------------------------


def output_format(form: str | None, accept: str | None, format_param: str | list[str] | None) -> str:
    """The format name for a query form, from ``format`` (one name, or several that agree), else Accept."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    allowed = (serialize.GRAPH_TYPES if graph else
               serialize.BOOLEAN_FORMATS if form == "ASK" else serialize.RESULT_TYPES)
    names = [format_param] if isinstance(format_param, str) else (format_param or [])
    if names:
        read = {serialize.format_from_name(name, graph) for name in names}
        chosen = read - {None}
        kind = "graph" if graph else ("boolean" if form == "ASK" else "results")
        if len(chosen) != 1:
            given = ", ".join(names)
            problem = "different formats" if len(chosen) > 1 else f"no {kind} format this service writes"
            raise ApiError(400, f"format={given!r} names {problem}; use one of {', '.join(allowed)}",
                           parameter="format")
        fmt = chosen.pop()
        if fmt not in allowed:
            raise ApiError(400, f"format={fmt!r} is not a {kind} format; use one of {', '.join(allowed)}",
                           parameter="format")
        return str(fmt)
    offers = GRAPH_OFFERS if graph else BOOLEAN_OFFERS if form == "ASK" else RESULT_OFFERS
    chosen_type = negotiation.choose(accept, offers)
    if chosen_type is None:
        listed = ", ".join(serialize.GRAPH_TYPES[f] if graph else serialize.RESULT_TYPES[f] for f in allowed)
        raise ApiError(406, f"none of the accepted media types can carry this {form or 'query'}'s answer; "
                            f"accept one of {listed}", title="Not Acceptable")
    if graph:
        return next((k for k, v in serialize.GRAPH_TYPES.items() if v == chosen_type), None) \
            or serialize.GRAPH_ALIASES[chosen_type]
    return next((k for k, v in serialize.RESULT_TYPES.items() if v == chosen_type), None) \
        or serialize.RESULT_ALIASES[chosen_type]


def job_for(query: str, form: str | None, fmt: str, ctx: Context, dataset: kb.Dataset | None = None) -> Job:
    settings = ctx.settings
    query = with_base(query)
    kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "select" if form == "SELECT" else \
        "ask" if form == "ASK" else "unknown"
    return Job(kind, query, fmt, settings.time_limit, ctx.row_cap, dataset=dataset)


# --------------------------------------------------------------------------------------------
# Service description
# --------------------------------------------------------------------------------------------


def service_description(endpoint: str, ctx: Context) -> Graph:
    """What the endpoint does, and only that: SPARQL 1.1 Query, its result formats, its one dataset."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    graph.bind("void", VOID)
    graph.bind("dcterms", DCTERMS)
    service = URIRef(endpoint + "#service")
    dataset, default_graph = BNode("dataset"), BNode("defaultGraph")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for iri in SD_FORMATS:
        graph.add((service, SD.resultFormat, iri))
    graph.add((service, DCTERMS.title, Literal("IACML mandate traceability knowledge base: SPARQL endpoint",
                                               lang="en")))
    settings = ctx.settings
    graph.add((service, RDFS.comment, Literal(
        f"Read-only. Each query runs under a time limit of {settings.time_limit:g} s and a cap of "
        f"{ctx.row_cap} result rows (or triples: never fewer than the data holds); queries are at most "
        f"{settings.max_query_chars} characters. "
        "SERVICE, and FROM/FROM NAMED or protocol datasets naming graphs outside the knowledge base, are refused; "
        f"the knowledge base's graph, the default graph, is named <{kb.KB_GRAPH}> in FROM and default-graph-uri. "
        f"The whole default graph, with no cap: {endpoint.removesuffix('/sparql')}/store?default (SPARQL 1.1 Graph "
        "Store HTTP Protocol, read-only; also this endpoint with ?default).",
        lang="en")))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    # its name in FROM and default-graph-uri (kb.Dataset), for a client that sends one
    graph.add((default_graph, RDFS.seeAlso, URIRef(kb.KB_GRAPH)))
    graph.add((default_graph, VOID.triples, Literal(ctx.triples, datatype=XSD.integer)))
    # the whole graph, uncapped, by the Graph Store Protocol (api.graph_store)
    graph.add((default_graph, VOID.dataDump, URIRef(endpoint.removesuffix("/sparql") + "/store?default")))
    return graph


def endpoint_url(request: Request) -> str:
    return hosts.absolute_url(request)


# --------------------------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------------------------

def query_schema(max_chars: int) -> dict[str, Any]:
    """What a query text must be before it is parsed: not blank, no NUL, at most the limit (the
    grammar itself no schema can say: a malformed query is the protocol's 400)."""
    return {"type": "string", "minLength": 1, "maxLength": max_chars, "pattern": r"^[^\x00]*\S[^\x00]*$"}


# SPARQLWrapper sends format= with aliases, any case, media types, lists and blanks (read_request keeps
# every name): the pattern is the characters those can hold; a name the query's form has no format
# for is a 400 that depends on the query
FORMAT_SCHEMA = {"type": "string", "pattern": r"^[A-Za-z0-9+/.,\-\s]*$"}
FORMAT_DESCRIPTION = ("Output format, overriding Accept: json, xml, csv, tsv (results); turtle, nt, jsonld, rdfxml "
                      "(graphs); or a media type.")


def openapi_extra(settings: Settings) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parameters and bodies of GET and POST /sparql, for their ``openapi_extra``."""
    query = query_schema(settings.max_query_chars)
    format_param = {"name": "format", "in": "query", "required": False, "schema": FORMAT_SCHEMA,
                    "description": FORMAT_DESCRIPTION}
    get = {"parameters": [
        {"name": "query", "in": "query", "required": False, "schema": query,
         "description": "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE). Without it, GET returns the "
                        "Service Description, or with `default` or `graph` the graph (as `/store`)."},
        format_param, *graph_store.OPENAPI_EXTRA["parameters"]]}
    post = {"parameters": [format_param], "requestBody": {"required": True, "content": {
        FORM_CONTENT: {"schema": {"type": "object", "required": ["query"],
                                  "properties": {"query": query, "format": FORMAT_SCHEMA}}},
        QUERY_CONTENT: {"schema": query}}}}
    return get, post


SPARQL_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Results (SELECT/ASK), a graph (CONSTRUCT/DESCRIBE), or the Service Description",
          "content": {**{t: {} for t in serialize.RESULT_TYPES.values()},
                      **{t: {} for t in serialize.GRAPH_TYPES.values()}, "text/html": {}}},
    400: {"description": "Malformed or refused query or request"},
    403: {"description": "Update requests are refused: the endpoint is read-only"},
    404: {"description": "graph=IRI: the knowledge base has only its default graph"},
    406: {"description": "No acceptable format for this query form"},
    413: {"description": "Query or request too large"},
    414: {"description": "Query too long for a GET"},
    415: {"description": "Unsupported Content-Type or charset"},
    503: {"description": "Time limit reached (the query was stopped) or store unavailable"},
}


# The operations' descriptions in the OpenAPI.
SPARQL_DESCRIPTIONS = {
    "GET": "A SPARQL 1.1 query in `query` (SELECT and ASK answered as JSON, XML, CSV or TSV; CONSTRUCT and "
           "DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML, by Accept or `format`), run read-only in a query "
           "worker under the time limit and the row cap; without `query`, the Service Description.",
    "POST": "A SPARQL 1.1 query as an URL-encoded form (`query=`) or directly (application/sparql-query), answered "
            "as a GET is. Updates are refused (403), and so are SERVICE, LOAD and datasets outside the knowledge "
            "base (400).",
}


def install(app: FastAPI, ctx: Context, render_html: Callable[..., str]) -> None:
    """Add ``/sparql`` to the app. ``render_html(request, name, **values)`` renders a page in the request's
    language (for browsers)."""

    get_extra, post_extra = openapi_extra(ctx.settings)

    async def answer(request: Request) -> Response:
        protocol = await read_request(request, ctx)
        format_param = protocol.params.get("format")
        accept = request.headers.get("accept")
        if graph_store.addresses(protocol.params):
            if protocol.query is not None:
                raise ApiError(400, "default and graph ask for a graph (Graph Store Protocol), query for a query: "
                                    "send one of them", parameter="graph" if "graph" in protocol.params else "default")
            return graph_store.answer(request, ctx, protocol.params)
        if protocol.query is None:
            return describe_service(request, accept, format_param)
        form = query_form(protocol.query)
        fmt = output_format(form, accept, format_param)
        result = await ctx.pool.run(job_for(protocol.query, form, fmt, ctx, protocol.dataset))
        headers = {"Vary": "Accept", "Server-Timing": f"query;dur={result.seconds * 1000:.2f}"}
        if result.truncated:
            headers["KB-Result-Truncated"] = "true"
            headers["KB-Row-Cap"] = str(ctx.row_cap)
        return Response(result.body, media_type=result.media_type, headers=headers)

    def describe_service(request: Request, accept: str | None, format_param: list[str] | None) -> Response:
        endpoint = endpoint_url(request)
        graph = service_description(endpoint, ctx)
        if format_param is None and negotiation.choose(accept, SD_OFFERS) == "text/html" \
                and negotiation.prefers_html(accept):
            page = render_html(request, "sparql.html", endpoint=endpoint, settings=ctx.settings,
                               description=serialize.graph_bytes(graph, "turtle", SD_PREFIXES).decode("utf-8"))
            return page_response(request, page, headers={"Vary": "Accept"})
        fmt = output_format("DESCRIBE", accept, format_param)
        body = serialize.graph_bytes(graph, fmt, SD_PREFIXES)
        return Response(body, media_type=serialize.media_type(fmt), headers={"Vary": "Accept"})

    @app.get("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query (GET), or the Service Description",
             description=SPARQL_DESCRIPTIONS["GET"], responses=SPARQL_RESPONSES, openapi_extra=get_extra,
             response_class=Response)
    async def sparql_get(request: Request) -> Response:
        return await answer(request)

    @app.head("/sparql", include_in_schema=False)
    async def sparql_head(request: Request) -> Response:
        return await answer(request)

    @app.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
    async def sparql_other() -> Response:
        raise ApiError(405, "the SPARQL protocol uses GET and POST; this endpoint is read-only",
                       headers={"Allow": "GET, HEAD, POST"})

    @app.post("/sparql", tags=["SPARQL"], summary="SPARQL 1.1 query (POST: URL-encoded form or direct)",
              description=SPARQL_DESCRIPTIONS["POST"], responses=SPARQL_RESPONSES, openapi_extra=post_extra,
              response_class=Response)
    async def sparql_post(request: Request) -> Response:
        content_type, _ = _media_type(request.headers.get("content-type"))
        if content_type not in (FORM_CONTENT, QUERY_CONTENT) and graph_store.addresses(
                {name: [] for name in request.query_params}):
            raise graph_store.read_only()  # a Graph Store client POSTing data to /sparql?default
        return await answer(request)
