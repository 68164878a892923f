"""The REST API under ``/api/``: JSON views of provisions, mandates, items, documents, activities, bodies,
topics, and every named query of ``queries/``.

It owns the REST resources, their filters and pagination, and their JSON shapes (pydantic models,
so that the OpenAPI schema documents them). Every query it runs is a constant text of the library
(``queries/rest/*.rq``, and the provision listings ``kb.provisions_query`` makes), read once; this
module holds no SPARQL of its own. A request picks one (by the kind it asks for, from a closed list,
and by which filters it gives) and the filter values are bound as parameters (``Store.select(query,
params)``; a bound variable is always projected, so that the embedded store pre-binds it). These
queries are bounded by a bound item or a page, so they run on the in-process read-only store, in
the thread pool, under the time limit; named queries run in the worker pool (:mod:`api.workers`),
since their cost grows with the knowledge base, and so do status lists and explanations. An item
that has a status (a mandate or recommendation) has its description read here while a worker
explains its status, at the same time.

Pagination: ``limit`` (1-500, default 50) and ``offset``; a page holds ``next`` (a URL) when more
items follow. Text search (``q``) matches every word, ignoring case and accents, in the text,
number and eId of a provision.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import inspect
import json
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any
from typing import Literal as TypingLiteral
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from rdflib import Literal, URIRef
from rdflib.term import Node

import kb
from api import examples, hosts, offload, query_params, serialize, views
from api.context import Context
from api.errors import ERROR_RESPONSES, ITEM_RESPONSES, ApiError, kb_status, parameter_of
from api.responses import JSONResponse
from api.sparql import output_format, query_form
from api.views import curie, local_href
from api.workers import Job, call_job

KB = kb.PREFIXES["kb"]
SLUG = kb.SLUG_PATTERN
# IRIs in parameters are http(s) URIs by RFC 3986's grammar (ASCII: the knowledge base's are, others
# percent-encode; no IP literals): every text it matches Oxigraph takes as an IRI, so that the schema's
# pattern is the whole check (a looser one let "https://PH%" through to a 400 the schema did not announce)
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|{_PCT})"
_HOST = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=]|{_PCT})+"  # kb.queries wants something after "//"
_USERINFO = rf"(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|{_PCT})*@)?"
IRI = (rf"https?://{_USERINFO}{_HOST}(?::[0-9]*)?(?:/{_PCHAR}*)*(?:\?(?:{_PCHAR}|[/?])*)?"
       rf"(?:#(?:{_PCHAR}|[/?])*)?")
SLUG_OR_IRI = rf"^(?:{SLUG.strip('^$')}|{IRI})$"
# the IRI's path below kb.BASE: path characters, at least one that is not a slash (slashes are trimmed).
# No "%": the IRIs kb mints hold none, and a client that leaves "%" unescaped in a URL path sends
# another value than it meant (schemathesis sent "t2%EF%BF%BD", which the server read as "t2\ufffd")
_PATH_CHAR = r"[A-Za-z0-9\-._~!$&'()*+,;=:@]"
ITEM_PATH = rf"^/*{_PATH_CHAR}(?:{_PATH_CHAR}|/)*$"
MAX_LIMIT = 500
# a route whose parameters FastAPI reads refuses others, as query_params.parse does for the listings
DECLARED_ONLY = [Depends(query_params.declared_only)]
MAX_OFFSET = 1_000_000
SEPARATOR = " | "
# [0-9], not \d: in Python's regex dialect (the schema's generators) \d matches every Unicode digit
PARAM_PATTERNS = {"iri": rf"^{IRI}$", "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "integer": r"^-?[0-9]{1,18}$"}
# a pattern cannot say 2021-02-30 is no date: the format does (kb refuses what dt.date refuses)
PARAM_FORMATS = {"date": "date"}
# what each pattern asks for, in words: a refusal says that, not the pattern
PATTERN_WORDS = {PARAM_PATTERNS["iri"]: "an IRI (http:// or https://...)",
                 PARAM_PATTERNS["date"]: "a date (YYYY-MM-DD)", PARAM_PATTERNS["integer"]: "an integer",
                 SLUG_OR_IRI: "a slug or an IRI",
                 SLUG: "a slug (lower-case letters and digits, joined by hyphens)",
                 ITEM_PATH: "an IRI's path below https://w3id.org/iacml-kb/"}

# --------------------------------------------------------------------------------------------
# Queries (the library's: queries/rest/*.rq and kb.provisions_query)
# --------------------------------------------------------------------------------------------


def _query(name: str) -> kb.NamedQuery:
    """One of the REST resources' constant queries, ``queries/rest/{name}.rq``."""
    return kb.get_query(name, folder="rest")


def provisions_query(kind: str | None, filters: Sequence[str]) -> str:
    """The constant query for a kind (or any kind) and a set of filters (document is always bindable):
    made once by the library, a request only picks one (a kind from a closed list, and which filters
    it gives); the filter values are bound, never written into the text."""
    return kb.provisions_query(kind, filters)


DOCUMENTS_QUERY = _query("documents")
ACTIVITIES_QUERY = _query("activities")
BODIES_QUERY = _query("bodies")
TOPICS_QUERY = _query("topics")
LINKS_OUT_QUERY = _query("links-out")
LINKS_IN_QUERY = _query("links-in")
EVIDENCE_QUERY = _query("evidence")
STATUS_KINDS_QUERY = _query("has-status")
FIRST_LINK_QUERY = _query("first-link")

WARM_UP_IRI = URIRef("urn:iacml-kb:warm-up")  # names nothing: every query below answers it at once


def warm_up(store: kb.Store) -> None:
    """Run every constant query of this module once, on the thread that calls it (start-up).

    The first run of a query text parses it (``kb`` caches the result). rdflib's parser leaves
    reference cycles holding the frames of its callers, and with them pyoxigraph results that
    only the garbage collector frees, on whatever thread it runs; pyoxigraph refuses to free
    results on another thread than theirs. Parsing everything here, then collecting, keeps that
    off the thread pool.
    """
    for (_, filters), query in kb.provision_queries().items():
        params: dict[str, Node] = {"document": WARM_UP_IRI, **{name: WARM_UP_IRI for name in filters}}
        store.select(query, params, limit=1)
    for named in (LINKS_OUT_QUERY, LINKS_IN_QUERY, EVIDENCE_QUERY):
        store.select(named.text, {"item": WARM_UP_IRI})
    store.ask(STATUS_KINDS_QUERY.text, {"item": WARM_UP_IRI})
    for named in (DOCUMENTS_QUERY, ACTIVITIES_QUERY, BODIES_QUERY, TOPICS_QUERY):
        store.select(named.text, limit=1)
    with contextlib.suppress(kb.NotFoundError):
        kb.describe(store, WARM_UP_IRI)
    rows = store.select(FIRST_LINK_QUERY.text).rows
    for target in [WARM_UP_IRI, *(term for row in rows for term in row if isinstance(term, URIRef))]:
        with contextlib.suppress(kb.KbError):  # a store without links, assessments or dataset version
            views.trace(store, target)
        with contextlib.suppress(kb.KbError):
            views.citation(store, target)


# --------------------------------------------------------------------------------------------
# JSON shapes
# --------------------------------------------------------------------------------------------


class Assessment(BaseModel):
    value: str = Field(description="no-evidence, partly-addressed, addressed, fulfilled; active, carried-forward, "
                                   "superseded; adopted, pending, not-adopted")
    rule: str
    ruleIri: str
    explanation: str
    links: list[str] = Field(description="The trace links that decided it")
    evidence: list[str] = Field(description="The quotes that decided it")
    basis: list[str] = Field(description="The documents that decided it (superseded, pending)")


class Provision(BaseModel):
    iri: str
    path: str = Field(description="Where the IRI is served on this host")
    document: str
    documentSlug: str
    eId: str
    kind: str = Field(description="Mandate, Recommendation, Finding, Objective, Question, Section, List, ...")
    number: str | None = None
    text: str | None = None
    asof: str | None = Field(default=None, description="The as-of date of the status (when asked for)")
    status: dict[str, Assessment] | None = Field(default=None, description="Per dimension: response, lifecycle, "
                                                                           "adoption (when asof or status is given)")


class ProvisionPage(BaseModel):
    items: list[Provision]
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, if more items follow")
    asof: str | None = Field(default=None, description="The as-of date of the statuses (when asked for)")


class Document(BaseModel):
    iri: str
    path: str
    slug: str
    type: str
    title: str
    date: str | None = None
    held: bool
    symbols: list[str]
    provisions: int


class DocumentPage(BaseModel):
    items: list[Document]
    limit: int
    offset: int
    next: str | None


class Activity(BaseModel):
    iri: str
    path: str
    slug: str
    type: str
    label: str
    startDate: str | None = None
    endDate: str | None = None
    place: str | None = None
    format: str | None = None


class ActivityPage(BaseModel):
    items: list[Activity]
    limit: int
    offset: int
    next: str | None


class Body(BaseModel):
    iri: str
    path: str
    slug: str
    label: str
    altLabels: list[str]
    bodyType: str | None = None
    parent: str | None = None


class BodyPage(BaseModel):
    items: list[Body]
    limit: int
    offset: int
    next: str | None


class Topic(BaseModel):
    iri: str
    path: str
    slug: str
    label: str
    definition: str | None = None
    broader: str | None = None


class TopicPage(BaseModel):
    items: list[Topic]
    limit: int
    offset: int
    next: str | None


class Term(BaseModel):
    predicate: str
    value: str
    type: TypingLiteral["iri", "literal", "bnode"]
    datatype: str | None = None
    language: str | None = None


class Child(BaseModel):
    iri: str
    path: str
    eId: str


class Incoming(BaseModel):
    subject: str
    predicate: str


class Quote(BaseModel):
    evidence: str
    quote: str
    quotedIn: str
    start: int | None = None
    end: int | None = None


class TraceLinkView(BaseModel):
    link: str
    type: str = Field(description="The link property, e.g. kb:derivedFrom")
    direction: TypingLiteral["out", "in"]
    other: str = Field(description="The item at the other end")
    otherPath: str
    assertedBy: str | None = None
    confidence: float | None = None
    note: str | None = None
    evidence: list[Quote]


class LinkUsed(BaseModel):
    link: str
    type: str
    source: str
    target: str
    label: str  # of the source
    targetLabel: str  # the item explained, or the provision adopting it that the link answers
    knownBy: str | None = None
    quotes: list[dict[str, Any]]


class ExplainedAssessment(BaseModel):
    value: str
    rule: str
    ruleIri: str
    explanation: str
    links: list[LinkUsed]
    evidence: list[str]
    basis: list[str]


class StatusExplanation(BaseModel):
    asof: str
    reason: str = Field(description="One line: what answered it, what carried it forward, or that nothing did")
    status: dict[str, ExplainedAssessment]


class Item(BaseModel):
    iri: str
    path: str
    label: str
    types: list[str]
    properties: list[Term]
    children: list[Child]
    incoming: list[Incoming]
    links: list[TraceLinkView]
    evidence: list[Quote]
    status: StatusExplanation | None = Field(default=None, description="For a mandate or recommendation: its "
                                                                       "status as of the date, and why")
    statusError: str | None = Field(default=None, description="Why the status is missing when it could not be "
                                                              "computed (time limit)")


class TraceQuoteView(BaseModel):
    text: str
    document: str
    start: int
    end: int


class TraceStep(BaseModel):
    direction: str = Field(description="item, upstream or downstream")
    from_: str = Field(alias="from")
    fromLabel: str
    type: str
    to: str
    toLabel: str
    quotes: list[TraceQuoteView]


class TraceView(BaseModel):
    item: str
    label: str
    links: list[TraceStep]


class CitationView(BaseModel):
    iri: str
    language: str = Field(description="The language of the citation's words, locator and title where the document "
                          "has one as printed in it: " + ", ".join(kb.CITATION_LANGUAGES))
    title: str
    container: str
    symbols: str | None = None
    date: str | None = None
    locator: str | None = None
    quote: str
    quoteSource: str
    version: str
    contentHash: str
    formats: dict[str, str] = Field(description="The citation rendered in each format: " + ", ".join(
        kb.CITATION_FORMATS))


class QueryParam(BaseModel):
    name: str
    type: str
    required: bool
    description: str


class NamedQueryInfo(BaseModel):
    name: str
    title: str
    description: str
    params: list[QueryParam]
    path: str


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _s(value: Node | str | None) -> str | None:
    return None if value is None else str(value)


def _page_url(request: Request, offset: int, more: bool) -> str | None:
    """The next page's URL: the request's on the public base (:mod:`api.hosts`), its ``offset`` replaced
    (put last, as Starlette's ``include_query_params`` does, without parsing the URL again)."""
    if not more:
        return None
    items = [(key, value) for key, value in request.query_params.multi_items() if key != "offset"]
    items.append(("offset", str(offset)))
    return hosts.absolute_url(request, query=urlencode(items))


def _entity_iri(kind: str, value: str, parameter: str) -> URIRef:
    iri = value if value.startswith(("http://", "https://")) else f"{kb.BASE}{kind}/{value}"
    if not serialize.is_iri(iri):
        raise ApiError(400, f"parameter {parameter!r}: {value!r} is not a valid IRI", parameter=parameter)
    return URIRef(iri)


def _select(ctx: Context, query: str, params: dict[str, Node] | None = None,
            limit: int | None = None) -> kb.SelectResult:
    return ctx.store.select(query, params, timeout=ctx.settings.time_limit, limit=limit)


async def _rows(ctx: Context, query: str) -> list[dict[str, str]]:
    """The rows of a constant query without parameters, as dicts of text, read in the thread pool."""
    return await offload.run(lambda: ctx.store.select_text(query, timeout=ctx.settings.time_limit)[0])


def _slice(rows: Sequence[Any], offset: int, limit: int) -> tuple[list[Any], bool]:
    return list(rows[offset:offset + limit]), len(rows) > offset + limit


def _first_date(row: dict[str, str]) -> str | None:
    return row.get("startDate", row.get("endDate"))


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def list_provisions(ctx: Context, request: Request, *, document: str | None, kind: str | None, topic: str | None,
                    body: str | None, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    params: dict[str, Node] = {}
    filters = []
    if document and kind not in (None, "VersionProvision"):
        # A language version's provisions have no kind of their own: of a kind, they are its original's.
        document = kb.version_of(ctx.store, views.filter_slug(document, "doc") or "") or document
    if document:
        params["document"] = _entity_iri("doc", document, "document")
    if topic:
        params["topic"] = _entity_iri("topic", topic, "topic")
        filters.append("topic")
    if body:
        params["body"] = _entity_iri("body", body, "body")
        filters.append("body")
    query = provisions_query(kind, filters)
    words = [views.fold(w) for w in (q or "").split()]
    rows, _ = ctx.store.select_text(query, params, timeout=ctx.settings.time_limit,
                                    limit=None if words else offset + limit + 1)
    if words:
        rows = [r for r in rows if views.matches(words, *(r.get(k, "") for k in ("text", "number", "eId")))]
    page, more = _slice(rows, offset, limit)
    items = []
    for r in page:
        provision, document = r["provision"], r["document"]
        items.append({"iri": provision, "path": local_href(provision), "document": document,
                      "documentSlug": document.rsplit("/", 1)[-1], "eId": r["eId"], "kind": _local(r["kind"]),
                      "number": r.get("number"), "text": r.get("text")})
    return {"items": items, "limit": limit, "offset": offset, "next": _page_url(request, offset + limit, more)}


def item_view(ctx: Context, iri: URIRef, required_type: str | None = None) -> dict[str, Any]:
    """The JSON view of one item: properties, children, incoming, trace links with quotes, its own quotes."""
    description = kb.describe(ctx.store, iri)
    types = [str(o) for p, o in description.properties if p == kb.PREFIXES["rdf"] + "type"]
    if required_type is not None and required_type not in types:
        raise kb.NotFoundError(f"{iri} is not a {curie(required_type)}")
    properties = [_term(p, o) for p, o in description.properties]
    label = description.name("en")  # the JSON API names items in English
    if label is None:
        eid, document = description.first(KB + "eId"), description.first(KB + "inDocument")
        if eid is not None and document is not None:
            label = f"{document.rsplit('/', 1)[-1]} {eid}"
        else:
            label = eid if eid is not None else curie(str(iri))
    params: dict[str, Node] = {"item": iri}
    links: dict[str, dict[str, Any]] = {}
    rows = [(direction, r) for direction, query in (("out", LINKS_OUT_QUERY), ("in", LINKS_IN_QUERY))
            for r in _select(ctx, query.text, params).dicts()]
    for direction, r in rows:
        link = links.setdefault(str(r["link"]), {
            "link": str(r["link"]), "type": curie(str(r["type"])), "direction": direction,
            "other": str(r["other"]), "otherPath": local_href(str(r["other"])),
            "assertedBy": _s(r.get("assertedBy")), "note": _s(r.get("note")),
            "confidence": float(str(r["confidence"])) if "confidence" in r else None, "evidence": []})
        link["evidence"].append(_quote(r))
    evidence = [_quote(r) for r in _select(ctx, EVIDENCE_QUERY.text, params).dicts()]
    return {"iri": str(iri), "path": local_href(str(iri)), "label": label, "types": [curie(t) for t in types],
            "properties": properties,
            "children": [{"iri": c, "path": local_href(c), "eId": e} for c, e in description.children],
            "incoming": [{"subject": s, "predicate": p} for s, p in description.incoming],
            "links": list(links.values()), "evidence": evidence}


def has_status(ctx: Context, iri: URIRef) -> bool:
    """Whether an item is a mandate or recommendation (the kinds that have a status)."""
    return ctx.store.ask(STATUS_KINDS_QUERY.text, {"item": iri})


def _term(predicate: str, value: Node) -> dict[str, Any]:
    if isinstance(value, URIRef):
        return {"predicate": predicate, "value": str(value), "type": "iri"}
    if isinstance(value, Literal):
        return {"predicate": predicate, "value": str(value), "type": "literal",
                "datatype": str(value.datatype) if value.datatype else None, "language": value.language}
    return {"predicate": predicate, "value": str(value), "type": "bnode"}


def _quote(r: dict[str, Node]) -> dict[str, Any]:
    return {"evidence": str(r["evidence"]), "quote": str(r["quote"]), "quotedIn": str(r["quotedIn"]),
            "start": int(str(r["start"])) if "start" in r else None,
            "end": int(str(r["end"])) if "end" in r else None}


# --------------------------------------------------------------------------------------------
# Routes
# --------------------------------------------------------------------------------------------

Limit = Query(50, ge=1, le=MAX_LIMIT, description="Items per page")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Items to skip")
ItemPath = Path(max_length=500, pattern=ITEM_PATH, description="The IRI without https://w3id.org/iacml-kb/",
                examples=[examples.PROVISION_PATH])
CITATION_TYPES = {"text": "text/plain", "markdown": "text/markdown", "bibtex": "application/x-bibtex",
                  "csl-json": "application/vnd.citationstyles.csl+json"}
CitationFormat = TypingLiteral["text", "markdown", "bibtex", "csl-json"]
CitationFormatFilter = Query(None, description="One format as text instead of JSON with all of them")
CitationLanguage = TypingLiteral["en", "es"]
CitationLanguageFilter = Query(None, description="The citation's language: its words and locator (\"art. 7(g)\"), "
                               "the document's title as printed when the document is in it, and the text of its "
                               "version in it when one is held (default: the item as given, in English words)",
                               examples=["es"])
FromFilter = Query(None, alias="from", description="Took place on or after (YYYY-MM-DD)", examples=["2021-01-01"])
ToFilter = Query(None, alias="to", description="Took place on or before (YYYY-MM-DD)", examples=[examples.DATE])

def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD is a date here: pydantic would read "0" as a Unix time, 1970-01-01."""
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
AsofFilter = Query(None, description="Status as of this date (YYYY-MM-DD; default: the build's). Giving asof or "
                                     "status returns mandates and recommendations with their status",
                   examples=[examples.DATE])
StatusValue = TypingLiteral["no-evidence", "partly-addressed", "addressed", "fulfilled", "active", "carried-forward",
                            "superseded", "adopted", "pending", "not-adopted"]
ProvisionKind = TypingLiteral["Mandate", "Recommendation", "Finding", "Objective", "Question", "Section", "List",
                              "Paragraph", "Item", "AgendaItem", "VersionProvision"]


class MandateFilters(BaseModel):
    """The query parameters of ``/api/mandates``, read in one call (:mod:`api.query_params`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    document: str | None = Field(None, pattern=SLUG_OR_IRI, max_length=500, description="Document slug or IRI",
                                 examples=[examples.DOCUMENT])
    topic: str | None = Field(None, pattern=SLUG_OR_IRI, max_length=500, examples=[examples.TOPIC],
                              description="Topic slug or IRI (narrower topics included)")
    body: str | None = Field(None, pattern=SLUG_OR_IRI, max_length=500, description="Addressee body, slug or IRI",
                             examples=[examples.BODY])
    q: str | None = Field(None, max_length=200, description="Words that must all occur (case and accents ignored)",
                          examples=[examples.WORDS])
    status: StatusValue | None = Field(None, description="A status value in any dimension: " +
                                       ", ".join(views.STATUS_VALUES), examples=["no-evidence"])
    asof: IsoDate | None = Field(None, description=AsofFilter.description, examples=[examples.DATE])
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Items per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip")


class ProvisionFilters(MandateFilters):
    """The query parameters of ``/api/provisions``: those of mandates, and the kind."""

    kind: ProvisionKind | None = Field(None, description="Kind of provision", examples=["Recommendation"])


FILTER_ORDER = ("document", "kind", "topic", "body", "q", "status", "asof", "limit", "offset")


def filter_enums(store: kb.Store) -> dict[str, list[str]]:
    """The values the document, topic and body filters take, each a slug or its IRI: the schema lists
    them, since any other is refused (400, with the nearest ones) rather than matching nothing."""
    enums = {}
    for name, kind in (("document", "doc"), ("topic", "topic"), ("body", "body")):
        slugs = kb.filter_values(store, name)
        enums[name] = [*slugs, *(f"{kb.BASE}{kind}/{slug}" for slug in slugs)]
    return enums


def install(app: FastAPI, ctx: Context) -> None:
    """Add the ``/api/`` routes to the app."""
    enums = filter_enums(ctx.store)

    async def listing(request: Request, filters: MandateFilters, kind: str | None) -> JSONResponse:
        document, topic, body, q = filters.document, filters.topic, filters.body, filters.q
        status, asof, limit, offset = filters.status, filters.asof, filters.limit, filters.offset
        filters_given = {name: value for name, value in (("document", document), ("topic", topic), ("body", body))
                         if value is not None}
        for name, value in filters_given.items():
            _entity_iri({"document": "doc"}.get(name, name), value, name)  # refuses what no IRI can be
        if status is None and asof is None:
            # An unknown slug is an error naming the nearest ones, not an empty page read as "nothing open"
            # (with a status or date, kb.status checks them itself).
            await offload.run(kb.check_filters, ctx.store, **{
                name: views.filter_slug(value, "doc" if name == "document" else name)
                for name, value in filters_given.items()})
            return JSONResponse(await offload.run(list_provisions, ctx, request, document=document, kind=kind,
                                                  topic=topic, body=body, q=q, limit=limit, offset=offset))
        job = call_job("status_page", ctx.settings.time_limit, asof=asof.isoformat() if asof else None,
                       document=document, topic=topic, body=body, status=status, kind=kind, q=q, limit=limit,
                       offset=offset)
        page = json.loads((await ctx.pool.run(job)).body)
        return JSONResponse({"items": page["items"], "limit": limit, "offset": offset, "asof": page["asof"],
                             "next": _page_url(request, offset + limit, page["more"])})

    @app.get("/api/provisions", tags=["REST"], response_model=ProvisionPage, responses=ERROR_RESPONSES,
             summary="Provisions, filtered and paginated (with asof or status: mandates and recommendations with "
                     "their status as of a date)",
             openapi_extra=query_params.openapi(ProvisionFilters, FILTER_ORDER, enums))
    async def provisions(request: Request) -> JSONResponse:
        """Every provision of the held documents and of those known through quotation, in document and
        reading order, 50 a page (``next`` links to the following page). ``document``, ``topic`` and
        ``body`` take a slug or its IRI (any other value is a 400 naming the nearest ones), ``q`` words
        that must all occur. With ``asof`` or ``status``, only mandates and recommendations, each with
        its status in every dimension as of that date (computed in the query workers, under the time
        limit)."""
        filters = query_params.parse(ProvisionFilters, request)
        return await listing(request, filters, filters.kind)

    @app.get("/api/mandates", tags=["REST"], response_model=ProvisionPage, responses=ERROR_RESPONSES,
             summary="Mandates (operative provisions), filtered and paginated; with asof or status, each with its "
                     "status as of a date (open mandates: status=no-evidence)",
             openapi_extra=query_params.openapi(MandateFilters, FILTER_ORDER, enums))
    async def mandates(request: Request) -> JSONResponse:
        """The mandates (operative provisions that ask someone to act), with the filters of
        ``/api/provisions``. The open ones as of a date: ``status=no-evidence&asof=YYYY-MM-DD``."""
        return await listing(request, query_params.parse(MandateFilters, request), "Mandate")

    async def explained(iri: URIRef, asof: dt.date | None) -> tuple[Any, str | None]:
        """The status explanation of a mandate or recommendation (worker pool), or why it is missing."""
        job = call_job("explanation", ctx.settings.time_limit, item=str(iri), asof=asof.isoformat() if asof else None)
        try:
            return json.loads((await ctx.pool.run(job)).body), None
        except (kb.QueryTimeoutError, kb.StoreError) as exc:  # the item itself is still worth answering
            return None, str(exc)

    def item_iri(path: str) -> URIRef:
        iri = kb.resolve_reference("/" + path.strip("/"))
        if not serialize.is_iri(str(iri)):
            raise ApiError(400, f"{path!r} does not make a valid IRI", parameter="path")
        return iri

    async def moved(request: Request, route: str, iri: URIRef) -> Response | None:
        """A permanent redirect to the same route for the IRI that now names an item published while its
        document was known only through quotation (or a link since retyped), as the IRI itself answers."""
        now = await offload.run(kb.replaced_by, ctx.store, iri)
        if now is None or not now.startswith(kb.BASE):
            return None
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"{route}{now[len(kb.BASE):]}{query}", status_code=301)

    @app.get("/api/items/{path:path}", tags=["REST"],
             dependencies=DECLARED_ONLY, response_model=Item, responses=ITEM_RESPONSES,
             summary="One item by its IRI path (e.g. doc/iacml21-plan-of-action/art_7__para_g): properties, "
                     "children, trace links with their quotes, its own quotes, and (for a mandate or "
                     "recommendation) its status as of a date and why")
    async def item(request: Request, path: str = ItemPath, asof: IsoDate | None = AsofFilter) -> Response:
        """Any item the knowledge base holds (document, provision, activity, body, topic, trace link,
        quote, ...), by its IRI without the base: its properties, its children in reading order, the
        trace links to and from it with their verbatim quotes, and, for a mandate or recommendation,
        its status as of ``asof`` with the links, quotes and documents that decided it. An IRI that
        another now replaces (a provision published before its document was held) redirects, 301."""
        iri = item_iri(path)
        if redirect := await moved(request, "/api/items/", iri):
            return redirect
        if not await offload.run(has_status, ctx, iri):
            view = await offload.run(item_view, ctx, iri)
            return JSONResponse({**view, "status": None, "statusError": None})
        # a mandate or recommendation: its description (here) and its status (a worker) at the same time
        view_task = asyncio.ensure_future(offload.run(item_view, ctx, iri))
        try:
            status, error = await explained(iri, asof)
        finally:
            view = await view_task
        return JSONResponse({**view, "status": status, "statusError": error})

    @app.get("/api/trace/{path:path}", tags=["REST"],
             dependencies=DECLARED_ONLY, response_model=TraceView, responses=ITEM_RESPONSES,
             summary="The trace of an item: what it derives from or reiterates (upstream), what derives from it, "
                     "reiterates it, answers or fulfils it (downstream), each link with its quotes")
    async def trace(request: Request, path: str = ItemPath) -> Response:
        """The chain an item sits in, both ways, as far as it goes: upstream what it derives from or
        reiterates, downstream what derives from it, reiterates it, responds to or fulfils it; every
        step with its link and the quotes that back it. A replaced IRI redirects, 301."""
        iri = item_iri(path)
        if redirect := await moved(request, "/api/trace/", iri):
            return redirect
        return JSONResponse(await offload.run(views.trace, ctx.store, iri))

    @app.get("/api/cite/{path:path}", tags=["REST"],
             dependencies=DECLARED_ONLY, response_model=CitationView,
             responses={**ITEM_RESPONSES, 200: {"description": "The citation: JSON with every format, or one "
                                                 "format as text (format=...)",
                                                 "content": {"application/json": {}, **{
                                                     t: {} for t in CITATION_TYPES.values()}}}},
             summary="A citation of an item or trace link: title, symbol, paragraph, quote, permanent IRI, "
                     "dataset version; in text, Markdown, BibTeX and CSL-JSON")
    async def cite(request: Request, path: str = ItemPath, format: CitationFormat | None = CitationFormatFilter,
                   language: CitationLanguage | None = CitationLanguageFilter) -> Response:
        """How to cite an item or a trace link: the document's title and symbol, the paragraph, the quote,
        the permanent IRI and the dataset version, as JSON with every format, or with ``format`` one
        of them as text (text, Markdown, BibTeX, CSL-JSON); in English or Spanish (``language``). A
        replaced IRI redirects, 301."""
        iri = item_iri(path)
        if redirect := await moved(request, "/api/cite/", iri):
            return redirect
        view = await offload.run(views.citation, ctx.store, iri, language)
        if format is None:
            return JSONResponse(view)
        media = CITATION_TYPES[format] + ("" if format == "csl-json" else "; charset=utf-8")
        return Response(view["formats"][format], media_type=media)

    def typed(kind: str, class_iri: str, example: str) -> Callable[[str], Awaitable[JSONResponse]]:
        async def detail(slug: str = Path(pattern=SLUG, max_length=200, examples=[example])) -> JSONResponse:
            return JSONResponse(await offload.run(item_view, ctx, URIRef(f"{kb.BASE}{kind}/{slug}"), class_iri))
        return detail

    @app.get("/api/documents", tags=["REST"],
             dependencies=DECLARED_ONLY, response_model=DocumentPage, responses=ERROR_RESPONSES,
             summary="Documents, held or known through quotation, in date order")
    async def documents(request: Request, limit: int = Limit, offset: int = Offset) -> JSONResponse:
        """The documents: those held (their text parsed into provisions) and those known only through
        quotation in others, in date order, with their type, symbols and number of provisions."""
        rows, more = _slice(await _rows(ctx, DOCUMENTS_QUERY.text), offset, limit)
        items = [{"iri": str(r["document"]), "path": local_href(str(r["document"])), "slug": str(r["slug"]),
                  "type": _local(str(r["type"])), "title": str(r["title"]), "date": _s(r.get("date")),
                  "held": str(r["held"]).lower() == "true",
                  "symbols": kb.sort_symbols(s for s in str(r.get("symbols", "")).split(SEPARATOR) if s),
                  "provisions": int(str(r["provisions"]))} for r in rows]
        return JSONResponse({"items": items, "limit": limit, "offset": offset,
                             "next": _page_url(request, offset + limit, more)})

    @app.get("/api/activities", tags=["REST"],
             dependencies=DECLARED_ONLY, response_model=ActivityPage, responses=ERROR_RESPONSES,
             summary="Activities (workshops, meetings, studies, ...), in time order; from/to select a period")
    async def activities(request: Request,
                   start: IsoDate | None = FromFilter, end: IsoDate | None = ToFilter,
                   limit: int = Limit, offset: int = Offset) -> JSONResponse:
        """The activities that answered mandates (workshops, meetings, studies, ...), in time order. ``from``
        keeps those that may have gone on until that day or later, ``to`` those begun by then; an
        activity dated only by year or month counts from its first day."""
        rows = await _rows(ctx, ACTIVITIES_QUERY.text)
        if start is not None:  # the last day its dates can denote is on or after ``from``; undated ones are left out
            rows = [r for r in rows if "knownBy" in r and str(r["knownBy"]) >= start.isoformat()]
        if end is not None:  # it began on or before ``to`` (a year or month compares as its first day)
            rows = [r for r in rows if _first_date(r) is not None and str(_first_date(r)) <= end.isoformat()]
        page, more = _slice(rows, offset, limit)
        items = [{"iri": str(r["activity"]), "path": local_href(str(r["activity"])), "slug": str(r["slug"]),
                  "type": _local(str(r["type"])), "label": str(r["label"]), "startDate": _s(r.get("startDate")),
                  "endDate": _s(r.get("endDate")), "place": _s(r.get("place")), "format": _s(r.get("format"))}
                 for r in page]
        return JSONResponse({"items": items, "limit": limit, "offset": offset,
                             "next": _page_url(request, offset + limit, more)})

    @app.get("/api/bodies", tags=["REST"],
             dependencies=DECLARED_ONLY, response_model=BodyPage, responses=ERROR_RESPONSES,
             summary="Bodies (conferences, working groups, organisations, ministries)")
    async def bodies(request: Request, limit: int = Limit, offset: int = Offset) -> JSONResponse:
        """The bodies that issue documents, are addressed by mandates or carry out activities
        (conferences, working groups, organisations, ministries), with their other names and parent."""
        rows, more = _slice(await _rows(ctx, BODIES_QUERY.text), offset, limit)
        items = [{"iri": str(r["body"]), "path": local_href(str(r["body"])), "slug": str(r["slug"]),
                  "label": str(r["label"]),  # (GROUP_CONCAT's order is the engine's: sorted, the same on any)
                  "altLabels": sorted(a for a in str(r.get("altLabels", "")).split(SEPARATOR) if a),
                  "bodyType": _s(r.get("bodyType")), "parent": _s(r.get("parent"))} for r in rows]
        return JSONResponse({"items": items, "limit": limit, "offset": offset,
                             "next": _page_url(request, offset + limit, more)})

    @app.get("/api/topics", tags=["REST"],
             dependencies=DECLARED_ONLY, response_model=TopicPage, responses=ERROR_RESPONSES,
             summary="Topics of the SKOS concept scheme")
    async def topics(request: Request, limit: int = Limit, offset: int = Offset) -> JSONResponse:
        """The topics of the knowledge base's SKOS concept scheme, with their definition and broader topic
        (a topic filter includes the narrower ones)."""
        rows, more = _slice(await _rows(ctx, TOPICS_QUERY.text), offset, limit)
        items = [{"iri": str(r["topic"]), "path": local_href(str(r["topic"])), "slug": _local(str(r["topic"])),
                  "label": str(r["label"]), "definition": _s(r.get("definition")), "broader": _s(r.get("broader"))}
                 for r in rows]
        return JSONResponse({"items": items, "limit": limit, "offset": offset,
                             "next": _page_url(request, offset + limit, more)})

    for kind, plural, class_name, example in (
            ("doc", "documents", "Document", examples.DOCUMENT), ("activity", "activities", "Activity",
                                                                  examples.ACTIVITY),
            ("body", "bodies", "Body", examples.BODY)):
        app.add_api_route(f"/api/{plural}/{{slug}}", typed(kind, KB + class_name, example), methods=["GET"],
                          dependencies=DECLARED_ONLY,
                          tags=["REST"], response_model=Item, responses=ERROR_RESPONSES,
                          summary=f"One {class_name.lower()}", name=f"rest_{kind}",
                          description=f"The {class_name.lower()} {kb.BASE}{kind}/{{slug}}, as /api/items describes "
                                      f"it; a 404 if that IRI names something else or nothing.")
    app.add_api_route("/api/topics/{slug}", typed("topic", "http://www.w3.org/2004/02/skos/core#Concept",
                                                  examples.TOPIC),
                      dependencies=DECLARED_ONLY,
                      methods=["GET"], tags=["REST"], response_model=Item, responses=ERROR_RESPONSES,
                      summary="One topic", name="rest_topic",
                      description=f"The topic {kb.BASE}topic/{{slug}} (a SKOS concept), as /api/items describes it.")

    install_named_queries(app, ctx)


# --------------------------------------------------------------------------------------------
# Named queries: one documented route per query of queries/
# --------------------------------------------------------------------------------------------


def _query_info(query: kb.NamedQuery) -> dict[str, Any]:
    return {"name": query.name, "title": query.title, "description": query.description,
            "params": [{"name": p.name, "type": p.type, "required": p.required, "description": p.description}
                       for p in query.params],
            "path": f"/api/queries/{query.name}"}


async def run_named_query(ctx: Context, request: Request, query: kb.NamedQuery, values: dict[str, str],
                          format_param: str | None) -> Response:
    for param in query.params:
        if param.type == "iri" and param.name in values and not serialize.is_iri(values[param.name]):
            raise ApiError(400, f"parameter {param.name!r}: {values[param.name]!r} is not a valid IRI",
                           parameter=param.name)
    try:
        params = query.bind(values)
    except kb.KbError as exc:  # raised, so that a person is answered with a page (api.errors)
        status, title = kb_status(exc)
        raise ApiError(status, str(exc), title=title,
                       parameter=parameter_of(exc, {p.name for p in query.params})) from exc
    form = query_form(query.text)
    fmt = output_format(form, request.headers.get("accept"), format_param)
    kind = {"SELECT": "select", "ASK": "ask"}.get(form or "", "graph" if form else "unknown")
    result = await ctx.pool.run(Job(kind, query.text, fmt, ctx.settings.time_limit, ctx.row_cap, params))
    headers = {"Vary": "Accept", "Server-Timing": f"query;dur={result.seconds * 1000:.2f}"}
    if result.truncated:
        headers["KB-Result-Truncated"] = "true"
        headers["KB-Row-Cap"] = str(ctx.row_cap)
    return Response(result.body, media_type=result.media_type, headers=headers)


QUERY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "SPARQL results (JSON by default; XML, CSV, TSV by Accept or format)",
                         "content": {t: {} for t in serialize.RESULT_TYPES.values()}},
                   406: {"description": "No acceptable format"}, **ERROR_RESPONSES}


def install_named_queries(app: FastAPI, ctx: Context) -> None:
    @app.get("/api/queries", tags=["Named queries"], response_model=list[NamedQueryInfo],
             summary="The named queries of queries/, with their parameters")
    def queries() -> JSONResponse:
        """The SPARQL queries of ``queries/``: name, title, description and parameters (name, type, whether
        required). Each runs at its own route, ``/api/queries/{name}``, in the query workers."""
        return JSONResponse([_query_info(q) for q in ctx.queries.values()])

    for query in ctx.queries.values():
        _install_named_query(app, ctx, query)

    @app.get("/api/queries/{name}", tags=["Named queries"], responses=QUERY_RESPONSES, response_class=Response,
             summary="Run a named query (each one also has its own documented route above)")
    async def unknown_query(name: str) -> Response:
        """What a name that is not one of the named queries gets: a 404 listing those there are (each known
        query is answered at its own route, documented above)."""
        known = ", ".join(ctx.queries) or "none"
        raise kb.NotFoundError(f"no query named {name!r}", hint=f"known queries: {known}")


def _install_named_query(app: FastAPI, ctx: Context, query: kb.NamedQuery) -> None:
    declared = {p.name for p in query.params}
    names: dict[str, str] = {}  # Python argument name -> query parameter name (which may be a keyword: "from")
    signature = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for number, param in enumerate(query.params):
        # only free text gets a maxLength: a date's or integer's pattern bounds its length, and an IRI's is
        # bounded by the request line's (h11: 64 KiB). A maxLength on the IRI pattern sent schemathesis's
        # coverage phase hunting for a 2000-character IRI: 30 s of a 45 s run, for one parameter
        extra: dict[str, Any] = {"max_length": 2000} if param.type not in PARAM_PATTERNS else {}
        if param.type in PARAM_PATTERNS:
            extra["pattern"] = PARAM_PATTERNS[param.type]
        if param.type in PARAM_FORMATS:
            extra["json_schema_extra"] = {"format": PARAM_FORMATS[param.type]}
        example = examples.from_description(param.description) or examples.BY_TYPE.get(param.type, "")
        if example:
            extra["examples"] = [example]
        default = Query(... if param.required else None, alias=param.name,
                        description=f"{param.description} ({param.type})", **extra)
        argument = f"param_{number}"
        names[argument] = param.name
        signature.append(inspect.Parameter(argument, inspect.Parameter.KEYWORD_ONLY, default=default,
                                           annotation=str if param.required else str | None))
    has_format = "format" not in declared
    if has_format:
        signature.append(inspect.Parameter(
            "output_format", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
            default=Query(None, alias="format", pattern="^(json|xml|csv|tsv)$",
                          description="Output format, overriding Accept")))

    async def endpoint(request: Request, **values: str | None) -> Response:
        format_param = values.pop("output_format", None)
        given = {names[argument]: value for argument, value in values.items() if value is not None}
        return await run_named_query(ctx, request, query, given, format_param)

    endpoint.__signature__ = inspect.Signature(signature)  # type: ignore[attr-defined]
    app.add_api_route(f"/api/queries/{query.name}", endpoint, methods=["GET"], tags=["Named queries"],
                      summary=query.title, description=query.description, response_class=Response,
                      responses=QUERY_RESPONSES, name=f"query_{query.name}")
