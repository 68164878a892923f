"""The validate stage: SHACL shapes (core constraints) and SPARQL check queries.

It owns the decision whether a built graph may be published. The shapes come from
``ontology/shapes.ttl``; the check queries are ``queries/checks/*.rq``, each a SELECT whose every
row is one problem, with a ``?message`` (and optionally ``?focus``) variable. Both run in one
Oxigraph store holding the build's N-Triples (:func:`validate_store`: the build's own staging
store; :func:`validate`: an in-memory store loaded with given N-Triples): the shapes as the SPARQL
queries :mod:`kb.shacl` compiles them to (``engine="compiled"``, the default), or, as the
reference, with pySHACL over the rdflib graph (``engine="pyshacl"``, about 2,000 triples a second).
Results of severity ``sh:Violation`` and check-query problems block publishing; other severities
are warnings. The build's own queries skip the user-query check (``EmbeddedStore.select_trusted``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kb import ontology
from kb.errors import InputError, ValidationError
from kb.queries import default_queries_dir, list_queries
from kb.shacl import CompiledQuery, ShaclResult, compile_shapes, results_from_report, run_queries
from kb.store import EmbeddedStore, Store

MAX_LISTED = 20
ENGINES = ("compiled", "pyshacl")
Engine = Literal["compiled", "pyshacl"]


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)

    def raise_for_violations(self) -> None:
        if not self.conforms:
            shown = self.violations[:MAX_LISTED]
            more = len(self.violations) - len(shown)
            raise ValidationError(
                f"the built graph has {len(self.violations)} violation(s): " + " | ".join(shown)
                + (f" | ... {more} more" if more > 0 else ""),
                results=self.violations,
                hint="fix the corpus or annotation named in each message; nothing was published",
            )


def _origin(focus: object, origins: Mapping[str, str]) -> str:
    where = origins.get(str(focus))
    return f" ({where})" if where else ""


def result_lines(results: Iterable[ShaclResult], origins: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Violations and warnings, one readable line each (with the annotation file and line that made
    the focus node, where known), sorted."""
    violations: list[str] = []
    warnings: list[str] = []
    for result in results:
        shape_name = str(result.shape) if isinstance(result.shape, URIRef) else "shape"
        line = (f"{result.focus}{_origin(result.focus, origins)}: {result.message or 'does not conform'} "
                f"[{shape_name}{f' {result.path}' if result.path else ''}]")
        (violations if result.severity == SH.Violation else warnings).append(line)
    return sorted(violations), sorted(warnings)


def pyshacl_results(data: Graph, shapes: Graph) -> list[ShaclResult]:
    """The shapes' results with pySHACL (the reference engine), over the rdflib graph."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", abort_on_first=False,
                                    allow_warnings=True, advanced=False)
    assert isinstance(report, Graph)
    return results_from_report(report)


def shacl_results(data: Graph, shapes: Graph, origins: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Violations and warnings from pySHACL, one readable line each, sorted."""
    return result_lines(pyshacl_results(data, shapes), origins)


@functools.lru_cache(maxsize=4)
def _compiled(shapes: Graph) -> tuple[CompiledQuery, ...]:
    return compile_shapes(shapes)


def compiled_queries(shapes: Graph | None = None) -> tuple[CompiledQuery, ...]:
    """The shapes compiled to SPARQL; those of ``ontology/shapes.ttl`` (the default) compiled once."""
    if shapes is None or shapes is ontology.shapes_graph():
        return _compiled(ontology.shapes_graph())
    return compile_shapes(shapes)


def check_results(data: bytes | Store, checks_dir: Path, origins: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Problems found by the check queries (over N-Triples or a store already loaded with them), and
    the names of the checks run."""
    if isinstance(data, bytes):
        with EmbeddedStore.in_memory(data) as store:
            return check_results(store, checks_dir, origins)
    problems: list[str] = []
    names: list[str] = []
    for query in list_queries(checks_dir):
        names.append(query.name)
        result = data.select_trusted(query.text) if isinstance(data, EmbeddedStore) else data.select(query.text)
        for row in result.dicts():
            focus = row.get("focus")
            problems.append(f"{focus or query.name}{_origin(focus, origins)}: {row.get('message') or query.title} "
                            f"[check {query.name}]")
    return sorted(problems), names


def validate(graph: Graph, nt: bytes, *, origins: Mapping[str, str] | None = None, checks_dir: Path | None = None,
             shapes: Graph | None = None, engine: Engine = "compiled") -> ValidationReport:
    """Validate a built graph: its rdflib ``graph`` (read by pySHACL only) and its canonical N-Triples
    ``nt`` (loaded once into the store where the compiled shapes and the check queries run).
    ``origins`` maps node IRIs to the "file:line" that made them, so that messages say where to fix."""
    if engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r}", hint=f"use one of {', '.join(ENGINES)}")
    with EmbeddedStore.in_memory(nt) as store:
        if engine == "compiled":
            return validate_store(store, origins=origins, checks_dir=checks_dir, shapes=shapes)
        results = pyshacl_results(graph, shapes if shapes is not None else ontology.shapes_graph())
        return _report(results, store, origins or {}, checks_dir)


def validate_store(store: Store, *, origins: Mapping[str, str] | None = None, checks_dir: Path | None = None,
                   shapes: Graph | None = None) -> ValidationReport:
    """Validate the graph a store holds (the build's own staging store, so that a large build is
    never loaded twice) with the compiled shapes and the check queries."""
    return _report(run_queries(store, compiled_queries(shapes)), store, origins or {}, checks_dir)


def _report(results: Iterable[ShaclResult], store: Store, origins: Mapping[str, str],
            checks_dir: Path | None) -> ValidationReport:
    violations, warnings = result_lines(results, origins)
    problems, names = check_results(store, checks_dir or default_queries_dir() / "checks", origins)
    all_violations: Sequence[str] = violations + problems
    return ValidationReport(conforms=not all_violations, violations=list(all_violations), warnings=warnings,
                            checks_run=names)
