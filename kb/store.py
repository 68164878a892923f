"""One store interface, two backends: an embedded Oxigraph store and any SPARQL 1.1 endpoint.

This module owns every access to a triple store: opening, creating and loading stores, running
read-only SPARQL queries, binding query parameters, refusing queries the knowledge base never runs,
and query time limits. Nothing else in the library talks to pyoxigraph, SPARQLWrapper or a Graph
Store endpoint.

- :class:`Store` is the interface; :class:`EmbeddedStore` (pyoxigraph, on disk or in memory) and
  :class:`RemoteStore` (SPARQLWrapper for queries, the SPARQL 1.1 Graph Store HTTP Protocol for
  loading) implement it; :func:`open_store` picks one from a URL or a folder.
- :func:`check_query` runs first on both backends. It parses the query with rdflib's SPARQL parser
  (never a regex over the text, which comments and strings would fool) and refuses updates,
  ``SERVICE`` anywhere, and ``FROM``/``FROM NAMED`` outside ``https://w3id.org/iacml-kb/``. What it finds
  in kb's own queries (:func:`vouch`) is kept between processes in the user's cache folder.
- Parameters are bound, never spliced. A parameter must be a variable the query mentions outside a
  sub-query. The embedded backend uses pyoxigraph's ``substitutions`` where Oxigraph applies them
  (``SELECT`` with every parameter projected); otherwise, and always on the remote backend, the
  terms go into a ``VALUES`` block written by a strict serializer and placed first inside the
  query's top-level ``WHERE`` group, so that they pre-bind the variable for every pattern and
  ``FILTER`` of that group (including ``FILTER``-only uses such as ``FILTER(?date <= ?asof)``),
  with the same rows on both backends. The place is found by a scanner that skips comments,
  strings and IRIs. Write queries so that filters on parameters stand in the top-level group (or
  in EXISTS/OPTIONAL, which see it): a VALUES block does not reach into a UNION branch or a
  sub-query, and Oxigraph's substitution makes ``BOUND(?param)`` false even when it binds
  (test an optional parameter with ``COALESCE``). tests/test_queries.py checks every published
  query gives the same rows under both bindings.
- Results as bytes. ``select_json`` and ``select_bytes`` hand back what the engine's own
  serializer wrote (SPARQL JSON; or XML, CSV, TSV), with no Python object per row (a remote engine's
  JSON in the standard's form, :func:`standard_results`, for every caller):
  ``select_bytes(limit=N)`` stops the engine once more than N rows have been written and cuts
  the answer to N rows exactly (the web service's row cap). ``select`` makes rdflib terms, for
  callers that read the rows.
- Time limits. pyoxigraph 0.5 has no way to stop a running query from Python: no timeout or
  cancellation argument, the engine runs with the GIL released and checks no signal, and a thread
  that is abandoned keeps computing until the query ends. The embedded ``timeout`` therefore
  checks a deadline each time the engine hands back a row (``select``) or a chunk of about 8 KB
  of serialized results (``select_json``, ``select_bytes``) and then drops the lazy evaluation,
  which stops it. It cannot stop a step that produces nothing for a long time: ``ORDER BY``,
  ``GROUP BY``/aggregates and ``ASK`` are evaluated entirely inside ``pyoxigraph.Store.query``,
  and a join whose rows are all filtered out blocks inside one ``next()``; such a query runs to
  its end and then raises
  :class:`QueryTimeoutError`. A real stop needs a query in a process that can be killed. The remote
  backend gives the timeout to SPARQLWrapper and the HTTP client; that closes the connection but
  does not stop the server (``oxigraph serve --timeout-s N`` does, for Oxigraph).
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import io
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol, Self, TypeVar, cast

import httpx
import pyoxigraph as ox
from pyparsing import ParseBaseException, ParseResults
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from kb.errors import KbError, QueryError, QueryRefusedError, QueryTimeoutError, StoreError
from kb.iri import BASE, jsonld_envelope

T = TypeVar("T")
VAR_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
VARIABLE_RE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
IRIREF_RE = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
IRI_FORBIDDEN_RE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
IRI_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
LANG_RE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
DOT_SEGMENT_RE = re.compile(r"(^|/)\.\.?(/|$)")
STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                                "\b": "\\b", "\f": "\\f"})
SPARQL_JSON = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# One page of the default graph: ORDER BY makes LIMIT/OFFSET pages disjoint and complete on any engine
PAGE_QUERY = "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o LIMIT {limit} OFFSET {offset}"
CANCELLED_MARK = b"cancelled"
COMPACT_HEAD = b'{"head":{"vars":['  # how Oxigraph begins SPARQL JSON results
ROW_BOUNDARY = b"},{"  # between two rows of compact SPARQL JSON results (and possibly inside a literal)
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                 "rdfxml": ox.RdfFormat.RDF_XML}
RESULTS_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_PARSER_LOCK = threading.Lock()  # rdflib's pyparsing-based SPARQL parser is not thread-safe (rdflib #1282)


class QueryForm(StrEnum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


@dataclass(frozen=True)
class SelectResult:
    """The rows of a SELECT query: rdflib terms in the order of ``variables``, None if unbound.

    ``truncated`` is True when a ``limit`` cut off further rows.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Node | None, ...], ...]
    truncated: bool = False

    def dicts(self) -> list[dict[str, Node]]:
        """One dict per row, mapping each bound variable to its term (unbound ones are left out)."""
        variables = self.variables
        return [{v: t for v, t in zip(variables, row, strict=True) if t is not None} for row in self.rows]


# --------------------------------------------------------------------------------------------
# Checking queries and parameters (both backends)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _QueryInfo:
    form: QueryForm
    projected: frozenset[str]  # SELECT: the projection; other forms: the variables in scope
    top_level: frozenset[str]  # variables mentioned outside sub-queries: the parameters allowed
    where_group: int  # offset just inside the opening brace of the top-level WHERE group, -1 if none
    limit: int | None = None  # SELECT: its own top-level LIMIT (no answer has more rows), if it has one
    dataset: Dataset | None = None  # its FROM / FROM NAMED clauses, if it has any


def check_query(query: str) -> QueryForm:
    """The form of a read-only query; QueryError if malformed, QueryRefusedError if refused.

    Refused: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ...), ``SERVICE`` anywhere, and
    ``FROM``/``FROM NAMED`` with an IRI outside ``https://w3id.org/iacml-kb/``.
    """
    return _inspect(query).form


# Queries made by bind_in_where from a query already checked: checked by construction (the VALUES
# block is made of checked, escaped terms of variables the query already uses, inserted where its WHERE
# group opens), so their check is derived instead of parsing the new text with rdflib again (about
# 0.4 ms a query: the status of one item runs ten such queries). Bounded, oldest out first.
_DERIVED: dict[str, _QueryInfo] = {}
_DERIVED_LOCK = threading.Lock()
DERIVED_MAX = 4096


def _inspect(query: str) -> _QueryInfo:
    derived = _DERIVED.get(query)
    return derived if derived is not None else _inspect_text(query)


# Nesting: rdflib's parser recurses about a hundred Python frames per level of brackets, so that past
# ~20 levels the default recursion limit stops it. A linear scan refuses what is nested deeper than
# NESTING_MAX before any parsing; a query nested deeper than DEEP_NESTING is parsed on a thread of its
# own with a large stack and recursion limit (256 levels parse in about 1 s).
NESTING_MAX = 256
DEEP_NESTING = 16
_DEEP_STACK_BYTES = 256 * 1024 * 1024  # reserved address space: only the pages used are memory
_DEEP_RECURSION = 40_000
_DEEP_LOCK = threading.Lock()  # the recursion limit is the process's: one deep parse at a time


@functools.lru_cache(maxsize=512)
def _inspect_text(query: str) -> _QueryInfo:
    own = query in _VOUCHED
    if own and (kept := _kept_analysis(query)) is not None:
        return kept
    depth = nesting_depth(query)
    if depth > NESTING_MAX:
        raise QueryError(f"the query is nested {depth} levels deep; at most {NESTING_MAX} are read",
                         hint="flatten its groups or expressions")
    try:
        info = _analyse(query) if depth <= DEEP_NESTING else _on_a_deep_stack(query)
    except RecursionError:
        raise QueryError("the query is nested too deeply to be checked", hint="flatten its groups") from None
    if own:
        _keep_analysis(query, info)
    return info


# kb's own queries (queries/ and the texts made of them) are parsed by every process that runs them: a server
# starting parses about a hundred before it answers, each for 20-700 ms. Their analyses are kept in the user's
# cache folder ($KB_CACHE_DIR, else $XDG_CACHE_HOME/iacml-kb), for the texts vouched for only: a user's query is
# always parsed (that check refuses SERVICE and updates) and never written there. A file is valid for one
# version of this module and of the parser; an unreadable or unwritable one is parsed around.
_VOUCHED: set[str] = set()
_KEPT: dict[str, Any] | None = None  # the file's entries, by the hash of the text
_KEPT_LOCK = threading.Lock()


def vouch(text: str) -> str:
    """Mark ``text`` as one of kb's own queries, whose analysis may be kept between processes; return it."""
    _VOUCHED.add(text)
    return text


def _analyses_file() -> Path | None:
    folder = os.environ.get("KB_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not base:
            try:
                base = str(Path.home() / ".cache")
            except (RuntimeError, KeyError):  # no home to keep them in
                return None
        folder = str(Path(base) / "iacml-kb")
    return Path(folder) / f"query-analyses-{_analyser_version()}.json" if folder else None


@functools.cache
def _analyser_version() -> str:
    """This module's and the parser's version: analyses made by another are not read."""
    import pyparsing
    import rdflib

    version = hashlib.sha256(Path(__file__).read_bytes() + f"{rdflib.__version__} {pyparsing.__version__}".encode())
    return version.hexdigest()[:16]


def _key(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()


def _read_analyses(path: Path | None) -> dict[str, Any]:
    """The entries of the analyses file (none if it is missing or not an object of entries)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
        return entries if isinstance(entries, dict) else {}
    except Exception:  # whatever the file holds, its queries are parsed as if it were not there
        return {}


def _kept_analysis(query: str) -> _QueryInfo | None:
    global _KEPT
    with _KEPT_LOCK:
        if _KEPT is None:
            _KEPT = _read_analyses(_analyses_file())
        entry = _KEPT.get(_key(query))
    return _kept_entry(query, entry) if entry is not None else None


def _kept_entry(query: str, e: Any) -> _QueryInfo | None:
    """The analysis kept for ``query``, checked against its text (None if it does not fit: the query is then
    parsed). What a scan finds is found again (where parameters are bound, the variables that may be); what
    only the parse finds must agree with the text: a damaged or edited file changes no answer."""
    try:
        scrubbed = _scrub(query)
        mentioned = set(VARIABLE_RE.findall(scrubbed))
        form, projected, limit, dataset = QueryForm(e["form"]), e["projected"], e["limit"], e["dataset"]
        if not re.search(rf"\b{form.value}\b", scrubbed, re.IGNORECASE):
            return None
        if not (isinstance(projected, list) and all(isinstance(v, str) for v in projected)
                and set(projected) <= mentioned):
            return None
        if limit is not None and not (type(limit) is int and limit >= 0
                                      and re.search(rf"\bLIMIT\s+{limit}\b", scrubbed, re.IGNORECASE)):
            return None
        if dataset is not None:
            default, named = dataset
            dataset = Dataset(tuple(map(str, default)), tuple(map(str, named)))
            dataset.check()
        return _QueryInfo(form, frozenset(projected), _top_level_variables(scrubbed), _where_group(scrubbed, form),
                          limit, dataset)
    except Exception:  # whatever the file holds
        return None


def _keep_analysis(query: str, info: _QueryInfo) -> None:
    path = _analyses_file()
    if path is None:
        return
    global _KEPT
    with _KEPT_LOCK:
        kept = _KEPT = _KEPT if _KEPT is not None else {}
        dataset = [list(info.dataset.default), list(info.dataset.named)] if info.dataset else None
        kept[_key(query)] = {"form": info.form.value, "projected": sorted(info.projected), "limit": info.limit,
                             "dataset": dataset}
        # Other processes (a server's workers, several servers) write the same file: theirs are kept too.
        entries = _KEPT = dict(sorted({**_read_analyses(path), **kept}.items()))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entries, out)
                os.replace(temporary, path)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
        except OSError:
            return


def nesting_depth(query: str) -> int:
    """How deeply brackets (``{``, ``(``, ``[``) nest in ``query``, outside strings, IRIs and comments."""
    depth = deepest = 0
    for char in _BRACKETS_RE.findall(_scrub(query)):
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(0, depth - 1)
    return deepest


_BRACKETS_RE = re.compile(r"[(){}\[\]]")


def _on_a_deep_stack(query: str) -> _QueryInfo:
    """``_analyse(query)`` on a thread with a large stack and recursion limit (see NESTING_MAX)."""
    outcome: list[_QueryInfo | BaseException] = []

    def run() -> None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, _DEEP_RECURSION))
        try:
            outcome.append(_analyse(query))
        except BaseException as exc:  # handed back to the calling thread
            outcome.append(exc)
        finally:
            sys.setrecursionlimit(limit)

    with _DEEP_LOCK:
        previous = threading.stack_size(_DEEP_STACK_BYTES)
        try:
            thread = threading.Thread(target=run, name="kb-deep-parse", daemon=True)
        finally:
            threading.stack_size(previous)
        thread.start()
        thread.join()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result.with_traceback(None)
    return result


def _analyse(query: str) -> _QueryInfo:
    _check_unicode(query, "the query")
    with _PARSER_LOCK:
        parsed = _parse(query)
        if _contains_service(parsed):  # in the parse tree: translation rewrites (and drops) parts of it
            raise QueryRefusedError("SERVICE (federated query) is refused", hint="query the knowledge base only")
        try:
            algebra = translateQuery(parsed).algebra
        except Exception as exc:  # rdflib raises bare Exceptions (unknown prefix, misplaced aggregate...)
            raise QueryError(f"invalid SPARQL query: {exc}") from None
    default: list[str] = []
    named: list[str] = []
    for clause in algebra.datasetClause or ():
        iri = clause.default if clause.default is not None else clause.named
        _check_dataset_iri(iri)
        (default if clause.default is not None else named).append(str(iri))
    dataset = Dataset(tuple(default), tuple(named)) if default or named else None
    form = QueryForm(algebra.name.removesuffix("Query").upper())
    bindable = _bindable(algebra, form)
    projected = frozenset(str(v) for v in algebra.PV) if form is QueryForm.SELECT else bindable
    scrubbed = _scrub(query)
    top = algebra.p
    limit = top.length if form is QueryForm.SELECT and top.name == "Slice" and top.length is not None else None
    return _QueryInfo(form, projected, _top_level_variables(scrubbed), _where_group(scrubbed, form),
                      None if limit is None else int(limit), dataset)


def _parse(query: str) -> Any:
    try:
        return parseQuery(query)
    except ParseBaseException as exc:
        update = _update_operation(query)
        if update:
            raise QueryRefusedError(f"updates are refused ({update}): the knowledge base is read-only",
                                    hint="send SELECT, ASK, CONSTRUCT or DESCRIBE queries") from None
        raise QueryError(f"malformed SPARQL query: {exc}", hint="check the syntax at the position given") from None


def _update_operation(text: str) -> str | None:
    """The name of the first operation if ``text`` parses as a SPARQL update, else None."""
    try:
        request = parseUpdate(text).request
    except ParseBaseException:
        return None
    return str(request[0].name) if request else None


def _contains_service(node: Any) -> bool:
    if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):  # CompValue is an OrderedDict
        return any(_contains_service(v) for v in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_contains_service(v) for v in node)
    return False


def _check_dataset_iri(value: object, where: str = "FROM") -> None:
    text = str(value)
    if not text.startswith(BASE) or DOT_SEGMENT_RE.search(text[len(BASE):]):
        raise QueryRefusedError(f"{where} <{text}> is refused: only graphs under {BASE} can be queried "
                                f"(the knowledge base's own graph is <{KB_GRAPH}>)",
                                hint=f"remove {where} to query the default graph")


# --------------------------------------------------------------------------------------------
# Datasets: FROM / FROM NAMED, or the protocol's default-graph-uri / named-graph-uri
# --------------------------------------------------------------------------------------------

KB_GRAPH = BASE  # the name of the knowledge base's one graph, the default graph, in a dataset


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a query runs over, named by graph IRIs (SPARQL 1.1 Query 13.2).

    Only graphs under ``https://w3id.org/iacml-kb/`` may be named (:meth:`check`). :data:`KB_GRAPH` names
    the knowledge base's graph (the store's default graph); any other IRI under it names a graph the
    store does not hold, which is empty. FROM and FROM NAMED clauses are read into one; a dataset given
    with :func:`query_dataset` (the SPARQL protocol's) replaces them, as the protocol says.
    """

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def check(self) -> None:
        """QueryRefusedError if an IRI lies outside the knowledge base."""
        for iri in self.default:
            _check_dataset_iri(iri, "default-graph-uri")
        for iri in self.named:
            _check_dataset_iri(iri, "named-graph-uri")

    def is_default(self) -> bool:
        """Whether it is the store's own dataset: the knowledge base's graph as default graph, no named graph."""
        return set(self.default) == {KB_GRAPH} and not self.named

    def oxigraph(self) -> dict[str, Any]:
        """The keyword arguments of ``pyoxigraph.Store.query`` that make it (:data:`KB_GRAPH`: the default graph)."""
        default = [ox.DefaultGraph() if iri == KB_GRAPH else ox.NamedNode(iri) for iri in self.default]
        return {"default_graph": default, "named_graphs": [ox.NamedNode(iri) for iri in self.named]}


_DATASET: ContextVar[Dataset | None] = ContextVar("kb_query_dataset", default=None)


@contextmanager
def query_dataset(dataset: Dataset | None) -> Iterator[None]:
    """Run the queries of this block (on this thread or task) over ``dataset`` instead of their FROM clauses.

    A context rather than one more argument on every query method: the dataset comes with the request (the
    SPARQL protocol's ``default-graph-uri``/``named-graph-uri``), not with the query text. A remote store
    refuses any dataset but the knowledge base's own (it cannot map :data:`KB_GRAPH` to its default graph).
    """
    if dataset is not None:
        dataset.check()
    token = _DATASET.set(dataset)
    try:
        yield
    finally:
        _DATASET.reset(token)


def _bindable(algebra: Any, form: QueryForm) -> frozenset[str]:
    """The variables in scope where the trailing VALUES clause is joined (under the projection)."""
    node = algebra.p
    while node is not None and node.name in ("Slice", "Distinct", "Reduced"):
        node = node.p
    if node is not None and node.name == "Project":
        node = node.p
    names = _in_scope(node)
    if form is QueryForm.DESCRIBE:
        names |= _var_names(algebra.PV or ())
    return frozenset(names)


def _in_scope(node: Any) -> set[str]:
    """In-scope variables of an rdflib algebra pattern (SPARQL 1.1, section 18.2.1)."""
    if node is None:
        return set()
    name = node.name
    if name == "BGP":
        return {str(t) for triple in node.triples for t in triple if isinstance(t, Variable)}
    if name in ("Join", "LeftJoin", "Union"):
        return _in_scope(node.p1) | _in_scope(node.p2)
    if name == "Minus":
        return _in_scope(node.p1)
    if name in ("Filter", "OrderBy", "Distinct", "Reduced", "Slice", "ToMultiSet"):
        return _in_scope(node.p)
    if name == "Graph":
        return _in_scope(node.p) | _var_names([node.term])
    if name == "Extend":
        return _in_scope(node.p) | {str(node.var)}
    if name == "values":
        return {str(v) for row in node.res for v in row}
    if name == "Project":
        return _var_names(node.PV) & _in_scope(node.p)
    return set()  # AggregateJoin binds only rdflib's internal __agg_N__: the group keys come back as Extend


def _var_names(terms: Iterable[object]) -> set[str]:
    return {str(t) for t in terms if isinstance(t, Variable)}


def _require_form(info: _QueryInfo, allowed: tuple[QueryForm, ...], method: str) -> None:
    if info.form not in allowed:
        raise QueryError(f"{method}() takes {' or '.join(allowed)} queries, not {info.form}",
                         hint="use select(), ask() or construct() according to the query form")


def _check_params(info: _QueryInfo, params: Mapping[str, Node] | None) -> dict[str, URIRef | Literal]:
    """The parameters, checked: plain variable names the query uses, IRIs and literals only."""
    if not params:
        return {}
    checked: dict[str, URIRef | Literal] = {}
    for name, value in params.items():
        _check_name(name)
        if name not in info.top_level:
            raise QueryError(f"parameter {name!r} is not a variable of the query outside its sub-queries",
                             hint=f"use ?{name} in the WHERE clause (a parameter does not reach into a sub-query)")
        checked[name] = _check_term(name, value)
    return checked


def _scrub(query: str) -> str:
    """The query with comments, strings and IRIs blanked out (same length), so braces and variables
    can be found by position."""
    out = list(query)
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            end = query.find("\n", i)
            end = n if end < 0 else end
        elif c in "\"'":
            quote = c * 3 if query.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            end = min(n, j + len(quote))
        elif c == "<" and (m := IRIREF_RE.match(query, i)):
            end = m.end()
        else:
            i += 1
            continue
        for k in range(i, end):
            out[k] = " " if query[k] != "\n" else "\n"
        i = end
    return "".join(out)


def _groups(scrubbed: str) -> list[tuple[int, int, int]]:
    """Every brace group as (depth, start just inside the brace, end at the closing brace)."""
    stack: list[int] = []
    found: list[tuple[int, int, int]] = []
    for i, c in enumerate(scrubbed):
        if c == "{":
            stack.append(i + 1)
        elif c == "}" and stack:
            start = stack.pop()
            found.append((len(stack), start, i))
    return sorted(found, key=lambda g: g[1])


def _where_group(scrubbed: str, form: QueryForm) -> int:
    top = [start for depth, start, _ in _groups(scrubbed) if depth == 0]
    if not top:
        return -1
    shorthand = re.search(r"\bCONSTRUCT\s+WHERE\s*\{", scrubbed, re.IGNORECASE)
    if form is QueryForm.CONSTRUCT and not shorthand:
        return top[1] if len(top) > 1 else -1
    return top[0]


def _top_level_variables(scrubbed: str) -> frozenset[str]:
    """Variables mentioned outside sub-queries (``{ SELECT ... }`` groups)."""
    blanked = list(scrubbed)
    for _, start, end in _groups(scrubbed):
        if re.match(r"\s*SELECT\b", scrubbed[start:end], re.IGNORECASE):
            blanked[start:end] = " " * (end - start)
    return frozenset(m.group(1) for m in VARIABLE_RE.finditer("".join(blanked)))


def bind_in_where(query: str, params: Mapping[str, URIRef | Literal]) -> str:
    """The query with a ``VALUES`` block for ``params`` first inside its top-level WHERE group (or, for a
    query without one such as ``DESCRIBE ?x``, as its trailing VALUES clause)."""
    info = _inspect(query)
    if info.where_group < 0:
        return query + values_clause(params)
    bound = query[: info.where_group] + values_clause(params) + query[info.where_group:]
    if params.keys() <= info.top_level:
        with _DERIVED_LOCK:
            if bound not in _DERIVED and len(_DERIVED) >= DERIVED_MAX:
                del _DERIVED[next(iter(_DERIVED))]
            _DERIVED[bound] = info  # same form, projection, variables and WHERE group (the block goes inside it)
    return bound


def _check_name(name: object) -> None:
    if not isinstance(name, str) or not VAR_NAME_RE.match(name):
        raise QueryError(f"parameter name {name!r} is not a plain SPARQL variable name",
                         hint="use letters, digits and _ without the leading ?")


def _check_term(name: str, value: object) -> URIRef | Literal:
    if isinstance(value, URIRef):
        _check_iri(name, str(value))
        return value
    if isinstance(value, Literal):
        _check_unicode(str(value), f"parameter {name!r}")
        if value.language is not None and not LANG_RE.match(value.language):
            raise QueryError(f"parameter {name!r}: {value.language!r} is not a language tag")
        if value.datatype is not None:
            _check_iri(name, str(value.datatype))
        return value
    raise QueryError(f"parameter {name!r}: {value!r} is not an IRI or a literal",
                     hint="give an rdflib URIRef or Literal (blank nodes cannot be parameters)")


def _check_iri(name: str, text: str) -> None:
    _check_unicode(text, f"parameter {name!r}")
    if not IRI_SCHEME_RE.match(text) or IRI_FORBIDDEN_RE.search(text):
        raise QueryError(f"parameter {name!r}: {text!r} is not an absolute IRI",
                         hint='IRIs have a scheme and none of <>"{}|^`\\ or spaces')


def _check_unicode(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"{what} is not valid Unicode (it holds a lone surrogate)") from None


def values_clause(params: Mapping[str, Node]) -> str:
    """A ``VALUES`` block (one row) binding IRIs and literals; QueryError for anything else.

    IRIs must be absolute and hold none of ``<>"{}|^`\\`` or whitespace; literals are escaped as in
    N-Triples, so no value can end its term.
    """
    for name in params:
        _check_name(name)
    names = " ".join(f"?{name}" for name in params)
    terms = " ".join(_sparql_term(_check_term(name, term)) for name, term in params.items())
    return f"\nVALUES ({names}) {{ ({terms}) }}\n"


def _sparql_term(term: URIRef | Literal) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    text = '"' + str(term).translate(STRING_ESCAPES) + '"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is not None and term.datatype != XSD.string:
        return f"{text}^^<{term.datatype}>"
    return text


@functools.lru_cache(maxsize=65536)
def _literal(value: str, language: str | None, datatype: str | None) -> Literal:
    """An rdflib Literal (immutable, so cached: building typed literals dominates row conversion)."""
    if language:
        return Literal(value, lang=language)
    if datatype is None or datatype == str(XSD.string):
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype), normalize=False)


def _check_results_format(fmt: str) -> None:
    if fmt not in RESULTS_FORMATS:
        raise QueryError(f"results format {fmt!r} is not one of {', '.join(RESULTS_FORMATS)}")


def _row_count_bound(results_json: bytes) -> int:
    """An upper bound on the rows of SPARQL JSON results, from byte counts only.

    In compact JSON (Oxigraph writes it so) every boundary between two rows is ``},{``, which can
    also occur inside a literal but never goes missing, so the count plus one bounds the rows. In
    JSON with whitespace (another endpoint's) every row still opens with its own ``{``.
    """
    if b'"bindings":[]' in results_json[:4096] and results_json.rstrip().endswith(b"]}}"):
        return 0
    if results_json.startswith(COMPACT_HEAD):
        return results_json.count(ROW_BOUNDARY) + 1
    return results_json.count(b"{")


def _first_rows(results_json: bytes, limit: int | None, *, complete: bool = True) -> tuple[bytes, bool] | None:
    """SPARQL JSON results cut to their first ``limit`` rows, and whether rows were cut.

    ``results_json`` may be the beginning only of the results (``complete=False``: a serializer
    stopped early); None then if it holds ``limit`` rows or fewer, so that the caller must read
    further. Results whose byte count bounds their rows within the limit pass through unparsed;
    others are read row by row (only up to the row past the limit), and the bytes of the rows kept
    are copied as they were.
    """
    if limit is None or (complete and (b'"boolean"' in results_json[:64] or _row_count_bound(results_json) <= limit)):
        return results_json, False
    if not results_json.startswith(COMPACT_HEAD):  # another endpoint's layout: read it whole
        return _first_rows_parsed(results_json, limit)
    text = results_json.decode("utf-8", errors="replace")  # a stopped serializer may end inside a character
    head_end = text.find("]}", len(COMPACT_HEAD))  # variable names hold no ]
    opening = text.find('"bindings":[', head_end) if head_end >= 0 else -1
    if opening < 0:
        if complete:
            raise StoreError("the results are not SPARQL JSON: no bindings")
        return None
    opening += len('"bindings":')
    decoder = json.JSONDecoder()
    position, rows, cut_at = opening + 1, 0, opening + 1
    while rows <= limit:
        position = _skip_space(text, position)
        if position < len(text) and text[position] == "]":
            break
        if rows:
            if position >= len(text) or text[position] != ",":
                if complete:
                    raise StoreError("the results are not SPARQL JSON: a row is not followed by , or ]")
                return None
            position = _skip_space(text, position + 1)
        try:
            _, position = decoder.raw_decode(text, position)
        except ValueError:
            if complete:
                raise StoreError("the results are not SPARQL JSON: a row cannot be read") from None
            return None  # the stopped serializer cut this row
        rows += 1
        if rows == limit:
            cut_at = position
    if rows <= limit:
        return (results_json, False) if complete else None
    kept = text[:cut_at] if limit else text[:opening + 1]
    return (kept + "]}}").encode("utf-8"), True


def _first_rows_parsed(results_json: bytes, limit: int) -> tuple[bytes, bool]:
    try:
        data = json.loads(results_json)
        bindings = data["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise StoreError("the results are not SPARQL JSON") from None
    if len(bindings) <= limit:
        return results_json, False
    data["results"]["bindings"] = bindings[:limit]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), True


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _convert_results(results_json: bytes, fmt: str) -> bytes:
    """SPARQL JSON results (SELECT or ASK) in another results format, by Oxigraph's parser and serializer."""
    _check_results_format(fmt)
    if fmt == "json":
        return results_json
    try:
        parsed = ox.parse_query_results(results_json, ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=RESULTS_FORMATS[fmt]) or b""
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"the results cannot be converted to {fmt}: {exc}") from None


def _check_graph_format(fmt: str) -> None:
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"graph format {fmt!r} is not one of {', '.join(GRAPH_FORMATS)}")


def _graph_bytes(triples: Iterable[tuple[Any, Any, Any]], fmt: str, limit: int | None,
                 prefixes: Mapping[str, str] | None) -> tuple[bytes, bool]:
    """pyoxigraph triples (subject, predicate, object), each once, sorted, cut at ``limit``, serialized."""
    ordered = sorted(set(triples), key=_triple_key)
    truncated = limit is not None and len(ordered) > limit
    if truncated:
        ordered = ordered[:limit]
    try:
        body = ox.serialize([ox.Triple(s, p, o) for s, p, o in ordered], format=GRAPH_FORMATS[fmt],
                            prefixes=dict(prefixes) if prefixes else None) or b""
    except (TypeError, ValueError) as exc:
        raise StoreError(f"cannot write the graph as {fmt}: {exc}") from None
    if fmt == "jsonld":  # Oxigraph writes expanded JSON-LD and ignores prefixes: the context goes around it
        head, tail = jsonld_envelope()
        body = head + body + tail
    elif truncated and fmt in ("turtle", "ntriples"):  # formats with comments say the cut in the body too
        body += f"# truncated: the first {limit} triples of the answer (the row cap)\n".encode()
    return body, truncated


def _triple_key(triple: tuple[Any, Any, Any]) -> tuple[bool, str, str, str]:
    s, p, o = triple
    return isinstance(s, ox.BlankNode), s.value, p.value, getattr(o, "value", str(o))


def _ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, URIRef | Literal):
        return _to_ox(term)
    raise StoreError(f"the graph holds a term that cannot be written: {term!r}")


def _check_limits(timeout: float | None, limit: int | None = None) -> float | None:
    """The deadline (a time.monotonic() value) for ``timeout`` seconds, after checking both values."""
    if timeout is not None and timeout <= 0:
        raise QueryError(f"timeout {timeout!r} must be a positive number of seconds")
    if limit is not None and limit < 0:
        raise QueryError(f"limit {limit!r} must not be negative")
    return None if timeout is None else time.monotonic() + timeout


def _timed_out(timeout: float | None) -> QueryTimeoutError:
    return QueryTimeoutError(f"the query ran past its time limit of {timeout} s",
                             hint="bind its starting points with parameters, or ask for fewer rows")


# --------------------------------------------------------------------------------------------
# The interface
# --------------------------------------------------------------------------------------------


class Store(ABC):
    """A read-only SPARQL view of the knowledge base, plus whole-content replacement."""

    @abstractmethod
    def select(self, query: str, params: Mapping[str, Node] | None = None, *, timeout: float | None = None,
               limit: int | None = None) -> SelectResult:
        """Rows of a SELECT query; at most ``limit`` rows (``truncated`` says if more existed).

        Past ``timeout`` seconds, QueryTimeoutError (the module docstring says what each backend stops).
        """

    def select_text(self, query: str, params: Mapping[str, Node] | None = None, *, timeout: float | None = None,
                    limit: int | None = None) -> tuple[list[dict[str, str]], bool]:
        """Rows of a SELECT query as dicts of plain text, and whether ``limit`` cut rows off.

        Each bound variable maps to the text of its term: an IRI's IRI, a literal's lexical form
        (its language and datatype dropped), a blank node's label; unbound ones are left out. For
        callers that only show or compare text (the REST listings): no rdflib term is made. Here
        (any backend): through :meth:`select`.
        """
        result = self.select(query, params, timeout=timeout, limit=limit)
        return [{name: str(term) for name, term in row.items()} for row in result.dicts()], result.truncated

    @abstractmethod
    def select_json(self, query: str, params: Mapping[str, Node] | None = None, *,
                    timeout: float | None = None) -> bytes:
        """SPARQL 1.1 Query Results JSON of a SELECT (or ASK) query, as the backend wrote it (a remote
        engine's variants of the format written as the standard does, see :func:`standard_results`)."""

    def select_bytes(self, query: str, params: Mapping[str, Node] | None = None, *, fmt: str = "json",
                     timeout: float | None = None, limit: int | None = None) -> tuple[bytes, bool]:
        """SELECT or ASK results as bytes in ``fmt`` (``json``, ``xml``, ``csv``, ``tsv``: the SPARQL 1.1
        result formats), at most ``limit`` rows, and whether the limit cut rows off.

        No Python object is made per row on the embedded backend: the engine's own serializer writes
        the answer (see :meth:`EmbeddedStore.select_bytes`). Here (any backend): the JSON results,
        cut if need be, then converted.
        """
        _check_results_format(fmt)
        _check_limits(timeout, limit)
        cut = _first_rows(self.select_json(query, params, timeout=timeout), limit)
        assert cut is not None  # complete results always give an answer
        return _convert_results(cut[0], fmt), cut[1]

    def select_into(self, output: Writable, query: str, params: Mapping[str, Node] | None = None, *,
                    fmt: str = "json", timeout: float | None = None, limit: int | None = None) -> bool:
        """:meth:`select_bytes` written to ``output`` (anything with ``write(bytes)``) instead of
        returned; whether the limit cut rows off. What ``output`` received before an error is not
        an answer. Here (any backend): the bytes of :meth:`select_bytes`, in one write.
        """
        body, truncated = self.select_bytes(query, params, fmt=fmt, timeout=timeout, limit=limit)
        output.write(body)
        return truncated

    @abstractmethod
    def ask(self, query: str, params: Mapping[str, Node] | None = None) -> bool:
        """The answer to an ASK query."""

    @abstractmethod
    def construct(self, query: str, params: Mapping[str, Node] | None = None) -> Graph:
        """The graph built by a CONSTRUCT or DESCRIBE query."""

    def construct_bytes(self, query: str, params: Mapping[str, Node] | None = None, *, fmt: str = "turtle",
                        limit: int | None = None, prefixes: Mapping[str, str] | None = None) -> tuple[bytes, bool]:
        """The graph of a CONSTRUCT or DESCRIBE query as bytes in ``fmt`` (``turtle``, ``ntriples``,
        ``jsonld``, ``rdfxml``), each triple once, grouped by subject (IRIs before blank nodes) in a
        stable order, at most ``limit`` triples (the first ones in that order), and whether the limit
        cut triples off. Here (any backend): through :meth:`construct`.
        """
        _check_graph_format(fmt)
        _check_limits(None, limit)
        triples = [(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in self.construct(query, params)]
        return _graph_bytes(triples, fmt, limit, prefixes)

    @abstractmethod
    def replace_all(self, nt_path: Path) -> None:
        """Replace the default graph's whole content with a canonical N-Triples file."""

    @abstractmethod
    def close(self) -> None:
        """Release the store; later calls raise StoreError."""

    def triple_count(self) -> int:
        """Number of triples in the default graph."""
        return int(str(self.select(COUNT_QUERY).rows[0][0]))

    def default_graph_pages(self, page_size: int = 10000) -> Iterator[bytes]:
        """The whole default graph as N-Triples, one page of at most ``page_size`` triples at a time.

        For a caller that streams the graph without holding it (the Graph Store Protocol of the web
        service, when it has no dump files): each page is a CONSTRUCT ordered by subject, predicate
        and object, cut by LIMIT and OFFSET, so the pages are disjoint and together complete as long
        as the store does not change. Blank nodes keep their labels across pages only where the
        backend keeps them (the embedded store does; the knowledge base publishes none).
        """
        if page_size < 1:
            raise QueryError(f"page size {page_size!r} must be a positive number of triples")
        offset = 0
        while True:
            body, _ = self.construct_bytes(PAGE_QUERY.format(limit=page_size, offset=offset), fmt="ntriples")
            yield body
            if body.count(b"\n") < page_size:  # N-Triples: one triple a line (a literal's newlines are escaped)
                return
            offset += page_size

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_store(spec: str | Path) -> Store:
    """A store from a URL or a folder.

    An ``http(s)://`` URL is a SPARQL query endpoint (:class:`RemoteStore`; for Oxigraph's layout,
    ``http://host:port/query``, the Graph Store URL ``http://host:port/store`` is derived); anything
    else is the folder of an embedded store, opened read-only (:meth:`EmbeddedStore.open`).
    """
    text = str(spec)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text)
    return EmbeddedStore.open(Path(spec))


# --------------------------------------------------------------------------------------------
# Embedded backend: pyoxigraph
# --------------------------------------------------------------------------------------------


class Writable(Protocol):
    """Where :meth:`Store.select_into` writes: a binary file, a buffer, a mapped file..."""

    def write(self, data: bytes, /) -> int | None: ...


class _DeadlineSink:
    """Passes a serializer's chunks on to ``output``, raising QueryTimeoutError past the deadline."""

    def __init__(self, output: Writable, deadline: float | None, timeout: float | None) -> None:
        self.output = output
        self.deadline = deadline if deadline is not None else float("inf")
        self.timeout = timeout

    def write(self, data: bytes, /) -> int:
        self.check()
        self.output.write(data)
        return len(data)

    def flush(self) -> None:
        """Oxigraph flushes its output at the end; the output flushes when its owner says."""

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise _timed_out(self.timeout)


class _RowBoundReached(Exception):
    """Raised by :class:`_ResultsWriter` to stop a serializer: more rows than wanted are written."""


class _ResultsWriter(_DeadlineSink):
    """A deadline-checked buffer for SPARQL JSON results that stops the serializer once the row
    boundaries (``},{``) it has received exceed ``stop_after`` (None: never)."""

    def __init__(self, deadline: float | None, timeout: float | None, stop_after: int | None) -> None:
        self.buffer = io.BytesIO()
        super().__init__(self.buffer, deadline, timeout)
        self.stop_after = stop_after
        self.boundaries = 0  # the count of ROW_BOUNDARY in what was written (when stop_after is given)
        self.tail = b""
        self.complete = False  # the serializer wrote everything

    def write(self, data: Any, /) -> int:
        written = super().write(data)
        if self.stop_after is not None:
            chunk = bytes(data)
            self.boundaries += chunk.count(ROW_BOUNDARY) + (self.tail + chunk[:2]).count(ROW_BOUNDARY)
            self.tail = chunk[-2:]
            if self.boundaries > self.stop_after:
                raise _RowBoundReached
        return written

    def getvalue(self) -> bytes:
        return self.buffer.getvalue()


class EmbeddedStore(Store):
    """An Oxigraph store inside this process (pyoxigraph), on disk or in memory."""

    def __init__(self, store: ox.Store, *, location: str, read_only: bool) -> None:
        self._store: ox.Store | None = store
        self.location = location
        self.read_only = read_only

    @classmethod
    def open(cls, path: Path, *, read_only: bool = True) -> EmbeddedStore:
        """Open an on-disk store; read-only instances let many processes read while none writes."""
        if not path.is_dir():
            raise StoreError(f"no store at {path}", hint="run `kb build` first")
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {path}: {exc}", hint="run `kb build` first") from None
        return cls(store, location=str(path), read_only=read_only)

    @classmethod
    def create(cls, path: Path, nt_path: Path, *more: Path) -> EmbeddedStore:
        """Make a NEW store folder at ``path`` bulk-loaded from N-Triples files (writable instance).

        The publish stage builds beside the live store, closes this instance and swaps folders.
        """
        if path.exists():
            raise StoreError(f"{path} already exists", hint="create() makes a new store: choose a new folder")
        for file in (nt_path, *more):
            if not file.is_file():
                raise StoreError(f"no N-Triples file at {file}")
        try:
            store = ox.Store(str(path))
            for file in (nt_path, *more):
                _bulk_loaded(store, file)
            store.optimize()
        except (StoreError, OSError) as exc:
            shutil.rmtree(path, ignore_errors=True)
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot create a store at {path}: {exc}") from None
        return cls(store, location=str(path), read_only=False)

    @classmethod
    def in_memory(cls, data: Path | bytes | Graph | None = None) -> EmbeddedStore:
        """A writable in-memory store holding an N-Triples file or bytes, an rdflib Graph, or nothing."""
        store = ox.Store()
        if isinstance(data, Graph):
            data = data.serialize(format="nt", encoding="utf-8")
        if isinstance(data, bytes):
            _load_bytes(store, data)
        elif data is not None:
            _bulk_loaded(store, data)
        return cls(store, location=":memory:", read_only=False)

    def select(self, query: str, params: Mapping[str, Node] | None = None, *, timeout: float | None = None,
               limit: int | None = None) -> SelectResult:
        deadline = _check_limits(timeout, limit)

        def rows_of(solutions: ox.QuerySolutions) -> SelectResult:
            assert isinstance(solutions, ox.QuerySolutions)
            variables = tuple(v.value for v in solutions.variables)
            rows: list[tuple[Node | None, ...]] = []
            truncated = False
            # per row and term, the hot loop of every page; a falsy cached term ("", 0) takes the
            # slower path to the same node
            cached, convert = _CONVERTED.get, _from_ox
            for solution in _guarded(solutions, deadline, timeout, self.location):
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple([None if term is None else cached(term) or convert(term) for term in solution]))
            return SelectResult(variables, tuple(rows), truncated)

        # The result is never bound to a local of this frame (see _consumed).
        return _consumed(self._query(query, params, (QueryForm.SELECT,), "select"), rows_of)

    def select_text(self, query: str, params: Mapping[str, Node] | None = None, *, timeout: float | None = None,
                    limit: int | None = None) -> tuple[list[dict[str, str]], bool]:
        """As :meth:`Store.select_text`, each term's text read from Oxigraph directly (a 51-row page of
        long texts: 0.1 ms less than :meth:`select` and its rdflib terms)."""
        deadline = _check_limits(timeout, limit)

        def rows_of(solutions: ox.QuerySolutions) -> tuple[list[dict[str, str]], bool]:
            assert isinstance(solutions, ox.QuerySolutions)
            variables = tuple(v.value for v in solutions.variables)
            rows: list[dict[str, str]] = []
            for solution in _guarded(solutions, deadline, timeout, self.location):
                if limit is not None and len(rows) >= limit:
                    return rows, True
                try:
                    rows.append({name: term.value for name, term in zip(variables, solution, strict=True)
                                 if term is not None})
                except AttributeError:  # a quoted triple: no text of its own
                    raise QueryError("the result holds a term the library does not handle (a quoted triple)") \
                        from None
            return rows, False

        # The result is never bound to a local of this frame (see _consumed).
        return _consumed(self._query(query, params, (QueryForm.SELECT,), "select_text"), rows_of)

    def select_json(self, query: str, params: Mapping[str, Node] | None = None, *,
                    timeout: float | None = None) -> bytes:
        if timeout is None:
            _check_limits(timeout)
            return _consumed(self._query(query, params, (QueryForm.SELECT, QueryForm.ASK), "select_json"),
                             self._serialize)
        out = io.BytesIO()
        self._select_into(out, query, params, "json", timeout, "select_json")
        return out.getvalue()

    def select_bytes(self, query: str, params: Mapping[str, Node] | None = None, *, fmt: str = "json",
                     timeout: float | None = None, limit: int | None = None) -> tuple[bytes, bool]:
        """SELECT or ASK results serialized by Oxigraph in ``fmt``, cut at ``limit`` rows (see Store).

        Without a limit, or when the query's own top-level LIMIT is within it, Oxigraph writes the
        requested format directly. Otherwise it writes JSON into a buffer that counts row boundaries
        as the bytes arrive (``},{``: present between every two rows, and possibly inside a literal,
        so the count bounds the rows from above) and stops the evaluation once it holds more than
        ``limit`` of them; only then are the rows read exactly
        (and, in the rare case that literals made the count stop too early, the query runs again
        without the early stop). Other formats are converted from that JSON. The time limit is
        checked at every chunk written, as in :meth:`select_json`.
        """
        _check_results_format(fmt)
        deadline = _check_limits(timeout, limit)

        def serialized(results: ox.QuerySolutions | ox.QueryBoolean, stop_after: int | None) -> _ResultsWriter:
            assert isinstance(results, ox.QuerySolutions | ox.QueryBoolean)
            writer = _ResultsWriter(deadline, timeout, stop_after)
            writer.check()
            try:
                self._serialize(results, writer, fmt if stop_after is None else "json")
            except _RowBoundReached:
                return writer
            writer.check()
            writer.complete = True
            return writer

        forms = (QueryForm.SELECT, QueryForm.ASK)
        if limit is None or self._written_whole(query, limit):
            return _consumed(self._query(query, params, forms, "select_bytes"),
                             lambda r: serialized(r, None)).getvalue(), False
        written = _consumed(self._query(query, params, forms, "select_bytes"), lambda r: serialized(r, limit))
        if written.complete and written.boundaries < limit:  # at most limit rows: as written
            return _convert_results(written.getvalue(), fmt), False
        cut = _first_rows(written.getvalue(), limit, complete=written.complete)
        if cut is None:  # stopped early by boundaries inside literals: read it whole, then cut exactly
            body = _consumed(self._query(query, params, forms, "select_bytes"),
                             lambda r: serialized(r, None)).getvalue()
            cut = _first_rows(body, limit)
            assert cut is not None
        return _convert_results(cut[0], fmt), cut[1]

    def select_into(self, output: Writable, query: str, params: Mapping[str, Node] | None = None, *,
                    fmt: str = "json", timeout: float | None = None, limit: int | None = None) -> bool:
        """As :meth:`Store.select_into`. When Oxigraph writes the answer whole (no limit, or the query's
        own LIMIT within it) its chunks go straight to ``output``, the time limit checked at each: a
        2.5 MB answer written into a mapped file costs what serializing it to bytes does, 0.8 ms less
        than the bytes written after (measured). Otherwise the bytes of :meth:`select_bytes`.
        """
        _check_results_format(fmt)
        _check_limits(timeout, limit)
        if not self._written_whole(query, limit):
            return super().select_into(output, query, params, fmt=fmt, timeout=timeout, limit=limit)
        self._select_into(output, query, params, fmt, timeout, "select_into")
        return False

    def _select_into(self, output: Writable, query: str, params: Mapping[str, Node] | None, fmt: str,
                     timeout: float | None, method: str) -> None:
        """The whole answer, in ``fmt``, written to ``output`` by Oxigraph, the deadline checked at each chunk."""
        sink = _DeadlineSink(output, _check_limits(timeout), timeout)

        def written(results: ox.QuerySolutions | ox.QueryBoolean) -> None:
            assert isinstance(results, ox.QuerySolutions | ox.QueryBoolean)
            sink.check()
            self._serialize(results, sink, fmt)
            sink.check()

        _consumed(self._query(query, params, (QueryForm.SELECT, QueryForm.ASK), method), written)

    @staticmethod
    def _written_whole(query: str, limit: int | None) -> bool:
        """Whether Oxigraph may write a query's answer as it is: never more rows than ``limit`` allows."""
        own_limit = _inspect(query).limit
        return limit is None or (own_limit is not None and own_limit <= limit)

    def ask(self, query: str, params: Mapping[str, Node] | None = None) -> bool:
        return bool(self._query(query, params, (QueryForm.ASK,), "ask"))

    def construct(self, query: str, params: Mapping[str, Node] | None = None) -> Graph:
        def graph_of(triples: ox.QueryTriples) -> Graph:
            assert isinstance(triples, ox.QueryTriples)
            graph = Graph()
            for triple in _guarded(triples, None, None, self.location):
                graph.add((_from_ox(triple.subject), _from_ox(triple.predicate), _from_ox(triple.object)))
            return graph

        return _consumed(self._query(query, params, (QueryForm.CONSTRUCT, QueryForm.DESCRIBE), "construct"),
                         graph_of)

    def add(self, nt_path: Path) -> None:
        """Bulk-load one more N-Triples file into this writable store (the build adds its status
        assessments to the store its rules ran on)."""
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")
        if not nt_path.is_file():
            raise StoreError(f"no N-Triples file at {nt_path}")
        _bulk_loaded(self._live(), nt_path)

    def select_trusted(self, query: str) -> SelectResult:
        """Rows of one of the build's OWN SELECT queries (the compiled SHACL shapes, the files of
        ``queries/checks/``), without parameters and without the check :meth:`select` makes with
        rdflib's parser (30-60 ms a query: most of a small build's validation). Never pass it a
        query that comes from a user: that goes through :meth:`select`."""
        store = self._live()

        def rows_of(solutions: Any) -> SelectResult:
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryError("select_trusted() runs SELECT queries only")
            variables = tuple(v.value for v in solutions.variables)
            rows = tuple(tuple(None if term is None else _from_ox(term) for term in solution)
                         for solution in _guarded(solutions, None, None, self.location))
            return SelectResult(variables, rows)

        try:
            return _consumed(store.query(query), rows_of)
        except (SyntaxError, ValueError, RuntimeError) as exc:
            raise QueryError(f"the store rejected the query: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.location}: {exc}") from None

    def construct_bytes(self, query: str, params: Mapping[str, Node] | None = None, *, fmt: str = "turtle",
                        limit: int | None = None, prefixes: Mapping[str, str] | None = None) -> tuple[bytes, bool]:
        """The graph of a CONSTRUCT or DESCRIBE query serialized by Oxigraph (see Store): no rdflib term
        is made for its triples."""
        _check_graph_format(fmt)
        _check_limits(None, limit)

        def triples_of(results: ox.QueryTriples) -> list[tuple[Any, Any, Any]]:
            assert isinstance(results, ox.QueryTriples)
            return [(t.subject, t.predicate, t.object) for t in _guarded(results, None, None, self.location)]

        triples = _consumed(self._query(query, params, (QueryForm.CONSTRUCT, QueryForm.DESCRIBE), "construct_bytes"),
                            triples_of)
        return _graph_bytes(triples, fmt, limit, prefixes)

    def replace_all(self, nt_path: Path) -> None:
        """Clear the default graph and bulk-load the file (not atomic: for the live store use create)."""
        store = self._live()
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only",
                             hint="build a new store with `kb build` (EmbeddedStore.create) and swap it in")
        if not nt_path.is_file():
            raise StoreError(f"no N-Triples file at {nt_path}")
        try:
            store.clear_graph(ox.DefaultGraph())
        except OSError as exc:
            raise StoreError(f"cannot clear the store at {self.location}: {exc}") from None
        _bulk_loaded(store, nt_path)

    def dump(self, path: Path, fmt: str, prefixes: Mapping[str, str] | None = None) -> None:
        """Write the default graph to ``path`` as ``turtle`` or ``jsonld`` (Oxigraph's own serializers)."""
        formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES}
        if fmt not in formats:
            raise StoreError(f"cannot dump as {fmt!r}", hint=f"use one of {', '.join(formats)}")
        try:
            self._live().dump(str(path), format=formats[fmt], from_graph=ox.DefaultGraph(),
                              prefixes=dict(prefixes) if prefixes and fmt == "turtle" else None)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc}") from None

    def close(self) -> None:
        self._store = None  # pyoxigraph closes the store when the last reference goes

    def _live(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"the store at {self.location} is closed", hint="open it again")
        return self._store

    def _query(self, query: str, params: Mapping[str, Node] | None, forms: tuple[QueryForm, ...],
               method: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        store = self._live()
        info = _inspect(query)
        _require_form(info, forms, method)
        terms = _check_params(info, params)
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] | None = None
        if terms and terms.keys() <= info.projected:
            substitutions = {ox.Variable(name): _to_ox(term) for name, term in terms.items()}
        elif terms:  # Oxigraph substitutes projected variables only: pre-bind the others in the WHERE group
            query = bind_in_where(query, terms)
        dataset = _DATASET.get() or info.dataset
        try:
            if dataset is not None:
                return store.query(query, substitutions=substitutions, **dataset.oxigraph())
            return store.query(query, substitutions=substitutions)
        except (SyntaxError, ValueError, RuntimeError) as exc:
            raise QueryError(f"the store rejected the query: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.location}: {exc}") from None

    def _serialize(self, results: ox.QuerySolutions | ox.QueryBoolean,
                   output: _DeadlineSink | None = None, fmt: str = "json") -> bytes:
        try:  # Oxigraph calls only write and flush on an output
            return results.serialize(cast(IO[bytes] | None, output), RESULTS_FORMATS[fmt]) or b""
        except (RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.location}: {exc}") from None


def _consumed(results: Any, work: Callable[[Any], T]) -> T:
    """``work(results)``, making sure the pyoxigraph result object dies on this thread.

    pyoxigraph results are bound to the thread that made them. An error raised while reading them
    would keep them alive through its traceback and context (a reference cycle that the garbage
    collector may break later on another thread, e.g. the web server's event loop: pyo3 then
    reports the object as "unsendable"). So the error leaves without traceback or context, and
    callers pass the result straight in, never binding it to a local: rdflib's SPARQL parser
    (pyparsing) leaves reference cycles that hold live caller frames, which would keep such a
    local alive after the call returns.
    """
    try:
        return work(results)
    except KbError as exc:
        exc.__context__ = exc.__cause__ = None
        failure = exc.with_traceback(None)
    finally:
        del results
    raise failure


def _guarded(results: Iterable[Any], deadline: float | None, timeout: float | None, location: str) -> Iterable[Any]:
    """The items of a lazy pyoxigraph result, with a deadline check as each one arrives and at the end."""
    iterator = iter(results)
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise _timed_out(timeout)
        try:
            item = next(iterator)
        except StopIteration:
            break
        except (RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot read the store at {location}: {exc}") from None
        yield item
    if deadline is not None and time.monotonic() > deadline:
        raise _timed_out(timeout)


def _bulk_loaded(store: ox.Store, nt_path: Path) -> ox.Store:
    try:
        store.bulk_load(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
    except SyntaxError as exc:
        raise StoreError(f"{nt_path}: not valid N-Triples: {exc}", hint="rebuild it with `kb build`") from None
    except OSError as exc:
        raise StoreError(f"cannot load {nt_path}: {exc}") from None
    return store


def _load_bytes(store: ox.Store, data: bytes) -> None:
    try:
        store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        raise StoreError(f"not valid N-Triples: {exc}") from None


def _to_ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


# Oxigraph terms already converted, keyed by the Oxigraph term itself (hashed and compared in Rust, and
# safe to keep across threads, unlike result objects): the IRIs and literals of the knowledge base recur
# in every answer, and a lookup costs a tenth of a conversion. Bounded by entries and by the characters
# of the literals held; once full, it stays as it is (a process serves one release).
_CONVERTED: dict[Any, Node] = {}
CONVERTED_MAX = 100_000
CONVERTED_MAX_CHARS = 16_000_000  # with the entries: at most ~50 MB per process
_converted_chars = 0


def _from_ox(term: Any) -> Node:
    global _converted_chars
    node = _CONVERTED.get(term)
    if node is not None:
        return node
    kind = type(term)
    chars = 0
    if kind is ox.NamedNode:
        node = URIRef(term.value)
    elif kind is ox.Literal:
        value = term.value
        node = _literal(value, term.language, term.datatype.value)
        chars = len(value)
    elif kind is ox.BlankNode:
        return BNode(term.value)  # blank node labels are local to one answer
    else:
        raise QueryError(f"the result holds a term the library does not handle: {term}")
    if len(_CONVERTED) < CONVERTED_MAX and _converted_chars + chars <= CONVERTED_MAX_CHARS:
        _CONVERTED[term] = node
        _converted_chars += chars
    return node


# --------------------------------------------------------------------------------------------
# Remote backend: any SPARQL 1.1 endpoint
# --------------------------------------------------------------------------------------------


def effective_boolean(term: Node | None) -> bool:
    """A result term's effective boolean value (SPARQL 1.1 Query 17.2.2): what a column bound to
    EXISTS or true/false means on any engine (Virtuoso answers them as the integers 1 and 0 unless the
    query casts them to xsd:boolean, as those of queries/ do)."""
    if not isinstance(term, Literal):
        return term is not None
    if term.datatype == XSD.boolean:
        return str(term).strip() in ("true", "1")
    if term.datatype is None or term.datatype == XSD.string:
        return len(str(term)) > 0
    try:
        return float(str(term)) != 0
    except ValueError:
        return False


_XSD_BOOLEAN = str(XSD.boolean)
_BOOLEAN_DIGITS = {"0": "false", "1": "true"}  # the canonical form of the same values (XML Schema 3.3.2.2)
# What an engine's SPARQL JSON may hold that the standard's does not write (Virtuoso 7: "typed-literal", the
# 2007 Note's name for a literal with a datatype; xsd:boolean as 0/1; "link": [] in the head; "distinct" and
# "ordered" beside the bindings). Only an answer holding one of them is rewritten; a literal that merely
# contains one of these strings costs a rewrite to the same answer.
_NONSTANDARD_MARKS = (b'"typed-literal"', _XSD_BOOLEAN.encode(), b'"link"', b'"distinct"', b'"ordered"')


def standard_results(results_json: bytes) -> bytes:
    """SPARQL JSON results (SELECT or ASK) as the SPARQL 1.1 Query Results JSON Format writes them.

    What differs only in encoding becomes the standard's: a ``typed-literal`` is a ``literal``, an
    ``xsd:boolean`` written ``0``/``1`` is written ``false``/``true`` (its canonical form: the same value, and
    the form ``kb build`` writes), the head keeps ``vars`` (and ``link`` if it names any), the results their
    ``bindings``. The same terms come out, so that every reader of a remote store (REST, pages, CLI, the SPARQL
    endpoint) gets what the embedded store would write; what an engine computes differently is not touched.
    Answers with none of these variants (an Oxigraph server's) are handed back as they came.
    """
    if not any(mark in results_json for mark in _NONSTANDARD_MARKS):
        return results_json
    try:
        data = json.loads(results_json)
        head = data.get("head", {})
        standard: dict[str, Any] = {"head": {"vars": head["vars"]} if "vars" in head else {}}
        if head.get("link"):
            standard["head"]["link"] = head["link"]
        if "boolean" in data:
            standard["boolean"] = data["boolean"]
        else:
            standard["results"] = {"bindings": [{name: _standard_term(term) for name, term in row.items()}
                                                for row in data["results"]["bindings"]]}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StoreError("the results are not SPARQL JSON") from None
    return json.dumps(standard, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _standard_term(term: dict[str, str]) -> dict[str, str]:
    if term.get("type") not in ("literal", "typed-literal"):
        return term  # an IRI or a blank node: no variants
    value, datatype = term["value"], term.get("datatype")
    if datatype == _XSD_BOOLEAN:
        value = _BOOLEAN_DIGITS.get(value, value)
    standard = {"type": "literal", "value": value}
    if datatype is not None:
        standard["datatype"] = datatype
    if "xml:lang" in term:
        standard["xml:lang"] = term["xml:lang"]
    return standard


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint: SPARQLWrapper for queries, the Graph Store HTTP Protocol for loading.

    ``graph_store_url`` defaults, for Oxigraph's layout, to the query URL with its trailing
    ``/query`` replaced by ``/store``. ``timeout`` (seconds) is the default for every request.
    """

    def __init__(self, query_url: str, *, graph_store_url: str | None = None, timeout: float = 30) -> None:
        if not query_url.startswith(("http://", "https://")):
            raise StoreError(f"{query_url!r} is not an http(s) URL of a SPARQL endpoint")
        self.query_url = query_url
        if graph_store_url is None and query_url.endswith("/query"):
            graph_store_url = query_url.removesuffix("/query") + "/store"
        self.graph_store_url = graph_store_url
        # An engine whose default graph is the union of all it holds (Virtuoso) keeps the knowledge base in
        # a named graph, given as the endpoint URL's own default-graph-uri: queries run over it (the URL is
        # sent as it is) and replace_all writes it.
        graphs = urllib.parse.parse_qs(urllib.parse.urlsplit(query_url).query).get("default-graph-uri", [])
        self.graph: str | None = graphs[0] if len(graphs) == 1 else None
        self.timeout = timeout
        self._closed = False

    def select(self, query: str, params: Mapping[str, Node] | None = None, *, timeout: float | None = None,
               limit: int | None = None) -> SelectResult:
        _check_limits(timeout, limit)
        body = self._results_json(query, params, (QueryForm.SELECT,), "select", timeout)
        data = self._decode(body)
        variables = tuple(data["head"]["vars"])
        bindings = data["results"]["bindings"]
        kept = bindings if limit is None else bindings[:limit]
        rows = tuple(tuple(self._term(b[v]) if v in b else None for v in variables) for b in kept)
        return SelectResult(variables, rows, len(kept) < len(bindings))

    def select_json(self, query: str, params: Mapping[str, Node] | None = None, *,
                    timeout: float | None = None) -> bytes:
        _check_limits(timeout)
        body = self._results_json(query, params, (QueryForm.SELECT, QueryForm.ASK), "select_json", timeout)
        try:
            return standard_results(body)
        except StoreError as exc:
            raise StoreError(f"the endpoint {self.query_url} sent unreadable results: {exc}") from None

    def ask(self, query: str, params: Mapping[str, Node] | None = None) -> bool:
        answer = self._decode(self._results_json(query, params, (QueryForm.ASK,), "ask", None)).get("boolean")
        if not isinstance(answer, bool):
            raise StoreError(f"the endpoint {self.query_url} gave no boolean for an ASK query")
        return answer

    def construct(self, query: str, params: Mapping[str, Node] | None = None) -> Graph:
        body, content_type = self._request(query, params, (QueryForm.CONSTRUCT, QueryForm.DESCRIBE), "construct",
                                           None, TURTLE, GRAPH_ACCEPT)
        fmt = "nt" if "n-triples" in content_type else "turtle"
        try:
            return Graph().parse(data=body, format=fmt)
        except Exception as exc:  # rdflib parsers raise assorted exception types
            raise StoreError(f"the endpoint {self.query_url} returned an unreadable graph ({content_type}): {exc}") \
                from None

    def replace_all(self, nt_path: Path) -> None:
        """HTTP PUT of the N-Triples file to ``{graph_store_url}?default`` (``?graph=`` the endpoint URL's
        ``default-graph-uri``, when it names one)."""
        self._live()
        if self.graph_store_url is None:
            raise StoreError(f"no Graph Store URL for {self.query_url}",
                             hint="give graph_store_url (Oxigraph serves it at /store)")
        separator = "&" if "?" in self.graph_store_url else "?"
        which = f"graph={urllib.parse.quote(self.graph, safe='')}" if self.graph else "default"
        target = f"{self.graph_store_url}{separator}{which}"
        try:
            with nt_path.open("rb") as data:
                response = httpx.put(target, content=data, timeout=self.timeout,
                                     headers={"Content-Type": "application/n-triples"})
        except OSError as exc:
            raise StoreError(f"cannot read {nt_path}: {exc}") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the Graph Store {target}: {exc}",
                             hint="check the URL and that the server is running") from None
        if response.status_code not in (200, 201, 204):
            raise StoreError(f"the Graph Store {target} answered {response.status_code}: {response.text[:300]}")

    def close(self) -> None:
        self._closed = True

    def _live(self) -> None:
        if self._closed:
            raise StoreError(f"the connection to {self.query_url} is closed", hint="open it again")

    def _results_json(self, query: str, params: Mapping[str, Node] | None, forms: tuple[QueryForm, ...],
                      method: str, timeout: float | None) -> bytes:
        body, content_type = self._request(query, params, forms, method, timeout, JSON, SPARQL_JSON)
        if "json" not in content_type:
            raise StoreError(f"the endpoint {self.query_url} answered {content_type!r}, not SPARQL JSON results")
        if not body.rstrip().endswith(b"}"):  # a server that gives up mid-stream leaves the JSON unfinished
            if CANCELLED_MARK in body[-200:]:
                raise QueryTimeoutError(f"the endpoint {self.query_url} cancelled the query at its own time limit",
                                        hint="bind its starting points with parameters, or ask for fewer rows")
            raise StoreError(f"the endpoint {self.query_url} sent incomplete results", hint="try again")
        return body

    def _request(self, query: str, params: Mapping[str, Node] | None, forms: tuple[QueryForm, ...], method: str,
                 timeout: float | None, return_format: str, accept: str) -> tuple[bytes, str]:
        self._live()
        info = _inspect(query)
        _require_form(info, forms, method)
        terms = _check_params(info, params)
        dataset = _DATASET.get()  # (FROM clauses go to the endpoint as written)
        if dataset is not None and not dataset.is_default():
            raise QueryRefusedError(f"a protocol dataset other than the knowledge base's graph <{KB_GRAPH}> is "
                                    "refused on a remote store", hint="remove default-graph-uri and named-graph-uri")
        limit = self.timeout if timeout is None else timeout
        client = SPARQLWrapper(self.query_url)
        client.setQuery(bind_in_where(query, terms) if terms else query)
        client.queryType = info.form.value  # its own guess misreads comments ("is addressed" as ADD)
        client.setMethod(POST)
        client.setReturnFormat(return_format)
        client.addCustomHttpHeader("Accept", accept)
        client.timeout = limit  # type: ignore[assignment]  # setTimeout() truncates to int: 0.5 s would mean none
        started = time.monotonic()
        try:
            response = client.query().response
            body = response.read()
        except QueryBadFormed as exc:
            raise QueryError(f"the endpoint {self.query_url} rejected the query: {exc}") from None
        except (OSError, SPARQLWrapperException, http.client.HTTPException) as exc:  # URLError is an OSError
            raise self._network_error(exc, limit) from None
        if time.monotonic() - started > limit:
            raise _timed_out(limit)
        return body, str(response.headers.get("Content-Type", ""))

    def _network_error(self, exc: Exception, timeout: float) -> QueryTimeoutError | StoreError:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            return _timed_out(timeout)
        if isinstance(exc, urllib.error.HTTPError):
            return StoreError(f"the endpoint {self.query_url} answered {exc.code}: {exc.reason}")
        return StoreError(f"cannot reach the SPARQL endpoint {self.query_url}: {reason}",
                          hint="check the URL and that the server is running")

    def _decode(self, body: bytes) -> dict[str, Any]:
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise StoreError(f"the endpoint {self.query_url} sent unreadable JSON: {exc}") from None
        if not isinstance(data, dict):
            raise StoreError(f"the endpoint {self.query_url} sent JSON that is not SPARQL results")
        return data

    def _term(self, term: dict[str, str]) -> Node:
        kind = term.get("type")
        if kind == "uri":
            return URIRef(term["value"])
        if kind == "bnode":
            return BNode(term["value"])
        if kind in ("literal", "typed-literal"):
            value, datatype = term["value"], term.get("datatype")
            if datatype == _XSD_BOOLEAN and value in _BOOLEAN_DIGITS:  # Virtuoso writes booleans as 0 and 1
                value = _BOOLEAN_DIGITS[value]
            return _literal(value, term.get("xml:lang"), datatype)
        raise StoreError(f"the endpoint {self.query_url} returned a term of type {kind!r}, which is not handled")
