"""JSON views of the library's status, trace and citation answers, and the library calls the workers make.

It owns the JSON shape of a status row, a status explanation, a trace and a citation (the REST
API's models in :mod:`api.rest` document the same shapes), and :data:`CALLS`, the library calls a
query worker may be asked to make (:mod:`api.workers`): ``kb.status`` and ``kb.why`` run every
status rule over the whole knowledge base, so their cost grows with it, and they get the same
time limit and kill as any SPARQL query. It imports nothing from the web framework, because the
workers import it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from typing import Any

from rdflib import URIRef

import kb

DIMENSIONS = ("response", "lifecycle", "adoption")
STATUS_VALUES = kb.STATUS_VALUES


def fold(text: str) -> str:
    """Lower case without accents, for text search."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def matches(words: list[str], *texts: str) -> bool:
    haystack = fold(" ".join(texts))
    return all(word in haystack for word in words)


def local_href(iri: str) -> str:
    """Where an IRI is served: our own IRIs on this host, anything else as it is."""
    return "/" + iri[len(kb.BASE):] if iri.startswith(kb.BASE) else iri


def curie(iri: str) -> str:
    """``kb:Mandate`` for an IRI in one of the knowledge base's prefixes (the longest namespace wins)."""
    for prefix, namespace in sorted(kb.PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _assessment(assessment: Any, language: str = "en") -> dict[str, Any]:
    return {"value": assessment.value, "rule": assessment.rule.name, "ruleIri": str(assessment.rule.iri),
            "explanation": assessment.explanation(language), "links": sorted(assessment.links),
            "evidence": sorted(assessment.evidence), "basis": sorted(assessment.basis)}


def status_row(row: kb.StatusRow) -> dict[str, Any]:
    """One mandate or recommendation with its status, in the shape of the REST ``Provision``."""
    document = f"{kb.BASE}doc/{row.document}"
    return {"iri": row.item, "path": local_href(row.item), "document": document, "documentSlug": row.document,
            "eId": row.eid, "kind": row.kind, "number": row.number or None, "text": row.text or None,
            "asof": row.asof.isoformat(),
            "status": {dim: _assessment(a) for dim, a in sorted(row.assessments.items())}}


def filter_slug(value: str | None, kind: str) -> str | None:
    """The slug kb.status filters on, from a slug or an IRI of ours (any other IRI matches nothing)."""
    if value is None:
        return None
    prefix = f"{kb.BASE}{kind}/"
    return value[len(prefix):] if value.startswith(prefix) else value


def status_page(store: kb.Store, *, asof: str | None, document: str | None, topic: str | None, body: str | None,
                status: str | None, kind: str | None, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of ``kb.status`` rows, filtered (``q`` in Python: every word, case and accents ignored)."""
    date = dt.date.fromisoformat(asof) if asof else None
    rows = kb.status(store, asof=date, document=filter_slug(document, "doc"), topic=filter_slug(topic, "topic"),
                     body=filter_slug(body, "body"), value=status, kind=kind)
    words = [fold(w) for w in (q or "").split()]
    if words:
        rows = [r for r in rows if matches(words, r.text, r.number, r.eid)]
    page = rows[offset:offset + limit]
    return {"items": [status_row(r) for r in page], "more": len(rows) > offset + limit,
            "asof": (date or kb.build_asof(store)).isoformat()}


def explanation(store: kb.Store, *, item: str, asof: str | None, language: str = "en") -> dict[str, Any] | None:
    """Why an item has its status as of a date: the rule, links and quotes of each dimension (None if it has none),
    its sentences in ``language`` (the library's: kb.STATUS_LANGUAGES)."""
    try:
        explained = kb.why(store, URIRef(item), asof=dt.date.fromisoformat(asof) if asof else None)
    except kb.NotFoundError:
        return None
    dimensions = {}
    for dim, assessment in sorted(explained.row.assessments.items()):
        view = _assessment(assessment, language)
        view["links"] = [{"link": used.link, "type": used.link_type, "source": used.source, "target": used.target,
                          "label": used.label, "targetLabel": used.target_label, "knownBy": used.known_by or None,
                          "quotes": [{"evidence": q.evidence, "text": q.text, "document": q.document,
                                      "date": q.date or None, "start": q.start, "end": q.end} for q in used.quotes]}
                         for used in explained.links.get(dim, [])]
        dimensions[dim] = view
    return {"asof": explained.asof.isoformat(), "reason": kb.status_reason(store, explained.row, language),
            "status": dimensions}


def trace(store: kb.Store, item: URIRef) -> dict[str, Any]:
    view: dict[str, Any] = kb.trace(store, item).as_json()
    return view


def citation(store: kb.Store, item: URIRef, language: str | None = None) -> dict[str, Any]:
    cited = kb.cite(store, item, language)
    return {"iri": cited.iri, "language": cited.language, "title": cited.title, "container": cited.container,
            "symbols": cited.symbols or None,
            "date": cited.date or None, "locator": cited.locator or None, "quote": cited.quote,
            "quoteSource": cited.quote_source, "version": cited.version, "contentHash": cited.content_hash,
            "formats": {fmt: cited.render(fmt) for fmt in kb.CITATION_FORMATS}}


def dashboard(store: kb.Store, **arguments: Any) -> dict[str, Any]:
    """The home page's counts and rows (:func:`api.pages_data.dashboard`, imported here by the workers)."""
    from api import pages_data

    return pages_data.dashboard(store, **arguments)


CALLS: dict[str, Callable[..., Any]] = {"status_page": status_page, "explanation": explanation,
                                        "dashboard": dashboard}


def warm_up(store: kb.Store) -> None:
    """Run the calls once, so a worker has parsed their queries before its first request (an item
    page's explanation: about 0.56 s cold, 0.03 s warm; cold, it would not fit the reserve's limit)."""
    with contextlib.suppress(kb.KbError):
        rows = kb.status(store)
        if rows:
            explanation(store, item=rows[0].item, asof=None)


def call(store: kb.Store, name: str, arguments: dict[str, Any]) -> bytes:
    """What a worker answers to a call job: the JSON of ``CALLS[name](store, **arguments)``."""
    function = CALLS.get(name)
    if function is None:
        raise kb.InputError(f"no library call named {name!r}")
    return json.dumps(function(store, **arguments), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
