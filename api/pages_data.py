"""What the web pages show, gathered from the library: the dashboard, item pages, the reader, search, ontology.

It owns the data behind each HTML page of :mod:`api.pages` (plain dicts and lists, ready for the
templates). The queries that gather it are the library's (``queries/pages/*.rq``, read through
``kb.get_query``): this module names them and binds their parameters (every IRI bound, never written
into query text), and holds no SPARQL of its own. It imports nothing from the web framework:
:func:`dashboard` runs in a query worker (``api.views.CALLS["dashboard"]``), because it computes
every status of the knowledge base for an as-of date; the rest runs in the web process's thread
pool, bounded by one bound item.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import itertools
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Mapping
from typing import Any

from rdflib import URIRef
from rdflib.term import Literal, Node

import kb
from api.views import curie, local_href

KB = kb.PREFIXES["kb"]
RDF_TYPE = kb.PREFIXES["rdf"] + "type"
DCTERMS_LANGUAGE = kb.PREFIXES["dcterms"] + "language"
STATUS_COLUMNS = (("no-evidence", "Open"), ("partly-addressed", "Partly addressed"), ("addressed", "Addressed"),
                  ("fulfilled", "Fulfilled"),
                  ("carried-forward", "Carried forward"), ("superseded", "Superseded"))
STATUS_VALUES = kb.STATUS_VALUES
DASHBOARD_ROWS = 500  # rows of the open-mandates table on one page (CSV export: every row)
CONTEXT_CHARS = 160
MAX_CONTEXTS = 80  # quotes shown in context on one page; further quotes are shown alone


def _query(name: str) -> kb.NamedQuery:
    """One of the pages' constant queries, ``queries/pages/{name}.rq`` (every IRI bound as a parameter)."""
    return kb.get_query(name, folder="pages")


# every named node with what a label and a timeline need: one scan each, once per store
NODE_QUERIES = tuple(_query(f"nodes-{kind}") for kind in ("documents", "provisions", "activities", "bodies", "topics"))
LINKS_OUT_QUERY = _query("links-out")
LINKS_IN_QUERY = _query("links-in")
OWN_EVIDENCE_QUERY = _query("own-evidence")
DOCUMENT_LINKS_QUERY = _query("document-links")
EVIDENCE_LINKS_QUERY = _query("evidence-links")
PROVISIONS_QUERY = _query("search-provisions")
ACTIVITIES_QUERY = _query("search-activities")
BODIES_QUERY = _query("search-bodies")
NAMES_QUERY = _query("dashboard-names")
DOCUMENT_FACTS_QUERY = _query("document-facts")
ONTOLOGY_TERMS_QUERY = _query("ontology-terms")
CLASS_EXAMPLES_QUERY = _query("class-examples")
CLASS_COUNT_QUERY = _query("class-count")
PROPERTY_EXAMPLE_QUERY = _query("property-example")
PROPERTY_COUNT_QUERY = _query("property-count")
PARENT_QUERY = _query("parent")
HEADING_QUERY = _query("heading")
TEXT_QUERY = _query("text")
QUOTE_QUERY = _query("quote")

BOUND_QUERIES = (PARENT_QUERY, HEADING_QUERY, TEXT_QUERY, LINKS_OUT_QUERY, LINKS_IN_QUERY, OWN_EVIDENCE_QUERY,
                 DOCUMENT_LINKS_QUERY, EVIDENCE_LINKS_QUERY, CLASS_EXAMPLES_QUERY, CLASS_COUNT_QUERY,
                 PROPERTY_EXAMPLE_QUERY, PROPERTY_COUNT_QUERY, QUOTE_QUERY)
LIST_QUERIES = (PROVISIONS_QUERY, ACTIVITIES_QUERY, BODIES_QUERY, NAMES_QUERY, DOCUMENT_FACTS_QUERY,
                ONTOLOGY_TERMS_QUERY)


def warm_up(store: kb.Store) -> None:
    """Parse every constant query once on the calling thread (see ``api.rest.warm_up`` for why)."""
    probe = URIRef("urn:iacml-kb:warm-up")
    for query in BOUND_QUERIES:
        store.select(query.text, {param.name: probe for param in query.params})
    _nodes(store)
    for query in LIST_QUERIES:
        store.select(query.text, limit=1)
    with contextlib.suppress(kb.KbError):
        kb.source_text(store, probe)
    with contextlib.suppress(kb.KbError):
        kb.quote_context(store, probe)


# --------------------------------------------------------------------------------------------
# Names and dates
# --------------------------------------------------------------------------------------------

_LOCK = threading.Lock()


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def provision_title(doc_title: str, kind: str, number: str, eid: str, *, reconstructed: bool = False,
                    printed: Mapping[str, str] | None = None) -> str:
    """"Plan of Action of Buenos Aires, Art. 7(g)": a provision as a reader names it (``printed``: the numbers
    as printed of the provisions it is part of, by eId, see ``printed_numbers``)."""
    return f"{doc_title}, {kb.provision_locator(kind, number, eid, reconstructed=reconstructed, printed=printed)}"


_NODES: dict[int, dict[str, dict[str, str]]] = {}


def _nodes(store: kb.Store) -> dict[str, dict[str, str]]:
    """Label, kind, date and last known day of every named node (read once per store: it is read-only)."""
    found = _NODES.get(id(store))
    if found is not None:
        return found
    nodes: dict[str, dict[str, str]] = {}
    for query in NODE_QUERIES:
        rows = store.select(query.text).dicts()
        # every provision's number as printed, first: a section's "A" names it in its paragraphs' labels
        said = {str(r["node"]): f"[{r['number']}]" if "reconstructed" in r else str(r["number"])
                for r in rows if "eId" in r and "number" in r}
        for r in rows:
            kind = local_name(str(r["kind"]))
            if "eId" in r:
                counted = "reconstructed" in r
                printed = {a: said[n] for a, n in _ancestors(str(r["node"]), str(r["eId"])) if n in said}
                name = provision_title(str(r["docTitle"]), kind, str(r.get("number", "")), str(r["eId"]),
                                       reconstructed=counted, printed=printed)
                short = provision_title(str(r["docSlug"]), kind, str(r.get("number", "")), str(r["eId"]),
                                        reconstructed=counted, printed=printed)
                locator = short[len(str(r["docSlug"])) + 2:]
            else:
                name = short = locator = str(r["label"])
            nodes.setdefault(str(r["node"]), {"label": name, "short": short, "locator": locator, "kind": kind,
                                              "date": str(r.get("date", "")), "knownBy": str(r.get("knownBy", "")),
                                              "number": said.get(str(r["node"]), "")})
    with _LOCK:
        _NODES[id(store)] = nodes
    return nodes


def _ancestors(node: str, eid: str) -> list[tuple[str, str]]:
    """The eId and IRI of each provision ``node`` is part of: a provision's IRI is its document's and its eId,
    and its parents' eIds are its own's first steps."""
    doc, steps = node[:len(node) - len(eid)], eid.split("__")
    return [(a, doc + a) for a in ("__".join(steps[:i]) for i in range(1, len(steps)))]


def printed_numbers(store: kb.Store, node: str, eid: str) -> dict[str, str]:
    """The numbers as printed of the provisions a provision is part of, by eId (kb.provision_locator)."""
    nodes = _nodes(store)
    return {a: nodes[n]["number"] for a, n in _ancestors(node, eid) if nodes.get(n, {}).get("number")}


def label(store: kb.Store, node: str) -> str:
    """A readable name for any node of ours."""
    found = _nodes(store).get(node)
    if found is not None:
        return found["label"]
    return local_name(node) if node.startswith(kb.BASE) else curie(node)


def node_facts(store: kb.Store, node: str) -> dict[str, str]:
    """The date a node is placed at on a timeline, the last day it denotes, and its kind."""
    name = label(store, node)
    return _nodes(store).get(node) or {"label": name, "short": name, "locator": name, "kind": "", "date": "",
                                       "knownBy": ""}


def humanize(kind: str) -> str:
    """"WorkingGroupReport" -> "Working group report"."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else kind


# --------------------------------------------------------------------------------------------
# Dashboard (runs in a query worker)
# --------------------------------------------------------------------------------------------


def _names(store: kb.Store) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {"body": {}, "topic": {}}
    for r in store.select(NAMES_QUERY.text).dicts():
        kind = "body" if "/body/" in str(r["node"]) else "topic"
        names[kind][str(r["slug"])] = str(r["label"])
    return names


def _keep(row: kb.StatusRow, document: str | None, topic: str | None, body: str | None, value: str | None) -> bool:
    return ((not document or row.document == document)
            and (not topic or topic in row.topics)
            and (not body or body in row.addressees or body == row.issuer)
            and (not value or value in {a.value for a in row.assessments.values()}))


def dashboard(store: kb.Store, *, asof: str | None, document: str | None, topic: str | None, body: str | None,
              status: str | None, kind: str | None, limit: int | None = DASHBOARD_ROWS) -> dict[str, Any]:
    """Counts by status per document, topic and body as of a date, and the filtered rows with their reason."""
    kb.check_filters(store, document=document or None, topic=topic or None, body=body or None,
                     value=status or None)
    date = dt.date.fromisoformat(asof) if asof else kb.build_asof(store)
    rows = kb.status(store, asof=date, kind=kind or None)
    names = _names(store)
    per: dict[str, dict[str, Counter[str]]] = {"document": {}, "topic": {}, "body": {}}
    titles: dict[str, str] = {}
    for row in rows:
        values = Counter(a.value for a in row.assessments.values())
        titles[row.document] = row.document_title
        keys = {"document": [row.document], "topic": list(row.topics),
                "body": sorted(set(row.addressees) | ({row.issuer} if row.issuer else set()))}
        for dimension, slugs in keys.items():
            for slug in slugs:
                counter = per[dimension].setdefault(slug, Counter())
                counter.update(values)
                counter["total"] += 1
    counts = {}
    for dimension, groups in per.items():
        label_of = titles if dimension == "document" else names[dimension]
        counts[dimension] = sorted(
            ({"slug": slug, "label": label_of.get(slug, slug), **{v: c.get(v, 0) for v, _ in STATUS_COLUMNS},
              "total": c["total"]} for slug, c in groups.items()),
            key=lambda g: (-int(str(g["no-evidence"])), str(g["label"]).casefold()))
    kept = [r for r in rows if _keep(r, document, topic, body, status)]
    shown = kept if limit is None else kept[:limit]
    items = [{"iri": r.item, "path": local_href(r.item), "document": r.document, "documentTitle": r.document_title,
              "eId": r.eid, "number": r.number, "kind": r.kind, "text": r.text,
              "title": provision_title(r.document_title, r.kind, r.number, r.eid,
                                       printed=printed_numbers(store, r.item, r.eid)),
              "response": r.value("response"), "lifecycle": r.value("lifecycle"), "adoption": r.value("adoption"),
              "topics": list(r.topics), "addressees": list(r.addressees), "reason": kb.status_reason(store, r)}
             for r in shown]
    return {"asof": date.isoformat(), "buildAsof": kb.build_asof(store).isoformat(), "total": len(kept),
            "all": len(rows), "more": len(kept) > len(shown), "items": items, "counts": counts,
            "options": {"document": sorted(titles.items(), key=lambda kv: kv[1].casefold()),
                        "topic": sorted(((s, names["topic"].get(s, s)) for s in per["topic"]),
                                        key=lambda kv: kv[1].casefold()),
                        "body": sorted(((s, names["body"].get(s, s)) for s in per["body"]),
                                       key=lambda kv: kv[1].casefold())}}


# --------------------------------------------------------------------------------------------
# Item pages (web process, thread pool)
# --------------------------------------------------------------------------------------------


def _value(store: kb.Store, value: Node) -> dict[str, Any]:
    if isinstance(value, URIRef):
        iri = str(value)
        if iri.startswith(kb.BASE) and "#" not in iri:
            facts = node_facts(store, iri)
            return {"href": local_href(iri), "label": facts["label"], "iri": iri,
                    "date": facts["date"] or facts["knownBy"]}
        return {"href": local_href(iri), "label": curie(iri), "iri": iri}
    if isinstance(value, Literal):
        return {"text": str(value), "language": value.language}
    return {"text": str(value)}


HIDDEN = {RDF_TYPE, KB + "text", KB + "knownThrough", KB + "hasEvidence", KB + "heading"}
PREDICATE_NAMES = {
    "http://purl.org/dc/terms/title": "Title", "http://purl.org/dc/terms/identifier": "Symbol",
    "http://purl.org/dc/terms/date": "Date", "http://purl.org/dc/terms/language": "Language",
    KB + "slug": "Slug", KB + "eId": "eId", KB + "number": "Number", KB + "partOf": "Part of",
    KB + "inDocument": "Document", KB + "issuedBy": "Issued by", KB + "meeting": "Meeting",
    KB + "held": "Text held", KB + "startDate": "Start", KB + "endDate": "End", KB + "place": "Place",
    KB + "format": "Format", KB + "organisedBy": "Organised by", KB + "participant": "Participant",
    KB + "reportedIn": "Reported in", KB + "addressee": "Addressed to", KB + "hasTopic": "Topic",
    KB + "knownBy": "Known by", "http://www.w3.org/2000/01/rdf-schema#label": "Label",
    "http://www.w3.org/2004/02/skos/core#altLabel": "Also called", "http://www.w3.org/2004/02/skos/core#prefLabel":
    "Label", "http://www.w3.org/2004/02/skos/core#definition": "Definition",
    "http://www.w3.org/2004/02/skos/core#broader": "Broader topic", KB + "subOrganizationOf": "Part of",
    KB + "bodyType": "Kind of body", KB + "derivedFrom": "Derived from", KB + "respondsTo": "Responds to",
    KB + "reiterates": "Reiterates", KB + "fulfils": "Fulfils", KB + "noLinkFound": "No link found",
    KB + "startOffset": "Starts at character", KB + "endOffset": "Ends at character", KB + "line": "Line",
    KB + "order": "Position", KB + "sourceFile": "Source file", KB + "sha256": "SHA-256",
    KB + "characterCount": "Characters", KB + "originalLanguage": "Original language", KB + "dateNote": "Date note",
    KB + "chair": "Chair", KB + "viceChair": "Vice-chair", KB + "followsUp": "Follows up",
    KB + "partOfActivity": "Part of", KB + "plannedIn": "Planned in", KB + "versionOf": "Language version of",
}
INCOMING_NAMES = {
    KB + "addressee": "Mandates addressed to it", KB + "organisedBy": "Activities it organised",
    KB + "participant": "Activities it took part in", KB + "issuedBy": "Documents it issued",
    KB + "hasTopic": "Provisions on this topic", "http://www.w3.org/2004/02/skos/core#broader": "Narrower topics",
    KB + "subOrganizationOf": "Parts of it", KB + "reportedIn": "Activities reported in it",
    KB + "meeting": "Documents of this meeting", KB + "derivedFrom": "Derived from it",
    KB + "respondsTo": "Responses to it", KB + "reiterates": "Reiterated by", KB + "fulfils": "Fulfilled by",
    KB + "chair": "Chaired", KB + "viceChair": "Vice-chaired", KB + "followsUp": "Followed up by",
    KB + "partOfActivity": "Its parts", KB + "plannedIn": "Activities it plans", KB + "versionOf": "Language versions",
}
CITABLE = ("doc", "activity", "body", "link")  # what kb.cite describes (a topic is a concept, not a source)
ROLE_GROUPS = {("addressee", "in"): "Mandates and recommendations addressed to it",
               ("addressee", "out"): "Addressed to",
               ("hasTopic", "in"): "Provisions on this topic", ("hasTopic", "out"): "Topics",
               ("chair", "in"): "Chair of", ("chair", "out"): "Chaired by", ("viceChair", "in"): "Vice-chair of",
               ("viceChair", "out"): "Vice-chaired by"}
LINK_WORDS = {"derivedFrom": ("derived from", "derived from it"), "respondsTo": ("responds to", "responds to it"),
              "reiterates": ("reiterates", "reiterates it"), "fulfils": ("fulfils", "fulfils it"),
              "addressee": ("is addressed to", "addresses it"), "hasTopic": ("is on the topic", "is its topic"),
              "chair": ("chaired by", "chairs it"), "viceChair": ("vice-chaired by", "vice-chairs it"),
              "followsUp": ("follows up", "follows it up"), "partOfActivity": ("is part of", "is one of its parts"),
              "plannedIn": ("is planned in", "plans it")}


def _quote_view(store: kb.Store, evidence: str, budget: list[int]) -> dict[str, Any]:
    if budget[0] <= 0:
        rows = store.select(QUOTE_QUERY.text, {"evidence": URIRef(evidence)}).dicts()
        r = rows[0] if rows else {}
        return {"evidence": evidence, "href": local_href(evidence), "before": "", "quote": str(r.get("quote", "")),
                "after": "",
                "slug": str(r.get("slug", "")), "start": None, "end": None, "reader": None}
    budget[0] -= 1
    context = kb.quote_context(store, URIRef(evidence), chars=CONTEXT_CHARS)
    return {"evidence": evidence, "href": local_href(evidence), "before": context.before, "quote": context.quote,
            "after": context.after,
            "slug": context.slug, "start": context.start, "end": context.end,
            "documentLabel": label(store, context.document), "language": context.language,
            "reader": f"/reader/{context.slug}#ev-{local_name(evidence)}" if context.from_source else None}


def item_page(store: kb.Store, iri: URIRef) -> dict[str, Any]:
    """Everything an item's page shows but its status: facts, text, links with quotes in context, trace, citation."""
    description = kb.describe(store, iri)
    node = str(iri)
    types = [str(o) for p, o in description.properties if p == RDF_TYPE]
    kinds = [local_name(t) for t in types if t.startswith(KB) and local_name(t) not in
             ("Provision", "Document", "Activity")]
    kind = kinds[0] if kinds else ("Topic" if "http://www.w3.org/2004/02/skos/core#Concept" in types else
                                   local_name(types[0]) if types else "Item")
    section = node[len(kb.BASE):].split("/", 1)[0] if node.startswith(kb.BASE) else ""
    facts: list[dict[str, Any]] = []
    for predicate, value in description.properties:
        if predicate in HIDDEN:
            continue
        name = PREDICATE_NAMES.get(predicate, curie(predicate))
        if facts and facts[-1]["predicate"] == predicate:
            facts[-1]["values"].append(_value(store, value))
        else:
            facts.append({"predicate": predicate, "name": name, "curie": curie(predicate),
                          "values": [_value(store, value)]})
    text = description.first(KB + "text") or description.first("http://www.w3.org/2004/02/skos/core#definition")
    heading = description.first(KB + "heading")
    budget = [MAX_CONTEXTS]
    links: list[dict[str, Any]] = []
    params = {"item": iri}
    for direction, query in (("out", LINKS_OUT_QUERY), ("in", LINKS_IN_QUERY)):
        grouped: dict[str, dict[str, Any]] = {}
        for r in store.select(query.text, params).dicts():
            link = grouped.get(str(r["link"]))
            if link is None:
                type_name = local_name(str(r["type"]))
                words = LINK_WORDS.get(type_name, (type_name, f"{type_name} it"))
                link = grouped[str(r["link"])] = {
                    "iri": str(r["link"]), "href": local_href(str(r["link"])), "type": type_name,
                    "direction": direction, "words": words[0] if direction == "out" else words[1],
                    "other": _value(store, r["other"]), "assertedBy": local_name(str(r["assertedBy"])),
                    "confidence": str(r["confidence"]) if "confidence" in r else None,
                    "note": str(r["note"]) if "note" in r else None,
                    "knownBy": str(r["knownBy"]) if "knownBy" in r else None, "quotes": [],
                    "extent": local_name(str(r["extent"])) if "extent" in r else None,
                    "part": str(r["part"]) if "part" in r else None,
                    "role": local_name(str(r["role"])) if "role" in r else None}
            link["quotes"].append(str(r["evidence"]))
        links.extend(grouped.values())
    links.sort(key=lambda link: (link["type"] in ("addressee", "hasTopic", "chair", "viceChair"),
                                 link["direction"], link["type"], link["other"]["label"]))
    for link in links:
        link["quotes"] = [_quote_view(store, ev, budget) for ev in link["quotes"]]
    own = [{"how": str(r["how"]), **_quote_view(store, str(r["evidence"]), budget)}
           for r in store.select(OWN_EVIDENCE_QUERY.text, params).dicts()]
    incoming: dict[str, dict[str, Any]] = {}
    link_predicates = {KB + "linkFrom", KB + "linkTo", KB + "assesses", KB + "claimAbout", KB + "inDocument",
                       KB + "partOf", KB + "quotedIn", kb.PREFIXES["oa"] + "hasSource", KB + "usedLink",
                       KB + "usedEvidence", KB + "usedBasis"}  # shown otherwise: links, contents, marks, statuses
    quoted = sum(1 for _, predicate in description.incoming if predicate == KB + "quotedIn")
    link_predicates |= {KB + link["type"] for link in links if link["direction"] == "in"}  # listed with quotes
    for subject, predicate in description.incoming:
        if predicate in link_predicates or "#" in subject:
            continue
        group = incoming.setdefault(predicate, {"name": INCOMING_NAMES.get(predicate, f"{curie(predicate)} of"),
                                                "items": []})
        if len(group["items"]) < 200:
            group["items"].append(_value(store, URIRef(subject)))
    children = [{"href": local_href(c), "eId": e, "label": node_facts(store, c)["locator"],
                 "text": _short(_text(store, c), 160)} for c, e in description.children]
    cite: dict[str, str] = {}
    if section in CITABLE:
        try:
            citation = kb.cite(store, iri)
            cite = {fmt: citation.render(fmt) for fmt in kb.CITATION_FORMATS}
            cite["text-es"] = kb.cite(store, iri, "es").render("text")  # for reports written in Spanish
        except kb.KbError:
            cite = {}
    try:
        trace = kb.trace(store, iri)
        timeline = timeline_svg(store, trace)
        steps = [{"direction": link.direction, "from": _value(store, URIRef(link.source)), "type": link.link_type,
                  "to": _value(store, URIRef(link.target)), "quotes": len(link.quotes)} for link in trace.links]
    except kb.KbError:
        timeline, steps = None, []
    document = description.first(KB + "inDocument")
    parents: list[dict[str, str]] = []
    parent = description.first(KB + "partOf")
    while parent is not None and len(parents) < 10:
        parents.insert(0, {"href": local_href(parent), "label": label(store, parent)})
        rows = store.select(PARENT_QUERY.text, {"node": URIRef(parent)}).rows
        parent = str(rows[0][0]) if rows else None
    held = description.first(KB + "held")
    reader = None
    if section == "doc" and held == "true":
        reader = f"/reader/{description.first(KB + 'slug')}"
    elif document is not None and description.first(KB + "startOffset") is not None:
        reader = f"/reader/{local_name(document)}#{description.first(KB + 'eId')}"
    own_document = document if document is not None else node if section == "doc" else None
    language = str(kb.describe(store, URIRef(own_document)).first(DCTERMS_LANGUAGE) or "") if own_document else ""
    return {"iri": node, "path": local_href(node), "label": label(store, node), "kind": humanize(kind),
            "section": section, "language": language,
            "text": text, "heading": heading, "facts": facts, "links": links, "own": own,
            "incoming": list(incoming.values()), "children": children, "cite": cite, "timeline": timeline,
            "steps": steps, "parents": parents, "reader": reader, "quoted": quoted, "roles": _roles(links),
            "held": held == "true",
            "hasStatus": any(t in (KB + "Mandate", KB + "Recommendation") for t in types)}


def _roles(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The addressee, topic and chair links, grouped under a heading each (trace links are listed apart)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        heading = ROLE_GROUPS.get((link["type"], link["direction"]))
        if heading is not None:
            groups.setdefault(heading, []).append(link)
    for found in groups.values():  # in time order (CQ5), undated last
        found.sort(key=lambda link: (link["other"].get("date") or "9999", link["other"]["label"]))
    return [{"heading": heading, "links": found} for heading, found in groups.items()]


# --------------------------------------------------------------------------------------------
# Timeline (server-side SVG)
# --------------------------------------------------------------------------------------------

ROW = 46
LEFT = 16
WIDTH = 960
BOX = 260
ARROW_ROOM = 150  # right of the latest box: the curves and their labels
AXIS = 34
ARROW_COLOURS = {"derivedFrom": "#1f5fa8", "reiterates": "#7a3e9d", "respondsTo": "#1d7a3a", "fulfils": "#a15c00"}


def _year_fraction(value: str) -> float | None:
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2] or 7), int(match[3] or 1)
    return year + (month - 1) / 12 + (day - 1) / 365


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _text(store: kb.Store, node: str) -> str:
    """A provision's heading, else its text (empty if it has neither)."""
    for query in (HEADING_QUERY, TEXT_QUERY):
        rows = store.select(query.text, {"node": URIRef(node)}).rows
        if rows:
            return str(rows[0][0])
    return ""


def timeline_svg(store: kb.Store, trace: kb.Trace) -> str | None:
    """The trace drawn on a time axis: one row per item, placed by its date; arrows typed and labelled."""
    if not trace.links:
        return None
    nodes = [trace.item]
    for link in trace.links:
        for node in (link.source, link.target):
            if node not in nodes:
                nodes.append(node)
    facts = {n: node_facts(store, n) for n in nodes}
    when = {n: _year_fraction(facts[n]["date"] or facts[n]["knownBy"]) for n in nodes}
    dated = [w for w in when.values() if w is not None]
    low, high = (min(dated), max(dated)) if dated else (2000.0, 2001.0)
    low, high = float(int(low)), float(int(high) + 1)
    span = max(high - low, 1.0)
    usable = WIDTH - LEFT * 2 - BOX - ARROW_ROOM
    order = sorted(nodes, key=lambda n: (when[n] if when[n] is not None else high, n != trace.item, n))
    row_of = {n: i for i, n in enumerate(order)}
    x_of = {n: LEFT + (usable * ((when[n] or high) - low) / span) for n in nodes}
    height = AXIS + ROW * len(order) + 10
    esc = html.escape
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'role="img" aria-labelledby="timeline-title timeline-desc" class="timeline">',
             f'<title id="timeline-title">Trace of {esc(label(store, trace.item))} on a time line</title>',
             f'<desc id="timeline-desc">{len(order)} items placed by date from {int(low)} to {int(high)}, '
             f'joined by {len(trace.links)} typed links; the same links are listed below as text.</desc>',
             '<defs>']
    for name, colour in ARROW_COLOURS.items():
        parts.append(f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                     f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
                     '</marker>')
    parts.append('</defs>')
    for year in range(int(low), int(high) + 1):
        x = LEFT + usable * (year - low) / span
        parts.append(f'<line x1="{x:.1f}" y1="{AXIS - 8}" x2="{x:.1f}" y2="{height}" class="tick"/>'
                     f'<text x="{x + 3:.1f}" y="{AXIS - 14}" class="year">{year}</text>')
    for n in order:
        y = AXIS + ROW * row_of[n]
        x = x_of[n]
        kind = humanize(facts[n]["kind"]) or "item"
        name = facts[n]["label"]
        date = facts[n]["date"] or (f"known by {facts[n]['knownBy']}" if facts[n]["knownBy"] else "undated")
        cls = "node self" if n == trace.item else "node"
        parts.append(f'<a href="{esc(local_href(n))}" class="{cls}"><title>{esc(name)} ({esc(kind)}, {esc(date)})'
                     f'</title><rect x="{x:.1f}" y="{y}" width="{BOX}" height="{ROW - 12}" rx="5"/>'
                     f'<text x="{x + 8:.1f}" y="{y + 14}" class="kind">{esc(kind)} · {esc(date)}</text>'
                     f'<text x="{x + 8:.1f}" y="{y + 28}" class="name">{esc(_short(facts[n]["short"], 36))}</text></a>')
    for i, link in enumerate(trace.links):
        a, b = link.source, link.target
        ya, yb = AXIS + ROW * row_of[a] + (ROW - 12) / 2, AXIS + ROW * row_of[b] + (ROW - 12) / 2
        xa, xb = x_of[a] + BOX, x_of[b] + BOX
        bend = 30 + 22 * (i % 4)
        colour = ARROW_COLOURS.get(link.link_type, "#444")
        mx = max(xa, xb) + bend
        parts.append(f'<path d="M{xa:.1f},{ya:.1f} C{mx:.1f},{ya:.1f} {mx:.1f},{yb:.1f} {xb:.1f},{yb:.1f}" '
                     f'class="arrow" stroke="{colour}" marker-end="url(#arrow-{esc(link.link_type)})"/>'
                     f'<text x="{mx - 0.25 * bend + 4:.1f}" y="{(ya + yb) / 2 + 4:.1f}" class="arrow-label" '
                     f'fill="{colour}">'
                     f'{esc(link.link_type)}</text>')
    parts.append('</svg>')
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Reader (web process)
# --------------------------------------------------------------------------------------------


def reader_page(store: kb.Store, document: URIRef) -> dict[str, Any]:
    """A held document's source text cut at every provision start, quotes marked, links listed beside."""
    source = kb.source_text(store, document)
    text = source.text
    links_by_item: dict[str, list[dict[str, Any]]] = {}
    for r in store.select(DOCUMENT_LINKS_QUERY.text, {"document": document}).dicts():
        provision, type_name = str(r["provision"]), local_name(str(r["type"]))
        outgoing = str(r["from"]) == provision
        other = str(r["to"]) if outgoing else str(r["from"])
        words = LINK_WORDS.get(type_name, (type_name, f"{type_name} it"))
        entry = {"type": type_name, "words": words[0] if outgoing else words[1],
                 "href": local_href(other), "label": label(store, other), "link": local_href(str(r["link"]))}
        bucket = links_by_item.setdefault(provision, [])
        if entry not in bucket:
            bucket.append(entry)
    supports: dict[str, list[str]] = {}
    for r in store.select(EVIDENCE_LINKS_QUERY.text, {"document": document}).dicts():
        supports.setdefault(str(r["evidence"]), []).append(
            f"{label(store, str(r['from']))} {local_name(str(r['type']))} {label(store, str(r['to']))}")
    starts: dict[int, list[kb.ProvisionSpan]] = {}
    for span in source.provisions:
        starts.setdefault(span.start, []).append(span)
    cuts = sorted({0, len(text), *starts})
    quote_edges = sorted({q.start for q in source.quotes} | {q.end for q in source.quotes})
    blocks = []
    for begin, finish in itertools.pairwise(cuts):
        spans = starts.get(begin, [])
        pieces = []
        edges = [begin, *(e for e in quote_edges if begin < e < finish), finish]
        for a, b in itertools.pairwise(edges):
            covering = [q for q in source.quotes if q.start <= a and q.end >= b]
            first = [q for q in source.quotes if q.start == a]
            pieces.append({"text": text[a:b], "marked": bool(covering),
                           "anchors": [f"ev-{local_name(q.evidence)}" for q in first],
                           "title": "; ".join(sorted({s for q in covering for s in supports.get(q.evidence, [])}))[:600]
                           or ("quoted as evidence" if covering else "")})
        marks = [entry for span in spans for entry in links_by_item.get(span.iri, [])]
        blocks.append({"anchors": [{"eId": s.eid, "kind": s.kind, "number": s.number, "href": local_href(s.iri)}
                                   for s in spans], "pieces": pieces, "links": marks})
    return {"iri": source.document, "path": local_href(source.document), "title": source.title,
            "slug": source.slug, "language": source.language, "blocks": blocks, "provisions": len(source.provisions),
            "quotes": len(source.quotes), "characters": len(text),
            "toc": [{"eId": s.eid, "label": (f"{s.number} {s.heading}".strip() or s.eid), "kind": s.kind}
                    for s in source.provisions if s.kind in ("Section", "Mandate", "Recommendation")]}


# --------------------------------------------------------------------------------------------
# Search (web process; the lists are read once per store)
# --------------------------------------------------------------------------------------------

_INDEX: dict[int, list[dict[str, str]]] = {}


def fold(text: str) -> str:
    """Lower case without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _index(store: kb.Store) -> list[dict[str, str]]:
    found = _INDEX.get(id(store))
    if found is not None:
        return found
    entries = []
    for r in store.select(PROVISIONS_QUERY.text).dicts():
        kind = local_name(str(r["kind"]))
        title = provision_title(str(r["docTitle"]), kind, str(r.get("number", "")), str(r["eId"]),
                                reconstructed="reconstructed" in r,
                                printed=printed_numbers(store, str(r["provision"]), str(r["eId"])))
        body = " ".join(str(r[k]) for k in ("heading", "text") if k in r)
        entries.append({"type": "provision", "iri": str(r["provision"]), "title": title, "kind": kind,
                        "text": body, "key": fold(f"{title} {r['eId']} {body}")})
    for r in store.select(ACTIVITIES_QUERY.text).dicts():
        body = ", ".join(str(r[k]) for k in ("startDate", "place") if k in r)
        entries.append({"type": "activity", "iri": str(r["activity"]), "title": str(r["label"]),
                        "kind": local_name(str(r["type"])), "text": body, "key": fold(f"{r['label']} {body}")})
    for r in store.select(BODIES_QUERY.text).dicts():
        alts = ", ".join(sorted(a for a in str(r.get("alts", "")).split(" | ") if a))
        entries.append({"type": "body", "iri": str(r["body"]), "title": str(r["label"]),
                        "kind": str(r.get("bodyType", "body")), "text": alts,
                        "key": fold(f"{r['label']} {alts}")})
    with _LOCK:
        _INDEX[id(store)] = entries
    return entries


def _snippet(text: str, words: list[str], size: int = 240) -> list[dict[str, Any]]:
    """A stretch of ``text`` around the first match, cut into pieces with the matching words marked."""
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths (ligatures): show the start, unmarked
        return [{"text": _short(text, size), "marked": False}]
    first = min((folded.find(w) for w in words if folded.find(w) >= 0), default=0)
    start = max(0, first - size // 3)
    end = min(len(text), start + size)
    window, fwindow = text[start:end], folded[start:end]
    spans = sorted((m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), fwindow))
    pieces, at = [], 0
    if start > 0:
        pieces.append({"text": "…", "marked": False})
    for a, b in spans:
        if a < at:
            continue
        pieces += [{"text": window[at:a], "marked": False}, {"text": window[a:b], "marked": True}]
        at = b
    pieces.append({"text": window[at:] + ("…" if end < len(text) else ""), "marked": False})
    return [p for p in pieces if p["text"]]


SEARCH_TYPES = ("provision", "activity", "body")


def search(store: kb.Store, q: str, kind: str | None, limit: int = 50) -> dict[str, Any]:
    """Every provision, activity and body whose title or text holds all the words (case and accents ignored)."""
    words = [fold(w) for w in q.split() if w.strip()]
    if not words:
        return {"q": q, "groups": [], "total": 0}
    groups = []
    total = 0
    for type_name in SEARCH_TYPES:
        if kind and kind != type_name:
            continue
        hits = [e for e in _index(store) if e["type"] == type_name and all(w in e["key"] for w in words)]
        hits.sort(key=lambda e: (-sum(fold(e["title"]).count(w) for w in words), e["title"]))
        total += len(hits)
        groups.append({"type": type_name, "count": len(hits), "more": len(hits) > limit,
                       "items": [{"href": local_href(e["iri"]), "title": e["title"], "kind": e["kind"],
                                  "snippet": _snippet(e["text"], words) if e["text"] else []}
                                 for e in hits[:limit]]})
    return {"q": q, "groups": groups, "total": total}


# --------------------------------------------------------------------------------------------
# Ontology page (read once per store)
# --------------------------------------------------------------------------------------------

_ONTOLOGY: dict[int, dict[str, Any]] = {}
TERM_KINDS = {"Class": "Classes", "ObjectProperty": "Object properties", "DatatypeProperty": "Datatype properties",
              "AnnotationProperty": "Annotation properties", "NamedIndividual": "Individuals"}


def ontology_page(store: kb.Store) -> dict[str, Any]:
    found = _ONTOLOGY.get(id(store))
    if found is not None:
        return found
    terms: dict[str, dict[str, Any]] = {}
    for r in store.select(ONTOLOGY_TERMS_QUERY.text).dicts():
        iri = str(r["term"])
        type_name = local_name(str(r["type"]))
        term = terms.setdefault(iri, {"iri": iri, "curie": curie(iri), "id": local_name(iri), "type": type_name,
                                      "label": "", "definition": "", "parents": [], "domain": [], "range": []})
        if TERM_KINDS.get(type_name) and term["type"] == "NamedIndividual" and type_name != "NamedIndividual":
            term["type"] = type_name
        term["label"] = term["label"] or str(r.get("label", ""))
        term["definition"] = term["definition"] or str(r.get("definition", r.get("comment", "")))
        for key, var in (("parents", "parent"), ("domain", "domain"), ("range", "range")):
            if var in r:
                view = {"curie": curie(str(r[var])), "href": _term_href(str(r[var]))}
                if view not in term[key]:
                    term[key].append(view)
    for term in terms.values():
        node = URIRef(term["iri"])
        if term["type"] == "Class":
            term["count"] = int(str(store.select(CLASS_COUNT_QUERY.text, {"class": node}).rows[0][0]))
            term["examples"] = [{"href": local_href(str(r[0])), "label": node_facts(store, str(r[0]))["short"]}
                                for r in store.select(CLASS_EXAMPLES_QUERY.text, {"class": node}).rows]
        elif term["type"].endswith("Property"):
            term["count"] = int(str(store.select(PROPERTY_COUNT_QUERY.text, {"property": node}).rows[0][0]))
            rows = store.select(PROPERTY_EXAMPLE_QUERY.text, {"property": node}).rows
            term["examples"] = [{"subject": _value(store, s), "object": _value(store, o)} for s, o in rows
                                if s is not None and o is not None]
        else:
            term["count"] = None
            term["examples"] = []
    groups = [{"kind": kind, "title": title, "terms": [t for t in terms.values() if t["type"] == kind]}
              for kind, title in TERM_KINDS.items()]
    page = {"groups": [g for g in groups if g["terms"]], "count": len(terms)}
    with _LOCK:
        _ONTOLOGY[id(store)] = page
    return page


def _term_href(iri: str) -> str:
    return "#" + local_name(iri) if iri.startswith(KB) else iri
