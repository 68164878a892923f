"""Traces: the chain of an item upstream (what it derives from or repeats) and downstream (what
derives from it, repeats it, answers or fulfils it), each link with its quotes.

It owns the shape of a trace (what ``kb trace`` prints and the API returns); the query itself is
``queries/trace.rq``, with the item bound so that its property paths start from a known node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from kb.items import original_of, unknown, withdrawn
from kb.queries import get_query
from kb.store import Store

FOLDER = "trace"  # its queries: queries/trace/*.rq (the trace itself is the published queries/trace.rq)
LABEL_QUERY = get_query("label", folder=FOLDER).text
ITEM_EXISTS_QUERY = get_query("item-exists", folder=FOLDER).text
TRACE_QUERY = get_query("trace").text


@dataclass(frozen=True)
class TraceQuote:
    text: str
    document: str  # IRI of the quoted document
    start: int
    end: int


@dataclass
class TraceLink:
    direction: str  # item, upstream, downstream
    source: str
    link_type: str
    target: str
    source_label: str
    target_label: str
    quotes: list[TraceQuote] = field(default_factory=list)


@dataclass
class Trace:
    item: str
    label: str
    links: list[TraceLink]

    def as_json(self) -> dict[str, object]:
        return {"item": self.item, "label": self.label, "links": [
            {"direction": link.direction, "from": link.source, "fromLabel": link.source_label, "type": link.link_type,
             "to": link.target, "toLabel": link.target_label,
             "quotes": [{"text": q.text, "document": q.document, "start": q.start, "end": q.end} for q in link.quotes]}
            for link in self.links]}


def label(store: Store, node: str) -> str:
    rows = store.select(LABEL_QUERY, {"node": URIRef(node)}).rows
    return str(rows[0][0]) if rows else node


def trace(store: Store, item: URIRef) -> Trace:
    """The trace of an item (of a language version's provision or document: the original's, whose links
    they are); NotFoundError if the store does not know the item."""
    item = original_of(store, item) or item
    if not store.ask(ITEM_EXISTS_QUERY, {"item": item}) or withdrawn(store, item) is not None:
        raise unknown(store, item)
    links: dict[tuple[str, str, str, str], TraceLink] = {}
    labels: dict[str, str] = {}

    def name(node: str) -> str:
        if node not in labels:
            labels[node] = label(store, node)
        return labels[node]

    for row in store.select(TRACE_QUERY, {"item": item}).dicts():
        key = (str(row["direction"]), str(row["from"]), str(row["type"]).rsplit("#", 1)[-1], str(row["to"]))
        link = links.setdefault(key, TraceLink(key[0], key[1], key[2], key[3], name(key[1]), name(key[3])))
        link.quotes.append(TraceQuote(str(row["quote"]), str(row["quotedIn"]), int(str(row["start"])),
                                      int(str(row["end"]))))
    return Trace(item=str(item), label=name(str(item)), links=list(links.values()))
