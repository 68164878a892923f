"""Plain data passed between pipeline stages: documents as read from the corpus, and provisions
as found by the parser. No behaviour beyond small derived properties; every stage owns its logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class DocType(StrEnum):
    """Kinds of document (DESIGN.md section 2); the value is the local name of its OWL class."""

    DECLARATION = "Declaration"
    PLAN_OF_ACTION = "PlanOfAction"
    WORKING_GROUP_REPORT = "WorkingGroupReport"
    MEETING_SUMMARY = "MeetingSummary"
    CONCEPT_NOTE = "ConceptNote"
    OUTCOME_DOCUMENT = "OutcomeDocument"
    WORK_PLAN = "WorkPlan"
    WEB_PAGE = "WebPage"

    @classmethod
    def named(cls, text: str) -> DocType | None:
        """The type ``text`` names as a person types it on a command line ("plan-of-action", "PLANOFACTION",
        "Plan of Action"), or None."""
        wanted = re.sub(r"[\W_]+", "", text).lower()
        return next((t for t in cls if t.value.lower() == wanted), None)


class Kind(StrEnum):
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


def primary_language(tag: str) -> str:
    """"es-PY" -> "es": the language a BCP 47 tag names, whatever region or script it adds. A document holds
    one text of each such language, and a page is written in one."""
    return tag.lower().split("-", 1)[0]


DEFAULT_TITLE = "IACML mandate and recommendation traceability knowledge base"
DEFAULT_DESCRIPTION = ("Mandates and recommendations of the OAS Inter-American Conference of Ministers of Labor, "
                       "linked to where they came from and to what answered them, each link backed by a verbatim "
                       "quote.")


@dataclass(frozen=True)
class DatasetInfo:
    """What the publisher says of the knowledge base as a dataset (``corpus/dataset.yaml``): its title
    and description, the licence its data is published under, the rights in the texts it quotes, and
    who publishes it. Empty strings where the corpus says nothing."""

    title: str = ""
    description: str = ""
    license: str = ""  # an IRI
    rights: str = ""
    publisher: str = ""

    def as_json(self) -> dict[str, str]:
        return {"title": self.title, "description": self.description, "license": self.license,
                "rights": self.rights, "publisher": self.publisher}


READINGS = ("heading", "text", "skip", "starts", "continues", "body")
CORRECTED_KINDS = ("Paragraph", "Item", "AgendaItem", "Mandate", "Recommendation", "Finding", "Objective", "Question")


@dataclass(frozen=True)
class Correction:
    """A curator's correction of how a held source is read (``corrections:`` in its metadata file),
    where the parser misread it: ``at`` quotes the text where a line (or an item run into a line)
    begins, ``after`` a text before it when ``at`` occurs more than once. ``read_as`` is one of
    :data:`READINGS`; ``kind`` one of :data:`CORRECTED_KINDS` (on a heading: the paragraphs under it);
    ``number`` the number a reader sees, where the host lost it or the parser misread it; ``eid`` the
    name the provision beginning here keeps (the one it was published under)."""

    at: str
    after: str = ""
    read_as: str = ""
    kind: str = ""
    number: str = ""
    eid: str = ""
    line: int | None = None  # of the entry in the metadata file


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
    known_by: str = ""  # YYYY-MM-DD: the latest day it was issued, when the text says more than ``date``
    original_title: str = ""  # the title as printed, in ``language`` when that is not English (citations in it)
    original_file: str = ""  # the received file (PDF, DOCX) the source text was converted from
    original_sha256: str = ""
    # The held document this text is another language version of: the same work, its provisions the
    # original's (kb.versions aligns them), not mandates and recommendations of their own.
    version_of: str = ""
    # The curator says this text is the original's version though it reads unlike it (kb.versions' unlike).
    version_confirmed: bool = False
    draft: bool = False  # a draft proposes mandates and recommendations; it issues none
    corrections: tuple[Correction, ...] = ()  # how to read the source where the parser misreads it
    renamed: tuple[tuple[str, str], ...] = ()  # (published eId, the eId that now names it; '' the document)
    repointed: tuple[str, ...] = ()  # published eIds a curator lets name another text than they did
    # Held documents this one shares its symbols or its text with and is not a second text of (the curator's
    # word): until it is given, no build publishes such a text (kb.pipeline.unsettled_copies).
    distinct_from: tuple[str, ...] = ()
    meta_path: str = ""  # where this metadata was read from (for error messages)
    field_lines: tuple[tuple[str, int], ...] = ()  # the line of each field in that file

    def line_of(self, key: str) -> int | None:
        return dict(self.field_lines).get(key)

    @property
    def title_untranslated(self) -> bool:
        """The title is still the cover's in another language (as ``kb add`` proposes it, to be written
        in English): it is then published in the language it is in."""
        english = primary_language(self.language) == "en"  # en-GB is English
        return not english and bool(self.original_title) and self.title == self.original_title


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
    number_reconstructed: bool = False  # ``number`` counted in reading order: the printed one was lost
    text_end: int = 0  # end of the provision's own text, before its first part (its heading, for a section)


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote located in a held document: ``source_text[start:end] == quote``."""

    doc: str  # slug of the held document quoted
    quote: str
    start: int
    end: int
    prefix: str  # up to 32 characters before the quote (TextQuoteSelector)
    suffix: str  # up to 32 characters after it
    where: str  # "file:line" of the annotation that gave it


@dataclass(frozen=True)
class BodyTitle:
    """One of a body's successive titles, for the period the sources give, with the quotes stating it."""

    title: str
    start: str  # ISO date, year-month or year; "" if no source says
    end: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Body:
    slug: str
    label: str
    alt_labels: tuple[str, ...] = ()
    body_type: str = ""
    label_es: str = ""  # its official name in Spanish, where it has one (published as its label @es)
    part_of: str = ""  # slug of the parent body
    alt_labels_es: tuple[str, ...] = ()  # its other names and acronyms in Spanish (altLabel @es)
    where: str = ""
    titles: tuple[BodyTitle, ...] = ()  # in time order


@dataclass(frozen=True)
class Activity:
    slug: str
    activity_type: str  # local name of a kb: Activity subclass
    label: str
    start: str = ""  # ISO date, year-month or year
    end: str = ""
    place: str = ""
    format: str = ""  # in-person | virtual | hybrid
    organised_by: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    reported_in: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    where: str = ""
    label_language: str = "en"  # a label left as a Spanish source prints it is published in Spanish


@dataclass(frozen=True)
class QuotedProvision:
    """A provision of a document we do not hold, known through a quotation in one we do."""

    eid: str
    kind: Kind
    number: str
    text: str
    parent: str | None
    evidence: tuple[Evidence, ...]
    where: str = ""


@dataclass(frozen=True)
class MentionedDocument:
    """A document we do not hold: its metadata and the provisions we know of it."""

    slug: str
    title: str
    doc_type: DocType
    symbols: tuple[str, ...] = ()
    date: str = ""
    issuing_body: str = ""
    meeting: str = ""
    evidence: tuple[Evidence, ...] = ()
    provisions: tuple[QuotedProvision, ...] = ()
    where: str = ""


@dataclass(frozen=True)
class Link:
    """A typed trace link between two items (IRIs), with its evidence."""

    source: str  # IRI
    link_type: str  # local name of the kb: property, e.g. "derivedFrom"
    target: str  # IRI
    evidence: tuple[Evidence, ...]
    asserted_by: str = "curator"
    confidence: float | None = None
    note: str = ""
    where: str = ""
    extent: str = "full"  # of an answer (respondsTo): "full", or "partial" with the part answered
    part: str = ""  # verbatim from the target's text: what a partial answer answers
    retyped_from: str = ""  # the type this link was published with before: its IRI is replaced by this one
    role: str = ""  # of an addressee: "actor" (asked to act), "channel", "partner" or "supporter"
    start: str = ""  # of a chair or vice-chair's term, as precisely as the sources give it (YYYY, YYYY-MM...)
    end: str = ""


@dataclass(frozen=True)
class Claim:
    """One source's statement of a fact on which sources disagree."""

    about: str  # IRI of the item the claim is about
    prop: str  # IRI of the property claimed (dcterms:date, rdfs:label, ...)
    value: str
    evidence: Evidence
    disagreement: str  # slug naming the disagreement this claim belongs to
    note: str = ""
    where: str = ""


@dataclass
class Annotations:
    """Everything curated under ``corpus/annotations/``."""

    bodies: list[Body] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    documents: list[MentionedDocument] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    no_link: dict[str, str] = field(default_factory=dict)  # provision IRI -> reason no link was found
    # IRI published before a document was held, or before a link was retyped -> its IRI now
    replaced: dict[str, str] = field(default_factory=dict)
    mentions: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)  # held slug -> its quotations before
    warnings: list[str] = field(default_factory=list)  # what a curator should look at (file:line: ...)
    # held documents whose title is not yet in English: slug -> the language it is in (the cover's, or its
    # original's for a language version given the original's title)
    title_languages: dict[str, str] = field(default_factory=dict)
    # A document held once and taken out on purpose: slug -> (date, reason, where it is said)
    withdrawn: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # A curated link published once and taken out on purpose: link IRI -> (date, reason, where it is said)
    withdrawn_links: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    withdrawn_link_ends: dict[str, str] = field(default_factory=dict)  # link IRI -> "from type to", as it was
    # A held language version's IRIs (the document's, its aligned provisions') -> the original's (kb.versions)
    versions: dict[str, str] = field(default_factory=dict)
    # A held language version whose alignment a curator should look at -> what to say (file:line: ...), once
    # when it is read for the first time (kb.pipeline.first_reading_warnings)
    version_notes: dict[str, str] = field(default_factory=dict)
