"""Suggested trace links: candidates the curated annotations do not hold yet, each proved by quotes
located in the held sources, with a confidence and a why. The second step of the curation loop:
``kb suggest`` proposes, ``kb review`` (:mod:`kb.review`) lets a curator accept or reject.

For every mandate, recommendation, finding and objective of a document (and every activity it
reports), the suggester ranks what it may be linked to:

- ``derivedFrom``: a mandate to the recommendation it adopts (near-verbatim, often with another verb:
  "Instruct" -> "Encourage"), a recommendation to a recommendation or item of the meeting or workshop
  it came from;
- ``reiterates``: a provision to an earlier one it repeats (another cycle), and a mandate to a
  recommendation whose subject it takes up in other words (a topic of a Working Group's list);
- ``respondsTo``: an activity to the mandate or recommendation it answers;
- ``addressee``: a mandate or recommendation (or a meeting's point saying a recommendation) to the bodies it
  names (labels and other names, English and Spanish, "the Ministries of Labor and Education" each).

Signals: near-verbatim overlap (RapidFuzz's token-set ratio, of the words without the punctuation printed
against them), lexical similarity (BM25, bm25s, over Snowball stems in English and Spanish with each
language's stop words), an explicit citation of the
target ("recommendation 7", "Art. 7, g"; for an activity, also in the concept note or web page that describes
it, whose mandates are what it was held to answer), likeness of meaning between two provisions (cosine of
WordLlama's static embeddings, whose weights and tokenizer ship inside the ``wordllama`` package and
are loaded from it, never from a hub), the order of the documents in time (a target after its
source is never proposed), for an activity the ministerial cycle it took place in (the Plans of Action,
work plans and Working Group reports in force then, against those already replaced; for an undated one, when
the earliest report telling of it was issued) and the documents
reporting it (what a report recommends comes after what it reports), how near a held text reports the
activity to the target's words (a report tells what an activity answered next to it), how many of the
target's themes (its topics and their broader ones in the topic scheme) the activity's text names, whether
a document telling of the activity quotes the target (a report quotes the mandates it works to), and for a
provision whether the target's document was issued by the same body (a body carries its own work
forward) and whether a finding is matched with a mandate or recommendation (what asks carries forward
what was asked, an observation an observation). Two provisions read in one passage of a held text (known
through one quotation, or a held paragraph and the quotation inside it) are one text, never linked to each
other, nor are the Declaration and the Plan of Action one conference adopted together; a list held whole (an
article listing the topics it gives a Working Group, each a provision of its own) is proposed for a list only, a
single provision taking up its items. The confidence is a
logistic function of them, fitted by ``bench/bench_suggest.py`` on the curated links left out one
document at a time (the weights below and their calibration table are written down in bench/README.md).
Nothing is downloaded: the stemmers, stop words, embeddings and the ranking come from installed packages.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

import snowballstemmer
from rapidfuzz import fuzz, utils

from kb import iri
from kb.annotate import CONTEXT, SHORTEST_QUOTE
from kb.model import Annotations, Evidence, Kind, Link, Provision, SourceDocument, primary_language

if TYPE_CHECKING:  # the retrieval and embedding libraries load on the first suggestion, not with kb
    from wordllama.inference import WordLlamaInference

__all__ = ["LINK_TYPES", "Candidate", "Suggestion", "suggest"]

LINK_TYPES = ("derivedFrom", "reiterates", "respondsTo", "addressee")
_SOURCE_KINDS = frozenset({Kind.MANDATE, Kind.RECOMMENDATION, Kind.FINDING, Kind.OBJECTIVE})
_TARGET_KINDS = frozenset({Kind.MANDATE, Kind.RECOMMENDATION, Kind.FINDING, Kind.OBJECTIVE, Kind.ITEM})
# Items are what a meeting or report concluded only in these documents (in a concept note or a web page
# they quote or describe other documents).
_ITEM_DOCUMENTS = frozenset({"MeetingSummary", "OutcomeDocument", "WorkingGroupReport", "PlanOfAction",
                             "Declaration", "WorkPlan"})
_OPERATIVE = frozenset({Kind.MANDATE, Kind.RECOMMENDATION})
_OPERATIVE_NAMES = frozenset(k.value for k in _OPERATIVE)
_ANSWERED_KINDS = frozenset({Kind.MANDATE, Kind.RECOMMENDATION, Kind.FINDING, Kind.ITEM})
# What a recommendation comes from in its own cycle: a meeting's or workshop's points, findings, recommendations.
_ORIGIN_KINDS = frozenset(k.value for k in (Kind.ITEM, Kind.FINDING, Kind.RECOMMENDATION))
_SOURCE_KIND_NAMES = frozenset(k.value for k in _SOURCE_KINDS)
_ANSWERED_KIND_NAMES = frozenset(k.value for k in _ANSWERED_KINDS)
_STEMMERS = {"en": snowballstemmer.stemmer("english"), "es": snowballstemmer.stemmer("spanish")}
_WORD_RE = re.compile(r"[a-z0-9]+")
# The ranking: a weighted sum of near-verbatim overlap (0..1), BM25 score relative to the source's best
# candidate (0..1), an explicit citation (0/1), the target quoted in the source's document (0/1), the
# share of topics named in both, likeness of meaning, and for an activity: the target's document in force
# when it took place (1, replaced: -1), the target's document reporting the activity (1: a report's own
# recommendations come after what it reports), the target read near the lines reporting the activity
# (0..1; neither this nor the quotation counts for a target said in the lines telling of another activity); and
# for a provision, the target's document issued by the same body (1: a body carries its own
# work forward), and how well the source matches (0..1 of its best candidate) what the target is curated as
# carrying forward or derived from (a later provision carries forward the latest of a line it resembles),
# and a mandate or recommendation against a finding (1: what was asked carries forward what was asked or a
# meeting concluded, and an observation an observation, seldom one the other); and for an activity, the share
# of the target's themes (its topics and their broader ones) its text names (0..1: a report tells of an
# activity in its own words, a dialogue on paid domestic work answering a mandate on gender equality), and the
# target quoted in a document telling of the activity (1: a report quotes the mandates it works to), and the
# target naming a body that organised the activity (1, read for its first candidates: a recommendation asking the
# RIAL to deepen cooperation on gender is answered by the RIAL's dialogues on gender); chosen for recall by
# bench/bench_suggest.py.
WEIGHTS = {"overlap": 6.5, "bm25": 1.5, "cited": 2.5, "quoted": 2.5, "topics": 2.0, "meaning": 4.0, "cycle": 3.0,
           "reports": -3.0, "near": 3.0, "issuer": 1.0, "lineage": 2.0, "finding": -2.0, "theme": 2.0,
           "framed": 2.0, "organiser": 2.0}
# The confidence: how often a curator linked proposals with these features (bench_suggest.py --fit, on the corpus
# of record, its weights kept small: bench/README.md).
CONFIDENCE = {"bias": -5.54, "overlap": 3.15, "bm25": 2.45, "cited": 1.4, "quoted": 0.4, "topics": 0.22,
              "meaning": 0.64, "rank": 1.14, "cycle": 1.13, "reports": -0.91, "near": -0.33, "issuer": 0.22,
              "lineage": -0.32, "finding": -1.09, "theme": 1.18, "framed": 0.61, "organiser": 0.0}
# What a conference adopts, and what is submitted to it: the mandates of one derive from the other, at the
# same meeting (its concept note or web page restates, and is not a source).
_ADOPTED = frozenset({"PlanOfAction", "Declaration"})
_DESCRIBING = frozenset({"ConceptNote", "WebPage"})  # what describes a meeting rather than records its work
_SUBMITTED = frozenset({"WorkingGroupReport", "MeetingSummary"})
# The documents whose mandates and recommendations the activities of their cycle answer.
_INSTRUMENTS = frozenset({"PlanOfAction", "Declaration", "WorkPlan", "WorkingGroupReport"})
_PERIOD_RE = re.compile(r"\b((?:19|20)\d\d)\s*[-\u2013]\s*((?:19|20)\d\d)\b")
_NEAR = 1000  # characters: the scale of _nearness
_RESTATES = 0.75  # token-sort ratio of two whole texts from which one restates the other
_FEW_WORDS = 7  # a text shorter than this shares its words with too many
_NAMES_MATTER = 0.3  # an activity's overlap below this is not read again without the names of bodies
_RERANKED = 20  # an activity's first candidates read again without them
_MIN_OVERLAP = 0.35  # below this token-set ratio a candidate is not worth a curator's time
_SHORTLIST = 300  # targets per source scored beyond BM25
# A body of a numbered series: "Working Group 1", "Grupo de Trabajo 2".
_NUMBERED_NAME_RE = re.compile(r"^((?:[A-ZÁÉÍÓÚ][\w-]*)(?: (?:de |of |del )?[A-ZÁÉÍÓÚ][\w-]*)*) \d{1,2}$")
# The verb by which a paragraph introducing recommendations or mandates turns to those it asks to act:
# bodies named after it are asked; those before it (the author) are not.
_ASKING_RE = re.compile(r"\b(?:recommends?|recommended|urges?|calls? (?:up)?on|invites?|requests?|instructs?|"
                        r"encourages?|recomienda[n]?|insta[n]?|invita[n]?|solicita[n]?|encomienda[n]?|"
                        r"alienta[n]?)\b", re.IGNORECASE)
# The words that put a body named after them in another role than the one asked to act (corpus/README.md).
# The name follows its cue directly, or after the unit of it that acts ("the Technical Secretariat of the
# OAS", "la Secretaría Técnica de la OEA").
_ARTICLE = (r"(?:\s+(?:the|la|el|los|las|del))?(?:(?:\s+[^\W\d_][\w-]*){1,3}\s+(?:of|de|del)"
            r"(?:\s+(?:the|la|el|los|las))?)?\s*$")
_ROLE_CUES = (
    ("supporter", re.compile(r"\b(?:with the(?: technical| financial)? support of|supported by|con el(?: técnico"
                             r"| financiero)? apoyo de|con apoyo de|apoyad[oa]s? por)" + _ARTICLE, re.IGNORECASE)),
    ("partner", re.compile(r"\b(?:with the participation of|(?:collaboration|coordination|cooperation|partnership|"
                           r"consultation) with|jointly with|together with|con la participación de|(?:colaboración|"
                           r"coordinación|cooperación|consulta) con|junto con|conjuntamente con)" + _ARTICLE,
                           re.IGNORECASE)),
    ("channel", re.compile(r"\b(?:through|via|por conducto de|a través de|por medio de)" + _ARTICLE, re.IGNORECASE)),
)
_MIN_QUOTE = 24  # characters of an addressee's quote: its name and the words before it
# The authors, named as the subject in the first person ("We, the Ministers of Labor ...", "Nosotros, los
# Ministros ..."): who speaks, not who is asked to act.
_AUTHORS_RE = re.compile(r"(?:^|[.;:]\s+)\W*(?:\d{1,2}[.)]\s+)?(?:we|nosotros|nosotras)(?:\s+(?:y|and)\s+\w+)?\s*,\s*"
                         r"(?:the|los|las|la|el)?\s*$", re.IGNORECASE)
# A meeting's ordinal before a body's name: "the XXII IACML", "the next IACML" name the Conference's meeting, no
# one asked to act.
_MEETING_ORDINAL_RE = re.compile(
    r"\b(?:[IVXL]{1,6}|(?i:next|upcoming|previous|last|pr[óo]xima|anterior|[úu]ltima))\s*$")
# A body's name inside the name of a meeting or of a text: "the XXV Conference of Ministers of Labor", "the ILO
# Declaration", "la Declaración de la OIT", "the Charter of the Organization of American States" name no one asked
# to act.
_NAMED_IN_BEFORE_RE = re.compile(
    r"\b(?:conference|meeting|declaration|convention|charter|conferencia|reuni[óo]n|declaraci[óo]n|convenio|"
    r"carta)\s+(?:of|de)(?:\s+(?:the|los|las|la|el))?\s*$", re.IGNORECASE)
# The organisation whose meeting it is, after the meeting's name: "the XVII INTER-AMERICAN CONFERENCE OF MINISTERS
# OF LABOR (IACML) OF THE ORGANIZATION OF AMERICAN STATES" (a name: capitalised words, connectors, an acronym).
_MEETING_OF_RE = re.compile(
    r"\b(?i:conference|conferencia|meeting|reuni[óo]n)(?:\s+(?:[A-ZÁÉÍÓÚ][\w-]*|(?i:of|de|on|sobre|the|la|los|las|del|"
    r"y|and)|\([A-Z][A-Z/-]+\)))*?\s+(?i:of|de)\s+(?i:the|la)\s*$")
_NAMED_IN_AFTER_RE = re.compile(r"\s*(?:Declaration|Convention|Charter|Constitution)\b")
# A plan's opening, which commits its authors to the articles after it ("WE, THE MINISTERS ... undertake to carry
# out the following Plan of Action"): an activity answers one of those articles, not the opening.
_INTRODUCES_RE = re.compile(r"\b(?:the following (?:Plan of Action|commitments|mandates|actions)|(?:el|los|las) "
                            r"siguientes? (?:Plan de Acci[óo]n|compromisos|mandatos|acciones))\b", re.IGNORECASE)
# A meeting's point that says a recommendation: under a label ("Recommendations: improve ...", "Recomendaciones:"), or
# by the verb, in English ("The group recommends that", "it was recommended that", "recommended to the Ministries",
# "recommends strengthening", not "recommended nothing") or Spanish ("Se recomienda que", "se recomienda fortalecer",
# "se recomendó a los Ministerios", "Recomendó que", "recomiendan a", "recomienda fortalecer").
_RECOMMENDS_RE = re.compile(
    r"\b(?:(?P<label>recommendations?|recomendaci[óo]n(?:es)?)\s*:"
    r"|recommend(?:s|ed)?\s+(?:that|to|the|an?|(?!(?:during|following|including|regarding|concerning|according)\b)"
    r"(?![a-z]*thing\b)[a-z]+ing)\b|(?:is|are|was|were)\s+recommended\b"
    r"|se\s+(?:recomiendan?|recomend[óo]|recomendaron)\b"
    r"|(?:recomiend(?:a|an|o)|recomend(?:[óo]|aron|amos))\s+(?:que|a|al|[a-záéíóúñ]+(?:ar|er|ir)(?:l[oa]s?|se)?)\b)",
    re.IGNORECASE)
# A verb of recommending said not to have been used: "did not recommend", "never recommended", "no recomendó",
# "no se recomienda".
_NEGATED_RE = re.compile(r"(?:\b(?:not|never|no|nunca)|n't)\s+$", re.IGNORECASE)
_PRESENTED_WORDS = 4  # words before a label read for a verb of presenting: a sentence's start says other things
# A label in a sentence telling that recommendations were presented ("The delegation of Chile presented its
# recommendations: the Ministries held ...", "expuso sus recomendaciones:"): what follows is their report.
_PRESENTED_RE = re.compile(
    r"\b(?:present(?:s|ed)|shared?|submit(?:s|ted)|outlined?|described?|reported|summari[sz]ed|explained|informed"
    r"|present[óo]|presentaron|comparti[óo]|compartieron|expuso|expusieron|describi[óo]|inform[óo]|resumi[óo])\b"
    r"|\b(?:its|their|his|her|sus?)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"\s*(?:,|\band\b|\by\b|\be\b|,\s*and\b)\s*(?:the\s+|la\s+|el\s+|los\s+|las\s+)?")
# A citation of a provision by its number: "recommendation 7", "Art. 7, g", "Article 7, paragraph g)", "artículo 7,
# literal g)", "7(g)"; the word says what kind of provision it names.
_CITATION_RE = re.compile(
    r"\b(?P<word>recommendation|recomendaci[óo]n|art(?:icle|[íi]culo)?\.?|paragraph|p[áa]rrafo)\s*(?P<num>\d{1,2})"
    r"(?:\s*\((?P<paren>[a-z])\)|\s*,\s*(?:(?:paragraph|item|literal|inciso|letter|letra|p[áa]rrafo)\s+)?"
    r"(?P<letter>[a-z])(?:\)|(?!\w)))?", re.IGNORECASE)
# A letter is an item's in "7(g)" or "7, g", not a word after the number ("recomendación 2 y 3", "2 a la OIT").


@dataclass(frozen=True)
class Candidate:
    """Something that can be linked: a provision (held, or known through quotation), an activity."""

    iri: str
    ref: str  # as annotation files write it: "slug eId", "activity:slug"
    kind: str  # the provision's kind, or "Activity"
    doc: str  # the document's slug ("" for an activity)
    number: str
    text: str
    date: str  # ISO, possibly partial ("2021", "2021-09"); "" if unknown
    evidence: tuple[Evidence, ...]  # where its text can be read in a held source
    language: str = "en"
    # The paragraph that introduces a run of provisions ("Working Group 1 respectfully recommends that
    # the Ministers of Labor ..."): who a recommendation is addressed to is often said there only.
    lead_in: Evidence | None = None
    # For a provision of a held language version (kb.versions), the IRI of the original's provision it says
    # in another language: a target in its words, proposed as the original.
    stands_for: str = ""
    # For an activity, the texts of the held documents that describe it (the concept note or web page of a
    # workshop, whose meeting it is): the mandates such a text cites are what the activity was held to answer.
    described_in: tuple[str, ...] = ()


@dataclass
class Suggestion:
    """A candidate link, not yet curated."""

    source: Candidate
    link_type: str
    target: str  # IRI
    target_ref: str
    confidence: float
    evidence: list[Evidence]
    why: str
    features: dict[str, float] = field(default_factory=dict)
    role: str = ""  # an addressee's, when the words before its name say it (channel, partner, supporter)
    # An addressee named in the paragraph introducing its source, not in the source's text: "asks" when named after
    # the verb asking ("... recommends that the Ministers"), "names" otherwise.
    lead_in: str = ""

    def as_json(self) -> dict[str, object]:
        return {"from": self.source.iri, "type": self.link_type, "to": self.target,
                "confidence": round(self.confidence, 3),
                "evidence": [{"doc": e.doc, "quote": e.quote, "start": e.start, "end": e.end} for e in self.evidence],
                "why": self.why, "from_ref": self.source.ref, "to_ref": self.target_ref,
                **({"role": self.role} if self.role else {})}


@functools.lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    """One word's stem (cached: Snowball is pure Python, and words repeat)."""
    return str(_STEMMERS.get(primary_language(language), _STEMMERS["en"]).stemWord(word))


@functools.cache
def _stop_words() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_SPANISH

    return frozenset(STOPWORDS_EN) | frozenset(STOPWORDS_SPANISH)


def _tokens(text: str, language: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    stop = _stop_words()
    words = [w for w in _WORD_RE.findall("".join(c for c in folded if not unicodedata.combining(c)))
             if w not in stop and len(w) > 1]
    return [_stem(w, language) for w in words]


@functools.lru_cache(maxsize=1)
def _embedder() -> WordLlamaInference:
    """WordLlama's 256-dimension model, from the files installed with the package (``WordLlama.load``
    would look for the tokenizer in a folder the wheel does not have, then ask a hub for it)."""
    import wordllama
    from safetensors import safe_open
    from wordllama import WordLlama
    from wordllama.inference import WordLlamaInference

    root = Path(wordllama.__file__).parent
    tokenizer = WordLlama.load_tokenizer(root / "tokenizers" / "l2_supercat_tokenizer_config.json")
    with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), framework="np", device="cpu") as f:
        embedding = f.get_tensor("embedding.weight")
    return WordLlamaInference(embedding, tokenizer)


def _own_evidence(doc: SourceDocument, p: Provision) -> Evidence:
    text = doc.text
    end = p.text_end or p.end
    return Evidence(doc=doc.meta.slug, quote=text[p.start:end], start=p.start, end=end,
                    prefix=text[max(0, p.start - CONTEXT):p.start], suffix=text[end:end + CONTEXT], where="")


def candidates(documents: Sequence[SourceDocument], provisions: dict[str, list[Provision]],
               annotations: Annotations) -> list[Candidate]:
    """Every provision and activity the suggester can link, with its date and located text."""
    out: list[Candidate] = []
    # Where a held text quotes a provision of another document: a part of it inside such a quotation is
    # that provision (already a candidate of its own), not one more of the holding document; a held
    # mandate or recommendation stays itself, even when all it says is a quotation.
    quotations: dict[str, list[tuple[int, int]]] = {}
    for mdoc in annotations.documents:
        for q in mdoc.provisions:
            for e in q.evidence:
                quotations.setdefault(e.doc, []).append((e.start, e.end))
    versions = [doc for doc in documents if str(iri.doc_iri(doc.meta.slug)) in annotations.versions]
    version_slugs = {doc.meta.slug for doc in versions}
    for doc in documents:
        if doc.meta.slug in version_slugs:
            continue
        date = doc.meta.date
        items_count = doc.meta.doc_type.value in _ITEM_DOCUMENTS
        lead_ins = _lead_ins(doc, provisions[doc.meta.slug])
        quoted = quotations.get(doc.meta.slug, [])
        for p in provisions[doc.meta.slug]:
            if p.kind not in _OPERATIVE and any(start <= p.start and (p.text_end or p.end) <= end
                                                for start, end in quoted):
                continue
            if p.kind in _TARGET_KINDS | _SOURCE_KINDS and p.text and (p.kind is not Kind.ITEM or items_count):
                out.append(Candidate(str(iri.provision_iri(doc.meta.slug, p.eid)), f"{doc.meta.slug} {p.eid}",
                                     p.kind.value, doc.meta.slug, p.number or "", p.text, date,
                                     (_own_evidence(doc, p),), primary_language(doc.meta.language),
                                     lead_ins.get(p.eid)))
    originals = {c.iri: c for c in out}
    for doc in versions:  # a version's provision: the original's candidate, in the version's words
        for p in provisions[doc.meta.slug]:
            original = originals.get(annotations.versions.get(str(iri.provision_iri(doc.meta.slug, p.eid)), ""))
            if original is not None and p.text:
                out.append(replace(original, iri=str(iri.provision_iri(doc.meta.slug, p.eid)), text=p.text,
                                   evidence=(_own_evidence(doc, p),), language=primary_language(doc.meta.language),
                                   lead_in=None,
                                   stands_for=original.iri))
    for mdoc in annotations.documents:
        # An undated work plan is taken as issued in the first year of its period.
        period = _period(mdoc.doc_type.value, mdoc.title)
        date = mdoc.date or (period[0] if period is not None else "")
        for q in mdoc.provisions:
            if q.kind in _TARGET_KINDS | _SOURCE_KINDS:
                out.append(Candidate(str(iri.provision_iri(mdoc.slug, q.eid)), f"{mdoc.slug} {q.eid}", q.kind.value,
                                     mdoc.slug, q.number, q.text, date, q.evidence))
    describing: dict[str, list[str]] = {}
    for doc in documents:
        if doc.meta.meeting and doc.meta.doc_type.value in _DESCRIBING:
            describing.setdefault(doc.meta.meeting, []).append(doc.text)
    for act in annotations.activities:
        text = " ".join([act.label, *(e.quote for e in act.evidence)])
        out.append(Candidate(str(iri.activity_iri(act.slug)), f"activity:{act.slug}", "Activity", "", "", text,
                             act.start, act.evidence, described_in=tuple(describing.get(act.slug, ()))))
    return out


def _lead_ins(doc: SourceDocument, provisions: Sequence[Provision]) -> dict[str, Evidence]:
    """Per provision that has one, the paragraph introducing it: the paragraph just before the first
    part of its parent that is not a paragraph (a mandate, a recommendation, a sub-section), or of the
    nearest ancestor that has such a paragraph ("recommends that the Ministers of Labor" above
    sub-sections of recommendations)."""
    parent_of = {p.eid: p.parent or "" for p in provisions}
    first: dict[str, Evidence] = {}  # parent -> its introducing paragraph
    last: dict[str, Provision] = {}  # parent -> the latest paragraph seen under it
    closed: set[str] = set()  # parents whose introduction is over
    for p in provisions:
        parent = p.parent or ""
        if parent in closed:
            continue
        if p.kind is Kind.PARAGRAPH:
            last[parent] = p
            continue
        closed.add(parent)
        if parent in last:
            first[parent] = _own_evidence(doc, last[parent])
    out: dict[str, Evidence] = {}
    for p in provisions:
        ancestor = p.parent or ""
        while ancestor and ancestor not in first:
            ancestor = parent_of.get(ancestor, "")
        if ancestor:  # a document's opening paragraphs introduce no one part of it
            out[p.eid] = first[ancestor]
    return out


def _before(target: str, source: str) -> bool:
    """Whether a (partial) date can be no later than another: unknown dates are allowed."""
    if not target or not source:
        return True
    return target[:len(source)] <= source[:len(target)] if len(target) != len(source) else target <= source


class _Topics:
    """The topics of the scheme a text speaks of: those of whose labels (English and Spanish, stemmed)
    one occurs in it as a phrase."""

    def __init__(self, labels: dict[str, list[str]]) -> None:
        self.phrases = [(topic, tuple(_tokens(label, lang))) for topic, names in labels.items()
                        for label, lang in ((n, "es" if _looks_spanish(n) else "en") for n in names)]
        self.phrases = [(topic, phrase) for topic, phrase in self.phrases if phrase]

    def of(self, words: list[str]) -> frozenset[str]:
        """The topics named in a text, given its tokens."""
        joined = " " + " ".join(words) + " "
        return frozenset(topic for topic, phrase in self.phrases if f" {' '.join(phrase)} " in joined)


def _looks_spanish(text: str) -> bool:
    return bool(re.search(r"[áéíóúñ]|\b(?:de|del|la|las|los|el|y|para)\b", text.lower()))


def topic_broader() -> dict[str, str]:
    """Each narrower topic's broader one, from the installed topic scheme (ontology/topics.ttl)."""
    from rdflib.namespace import SKOS

    from kb import ontology

    return {str(t): str(b) for t, b in ontology.topics_graph().subject_objects(SKOS.broader)}


def _themes(topics: frozenset[str], broader: Mapping[str, str]) -> frozenset[str]:
    """Topics with their broader ones: paid domestic work and violence at work are gender equality's."""
    return topics | {broader[t] for t in topics if t in broader}


def topic_labels() -> dict[str, list[str]]:
    """Every topic's labels, from the installed topic scheme (ontology/topics.ttl)."""
    from rdflib import RDF
    from rdflib.namespace import SKOS

    from kb import ontology

    graph = ontology.topics_graph()
    out: dict[str, list[str]] = {}
    for topic in graph.subjects(RDF.type, SKOS.Concept):
        # the English prefLabel and every altLabel (English and Spanish): the Spanish phrases to look for are the
        # altLabels; the Spanish prefLabel is the topic's name on Spanish pages, some too broad to suggest by
        names = [str(o) for o in graph.objects(topic, SKOS.prefLabel) if getattr(o, "language", None) in (None, "en")]
        names += [str(o) for o in graph.objects(topic, SKOS.altLabel)]
        out[str(topic)] = names
    return out


def _link_type(source: Candidate, target: Candidate) -> str:
    if source.kind == "Activity":
        return "respondsTo"
    if source.kind == Kind.MANDATE.value and target.kind in (Kind.RECOMMENDATION.value, Kind.ITEM.value):
        # A conference adopts a recommendation by writing it into its instrument nearly word for word
        # ("Instruct" -> "Encourage"); a mandate taking up its subject in other words (a topic of a Working
        # Group's list, a Declaration's commitment) carries it forward. Across languages the words cannot
        # tell, and adoption is kept.
        return "derivedFrom" if source.language != target.language or _restates(source, target) else "reiterates"
    if source.kind == Kind.RECOMMENDATION.value and target.kind in _ORIGIN_KINDS \
            and source.date[:4] and target.date[:4] and int(source.date[:4]) - int(target.date[:4]) <= 2:
        return "derivedFrom"  # the meeting or workshop of the same cycle it came from
    return "reiterates"


def _restates(source: Candidate, target: Candidate) -> bool:
    """Whether one text says the other nearly word for word, as a whole: the words of both, in any order,
    with their lengths counted (one sharing all of its few words with a longer text takes up its subject,
    it does not restate it)."""
    return fuzz.token_sort_ratio(source.text, target.text, processor=utils.default_process) / 100 >= _RESTATES


def _overlap(source: Candidate, target: Candidate) -> float:
    """Near-verbatim overlap (token-set ratio, 0..1, less for a text of a few words) of two texts' words, the
    punctuation printed against them aside ("education," is "education", "employment;" is "employment"). An
    activity's text (its label and the lines reporting it) is compared as printed: read without punctuation it
    ranked wrong answers first (bench/README.md)."""
    # A text of a few words ("The future of work") shares all of them with any long text on its subject: its
    # overlap counts in proportion to its length.
    scale = min(1.0, min(len(source.text.split()), len(target.text.split())) / _FEW_WORDS)
    if source.kind == "Activity":
        return scale * fuzz.token_set_ratio(source.text.casefold(), target.text.casefold()) / 100
    return scale * fuzz.token_set_ratio(source.text, target.text, processor=utils.default_process) / 100


def _unnamed(candidate: Candidate, annotations: Annotations) -> Candidate:
    """The candidate with the bodies it names left out of its text, for an activity's overlap: an activity shares
    the names of the Conference and its organs with everything of its process, and they say nothing of what it
    answered (a conference was proposed as answering the opening of the Plan of Action that names it)."""
    _, plurals, longest_first = _names_of(annotations)
    text = candidate.text
    words = set(_FIRST_WORD_RE.findall(text.casefold()))
    # each name wherever it is; only the names whose first word the text has are looked for
    for first, pattern in longest_first:
        if first in words:
            text = pattern.sub(" ", text)
    for _, pattern, _ in plurals:
        text = pattern.sub(" ", text)
    return replace(candidate, text=text)


def _theme(source: frozenset[str], target: frozenset[str], broader: Mapping[str, str]) -> float:
    """The share of a target's themes (its topics and their broader ones) an activity's text names too: a
    launch of a repository on paid domestic work answers a mandate on gender equality in other words."""
    wanted = _themes(target, broader)
    return len(_themes(source, broader) & wanted) / len(wanted) if wanted else 0.0


def _finding_against_operative(source: Candidate, target: Candidate) -> bool:
    """Whether one end is a finding and the other a mandate or recommendation: what was asked is carried
    forward by what asks again, what was observed by a later observation (a report's findings are read
    beside its recommendations, and resemble them, but are not what they repeat)."""
    kinds = {source.kind, target.kind}
    return Kind.FINDING.value in kinds and bool(kinds & _OPERATIVE_NAMES)


def _quoted(source: Candidate, target: Candidate, meetings: dict[str, str]) -> bool:
    """Whether the source's document quotes the target, or (for an activity) a document of the
    activity does (a workshop's concept note quoting the mandates it answers)."""
    quoted_in = {e.doc for e in target.evidence}
    if source.doc and source.doc != target.doc and source.doc in quoted_in:
        return True
    return source.kind == "Activity" and any(meetings.get(doc) == source.ref[len("activity:"):] for doc in quoted_in)


def _framed(target: Candidate, reporting: Iterable[str]) -> bool:
    """Whether a document telling of an activity quotes the target (another document's provision): a report
    quotes the mandates its body was given, and the activities it tells of answer those."""
    return any(e.doc != target.doc and e.doc in reporting for e in target.evidence)


def _nearness(source: Candidate, target: Candidate) -> float:
    """How close in a held text the lines reporting an activity are to a target's words (1 when they
    touch, 1/e a thousand characters apart, 0 when no text holds both): a report tells what an activity
    answered next to it."""
    apart = [max(0, max(a.start, b.start) - min(a.end, b.end))
             for a in source.evidence for b in target.evidence if a.doc == b.doc]
    return math.exp(-min(apart) / _NEAR) if apart else 0.0


def _told_with(target: Candidate, lines: Mapping[str, Sequence[tuple[int, int, str]]]) -> frozenset[str]:
    """The activities whose reporting lines (``lines``: per held text, each activity's lines as start, end, IRI)
    hold or touch the target's words there: a report telling of several activities in one passage says what
    each answered in the lines telling of it ("the update of the study ..., mandated by the Plan of Action")."""
    return frozenset(act for e in target.evidence for start, end, act in lines.get(e.doc, ())
                     if start <= e.end and e.start <= end)


def _organisers(organised_by: Iterable[str], parent: Mapping[str, str]) -> frozenset[str]:
    """The bodies that organised an activity, less those another of them is part of (``parent``: a body -> the
    body it is part of): the OAS above the RIAL names everything of its process, and says nothing of what the
    RIAL's workshop answered."""
    above: set[str] = set()
    for body in organised_by:
        up = parent.get(body, "")
        while up and up not in above:
            above.add(up)
            up = parent.get(up, "")
    return frozenset(organised_by) - above


def _cited(source: Candidate, target: Candidate) -> bool:
    """Whether the source names the target's number ("recommendation 7", "Art. 7, g"); the number a text
    opens with is its own ("Artículo 2. Se constituirán ..."), not a citation."""
    if not target.number:
        return False
    for text in (source.text, *(e.quote for e in source.evidence), *source.described_in):
        for number, word in _citations(text):
            # "recommendation 7" names a recommendation, "Article 7" an article of an instrument, "paragraph 7" either
            fits = word.startswith(("paragraph", "párrafo", "parrafo")) or (
                (target.kind == Kind.RECOMMENDATION.value) == word.startswith("recom"))
            if number == target.number and fits:
                return True
    return False


@functools.lru_cache(maxsize=4096)
def _citations(text: str) -> tuple[tuple[str, str], ...]:
    """The numbers a text cites, each with the word before it (read once a text: a concept note is read
    against every target)."""
    out = []
    for m in _CITATION_RE.finditer(text):
        if text[:m.start()].strip():
            letter = m["paren"] or m["letter"]
            out.append((m["num"] + (f"({letter})" if letter else ""), m["word"].lower()))
    return tuple(out)


class _Facts(NamedTuple):
    """What the suggester reads of a document, held or known through quotation."""

    slug: str
    doc_type: str
    issuer: str
    date: str
    title: str


def _document_facts(documents: Sequence[SourceDocument], annotations: Annotations) -> list[_Facts]:
    return [*(_Facts(d.meta.slug, d.meta.doc_type.value, d.meta.issuing_body, d.meta.date, d.meta.title)
              for d in documents),
            *(_Facts(m.slug, m.doc_type.value, m.issuing_body, m.date, m.title) for m in annotations.documents)]


def _in_force(documents: Sequence[SourceDocument],
              annotations: Annotations) -> Callable[[str], Mapping[str, bool]]:
    """For a date, the instruments issued by then: True for those in force, False for those replaced. A
    work plan whose title gives its years ("Work Plan 2022-2024") is in force during them; of the other
    series (a type of instrument by one issuer: the IACML's Plans of Action, Working Group 1's reports)
    the latest issued by then is. What an activity answers is most often what the instruments of the cycle
    it took place in asked."""
    series: dict[tuple[str, str], list[tuple[str, str]]] = {}
    periods: list[tuple[str, str, str]] = []  # first year, last year, slug
    for slug, doc_type, issuer, date, title in _document_facts(documents, annotations):
        if doc_type not in _INSTRUMENTS:
            continue
        period = _period(doc_type, title)
        if period is not None:
            periods.append((*period, slug))
        elif date and issuer:
            series.setdefault((doc_type, issuer), []).append((date, slug))

    @functools.cache
    def at(day: str) -> Mapping[str, bool]:
        if not day:
            return MappingProxyType({})
        out = {slug: day[:4] <= last for first, last, slug in periods if first <= day[:4]}
        for dated in series.values():
            issued = [(date, slug) for date, slug in dated if _before(date, day)]
            # A later instrument replaces one only once it was certainly issued (a report dated "2024"
            # may come after an activity of July 2024).
            certain = [date for date, _ in issued if date[:len(day)] < day[:len(date)]]
            since = max(certain, default="")
            out |= {slug: not date[:len(since)] < since[:len(date)] for date, slug in issued}
        return MappingProxyType(out)

    return at


def _reported_by(reporting: Mapping[str, Iterable[str]], facts: Iterable[_Facts]) -> dict[str, str]:
    """Per activity, the date of the earliest report telling of it (a Working Group's report, a meeting's
    summary), by which it had taken place: what an undated activity answered was asked before then, and
    most often in the instruments in force then. A concept note or web page is no such report: it
    announces a meeting, or recalls the history behind it."""
    dated = {f.slug: f.date for f in facts if f.doc_type in _SUBMITTED and f.date}
    return {ref: min(dates) for ref, docs in reporting.items() if (dates := [dated[d] for d in docs if d in dated])}


def _period(doc_type: str, title: str) -> tuple[str, str] | None:
    """The first and last year of a work plan whose title gives them ("Work Plan 2022-2024")."""
    period = _PERIOD_RE.search(title) if doc_type == "WorkPlan" else None
    return (period[1], period[2]) if period is not None else None


def _one_passage(source: Candidate, target: Candidate) -> bool:
    """Whether two provisions are read in one passage of a held text (two provisions known through the
    same quotation, a held paragraph and the quotation inside it): a text restating itself, not a link
    between documents. A held mandate or recommendation quoting what it adopts or carries forward is
    the strongest case for a link, not one passage."""
    if any(c.kind in _OPERATIVE_NAMES and any(e.doc == c.doc for e in c.evidence) for c in (source, target)):
        return False
    return any(a.doc == b.doc and a.start < b.end and b.start < a.end
               for a in source.evidence for b in target.evidence)


def _lists(items: Sequence[Candidate], provisions: Mapping[str, Sequence[Provision]],
           annotations: Annotations) -> frozenset[str]:
    """The provisions that say the words of their parts, each a candidate of its own: a list held whole ("Working
    Group 1 will follow up on the following topics: the future of work; ..."), whose items are its provisions.
    A provision of its own text and sub-items (a point with examples under it) is none."""
    parent = {str(iri.provision_iri(slug, p.eid)): str(iri.provision_iri(slug, p.parent))
              for slug, held in provisions.items() for p in held if p.parent}
    parent |= {str(iri.provision_iri(m.slug, q.eid)): str(iri.provision_iri(m.slug, q.parent))
               for m in annotations.documents for q in m.provisions if q.parent}
    text = {c.iri: " ".join(c.text.casefold().split()) for c in items if not c.stands_for}
    return frozenset(whole for part, whole in parent.items() if part in text and whole in text
                     and (said := text[part].rstrip(" .;,:")) and said in text[whole])


def _confidence(features: dict[str, float]) -> float:
    """The confidence as the review file keeps it (three decimals), so that what `kb suggest` prints and leaves
    out by ``--min-confidence`` is what `kb review` prints and walks."""
    z = CONFIDENCE["bias"] + sum(CONFIDENCE[name] * value for name, value in features.items())
    return round(1 / (1 + math.exp(-z)), 3)


def _quote(evidence: Iterable[Evidence]) -> list[Evidence]:
    return [e for e in evidence if e.quote.strip()][:1]


def _addressees(source: Candidate, annotations: Annotations) -> list[Suggestion]:
    """The bodies a provision names, each with the span of its name in the source text (a name inside
    a longer one that is matched, "ILO" in "ILO/CINTERFOR", does not count)."""
    held = next((e for e in source.evidence if e.quote == source.text or source.text in e.quote), None)
    out: list[Suggestion] = []
    previous: tuple[int, str] = (-1, "")  # where the last name ended, and its role
    for start, end, slug, name in sorted(_named_bodies(source.text, annotations)):
        before, after = source.text[:start], source.text[end:]
        if _AUTHORS_RE.search(before) or _MEETING_ORDINAL_RE.search(before) or _NAMED_IN_BEFORE_RE.search(before) \
                or _MEETING_OF_RE.search(before[-200:]) or _NAMED_IN_AFTER_RE.match(after):
            continue
        evidence = _quote(source.evidence)
        if held is not None:
            at = held.quote.find(name)
            if at >= 0:  # the name with the words before it: a quote a curator can read, and long enough
                begin, stop = _around(held.quote, at, at + len(name))
                evidence = [Evidence(held.doc, held.quote[begin:stop], held.start + begin, held.start + stop,
                                     "", "", "")]
        features = {"overlap": 1.0 if name.isupper() or len(name) > 12 else 0.7,
                    "bm25": 1 - start / max(1, len(source.text)), "cited": 0.0, "quoted": 0.0, "topics": 0.0,
                    "meaning": 0.0, "rank": 1.0}
        # A body named in a list after another takes its role ("with the support of ILO/CINTERFOR and OAS").
        listed = previous[0] >= 0 and _LIST_JOIN.fullmatch(source.text[previous[0]:start]) is not None
        role = previous[1] if listed else _role(source.text[:start])
        previous = (end, role)
        out.append(Suggestion(source, "addressee", str(iri.body_iri(slug)), f"body:{slug}", _confidence(features),
                              evidence, f"names {name!r}" + (f" ({role})" if role else ""), features, role))
    lead_in = source.lead_in
    if lead_in is not None:
        named = {s.target_ref for s in out}
        asking = _ASKING_RE.search(lead_in.quote)
        for start, end, slug, name in _named_bodies(lead_in.quote, annotations):
            if f"body:{slug}" in named or _MEETING_ORDINAL_RE.search(lead_in.quote[:start]):
                continue
            begin, stop = _around(lead_in.quote, start, end, SHORTEST_QUOTE)  # "IACML" alone proves nothing
            evidence = [Evidence(lead_in.doc, lead_in.quote[begin:stop], lead_in.start + begin, lead_in.start + stop,
                                 "", "", ""), *_quote(source.evidence)]
            asked = asking is not None and start >= asking.end()  # "... recommends that the Ministers": asked
            features = {"overlap": 1.0 if asked else 0.7, "bm25": 0.5, "cited": 0.0,
                        "quoted": 0.0, "topics": 0.0, "meaning": 0.0, "rank": 1.0}
            why = (f"the paragraph introducing it asks {name!r}" if asked
                   else f"the paragraph introducing it names {name!r}")
            out.append(Suggestion(source, "addressee", str(iri.body_iri(slug)), f"body:{slug}", _confidence(features),
                                  evidence, why, features, lead_in="asks" if asked else "names"))
    return sorted(out, key=lambda s: (-s.confidence, s.target))


def _recommends(text: str) -> bool:
    """Whether a meeting's point says a recommendation (:data:`_RECOMMENDS_RE`), not that recommendations were
    presented (:data:`_PRESENTED_RE`, read in the few words before a label) nor that none was
    (:data:`_NEGATED_RE`)."""
    for m in _RECOMMENDS_RE.finditer(text):
        sentence = re.split(r"[.;!?]\s", text[:m.start()])[-1]
        if m["label"] is None:
            if not _NEGATED_RE.search(sentence):
                return True
        elif not _PRESENTED_RE.search(" ".join(sentence.split()[-_PRESENTED_WORDS:]) + " "):
            return True
    return False


def _around(text: str, start: int, end: int, minimum: int = _MIN_QUOTE) -> tuple[int, int]:
    """A quote of ``text[start:end]`` with whole words before it (after it, at the text's start) until it
    is ``minimum`` characters long or the whole text."""
    while end - start < minimum and text[:start].strip():
        start = max((m.end() for m in re.finditer(r"\s+", text[:start].rstrip())), default=0)
    while end - start < minimum and text[end:].strip():
        following = re.match(r"\s*\S+", text[end:])
        end += following.end() if following else len(text) - end
    return start, end


def _role(before: str) -> str:
    """The role the words just before a body's name give it (corpus/README.md: channel, partner,
    supporter), or "" for the default (actor: asked to act)."""
    for role, cue in _ROLE_CUES:
        if cue.search(before[-80:]):
            return role
    return ""


def bodies_named(text: str, annotations: Annotations) -> set[str]:
    """The slugs of the bodies a text names (by a label or other name, English or Spanish), as the
    suggester reads addressees."""
    return {slug for _, _, slug, _ in _named_bodies(text, annotations)}


def _named_bodies(text: str, annotations: Annotations) -> list[tuple[int, int, str, str]]:
    """(start, end, body slug, name) of each body a text names by a label or other name (a name inside
    a longer one that is matched, "ILO" in "ILO/CINTERFOR", does not count), and of each body of a
    numbered series the text names together ("the Working Groups": Working Group 1 and 2)."""
    found: list[tuple[int, int, str, str]] = []
    patterns, plurals, _ = _names_of(annotations)
    words = set(_FIRST_WORD_RE.findall(text.casefold()))
    for slug, names in patterns:
        for first, pattern in names:
            m = pattern.search(text) if first in words else None
            if m is not None:
                at = m.span("name") if "name" in m.groupdict() else m.span()  # an elided name: its tail
                found.append((*at, slug, text[at[0]:at[1]]))  # as printed: "ILO/CINTERFOR" or "-"
                break
    named = {slug for _, _, slug, _ in found}
    for plural, pattern, slugs in plurals:
        m = pattern.search(text)
        if m is not None and len(slugs) > 1:
            found += [(m.start(), m.end(), slug, plural) for slug in sorted(slugs - named)]
            named |= slugs
    return [f for f in found if not any(s <= f[0] and f[1] <= e and (e - s) > (f[1] - f[0]) for s, e, _, _ in found)]


_ACRONYM_AFTER = re.compile(r"\s+\([A-Z][A-Z0-9/-]*[A-Z0-9]\)$")  # "(SEDI)", "(ILO/CINTERFOR)", not "(Guatemala)"


_FIRST_WORD_RE = re.compile(r"\w+")


_Named = tuple[str, re.Pattern[str]]  # a name's first word (folded) and its pattern
# per body, its names; the plurals of the numbered series, with their bodies; every name, longest first
_NamePatterns = tuple[tuple[tuple[str, tuple[_Named, ...]], ...],
                      tuple[tuple[str, re.Pattern[str], frozenset[str]], ...], tuple[_Named, ...]]


def _names_of(annotations: Annotations) -> _NamePatterns:
    """The patterns of the bodies' names (:func:`_name_patterns`), compiled once per set of bodies."""
    return _name_patterns(tuple((b.slug, b.label, *((b.label_es,) if b.label_es else ()), *b.alt_labels,
                                 *b.alt_labels_es)
                                for b in annotations.bodies))


@functools.lru_cache(maxsize=8)
def _name_patterns(bodies: tuple[tuple[str, ...], ...]) -> _NamePatterns:
    """For each body (slug, label, other names), its names' first words (folded) and patterns, longest first (a text
    that lacks a name's first word is not searched for it); and the plurals of the numbered
    series, longest first ("Working Groups" over "Groups"), with the bodies of each; and every name, longest first
    (a text left without them): compiled once per set of bodies, as a text is searched for every one of them."""
    patterns = []
    series: dict[str, set[str]] = {}
    for slug, *given in bodies:
        # "Executive Secretariat for Integral Development (SEDI)" is printed without its acronym too
        names = set(given) | {short for n in given if (short := _ACRONYM_AFTER.sub("", n)) != n}
        # "OIT-CINTERFOR" names OIT/CINTERFOR: a hyphen and a slash join a name's parts alike
        # a name of three words or more is the body's in capitals too ("INTER-AMERICAN CONFERENCE OF MINISTERS OF
        # LABOR" on a cover); a short one in other letters is another word ("Groups", "oas")
        ordered = [n for n in sorted(names, key=lambda n: (-len(n), n))  # ties by name: seed-free
                   if len(n) >= 3 and _FIRST_WORD_RE.search(n)]
        patterns.append((slug, tuple(
            (_FIRST_WORD_RE.findall(name)[0].casefold(),
             re.compile(rf"(?<![\w-]){re.escape(name).replace('/', '[-/]').replace(chr(92) + '-', '[-/]')}(?![\w-])",
                        re.IGNORECASE if len(name.split()) >= 3 else 0))
            for name in ordered) + tuple(
            (_FIRST_WORD_RE.findall(name)[0].casefold(), elided)
            for name in ordered if (elided := _elided(name)) is not None)))
        for name in given:
            if (numbered := _NUMBERED_NAME_RE.match(name)) is not None:
                for plural in _plurals(numbered[1]):
                    series.setdefault(plural, set()).add(slug)
    plurals = tuple((plural, re.compile(rf"(?<![\w-]){re.escape(plural)}(?![\w-])"), frozenset(slugs))
                    for plural, slugs in sorted(series.items(), key=lambda s: (-len(s[0]), s[0])))
    longest_first = tuple(sorted((named for _, names in patterns for named in names if not named[1].groupindex),
                                 key=lambda n: (-len(n[1].pattern), n[1].pattern)))
    return tuple(patterns), plurals, longest_first


def _elided(name: str) -> re.Pattern[str] | None:
    """The pattern of a name "<head> of <tail>" said after another of the same head, the head not repeated:
    "Ministries of Labor and Education" names the Ministries of Education ("Ministerios de Trabajo y de Educación");
    its group ``name`` is the tail, where the name is read. The head is read in any letters, as the name is; the
    others and the tail are names, capitalised (or in capitals, on a cover): "the Ministries of Labor and education
    providers" names no ministry of education."""
    parts = re.split(r"\s+(?:of|de)\s+", name, maxsplit=1)
    if len(parts) < 2 or len(name.split()) < 3:
        return None
    head, tail = parts
    word = r"[A-ZÁÉÍÓÚÑ][\w-]*"
    other = rf"{word}(?:\s+{word})?"  # another of the head's kind, in a word or two
    joined = r"(?:\s*,\s*|\s*,?\s+(?i:and|y|e)\s+)(?:(?i:of|de)\s+)?"  # ", ", " and ", " y de "
    return re.compile(rf"(?<![\w-])(?i:{re.escape(head)}\s+(?:of|de))\s+{other}(?:{joined}{other})*?{joined}"
                      rf"(?P<name>{re.escape(tail)}|{re.escape(tail.upper())})(?![\w-])")


def _plurals(stem: str) -> tuple[str, ...]:
    """The plural of a series' name in English ("Working Groups") and Spanish ("Grupos de Trabajo")."""
    first, _, rest = stem.partition(" ")
    return (stem + "s", f"{first}s {rest}" if rest else first + "s")


def suggest(documents: Sequence[SourceDocument], provisions: dict[str, list[Provision]], annotations: Annotations,
            *, document: str | None = None, top: int = 5, curated: Iterable[Link] | None = None,
            rejected: Iterable[tuple[str, str, str]] = (), min_confidence: float = 0.0,
            incoming: bool = False) -> list[Suggestion]:
    """Candidate links for the provisions and activities of ``document`` (or all), grouped by source
    and link type, best first in each group, at most ``top`` per group, none below ``min_confidence``;
    none between two items a curator linked (by any type), nor any ``rejected`` (as (from, type, to)
    references: "slug eId", "activity:slug", "body:slug"). With ``incoming``, also the links from the rest of
    the corpus to ``document``'s provisions (an earlier document added late is what later ones carry forward
    and answer). A held language version (kb.versions) stands for its original: its ``document`` is the
    original's, and its provisions are read as the original's, in their own words."""
    import bm25s
    import numpy

    refused = set(rejected)
    # A language version's provisions are its original's: a document and its versions are one work.
    work = next((d.meta.version_of for d in documents if d.meta.slug == document and d.meta.version_of), document)
    wanted = None if work is None else {work} | {d.meta.slug for d in documents if d.meta.version_of == work}
    items = candidates(documents, provisions, annotations)
    meetings = {d.meta.slug: d.meta.meeting for d in documents}
    meeting_of = meetings | {m.slug: m.meeting for m in annotations.documents}  # of those known by quotation too
    scheme = _Topics(topic_labels())
    tokens = {c.iri: _tokens(c.text, c.language) for c in items}
    topics = {iri_: scheme.of(words) for iri_, words in tokens.items()}
    broader = topic_broader()
    known = {(link.source, link.link_type, link.target) for link in (annotations.links if curated is None
                                                                        else curated)}
    linked = {(source, target) for source, _, target in known}  # two items a curator linked, by whatever type
    carries: dict[str, set[tuple[str, str]]] = {}  # an item -> what a curator linked it as carrying forward or
    # derived from, and how
    for link_source, link_type, link_target in known:
        if link_type in ("derivedFrom", "reiterates"):
            carries.setdefault(link_source, set()).add((link_target, link_type))
    held_slugs = {d.meta.slug for d in documents}
    reported = {act.slug for act in annotations.activities
                if wanted is None or wanted & set(act.reported_in) or any(e.doc in wanted for e in act.evidence)}
    sources = [c for c in items if (c.kind in _SOURCE_KIND_NAMES and not c.stands_for and (
        wanted is None or c.doc in wanted or (c.doc not in held_slugs and any(
            e.doc in wanted for e in c.evidence)))) or (c.kind == "Activity" and c.ref[9:] in reported)]
    own = {c.iri for c in sources}
    if incoming and wanted is not None:  # every source: those answering this document's provisions are kept
        sources = [c for c in items if (c.kind in _SOURCE_KIND_NAMES and not c.stands_for) or c.kind == "Activity"]
    targets = [c for c in items if c.kind != "Activity"]
    corpus_tokens = [tokens[t.iri] for t in targets]
    retriever = bm25s.BM25()
    retriever.index(corpus_tokens, show_progress=False)
    quoted_by: dict[str, set[int]] = {}  # document -> the targets it quotes
    for k, target in enumerate(targets):
        for e in target.evidence:
            quoted_by.setdefault(e.doc, set()).add(k)
    in_force = _in_force(documents, annotations)
    lists = _lists(items, provisions, annotations)
    facts = _document_facts(documents, annotations)
    doc_types = {f.slug: f.doc_type for f in facts}
    issuer = {f.slug: f.issuer for f in facts}
    reporting = {f"activity:{act.slug}": {*act.reported_in, *(e.doc for e in act.evidence)}
                 for act in annotations.activities}
    reported_by = _reported_by(reporting, facts)

    def when(source: Candidate) -> str:  # an undated activity took place before the reports telling of it
        return source.date or reported_by.get(source.ref, "")
    by_doc: dict[str, set[int]] = {}
    for k, target in enumerate(targets):
        by_doc.setdefault(target.doc, set()).add(k)
    searched: list[tuple[Candidate, dict[int, float]]] = []  # a source, its shortlist: target -> BM25 of the best
    for source in sources:
        query = tokens[source.iri]
        if not query:
            continue
        scores = retriever.get_scores(query)
        # Only the best by BM25 (and those the source quotes or cites) are scored further: the overlap
        # is computed pair by pair, and the corpus may be large.
        near = set(numpy.argpartition(-scores, min(_SHORTLIST, len(targets) - 1))[:_SHORTLIST].tolist())
        best = float(scores.max()) or 1.0
        answered = set().union(*(by_doc.get(d, set()) for d, force in in_force(when(source)).items() if force),
                               *(quoted_by.get(e.doc, set()) for e in source.evidence)) \
            if source.kind == "Activity" else set()
        searched.append((source, {k: float(scores[k]) / best
                                  for k in near | quoted_by.get(source.doc, set()) | answered}))
    # Activities are left out: a label and the lines reporting it say little of the meaning of what they
    # answer, and their likeness ranked wrong targets first (bench/README.md).
    needed = sorted({source.iri for source, _ in searched if source.kind != "Activity"}
                    | {targets[k].iri for source, shortlist in searched if source.kind != "Activity"
                       for k in shortlist})
    text_of = {c.iri: c.text for c in items}
    ref_of = {c.iri: c.ref for c in items}
    vectors = dict(zip(needed, _embedder().embed([text_of[i] for i in needed], norm=True), strict=True))
    reporting_lines: dict[str, list[tuple[int, int, str]]] = {}  # a held text -> the lines telling of each activity
    for c in items:
        if c.kind == "Activity":
            for e in c.evidence:
                reporting_lines.setdefault(e.doc, []).append((e.start, e.end, c.iri))
    told_with: dict[str, frozenset[str]] = {}
    part_of = {b.slug: b.part_of for b in annotations.bodies}
    organisers = {str(iri.activity_iri(a.slug)): _organisers(a.organised_by, part_of) for a in annotations.activities}
    named_in: dict[str, set[str]] = {}  # a target -> the bodies its text names
    out: list[Suggestion] = []
    without_names: dict[str, Candidate] = {}

    def unnamed(c: Candidate) -> Candidate:
        if c.iri not in without_names:
            without_names[c.iri] = _unnamed(c, annotations)
        return without_names[c.iri]
    for source, shortlist in searched:
        ranked: list[tuple[float, Candidate, dict[str, float]]] = []
        for k in sorted(shortlist):
            target = targets[k]
            if (target.stands_for or target.iri) == source.iri or (target.doc and target.doc == source.doc) or \
                    not _before(target.date, when(source)):
                continue
            if meetings.get(source.doc) and meetings.get(source.doc) == meetings.get(target.doc) and not (
                    doc_types.get(source.doc) in _ADOPTED and doc_types.get(target.doc) in _SUBMITTED) and \
                    _DESCRIBING & {doc_types.get(source.doc), doc_types.get(target.doc)}:
                # a meeting's concept note or web page restates what the meeting's other documents say, not
                # reiterates; but what a conference adopts derives from the reports submitted to it, and two
                # records of a cycle (a meeting of its Working Groups, their report a year on) are not restatements
                continue
            if meeting_of.get(source.doc) and meeting_of.get(source.doc) == meeting_of.get(target.doc) and \
                    {doc_types.get(source.doc), doc_types.get(target.doc)} <= _ADOPTED and \
                    issuer.get(source.doc) == issuer.get(target.doc):
                # a conference's Declaration and Plan of Action are adopted together: neither carries the other
                # forward, nor is adopted from it
                continue
            if source.kind == "Activity" and (target.kind not in _ANSWERED_KIND_NAMES or
                                              _INTRODUCES_RE.search(target.text)):
                continue
            if source.kind != "Activity" and (_one_passage(source, target) or (
                    (target.stands_for or target.iri) in lists and source.iri not in lists)):
                # a list is carried forward by a list; a single provision takes up one of its items, proposed
                # on their own (the list, sharing the words of each, took their places)
                continue
            overlap = _overlap(source, target)
            cited = _cited(source, target)
            quoted = _quoted(source, target, meetings)
            force = in_force(when(source)).get(target.doc) if source.kind == "Activity" and target.kind in (
                Kind.MANDATE.value, Kind.RECOMMENDATION.value) else None
            cycle = 0.0 if force is None else 1.0 if force else -1.0
            closeness = _nearness(source, target) if source.kind == "Activity" else 0.0
            if source.kind == "Activity" and (quoted or closeness > 0):
                if target.iri not in told_with:
                    told_with[target.iri] = _told_with(target, reporting_lines)
                if told_with[target.iri] - {source.iri} and source.iri not in told_with[target.iri]:
                    # said in the very lines telling of another activity: that one answered it, and a document
                    # quoting it, or reading it near, says nothing of this one
                    quoted, closeness = False, 0.0
            if overlap < _MIN_OVERLAP and not cited and not quoted and cycle <= 0 and closeness < 1 / math.e:
                continue
            meaning = float(vectors[source.iri] @ vectors[target.iri]) if source.iri in vectors else 0.0
            shared = topics[source.iri] & topics[target.iri]
            either = topics[source.iri] | topics[target.iri]
            features = {"overlap": overlap, "bm25": shortlist[k], "cited": float(cited),
                        "quoted": float(quoted), "topics": len(shared) / len(either) if either else 0.0,
                        "meaning": meaning, "cycle": cycle,
                        "reports": float(target.doc in reporting.get(source.ref, ())),
                        "near": closeness,
                        "issuer": float(issuer.get(source.doc, "") not in ("", None)
                                        and issuer.get(source.doc) == issuer.get(target.doc)),
                        "lineage": 0.0, "finding": float(_finding_against_operative(source, target)),
                        "theme": _theme(topics[source.iri], topics[target.iri], broader)
                        if source.kind == "Activity" else 0.0,
                        "framed": float(source.kind == "Activity" and _framed(target, reporting[source.ref])),
                        "organiser": 0.0}
            ranked.append((sum(WEIGHTS[name] * value for name, value in features.items()), target, features))
        if source.kind == "Activity":
            # What the names of bodies alone share is not kept: read again without them, for the first of the
            # ranking only (every candidate of a large corpus would take minutes), the lower overlap counts; and
            # those naming a body that organised the activity are read so, for the first only too.
            ranked.sort(key=lambda r: (-r[0], r[1].iri))
            for k, (value, target, features) in enumerate(ranked[:max(_RERANKED, 4 * top)]):
                named = features["overlap"]
                if named >= _NAMES_MATTER:
                    features["overlap"] = min(named, _overlap(unnamed(source), unnamed(target)))
                    value += WEIGHTS["overlap"] * (features["overlap"] - named)
                if organisers.get(source.iri):
                    if target.iri not in named_in:
                        named_in[target.iri] = bodies_named(target.text, annotations)
                    if target.iri not in told_with:
                        told_with[target.iri] = _told_with(target, reporting_lines)
                    # lines telling of another activity name its organisers, not this one's
                    elsewhere = bool(told_with[target.iri] - {source.iri}) and source.iri not in told_with[target.iri]
                    features["organiser"] = float(bool(organisers[source.iri] & named_in[target.iri]) and not elsewhere)
                    value += WEIGHTS["organiser"] * features["organiser"]
                ranked[k] = (value, target, features)
        lines: dict[str, tuple[str, str]] = {}  # a target -> what it carries on that the source matches best
        if source.kind != "Activity":
            # Activities are left out: an activity resembling a recommendation did not answer the mandates
            # adopted from it more often than others (bench/README.md).
            score = {target.iri: value for value, target, _ in ranked}
            best = max(score.values(), default=0.0)
            for k, (value, target, features) in enumerate(ranked):
                earlier = [u for u in carries.get(target.iri, ()) if score.get(u[0], 0.0) > 0]
                if best > 0 and earlier:
                    lines[target.iri] = max(earlier, key=lambda u: (score[u[0]], u))
                    features["lineage"] = score[lines[target.iri][0]] / best
                    ranked[k] = (value + WEIGHTS["lineage"] * features["lineage"], target, features)
        ranked.sort(key=lambda r: (-r[0], r[1].iri))
        seen: Counter[str] = Counter()  # per link type, the candidates ranked so far
        kept: Counter[str] = Counter()
        proposed: set[str] = set()  # an original and its language versions are one target, at its best rank
        for _, target, features in ranked:
            to = target.stands_for or target.iri
            if to in proposed:
                continue
            proposed.add(to)
            link_type = _link_type(source, target)
            rank = seen[link_type]
            seen[link_type] += 1
            if kept[link_type] >= top or (source.iri, to) in linked:
                continue
            features["rank"] = max(0.0, 1 - rank / 5)
            signals = ("cites it; " if features["cited"] else "") + (
                "quoted in its document; " if features["quoted"] else "") + (
                ("in force when it took place; " if source.date else "in force when a report told of it; ")
                if features["cycle"] > 0 else "") + (
                "replaced by then; " if features["cycle"] < 0 else "") + (
                "in the document reporting it; " if features["reports"] else "") + (
                "quoted in a document telling of it; " if features["framed"] else "") + (
                "names a body that organised it; " if features["organiser"] else "") + (
                "read next to the lines reporting it; " if features["near"] >= 1 / math.e else "") + (
                "issued by the same body; " if features["issuer"] else "") + (
                (f"{'derives from' if lines[target.iri][1] == 'derivedFrom' else 'carries forward'} "
                 f"{ref_of[lines[target.iri][0]]}, which is like it; ") if features["lineage"] >= 0.8 else "") + (
                f"read in its {target.language} version ({target.evidence[0].doc}); " if target.stands_for else "")
            meant = f"likeness of meaning {features['meaning']:.2f}, " if source.iri in vectors else ""
            precision = min(len(target.date), len(source.date))  # what both dates say
            timing = (f"{target.ref} ({target.date or 'undated'}) and {source.ref} ({source.date or 'undated'}): "
                      "which came first is not known" if not precision else
                      f"{target.ref} ({target.date}) "
                      f"{'before' if target.date[:precision] < source.date[:precision] else 'of the same time as'} "
                      f"{source.ref} ({source.date})")
            across = (f"across languages ({source.language}, {target.language}): words compare poorly, so the "
                      "confidence is low and the rank says more; " if source.language != target.language
                      and "Activity" not in (source.kind, target.kind) else "")
            few = min(len(source.text.split()), len(target.text.split()))
            in_common = (f"{round(100 * features['overlap'])}% of words shared" if few >= _FEW_WORDS or not few else
                         f"{round(100 * features['overlap'] * _FEW_WORDS / few)}% of the words of a text of {few} "
                         f"shared (weighed as {round(100 * features['overlap'])}%: a few words are shared by many "
                         "texts)")
            why = f"{signals}{across}{in_common}, {meant}BM25 {features['bm25']:.2f} of the best; {timing}"
            out.append(Suggestion(source, link_type, to, target.ref, _confidence(features),
                                  _quote(source.evidence) + _quote(target.evidence), why, features))
            kept[link_type] += 1
        if source.kind in (Kind.MANDATE.value, Kind.RECOMMENDATION.value):
            out += [s for s in _addressees(source, annotations)[:top]
                    if (source.iri, "addressee", s.target) not in known]
    # A meeting's point that recommends asks the bodies it names to act, as a recommendation does; it is proposed no
    # other link (what carries it forward is a recommendation, which is).
    recommending = [c for c in items if c.kind == Kind.ITEM.value and not c.stands_for and _recommends(c.text)
                    and (wanted is None or c.doc in wanted)]
    own |= {c.iri for c in recommending}
    for item in recommending:
        # a summary's paragraph introducing its points tells who spoke, and asks no one
        asked = [s for s in _addressees(item, annotations) if s.lead_in != "names"]
        out += [s for s in asked[:top] if (item.iri, "addressee", s.target) not in known]
    out = [s for s in out
           if (s.source.ref, s.link_type, s.target_ref) not in refused and s.confidence >= min_confidence
           and (s.source.iri in own or (s.link_type != "addressee" and s.target_ref.split(" ")[0] in (wanted or ())))]
    return sorted(out, key=lambda s: (s.source.iri, s.link_type, -s.confidence, s.target))
