"""The library's public API is pinned, and the layering holds: kb never imports the web layer."""

from __future__ import annotations

import ast
from pathlib import Path

import kb

ROOT = Path(__file__).resolve().parent.parent

PINNED = {
    "KB_GRAPH", "Dataset", "query_dataset",
    "CITATION_FORMATS", "Citation", "cite", "Explanation", "StatusRow", "build_asof", "parse_asof", "status",
    "status_reason", "why", "STATUS_VALUES", "check_filters", "filter_values",
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
    "parse_document", "replaced_by", "Quote", "near_quote", "quote_of", "Corpus", "Pending", "Review", "Suggestion",
    "default_corpus_dir", "prepare", "suggest", "ACCEPTABLE_TYPES", "read_corrections",
    "assemble_against", "keeps_published_iris", "first_reading_warnings", "no_rows_reason", "GoneError", "withdrawn",
    "provision_locator",
    "ADDRESSEE_ROLES", "CITATION_LANGUAGES", "sort_symbols", "tombstone", "version_of",
    "Partitions", "partitions", "version_time", "CONTEXT_IRI", "jsonld_context", "jsonld_envelope",
    "ReleaseHold", "hold_release", "release_of_store", "alignments_graph", "DatasetInfo", "dataset_info", "void_graph",
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
