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
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from rdflib import XSD, URIRef
from rdflib.term import Literal, Node

import kb
from api.views import curie, local_href
from api.words import Words

KB = kb.PREFIXES["kb"]
RDF_TYPE = kb.PREFIXES["rdf"] + "type"
DCTERMS_LANGUAGE = kb.PREFIXES["dcterms"] + "language"
SKOS_CONCEPT = kb.PREFIXES["skos"] + "Concept"
SKOS_DEFINITION = kb.PREFIXES["skos"] + "definition"
STATUS_COLUMNS = ("no-evidence", "partly-addressed", "addressed", "fulfilled", "carried-forward", "superseded")
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
TOPICS_QUERY = _query("search-topics")
WORDS_LANGUAGES_QUERY = _query("provision-languages")
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
LABELS_QUERY = _query("labels")
TITLES_QUERY = _query("titles-by-language")
VERSION_PROVISIONS_QUERY = _query("version-provisions")

BOUND_QUERIES = (PARENT_QUERY, HEADING_QUERY, TEXT_QUERY, LINKS_OUT_QUERY, LINKS_IN_QUERY, OWN_EVIDENCE_QUERY,
                 DOCUMENT_LINKS_QUERY, EVIDENCE_LINKS_QUERY, CLASS_EXAMPLES_QUERY, CLASS_COUNT_QUERY,
                 PROPERTY_EXAMPLE_QUERY, PROPERTY_COUNT_QUERY, QUOTE_QUERY)
LIST_QUERIES = (PROVISIONS_QUERY, ACTIVITIES_QUERY, BODIES_QUERY, TOPICS_QUERY, NAMES_QUERY, DOCUMENT_FACTS_QUERY,
                ONTOLOGY_TERMS_QUERY, LABELS_QUERY, TITLES_QUERY, VERSION_PROVISIONS_QUERY, WORDS_LANGUAGES_QUERY)


def warm_up(store: kb.Store) -> None:
    """Parse every constant query once on the calling thread (see ``api.rest.warm_up`` for why)."""
    probe = URIRef("urn:iacml-kb:warm-up")
    for query in BOUND_QUERIES:
        store.select(query.text, {param.name: probe for param in query.params})
    _nodes(store)
    kb.link_type_name("respondsTo", "es")  # reads the ontology's labels once, before any page asks
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
                    printed: Mapping[str, str] | None = None, language: str = "en") -> str:
    """"Plan of Action of Buenos Aires, Art. 7(g)": a provision as a reader names it (``printed``: the numbers
    as printed of the provisions it is part of, by eId, see ``printed_numbers``; the locator in ``language``,
    "art. 7(g)", as ``kb cite`` says it)."""
    locator = kb.provision_locator(kind, number, eid, language, reconstructed=reconstructed, printed=printed)
    return f"{doc_title}, {locator}"


_NODES: dict[tuple[int, str], dict[str, dict[str, str]]] = {}


def _nodes(store: kb.Store, language: str = "en") -> dict[str, dict[str, str]]:
    """Label, kind, date and last known day of every named node (read once per store and language: the store
    is read-only), a provision's locator in ``language``, and a document's title there where it is held in it
    (:func:`held_title`), its provisions' labels too."""
    found = _NODES.get((id(store), language))
    if found is not None:
        return found
    nodes: dict[str, dict[str, str]] = {}
    titles = _titles(store) if language != "en" else {}
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
                held = titles.get(str(kb.doc_iri(str(r["docSlug"]))), {}).get(language)
                title = held.title if held else str(r["docTitle"])
                name = provision_title(title, kind, str(r.get("number", "")), str(r["eId"]),
                                       reconstructed=counted, printed=printed, language=language)
                short = provision_title(str(r["docSlug"]), kind, str(r.get("number", "")), str(r["eId"]),
                                        reconstructed=counted, printed=printed, language=language)
                locator = short[len(str(r["docSlug"])) + 2:]
            else:
                held = titles.get(str(r["node"]), {}).get(language)
                name = short = locator = held.title if held else str(r["label"])
            nodes.setdefault(str(r["node"]), {"label": name, "short": short, "locator": locator, "kind": kind,
                                              "date": str(r.get("date", "")), "knownBy": str(r.get("knownBy", "")),
                                              "number": said.get(str(r["node"]), "")})
    with _LOCK:
        _NODES[(id(store), language)] = nodes
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


_LABELS: dict[int, dict[str, dict[str, str]]] = {}


def _name_order(name: str) -> tuple[bool, str]:
    """Which of a node's names in a language names it first: one that says what it is before an acronym
    ("Ministerio de Trabajo" before "MTSS", which sorts first as text), then in the order of their text."""
    return not any(c.islower() for c in name), name


def _labels(store: kb.Store) -> dict[str, dict[str, str]]:
    """Each node's label by language tag (read once per store): its rdfs:label or skos:prefLabel in that
    language, else the first of its skos:altLabels there (by :func:`_name_order`, so the same each time)."""
    found = _LABELS.get(id(store))
    if found is not None:
        return found
    preferred: dict[str, dict[str, str]] = {}
    alternative: dict[str, dict[str, str]] = {}
    for r in store.select(LABELS_QUERY.text).dicts():
        value = r["label"]
        language = (value.language or "").lower() if isinstance(value, Literal) else ""
        if not language:
            continue
        into = preferred if str(r.get("preferred", "")).lower() == "true" else alternative
        held = into.setdefault(str(r["node"]), {})
        if language not in held or _name_order(str(value)) < _name_order(held[language]):
            held[language] = str(value)
    labels = {node: {**alternative.get(node, {}), **preferred.get(node, {})} for node in {*preferred, *alternative}}
    with _LOCK:
        _LABELS[id(store)] = labels
    return labels


class HeldTitle(NamedTuple):
    """A document's title in a language: as printed on its own cover, or on its language version's
    (``version``: that version's IRI; empty for the document's own)."""

    title: str
    version: str


_TITLES: dict[int, dict[str, dict[str, HeldTitle]]] = {}


def _titles(store: kb.Store) -> dict[str, dict[str, HeldTitle]]:
    """Each document's title by language (read once per store): its own cover's in its language, else its
    language version's there, as printed, else as given in that language."""
    found = _TITLES.get(id(store))
    if found is not None:
        return found
    ranked: dict[tuple[str, str], tuple[int, str, str]] = {}
    for r in store.select(TITLES_QUERY.text).dicts():
        value = r["title"]
        language = kb.primary_language(value.language or "") if isinstance(value, Literal) else ""
        if not language:
            continue
        version = str(r.get("version", ""))
        rank = 0 if not version else 1 if str(r["printed"]).lower() == "true" else 2
        key = (str(r["document"]), language)
        candidate = (rank, version, str(value))
        if key not in ranked or candidate < ranked[key]:
            ranked[key] = candidate
    titles: dict[str, dict[str, HeldTitle]] = {}
    for (document, language), (_, version, title) in ranked.items():
        titles.setdefault(document, {})[language] = HeldTitle(title, version)
    with _LOCK:
        _TITLES[id(store)] = titles
    return titles


def held_title(store: kb.Store, document: str, language: str) -> HeldTitle | None:
    """The title a page in ``language`` gives a document (see :func:`_titles`); None on an English page, which
    gives the title the knowledge base gives it, and where the document is held in no such language."""
    return _titles(store).get(document, {}).get(language) if language != "en" else None


_VERSIONS: dict[int, dict[str, dict[str, dict[str, str]]]] = {}


def _versions(store: kb.Store) -> dict[str, dict[str, dict[str, str]]]:
    """Each language version's provisions (read once per store), by the version's IRI, then by the original
    provision each says: the version's provision (``iri``), its ``text``, ``heading`` and ``language`` tag."""
    found = _VERSIONS.get(id(store))
    if found is not None:
        return found
    versions: dict[str, dict[str, dict[str, str]]] = {}
    for r in store.select(VERSION_PROVISIONS_QUERY.text).dicts():
        said = versions.setdefault(str(r["versionDocument"]), {})
        said.setdefault(str(r["provision"]), {"iri": str(r["version"]), "text": str(r.get("text", "")),
                                              "heading": str(r.get("heading", "")), "language": str(r["language"])})
    with _LOCK:
        _VERSIONS[id(store)] = versions
    return versions


_WORDS_LANGUAGES: dict[int, dict[str, str]] = {}


def words_language(store: kb.Store, provision: str) -> str:
    """The language tag of a provision's words (read once per store): its document's where that is held, else,
    its words being a quotation, that of the held documents quoting it where these are all in one; else empty."""
    found = _WORDS_LANGUAGES.get(id(store))
    if found is None:
        found = {str(r["provision"]): str(r["language"]) for r in store.select(WORDS_LANGUAGES_QUERY.text).dicts()}
        with _LOCK:
            _WORDS_LANGUAGES[id(store)] = found
    return found.get(provision, "")


def in_version(store: kb.Store, document: str, language: str) -> Mapping[str, Mapping[str, str]]:
    """The provisions of ``document`` that its language version in ``language`` (the one it is titled by there)
    says, by IRI: that version's provision (``iri``), its ``text`` and ``heading``, and their ``language`` tag.
    Empty on an English page, and for a document held in no other language. Shared by every page: read only."""
    held = held_title(store, document, language)
    if held is None or not held.version:
        return {}
    return _versions(store).get(held.version, {})


def in_language(store: kb.Store, node: str, language: str) -> str | None:
    """The node's label in ``language`` (``es``), if the graph holds one."""
    return _labels(store).get(node, {}).get(language)


def label(store: kb.Store, node: str, language: str = "en") -> str:
    """A readable name for any node of ours: its label in ``language`` where the graph has one (a body, topic or
    activity named in Spanish), else the one it has (a provision: its document's title and its number)."""
    if language != "en":
        named = in_language(store, node, language)
        if named is not None:
            return named
    found = _nodes(store, language).get(node)
    if found is not None:
        return found["label"]
    return local_name(node) if node.startswith(kb.BASE) else curie(node)


def term_name(store: kb.Store, iri: str, language: str) -> str:
    """What a page calls a term of the ontology (a property, a class, a status): its label in ``language``, else
    in English, else its compact IRI; capitalised, as a field name or a kind is, but for an identifier's name
    written in camel case ("eId"), which capitals would misspell."""
    labels = _labels(store).get(iri, {})
    name = labels.get(language) or labels.get("en")
    if not name:
        return curie(iri)
    return name if name[1:2].isupper() else name[:1].upper() + name[1:]


def kind_name(store: kb.Store, kind: str, language: str) -> str:
    """A kind of item (``WorkingGroupReport``, ``Topic``) as the ontology names it in ``language``."""
    if not kind:
        return ""
    iri = KB + kind if kind != "Topic" else SKOS_CONCEPT
    return term_name(store, iri, language) if iri in _labels(store) else humanize(kind)


def node_facts(store: kb.Store, node: str, language: str = "en") -> dict[str, str]:
    """The date a node is placed at on a timeline, the last day it denotes, and its kind."""
    name = label(store, node, language)
    found = _nodes(store, language).get(node)
    if found is None:
        return {"label": name, "short": name, "locator": name, "kind": "", "date": "", "knownBy": ""}
    if name == found["label"]:
        return found
    return {**found, "label": name, "short": name}


def humanize(kind: str) -> str:
    """"WorkingGroupReport" -> "Working group report"."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else kind


# --------------------------------------------------------------------------------------------
# Dashboard (runs in a query worker)
# --------------------------------------------------------------------------------------------


def _names(store: kb.Store, language: str) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {"body": {}, "topic": {}}
    for r in store.select(NAMES_QUERY.text).dicts():
        kind = "body" if "/body/" in str(r["node"]) else "topic"
        names[kind][str(r["slug"])] = (language != "en" and in_language(store, str(r["node"]), language)) \
            or str(r["label"])
    return names


def _keep(row: kb.StatusRow, document: str | None, topic: str | None, body: str | None, value: str | None) -> bool:
    return ((not document or row.document == document)
            and (not topic or topic in row.topics)
            and (not body or body in row.addressees or body == row.issuer)
            and (not value or value in {a.value for a in row.assessments.values()}))


def dashboard(store: kb.Store, *, asof: str | None, document: str | None, topic: str | None, body: str | None,
              status: str | None, kind: str | None, limit: int | None = DASHBOARD_ROWS,
              language: str = "en") -> dict[str, Any]:
    """Counts by status per document, topic and body as of a date, and the filtered rows with their reason
    (bodies and topics named in ``language`` where the graph has their names in it)."""
    kb.check_filters(store, document=document or None, topic=topic or None, body=body or None,
                     value=status or None)
    date = dt.date.fromisoformat(asof) if asof else kb.build_asof(store)
    rows = kb.status(store, asof=date, kind=kind or None)
    names = _names(store, language)
    per: dict[str, dict[str, Counter[str]]] = {"document": {}, "topic": {}, "body": {}}
    titles: dict[str, str] = {}
    for row in rows:
        values = Counter(a.value for a in row.assessments.values())
        if row.document not in titles:
            held = held_title(store, str(kb.doc_iri(row.document)), language)
            titles[row.document] = held.title if held else row.document_title
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
            ({"slug": slug, "label": label_of.get(slug, slug), **{v: c.get(v, 0) for v in STATUS_COLUMNS},
              "total": c["total"]} for slug, c in groups.items()),
            key=lambda g: (-int(str(g["no-evidence"])), str(g["label"]).casefold()))
    kept = [r for r in rows if _keep(r, document, topic, body, status)]
    shown = kept if limit is None else kept[:limit]
    # a row's text as its document's language version in the page's language says it, where one is held
    said = {slug: in_version(store, str(kb.doc_iri(slug)), language) for slug in {r.document for r in shown}}
    items = [{"iri": r.item, "path": local_href(r.item), "document": r.document, "documentTitle": titles[r.document],
              "eId": r.eid, "number": r.number, "kind": r.kind,
              **_row_text(store, r, said[r.document].get(r.item)),
              "title": provision_title(titles[r.document], r.kind, r.number, r.eid,
                                       printed=printed_numbers(store, r.item, r.eid), language=language),
              "response": r.value("response"), "lifecycle": r.value("lifecycle"), "adoption": r.value("adoption"),
              "topics": list(r.topics), "addressees": list(r.addressees),
              "reason": kb.status_reason(store, r, language)}
             for r in shown]
    return {"asof": date.isoformat(), "buildAsof": kb.build_asof(store).isoformat(), "total": len(kept),
            "all": len(rows), "more": len(kept) > len(shown), "items": items, "counts": counts,
            "options": {"document": sorted(titles.items(), key=lambda kv: kv[1].casefold()),
                        "topic": sorted(((s, names["topic"].get(s, s)) for s in per["topic"]),
                                        key=lambda kv: kv[1].casefold()),
                        "body": sorted(((s, names["body"].get(s, s)) for s in per["body"]),
                                       key=lambda kv: kv[1].casefold())}}


def _row_text(store: kb.Store, row: kb.StatusRow, version: Mapping[str, str] | None) -> dict[str, str]:
    """A dashboard row's text: its language version's where that one has words, else its own; marked with its
    language."""
    if version and version["text"]:
        return {"text": version["text"], "textLanguage": version["language"]}
    return {"text": row.text, "textLanguage": words_language(store, row.item)}


def documents(store: kb.Store, language: str = "en") -> list[dict[str, Any]]:
    """The dashboard's list of documents, in date order. On a page in another language than English, a document
    held in that language too is listed once, by its title there, its text to read the one in that language."""
    rows = store.select(DOCUMENT_FACTS_QUERY.text).dicts()
    titled = {str(r["document"]): held_title(store, str(r["document"]), language) for r in rows}
    versions = {held.version for held in titled.values() if held is not None and held.version}
    slugs = {str(r["document"]): str(r["slug"]) for r in rows}
    listed = []
    for r in rows:
        document = str(r["document"])
        if document in versions:  # listed under its original
            continue
        held = titled[document]
        listed.append({"href": local_href(document), "title": held.title if held else str(r["title"]),
                       "date": str(r.get("date", "")), "kind": kind_name(store, local_name(str(r["type"])), language),
                       "held": str(r["held"]).lower() == "true",
                       "reader": f"/reader/{slugs.get(held.version, r['slug']) if held else r['slug']}"})
    return listed


# --------------------------------------------------------------------------------------------
# Item pages (web process, thread pool)
# --------------------------------------------------------------------------------------------


def _value(store: kb.Store, value: Node, language: str = "en") -> dict[str, Any]:
    if isinstance(value, URIRef):
        iri = str(value)
        if iri.startswith(kb.BASE) and "#" not in iri:
            facts = node_facts(store, iri, language)
            return {"href": local_href(iri), "label": facts["label"], "iri": iri,
                    "date": facts["date"] or facts["knownBy"]}
        return {"href": local_href(iri), "label": curie(iri), "iri": iri}
    if isinstance(value, Literal) and value.datatype == XSD.boolean:  # a yes or no, said in the page's words
        return {"text": Words(language).plain(f"value.{str(value.toPython()).lower()}"), "language": None}
    if isinstance(value, Literal) and value.language and kb.primary_language(value.language) != language:
        # a name or title tagged in another language than the page's ("ILO"@en on a Spanish page) is read in it
        return {"text": str(value), "language": value.language, "writtenIn": value.language}
    if isinstance(value, Literal):
        return {"text": str(value), "language": value.language}
    return {"text": str(value)}


HIDDEN = {RDF_TYPE, KB + "text", KB + "knownThrough", KB + "hasEvidence", KB + "heading"}
# What the curators (and the library, in the graph) write of an item in their own words, untagged: English,
# marked so on a page in another language, as a link's note is.
ENGLISH_PROSE = {KB + "note", KB + "noLinkFound", KB + "dateNote", KB + "explanation"}
CITABLE = ("doc", "activity", "body", "link")  # what kb.cite describes (a topic is a concept, not a source)
ROLE_GROUPS = {("addressee", "in"), ("addressee", "out"), ("hasTopic", "in"), ("hasTopic", "out"), ("chair", "in"),
               ("chair", "out"), ("viceChair", "in"), ("viceChair", "out")}  # each a heading (api.words)


def _quote_view(store: kb.Store, evidence: str, budget: list[int], language: str) -> dict[str, Any]:
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
            "documentLabel": label(store, context.document, language), "language": context.language,
            "reader": f"/reader/{context.slug}#ev-{local_name(evidence)}" if context.from_source else None}


def item_page(store: kb.Store, iri: URIRef, language: str = "en") -> dict[str, Any]:
    """Everything an item's page shows but its status: facts, text, links with quotes in context, trace, citation;
    the knowledge base's names of things (items, the ontology's terms) in ``language`` where it has them, the
    quoted and provision text as printed."""
    description = kb.describe(store, iri)
    node = str(iri)
    types = [str(o) for p, o in description.properties if p == RDF_TYPE]
    kinds = [local_name(t) for t in types if t.startswith(KB) and local_name(t) not in
             ("Provision", "Document", "Activity")]
    kind = kinds[0] if kinds else ("Topic" if "http://www.w3.org/2004/02/skos/core#Concept" in types else
                                   local_name(types[0]) if types else "Item")
    section = node[len(kb.BASE):].split("/", 1)[0] if node.startswith(kb.BASE) else ""
    # a topic is defined in English and Spanish: the page gives the one in its language, here and in its facts
    definition = description.said_in(SKOS_DEFINITION, language)
    facts: list[dict[str, Any]] = []
    for predicate, value in description.properties:
        if predicate in HIDDEN or (predicate == SKOS_DEFINITION and value != definition):
            continue
        fact = _value(store, value, language)
        if predicate == KB + "bodyType" and isinstance(value, Literal):
            fact["text"] = kb.body_type_name(str(value), language)
        if predicate in ENGLISH_PROSE and isinstance(value, Literal) and not value.language and language != "en":
            fact["writtenIn"] = "en"
        if facts and facts[-1]["predicate"] == predicate:
            facts[-1]["values"].append(fact)
        else:
            facts.append({"predicate": predicate, "name": term_name(store, predicate, language),
                          "curie": curie(predicate), "values": [fact]})
    text = description.first(KB + "text") or (str(definition) if definition is not None else None)
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
                link = grouped[str(r["link"])] = {
                    "iri": str(r["link"]), "href": local_href(str(r["link"])), "type": type_name,
                    "typeLabel": kb.link_type_name(type_name, language), "direction": direction,
                    "other": _value(store, r["other"], language), "assertedBy": local_name(str(r["assertedBy"])),
                    "assertedByLabel": term_name(store, str(r["assertedBy"]), language).lower(),
                    "confidence": str(r["confidence"]) if "confidence" in r else None,
                    "note": str(r["note"]) if "note" in r else None,
                    "knownBy": str(r["knownBy"]) if "knownBy" in r else None, "quotes": [],
                    "extent": local_name(str(r["extent"])) if "extent" in r else None,
                    "part": str(r["part"]) if "part" in r else None,
                    "role": local_name(str(r["role"])) if "role" in r else None,
                    "roleLabel": term_name(store, str(r["role"]), language).lower() if "role" in r else None}
            link["quotes"].append(str(r["evidence"]))
        links.extend(grouped.values())
    links.sort(key=lambda link: (link["type"] in ("addressee", "hasTopic", "chair", "viceChair"),
                                 link["direction"], link["type"], link["other"]["label"]))
    for link in links:
        link["quotes"] = [_quote_view(store, ev, budget, language) for ev in link["quotes"]]
    own = [{"how": str(r["how"]), **_quote_view(store, str(r["evidence"]), budget, language)}
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
        group = incoming.setdefault(predicate, {"key": local_name(predicate),
                                                "curie": term_name(store, predicate, language), "items": []})
        if len(group["items"]) < 200:
            group["items"].append(_value(store, URIRef(subject), language))
    document = description.first(KB + "inDocument")
    own_document = document if document is not None else node if section == "doc" else None
    language_of_text = str(kb.describe(store, URIRef(own_document)).first(DCTERMS_LANGUAGE) or "") \
        if own_document else ""
    # held in the page's language too (a language version): its title, its words where it has this provision's
    said = in_version(store, own_document, language) if own_document else {}
    children = []
    for c, e in description.children:
        counterpart = said.get(c, {})
        words = counterpart.get("heading") or counterpart.get("text")
        children.append({"href": local_href(c), "eId": e, "label": node_facts(store, c, language)["locator"],
                         "text": _short(words or _text(store, c), 160),
                         "language": counterpart["language"] if words else
                         language_of_text or words_language(store, str(c))})
    cite: dict[str, str] = {}
    # the Spanish-style citation's: the language of what it cites (a Spanish version's, if held), else of the name
    # it cites it by (a body's Spanish name)
    cite_language = ""
    if section in CITABLE:
        try:
            citation = kb.cite(store, iri)
            cite = {fmt: citation.render(fmt) for fmt in kb.CITATION_FORMATS}
            spanish = kb.cite(store, iri, "es")  # for reports written in Spanish: the item as held in Spanish
            cite["text-es"] = spanish.render("text")
            cite_language = kb.primary_language(spanish.text_language or spanish.label_language)
        except kb.KbError:
            cite = {}
    try:
        trace = kb.trace(store, iri)
        timeline = timeline_svg(store, trace, language)
        steps = [{"direction": link.direction, "from": _value(store, URIRef(link.source), language),
                  "type": link.link_type, "typeLabel": kb.link_type_name(link.link_type, language),
                  "to": _value(store, URIRef(link.target), language), "quotes": len(link.quotes)}
                 for link in trace.links]
    except kb.KbError:
        timeline, steps = None, []
    parents: list[dict[str, str]] = []
    parent = description.first(KB + "partOf")
    while parent is not None and len(parents) < 10:
        parents.insert(0, {"href": local_href(parent), "label": label(store, parent, language)})
        rows = store.select(PARENT_QUERY.text, {"node": URIRef(parent)}).rows
        parent = str(rows[0][0]) if rows else None
    held = description.first(KB + "held")
    reader = None
    if section == "doc" and held == "true":
        reader = f"/reader/{description.first(KB + 'slug')}"
    elif document is not None and description.first(KB + "startOffset") is not None:
        reader = f"/reader/{local_name(document)}#{description.first(KB + 'eId')}"
    text_language = (language_of_text or words_language(store, node)) if description.first(KB + "text") is not None \
        else (definition.language or "" if isinstance(definition, Literal) else "")
    heading_language = language_of_text
    version: dict[str, Any] | None = None
    original: dict[str, str] | None = None
    held_in = held_title(store, own_document, language) if own_document else None
    if held_in is not None and held_in.version:
        mine = said.get(node)
        shown = mine if mine and (mine["text"] or mine["heading"]) else None
        # a counterpart without words (a list, as in the original) is linked as such, the original's words shown
        target = mine["iri"] if mine else held_in.version
        version = {"href": local_href(target), "label": label(store, target, language),
                   "language": language, "document": section == "doc" and node == own_document,
                   "aligned": shown is not None, "counterpart": mine is not None}
        if shown is not None:  # its words in the page's language first, the original's beside them
            original = {"text": text or "", "heading": heading or "", "language": text_language,
                        "headingLanguage": heading_language,
                        "primary": kb.primary_language(text_language or heading_language)}
            text, heading = shown["text"] or None, shown["heading"] or None
            text_language = heading_language = shown["language"]
    return {"iri": node, "path": local_href(node), "label": label(store, node, language),
            "kind": kind_name(store, kind, language), "section": section, "language": language_of_text,
            "textLanguage": text_language, "headingLanguage": heading_language, "version": version,
            "original": original, "citeLanguage": cite_language,
            "text": text, "heading": heading, "facts": facts, "links": links, "own": own,
            "incoming": list(incoming.values()), "children": children, "cite": cite, "timeline": timeline,
            "steps": steps, "parents": parents, "reader": reader, "quoted": quoted, "roles": _roles(links),
            "held": held == "true",
            "hasStatus": any(t in (KB + "Mandate", KB + "Recommendation") for t in types)}


def _roles(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The addressee, topic and chair links, grouped under a heading each (trace links are listed apart)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        if (link["type"], link["direction"]) in ROLE_GROUPS:
            groups.setdefault(f"{link['type']}.{link['direction']}", []).append(link)
    for found in groups.values():  # in time order (CQ5), undated last
        found.sort(key=lambda link: (link["other"].get("date") or "9999", link["other"]["label"]))
    return [{"key": key, "links": found} for key, found in groups.items()]


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


def timeline_svg(store: kb.Store, trace: kb.Trace, language: str = "en") -> str | None:
    """The trace drawn on a time axis: one row per item, placed by its date; arrows typed and labelled (its words
    in ``language``, from :mod:`api.words`)."""
    if not trace.links:
        return None
    nodes = [trace.item]
    for link in trace.links:
        for node in (link.source, link.target):
            if node not in nodes:
                nodes.append(node)
    t = Words(language)
    facts = {n: node_facts(store, n, language) for n in nodes}
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
    title = t("timeline.title", label=label(store, trace.item, language))  # escaped by the catalogue
    desc = t("timeline.desc", n=len(order), low=int(low), high=int(high), links=t.count("typed_link", len(trace.links)))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'role="img" aria-labelledby="timeline-title timeline-desc" class="timeline">',
             f'<title id="timeline-title">{title}</title><desc id="timeline-desc">{desc}</desc>',
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
        kind = kind_name(store, facts[n]["kind"], language) or str(t("timeline.item"))
        name = facts[n]["label"]
        date = facts[n]["date"] or str(t("item.known_by", date=facts[n]["knownBy"]) if facts[n]["knownBy"]
                                       else t("timeline.undated"))
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
                     f'{esc(kb.link_type_name(link.link_type, language))}</text>')
    parts.append('</svg>')
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Reader (web process)
# --------------------------------------------------------------------------------------------


def reader_page(store: kb.Store, document: URIRef, language: str = "en") -> dict[str, Any]:
    """A held document's source text cut at every provision start, quotes marked, links listed beside (the
    linked items named in ``language`` where the graph has their names in it)."""
    source = kb.source_text(store, document)
    text = source.text
    links_by_item: dict[str, list[dict[str, Any]]] = {}
    for r in store.select(DOCUMENT_LINKS_QUERY.text, {"document": document}).dicts():
        provision, type_name = str(r["provision"]), local_name(str(r["type"]))
        outgoing = str(r["from"]) == provision
        other = str(r["to"]) if outgoing else str(r["from"])
        entry = {"type": type_name, "direction": "out" if outgoing else "in",
                 "href": local_href(other), "label": label(store, other, language), "link": local_href(str(r["link"]))}
        bucket = links_by_item.setdefault(provision, [])
        if entry not in bucket:
            bucket.append(entry)
    supports: dict[str, list[str]] = {}
    for r in store.select(EVIDENCE_LINKS_QUERY.text, {"document": document}).dicts():
        supports.setdefault(str(r["evidence"]), []).append(
            f"{label(store, str(r['from']), language)} {kb.link_type_name(local_name(str(r['type'])), language)} "
            f"{label(store, str(r['to']), language)}")
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
                           or (str(Words(language)("reader.quoted")) if covering else "")})
        marks = [entry for span in spans for entry in links_by_item.get(span.iri, [])]
        blocks.append({"anchors": [{"eId": s.eid, "kind": kind_name(store, s.kind, language), "number": s.number,
                                    "href": local_href(s.iri)}
                                   for s in spans], "pieces": pieces, "links": marks})
    return {"iri": source.document, "path": local_href(source.document), "title": source.title,
            "slug": source.slug, "language": source.language, "blocks": blocks, "provisions": len(source.provisions),
            "quotes": len(source.quotes), "characters": len(text),
            "toc": [{"eId": s.eid, "label": (f"{s.number} {s.heading}".strip() or s.eid),
                     "kind": kind_name(store, s.kind, language)}
                    for s in source.provisions if s.kind in ("Section", "Mandate", "Recommendation")]}


# --------------------------------------------------------------------------------------------
# Search (web process; the lists are read once per store)
# --------------------------------------------------------------------------------------------

class Index(NamedTuple):
    """The search page's entries in a page's language, its provisions' entries by IRI, and the other names of
    its bodies and topics by IRI, each with its language tag: (name, tag), in the order of the names."""

    entries: list[dict[str, str]]
    provisions: dict[str, dict[str, str]]
    names: dict[str, tuple[tuple[str, str], ...]]


_INDEX: dict[tuple[int, str], Index] = {}


def fold(text: str) -> str:
    """Lower case without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _index(store: kb.Store, language: str = "en") -> Index:
    """What search reads (once per store and language): each entry's ``title`` is the one a page in ``language``
    shows, and its ``key`` holds that title and the knowledge base's, so that either finds it."""
    found = _INDEX.get((id(store), language))
    if found is not None:
        return found

    def shown(iri: str, given: str) -> tuple[str, str]:
        title = label(store, iri, language) if language != "en" else given
        return title, given if title == given else f"{title} {given}"

    entries = []
    for r in store.select(PROVISIONS_QUERY.text).dicts():
        kind = local_name(str(r["kind"]))
        title, named = shown(str(r["provision"]), provision_title(
            str(r["docTitle"]), kind, str(r.get("number", "")), str(r["eId"]), reconstructed="reconstructed" in r,
            printed=printed_numbers(store, str(r["provision"]), str(r["eId"]))))
        body = " ".join(str(r[k]) for k in ("heading", "text") if k in r)
        entries.append({"type": "provision", "iri": str(r["provision"]), "title": title, "kind": kind,
                        "text": body, "key": fold(f"{named} {r['eId']} {body}"), "document": str(r["document"]),
                        "original": str(r.get("original", "")), "originalDocument": str(r.get("originalDocument", "")),
                        "language": kb.primary_language(str(r.get("language", ""))
                                                        or words_language(store, str(r["provision"])))})
    for r in store.select(ACTIVITIES_QUERY.text).dicts():
        body = ", ".join(str(r[k]) for k in ("startDate", "place") if k in r)
        title, named = shown(str(r["activity"]), str(r["label"]))
        entries.append({"type": "activity", "iri": str(r["activity"]), "title": title,
                        "kind": local_name(str(r["type"])), "text": body, "key": fold(f"{named} {body}")})
    names: dict[str, tuple[tuple[str, str], ...]] = {}
    for query, type_name in ((BODIES_QUERY, "body"), (TOPICS_QUERY, "topic")):
        for r in store.select(query.text).dicts():
            iri = str(r[type_name])
            # each other name comes after its language tag ("es:OIT"): a tag holds no colon, a name may
            tagged = sorted((name, tag) for tag, _, name in (a.partition(":") for a in
                                                               str(r.get("alts", "")).split(" | ") if a))
            alts = ", ".join(name for name, _ in tagged)
            title, named = shown(iri, str(r["label"]))
            entries.append({"type": type_name, "iri": iri, "title": title,
                            "kind": str(r.get("bodyType", "")) if type_name == "body" else "Topic",
                            "text": alts, "key": fold(f"{named} {alts}")})
            names[iri] = tuple(tagged)
    index = Index(entries, {e["iri"]: e for e in entries if e["type"] == "provision"}, names)
    with _LOCK:
        _INDEX[(id(store), language)] = index
    return index


def _marked(text: str, folded: str, words: list[str]) -> list[dict[str, Any]]:
    """``text`` cut into pieces, the stretches whose folded form (``folded``, as long as ``text``) is one of the
    words marked."""
    spans = sorted((m.start(), m.end()) for w in words for m in re.finditer(re.escape(w), folded))
    pieces, at = [], 0
    for a, b in spans:
        if a < at:
            continue
        pieces += [{"text": text[at:a], "marked": False}, {"text": text[a:b], "marked": True}]
        at = b
    pieces.append({"text": text[at:], "marked": False})
    return [p for p in pieces if p["text"]]


def _snippet(text: str, words: list[str], size: int = 240) -> list[dict[str, Any]]:
    """A stretch of ``text`` around the first match, cut into pieces with the matching words marked."""
    folded = fold(text)
    if len(folded) != len(text):  # folding changed lengths (ligatures): show the start, unmarked
        return [{"text": _short(text, size), "marked": False}]
    first = min((folded.find(w) for w in words if folded.find(w) >= 0), default=0)
    start = max(0, first - size // 3)
    end = min(len(text), start + size)
    pieces = [{"text": "…", "marked": False}] if start > 0 else []
    pieces += _marked(text[start:end], folded[start:end], words)
    if end < len(text):
        pieces.append({"text": "…", "marked": False})
    return pieces


def _names_snippet(names: Sequence[tuple[str, str]], words: list[str], language: str,
                   size: int = 240) -> list[dict[str, Any]]:
    """A body's or topic's other names from the first that holds a word, as many as ``size`` characters allow,
    each one piece whose ``pieces`` have the words marked and whose ``language`` is its tag where that is not
    the page's (its names are English and Spanish alike: each is read in its own)."""
    first = next((i for i, (name, _) in enumerate(names) if any(w in fold(name) for w in words)), 0)
    pieces: list[dict[str, Any]] = [{"text": "…, ", "marked": False}] if first else []
    room = size
    for i, (name, tag) in enumerate(names[first:]):
        if i and len(name) > room:
            pieces.append({"text": ", …", "marked": False})
            break
        if i:
            pieces.append({"text": ", ", "marked": False})
        folded = fold(name)
        whole = len(name) <= size and len(folded) == len(name)  # else windowed (and folded) as a text is
        pieces.append({"pieces": _marked(name, folded, words) if whole else _snippet(name, words, size),
                       "language": tag if tag and kb.primary_language(tag) != language else ""})
        room -= len(name) + 2
    return pieces


SEARCH_TYPES = ("provision", "activity", "body", "topic")


def _one_per_work(store: kb.Store, hits: list[dict[str, str]], index: Index,
                  language: str) -> tuple[list[dict[str, str]], dict[str, dict[str, str]]]:
    """On a page in a language other than English, a provision found in the version its original is titled by in
    that language (:func:`held_title`) is the original's hit, once, whether or not the original's words matched
    too (its page shows the version's words); its snippet the version's words. Returns the hits and the version's
    words (and their ``language``) by the original's IRI."""
    if language == "en":
        return hits, {}
    kept: dict[str, dict[str, str]] = {}
    said: dict[str, dict[str, str]] = {}
    for e in hits:
        original = index.provisions.get(e.get("original", ""))
        held = held_title(store, e.get("originalDocument", ""), language) if original is not None else None
        if original is not None and held is not None and held.version == e["document"]:
            if e["text"]:
                said[original["iri"]] = {"text": e["text"], "language": e["language"]}
            e = original
        kept.setdefault(e["iri"], e)
    return list(kept.values()), said


def _hit(store: kb.Store, entry: dict[str, str], index: Index, said: Mapping[str, str] | None, words: list[str],
         language: str) -> dict[str, Any]:
    """One search result: its link, title and kind in ``language``, and a snippet of the words that matched, from
    the language version that said them (``said``), a body's or topic's names, or the entry's text."""
    iri = entry["iri"]
    if entry["type"] == "body":
        kind = kb.body_type_name(entry["kind"], language) if entry["kind"] else kind_name(store, "Body", language)
    else:
        kind = kind_name(store, entry["kind"], language)
    if said is not None:
        snippet = _snippet(said["text"], words)
    elif iri in index.names:
        snippet = _names_snippet(index.names[iri], words, language)
    else:
        snippet = _snippet(entry["text"], words) if entry["text"] else []
    return {"href": local_href(iri), "title": label(store, iri, language), "kind": kind, "snippet": snippet,
            "language": said["language"] if said is not None else entry.get("language", "")}


def search(store: kb.Store, q: str, kind: str | None, limit: int = 50, language: str = "en") -> dict[str, Any]:
    """Every provision, activity, body and topic whose title or text holds all the words (case and accents
    ignored), activities, bodies and topics named in ``language`` where the graph has their names in it."""
    words = [fold(w) for w in q.split() if w.strip()]
    if not words:
        return {"q": q, "groups": [], "total": 0}
    index = _index(store, language)
    groups = []
    total = 0
    for type_name in SEARCH_TYPES:
        if kind and kind != type_name:
            continue
        hits = [e for e in index.entries if e["type"] == type_name and all(w in e["key"] for w in words)]
        hits, said = _one_per_work(store, hits, index, language)
        hits.sort(key=lambda e: (-sum(fold(e["title"]).count(w) for w in words), e["title"]))
        total += len(hits)
        groups.append({"type": type_name, "count": len(hits), "more": len(hits) > limit,
                       "items": [_hit(store, e, index, said.get(e["iri"]), words, language) for e in hits[:limit]]})
    return {"q": q, "groups": groups, "total": total}


# --------------------------------------------------------------------------------------------
# Ontology page (read once per store)
# --------------------------------------------------------------------------------------------

_ONTOLOGY: dict[tuple[int, str], dict[str, Any]] = {}
TERM_KINDS = ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "NamedIndividual")


def ontology_page(store: kb.Store, language: str = "en") -> dict[str, Any]:
    """The ontology's terms by kind with their label (in ``language`` where the ontology has it), definition,
    parents, domain, range, and examples from the knowledge base."""
    found = _ONTOLOGY.get((id(store), language))
    if found is not None:
        return found
    terms: dict[str, dict[str, Any]] = {}
    for r in store.select(ONTOLOGY_TERMS_QUERY.text).dicts():
        iri = str(r["term"])
        type_name = local_name(str(r["type"]))
        term = terms.setdefault(iri, {"iri": iri, "curie": curie(iri), "id": local_name(iri), "type": type_name,
                                      "label": "", "definition": "", "parents": [], "domain": [], "range": []})
        if type_name in TERM_KINDS and term["type"] == "NamedIndividual" and type_name != "NamedIndividual":
            term["type"] = type_name
        term["label"] = term["label"] or in_language(store, iri, language) or str(r.get("label", ""))
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
            term["examples"] = [{"href": local_href(str(r[0])),
                                 "label": node_facts(store, str(r[0]), language)["short"]}
                                for r in store.select(CLASS_EXAMPLES_QUERY.text, {"class": node}).rows]
        elif term["type"].endswith("Property"):
            term["count"] = int(str(store.select(PROPERTY_COUNT_QUERY.text, {"property": node}).rows[0][0]))
            rows = store.select(PROPERTY_EXAMPLE_QUERY.text, {"property": node}).rows
            term["examples"] = [{"subject": _value(store, s, language), "object": _value(store, o, language)}
                                for s, o in rows
                                if s is not None and o is not None]
        else:
            term["count"] = None
            term["examples"] = []
    groups = [{"kind": kind, "terms": [t for t in terms.values() if t["type"] == kind]} for kind in TERM_KINDS]
    page = {"groups": [g for g in groups if g["terms"]], "count": len(terms)}
    with _LOCK:
        _ONTOLOGY[(id(store), language)] = page
    return page


def _term_href(iri: str) -> str:
    return "#" + local_name(iri) if iri.startswith(KB) else iri
