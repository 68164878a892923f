"""Compiled SHACL: the shapes of ``ontology/shapes.ttl`` as SPARQL SELECT queries run in the store.

This module owns compiling a SHACL shapes graph into SPARQL queries, running them in a
:class:`~kb.store.Store`, and the one result type both validation engines produce
(:class:`ShaclResult`; :func:`results_from_report` reads pySHACL's report into it). pySHACL with
``inference="none"`` stays the reference: on the same data the compiled queries give the same
validation results (focus node, source shape, constraint component, severity, message, value), and
``tests/test_shacl.py`` holds them to that. :mod:`kb.validate` decides which engine runs.

What is compiled. Every node shape with ``sh:targetClass`` reports, and so does every property
shape it lists with ``sh:property``. Each constraint of a reporting shape becomes a
:class:`CompiledCheck`: a query pattern whose solutions are its results (``?focus`` and, for the
components whose results carry one, ``?value``), with the shape IRI, component, severity and message.
Shapes used inside ``sh:node``/``sh:or``/``sh:and``/``sh:xone``/``sh:not``/``sh:qualifiedValueShape``
(and their ``sh:property`` shapes) compile to boolean expressions (``EXISTS`` / ``NOT EXISTS``) on the
value node. Supported, as pySHACL 0.40 implements them:

- targets: ``sh:targetClass`` (instances through ``rdf:type/rdfs:subClassOf*`` in the data graph);
- paths: an IRI, ``sh:inversePath``, sequence paths (RDF lists), nested;
- cardinality: ``sh:minCount``, ``sh:maxCount`` (distinct value nodes);
- value type: ``sh:class``, ``sh:datatype`` (see below), ``sh:nodeKind`` (all six kinds);
- value range: ``sh:minInclusive``, ``sh:maxInclusive``, ``sh:minExclusive``, ``sh:maxExclusive``
  with an ``xsd:integer`` bound (rdflib's literal order: numbers by value, literals of other
  datatypes ordered by datatype IRI, strings and non-literals failing);
- strings: ``sh:minLength``, ``sh:maxLength``, ``sh:pattern`` (no ``sh:flags``; a Python ``re``
  pattern in a subset whose meaning is the same in Oxigraph's regex engine, with Python's ``$``
  kept: it also matches before a final newline), ``sh:languageIn`` (tag or its first subtag,
  case-insensitive, ``*``);
- property pairs: ``sh:equals``, ``sh:lessThan`` (rdflib's order, as above);
- other: ``sh:in``, ``sh:hasValue`` (RDF term equality, not value equality);
- logic and shapes: ``sh:not``, ``sh:and``, ``sh:or``, ``sh:xone``, ``sh:node``, ``sh:property``,
  ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount`` / ``sh:qualifiedMaxCount`` (not
  disjoint);
- ``sh:severity`` (``sh:Violation`` if absent) and exactly one ``sh:message`` per reporting shape.

Anything else raises :class:`ShapeCompileError` when compiling, never skipped: other targets and
paths, ``sh:closed``, ``sh:uniqueLang``, ``sh:disjoint``, ``sh:lessThanOrEquals``, ``sh:flags``,
``sh:sparql``, ``sh:deactivated``, implicit class targets, a reporting shape without exactly one
``sh:message`` (pySHACL would write a generated one), a nested shape whose severity is not
``sh:Violation`` (pySHACL's answer then depends on ``allow_warnings``), recursive shapes, and the
``sh:datatype`` values listed below. Every shape of the graph is compiled, used or not.

Datatypes. pySHACL accepts a literal for ``sh:datatype D`` when it has datatype D and rdflib does not
find it ill-typed. Well-typed literals reach the store in the canonical form rdflib normalises them to
(``rdflib.NORMALIZE_LITERALS``), ill-typed ones as written; the compiled check is a regular
expression over that form: ``xsd:integer``, ``xsd:decimal``, ``xsd:double``, ``xsd:float``,
``xsd:boolean``, ``xsd:date`` (calendar-checked, years 1-9999 as Python's ``date``); ``xsd:string``
(a simple literal is one), ``rdf:langString``, ``rdfs:Literal``; and any datatype rdflib does not
parse (``xsd:gYear``, ``xsd:gYearMonth``, ...), which pySHACL accepts whatever the lexical form.
Oxigraph stores every valid literal of an XSD integer subtype (``xsd:nonNegativeInteger``,
``xsd:int``, ...) as ``xsd:integer``, so ``sh:datatype`` of such a subtype cannot be checked and
raises, except as a member of an ``sh:or`` that also has an ``sh:datatype xsd:integer`` member (as
``kbsh:NonNegativeIntegerLiteral``): there every valid value of the subtype is an ``xsd:integer`` in
the store, which the other member accepts, so the member adds nothing. Other datatypes rdflib parses
(``xsd:dateTime``, ``xsd:time``, durations, binary, ...) raise.

How it runs. rdflib's SPARQL parser, which :class:`~kb.store.EmbeddedStore` runs on every query
before Oxigraph sees it, costs tens of milliseconds per query, more than Oxigraph takes to answer
most of them. So the terms of the shapes graph (IRIs, literals) are not written into each check's
pattern but bound by a ``VALUES`` row (serialised with rdflib's ``.n3()``), and the checks whose
patterns are then identical (every ``sh:maxCount 1``, every ``sh:class``, ...) run as one
:class:`CompiledQuery` that also returns ``?shape``. Patterns (``sh:pattern``) and datatypes stay in
the text, so that Oxigraph compiles each regular expression once.

Where results can still differ: not in the shapes but in the data, where the store does not keep
what rdflib keeps. Oxigraph stores literals by value: ``"5"^^xsd:int`` is ``"5"^^xsd:integer`` (so
``sh:datatype xsd:integer`` accepts it, pySHACL does not, and an out-of-range ``"-1"^^
xsd:nonNegativeInteger`` is a valid -1), ``"1.50"^^xsd:decimal`` is ``"1.5"`` and
``"1.0"^^xsd:double`` is ``"1"`` (seen by ``sh:pattern``, ``sh:minLength``, ``sh:in``, counts),
``"x"^^xsd:string`` is ``"x"`` (rdflib keeps two terms), language tags are lower case. rdflib, for
its part, normalises some ill-typed literals into well-typed text (``"TRUE"^^xsd:boolean`` is
written ``"true"``, still flagged ill-typed in memory). Numbers beyond Oxigraph's range (integers
past 64 bits, decimals past about 1.7e20, non-finite decimals) fail range checks here where Python
compares them (or pySHACL raises, for a decimal NaN); ``xsd:dateTime`` / ``xsd:time`` values are
ordered by their text in ``sh:lessThan``, so mixed time zones differ; blank nodes in
``sh:lessThan`` make pySHACL raise and are reported here. The build's graphs have none of these.
And a result's value (``sh:value``) is the term the store holds: the build's ``oa:start``
``"5"^^xsd:nonNegativeInteger`` is reported as ``"5"^^xsd:integer``.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH
from rdflib.term import Node, XSDToPython

from kb.errors import InputError
from kb.store import EmbeddedStore, Store

SH_CLASS: Final = SH["class"]
SH_IN: Final = SH["in"]
SH_OR: Final = SH["or"]
SH_AND: Final = SH["and"]
SH_NOT: Final = SH["not"]

TYPE_PATH: Final = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"
"""How pySHACL (no inference) finds instances: ``rdf:type`` then ``rdfs:subClassOf`` in the data."""

MAX_NESTED_COUNT = 3
"""Largest count a nested shape may demand (each value counted is one more join in ``EXISTS``)."""

SEVERITIES: Final = (SH.Violation, SH.Warning, SH.Info)

# Constraint parameter -> constraint component; one result per failing value node.
PER_VALUE: Final[dict[URIRef, URIRef]] = {
    SH_CLASS: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH_IN: SH.InConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH_NOT: SH.NotConstraintComponent,
    SH_AND: SH.AndConstraintComponent,
    SH_OR: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
}
# One result per focus node (property shapes only, except sh:hasValue); value nodes only for the pairs.
PER_FOCUS: Final[dict[URIRef, URIRef]] = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.equals: SH.EqualsConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
    SH.qualifiedMaxCount: SH.QualifiedMaxCountConstraintComponent,
}
SUPPORTED_COMPONENTS: Final = tuple(sorted({*PER_VALUE.values(), *PER_FOCUS.values()}))

# Parameters that may repeat on one shape (pySHACL checks each value); all others must be single.
REPEATABLE: Final = frozenset({SH_CLASS, SH.node, SH_NOT, SH_AND, SH_OR, SH.xone, SH.hasValue, SH.property,
                               SH.targetClass, SH.message})
STRUCTURE: Final = frozenset({SH.path, SH.property, SH.targetClass, SH.message, SH.severity,
                              SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint, SH.name,
                              SH.description, SH.order, SH.group, SH.defaultValue})
KNOWN: Final = frozenset({*PER_VALUE, *PER_FOCUS, *STRUCTURE})
SHAPE_TYPES: Final = (SH.NodeShape, SH.PropertyShape)
CLASS_TYPES: Final = frozenset({RDFS.Class, OWL.Class})
UNCOMPILED: Final = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.sparql,
                     SH.deactivated, SH.closed, SH.rule, SH.entailment)

# rdflib: datatypes whose value is a Python str (pySHACL's "string" literals in comparisons).
STRING_VALUED: Final = (XSD.string, XSD.normalizedString, XSD.token, XSD.language, XSD.anyURI)
INTEGER_SUBTYPES: Final = frozenset(XSD[n] for n in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))

# The text of well-typed literals in the store (rdflib's canonical form, or Oxigraph's for valid
# values), as regular expressions that match no text rdflib finds ill-typed.
_YEAR = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
_LEAP = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
_DATE = (f"({_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|{_YEAR}-(0[13-9]|1[0-2])-(29|30)"
         f"|{_YEAR}-(0[13578]|1[02])-31|{_LEAP}-02-29)")
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
_NUMBER = r"[+-]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
_INF = "[Ii][Nn][Ff]([Ii][Nn][Ii][Tt][Yy])?"
LEXICAL: Final[dict[URIRef, str]] = {
    XSD.integer: "^[+-]?[0-9]+$",
    XSD.decimal: f"^{_NUMBER}|{_INF}|[sS]?[Nn][Aa][Nn][0-9]*)$",
    XSD.double: f"^{_NUMBER}|{_INF}|[Nn][Aa][Nn])$",
    XSD.float: f"^{_NUMBER}|{_INF}|[Nn][Aa][Nn])$",
    XSD.boolean: "^(true|false|1|0)$",
    XSD.date: f"^{_DATE}$",
    XSD.dateTime: f"^{_DATE}T{_TIME}$",
    XSD.time: f"^{_TIME}$",
}
CHECKED_DATATYPES: Final = frozenset({XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date})
RANGE_OPERATORS: Final = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<"}
NODE_KINDS: Final = {
    SH.IRI: "isIRI({0})", SH.Literal: "isLiteral({0})", SH.BlankNode: "isBlank({0})",
    SH.BlankNodeOrIRI: "!isLiteral({0})", SH.BlankNodeOrLiteral: "!isIRI({0})", SH.IRIOrLiteral: "!isBlank({0})",
}


class ShapeCompileError(InputError):
    """A shape uses something the compiler cannot turn into queries with pySHACL's results."""

    def __init__(self, shape: Node, message: str) -> None:
        self.shape = shape
        super().__init__(f"shape {shape}: {message}",
                         hint="use the SHACL core subset kb/shacl.py supports (its docstring lists it), "
                              "or extend the compiler and tests/test_shacl.py together")


@dataclass(frozen=True)
class ShaclResult:
    """One validation result. ``path`` (the result path, for messages) is not part of its identity."""

    focus: Node
    shape: Node
    component: Node
    severity: Node
    message: Node | None
    value: Node | None = None
    path: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CompiledCheck:
    """One constraint of one reporting shape.

    ``pattern`` follows the focus pattern (``?focus`` an instance of ``?class``) and binds ``?value``
    when ``with_value``; with ``having``, the check is an aggregate: the focus nodes whose group of
    solutions of ``pattern`` satisfies it. ``?k0``, ``?k1``... in the pattern are ``constants``.
    """

    shape: URIRef
    component: URIRef
    severity: URIRef
    message: Literal
    path: str | None
    classes: tuple[URIRef, ...]
    pattern: str
    constants: tuple[URIRef | Literal, ...]
    with_value: bool
    having: str | None = None

    @property
    def key(self) -> tuple[str, str | None, bool, URIRef]:
        """Checks with the same key run as one query."""
        return self.pattern, self.having, self.with_value, self.component

    @property
    def query(self) -> str:
        """This check alone, as a SELECT of ``?shape ?focus`` (and ``?value``)."""
        return _query_text((self,))


@dataclass(frozen=True)
class CompiledQuery:
    """Checks that share a pattern, as one SELECT: a ``VALUES`` row per check and target class."""

    checks: tuple[CompiledCheck, ...]
    text: str

    @property
    def component(self) -> URIRef:
        return self.checks[0].component


MAX_COUNT_BY_JOIN = 3  # sh:maxCount up to this is checked by a join, above it by counting


def compile_shapes(shapes: Graph) -> tuple[CompiledQuery, ...]:
    """The queries of every reporting shape, after compiling every shape of the graph (so that an
    unsupported construct anywhere raises :class:`ShapeCompileError`)."""
    groups: dict[tuple[str, str | None, bool, URIRef], list[CompiledCheck]] = {}
    for check in _Compiler(shapes).compile():
        groups.setdefault(check.key, []).append(check)
    return tuple(CompiledQuery(tuple(checks), _query_text(checks)) for checks in groups.values())


def run_queries(store: Store, queries: Iterable[CompiledQuery]) -> list[ShaclResult]:
    """The validation results of the data in ``store``, one per distinct result. On an embedded
    store the queries (compiled here, never user input) skip the user-query check of ``select``."""
    select = store.select_trusted if isinstance(store, EmbeddedStore) else store.select
    results: dict[ShaclResult, None] = {}
    for query in queries:
        by_shape = {check.shape: check for check in query.checks}
        for row in select(query.text).rows:
            shape, focus = row[0], row[1]
            assert isinstance(shape, URIRef) and focus is not None, query.text
            check = by_shape[shape]
            value = row[2] if check.with_value else None
            results[ShaclResult(focus, shape, check.component, check.severity, check.message, value,
                                check.path)] = None
    return list(results)


def results_from_report(report: Graph) -> list[ShaclResult]:
    """The results of a pySHACL report graph: the ``sh:result`` of each ``sh:ValidationReport`` (not
    the nested ones pySHACL also writes under ``sh:detail``)."""
    results: dict[ShaclResult, None] = {}
    for head in report.subjects(RDF.type, SH.ValidationReport):
        for result in report.objects(head, SH.result):
            focus, shape, component, severity = (report.value(result, p) for p in (
                SH.focusNode, SH.sourceShape, SH.sourceConstraintComponent, SH.resultSeverity))
            assert focus is not None and shape is not None and component is not None and severity is not None
            path = report.value(result, SH.resultPath)
            results[ShaclResult(focus, shape, component, severity, report.value(result, SH.resultMessage),
                                report.value(result, SH.value), path_label(report, path))] = None
    return list(results)


def path_label(graph: Graph, path: Node | None) -> str | None:
    """A SHACL path as text: the IRI, else SPARQL property path syntax (None for no path)."""
    if path is None:
        return None
    try:
        return _read_path(graph, path).label
    except _UnsupportedPathError:
        return str(path)


def _query_text(checks: Sequence[CompiledCheck]) -> str:
    first = checks[0]
    names = " ".join(["?shape", "?class", *(f"?k{i}" for i in range(len(first.constants)))])
    rows = "\n    ".join(
        "(" + " ".join([check.shape.n3(), cls.n3(), *(c.n3() for c in check.constants)]) + ")"
        for check in checks for cls in check.classes)
    where = (f"{{\n  VALUES ({names}) {{\n    {rows}\n  }}\n  ?focus {TYPE_PATH} ?class .\n"
             f"  {first.pattern}\n}}")
    if first.having is not None:
        return f"SELECT ?shape ?focus WHERE {where}\nGROUP BY ?shape ?focus HAVING ({first.having})"
    return f"SELECT DISTINCT ?shape ?focus{' ?value' if first.with_value else ''} WHERE {where}"


# ---------------------------------------------------------------------------------------------
# Paths


class _UnsupportedPathError(Exception):
    pass


@dataclass(frozen=True)
class _Path:
    """``iri``, or the inverse of ``inverse``, or the sequence of ``steps``."""

    label: str
    iri: URIRef | None = None
    inverse: _Path | None = None
    steps: tuple[_Path, ...] = ()


def _read_path(graph: Graph, node: Node) -> _Path:
    if isinstance(node, URIRef):
        return _Path(str(node), iri=node)
    if not isinstance(node, BNode):
        raise _UnsupportedPathError(f"a path must be an IRI or a blank node, not {node!r}")
    predicates = set(graph.predicates(node, None))
    if predicates == {SH.inversePath}:
        inner = _read_path(graph, _single(graph, node, SH.inversePath))
        return _Path(f"^{_sparql_path(inner)}", inverse=inner)
    if predicates == {RDF.first, RDF.rest}:
        steps = tuple(_read_path(graph, step) for step in _rdf_list(graph, node))
        if len(steps) < 2:
            raise _UnsupportedPathError("a sequence path needs at least two steps")
        return _Path("/".join(_sparql_path(s) for s in steps), steps=steps)
    raise _UnsupportedPathError("only IRIs, sh:inversePath and sequence paths are compiled, "
                                f"not {sorted(map(str, predicates))}")


def _sparql_path(path: _Path) -> str:
    return path.iri.n3() if path.iri is not None else f"({path.label})"


def _single(graph: Graph, subject: Node, predicate: URIRef) -> Node:
    values = list(graph.objects(subject, predicate))
    if len(values) != 1:
        raise _UnsupportedPathError(f"{predicate} must have one value, has {len(values)}")
    return values[0]


def _rdf_list(graph: Graph, head: Node) -> list[Node]:
    items: list[Node] = []
    seen: set[Node] = set()
    while head != RDF.nil:
        if head in seen or not isinstance(head, BNode):
            raise _UnsupportedPathError(f"malformed RDF list at {head}")
        seen.add(head)
        items.append(_single(graph, head, RDF.first))
        head = _single(graph, head, RDF.rest)
    return items


# ---------------------------------------------------------------------------------------------
# Regular expressions: Python's re (pySHACL) -> Oxigraph (Rust regex)

_ESCAPED_LITERALS: Final = frozenset(".^$*+?()[]{}|\\-/")
_QUANTIFIER_RE: Final = re.compile(r"\{([0-9]+)(,([0-9]*))?\}")


def portable_pattern(pattern: str) -> str:
    """The ``sh:pattern`` for Oxigraph, with the matches of Python's ``re.search`` (pySHACL's), or
    ValueError.

    Only a subset is accepted: literal characters, ``.``, escaped punctuation, ``\\n``, ``\\t``,
    character classes of literals and ranges, groups (``(...)``, ``(?:...)``), ``|``, the quantifiers
    ``* + ? {n} {n,} {n,m}`` (optionally lazy), ``^``, and ``$`` as the last character, written
    ``\\n?$`` because Python's ``$`` also matches before a final newline.
    """
    try:
        with warnings.catch_warnings():  # re warns about syntax such as "[[" that is refused below anyway
            warnings.simplefilter("ignore", FutureWarning)
            re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid Python regular expression: {exc}") from None
    out: list[str] = []
    i, after_atom = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(_escape(pattern, i))
            i, after_atom = i + 2, True
        elif c == "[":
            end, text = _char_class(pattern, i)
            out.append(text)
            i, after_atom = end, True
        elif c == "(":
            if pattern.startswith("(?", i) and not pattern.startswith("(?:", i):
                raise ValueError(f"group syntax {pattern[i:i + 3]!r} is not supported")
            opener = "(?:" if pattern.startswith("(?:", i) else "("
            out.append(opener)
            i, after_atom = i + len(opener), False
        elif c in "*+?{":
            if not after_atom:
                raise ValueError(f"quantifier at {i} does not follow an atom")
            match = _QUANTIFIER_RE.match(pattern, i) if c == "{" else None
            if c == "{" and match is None:
                raise ValueError(f"'{{' at {i} is not a quantifier")
            end = match.end() if match else i + 1
            if pattern.startswith("?", end):
                end += 1  # lazy: the same matches
            out.append(pattern[i:end])
            i, after_atom = end, False
            if i < len(pattern) and pattern[i] in "*+?{":
                raise ValueError(f"quantifier at {i} follows a quantifier")
        elif c == "$":
            if i != len(pattern) - 1:
                raise ValueError("'$' is supported only as the last character")
            out.append("\\n?$")
            i += 1
        elif c in "]}":
            raise ValueError(f"unescaped {c!r} at {i}")
        else:  # a literal character, or one of . ^ | )
            out.append(c)
            i, after_atom = i + 1, c not in "^|"
    return "".join(out)


def _escape(pattern: str, i: int) -> str:
    escaped = pattern[i + 1:i + 2]
    if escaped in _ESCAPED_LITERALS or escaped in ("n", "t"):
        return "\\" + escaped
    raise ValueError(f"escape '\\{escaped}' is not supported (write the characters out)")


def _char_class(pattern: str, i: int) -> tuple[int, str]:
    out = ["["]
    j = i + 1
    if pattern.startswith("^", j):
        out.append("^")
        j += 1
    first = True
    while True:
        c = pattern[j]  # re.compile checked that the class is closed
        if c == "]" and not first:
            out.append("]")
            return j + 1, "".join(out)
        if c in "[]":
            raise ValueError(f"{c!r} inside a character class at {j} must be escaped")
        if c == "\\":
            out.append(_escape(pattern, j))
            j += 2
        elif pattern.startswith(("--", "&&", "~~"), j):
            raise ValueError(f"{pattern[j:j + 2]!r} in a character class is a set operation for Oxigraph")
        else:
            out.append(c)
            j += 1
        first = False


# ---------------------------------------------------------------------------------------------
# The compiler


@dataclass(frozen=True)
class _Shape:
    node: URIRef | BNode
    params: dict[URIRef, list[Node]]
    path: _Path | None
    severity: URIRef

    def one(self, param: URIRef) -> Node | None:
        values = self.params.get(param, [])
        return values[0] if values else None


class _Pattern:
    """The text of one check being compiled: fresh variables, and the shapes graph's terms as
    ``?k0``, ``?k1``... (their values go into the ``VALUES`` row)."""

    def __init__(self) -> None:
        self.constants: list[URIRef | Literal] = []
        self._vars = itertools.count()

    def var(self) -> str:
        return f"?v{next(self._vars)}"

    def term(self, term: URIRef | Literal) -> str:
        self.constants.append(term)
        return f"?k{len(self.constants) - 1}"

    def path(self, path: _Path, x: str, y: str) -> str:
        """Triple patterns relating ``x`` to ``y`` through the path: a join (duplicates are possible),
        for the top level of a query."""
        hops = _hops(path)
        ends = [x, *(self.var() for _ in hops[1:]), y]
        return " ".join(self.hop(hop, a, b) for hop, a, b in zip(hops, ends, ends[1:], strict=False))

    def chain(self, path: _Path, x: str, y: str, condition: str | None = None) -> str:
        """The inside of an ``EXISTS`` relating ``x`` (bound) to ``y`` through the path, where
        ``condition`` holds: one triple pattern per group, each step nested in a ``FILTER EXISTS``.
        (Oxigraph evaluates the patterns of a group inside ``EXISTS`` separately, so a pattern that
        does not contain a bound variable would be read in full for every row.)"""
        return self._chain(_hops(path), x, y, condition)

    def _chain(self, hops: list[tuple[URIRef, bool]], x: str, y: str, condition: str | None) -> str:
        end = y if len(hops) == 1 else self.var()
        inner = condition if len(hops) == 1 else f"EXISTS {{ {self._chain(hops[1:], end, y, condition)} }}"
        return self.hop(hops[0], x, end) + (f" FILTER ({inner})" if inner else "")

    def hop(self, hop: tuple[URIRef, bool], x: str, y: str) -> str:
        iri, forward = hop
        return f"{x} {self.term(iri)} {y} ." if forward else f"{y} {self.term(iri)} {x} ."


def _hops(path: _Path) -> list[tuple[URIRef, bool]]:
    """The path as IRIs to follow forwards (True) or backwards, from its start."""
    if path.iri is not None:
        return [(path.iri, True)]
    if path.inverse is not None:
        return [(iri, not forward) for iri, forward in reversed(_hops(path.inverse))]
    return [hop for step in path.steps for hop in _hops(step)]


@dataclass(frozen=True)
class _Violation:
    component: URIRef
    builder: _Pattern  # its constants, once ``text`` is written
    text: str
    with_value: bool
    having: str | None = None


class _Compiler:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self._shapes: dict[Node, _Shape] = {}
        self._stack: list[Node] = []
        self._compiled: set[Node] = set()  # shapes compiled as reporting or nested shapes
        self._absorbed: set[Node] = set()  # sh:or members dropped by absorbed()

    def compile(self) -> list[CompiledCheck]:
        for predicate in UNCOMPILED:
            found = next(iter(self.g.subject_objects(predicate)), None)
            if found is not None:
                raise ShapeCompileError(found[0], f"{predicate} is not compiled")
        reporting: dict[Node, set[URIRef]] = {}
        for node in sorted(set(self.g.subjects(SH.targetClass, None)), key=str):
            shape = self.shape(node)
            if shape.path is not None:
                raise ShapeCompileError(node, "a property shape with sh:targetClass is not compiled")
            classes = set()
            for target in shape.params[SH.targetClass]:
                if not isinstance(target, URIRef):
                    raise ShapeCompileError(node, f"sh:targetClass {target} is not an IRI")
                classes.add(target)
            reporting.setdefault(node, set()).update(classes)
            for prop in shape.params.get(SH.property, []):
                reporting.setdefault(prop, set()).update(classes)
        checks = [check for node, classes in reporting.items()
                  for check in self.checks(self.shape(node), tuple(sorted(classes, key=str)))]
        # Shapes no reporting shape reaches never give results, but they must compile too.
        declared = {s for t in SHAPE_TYPES for s in self.g.subjects(RDF.type, t)}
        for node in sorted(declared - self._compiled - self._absorbed, key=str):
            self.conditions(node, "?x", _Pattern(), nested=False)
        return checks

    # -- reading shapes

    def shape(self, node: Node) -> _Shape:
        if node in self._shapes:
            return self._shapes[node]
        if not isinstance(node, URIRef | BNode) or (node, None, None) not in self.g:
            raise ShapeCompileError(node, "is used as a shape but is not a node of the shapes graph")
        params: dict[URIRef, list[Node]] = {}
        for p, o in self.g.predicate_objects(node):
            if p == RDF.type and o in CLASS_TYPES:
                raise ShapeCompileError(node, "a shape that is also a class (implicit class target) is not compiled")
            if not isinstance(p, URIRef) or not str(p).startswith(str(SH)):
                continue  # rdf:type, rdfs:label, rdfs:comment...: pySHACL ignores them too
            if p not in KNOWN:
                raise ShapeCompileError(node, f"{p} is not compiled")
            params.setdefault(p, []).append(o)
        for p, values in params.items():
            if p not in REPEATABLE and len(values) > 1:
                raise ShapeCompileError(node, f"{p} has {len(values)} values; one is compiled")
        path = None
        if SH.path in params:
            try:
                path = _read_path(self.g, params[SH.path][0])
            except _UnsupportedPathError as exc:
                raise ShapeCompileError(node, f"sh:path: {exc}") from None
        types = set(self.g.objects(node, RDF.type))
        if (SH.PropertyShape in types and path is None) or (SH.NodeShape in types and path is not None):
            raise ShapeCompileError(node, "its type (sh:NodeShape / sh:PropertyShape) does not match sh:path")
        for param in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
            if param in params and SH.qualifiedValueShape not in params:
                raise ShapeCompileError(node, f"{param} without sh:qualifiedValueShape")
        severity = params.get(SH.severity, [SH.Violation])[0]
        if severity not in SEVERITIES:
            raise ShapeCompileError(node, f"sh:severity {severity} is not sh:Violation, sh:Warning or sh:Info")
        assert isinstance(severity, URIRef)
        shape = _Shape(node, params, path, severity)
        self._shapes[node] = shape
        return shape

    def members(self, shape: _Shape, head: Node, *, distinct: bool = False) -> list[Node]:
        try:
            members = _rdf_list(self.g, head)
        except _UnsupportedPathError as exc:
            raise ShapeCompileError(shape.node, str(exc)) from None
        if distinct and len(set(members)) != len(members):
            raise ShapeCompileError(shape.node, "a shape list with repeated members is not compiled")
        return members

    def count(self, shape: _Shape, param: URIRef) -> int | None:
        value = shape.one(param)
        if value is None:
            return None
        if not (isinstance(value, Literal) and value.datatype == XSD.integer and isinstance(value.value, int)
                and value.value >= 0):
            raise ShapeCompileError(shape.node, f"{param} must be a non-negative xsd:integer, not {value!r}")
        return value.value

    def constant(self, shape: _Shape, term: Node, t: _Pattern) -> str:
        """A term of the shapes graph in the check (an IRI or a literal)."""
        if isinstance(term, Literal) and term.datatype in INTEGER_SUBTYPES:
            raise ShapeCompileError(shape.node, f"{term.n3()}: the store holds {term.datatype} values as xsd:integer")
        if not isinstance(term, URIRef | Literal):
            raise ShapeCompileError(shape.node, f"{term!r} (a blank node) cannot be matched by a query")
        return t.term(term)

    def predicate(self, shape: _Shape, param: URIRef, t: _Pattern) -> str:
        other = shape.one(param)
        if not isinstance(other, URIRef):
            raise ShapeCompileError(shape.node, f"{param} must be an IRI")
        return t.term(other)

    # -- the checks of a reporting shape

    def checks(self, shape: _Shape, classes: tuple[URIRef, ...]) -> Iterator[CompiledCheck]:
        violations = list(self.violations(shape))
        if not violations:
            return  # a node shape that only lists property shapes never reports
        messages = shape.params.get(SH.message, [])
        if len(messages) != 1 or not isinstance(messages[0], Literal):
            raise ShapeCompileError(shape.node, f"a reporting shape needs one literal sh:message, has {len(messages)}")
        if not isinstance(shape.node, URIRef):
            raise ShapeCompileError(shape.node, "a reporting shape must have an IRI")
        label = shape.path.label if shape.path else None
        for v in violations:
            yield CompiledCheck(shape.node, v.component, shape.severity, messages[0], label, classes, v.text,
                                tuple(v.builder.constants), v.with_value, v.having)

    def violations(self, shape: _Shape) -> Iterator[_Violation]:
        self._compiled.add(shape.node)
        path = shape.path
        if path is not None and SH.property in shape.params:
            raise ShapeCompileError(shape.node, "sh:property on a property shape is not compiled")
        for param, values in shape.params.items():
            if param in PER_VALUE:
                for value in values:
                    t = _Pattern()
                    values_of = "BIND (?focus AS ?value)" if path is None else t.path(path, "?focus", "?value")
                    passes = self.passes(shape, param, value, "?value", t)
                    yield _Violation(PER_VALUE[param], t, f"{values_of}\n  FILTER (!{passes})", True)
            elif param == SH.hasValue and path is None:
                for value in values:
                    t = _Pattern()
                    yield _Violation(SH.HasValueConstraintComponent, t,
                                     f"FILTER (!sameTerm(?focus, {self.constant(shape, value, t)}))", False)
            elif param in PER_FOCUS or param == SH.qualifiedValueShape:
                if path is None:
                    raise ShapeCompileError(shape.node, f"{param} on a node shape is not compiled")
                yield from self.focus_violations(shape, param, values, path)

    def focus_violations(self, shape: _Shape, param: URIRef, values: list[Node], path: _Path) -> Iterator[_Violation]:
        t = _Pattern()
        if param == SH.minCount:  # pySHACL: sh:minCount 0 never fails
            n = self.count(shape, param)
            if n == 1:
                yield _Violation(SH.MinCountConstraintComponent, t,
                                 f"FILTER NOT EXISTS {{ {t.chain(path, '?focus', '?v')} }}", False)
            elif n:
                yield _Violation(SH.MinCountConstraintComponent, t, f"OPTIONAL {{ {t.path(path, '?focus', '?v')} }}",
                                 False, f"COUNT(DISTINCT ?v) < {n}")
        elif param == SH.maxCount:
            n = self.count(shape, param)
            if n == 0:
                yield _Violation(SH.MaxCountConstraintComponent, t,
                                 f"FILTER EXISTS {{ {t.chain(path, '?focus', '?v')} }}", False)
            elif n is not None and n <= MAX_COUNT_BY_JOIN:
                # n + 1 pairwise distinct values, found by a join from each focus node: no GROUP BY, whose
                # table over every focus node of the graph grew to gigabytes at 1000x the corpus
                ends = [f"?m{i}" for i in range(n + 1)]
                distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(ends, 2))
                yield _Violation(SH.MaxCountConstraintComponent, t,
                                 " ".join(t.path(path, "?focus", end) for end in ends) + f" FILTER ({distinct})",
                                 False)
            else:
                yield _Violation(SH.MaxCountConstraintComponent, t, t.path(path, "?focus", "?v"), False,
                                 f"COUNT(DISTINCT ?v) > {n}")
        elif param == SH.hasValue:
            for value in values:
                t = _Pattern()
                pattern = t.chain(path, "?focus", self.constant(shape, value, t))
                yield _Violation(SH.HasValueConstraintComponent, t, f"FILTER NOT EXISTS {{ {pattern} }}", False)
        elif param == SH.equals:  # two checks, not a UNION: Oxigraph would evaluate it before binding ?k
            other = self.predicate(shape, param, t)
            values_of = t.path(path, "?focus", "?value")
            yield _Violation(SH.EqualsConstraintComponent, t,
                             f"{values_of}\n  FILTER NOT EXISTS {{ ?focus {other} ?value }}", True)
            t = _Pattern()
            other = self.predicate(shape, param, t)
            values_of = t.chain(path, "?focus", "?value")
            yield _Violation(SH.EqualsConstraintComponent, t,
                             f"?focus {other} ?value .\n  FILTER NOT EXISTS {{ {values_of} }}", True)
        elif param == SH.lessThan:
            other = self.predicate(shape, param, t)
            yield _Violation(SH.LessThanConstraintComponent, t,
                             f"{t.path(path, '?focus', '?value')}\n  ?focus {other} ?other .\n"
                             f"  FILTER (!{less_than('?value', '?other')})", True)
        elif param == SH.qualifiedValueShape:
            qualified = self.qualified(shape)
            low, high = self.count(shape, SH.qualifiedMinCount), self.count(shape, SH.qualifiedMaxCount)
            if low is None and high is None:
                raise ShapeCompileError(shape.node, "sh:qualifiedValueShape without sh:qualifiedMinCount/MaxCount")
            if low:  # fewer conforming value nodes than the minimum
                t = _Pattern()
                conforms = self.conforms(qualified, "?v", t)
                yield (_Violation(SH.QualifiedMinCountConstraintComponent, t,
                                  f"FILTER NOT EXISTS {{ {t.chain(path, '?focus', '?v', conforms)} }}", False)
                       if low == 1 else
                       _Violation(SH.QualifiedMinCountConstraintComponent, t,
                                  f"OPTIONAL {{ {t.path(path, '?focus', '?v')} FILTER ({conforms}) }}", False,
                                  f"COUNT(DISTINCT ?v) < {low}"))
            if high is not None:
                t = _Pattern()
                conforms = self.conforms(qualified, "?v", t)
                yield (_Violation(SH.QualifiedMaxCountConstraintComponent, t,
                                  f"FILTER EXISTS {{ {t.chain(path, '?focus', '?v', conforms)} }}", False)
                       if high == 0 else
                       _Violation(SH.QualifiedMaxCountConstraintComponent, t,
                                  f"{t.path(path, '?focus', '?v')} FILTER ({conforms})", False,
                                  f"COUNT(DISTINCT ?v) > {high}"))

    def qualified(self, shape: _Shape) -> Node:
        disjoint = shape.one(SH.qualifiedValueShapesDisjoint)
        if disjoint is not None and not (isinstance(disjoint, Literal) and disjoint.value is False):
            raise ShapeCompileError(shape.node, "sh:qualifiedValueShapesDisjoint true is not compiled")
        qualified = shape.one(SH.qualifiedValueShape)
        assert qualified is not None
        return qualified

    # -- conformance of a value node to a shape (shapes used inside others)

    def conforms(self, node: Node, x: str, t: _Pattern) -> str:
        """A SPARQL expression, never an error, true when the term in ``x`` conforms to the shape."""
        return self.conditions(node, x, t, nested=True)

    def conditions(self, node: Node, x: str, t: _Pattern, *, nested: bool) -> str:
        if node in self._stack:
            raise ShapeCompileError(node, "recursive shapes are not compiled")
        self._stack.append(node)
        try:
            shape = self.shape(node)
            if nested and shape.severity != SH.Violation:
                raise ShapeCompileError(node, "a shape used inside another must have severity sh:Violation "
                                              "(pySHACL's answer for others depends on allow_warnings)")
            parts = list(self.shape_conditions(shape, x, t))
            self._compiled.add(node)
        finally:
            self._stack.pop()
        if not parts:
            return "true"
        return parts[0] if len(parts) == 1 else "(" + " && ".join(parts) + ")"

    def shape_conditions(self, shape: _Shape, x: str, t: _Pattern) -> Iterator[str]:
        path = shape.path
        per_value = [(p, v) for p, values in shape.params.items() if p in PER_VALUE for v in values]
        if path is None:
            for param, value in per_value:
                yield self.passes(shape, param, value, x, t)
            for value in shape.params.get(SH.hasValue, []):
                yield f"sameTerm({x}, {self.constant(shape, value, t)})"
            for prop in shape.params.get(SH.property, []):
                if self.shape(prop).path is None:
                    raise ShapeCompileError(shape.node, f"sh:property {prop} has no sh:path")
                yield self.conforms(prop, x, t)
            for param in (*PER_FOCUS, SH.qualifiedValueShape):
                if param in shape.params and param != SH.hasValue:
                    raise ShapeCompileError(shape.node, f"{param} on a node shape is not compiled")
            return
        if SH.property in shape.params:
            raise ShapeCompileError(shape.node, "sh:property on a property shape is not compiled")
        if per_value:
            w = t.var()
            passes = " && ".join(self.passes(shape, param, value, w, t) for param, value in per_value)
            yield f"NOT EXISTS {{ {t.chain(path, x, w, f'!({passes})')} }}"
        low, high = self.count(shape, SH.minCount), self.count(shape, SH.maxCount)
        if low:
            yield f"EXISTS {{ {self.distinct_values(shape, x, path, low, t)} }}"
        if high is not None:
            yield f"NOT EXISTS {{ {self.distinct_values(shape, x, path, high + 1, t)} }}"
        for value in shape.params.get(SH.hasValue, []):
            yield f"EXISTS {{ {t.chain(path, x, self.constant(shape, value, t))} }}"
        if SH.equals in shape.params:
            other, w = self.predicate(shape, SH.equals, t), t.var()
            yield f"NOT EXISTS {{ {t.chain(path, x, w, f'NOT EXISTS {{ {x} {other} {w} }}')} }}"
            yield f"NOT EXISTS {{ {x} {other} {w} . FILTER NOT EXISTS {{ {t.chain(path, x, w)} }} }}"
        if SH.lessThan in shape.params:
            other, w, o = self.predicate(shape, SH.lessThan, t), t.var(), t.var()
            smaller = f"EXISTS {{ {x} {other} {o} . FILTER (!{less_than(w, o)}) }}"
            yield f"NOT EXISTS {{ {t.chain(path, x, w, smaller)} }}"
        if SH.qualifiedValueShape in shape.params:
            qualified = self.qualified(shape)
            low, high = self.count(shape, SH.qualifiedMinCount), self.count(shape, SH.qualifiedMaxCount)
            if low:
                yield f"EXISTS {{ {self.distinct_values(shape, x, path, low, t, qualified)} }}"
            if high is not None:
                yield f"NOT EXISTS {{ {self.distinct_values(shape, x, path, high + 1, t, qualified)} }}"

    def distinct_values(self, shape: _Shape, x: str, path: _Path, k: int, t: _Pattern,
                        qualified: Node | None = None) -> str:
        """A pattern with a solution when ``x`` has ``k`` distinct values (conforming to ``qualified``)."""
        if k > MAX_NESTED_COUNT + 1:
            raise ShapeCompileError(shape.node, f"counts above {MAX_NESTED_COUNT} in a nested shape are not compiled")
        if k == 1:
            w = t.var()
            return t.chain(path, x, w, self.conforms(qualified, w, t) if qualified is not None else None)
        values = [t.var() for _ in range(k)]
        pattern = " ".join(t.path(path, x, v) for v in values)
        conditions = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(values, 2)]
        if qualified is not None:
            conditions += [self.conforms(qualified, v, t) for v in values]
        return pattern + (f" FILTER ({' && '.join(conditions)})" if conditions else "")

    # -- one constraint on one value node

    def passes(self, shape: _Shape, param: URIRef, value: Node, w: str, t: _Pattern) -> str:
        """A SPARQL expression, never an error, true when the term in ``w`` satisfies the constraint."""
        if param == SH_CLASS:
            if not isinstance(value, URIRef):
                raise ShapeCompileError(shape.node, "sh:class must be an IRI")
            return f"EXISTS {{ {w} {TYPE_PATH} {t.term(value)} }}"
        if param == SH.datatype:
            return self.datatype(shape, value, w)
        if param == SH.nodeKind:
            if not isinstance(value, URIRef) or value not in NODE_KINDS:
                raise ShapeCompileError(shape.node, f"sh:nodeKind {value} is not a node kind")
            return NODE_KINDS[value].format(w)
        if param in (SH.minLength, SH.maxLength):
            n = self.count(shape, param)
            if param == SH.minLength and n == 0:
                return "true"
            return f"(!isBlank({w}) && STRLEN(STR({w})) {'>=' if param == SH.minLength else '<='} {n})"
        if param == SH.pattern:
            return self.pattern(shape, value, w)
        if param == SH.languageIn:
            return self.language_in(shape, value, w, t)
        if param == SH_IN:
            tests = [f"sameTerm({w}, {self.constant(shape, m, t)})" for m in self.members(shape, value)]
            return "(" + " || ".join(tests) + ")" if tests else "false"
        if param in RANGE_OPERATORS:
            return self.range(shape, param, value, w, t)
        if param == SH.node:
            return self.conforms(value, w, t)
        if param == SH_NOT:
            return f"(!{self.conforms(value, w, t)})"
        members = self.members(shape, value, distinct=True)
        if param == SH.xone:
            counted = [f"IF({self.conforms(m, w, t)}, 1, 0)" for m in members]
            return f"({' + '.join(counted)} = 1)" if counted else "false"
        if param == SH_OR:
            members = self.absorbed(members)
        joined = f" {'||' if param == SH_OR else '&&'} ".join(self.conforms(m, w, t) for m in members)
        return f"({joined})" if members else ("false" if param == SH_OR else "true")

    def absorbed(self, members: list[Node]) -> list[Node]:
        """The members of an sh:or without those that only accept a datatype the store holds as
        xsd:integer, when another member accepts xsd:integer (see the module docstring)."""
        datatypes = {m: self.only_datatype(m) for m in members}
        if XSD.integer not in datatypes.values():
            return members
        self._absorbed.update(m for m in members if datatypes[m] in INTEGER_SUBTYPES)
        return [m for m in members if datatypes[m] not in INTEGER_SUBTYPES]

    def only_datatype(self, node: Node) -> Node | None:
        shape = self.shape(node)
        constraints = {p for p in shape.params if p not in STRUCTURE}
        if shape.path is None and constraints == {SH.datatype} and shape.severity == SH.Violation:
            return shape.one(SH.datatype)
        return None

    def datatype(self, shape: _Shape, datatype: Node, w: str) -> str:
        if not isinstance(datatype, URIRef):
            raise ShapeCompileError(shape.node, "sh:datatype must be an IRI")
        if datatype == RDF.langString:
            return f'(isLiteral({w}) && LANG({w}) != "")'
        if datatype == RDFS.Literal:
            return f"isLiteral({w})"
        if datatype == XSD.string:
            return f"(isLiteral({w}) && DATATYPE({w}) = {XSD.string.n3()})"
        if datatype in INTEGER_SUBTYPES:
            raise ShapeCompileError(shape.node, f"sh:datatype {datatype}: the store holds its values as xsd:integer, "
                                                "so it can only be an sh:or member next to sh:datatype xsd:integer")
        if datatype in CHECKED_DATATYPES:
            return (f"(isLiteral({w}) && DATATYPE({w}) = {datatype.n3()} && "
                    f"REGEX(STR({w}), {Literal(LEXICAL[datatype]).n3()}))")
        if datatype in XSDToPython or datatype in (RDFS.Datatype, RDF.HTML, RDF.XMLLiteral):
            raise ShapeCompileError(shape.node, f"sh:datatype {datatype} is not compiled (rdflib parses it: "
                                                "its well-formedness would have to be reproduced)")
        return f"(isLiteral({w}) && DATATYPE({w}) = {datatype.n3()})"  # rdflib accepts any text for it

    def pattern(self, shape: _Shape, value: Node, w: str) -> str:
        if SH.flags in shape.params:
            raise ShapeCompileError(shape.node, "sh:flags is not compiled")
        if not isinstance(value, Literal):
            raise ShapeCompileError(shape.node, "sh:pattern must be a literal")
        try:
            portable = portable_pattern(str(value))
        except ValueError as exc:
            raise ShapeCompileError(shape.node, f"sh:pattern {str(value)!r}: {exc}") from None
        return f"(!isBlank({w}) && REGEX(STR({w}), {Literal(portable).n3()}))"

    def language_in(self, shape: _Shape, value: Node, w: str, t: _Pattern) -> str:
        tags = []
        for tag in self.members(shape, value):
            if not (isinstance(tag, Literal) and isinstance(tag.value, str)):
                raise ShapeCompileError(shape.node, "sh:languageIn members must be strings")
            tags.append(tag.value.lower())
        tagged = f'(isLiteral({w}) && LANG({w}) != ""'
        if "*" in tags:
            return tagged + ")"
        if not tags:
            return "false"
        listed = ", ".join(t.term(Literal(tag)) for tag in sorted(set(tags)))
        return (f"{tagged} && (LCASE(LANG({w})) IN ({listed}) || "
                f'LCASE(STRBEFORE(CONCAT(LANG({w}), "-"), "-")) IN ({listed})))')

    def range(self, shape: _Shape, param: URIRef, bound: Node, w: str, t: _Pattern) -> str:
        if not (isinstance(bound, Literal) and bound.datatype == XSD.integer and isinstance(bound.value, int)
                and abs(bound.value) < 2**53):
            raise ShapeCompileError(shape.node, f"{param} is compiled for an xsd:integer bound only")
        upper = param in (SH.maxInclusive, SH.maxExclusive)
        nan = f" || {w} != {w}" if upper else ""  # rdflib: NaN is below every number
        by_value = f"COALESCE({w} {RANGE_OPERATORS[param]} {t.term(bound)}{nan}, false)"
        by_datatype = f"STR(DATATYPE({w})) {'<' if upper else '>'} {Literal(str(XSD.integer)).n3()}"
        return (f"(isLiteral({w}) && !{string_valued(w)} && IF(isNumeric({w}), {by_value}, "
                f"IF({date_time(w)} || DATATYPE({w}) = {XSD.integer.n3()}, false, {by_datatype})))")


# ---------------------------------------------------------------------------------------------
# rdflib's classes of literals and its order, in SPARQL
#
# isNumeric() stands for rdflib's "well-typed number": Oxigraph finds valid exactly the numbers
# whose text rdflib parses, except non-finite decimals and numbers past Oxigraph's range.


def string_valued(w: str) -> str:
    """rdflib gives the literal a str value (plain, language-tagged, xsd:string and kin)."""
    kinds = ", ".join(t.n3() for t in STRING_VALUED)
    return f'(isLiteral({w}) && (LANG({w}) != "" || DATATYPE({w}) IN ({kinds})))'


def date_time(w: str) -> str:
    """A well-typed xsd:dateTime or xsd:time (rdflib's value cannot be ordered against numbers)."""
    return (f"((DATATYPE({w}) = {XSD.dateTime.n3()} && REGEX(STR({w}), {Literal(LEXICAL[XSD.dateTime]).n3()})) || "
            f"(DATATYPE({w}) = {XSD.time.n3()} && REGEX(STR({w}), {Literal(LEXICAL[XSD.time]).n3()})))")


def less_than(v: str, o: str) -> str:
    """pySHACL's sh:lessThan test of two data terms: IRIs and string values compare as text, other
    literals by rdflib's order (numbers by value, else by datatype IRI, else by text)."""
    text_v, text_o = f"(isIRI({v}) || {string_valued(v)})", f"(isIRI({o}) || {string_valued(o)})"
    return (f"(!isBlank({v}) && !isBlank({o}) && IF({text_v} != {text_o}, false, IF({text_v}, STR({v}) < STR({o}), "
            f"IF(isNumeric({v}) && isNumeric({o}), COALESCE({v} < {o} || {v} != {v} || {o} != {o}, false), "
            f"IF(DATATYPE({v}) != DATATYPE({o}), STR(DATATYPE({v})) < STR(DATATYPE({o})), STR({v}) < STR({o}))))))")
