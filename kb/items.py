"""Reading items back from a published store: references, one item's description, statistics, partitions.

It owns the resolution of what a user types ("wg1-2021-final-report recommendation_7", a slug, a
full IRI, or a path such as /doc/…) into an IRI, and the queries that describe an item. Queries
bind the IRI as a parameter; no query text is built from user input.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kb import iri
from kb.errors import GoneError, NotFoundError
from kb.queries import get_query
from kb.store import Store

FOLDER = "items"  # its queries: queries/items/*.rq
ITEM_QUERY = get_query("item", folder=FOLDER).text
CHILDREN_QUERY = get_query("children", folder=FOLDER).text
INCOMING_QUERY = get_query("incoming", folder=FOLDER).text
STATS_QUERY = get_query("statistics", folder=FOLDER).text
TOTAL_QUERY = get_query("total", folder=FOLDER).text
CLASS_PARTITION_QUERY = get_query("class-partitions", folder=FOLDER).text
PROPERTY_PARTITION_QUERY = get_query("property-partitions", folder=FOLDER).text
# A document's or provision's language versions (kb.versions): queries/versions/, shared with kb.cite.
LANGUAGE_VERSIONS_QUERY = get_query("language-versions", folder="versions").text
# What names an item, in this order: a document's title, a body's label, a topic's preferred label.
NAME_PREDICATES = (iri.PREFIXES["dcterms"] + "title", iri.PREFIXES["rdfs"] + "label",
                   iri.PREFIXES["skos"] + "prefLabel")



@dataclass
class ItemDescription:
    iri: str
    properties: list[tuple[str, Node]] = field(default_factory=list)
    children: list[tuple[str, str]] = field(default_factory=list)  # (iri, eId)
    incoming: list[tuple[str, str]] = field(default_factory=list)  # (subject iri, predicate iri)

    def values(self, predicate: str) -> list[Node]:
        return [o for p, o in self.properties if p == predicate]

    def first(self, predicate: str) -> str | None:
        found = self.values(predicate)
        return str(found[0]) if found else None

    def name(self, language: str = "en") -> str | None:
        """The item's title or label in ``language`` (``en`` also matches ``en-GB``, as SPARQL's LANGMATCHES),
        else one with no language, else one in another (a topic or body is named in Spanish too)."""
        def rank(named: tuple[str, Node]) -> tuple[int, int, str]:
            predicate, value = named
            return _closeness(value, language), NAME_PREDICATES.index(predicate), str(value)

        names = [(p, o) for p, o in self.properties if p in NAME_PREDICATES]
        return str(min(names, key=rank)[1]) if names else None

    def said_in(self, predicate: str, language: str = "en") -> Node | None:
        """The value of ``predicate`` in ``language`` (as :meth:`name` matches it), else one with no language,
        else one in another: a topic's skos:definition, given in English and Spanish."""
        found = self.values(predicate)
        return min(found, key=lambda value: (_closeness(value, language), str(value))) if found else None


def _closeness(value: Node, language: str) -> int:
    """0 for a literal in ``language`` or one of its regional tags, 1 for one without a language, 2 otherwise."""
    tag = (getattr(value, "language", None) or "").lower()
    return 0 if tag and (tag == language or tag.startswith(language + "-")) else 1 if not tag else 2


def describe(store: Store, item: URIRef) -> ItemDescription:
    """Everything the store says about one item; NotFoundError if it says nothing."""
    params = {"item": item}
    rows = store.select(ITEM_QUERY, params).rows
    if not rows or withdrawn(store, item) is not None:
        raise unknown(store, item)
    desc = ItemDescription(iri=str(item))
    desc.properties = [(str(p), o) for p, o in rows if p is not None and o is not None]
    desc.children = [(str(c), str(e)) for c, e in store.select(CHILDREN_QUERY, params).rows]
    desc.incoming = [(str(s), str(p)) for s, p in store.select(INCOMING_QUERY, params).rows]
    return desc


DOCUMENT_SLUGS_QUERY = get_query("document-slugs", folder=FOLDER).text
_PLURAL = {"body": "bodies", "activity": "activities", "topic": "topics"}
ENTITIES_QUERY = get_query("entities", folder=FOLDER).text
EIDS_QUERY = get_query("eids", folder=FOLDER).text


def unknown(store: Store, item: URIRef) -> NotFoundError:
    """The error for an item the store does not describe: gone (its document withdrawn, with the reason),
    or not found (with the nearest names)."""
    gone = withdrawn(store, item)
    if gone is not None:
        link = str(item).startswith(iri.BASE + "link/")
        return GoneError(f"{item} names nothing now: {gone}",
                         hint="cite its source or its target by their own IRIs, where they resolve" if link
                         else "cite another document's IRI")
    return NotFoundError(f"no item {item} in the knowledge base", hint=nearest(store, item))


def nearest(store: Store, item: URIRef) -> str:
    """What to try instead of an item the store does not hold: the nearest document slugs, or the nearest
    eIds of its document (a mistyped reference otherwise leads to a second failing command)."""
    split = iri.split_provision_iri(str(item))
    kind = next((k for k in ("body", "activity", "topic") if str(item).startswith(f"{iri.BASE}{k}/")), None)
    if kind is not None:
        prefix = f"{iri.BASE}{kind}/"
        names = sorted(str(r[0])[len(prefix):] for r in store.select(
            ENTITIES_QUERY, {"prefix": Literal(prefix)}).rows)
        close = difflib.get_close_matches(str(item)[len(prefix):], names, n=3, cutoff=0.6)
        return (f"did you mean {', '.join(f'{kind}:{n}' for n in close)}?" if close
                else f"`kb list {_PLURAL[kind]}` lists them")
    if str(item).startswith(iri.BASE + "link/"):
        return "copy a link's IRI from its source's or target's page, `kb show` or `kb trace`"
    if not split:
        return "check the slug and eId"
    slug, eid = split
    slugs = sorted(str(r[0]) for r in store.select(DOCUMENT_SLUGS_QUERY).rows)
    if slug not in slugs:
        close = difflib.get_close_matches(slug, slugs, n=3, cutoff=0.6)
        return (f"no document {slug!r}: did you mean {', '.join(close)}?" if close
                else f"no document {slug!r}: `kb list documents` lists them")
    if not eid:
        return "check the slug and eId"
    eids = sorted(str(r[0]) for r in store.select(EIDS_QUERY, {"doc": iri.doc_iri(slug)}).rows)
    close = difflib.get_close_matches(eid, eids, n=3, cutoff=0.6)
    return (f"did you mean {', '.join(f'{slug} {e}' for e in close)}?" if close
            else f"list the eIds of the document with `kb show {slug}`")


REPLACED_QUERY = get_query("replaced", folder=FOLDER).text


def replaced_by(store: Store, item: URIRef) -> str | None:
    """The IRI that now names an item published while its document was known only through
    quotation (kb.promote), or None."""
    rows = store.select(REPLACED_QUERY, {"item": item}).rows
    return str(rows[0][0]) if rows else None


WITHDRAWN_QUERY = get_query("withdrawn", folder=FOLDER).text


WITHDRAWN_LINK_QUERY = get_query("withdrawn-link", folder=FOLDER).text


def withdrawn(store: Store, item: URIRef) -> str | None:
    """Why an IRI of a document withdrawn on purpose (the document's or one of its provisions'), or of a
    curated link withdrawn, names nothing now, or None."""
    if str(item).startswith(iri.BASE + "link/"):
        rows = store.select(WITHDRAWN_LINK_QUERY, {"link": item}).rows
        if not rows:
            return None
        when, why, was = rows[0]
        return (f"{'the link ' + str(was).removeprefix('The link ') if was else 'the link'} was withdrawn on {when}"
                + (f": {str(why).removeprefix('Withdrawn: ')}" if why else ""))
    split = iri.split_provision_iri(str(item))
    if split is None:
        return None
    rows = store.select(WITHDRAWN_QUERY, {"doc": iri.doc_iri(split[0])}).rows
    if not rows:
        return None
    when, why = rows[0]
    return f"{split[0]} was withdrawn on {when}" + (f": {str(why).removeprefix('Withdrawn: ')}" if why else "")


TOMBSTONE_QUERY = get_query("tombstone", folder=FOLDER).text


def tombstone(store: Store, item: URIRef) -> set[tuple[Node, Node, Node]] | None:
    """What the store keeps of a withdrawn item, for a client that asked for its RDF: the withdrawn link's or
    document's own triples (when, why, what it linked; a provision's are its document's), or None when the
    item is not withdrawn."""
    if withdrawn(store, item) is None:
        return None
    split = iri.split_provision_iri(str(item))
    gone = iri.doc_iri(split[0]) if split is not None else item
    return {(gone, p, o) for p, o in store.select(TOMBSTONE_QUERY, {"gone": gone}).rows
            if p is not None and o is not None}


def statistics(store: Store) -> dict[str, int]:
    """Triples in total and instances per ``kb:`` class."""
    counts = {"triples": int(str(store.select(TOTAL_QUERY).rows[0][0]))}
    for cls, n in store.select(STATS_QUERY).rows:
        counts[str(cls).rsplit("#", 1)[-1]] = int(str(n))
    return counts


@dataclass(frozen=True)
class Partitions:
    """The data's VoID partitions: entities per class (any class, not only ``kb:``'s) and triples per
    property, over the knowledge base's triples (kb.nt), without the release's own description."""

    classes: dict[str, int]
    properties: dict[str, int]

    @property
    def triples(self) -> int:
        """Every triple of the data once (each has one property): kb.nt's line count."""
        return sum(self.properties.values())


def partitions(store: Store) -> Partitions:
    """Entities per class and triples per property of the data in ``store`` (two aggregate scans)."""
    classes = {str(c): int(str(n)) for c, n in store.select(CLASS_PARTITION_QUERY).rows if c is not None}
    properties = {str(p): int(str(n)) for p, n in store.select(PROPERTY_PARTITION_QUERY).rows if p is not None}
    return Partitions(classes, properties)


def original_of(store: Store, item: URIRef) -> URIRef | None:
    """The original's document or provision that ``item`` says in another language (a held language
    version's: kb.versions), or None when the item is no version's."""
    works = sorted({str(r["work"]) for r in store.select(LANGUAGE_VERSIONS_QUERY, {"item": item}).dicts()}
                   - {str(item)})
    return URIRef(works[0]) if works else None
