"""Plain data passed between pipeline stages: documents as read from the corpus, and provisions
as found by the parser. No behaviour beyond small derived properties; every stage owns its logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class DocType(str, Enum):
    """Kinds of document (DESIGN.md section 2); the value is the local name of its OWL class."""

    DECLARATION = "Declaration"
    PLAN_OF_ACTION = "PlanOfAction"
    WORKING_GROUP_REPORT = "WorkingGroupReport"
    MEETING_SUMMARY = "MeetingSummary"
    CONCEPT_NOTE = "ConceptNote"
    OUTCOME_DOCUMENT = "OutcomeDocument"
    WORK_PLAN = "WorkPlan"
    WEB_PAGE = "WebPage"


class Kind(str, Enum):
    """Kinds of provision; the value is the local name of its OWL class (``kb:Recommendation``).

    Structural kinds (section, list, paragraph, item, agenda item) say what a part *is*; role
    kinds (mandate, recommendation, finding, objective, question) say what it *does*. Each
    provision has exactly one kind: a role kind when its context makes the role clear, else a
    structural one.
    """

    SECTION = "Section"
    LIST = "List"
    PARAGRAPH = "Paragraph"
    ITEM = "Item"
    AGENDA_ITEM = "AgendaItem"
    MANDATE = "Mandate"
    RECOMMENDATION = "Recommendation"
    FINDING = "Finding"
    OBJECTIVE = "Objective"
    QUESTION = "Question"


@dataclass(frozen=True)
class DocumentMeta:
    """The metadata file of one held document (``corpus/documents/{slug}.yaml``)."""

    slug: str
    title: str
    doc_type: DocType
    symbols: tuple[str, ...]
    date: str  # ISO date, year-month or year, as the source supports it
    language: str
    original_language: str
    issuing_body: str  # body slug
    meeting: str  # activity slug
    source: str  # path of the source file, relative to the corpus directory
    sha256: str
    date_note: str = ""
    meta_path: str = ""  # where this metadata was read from (for error messages)


@dataclass(frozen=True)
class SourceDocument:
    """A held document: its metadata and its text, exactly as in the source file."""

    meta: DocumentMeta
    text: str
    path: Path


@dataclass
class Provision:
    """An addressable part of a document, as found by the parser.

    ``start``/``end`` are character offsets (Unicode code points) into the source text, so that
    ``text_of_source[start:end]`` is the provision's whole printed extent, number included.
    ``text`` is the clean text: number, footnote markers, bookmarks and page-break blank lines
    removed, whitespace folded.
    """

    eid: str
    kind: Kind
    number: str | None  # as printed, e.g. "7(g)", "19", "III"; None when unnumbered
    text: str
    start: int
    end: int
    parent: str | None  # eId of the parent provision; None for a top-level provision
    heading: str | None = None  # for sections and other containers
    order: int = 0  # position among its siblings, from 1
    line: int = 0  # 1-based line of ``start`` in the source file
    children: list[str] = field(default_factory=list)
