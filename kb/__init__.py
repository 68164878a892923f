"""iacml-kb: the mandate and recommendation traceability knowledge base of the IACML.

The library is the product; the ``kb`` CLI and the web layer (``api``) only call what is listed
in ``__all__`` here (a test pins it).
"""

from kb.coverage import MUST_BE_COVERED, CoverageReport, coverage
from kb.errors import (
    AnnotationError,
    BuildLockedError,
    CorpusError,
    InputError,
    KbError,
    NotFoundError,
    ParseError,
    QueryError,
    QueryRefusedError,
    QueryTimeoutError,
    QuoteMismatchError,
    StoreError,
    ValidationError,
)
from kb.iri import BASE, PREFIXES, doc_iri, provision_iri
from kb.items import ItemDescription, describe, resolve_reference, statistics
from kb.parse import parse
from kb.pipeline import Built, assemble, build
from kb.publish import Release, current_release
from kb.queries import NamedQuery, get_query, list_queries
from kb.store import EmbeddedStore, RemoteStore, SelectResult, Store, open_store

__all__ = [
    "BASE",
    "MUST_BE_COVERED",
    "PREFIXES",
    "AnnotationError",
    "BuildLockedError",
    "Built",
    "CorpusError",
    "CoverageReport",
    "EmbeddedStore",
    "InputError",
    "ItemDescription",
    "KbError",
    "NamedQuery",
    "NotFoundError",
    "ParseError",
    "QueryError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "QuoteMismatchError",
    "Release",
    "RemoteStore",
    "SelectResult",
    "Store",
    "StoreError",
    "ValidationError",
    "assemble",
    "build",
    "coverage",
    "current_release",
    "describe",
    "doc_iri",
    "get_query",
    "list_queries",
    "open_store",
    "parse",
    "provision_iri",
    "resolve_reference",
    "statistics",
]
