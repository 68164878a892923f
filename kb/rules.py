"""The rules stage: status assessments derived by ordered SPARQL rules (DESIGN.md section 4).

It owns the rule engine. Rules are the ``.rq`` files of ``queries/rules/``, named
``{order}-{dimension}-{value}.rq`` (``20-response-addressed.rq``); each is a SELECT that takes the
as-of date (``?asof``) and returns the items it decides (``?item``), with the trace links
(``?link``) and quotes (``?evidence``) that decided them, or the document (``?basis``) that did.
Rules run in file order and, within a dimension (response, lifecycle, adoption), the first rule
that matches an item decides it: a later rule is the fallback of the earlier ones. Only links and
quotes known by the as-of date count (``kb:knownBy``), so the same question asked of another
date gives that date's answer; and only curated links (``kb:assertedBy kb:curator``): a link the
suggester proposed decides nothing until a curator accepts it.

Each assessment becomes a node ``{base}status/{hash}`` (hash of item, dimension and date) typed by
its dimension, with the value, the date, the rule, the links and evidence used and a one-line
explanation; each rule becomes a ``kb:StatusRule`` node ``{base}rule/{name}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kb import iri, phrases
from kb.errors import QueryError
from kb.graph import CanonicalWriter, known_by
from kb.iri import KB, SKOS
from kb.queries import NamedQuery, default_queries_dir, list_queries
from kb.store import Store

DIMENSIONS = {
    "response": ("ResponseAssessment", ("fulfilled", "addressed", "partly-addressed", "no-evidence")),
    "lifecycle": ("LifecycleAssessment", ("carried-forward", "superseded", "active")),
    "adoption": ("AdoptionAssessment", ("adopted", "not-adopted", "pending")),
}
# Every status value, dimension by dimension, open first: what a filter by status may name.
STATUS_VALUES = tuple(value for _, values in DIMENSIONS.values() for value in reversed(values))


@dataclass(frozen=True)
class Rule:
    name: str
    order: int
    dimension: str
    value: str
    query: NamedQuery

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{iri.BASE}rule/{self.name}")


@dataclass
class Assessment:
    item: str
    dimension: str
    value: str
    asof: dt.date
    rule: Rule
    links: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    basis: set[str] = field(default_factory=set)

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{iri.BASE}status/{iri.content_hash(self.item, self.dimension, self.asof.isoformat())}")

    def explanation(self, language: str = phrases.DEFAULT_LANGUAGE) -> str:
        """One sentence saying why it has its value, in ``language`` (:mod:`kb.phrases`)."""
        return phrases.explanation(self.value, self.asof.isoformat(), self.rule.name, links=len(self.links),
                                   quotes=len(self.evidence),
                                   basis=sorted(b.removeprefix(iri.BASE) for b in self.basis), language=language)


def default_rules_dir() -> Path:
    return default_queries_dir() / "rules"


def load_rules(directory: Path | None = None) -> list[Rule]:
    """The rules of a folder in order; QueryError for a file not named {order}-{dimension}-{value}.rq."""
    rules = []
    for query in list_queries(directory or default_rules_dir()):
        order, _, rest = query.name.partition("-")
        dimension, _, value = rest.partition("-")
        if not order.isdigit() or dimension not in DIMENSIONS or value not in DIMENSIONS[dimension][1]:
            raise QueryError(f"{query.path}: a rule file is named {{order}}-{{dimension}}-{{value}}.rq",
                             hint=f"dimensions and values: {DIMENSIONS}")
        if [p.name for p in query.params] != ["asof"]:
            raise QueryError(f"{query.path}: a rule takes exactly one parameter, '# param: asof date'")
        rules.append(Rule(query.name, int(order), dimension, value, query))
    return sorted(rules, key=lambda r: r.order)


def assess(store: Store, asof: dt.date, rules: Sequence[Rule] | None = None) -> list[Assessment]:
    """Every assessment as of ``asof``, sorted by item then dimension."""
    rules = load_rules() if rules is None else rules
    decided: dict[tuple[str, str], Assessment] = {}
    date = Literal(asof.isoformat(), datatype=XSD.date)
    for rule in rules:
        fresh: dict[tuple[str, str], Assessment] = {}
        for row in store.select(rule.query.text, {"asof": date}).dicts():
            key = (str(row["item"]), rule.dimension)
            if key in decided:
                continue
            found = fresh.setdefault(key, Assessment(key[0], rule.dimension, rule.value, asof, rule))
            for var, bucket in (("link", found.links), ("evidence", found.evidence), ("basis", found.basis)):
                if var in row:
                    bucket.add(str(row[var]))
        decided.update(fresh)
    return sorted(decided.values(), key=lambda a: (a.item, a.dimension))


def rules_graph(rules: Iterable[Rule]) -> Graph:
    """The kb:StatusRule nodes."""
    g = Graph()
    for rule in rules:
        g.add((rule.iri, RDF.type, KB.StatusRule))
        g.add((rule.iri, RDFS.label, Literal(rule.query.title, lang="en")))
        g.add((rule.iri, SKOS.definition, Literal(rule.query.description, lang="en")))
        g.add((rule.iri, KB.queryFile, Literal(f"queries/rules/{rule.name}.rq")))
        g.add((rule.iri, KB.ruleOrder, Literal(rule.order, datatype=XSD.integer)))
    return g


def assessments_graph(assessments: Iterable[Assessment]) -> Graph:
    """The assessment nodes (the rules they name are in :func:`rules_graph`)."""
    g = Graph()
    for a in assessments:
        node = a.iri
        g.add((node, RDF.type, KB.StatusAssessment))
        g.add((node, RDF.type, KB[DIMENSIONS[a.dimension][0]]))
        g.add((node, KB.assesses, URIRef(a.item)))
        g.add((node, KB.statusValue, KB[a.value]))
        g.add((node, KB.asOf, Literal(a.asof.isoformat(), datatype=XSD.date)))
        g.add((node, KB.decidedBy, a.rule.iri))
        g.add((node, KB.explanation, Literal(a.explanation())))
        for link in sorted(a.links):
            g.add((node, KB.usedLink, URIRef(link)))
        for ev in sorted(a.evidence):
            g.add((node, KB.usedEvidence, URIRef(ev)))
        for basis in sorted(a.basis):
            g.add((node, KB.usedBasis, URIRef(basis)))
    return g


STATUS_BATCH = 5_000  # assessments per small Graph in write_status


def write_status(rules: Sequence[Rule], assessments: Sequence[Assessment], out: CanonicalWriter) -> None:
    """The rule nodes and the assessment nodes, handed to ``out`` a batch at a time (the same triples
    as :func:`rules_graph` and :func:`assessments_graph`)."""
    out.add_graph(rules_graph(rules))
    for start in range(0, len(assessments), STATUS_BATCH):
        out.add_graph(assessments_graph(assessments[start:start + STATUS_BATCH]))


def corpus_date(dates: Iterable[str]) -> dt.date:
    """The as-of date of a build: the last day the newest held document's date can denote, so that the
    build is the same whatever day it runs."""
    return max(dt.date.fromisoformat(str(known_by(d))) for d in dates)
