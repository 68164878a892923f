"""Named SPARQL queries: ``.rq`` files with a header, found by name.

It owns the header format (the one place it is parsed) and the binding of parameters to RDF terms.
A query file starts with comment lines::

    # title: Open mandates
    # description: Mandates with no recorded response, as of a date.
    # param: asof date  The as-of date (YYYY-MM-DD).
    # param: document iri?  Restrict to one document (optional: a trailing ?).

``param`` gives the variable name (without ``?``), its type (``iri``, ``string``, ``date``,
``integer``; a trailing ``?`` makes it optional) and a description. An ``iri`` value may name one of the
knowledge base's items as the CLI does ("slug", "slug eId", "body:slug"). The file name without ``.rq``
is the query's name in the CLI and the API. Published queries live in ``queries/``; rule queries
in ``queries/rules/``, check queries in ``queries/checks/``, and the constant queries of the read side
(the web layer's pages and REST resources, which hold no SPARQL of their own) in ``queries/pages/`` and
``queries/rest/``, found with ``get_query(name, folder=...)``. kb's modules keep theirs in a folder named for
the module, each loaded once at import: ``queries/cite/``, ``queries/items/``, ``queries/pipeline/``,
``queries/reader/``, ``queries/status/``, ``queries/trace/``, ``queries/void/`` (and ``queries/release/``
for kb.continuity, ``queries/versions/`` for the language versions). Only the top-level folder is published
(:func:`list_queries` does not look into subfolders).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

from kb.errors import InputError, NotFoundError, QueryError
from kb.iri import resolve_reference
from kb.store import vouch

PARAM_TYPES = ("iri", "string", "date", "integer")
HEADER_RE = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
VAR_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    required: bool = True


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    @property
    def body(self) -> str:
        """The text after the header (the leading comment lines)."""
        lines = self.text.splitlines(keepends=True)
        header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
        return "".join(lines[header:])

    def bind(self, values: dict[str, str]) -> dict[str, Node]:
        """RDF terms for the given string values, checked against the declared parameters."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(f"query {self.name!r} has no parameter {unknown[0]!r}",
                             hint=f"its parameters: {', '.join(declared) or 'none'}")
        missing = [p.name for p in self.params if p.required and p.name not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs parameter {missing[0]!r}",
                             hint=f"give it as {missing[0]}=VALUE")
        return {name: to_term(declared[name], value) for name, value in values.items()}


def to_term(param: Param, value: str) -> Node:
    """The RDF term for a parameter value; raises QueryError naming the parameter if it is malformed."""
    if param.type == "iri":
        if re.match(r"^https?://[^\s<>\"{}|^`\\]+$", value):
            return URIRef(value)
        try:  # what a person types for an item of ours: "slug", "slug eId", "body:slug", ...
            return resolve_reference(value)
        except InputError:
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an http(s) IRI",
                             hint='give an IRI, or an item of the knowledge base as "slug", "slug eId", "body:slug", '
                                  '"activity:slug" or "topic:slug"') from None
    if param.type == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {param.name!r}: {value!r} is not a date", hint="write YYYY-MM-DD") from None
        return Literal(value, datatype=XSD.date)
    if param.type == "integer":
        if not re.match(r"^-?\d{1,18}$", value):
            raise QueryError(f"parameter {param.name!r}: {value!r} is not an integer")
        return Literal(int(value))
    return Literal(value)


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = HEADER_RE.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            params.append(_param(value, path, number))
        else:
            fields[key] = value
    for key in ("title", "description"):
        if not fields.get(key):
            raise QueryError(f"{path}: header has no '# {key}:' line", hint="add it at the top of the file")
    if not NAME_RE.match(path.stem):
        raise QueryError(f"{path}: query names are lower-case words joined by hyphens")
    if path.resolve().is_relative_to(default_queries_dir()):
        vouch(text)  # one of kb's own: its analysis may be kept between processes
    return NamedQuery(name=path.stem, title=fields["title"], description=fields["description"],
                      params=tuple(params), text=text, path=path)


def _param(spec: str, path: Path, line: int) -> Param:
    parts = spec.split(None, 2)
    if len(parts) < 2:
        raise QueryError(f"{path}:{line}: '# param:' needs a name and a type", hint="# param: name type description")
    name, type_ = parts[0], parts[1]
    required = not type_.endswith("?")
    type_ = type_.rstrip("?")
    if not VAR_RE.match(name) or type_ not in PARAM_TYPES:
        raise QueryError(f"{path}:{line}: bad parameter {name!r} of type {type_!r}",
                         hint=f"types: {', '.join(PARAM_TYPES)}")
    return Param(name=name, type=type_, description=parts[2] if len(parts) > 2 else "", required=required)


def default_queries_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "queries"


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """The named queries of a folder (not its subfolders), sorted by name."""
    directory = directory or default_queries_dir()
    return [parse_query_file(p) for p in sorted(directory.glob("*.rq"))]


def get_query(name: str, directory: Path | None = None, *, folder: str | None = None) -> NamedQuery:
    """A named query by name, or a path to an ``.rq`` file; ``folder`` names a subfolder of ``directory``
    (``get_query("links-out", folder="rest")`` reads ``queries/rest/links-out.rq``)."""
    as_path = Path(name)
    if name.endswith(".rq"):
        if not as_path.is_file():
            raise NotFoundError(f"query file {name} not found")
        return parse_query_file(as_path)
    directory = directory or default_queries_dir()
    if folder is not None:
        if not NAME_RE.match(folder):
            raise NotFoundError(f"no query folder named {folder!r}")
        directory = directory / folder
    path = directory / f"{name}.rq"
    if not NAME_RE.match(name) or not path.is_file():
        known = ", ".join(q.name for q in list_queries(directory))
        raise NotFoundError(f"no query named {name!r}", hint=f"known queries: {known}" if known else "")
    return parse_query_file(path)
