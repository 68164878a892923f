"""Linked data: every IRI of the knowledge base dereferences on this host, plus /ontology, VoID, dumps, CORS.

It owns the paths that mirror the public IRIs (``https://w3id.org/iacml-kb/doc/{slug}/{eId}`` is
served at ``/doc/{slug}/{eId}``, and so for ``activity/``, ``body/``, ``topic/``, ``link/``,
``evidence/``, ``claim/``, ``disagreement/``, ``status/``, ``rule/``), their content negotiation
(HTML for browsers, Turtle, JSON-LD, N-Triples or RDF/XML for everything else; ``format`` overrides
``Accept``), the ontology at ``/ontology``, the VoID description at ``/.well-known/void``, the
build's dumps under ``/dumps/``, the template environment (the pages themselves are
:mod:`api.pages`), and CORS (every read may be made from any
origin).

An item's RDF description is what the store says about it (``kb.describe``): its own triples, the
triples that point at it, and the triples of its hash IRIs (``evidence/{hash}#quote``...).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, RedirectResponse, Response
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS, VOID
from rdflib.term import Node
from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

import kb
from api import caching, examples, hosts, negotiation, offload, serialize
from api.context import DUMP_FILES, Context
from api.errors import ERROR_RESPONSES, ApiError, error_response
from api.views import curie, local_href

TEMPLATES = Path(__file__).resolve().parent / "templates"
KB_NS = Namespace(kb.PREFIXES["kb"])
ONTOLOGY_IRI = kb.BASE + "ontology"
PAGE_OFFERS = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
               "text/html", "application/json"]
# An ontology document answers a request with no Accept (or */*) in RDF/XML: OWL tools fetch that way
# (owlready2's urlopen sends no Accept) and read RDF/XML, the one syntax every OWL tool reads.
ONTOLOGY_OFFERS = ["application/rdf+xml", *(offer for offer in PAGE_OFFERS if offer != "application/rdf+xml")]
ALIGNMENTS_IRI = kb.BASE + "ontology/alignments"
DATASET_IRI = kb.BASE + "dataset"
FORMAT_CHOICES = ("html", "turtle", "ttl", "jsonld", "json-ld", "nt", "ntriples", "rdf", "rdfxml")
KINDS = ("activity", "body", "topic", "link", "evidence", "claim", "disagreement", "status", "rule")
# every IRI the build mints has a kb slug (and a provision a kb eId): anything else names nothing here
SLUG_PATTERN = kb.SLUG_PATTERN
EID_PATTERN = kb.EID_PATTERN
LABEL_PREDICATES = (DCTERMS.title, RDFS.label, SKOS.prefLabel, KB_NS.heading)
ONTOLOGY_QUERY = kb.get_query("ontology-triples", folder="pages")  # the triples about the ontology
RDF_RESPONSE = {200: {"description": "The item: HTML for browsers, else RDF by content negotiation",
                      "content": {"text/turtle": {}, "application/ld+json": {}, "application/n-triples": {},
                                  "application/rdf+xml": {}, "text/html": {}}},
                **ERROR_RESPONSES,
                404: {**ERROR_RESPONSES[404], "content": {"text/html": {}},  # browsers get a page saying so
                      "description": "Not found (a page for browsers, else the error JSON)"},
                410: {**ERROR_RESPONSES[404], "content": {"text/html": {}, "text/turtle": {}, "application/ld+json": {},
                                                           "application/n-triples": {}, "application/rdf+xml": {}},
                      "description": "Gone: a document or a curated link withdrawn on purpose, or a provision of a "
                                     "withdrawn document: a page for browsers, what is kept of it (when, why, what a "
                                     "link linked) in the RDF syntax asked for"}}


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          undefined=jinja2.StrictUndefined)


def render(name: str, **values: Any) -> str:
    """A page from ``api/templates/`` (autoescaped)."""
    return _ENV.get_template(name).render(**values)


def _view_term(term: Node) -> dict[str, Any]:
    if isinstance(term, URIRef):
        short = curie(str(term))
        if short == str(term) and short.startswith(kb.BASE):
            short = local_href(short)
        return {"iri": str(term), "href": local_href(str(term)), "label": short}
    if isinstance(term, Literal):
        datatype = curie(str(term.datatype)) if term.datatype else None
        return {"text": str(term), "language": term.language, "datatype": datatype}
    return {"text": str(term)}


def title_of(graph: Graph, subject: URIRef) -> str:
    for predicate in LABEL_PREDICATES:
        for value in graph.objects(subject, predicate):
            return str(value)
    slug = next(iter(graph.objects(subject, KB_NS.slug)), None)
    eid = next(iter(graph.objects(subject, KB_NS.eId)), None)
    if eid is not None:
        document = next(iter(graph.objects(subject, KB_NS.inDocument)), None)
        return f"{curie(str(document)).rsplit('/', 1)[-1] if document else ''} {eid}".strip()
    return str(slug) if slug is not None else str(subject)


# --------------------------------------------------------------------------------------------
# Descriptions
# --------------------------------------------------------------------------------------------


def item_triples(store: kb.Store, iri: URIRef) -> set[tuple[Node, Node, Node]]:
    """The item's triples, the triples pointing at it, and its hash IRIs' triples; NotFoundError if none.

    A set of triples, not an rdflib Graph: they are only written out (a Graph binding the prefixes
    took a third of the time of a small item's answer)."""
    description = kb.describe(store, iri)
    triples: set[tuple[Node, Node, Node]] = set()
    pending = [description]
    seen = {str(iri)}
    while pending:
        current = pending.pop()
        subject = URIRef(current.iri)
        for predicate, value in current.properties:
            triples.add((subject, URIRef(predicate), value))
            if isinstance(value, URIRef) and str(value).startswith(str(iri) + "#") and str(value) not in seen:
                seen.add(str(value))
                try:
                    pending.append(kb.describe(store, value))
                except kb.NotFoundError:
                    continue
    for source, predicate in description.incoming:
        triples.add((URIRef(source), URIRef(predicate), iri))
    return triples


def page_format(request: Request, format_param: str | None, offers: list[str] = PAGE_OFFERS) -> str:
    """html or a graph format name, from ``format`` or the Accept header (406 if nothing fits)."""
    if format_param is not None:
        value = format_param.lower()
        if value == "html":
            return "html"
        fmt = serialize.format_from_name(value, graph=True)
        if fmt is None:
            raise ApiError(400, f"format={format_param!r} is not one of html, turtle, jsonld, nt, rdfxml",
                           parameter="format")
        return fmt
    accept = request.headers.get("accept")
    if negotiation.prefers_html(accept):
        return "html"
    chosen = negotiation.choose(accept, offers)
    if chosen is None:
        raise ApiError(406, "accept one of " + ", ".join(offers), title="Not Acceptable")
    if chosen == "text/html":
        return "html"
    return serialize.format_from_name(chosen, graph=True) or "turtle"


def alternate_headers(path: str) -> dict[str, str]:
    """Vary, and a Link to each RDF syntax of the same resource."""
    alternates = ", ".join(f'<{path}?format={name}>; rel="alternate"; type="{serialize.GRAPH_TYPES[name]}"'
                           for name in serialize.GRAPH_TYPES)
    return {"Vary": "Accept", "Link": alternates}


def graph_response(request: Request, graph: Graph, subject: URIRef, format_param: str | None,
                   extra: dict[str, Any] | None = None, prefixes: dict[str, str] | None = None,
                   offers: list[str] = PAGE_OFFERS) -> Response:
    fmt = page_format(request, format_param, offers)
    path = request.url.path
    headers = alternate_headers(path)
    if fmt == "html":
        from api import pages  # pages renders with this module's templates

        return pages.page_response(request, html_page(request, graph, subject, path, extra or {}), headers=headers)
    body = serialize.graph_bytes(graph, fmt, prefixes)
    return Response(body, media_type=serialize.media_type(fmt), headers=headers)


def html_page(request: Request, graph: Graph, subject: URIRef, path: str, extra: dict[str, Any]) -> str:
    """A graph as a page: the subject's properties, what refers to it, its hash IRIs' properties."""
    from api import pages  # pages renders with this module's templates

    properties = [(curie(str(p)), local_href(str(p)), _view_term(o))
                  for p, o in sorted(graph.predicate_objects(subject))]
    text = next((str(o) for o in graph.objects(subject, KB_NS.text)), None)
    incoming = [(_view_term(s), curie(str(p))) for s, p in sorted(graph.subject_predicates(subject))]
    others = sorted({str(s) for s in graph.subjects() if s != subject and str(s).startswith(str(subject) + "#")})
    fragments = [(s, [(curie(str(p)), _view_term(o)) for p, o in sorted(graph.predicate_objects(URIRef(s)))])
                 for s in others]
    return pages.render_page(request, "triples.html", title=title_of(graph, subject), iri=str(subject), text=text,
                  properties=properties, incoming=incoming, fragments=fragments, path=path,
                  formats=serialize.GRAPH_TYPES, **extra)


def ontology_graph(store: kb.Store) -> Graph:
    """Every triple about the ontology and its terms (subjects in ``…/ontology`` and ``…/ontology#``)."""
    graph = Graph()
    for prefix, namespace in kb.PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o in store.select(ONTOLOGY_QUERY.text).rows:
        if s is not None and p is not None and o is not None:
            graph.add((s, p, o))
    return graph


def void_graph(base_url: str, ctx: Context) -> Graph:
    """The VoID description (``kb.void_graph``) with this server's address and dumps."""
    version = ctx.version
    return kb.void_graph(base_url, ctx.partitions, ctx.about, version=version,
                         built=kb.version_time(version) if version else None,
                         dumps=[name for name in ctx.dumps() if name != "report.json"])


# --------------------------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------------------------

FormatParam = Query(None, description="Override content negotiation: html, turtle, jsonld, nt or rdfxml",
                    pattern="^(html|turtle|ttl|jsonld|json-ld|nt|ntriples|rdf|rdfxml)$", examples=["turtle"])
LangParam = Query(None, description="The page's language, for browsers: en or es (default: as Accept-Language "
                                    "prefers, else en); the page's links and forms keep it",
                  json_schema_extra={"enum": ["en", "es"]}, examples=["es"])
NEGOTIATION = ("HTML for browsers (an Accept that puts text/html first), else Turtle, JSON-LD, N-Triples or RDF/XML "
               "by the Accept header (Turtle without one); `format` overrides Accept. The answer's `Link` header "
               "names each RDF syntax of the same resource.")


def install(app: FastAPI, ctx: Context) -> None:
    """Add the IRI paths, /ontology, /.well-known/void and /dumps/ to the app (their HTML: :mod:`api.pages`)."""
    from api import pages  # pages renders with this module's templates

    async def describe_iri(request: Request, path: str, format_param: str | None) -> Response:
        pages.page_language(request)  # a lang the pages lack is a 400 in every format, as the schema says
        iri = URIRef(kb.BASE + path)
        now = await offload.run(kb.replaced_by, ctx.store, iri)
        if now is not None and now.startswith(kb.BASE):  # published before its document was held: moved for good
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse("/" + now[len(kb.BASE):] + query, status_code=301)
        fmt = page_format(request, format_param)
        if fmt == "html":
            try:
                return pages.page_response(request, await pages.item_html(request, ctx, iri),
                                           headers=alternate_headers(request.url.path))
            except kb.NotFoundError as exc:  # a person gets a page saying so, with a way on
                return pages.not_found_html(request, ctx, str(exc), gone=isinstance(exc, kb.GoneError))
            except ApiError as exc:  # a parameter of the page (asof, lang): said on a page, not in JSON
                if exc.status != 400:
                    raise
                return pages.not_found_html(request, ctx, exc.detail, bad=True, parameter=exc.parameter)
        try:
            triples = await offload.run(item_triples, ctx.store, iri)
        except kb.GoneError:  # a Linked Data client gets what is kept of it, in the syntax it asked for
            kept = await offload.run(kb.tombstone, ctx.store, iri)
            if kept is None:
                raise
            return Response(serialize.graph_bytes(kept, fmt), status_code=410, media_type=serialize.media_type(fmt),
                            headers=alternate_headers(request.url.path))
        return Response(serialize.graph_bytes(triples, fmt), media_type=serialize.media_type(fmt),
                        headers=alternate_headers(request.url.path))

    @app.api_route("/doc/{slug}", methods=["GET", "HEAD"], tags=["Linked data"], summary="A document",
                   response_class=Response, responses=RDF_RESPONSE,
                   description=f"Dereference {kb.BASE}doc/{{slug}}: what the knowledge base says about the document "
                               f"and what points at it. {NEGOTIATION}")
    async def document(request: Request, slug: str = PathParam(pattern=SLUG_PATTERN, max_length=200,
                                                               examples=[examples.DOCUMENT]),
                       format: str | None = FormatParam, lang: str | None = LangParam) -> Response:
        return await describe_iri(request, f"doc/{slug}", format)

    @app.api_route("/doc/{slug}/{eid}", methods=["GET", "HEAD"], tags=["Linked data"],
                   summary="A provision of a document", response_class=Response, responses=RDF_RESPONSE,
                   description=f"Dereference {kb.BASE}doc/{{slug}}/{{eId}}: the provision's text, kind, place in "
                               f"its document, trace links and quotes (an eId published before its document was "
                               f"held redirects, 301, to the eId that now names it). {NEGOTIATION}")
    async def provision(request: Request, slug: str = PathParam(pattern=SLUG_PATTERN, max_length=200,
                                                                examples=[examples.DOCUMENT]),
                        eid: str = PathParam(pattern=EID_PATTERN, max_length=200, examples=[examples.EID]),
                        format: str | None = FormatParam, lang: str | None = LangParam) -> Response:
        return await describe_iri(request, f"doc/{slug}/{eid}", format)

    for kind in KINDS:
        _install_kind(app, kind, describe_iri)

    @app.api_route("/ontology", methods=["GET", "HEAD"], tags=["Linked data"], summary="The kb: ontology",
                   response_class=Response, responses=RDF_RESPONSE,
                   description=f"The OWL ontology {ONTOLOGY_IRI}: its classes and properties with their labels and "
                               f"definitions. A page for browsers, else {NEGOTIATION.split(', else ', 1)[1]}")
    async def ontology(request: Request, format: str | None = FormatParam,
                       lang: str | None = LangParam) -> Response:
        pages.page_language(request)  # a lang the pages lack is a 400 in every format, as the schema says
        if page_format(request, format, ONTOLOGY_OFFERS) == "html":
            return pages.page_response(request, await pages.ontology_html(request, ctx),
                                       headers=alternate_headers(request.url.path))
        return graph_response(request, ctx.ontology, URIRef(ONTOLOGY_IRI), format, offers=ONTOLOGY_OFFERS)

    @app.api_route("/ontology/alignments", methods=["GET", "HEAD"], tags=["Linked data"],
                   summary="The alignments of the kb: ontology to standard vocabularies", response_class=Response,
                   responses=RDF_RESPONSE,
                   description=f"{ALIGNMENTS_IRI}: the rdfs:subClassOf, rdfs:subPropertyOf, rdf:type and rdfs:range "
                               "axioms relating kb: terms to ELI, PROV-O, ORG, SKOS, Web Annotation, DCTERMS and "
                               "CiTO (ontology/alignments.ttl), kept apart from the OWL core. RDF/XML without an "
                               f"Accept header, as /ontology. {NEGOTIATION}")
    async def alignments(request: Request, format: str | None = FormatParam) -> Response:
        return graph_response(request, kb.alignments_graph(), URIRef(ALIGNMENTS_IRI), format, offers=ONTOLOGY_OFFERS)

    @app.api_route("/dataset", methods=["GET", "HEAD"], tags=["Linked data"],
                   summary="The description of the release served", response_class=Response,
                   responses=RDF_RESPONSE,
                   description=f"{DATASET_IRI}: the release's own description (dataset.nt: its version, the "
                               f"content hash of kb.nt, its title); /.well-known/void describes the dataset at "
                               f"length. {NEGOTIATION}")
    async def dataset(request: Request, format: str | None = FormatParam) -> Response:
        graph = Graph()
        for triple in await offload.run(item_triples, ctx.store, URIRef(DATASET_IRI)):
            graph.add(triple)
        return graph_response(request, graph, URIRef(DATASET_IRI), format)

    @app.api_route("/.well-known/void", methods=["GET", "HEAD"], tags=["Linked data"],
                   summary="VoID description of the dataset", response_class=Response, responses=RDF_RESPONSE,
                   description="The dataset described in VoID: title, licence, release dates and version, triples, "
                               "entities per class and triples per property, the SPARQL endpoint, the dumps, the "
                               f"URI space. {NEGOTIATION}")
    async def void(request: Request, format: str | None = FormatParam) -> Response:
        graph = void_graph(hosts.base_url(request), ctx)
        return graph_response(request, graph, URIRef(kb.BASE + ".well-known/void#dataset"), format,
                              prefixes={"void": str(VOID), "foaf": str(FOAF)})

    @app.api_route("/context.jsonld", methods=["GET", "HEAD"], tags=["Linked data"],
                   summary="The JSON-LD context of the knowledge base",
                   responses={200: {"description": "The context", "content": {"application/ld+json": {}}}},
                   description=f"The prefixes of the namespaces the knowledge base uses ({kb.CONTEXT_IRI}), as "
                               "embedded in kb.jsonld and in every JSON-LD answer of this service.")
    async def jsonld_context() -> Response:
        return Response(json.dumps(kb.jsonld_context(), indent=2, sort_keys=True) + "\n",
                        media_type="application/ld+json", headers={"Cache-Control": "public, max-age=3600"})

    @app.api_route("/dumps/{name}", methods=["GET", "HEAD"], tags=["Linked data"],
                   summary="Download a dump of the build (kb.nt, kb.ttl, kb.jsonld, report.json)",
                   response_class=FileResponse,
                   responses={200: {"description": "The file", "content": {t: {} for t in DUMP_FILES.values()}},
                              304: {"description": "Not modified: If-None-Match names the dump's ETag (the "
                                                   "release's version and the file's name)"},
                              404: ERROR_RESPONSES[404]},
                   description="The whole knowledge base as the build published it: kb.nt (canonical sorted "
                               "N-Triples, byte-identical for the same corpus), kb.ttl, kb.jsonld, and the build "
                               "report; gzipped for clients that accept it, with a strong ETag per release and "
                               "file (a `-gzip` one for the gzipped bytes) that If-None-Match revalidates (304).")
    async def dump(request: Request, name: str = PathParam(json_schema_extra={"enum": list(DUMP_FILES)},
                                                           examples=["kb.nt"])) -> Response:
        # the schema lists every dump; one this service lacks, or any other name, is a 404 naming those it has
        path = ctx.dump_path(name)
        if path is None:
            available = ", ".join(ctx.dumps()) or "none (this service runs without the build's files)"
            raise HTTPException(404, f"no dump named {name!r}; available: {available}")
        # a release's files never change, so its version and the file name name these exact bytes
        headers = {"ETag": f'"{ctx.version}-{name}"', "Cache-Control": "public, max-age=3600"}
        if caching.matches(request.headers.get("if-none-match"), headers["ETag"]):
            return Response(status_code=304, headers=headers)
        return FileResponse(path, media_type=DUMP_FILES[name], filename=name, headers=headers)


def _install_kind(app: FastAPI, kind: str,
                  describe_iri: Callable[[Request, str, str | None], Any]) -> None:
    async def entity(request: Request, slug: str = PathParam(pattern=SLUG_PATTERN, max_length=200,
                                                             examples=[examples.KIND_SLUGS[kind]]),
                     format: str | None = FormatParam, lang: str | None = LangParam) -> Response:
        response: Response = await describe_iri(request, f"{kind}/{slug}", format)
        return response

    app.add_api_route(f"/{kind}/{{slug}}", entity, methods=["GET", "HEAD"], tags=["Linked data"],
                      summary=f"Dereference {kb.BASE}{kind}/{{slug}}", response_class=Response,
                      responses=RDF_RESPONSE, name=f"linked_data_{kind}",
                      description=f"What the knowledge base says about the {kind} {kb.BASE}{kind}/{{slug}} and what "
                                  f"points at it. {NEGOTIATION}")


# What Starlette's preflight refusal names ("Disallowed CORS method, headers"): the request header at fault.
_CORS_FAILURES = {"origin": "Origin", "method": "Access-Control-Request-Method",
                  "headers": "Access-Control-Request-Headers",
                  "private-network": "Access-Control-Request-Private-Network"}


class Cors(CORSMiddleware):
    """Starlette's CORS, its preflight refusals (plain text) given the one error shape. The curator's review
    page (api.review) is no read for other origins: it gets no CORS headers."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == "/review" or path.startswith("/review/"):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        failures = bytes(response.body).decode().removeprefix("Disallowed CORS ").split(", ")
        named = [_CORS_FAILURES[failure] for failure in failures if failure in _CORS_FAILURES]
        asked = "; ".join(f"{name}: {request_headers.get(name, '')!r}" for name in named)
        detail = (f"CORS preflight refused ({asked}); this service allows reads from any origin: "
                  f"methods {', '.join(sorted(self.allow_methods))}, headers {', '.join(sorted(self.allow_headers))}")
        headers = {name: value for name, value in response.headers.items()
                   if name.lower() not in ("content-type", "content-length")}
        return error_response(400, detail, parameter=named[0] if named else None, headers=headers)


def add_cors(app: FastAPI) -> None:
    """Reads from any origin: GET, HEAD, and POST to /sparql (a query is a read)."""
    app.add_middleware(Cors, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST"],
                       allow_headers=["Accept", "Content-Type"], max_age=86400,
                       expose_headers=["KB-Result-Truncated", "KB-Row-Cap", "Link", "Content-Disposition"])
