"""iacml-kb: the mandate and recommendation traceability knowledge base of the IACML.

The library is the product; the ``kb`` CLI and the web layer (``api``) only call what is listed
in ``__all__`` here (a test pins it).
"""

from kb.annotate import ACTIVITY_TYPES, ADDRESSEE_ROLES
from kb.cite import FORMATS as CITATION_FORMATS
from kb.cite import LANGUAGES as CITATION_LANGUAGES
from kb.cite import Citation, cite, provision_locator, sort_symbols
from kb.corpus import default_corpus_dir, read_corrections
from kb.coverage import MUST_BE_COVERED, CoverageReport, coverage
from kb.errors import (
    AnnotationError,
    BuildInterruptedError,
    BuildLockedError,
    CorpusError,
    CorpusErrors,
    GoneError,
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
from kb.extract import Extracted, extract
from kb.ingest import Added, add_document
from kb.iri import (
    BASE,
    CONTEXT_IRI,
    EID_PATTERN,
    PREFIXES,
    SLUG_PATTERN,
    doc_iri,
    jsonld_context,
    jsonld_envelope,
    provision_iri,
    resolve_reference,
)
from kb.items import (
    ItemDescription,
    Partitions,
    describe,
    partitions,
    replaced_by,
    statistics,
    tombstone,
    withdrawn,
)
from kb.listing import provision_queries, provisions_query
from kb.model import DatasetInfo, DocType, primary_language
from kb.ontology import alignments_graph, link_type_name
from kb.parse import ParsedDocument, ParseWarning, parse, parse_document
from kb.phrases import LANGUAGES as STATUS_LANGUAGES
from kb.phrases import STATUS_NAMES, body_type_name, status_name
from kb.phrases import check_language as check_status_language
from kb.phrases import say as status_sentence
from kb.pipeline import (
    Built,
    Corpus,
    assemble,
    assemble_against,
    build,
    first_reading_warnings,
    keeps_published_iris,
    no_provision_hint,
    prepare,
)
from kb.publish import (
    Release,
    ReleaseHold,
    current_release,
    default_build_dir,
    hold_release,
    push,
    release_of_store,
    version_time,
)
from kb.queries import NamedQuery, get_query, list_queries
from kb.quote import Quote, near_quote, quote_of, quoted_in
from kb.reader import ProvisionSpan, QuoteContext, QuoteSpan, SourceText, quote_context, source_text
from kb.reported import ReportedActivity, reported_activities
from kb.review import ACCEPTABLE_TYPES, Accepted, Pending, PendingActivity, Review
from kb.rules import STATUS_VALUES
from kb.status import (
    Explanation,
    StatusRow,
    build_asof,
    check_filters,
    filter_values,
    no_rows_reason,
    parse_asof,
    status,
    status_reason,
    version_of,
    why,
)
from kb.store import KB_GRAPH, Dataset, EmbeddedStore, RemoteStore, SelectResult, Store, open_store, query_dataset
from kb.suggest import Suggestion, suggest
from kb.trace import Trace, trace
from kb.void import dataset_info, void_graph

DOCUMENT_TYPES = tuple(t.value for t in DocType)

__all__ = [
    "ACCEPTABLE_TYPES",
    "ACTIVITY_TYPES",
    "ADDRESSEE_ROLES",
    "BASE",
    "CITATION_FORMATS",
    "CITATION_LANGUAGES",
    "CONTEXT_IRI",
    "DOCUMENT_TYPES",
    "EID_PATTERN",
    "KB_GRAPH",
    "MUST_BE_COVERED",
    "PREFIXES",
    "SLUG_PATTERN",
    "STATUS_LANGUAGES",
    "STATUS_NAMES",
    "STATUS_VALUES",
    "Accepted",
    "Added",
    "AnnotationError",
    "BuildInterruptedError",
    "BuildLockedError",
    "Built",
    "Citation",
    "Corpus",
    "CorpusError",
    "CorpusErrors",
    "CoverageReport",
    "Dataset",
    "DatasetInfo",
    "DocType",
    "EmbeddedStore",
    "Explanation",
    "Extracted",
    "GoneError",
    "InputError",
    "ItemDescription",
    "KbError",
    "NamedQuery",
    "NotFoundError",
    "ParseError",
    "ParseWarning",
    "ParsedDocument",
    "Partitions",
    "Pending",
    "PendingActivity",
    "ProvisionSpan",
    "QueryError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "Quote",
    "QuoteContext",
    "QuoteMismatchError",
    "QuoteSpan",
    "Release",
    "ReleaseHold",
    "RemoteStore",
    "ReportedActivity",
    "Review",
    "SelectResult",
    "SourceText",
    "StatusRow",
    "Store",
    "StoreError",
    "Suggestion",
    "Trace",
    "ValidationError",
    "add_document",
    "alignments_graph",
    "assemble",
    "assemble_against",
    "body_type_name",
    "build",
    "build_asof",
    "check_filters",
    "check_status_language",
    "cite",
    "coverage",
    "current_release",
    "dataset_info",
    "default_build_dir",
    "default_corpus_dir",
    "describe",
    "doc_iri",
    "extract",
    "filter_values",
    "first_reading_warnings",
    "get_query",
    "hold_release",
    "jsonld_context",
    "jsonld_envelope",
    "keeps_published_iris",
    "link_type_name",
    "list_queries",
    "near_quote",
    "no_provision_hint",
    "no_rows_reason",
    "open_store",
    "parse",
    "parse_asof",
    "parse_document",
    "partitions",
    "prepare",
    "primary_language",
    "provision_iri",
    "provision_locator",
    "provision_queries",
    "provisions_query",
    "push",
    "query_dataset",
    "quote_context",
    "quote_of",
    "quoted_in",
    "read_corrections",
    "release_of_store",
    "replaced_by",
    "reported_activities",
    "resolve_reference",
    "sort_symbols",
    "source_text",
    "statistics",
    "status",
    "status_name",
    "status_reason",
    "status_sentence",
    "suggest",
    "tombstone",
    "trace",
    "version_of",
    "version_time",
    "void_graph",
    "why",
    "withdrawn",
]
