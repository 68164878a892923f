"""The validate stage: SHACL shapes (pySHACL, core constraints) and SPARQL check queries.

It owns the decision whether a built graph may be published. The shapes come from
``ontology/shapes.ttl``; the check queries are ``queries/checks/*.rq``, each a SELECT whose every
row is one problem, with a ``?message`` (and optionally ``?focus``) variable. Checks run in an
in-memory Oxigraph store, which is far faster than SPARQL-based SHACL constraints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from kb import ontology
from kb.errors import ValidationError
from kb.queries import default_queries_dir, list_queries
from kb.store import EmbeddedStore

MAX_LISTED = 20


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


def shacl_results(data: Graph, shapes: Graph, origins: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Violations and warnings from pySHACL, one readable line each (with the annotation file and line
    that made the focus node, where known), sorted."""
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", abort_on_first=False,
                                     allow_warnings=True, advanced=False)
    assert isinstance(results, Graph)
    violations, warnings = [], []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        shape = results.value(result, SH.sourceShape)
        path = results.value(result, SH.resultPath)
        shape_name = str(shape) if isinstance(shape, URIRef) else "shape"
        line = (f"{focus}{_origin(focus, origins)}: {message or 'does not conform'} "
                f"[{shape_name}{f' {path}' if path else ''}]")
        if results.value(result, SH.resultSeverity) == SH.Violation:
            violations.append(line)
        else:
            warnings.append(line)
    return sorted(violations), sorted(warnings)


def check_results(nt: bytes, checks_dir: Path, origins: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Problems found by the check queries, and the names of the checks run."""
    problems: list[str] = []
    names: list[str] = []
    with EmbeddedStore.in_memory(nt) as store:
        for query in list_queries(checks_dir):
            names.append(query.name)
            result = store.select(query.text)
            for row in result.dicts():
                focus = row.get("focus")
                problems.append(f"{focus or query.name}{_origin(focus, origins)}: {row.get('message') or query.title} "
                                f"[check {query.name}]")
    return sorted(problems), names


def validate(graph: Graph, nt: bytes, *, origins: Mapping[str, str] | None = None, checks_dir: Path | None = None,
             shapes: Graph | None = None) -> ValidationReport:
    """Validate a built graph (and its canonical N-Triples, for the check queries). ``origins`` maps node
    IRIs to the "file:line" that made them, so that messages say where to fix."""
    origins = origins or {}
    violations, warnings = shacl_results(graph, shapes if shapes is not None else ontology.shapes_graph(), origins)
    problems, names = check_results(nt, checks_dir or default_queries_dir() / "checks", origins)
    all_violations: Sequence[str] = violations + problems
    return ValidationReport(conforms=not all_violations, violations=list(all_violations), warnings=warnings,
                            checks_run=names)
