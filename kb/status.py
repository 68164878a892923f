"""Status answers for users: which mandates and recommendations are open, addressed, carried forward
or adopted as of a date, and why.

It owns the read side of DESIGN.md section 4: it runs the status rules (:mod:`kb.rules`) on a
published store for any as-of date (by default the build's own, the date the stored assessments
were made for), joins each assessment with what a reader needs (document, number, text, topics,
addressees), filters, and explains a status with the links and quotes that decided it. The status
of one item (:func:`item_status`, behind :func:`why`) runs the rules with that item bound rather
than filtering the assessments of every item. A list asked for the build's own date reads the
assessments the build stored (:func:`stored_assessments`: one scan, instead of every rule over the
whole graph).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

from rdflib import RDF, SKOS, XSD, Literal, URIRef
from rdflib.term import Node

from kb import iri, phrases
from kb.errors import InputError, NotFoundError
from kb.items import DOCUMENT_SLUGS_QUERY, ItemDescription, describe, original_of
from kb.queries import get_query
from kb.rules import STATUS_VALUES, Assessment, assess, load_rules
from kb.store import Store, bind_in_where

FOLDER = "status"  # its queries: queries/status/*.rq
ITEMS_QUERY = get_query("items", folder=FOLDER).text
STORED_QUERY = get_query("stored", folder=FOLDER).text
STORED_USED_QUERY = get_query("stored-used", folder=FOLDER).text
DOCUMENT_ITEMS_QUERY = get_query("document-items", folder=FOLDER).text
# What a filter of a status list may name: each kind of slug, looked up only when a filter is given.
FILTER_SLUGS_QUERIES = {"document": DOCUMENT_SLUGS_QUERY, "topic": get_query("topic-slugs", folder=FOLDER).text,
                        "body": get_query("body-slugs", folder=FOLDER).text}
KINDS = ("Mandate", "Recommendation")
STATUS_ITEMS_QUERY = get_query("item-count", folder=FOLDER).text
# A document's status is assessed item by item when it holds at most this share of the graph's mandates
# and recommendations: one item costs ~3 ms whatever the graph, the whole graph ~0.25 ms per item it
# holds (bench/bench_status.py), so below ~8% the items alone are cheaper.
PER_ITEM_SHARE = 0.08
BUILD_ASOF_QUERY = get_query("build-asof", folder=FOLDER).text
LINK_QUERY = get_query("link", folder=FOLDER).text
NO_LINK_QUERY = get_query("no-link", folder=FOLDER).text
LINK_EVIDENCE_QUERY = get_query("link-evidence", folder=FOLDER).text
EVIDENCE_QUERY = get_query("evidence", folder=FOLDER).text


@dataclass(frozen=True)
class Quote:
    evidence: str
    text: str
    document: str  # slug of the quoted document
    date: str
    start: int
    end: int


@dataclass(frozen=True)
class LinkUsed:
    link: str
    source: str
    link_type: str  # local name: respondsTo, fulfils, reiterates, derivedFrom
    target: str
    label: str  # a readable name of the source
    known_by: str
    quotes: tuple[Quote, ...]

    @property
    def target_label(self) -> str:
        """A readable name of the target ("slug eId"): the item explained, or the provision that adopted it,
        through which an answer to that provision answers the item."""
        return iri.reference(self.target)


@dataclass
class StatusRow:
    """One mandate or recommendation with its status in each dimension as of a date."""

    item: str
    kind: str
    document: str
    eid: str
    number: str
    text: str
    document_title: str
    issuer: str
    topics: tuple[str, ...]
    addressees: tuple[str, ...]
    asof: dt.date
    assessments: dict[str, Assessment] = field(default_factory=dict)

    def value(self, dimension: str) -> str:
        found = self.assessments.get(dimension)
        return found.value if found else ""


def stored_assessments(store: Store, asof: dt.date) -> list[Assessment] | None:
    """The assessments the build stored for ``asof``, as :func:`kb.rules.assess` would make them (sorted
    by item then dimension), or None if the store holds none for that date, names a rule that
    ``queries/rules`` does not have, or predates kb:usedBasis (then the rules must run)."""
    rules = {rule.iri: rule for rule in load_rules()}
    date = {"asof": Literal(asof.isoformat(), datatype=XSD.date)}
    found: dict[str, Assessment] = {}
    for r in store.select(bind_in_where(STORED_QUERY, date)).dicts():
        rule = rules.get(URIRef(str(r["rule"])))
        if rule is None:
            return None
        found[str(r["assessment"])] = Assessment(str(r["item"]), rule.dimension, rule.value, asof, rule)
    if not found:
        return None
    buckets = {"usedLink": "links", "usedEvidence": "evidence", "usedBasis": "basis"}
    for r in store.select(bind_in_where(STORED_USED_QUERY, date)).dicts():
        assessment = found.get(str(r["assessment"]))
        if assessment is not None:
            getattr(assessment, buckets[str(r["used"]).rsplit("#", 1)[-1]]).add(str(r["value"]))
    if any(not a.basis and "?basis" in a.rule.query.text for a in found.values()):
        return None  # a store built before assessments named their basis (kb:usedBasis)
    return sorted(found.values(), key=lambda a: (a.item, a.dimension))


def _assessments(store: Store, asof: dt.date) -> list[Assessment]:
    """Every assessment as of ``asof``: the stored ones for the build's date, else the rules' answer."""
    stored = stored_assessments(store, asof) if asof == build_asof(store) else None
    return stored if stored is not None else assess(store, asof, load_rules())


def build_asof(store: Store) -> dt.date:
    """The as-of date the published assessments were made for."""
    rows = store.select(BUILD_ASOF_QUERY).rows
    if not rows or rows[0][0] is None:
        raise NotFoundError("the store holds no status assessments", hint="rebuild it with `kb build`")
    return dt.date.fromisoformat(str(rows[0][0]))


def parse_asof(value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"as-of date {value!r} is not a date", hint="write YYYY-MM-DD") from None


def status(store: Store, *, asof: dt.date | None = None, document: str | None = None, topic: str | None = None,
           body: str | None = None, value: str | None = None, kind: str | None = None) -> list[StatusRow]:
    """Every mandate and recommendation existing as of ``asof`` with its status, filtered.

    ``document``, ``topic`` and ``body`` are slugs (a topic includes its narrower topics; a body
    matches an addressee or the issuing body); ``value`` is a status value in any dimension;
    ``kind`` is ``Mandate`` or ``Recommendation``; a language version's ``document`` gives its original's
    (kb.versions). With a ``document`` that holds a small share of the
    graph's items (:data:`PER_ITEM_SHARE`), each of its items is assessed with the rules bound to it
    (:func:`item_status`), so the answer costs what the document holds, not what the graph holds.
    """
    check_filters(store, document=document, topic=topic, body=body, value=value, kind=kind)
    if document is not None:
        document = version_of(store, document) or document
    asof = asof or build_asof(store)
    items = None if document is None else [
        URIRef(str(r["item"])) for r in store.select(bind_in_where(DOCUMENT_ITEMS_QUERY, {"slug": Literal(document)}))
        .dicts()]
    if items is not None and len(items) <= PER_ITEM_SHARE * _status_items(store):
        found = (item_status(store, item, asof=asof) for item in items)  # each rule bound to the item
        rows = [row for row in found if row is not None and _keep(row, document, topic, body, value, kind)]
    else:
        by_item: dict[str, dict[str, Assessment]] = {}
        for a in _assessments(store, asof):
            by_item.setdefault(a.item, {})[a.dimension] = a
        rows = []
        for r in store.select(ITEMS_QUERY).dicts():
            row = _row(r, asof, by_item)
            if row is not None and _keep(row, document, topic, body, value, kind):
                rows.append(row)
    return sorted(rows, key=lambda row: (row.document, row.kind, iri.eid_sort_key(row.eid)))


DOCUMENT_KINDS_QUERY = get_query("document-kinds", folder=FOLDER).text
DOCUMENT_DRAFT_QUERY = get_query("document-draft", folder=FOLDER).text


def version_of(store: Store, document: str) -> str | None:
    """The slug of the held document that ``document`` is another language version of (its mandates and
    recommendations are that one's: kb.versions), or None."""
    original = original_of(store, iri.doc_iri(document))
    return str(original).rsplit("/", 1)[-1] if original is not None else None


def no_rows_reason(store: Store, document: str, asof: dt.date, language: str = phrases.DEFAULT_LANGUAGE) -> str:
    """Why a document's status has no row, in ``language``: it holds no mandate or recommendation (and what it
    holds), or none existed yet as of the date asked."""
    kinds = {str(r["kind"]).rsplit("#", 1)[-1]: int(str(r["n"]))
             for r in store.select(bind_in_where(DOCUMENT_KINDS_QUERY, {"slug": Literal(document)})).dicts()}
    held = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()) if kind not in (*KINDS, "Provision"))
    if not any(kinds.get(kind) for kind in KINDS) and store.ask(DOCUMENT_DRAFT_QUERY, {"slug": Literal(document)}):
        return phrases.say("status.none.draft", language, document=document)
    if not any(kinds.get(kind) for kind in KINDS):
        return phrases.say("status.none.kinds", language, document=document,
                           held=held or phrases.say("status.none.no_provision", language))
    return phrases.say("status.none.yet", language, document=document, date=asof.isoformat())


def filter_values(store: Store, name: str) -> tuple[str, ...]:
    """The slugs a ``document``, ``topic`` or ``body`` filter accepts (:func:`check_filters`), sorted:
    the web layer lists them in its API description, so that it promises what is checked here."""
    if name not in FILTER_SLUGS_QUERIES:
        raise InputError(f"no filter named {name!r}", hint="document, topic or body")
    return tuple(sorted({str(r["slug"]) for r in store.select(FILTER_SLUGS_QUERIES[name]).dicts()}))


def check_filters(store: Store, *, document: str | None = None, topic: str | None = None, body: str | None = None,
                  value: str | None = None, kind: str | None = None) -> None:
    """Refuse a filter that names nothing the knowledge base holds, with the nearest valid values: an
    unknown slug would otherwise give an empty list, read as "nothing open"."""
    given = {"document": document, "topic": topic, "body": body}
    for name, wanted in given.items():
        if wanted is None:
            continue
        slugs = list(filter_values(store, name))
        if wanted not in slugs:
            raise _unknown(name, wanted, slugs, f"`kb list {name.replace('y', 'ie')}s` lists them")
    values = list(STATUS_VALUES)
    if value is not None and value not in values:
        if value.casefold() == "open":
            raise InputError("'open' is not a status value", hint="an open item's response is no-evidence",
                             parameter="status")
        raise _unknown("status", value, values, "one of " + ", ".join(values), what="status value")
    if kind is not None and kind not in KINDS:
        raise _unknown("kind", kind, list(KINDS), "Mandate or Recommendation", what="kind with a status")


def _unknown(parameter: str, wanted: str, valid: list[str], otherwise: str, *, what: str = "") -> InputError:
    close = difflib.get_close_matches(wanted, valid, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else otherwise
    message = f"{wanted!r} is not a {what}" if what else f"no {parameter} {wanted!r} in the knowledge base"
    return InputError(message, hint=hint, parameter=parameter)


def _status_items(store: Store) -> int:
    return int(str(store.select(STATUS_ITEMS_QUERY).rows[0][0]))


def _row(r: dict[str, Node], asof: dt.date, by_item: dict[str, dict[str, Assessment]]) -> StatusRow | None:
    """A row of ITEMS_QUERY with its assessments; None for an item that does not exist yet as of that date."""
    item = str(r["item"])
    if item not in by_item:
        return None
    return StatusRow(
        item=item, kind=str(r["kind"]).rsplit("#", 1)[-1], document=str(r["slug"]), eid=str(r["eId"]),
        number=str(r.get("number", "")), text=str(r.get("text", "")), document_title=str(r["docTitle"]),
        issuer=str(r.get("issuer", "")), topics=tuple(str(r.get("topics", "")).split()),
        addressees=tuple(str(r.get("addressees", "")).split()), asof=asof, assessments=by_item[item])


def item_status(store: Store, item: URIRef, *, asof: dt.date | None = None) -> StatusRow | None:
    """The status of ONE mandate or recommendation as of ``asof`` (None if it is not one, or does not
    exist yet then): the same row :func:`status` gives for it, without assessing every other item.

    Eight rules then cost about the same at any size of graph; 30-response-no-evidence does not, since
    Oxigraph joins its OPTIONAL anti-join by hash, reading every counted response link (about 0.5 ms at
    24k triples, 35-65 ms at 2.3M; bench/bench_status.py).

    Each rule runs with the item bound as well as the date, and the first rule of a dimension that
    matches decides it, as in :func:`kb.rules.assess`. The item goes in as a VALUES block first in the
    rule's WHERE group (:func:`kb.store.bind_in_where`), where Oxigraph plans from it: bound by
    substitution, it is bound only at run time, and a rule such as 70-adoption-adopted then starts from
    every derivedFrom link (11 ms instead of 0.3 ms at 2.3M triples, bench/bench_status.py).
    """
    asof = asof or build_asof(store)
    date = Literal(asof.isoformat(), datatype=XSD.date)
    decided: dict[str, Assessment] = {}
    for rule in load_rules():
        if rule.dimension in decided:
            continue
        found: Assessment | None = None
        for row in store.select(bind_in_where(rule.query.text, {"item": item}), {"asof": date}).dicts():
            found = found or Assessment(str(item), rule.dimension, rule.value, asof, rule)
            for var, bucket in (("link", found.links), ("evidence", found.evidence), ("basis", found.basis)):
                if var in row:
                    bucket.add(str(row[var]))
        if found is not None:
            decided[rule.dimension] = found
    if not decided:
        return None
    decided = {dimension: decided[dimension] for dimension in sorted(decided)}  # assess() sorts by dimension
    found_rows = [found_row for r in store.select(ITEMS_QUERY, {"item": item}).dicts()
                  if (found_row := _row(r, asof, {str(item): decided})) is not None]
    return min(found_rows, key=lambda r: r.kind) if found_rows else None  # status() sorts by kind too


def _keep(row: StatusRow, document: str | None, topic: str | None, body: str | None, value: str | None,
          kind: str | None) -> bool:
    return ((document is None or row.document == document)
            and (topic is None or topic in row.topics)
            and (body is None or body in row.addressees or body == row.issuer)
            and (value is None or value in {a.value for a in row.assessments.values()})
            and (kind is None or row.kind == kind))


def links_used(store: Store, assessment: Assessment) -> list[LinkUsed]:
    """The links that decided an assessment, each with its quotes known by the as-of date."""
    out = []
    quotes_of: dict[str, list[Quote]] = {}
    for link in sorted(assessment.links):
        rows = store.select(LINK_QUERY, {"link": URIRef(link)}).dicts()
        if not rows:
            continue
        r = rows[0]
        own = {str(e["evidence"]) for e in store.select(LINK_EVIDENCE_QUERY, {"link": URIRef(link)}).dicts()}
        mine: list[Quote] = []
        for ev in sorted(assessment.evidence & own):
            if ev not in quotes_of:
                quotes_of[ev] = [
                    Quote(evidence=ev, text=str(q["quote"]), document=str(q["slug"]), date=str(q.get("date", "")),
                          start=int(str(q["start"])), end=int(str(q["end"])))
                    for q in store.select(EVIDENCE_QUERY, {"evidence": URIRef(ev)}).dicts()]
            mine += quotes_of[ev]
        out.append(LinkUsed(link=link, source=str(r["from"]), link_type=str(r["type"]).rsplit("#", 1)[-1],
                            target=str(r["to"]), label=str(r.get("label", r["from"])), known_by=str(r.get("date", "")),
                            quotes=tuple(mine)))
    return out


def status_reason(store: Store, row: StatusRow, language: str = phrases.DEFAULT_LANGUAGE) -> str:
    """One line saying what decided the status, in ``language`` (:mod:`kb.phrases`): what answered it (directly,
    or through the provision that adopted it), what carried it forward, or that nothing recorded did by the
    as-of date. Items are named as the graph names them (slug and eId, an activity's label)."""
    phrases.check_language(language)
    parts = []
    for dim, key in (("response", "reason.answered"), ("lifecycle", "reason.carried_forward"),
                     ("adoption", "reason.adopted")):
        a = row.assessments.get(dim)
        if a is None or not a.links:
            continue
        if a.value == "partly-addressed":
            key = "reason.answered_in_part"
        links = [rows[0] for link in sorted(a.links)
                 if (rows := store.select(LINK_QUERY, {"link": URIRef(link)}).dicts())]
        label = {str(r["from"]): str(r.get("label", r["from"])) for r in links}
        if dim == "response":
            # An answer to the provision that adopted the item (rules 15 and 25) answers the item through it.
            through = {str(r["from"]) for r in links if str(r["type"]).endswith("#derivedFrom")}
            direct = sorted({label[str(r["from"])] for r in links if str(r["to"]) == row.item
                             and str(r["from"]) not in through})
            if direct:
                parts.append(phrases.say(key, language, names="; ".join(direct)))
            for provision in sorted(through, key=label.__getitem__):
                answers = sorted({label[str(r["from"])] for r in links if str(r["to"]) == provision})
                if answers:
                    parts.append(phrases.say("reason.through", language, value=phrases.status_name(a.value, language),
                                             provision=label[provision],
                                             answer=phrases.say(key, language, names="; ".join(answers))))
            continue
        parts.append(phrases.say(key, language, names="; ".join(sorted(set(label.values())))))
    superseded = row.assessments.get("lifecycle")
    if superseded is not None and superseded.basis:
        parts.append(phrases.say("reason.superseded", language, names=", ".join(
            sorted(b.removeprefix(iri.BASE + "doc/") for b in superseded.basis))))
    if not parts or row.value("response") == "no-evidence":
        parts.insert(0, phrases.say("reason.no_response", language, date=row.asof.isoformat()))
    return "; ".join(parts)


@dataclass
class Explanation:
    item: str
    asof: dt.date
    row: StatusRow
    links: dict[str, list[LinkUsed]]  # per dimension
    no_link: str = ""  # the curators' note where they looked for a link and found none (annotations' no_link)


def why(store: Store, item: URIRef, *, asof: dt.date | None = None) -> Explanation:
    """The status of one mandate or recommendation as of a date, with the links and quotes behind it (of a
    language version's provision: the original's, which it says in another language)."""
    item = original_of(store, item) or item
    asof = asof or build_asof(store)
    row = item_status(store, item, asof=asof)
    if row is None:
        desc = describe(store, item)  # an item the store does not hold at all: say so, with the nearest names
        kinds = {str(o).removeprefix(iri.ONTOLOGY) for o in desc.values(str(RDF.type))}
        if not kinds & set(KINDS):
            # what it is, not a date: "known as of" sent a curator asking for a section's status after dates
            raise NotFoundError(f"{item} is {_what(desc, kinds)}, not a mandate or recommendation",
                                hint="status is for mandates and recommendations; `kb show` says what it holds"
                                     + (f", `kb status --document {doc.rsplit('/', 1)[-1]}` gives those of its document"
                                        if (doc := desc.first(str(iri.KB.inDocument))) else ""))
        raise NotFoundError(f"{item} is not a mandate or recommendation known as of {asof.isoformat()}",
                            hint="a provision of a document dated later needs a later --as-of")
    reasons = [str(r["reason"]) for r in store.select(NO_LINK_QUERY, {"item": item}).dicts()]
    return Explanation(item=str(item), asof=asof, row=row,
                       links={dim: links_used(store, a) for dim, a in row.assessments.items()},
                       no_link=" ".join(sorted(reasons)))


_GENERAL = ("Provision", "Document", "Activity", "VersionProvision")  # said only when nothing narrower is


def _what(desc: ItemDescription, kinds: set[str]) -> str:
    """What an item is, as `kb why` says it: "a Section ("A")", "a MeetingSummary", "a topic"."""
    own = sorted(k for k in kinds if ":" not in k and k not in _GENERAL) or sorted(
        k for k in kinds if ":" not in k) or ["topic" if str(SKOS.Concept) in kinds else "item"]
    number = desc.first(str(iri.KB.number))
    kind = own[0]
    return f"{'an' if kind[0] in 'AEIOUaeiou' else 'a'} {kind}{f' ({number!r} as printed)' if number else ''}"
