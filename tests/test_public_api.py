"""The library's public API is pinned, and the layering holds: kb never imports the web layer."""

from __future__ import annotations

import ast
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import kb

ROOT = Path(__file__).resolve().parent.parent

PINNED = {
    "KB_GRAPH", "Dataset", "query_dataset",
    "CITATION_FORMATS", "Citation", "cite", "Explanation", "StatusRow", "build_asof", "parse_asof", "status",
    "status_reason", "why", "STATUS_VALUES", "STATUS_NAMES", "STATUS_LANGUAGES", "status_sentence",
    "status_name", "check_status_language", "link_type_name", "body_type_name",
    "check_filters", "filter_values",
    "SLUG_PATTERN", "EID_PATTERN",
    "Trace", "trace",
    "ProvisionSpan", "QuoteContext", "QuoteSpan", "SourceText", "quote_context", "source_text",
    "BASE", "PREFIXES", "CoverageReport", "MUST_BE_COVERED", "coverage",
    "AnnotationError", "BuildLockedError", "Built", "CorpusError", "EmbeddedStore",
    "InputError", "ItemDescription", "KbError", "NamedQuery", "NotFoundError", "ParseError", "QueryError",
    "QueryRefusedError", "QueryTimeoutError", "QuoteMismatchError", "Release", "RemoteStore", "SelectResult",
    "Store", "StoreError", "ValidationError", "assemble", "build", "current_release", "describe", "doc_iri",
    "get_query", "list_queries", "open_store", "parse", "provision_iri", "push", "resolve_reference", "statistics",
    "CorpusErrors", "DOCUMENT_TYPES", "Added", "Extracted", "ParseWarning", "ParsedDocument", "add_document", "extract",
    "parse_document", "replaced_by", "Quote", "near_quote", "quote_of", "quoted_in", "Corpus", "Pending", "Review",
    "Suggestion",
    "default_corpus_dir", "prepare", "suggest", "ACCEPTABLE_TYPES", "read_corrections",
    "assemble_against", "keeps_published_iris", "first_reading_warnings", "no_rows_reason", "GoneError", "withdrawn",
    "provision_locator", "no_provision_hint",
    "ADDRESSEE_ROLES", "CITATION_LANGUAGES", "sort_symbols", "tombstone", "version_of",
    "Partitions", "partitions", "version_time", "CONTEXT_IRI", "jsonld_context", "jsonld_envelope",
    "ReleaseHold", "hold_release", "release_of_store", "alignments_graph", "DatasetInfo", "dataset_info", "void_graph",
    "DocType",
    "provision_queries", "provisions_query",
    "ACTIVITY_TYPES", "PendingActivity", "ReportedActivity", "reported_activities",
    "BuildInterruptedError", "default_build_dir", "Accepted",
    "primary_language",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_all_is_pinned() -> None:
    assert set(kb.__all__) == PINNED
    for name in kb.__all__:
        assert hasattr(kb, name), name


def test_every_error_is_a_kb_error() -> None:
    for name in kb.__all__:
        obj = getattr(kb, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, kb.KbError), name


def test_kb_never_imports_the_web_layer() -> None:
    for path in (ROOT / "kb").glob("*.py"):
        imported = _imports(path)
        assert not any(n.split(".")[0] in {"fastapi", "starlette", "api"} for n in imported), path.name


def test_cli_and_api_use_only_the_public_api() -> None:
    for path in [ROOT / "kb" / "cli.py", *(ROOT / "api").glob("*.py")]:
        for name in _imports(path):
            if name.startswith("kb."):
                assert name == "kb.errors" and path.name == "cli.py", f"{path.name} imports {name}"


def test_every_module_opens_with_a_docstring() -> None:
    for path in [*(ROOT / "kb").glob("*.py"), *(ROOT / "api").glob("*.py")]:
        if path.name == "__init__.py" and path.parent.name == "api":
            continue
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


# SPARQL in a string of Python code: a prefix declaration, a query form with its projection or pattern, a
# group, filter or binding, or a triple pattern (a variable, a predicate, an object). Prose that names the
# forms ("SELECT and ASK as JSON", "e.g. kb:derivedFrom") matches none of them.
SPARQL_RE = re.compile(
    r"\bPREFIX\s+[A-Za-z][\w.-]*:\s*<"
    r"|\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?[?$*(]"
    r"|\b(?:ASK|CONSTRUCT)\s*(?:WHERE\s*)?\{|\bDESCRIBE\s+[?$<*]|\bWHERE\s*\{"
    r"|\b(?:OPTIONAL|MINUS|GRAPH)\s*\{|\b(?:FILTER|BIND)\s*\(|\bVALUES\s+[?$(]"
    r"|[?$]\w+\s+(?:a|<[^>\s]*>|[A-Za-z][\w.-]*:[\w/*+|^.:-]*)\s+(?:[?$]\w+|<|[A-Za-z][\w.-]*:|\"|\d)",
    re.IGNORECASE)


def _sparql_in_strings(source: str) -> Iterator[tuple[int, str]]:
    """(line, what matched) for every string of ``source`` that holds SPARQL; docstrings and comments are
    prose, and an f-string is read with each replacement field as ``x``."""
    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
        else:
            continue
        if match := SPARQL_RE.search(text):
            yield node.lineno, match.group()


def test_the_sparql_scan_tells_queries_from_prose() -> None:
    queries = ['PREFIXES = "\\n".join(f"PREFIX {name}: <{kb.PREFIXES[name]}>" for name in NAMES)',
               'Q = PREFIXES + "SELECT ?quote ?slug WHERE { ?evidence kb:quote ?quote }"',
               'Q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?property ?o }"',
               'Q = "ASK { ?item a ?kind . VALUES ?kind { kb:Mandate kb:Recommendation } }"',
               'PART = "  ?provision kb:hasTopic/skos:broader* ?topic .\\n"',
               'PART = """  ?provision a kb:%s ; kb:inDocument ?document .\n  BIND(kb:%s AS ?kind)\n"""',
               'PART = " WHERE {\\n%s  OPTIONAL { ?provision kb:number ?number }\\n}"',
               'Q = f"SELECT DISTINCT ?term WHERE {{ ?s ?term ?o }} LIMIT {LIMIT}"',
               'Q = "construct { ?s ?p ?o } where { ?s ?p ?o }"']
    prose = ['"""SELECT ?x WHERE { ?x a kb:Mandate } in a docstring"""',
             '# SELECT ?x WHERE { ?x a kb:Mandate } in a comment',
             'D = "SELECT/ASK results as SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE graphs as Turtle"',
             'D = "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE). Without it, GET returns the description"',
             'D = Field(description="The link property, e.g. kb:derivedFrom")',
             'R = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![A-Za-z0-9_])", re.IGNORECASE)',
             'D = "Select a document: ?document is its slug or IRI"']
    for source in queries:
        assert list(_sparql_in_strings(source)), source
    for source in prose:
        assert not list(_sparql_in_strings(source)), source


def test_the_web_layer_holds_no_sparql() -> None:
    """Queries are the library's (``queries/**/*.rq``, ``kb.provisions_query``): the web layer names them and
    binds their parameters, and holds no query text, fragment or PREFIX declaration of its own."""
    found = [f"{path.name}:{line}: {text!r}" for path in sorted((ROOT / "api").glob("*.py"))
             for line, text in _sparql_in_strings(path.read_text(encoding="utf-8"))]
    assert not found, "SPARQL in the web layer (move it to an .rq file of queries/pages/ or queries/rest/):\n" + \
        "\n".join(found)


# Where kb may write SPARQL in Python: the queries compiled from ontology/shapes.ttl, and the store's own
# machinery (a triple count, the pages of a dump, whose LIMIT/OFFSET cannot be bound; the VALUES block it binds).
SPARQL_MADE_IN_PYTHON = {"shacl.py", "store.py"}


def test_the_library_keeps_its_queries_in_files() -> None:
    """kb's modules load their constant queries from ``queries/<module>/*.rq`` (kb.queries): vouched for, their
    parse is kept between processes, and each has a header saying what it answers and what it binds."""
    found = [f"{path.relative_to(ROOT)}:{line}: {text!r}" for path in sorted((ROOT / "kb").rglob("*.py"))
             if path.name not in SPARQL_MADE_IN_PYTHON
             for line, text in _sparql_in_strings(path.read_text(encoding="utf-8"))]
    assert not found, "SPARQL in kb's Python (move it to an .rq file of queries/<module>/):\n" + "\n".join(found)


def test_the_rest_kinds_are_the_librarys() -> None:
    from api import rest
    from kb.listing import PROVISION_KINDS
    assert typing.get_args(rest.ProvisionKind) == PROVISION_KINDS


def test_an_item_is_named_in_the_language_asked_else_untagged_else_another() -> None:
    """kb.ItemDescription.name: the JSON API's label of an item (api/rest.py) and the library's one rule for it."""
    from rdflib import Literal

    title, label, pref = (kb.PREFIXES["dcterms"] + "title", kb.PREFIXES["rdfs"] + "label",
                          kb.PREFIXES["skos"] + "prefLabel")
    topic = kb.ItemDescription("t", [(pref, Literal("Informalidad", lang="es")),
                                     (pref, Literal("Informality", lang="en-GB"))])
    assert topic.name("en") == "Informality" and topic.name("es") == "Informalidad"
    body = kb.ItemDescription("b", [(label, Literal("OIT", lang="es")), (label, Literal("ILO"))])
    assert body.name("en") == "ILO" and body.name("es") == "OIT"
    only_spanish = kb.ItemDescription("c", [(label, Literal("Ministerio de Trabajo", lang="es"))])
    assert only_spanish.name("en") == "Ministerio de Trabajo"
    document = kb.ItemDescription("d", [(pref, Literal("Plan")), (title, Literal("Plan of Action of Buenos Aires"))])
    assert document.name() == "Plan of Action of Buenos Aires"  # a title before a label
    assert kb.ItemDescription("p", [(kb.PREFIXES["rdf"] + "type", Literal("x"))]).name() is None
