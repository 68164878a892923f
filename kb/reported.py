"""The activities a held document reports and the corpus does not declare yet, proposed for a curator to
declare: workshops, virtual dialogues, meetings, conferences, studies, courses, networks created, repositories
launched, bilateral cooperation. Each proposal gives the type, a label, the dates and the place as the text
prints them, and the located words that report it, ready to become an entry of ``activities:``.

A held report tells what answered the mandates mostly through the activities it reports; until they are
declared, ``kb suggest`` has nothing of the report's to link to a mandate. So ``kb suggest --activities``
proposes them, ``kb review`` declares the accepted ones, and the next ``kb suggest`` links them.

How a passage is read: a sentence of a provision (or each of its ";" clauses when they name events of their own,
"...: the General Assemblies of 2014 and 2015; the working group meetings in Barbados and Cartagena; ...") that
names a kind of activity and says it took place: a date on or before the document's, or a verb of holding,
launching, creating or attending ("held", "took place", "se realizó", "se creó", "was attended by", "reunió a"); a
gathering whose sentence gives no date or place of its own takes the page's "Place and Date:" line or dateline.
The kind, date and place of an event are those of its own clause, and not what follows another event named by
its number ("This workshop is part of ..., which in its XIX reunion held in Cancun in 2015"); a year since which
events went on ("desde la creación de la CIMT en 1963") dates none of them. A plural gives one event per date or
place it lists ("dialogues on A (March, 2022), B (September, 2022)", "meetings in Barbados and Cartagena") or per
event it counts (up to five: "the two workshops on A and B"); a larger count is a series, no one event. What is
announced, planned, postponed, cancelled or not held ("will be held", "the next meeting", "no se realizó", "is
expected to bring together") is not proposed.
A passage naming an activity already declared (one of its quotes in
the passage, or the same kind on the same dates, or the same name) is not proposed again. The confidence is a
logistic function of what the passage says (a date, a verb of holding, a name in quotation marks, a place),
its weights set from what ``bench/bench_activities.py`` measures on the activities curated in the held
documents (bench/README.md). Countries are pycountry's, in English and Spanish; nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import hashlib
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from kb import iri
from kb.annotate import ACTIVITY_TYPES, CONTEXT
from kb.model import Activity, Evidence, Kind, Provision, SourceDocument
from kb.parse import MONTHS, conference_named

__all__ = ["ReportedActivity", "one_event", "reported_activities"]

_F = re.IGNORECASE
_ORDINAL = (r"\b(?:[XVI]+|\d+(?:st|nd|rd|th|[ºª°])|\w+(?:th|first|second|third)|first|second|third|"
            r"\w+(?:era|ero|unda|undo|rta|rto|nta|nto|xta|xto|tima|timo|ava|avo|ena|eno|cima|cimo|sima|simo))")
# "the authorities of the IACML held a virtual meeting": a meeting that names no kind, typed by who held it
# (``who``); ``meeting``, the noun as printed, makes its label
_MET = (r"(?P<who>{who})[^.;]{{0,100}}?\b(?:held|had|convened|organi[sz]ed) (?:an?|its|their) "
        r"(?P<meeting>(?:[\w-]+ ){{0,2}}meeting)\b")
_AUTHORITIES = r"\bauthorities\b"
# The kinds of activity, most specific first: a passage takes the first that it names.
_CUES: tuple[tuple[str, str], ...] = (
    ("PreparatoryMeeting", r"preparatory (?:technical )?meetings?|reuni[oó]n(?:es)? (?:t[eé]cnicas? )?preparatorias?"),
    # "a meeting" says no kind; who met does. The IACML authorities' meetings between two Conferences prepare
    # the next one (PreparatoryMeeting, as both bench readers typed them; MinisterialMeeting is for ministers'
    # meetings other than the IACML's), the consultative bodies' are typed as the Working Groups' (bench/README.md)
    ("PreparatoryMeeting", rf"{_MET.format(who=_AUTHORITIES)}|meetings? of (?:the )?(?:[\w-]+ )?authorities\b|"
                           r"\bauthorities(?: \w+)? meetings?\b|"
                           r"reuni[oó]n(?:es)? (?:[\w-]+ )?de (?:las )?autoridades\b"),
    ("WorkingGroupMeeting", _MET.format(who=r"(?:COSATE|CEATAL|consultative bodies)\b")),
    ("WorkingGroupMeeting", r"meetings? of (?:the )?(?:working groups?|wgs?)\b|"
                            r"(?:working groups?|wgs?)(?: \d(?: and \d)?)? meetings?|"
                            r"reuni[oó]n(?:es)? del? (?:los )?grupos? de trabajo|reuni[oó]n del? gt|"
                            r"(?:working groups?|grupos? de trabajo)(?: \d)? (?:met|se reuni(?:ó|eron))\b"),
    ("MinisterialMeeting", r"(?:planning )?meetings? of (?:the )?ministers|ministerial meetings?|"
                           r"reuni[oó]n(?:es)? (?:ministerial(?:es)?|de ministr[oa]s)|planning meeting|"
                           r"reuni[oó]n de planificaci[oó]n|regional meetings?|reuni[oó]n(?:es)? regional(?:es)?"),
    # a conference by its ordinal: "the Inter-American Conference of Ministers of Labor (IACML)" is a body
    # "the tenth meeting of the Conference of Labor Ministers", "la XI reunión de la Conferencia Interamericana":
    # a Conference by its ordinal, as a meeting of itself
    ("Conference", rf"(?:\b\w+-)?{_ORDINAL}\s+(?:meeting|reunion|session) of the (?:inter-american )?conference of "
                   r"(?:labou?r )?ministers|"
                   rf"{_ORDINAL}\s+reuni[oó]n de la conferencia interamericana de ministr\w+|"
                   rf"{_ORDINAL}\s+(?:inter-american\s+)?conferences? of ministers|"
                   rf"{_ORDINAL}\s+conferencias? interamericanas? de ministr\w+|"
                   r"\b[XVI]+ (?:IACML|CIMT|Conference|Conferencia)\b|summit of the americas|"
                   r"cumbre de las am[eé]ricas|international labou?r conference|conferencia internacional del trabajo|"
                   # the OAS's sessions, as the bench's readers type them (bench/README.md); not the organ that
                   # approved a text ("approved by the OAS General Assembly in 2017")
                   r"(?<!\bby the )(?<!\bpor la )(?:\b(?:OAS|OEA) General Assembl(?:y|ies)\b|"
                   r"\bGeneral Assembl(?:y|ies) of the (?:OAS|Organization of American States)\b|"
                   r"\bAsambleas? Generale?s? de la (?:OEA|Organizaci[oó]n de los Estados Americanos)\b)"),
    ("VirtualDialogue", r"(?:virtual|hemispheric|regional|online|technical) dialogues?|"
                        r"di[aá]logos? (?:virtual(?:es)?|hemisf[eé]ricos?|regional(?:es)?|t[eé]cnicos?)|"
                        r"webinars?|webinarios?|conversatorios?|virtual forums?|foros? virtual(?:es)?|"
                        r"seminarios? web"),
    ("NetworkCreation", r"(?:creat\w*|establish\w*|set up|launch\w*)\b[^.;]{0,60}\bnetwork|"
                        r"\bnetwork\b[^.;]{0,40}\b(?:was|were) (?:created|established)|"
                        r"\bcre(?:ó|aron|ación)\b[^.;]{0,40}\bred\b|\bred\b[^.;]{0,40}\bcread[oa]\b"),
    ("RepositoryLaunch", r"(?:launch\w*|lanz\w+|lanzamiento)\b[^.;]{0,80}\b(?:repositor\w+|portfolio|portal|"
                         r"platform|database|plataforma|portafolio|base de datos)|(?:repositor\w+|portfolio|"
                         r"portafolio)\b[^.;]{0,60}\b(?:launched|lanzad[oa])"),
    ("BilateralCooperation", r"bilateral cooperation|cooperaci[oó]n bilateral|technical visits?|"
                             r"visitas? t[eé]cnicas?|pasant[ií]as?"),
    ("Workshop", r"\b(?:workshops?|seminars?|talleres|taller|seminarios?)\b"),
    ("Course", r"\b(?:(?:virtual |online )?courses?|cursos?)\b"),
    # a study as a thing done ("the study on", "an updated study"), not the verb ("does not study or work")
    ("Study", r"\b(?:a|an|the|this|its|their|new|updated)\s+(?:[\w-]+\s+){0,2}stud(?:y|ies)\b|(?-i:\bStud(?:y|ies)\b)|"
              r"\bstud(?:y|ies)\s+(?:on|of|about)\b|\bestudios?\b|diagn[oó]stico|\bsurvey\b|\bencuesta\b|\baudit\b|auditor[ií]a|"
              r"\bmanual\b"),
)
_CUE_RES = tuple((kind, re.compile(rf"(?:{pattern})", _F)) for kind, pattern in _CUES)
# "The Permanent Executive Committee of ... (COSATE) met on ...": a consultative body that met held a meeting of
# its own, unless the words name another kind (it met at a Conference, in a workshop)
_BODY_MET_RE = re.compile(r"(?P<who>\b(?:COSATE|CEATAL))\)?\s+(?P<met>met|se reuni(?:ó|eron))\b")
assert all(kind in ACTIVITY_TYPES for kind, _ in _CUES)

_HELD_RE = re.compile(
    # "held that ..." considered, "as held in the Declaration" stated: no event held
    r"\b(?:(?<!\bas )held(?! that\b)|took place|taken place|"
    r"was (?:carried out|conducted|organi[sz]ed|launched|created|established|"
    r"prepared|elaborated|developed|presented|published|approved|adopted)|were (?:carried out|conducted|"
    r"organi[sz]ed|launched|created|held|prepared|developed|published)|organi[sz]ed|convened|gathered|launched|"
    r"created|prepared|elaborated|carried out|conducted|participated|attended|met|brought together|"
    r"(?:adopted|approved) (?:at|by|during)|(?:adoptad|aprobad)[oa]s? (?:en|por|durante)|se reuni(?:ó|eron)|"
    r"se (?:realiz[oó]|llev[oó] a cabo|celebr[oó]|lanz[oó]|cre[oó]|elabor[oó]|desarroll[oó]|present[oó]|"
    r"public[oó]|realizaron|llevaron a cabo|celebraron|lanzaron|crearon)|tuvo lugar|tuvieron lugar|"
    r"realizad[oa]s?|celebrad[oa]s?|organizad[oa]s?|lanzad[oa]s?|"
    # who came says it took place: "contó con la participación de", "reunió a 40 funcionarios"
    r"elaborad[oa]s?|llevad[oa]s? a cabo|particip(?:ó|aron)|cont(?:ó|aron) con la (?:participaci[oó]n|presencia)|"
    r"reuni(?:ó|eron) a)\b", _F)
_ANNOUNCED_RE = re.compile(
    r"\b(?:will|to be held|"
    r"shall be held|next|upcoming|forthcoming|future|plans? to|planned|proposes?|should|could|would|"
    r"se (?:realizar|llevar|celebrar|lanzar|crear)[aá]n?|pr[oó]xim[oa]s?|futur[oa]s?|"
    r"deber[ií]an?|podr[ií]an?)\b", _F)

# What did not take place, or has not yet: never proposed, whatever else the words say.
_NOT_HELD_RE = re.compile(
    r"\b(?:(?:will|shall)(?: not)?(?: be)? \w+|to be held|(?:should|must|may|might|could|would|ought to)(?: not)? be "
    r"(?:held|convened|organi[sz]ed|carried out|conducted)|is being (?:organi[sz]ed|prepared|planned)|"
    r"(?:is|are) (?:planned|scheduled)|"
    r"planned for|scheduled for|not (?:be )?held|did not take place|never took place|cancell?ed|postponed|"
    # who is expected or invited to come has not come yet
    r"(?:is|are) expected to \w+|(?:is|are) invited to \w+|se espera que|(?:est[aá]n?|son|es) invitad[oa]s? a|"
    r"no se (?:realiz|llev|celebr)\w*|se (?:realizar|llevar|celebrar)[aá]n?|ser[aá]n? (?:realizad|celebrad|llevad)\w*|"
    r"previst[oa]s? para|programad[oa]s? para|cancelad[oa]s?|postergad[oa]s?|aplazad[oa]s?|suspendid[oa]s?|"
    r"pr[oó]xim[oa]s?|next|upcoming|forthcoming|"
    r"no (?:\w+ ){0,6}(?:was|were|has been|have been) (?:held|carried out|conducted|organi[sz]ed|created|launched)|"
    r"ning[uú]n[oa]? (?:\w+ ){0,6}se (?:realiz|llev|celebr)\w*)\b", re.IGNORECASE)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_NAMES = frozenset(m.capitalize() for m in MONTHS)
_YEAR = r"(?:19|20)\d{2}"
# A date as printed, its parts named: the first day, month and year, and the last day and month of a range.
_DATE_RES = (
    # May 16 and 17, 2019 / October 20 to 21, 2022 / December 3 – 5, 2019 / October 31 to November 1, 2011
    re.compile(rf"(?:from |on )?(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and|y|al)\s*"
               rf"(?:(?P<m2>{_MONTH})\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?\s*,?\s*(?P<y>{_YEAR})", _F),
    # 16 y 17 de mayo de 2019 / 20 al 21 de octubre de 2022 / 3 de diciembre de 2019 / 27 October 2007
    re.compile(rf"(?:del? |el |the )?(?P<d>[0-3]?\d)(?:st|nd|rd|th|º|°|o)?(?:\s*(?:(?:de\s+)?(?P<m0>{_MONTH})\s*)?"
               rf"(?:-|–|al|y|a|to|and)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th|º|°)?)?\s+(?:de\s+|of\s+)?(?P<m>{_MONTH})"
               rf"\s*,?\s+(?:de\s+|del\s+)?(?P<y>{_YEAR})", _F),
    # (March, 2022) / in December 2017 / en noviembre de 2022
    re.compile(rf"(?P<m>{_MONTH})\s*,?\s+(?:de\s+|del\s+)?(?P<y>{_YEAR})", _F),
    # in 2012 / en 2009 / (2016) / the second year of "of 2014 and 2015"
    re.compile(rf"(?:\b(?:in|en|since|desde|of|de)\s+|\(|(?<=\d{{4}} )(?:and|y)\s+)(?P<y>{_YEAR})\b(?![-–/]\d)", _F),
)
_TITLE_RE = re.compile(r"[“\"«]([^”\"»]{6,200})[”\"»]")
# a sentence ends at its stop, or after the quotation mark closing it ("... sustainable enterprises.” The ...")
_SENTENCE_RE = re.compile(r"(?:(?<=[.;!?])|(?<=[.;!?][”\"»]))\s+"
                          r"(?=[A-Z¿¡“\"(ÁÉÍÓÚÑ0-9•-])|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]|[a-z]\)) )")
_CITY = r"[A-ZÁÉÍÓÚÑ][\w'’.-]*(?:\s+(?:de\s+|del\s+|de la\s+|of\s+)?[A-ZÁÉÍÓÚÑ][\w'’.-]*){0,3}"
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class ReportedActivity:
    """An activity a document reports that is not declared yet, as proposed for ``activities:``."""

    id: str
    slug: str
    activity_type: str
    label: str
    start: str  # ISO date, year-month or year, as printed; "" when the passage gives none
    end: str
    place: str
    document: str  # the document reporting it: its ``reported_in``
    evidence: tuple[Evidence, ...]
    confidence: float
    why: str
    features: tuple[tuple[str, float], ...] = ()

    def as_yaml(self) -> dict[str, object]:
        """The entry a curator's acceptance writes under ``activities:`` (and the review file keeps)."""
        return {"slug": self.slug, "type": self.activity_type, "label": self.label,
                **({"start": self.start} if self.start else {}), **({"end": self.end} if self.end else {}),
                **({"place": self.place} if self.place else {}), "reported_in": [self.document],
                "evidence": [{"doc": e.doc, "quote": e.quote} for e in self.evidence]}

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, **self.as_yaml(), "confidence": round(self.confidence, 3), "why": self.why,
                "evidence": [{"doc": e.doc, "quote": e.quote, "start": e.start, "end": e.end} for e in self.evidence]}


@dataclass(frozen=True)
class _Passage:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Dated:
    start: int  # offsets in the passage
    end: int
    first: str  # ISO, as precise as printed
    last: str


# Set by hand from the held documents' proposals, too few to fit (bench/README.md, bench_activities.py).
_WEIGHTS = {"bias": -2.0, "dated": 1.6, "held": 1.4, "titled": 1.0, "placed": 0.8, "plural": -0.8,
            "announced": -2.5}


def reported_activities(doc: SourceDocument, provisions: Sequence[Provision],
                        declared: Sequence[Activity], *, rejected: Iterable[str] = ()) -> list[ReportedActivity]:
    """The activities ``doc`` reports that ``declared`` lacks, best first: one per event (its passages
    merged), none whose id was rejected before."""
    found: list[ReportedActivity] = []
    taken = {a.slug for a in declared}
    # the meeting the document records, named again in its text ("This workshop was attended by ..."), is declared
    own = next((a for a in declared if a.slug == doc.meta.meeting), None)
    refused = set(rejected)
    page = _page_when(doc.text)
    for passage in _passages(doc, provisions):
        for proposal in _read(doc, passage, page):
            if _declared_already(proposal, declared) or proposal.id in refused or (
                    own is not None and _is_own(proposal, own)):
                continue
            same = next((i for i, f in enumerate(found) if _same_event(f, proposal)), None)
            if same is None:
                found.append(proposal)
            else:
                found[same] = _merged(found[same], proposal)
    out = []
    for proposal in sorted(found, key=lambda p: (-p.confidence, p.evidence[0].start)):
        slug = iri.free_slug(proposal.slug, taken.__contains__)
        taken.add(slug)
        out.append(_with(proposal, slug=slug))
    return out


def _passages(doc: SourceDocument, provisions: Sequence[Provision]) -> Iterable[_Passage]:
    """The sentences of each provision's own text (a heading's too, not its parts'), as located in the source."""
    text = doc.text
    first_part: dict[str, int] = {}
    for p in provisions:
        if p.parent is not None:
            first_part[p.parent] = min(first_part.get(p.parent, p.start), p.start)
    for p in provisions:
        if p.kind is Kind.SECTION and not p.heading:
            continue
        end = min(p.text_end or p.end, first_part.get(p.eid, p.end))
        if p.kind is Kind.SECTION:  # its own text is its heading
            at = text.find(p.heading or "", p.start, end)
            if at < 0:
                continue
            yield _Passage(at, at + len(p.heading or ""), p.heading or "")
            continue
        cut = p.start
        for m in _SENTENCE_RE.finditer(text, p.start, end):
            if m.start() > cut:
                yield _Passage(cut, m.start(), text[cut:m.start()])
            cut = m.end()
        if end > cut:
            yield _Passage(cut, end, text[cut:end])


def _dates(text: str) -> list[_Dated]:
    """The dates a passage prints, each once (the most precise reading of the words)."""
    found: list[_Dated] = []
    for pattern in _DATE_RES:
        for m in pattern.finditer(text):
            if any(d.start < m.end() and m.start() < d.end for d in found):
                continue
            parts = m.groupdict()
            year, month, day = parts["y"], parts.get("m"), parts.get("d")
            if not all(_real(year, parts.get(m) or month, d) for m, d in (("m0", day), ("m2", parts.get("d2")))):
                continue  # "30 February": no day a text can mean
            first = _iso(year, parts.get("m0") or month, day)
            last = _iso(year, parts.get("m2") or month, parts.get("d2")) if parts.get("d2") else ""
            found.append(_Dated(m.start(), m.end(), first, last if last != first else ""))
    return sorted(found, key=lambda d: d.start)


def _real(year: str, month: str | None, day: str | None) -> bool:
    if not day:
        return True
    try:
        dt.date(int(year), MONTHS[month.lower()] if month else 1, int(day))
    except ValueError:
        return False
    return True


def _iso(year: str, month: str | None, day: str | None) -> str:
    if not month:
        return year
    value = f"{year}-{MONTHS[month.lower()]:02d}"
    return f"{value}-{int(day):02d}" if day else value


def _read(doc: SourceDocument, passage: _Passage, page: tuple[_Dated, str] | None = None) -> list[ReportedActivity]:
    """The proposals one passage makes: those of each of its clauses that names an event of its own."""
    return [p for clause, rest in _clauses(passage) for p in _read_clause(doc, clause, rest, page)]


# a list's items: "...: the workshops of 2014; the meetings in Barbados; and ..."; not a ";" in parentheses
_CLAUSE_RE = re.compile(r";\s+(?![^()]*\))")


def _clauses(passage: _Passage) -> list[tuple[_Passage, str]]:
    """A sentence whose clauses name events of their own, as its clauses, each with the rest of the sentence; any
    other sentence whole. The kind, date and place of an event are its clause's: the year of one item of a list and
    the place of another are no event's. Whether they took place may be said once for all ("A; B; and C were held")."""
    seps = [*_CLAUSE_RE.finditer(passage.text)]
    spans = [(a.end() if a else 0, b.start() if b else len(passage.text))
             for a, b in itertools.pairwise([None, *seps, None])]
    if sum(_kind(passage.text, a, b) is not None for a, b in spans) < 2:
        return [(passage, "")]
    return [(_Passage(passage.start + a, passage.start + b, passage.text[a:b]),
             f"{passage.text[:a]} {passage.text[b:]}") for a, b in spans]


def _read_clause(doc: SourceDocument, passage: _Passage, rest: str,
                 page: tuple[_Dated, str] | None = None) -> list[ReportedActivity]:
    """The proposals one clause makes: one, or one per dated part of a clause listing dated events."""
    dates = [d for d in _dates(passage.text) if (not doc.meta.date or d.first[:len(doc.meta.date)]
             <= doc.meta.date[:len(d.first)]) and not _since(passage.text, d)]
    kind_at = _kind(passage.text)
    if kind_at is None:
        return []
    # "This workshop is part of the activities of the IACML, which in its XIX reunion held in Cancun in December
    # 2015, ...": what follows another event named by its number tells of that one, not of the kind named before
    other = _OTHER_EVENT_RE.search(passage.text, kind_at[1].end())
    if other is not None:
        passage = _Passage(passage.start, passage.start + other.start(), passage.text[:other.start()])
        dates = [d for d in dates if d.end <= other.start()]
    # the clause whole, or its parts that each tell of one event: its words, its date, its place
    parts: list[tuple[int, int, list[_Dated], str]] = [
        (0, len(passage.text), _event_dates(passage.text, dates), "")]
    plural = bool(set(_words(kind_at[1].group())) & _PLURAL_KINDS)  # "two meetings of Working Group 1"
    places = _listed_places(passage.text, kind_at[1].end()) if plural else []
    if len(dates) >= 2 and all(d.first != dates[0].first for d in dates[1:]) and plural:
        # "dialogues on A (March, 2022), B (September, 2022), ...": each dated part, one event
        bounds = [0, *(d.end for d in dates[:-1])]
        parts = [(a, dates[i].end if i < len(dates) - 1 else len(passage.text), [dates[i]], "")
                 for i, a in enumerate(bounds)]
    elif len(places) >= 2:
        # "the working group meetings in Barbados and Cartagena": each place, one event (of the clause's one date)
        bounds = [0, *(end for _, end, _ in places[:-1])]
        parts = [(a, places[i][1] if i < len(places) - 1 else len(passage.text), dates[:1] if len(dates) == 1 else [],
                  places[i][2]) for i, a in enumerate(bounds)]
    count = _count(passage.text, kind_at[1].start()) if plural and len(parts) == 1 else 0
    if count > _ITEMISED:
        return []  # so many events, none told apart: not one of them
    out = []
    for a, b, dated, place in parts:
        kind = _kind(passage.text, a, b) or kind_at
        # "the two workshops on ...": two events, each proposed
        for nth in range(1, count + 1) if count > 1 else (0,):
            proposal = _proposal(doc, passage, a, b, kind, dated[0] if dated else None, page, rest,
                                 listed=place, one=len(parts) > 1 or nth > 0, nth=(nth, count))
            if proposal is not None:
                out.append(proposal)
    return out


_NUMBERS = {w: n for n, words in enumerate((
    (), ("one", "uno", "una"), ("two", "dos", "both", "ambos", "ambas"), ("three", "tres"), ("four", "cuatro"),
    ("five", "cinco"), ("six", "seis"), ("seven", "siete"), ("eight", "ocho"), ("nine", "nueve"), ("ten", "diez"),
    ("eleven", "once"), ("twelve", "doce"), ("thirteen", "trece"), ("fourteen", "catorce"), ("fifteen", "quince"),
    ("sixteen", "dieciséis"), ("seventeen", "diecisiete"), ("eighteen", "dieciocho"), ("nineteen", "diecinueve"),
    ("twenty", "veinte"))) for w in words}
_COUNT_RE = re.compile(rf"(?<![\d.,])(?:(?P<digits>\d{{1,3}})(?![\d.,])|\b(?P<word>{'|'.join(_NUMBERS)})\b)"
                       r"\s+(?:\w+\s+){0,3}$", _F)
# of a count of events nothing tells apart, each is proposed up to this many; more are a tally ("the eighteen
# ministerial meetings held since ..."), a series no one of which the words report
_ITEMISED = 5


def _count(text: str, at: int) -> int:
    """How many the words just before ``at`` say there were ("the two RIAL workshops", "las 18 reuniones"); 0
    when they say none (a year is no count: "the 2019 workshops")."""
    m = _COUNT_RE.search(text[max(0, at - 40):at])
    if m is None:
        return 0
    return int(m["digits"]) if m["digits"] else _NUMBERS[m["word"].casefold()]


_PLACE_SEP_RE = re.compile(r"\s*(?:,\s*(?:and\s+|y\s+)?|\s+(?:and|y)\s+)(?:in\s+|en\s+)?")


def _listed_places(text: str, start: int) -> list[tuple[int, int, str]]:
    """The places a plural's words list after it, each where it ends: "in Barbados and Cartagena", "in Nassau,
    Bahamas, and in Lima, Peru". A list only where a country or the verb of holding ("were held: in ...") says
    these are places (not "in Spanish and English")."""
    opening = re.compile(r"\b(?:in|en)\s+").search(text, start)
    if opening is None:
        return []
    names, city_re = _countries(), re.compile(_CITY)
    items: list[tuple[int, int, str]] = []
    at = opening.end()
    while (city := city_re.match(text, at)) is not None:
        name = re.sub(r"(?<=[^\W\d_]{2})\.$", "", " ".join(city.group().split()))
        if name in _MONTH_NAMES:
            return []
        if items and name in names and items[-1][2] not in names and text[items[-1][1]:city.start()].strip() == ",":
            items[-1] = (items[-1][0], city.end(), f"{items[-1][2]}, {name}")  # "Nassau, Bahamas": the city's
        else:
            items.append((city.start(), city.end(), name))
        sep = _PLACE_SEP_RE.match(text, city.end())
        if sep is None or sep.end() == len(text):
            break
        at = sep.end()
    held_in = re.search(rf"(?:{_HELD_RE.pattern})[\s:,]*$", text[max(0, opening.start() - 40):opening.start()], _F)
    if held_in is None and not any(name in names or name.split(", ")[-1] in names for _, _, name in items):
        return []
    return [] if any(name in _languages() for _, _, name in items) else items  # held in Spanish and English


@functools.cache
def _languages() -> frozenset[str]:
    """Languages' names in English ("Spanish"), as pycountry gives them: what "held in ..." may say besides a place."""
    import pycountry

    return frozenset(language.name for language in pycountry.languages)


# "since 2013", "desde la creación de la CIMT en 1963": the words between say what began then, not an event
_SINCE_RE = re.compile(r"\b(?:since|desde)\s+[^\d,;:.()\n]{0,60}$", _F)


def _since(text: str, date: _Dated) -> bool:
    """A year or month that opens a span ("the meetings held since 1963"): when events went on from, not one
    event's date. A day after "desde" is a range's first ("desde el 3 al 5 de mayo")."""
    digit = re.search(r"\d", text[date.start:date.end])
    return len(date.first) < 10 and digit is not None and \
        _SINCE_RE.search(text[max(0, date.start - 80):date.start + digit.start()]) is not None


_OTHER_EVENT_RE = re.compile(rf"{_ORDINAL}\s+(?:reunion|meeting|session|reuni[oó]n|sesi[oó]n)\b", _F)


def _event_dates(text: str, dates: list[_Dated]) -> list[_Dated]:
    """The dates of one event, the one it was held on first: "scheduled for June 2025, was held on 3 July
    2025" took place in July."""
    held = _HELD_RE.search(text)
    after = [d for d in dates if held is not None and d.start >= held.start()]
    return [after[0], *(d for d in dates if d is not after[0])] if after else dates


_GATHERINGS = frozenset({"PreparatoryMeeting", "WorkingGroupMeeting", "MinisterialMeeting", "Conference",
                         "VirtualDialogue", "Workshop", "Course"})
# "Place and Date: Lima, Peru, April 4 to 6, 2025." / "Lugar y fecha: ..." / "Fecha y lugar: ..."
_PAGE_WHEN_RE = re.compile(r"^[ \t]*(?:place and date|date and place|lugar y fecha|fecha y lugar|event date|"
                           r"fecha del evento)\s*:[ \t]*(?P<line>[^\n]+)", re.IGNORECASE | re.MULTILINE)
# a press release's dateline: "WASHINGTON, D.C., April 4, 2025 – The ...", "Lima, 4 de abril de 2025.- La ..."
_DATELINE_RE = re.compile(rf"^[ \t]*\(?(?P<place>{_CITY}(?:,\s*(?!(?:{_MONTH})\b){_CITY}){{0,2}})"
                          rf"\s*,\s*(?P<date>[^\n]{{6,40}}?)"
                          r"\)?\s*(?:\.?\s*[-–—]+)\s*\w", re.MULTILINE)


def _page_when(text: str) -> tuple[_Dated, str] | None:
    """The date (to the day) and place a page gives its event on its "Place and Date:" line or its dateline."""
    labelled = _PAGE_WHEN_RE.search(text)
    if labelled:
        line = labelled["line"]
        dated = next((d for d in _dates(line) if len(d.first) == 10), None)
        if dated is not None:
            return dated, _page_place(line[:dated.start] + "," + line[dated.end:])
    for m in _DATELINE_RE.finditer(text):
        dated = next((d for d in _dates(m["date"]) if len(d.first) == 10), None)
        if dated is not None and not m["date"][dated.end:].strip(" ,"):
            return dated, _page_place(m["place"])
    return None


def _page_place(words: str) -> str:
    """A place as a page's dateline prints it, without the date: "Lima, Peru", "Washington, D.C.", "Lima"."""
    parts = [" ".join(p.split()).strip(" .()-–—") for p in re.split(r"[,;]", words)]
    parts = [p for p in parts if p]
    if not parts or not re.fullmatch(_CITY, parts[0]) or parts[0] in _MONTH_NAMES:
        return ""
    if len(parts) > 1 and re.fullmatch(r"D\.\s?[CF]", parts[1]):
        return f"{parts[0]}, {parts[1]}."
    if len(parts) > 1 and parts[1] in _countries():
        return f"{parts[0]}, {parts[1]}"
    return parts[0]


def _kind(text: str, a: int = 0, b: int | None = None) -> tuple[str, re.Match[str]] | None:
    """The kind of activity the words ``text[a:b]`` name, and where (in ``text``)."""
    hits = [(m.start(), order, kind, m) for order, (kind, pattern) in enumerate(_CUE_RES)
            if (m := pattern.search(text, a, len(text) if b is None else b))]
    if not hits:
        met = _BODY_MET_RE.search(text, a, len(text) if b is None else b)
        return ("WorkingGroupMeeting", met) if met else None
    # the kind named first: a study "prepared by mandate of the XX IACML" is a study, a workshop on a study
    # a workshop; of two at one place, the more specific
    _, _, kind, m = min(hits, key=lambda h: (h[0], h[1]))
    return kind, m


def _proposal(doc: SourceDocument, passage: _Passage, a: int, b: int, kind_at: tuple[str, re.Match[str]],
              date: _Dated | None, page: tuple[_Dated, str] | None = None,
              rest: str = "", *, listed: str = "", one: bool = False,
              nth: tuple[int, int] = (0, 0)) -> ReportedActivity | None:
    """The proposal of the words ``passage.text[a:b]``; ``one`` when they are one of the events a clause lists (by
    its dates, by the places it lists, ``listed`` being this one's, or the ``nth`` of the (nth, count) it counts)."""
    kind, cue = kind_at
    words = passage.text[a:b]
    lead = f"{rest} {passage.text[:a]}".strip()  # the words before the part, and the sentence's beyond its clause
    held = _HELD_RE.search(words) or _HELD_RE.search(lead)
    # "The Second Meeting ... was attended by ...", on a page whose "Place and Date:" line says when and where:
    # the sentence tells of the page's event. Only a gathering held that says neither date nor place of its own
    # (a study or a network is not made on the day a page reports; "held in Quito" is another event)
    paged = page if (page is not None and date is None and held and kind in _GATHERINGS
                     and not _dates(words) and not _place(passage.text)) else None
    if paged is not None:
        date = paged[0]
    announced = _ANNOUNCED_RE.search(words[:cue.start() - a] if a <= cue.start() <= b else words) \
        or (not held and (_ANNOUNCED_RE.search(words) or _ANNOUNCED_RE.search(lead)))
    if date is None and not held:
        return None
    # announced, planned, postponed, cancelled, not held: unless it was held after all ("scheduled for June,
    # was held on 3 July")
    denied = [*_NOT_HELD_RE.finditer(words)]
    if (denied and not _HELD_RE.search(words, denied[-1].end())) or (not held and _NOT_HELD_RE.search(lead)):
        return None
    # a name in quotation marks beside the kind ("the Workshop “...”", "the “...” workshop")
    titled = next((t for t in _TITLE_RE.finditer(passage.text) if a <= t.start() < b + 1 and
                   (0 <= t.start() - cue.end() <= 40 or 0 <= cue.start() - t.end() <= 3)), None)
    # the kind's noun says how many, not who it is of: "the Meeting of the Working Groups" is one meeting
    head = re.split(r"\s+(?:of|de|del)\s+(?=\S)", cue.group(), maxsplit=1, flags=_F)[0]
    plural = re.search(r"(?:s|es)$", head, _F) is not None and kind not in ("NetworkCreation", "RepositoryLaunch")
    place = listed or _place(words) or (_place(passage.text) if len(passage.text) < 400 else "") or (
        # the page's place too for the date of its dateline, printed in the passage
        page[1] if page is not None and (paged or (date is not None and date.first == page[0].first)) else "")
    counted = _count(passage.text, cue.start()) > 1
    if plural and not date and not titled and not counted and not place:
        return None  # "the workshops held", "studies carried out": no event a curator could declare
    features = {"dated": 1.0 if date else 0.0, "held": 1.0 if held else 0.0, "titled": 1.0 if titled else 0.0,
                "placed": 1.0 if place else 0.0, "plural": 1.0 if plural and not date else 0.0,
                "announced": 1.0 if announced else 0.0}
    # three decimals, as the review file keeps it: one number printed, filtered on and kept
    confidence = round(1 / (1 + math.exp(-(_WEIGHTS["bias"] + sum(_WEIGHTS[k] * v for k, v in features.items())))), 3)
    quote_start, quote_end = _quote_span(passage, a, b)
    text = doc.text
    evidence = Evidence(doc=doc.meta.slug, quote=text[quote_start:quote_end], start=quote_start, end=quote_end,
                        prefix=text[max(0, quote_start - CONTEXT):quote_start],
                        suffix=text[quote_end:quote_end + CONTEXT], where="")
    if listed:  # one of the places a plural lists: the kind as the clause names it, in one of them
        label = f"{_singular(_label(cue, titled, passage.text))} in {place}"
    elif nth[0]:
        label = _nth_label(_singular(_label(cue, titled, passage.text)), *nth)
    else:
        label = _label(cue, titled, passage.text) if a <= cue.start() < b or not a else \
            _part_label(cue, passage.text[a:b])
    start, end = (date.first, date.last) if date else ("", "")
    dated = f"dated {start}{f' to {end}' if end else ''}{' by the page' if paged else ''}" if date else ""
    why = "; ".join(filter(None, (
        f"names a {_spaced(kind).lower()} ({cue.group()!r})", dated,
        f"says it took place ({held.group()!r})" if held else "",
        f"named “{titled.group(1)}”" if titled else "", f"in {place}" if place else "",
        f"but {announced.group()!r} may announce it" if announced else "")))
    # named by its words, not their place: a rejection holds when the text is held anew with a line changed
    ident = hashlib.sha256(f"{doc.meta.slug}\x1f{kind}\x1f{' '.join(evidence.quote.split())}"
                           f"{f'{chr(31)}{nth[0]}' if nth[0] else ''}".encode()).hexdigest()[:10]
    return ReportedActivity(id=ident, slug=_slug(kind, label, titled, start, cue.group()), activity_type=kind,
                            label=label, start=start, end=end, place=place, document=doc.meta.slug,
                            evidence=(evidence,), confidence=confidence, why=why, features=tuple(features.items()))


def _quote_span(passage: _Passage, a: int, b: int) -> tuple[int, int]:
    """The located words of the part, without the blanks and the list's punctuation at its ends."""
    words = passage.text[a:b]
    lead = len(words) - len(words.lstrip(" \t\n,;:-–—•)"))
    trail = len(words.rstrip(" \t\n,;:"))
    if words[lead:].count("(") > words[lead:].count(")") and passage.text[b:b + 1] == ")":
        trail = len(words) + 1  # the date's closing parenthesis
    return passage.start + a + lead, passage.start + a + max(lead, trail)


_ARTICLES = frozenset({"the", "a", "an", "this", "these", "that", "its", "their", "el", "la", "los", "las", "un",
                       "una", "este", "esta", "su", "sus", "in", "en", "during", "durante", "through", "mediante"})
_THING_RE = re.compile(r".*\b(network|red|repositor\w+|portfolio|portal|platform|database|plataforma|portafolio|"
                       r"base de datos)\b", _F)


def _label(cue: re.Match[str], titled: re.Match[str] | None, text: str) -> str:
    """The kind as printed, then its name in quotation marks, or the words saying what it was on."""
    if cue.groupdict().get("meeting"):
        return _met_label(cue)
    if cue.groupdict().get("met"):
        return f"{'Meeting of' if cue['met'] == 'met' else 'Reunión del'} {cue['who']}"
    thing = _THING_RE.match(cue.group())  # "agreed to create the network ...": the network, not the verb
    noun = " ".join((cue.group()[thing.start(1):] if thing else cue.group()).split())
    # the capitalised words of its name before the kind ("a Participatory Gender Audit", "the RIAL Workshop")
    named = re.search(r"((?:[A-ZÁÉÍÓÚÑ][\w/-]*\s+){1,4})$", text[:cue.start()]) if not thing else None
    if named and noun[:1].isupper():
        words = named.group(1).split()
        while words and words[0].lower() in _ARTICLES:
            words.pop(0)
        noun = " ".join([*words, noun])
    noun = noun[:1].upper() + noun[1:]
    # and those after it, before its name ("el Taller Hemisférico “...”")
    following = re.match(r"((?:\s+[A-ZÁÉÍÓÚÑ][\w-]*){1,2})\s*[“\"«]", text[cue.end():]) if titled else None
    if following:
        noun = f"{noun} {' '.join(following.group(1).split())}"
    if titled:
        return f"{noun} “{' '.join(titled.group(1).split())}”"
    after = text[cue.end():]
    stop = re.search(r"[(.;:,\n]|\b(?:held|which|that|took|was|were|has|have|se|que|fue|fueron|tuvo|organi[sz]ed|"
                     r"brought|gathered|convened|participated|attended|cont[oó]|reuni[oó]|"
                     r"organizad[oa])\b|\b(?:in|en|que|con|with|from|on|el|del?)\s+(?:[0-3]?\d|" + _MONTH + r")\b",
                     after, _F)
    tail = " ".join(after[:stop.start() if stop else 80].split()[:10]).rstrip(",")
    return f"{noun} {tail}".strip() if re.match(r"(?:on|about|of|sobre|de|del|for|para)\b", tail, _F) else noun


def _met_label(cue: re.Match[str]) -> str:
    """A meeting named by who held it: "Virtual meeting of the authorities of the IACML", "Joint meeting of COSATE
    and CEATAL" (the bodies by their acronyms: their names in full would make most of the label)."""
    subject = cue.string[cue.start("who"):cue.start("meeting")]
    acronyms = list(dict.fromkeys(re.findall(r"\b(?:[XVI]+ )?[A-Z]{3,}\b", subject)))
    meeting = " ".join(cue["meeting"].split())
    meeting = meeting[:1].upper() + meeting[1:]
    if cue["who"].lower().startswith("authorities"):
        return f"{meeting} of the authorities" + (f" of the {acronyms[0]}" if acronyms else "")
    return f"{meeting} of {' and '.join(acronyms) or cue['who']}"


def _nth_label(label: str, nth: int, count: int) -> str:
    """The label of the nth of a count of events: "Workshop on social protection" of "two workshops on formalization
    and social protection" when its topics are as many as the count; else "Workshop on formalization and social
    protection (2 of 2)"."""
    m = re.match(r"(?P<kind>.*?\b(?:on|about|sobre))\s+(?P<topics>.+)$", label, _F)
    topics = re.split(r"\s*,\s*(?:and\s+|y\s+)?|\s+(?:and|y)\s+", m["topics"]) if m else []
    if len(topics) == count and all(topics):
        return f"{m['kind']} {topics[nth - 1]}" if m else label
    return f"{label} ({nth} of {count})"


def _singular(label: str) -> str:
    """The label with its first plural kind in the singular: "Working group meetings" -> "... meeting"."""
    def one(m: re.Match[str]) -> str:
        word = m.group()
        if _words(word) != [word.casefold()] or word.casefold() not in _PLURAL_KINDS:
            return word
        return re.sub(r"iones$", "ión", word) if word.endswith("iones") else re.sub(r"ies$", "y", word) \
            if word.endswith("ies") else re.sub(r"(?<=[rln])es$|(?<=[^s])s$", "", word)
    return re.sub(r"\b(?:[^\W\d_]+(?:ies|es|s))\b", one, label, count=1)


def _part_label(cue: re.Match[str], words: str) -> str:
    """The label of one dated part of a passage listing events of one kind: the kind, then the part's words."""
    noun = " ".join(cue.group().split())
    noun = re.sub(r"ies$", "y", noun) if noun.endswith("ies") else re.sub(r"(?<=[rln])es$|(?<=[^s])s$", "", noun)
    body = re.sub(r"^[\s),;:]*(?:and|y|including|incluyendo|as well as)?\s*", "", words, flags=_F)
    year = re.match(rf"{_YEAR}\b", body)
    if year:  # "the General Assemblies of 2014 and 2015, at which ...": the second is the kind of its year
        return f"{noun[:1].upper()}{noun[1:]} {year.group()}"
    body = re.split(r"\s*\(|\s*[,;]?\s*(?:" + _MONTH + r")\b", body, maxsplit=1, flags=_F)[0]
    return f"{noun[:1].upper()}{noun[1:]}: {' '.join(body.split()[:12])}".rstrip(": ")


def _place(text: str) -> str:
    """Where the words say it was: "in City, Country" (pycountry's names, English and Spanish; "D.C."), or a city
    alone where they say it was held there."""
    names = _countries()
    for m in re.finditer(rf"\b(?:in|en)\s+(?P<city>{_CITY})", text):
        city, rest = " ".join(m["city"].split()), text[m.end():]
        unmarked = re.fullmatch(r"(?P<city>.+?)\s+(?P<district>D\.\s?[CF]\.)", city)
        if unmarked:  # Washington D.C., the comma left out
            return f"{unmarked['city']}, {unmarked['district']}"
        after = re.match(r",\s*", rest)
        tail = rest[after.end():] if after else ""
        district = re.match(r"D\.\s?[CF]\.", tail)
        if district:  # Washington, D.C.; México, D. F.
            return f"{city}, {district.group()}"
        if city.split()[0] in names and not after:
            return city  # a country alone
        if not after:
            continue
        country = max((c for c in names if tail.startswith(c) and not tail[len(c):len(c) + 1].isalnum()),
                      key=len, default="")
        if country:
            return f"{city}, {country}"
    # a city alone where the text says it was held ("held in Bogota, November, 2019"), its date between maybe
    # ("se llevó a cabo el 28 y 29 de junio de 2016 en Quito")
    held_in = re.search(rf"\b(?:held|took place|met|realizad[oa]s?|celebrad[oa]s?|se realiz[oó]|se reuni[oó]|"
                        rf"tuvo lugar|se llev[oó] a cabo|se celebr[oó])(?:\s+[^.;:\n]{{0,40}}?\b{_YEAR},?)?"
                        rf"\s+(?:in|en)\s+(?P<place>{_CITY})(?=[,.;:)\n]|\s+(?:on|in|from|el|en|del?)\b|\s*$)",
                        text)
    if not held_in or held_in["place"] in _MONTH_NAMES:
        return ""
    return re.sub(r"(?<=[^\W\d_]{2})\.$", "", " ".join(held_in["place"].split()))  # the sentence's stop, not "D.C."


@functools.cache
def _countries() -> frozenset[str]:
    """Country names in English and Spanish, as pycountry gives them (common and official, and the short
    form of an inverted one: "Bolivia" of "Bolivia, Plurinational State of")."""
    import pycountry

    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    names: set[str] = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")):
            if name:
                for value in (name, spanish.gettext(name)):
                    names.add(value)
                    names.add(value.split(",")[0])
    names.discard("")
    return frozenset(names)


def _declared_already(proposal: ReportedActivity, declared: Sequence[Activity]) -> bool:
    """A declared activity this passage names: one of its quotes in the passage (a series's, for a passage that
    dates no event of it, or one that is most of the proposal's words), one of its kind the document reports (for
    a proposal with no date, place or name), one of the same kind and dates that no name or place tells apart, or
    one of much the same name."""
    quote = proposal.evidence[0]
    for activity in declared:
        for e in activity.evidence:
            if e.doc != quote.doc or not (e.start < quote.end and quote.start < e.end):
                continue
            shared = min(e.end, quote.end) - max(e.start, quote.start)
            if activity.activity_type == proposal.activity_type or shared >= 0.8 * (quote.end - quote.start) or \
                    (activity.activity_type == "ActivitySeries" and not proposal.start) or \
                    (_meeting(activity.activity_type) and _meeting(proposal.activity_type)):
                return True
        if activity.activity_type != proposal.activity_type:
            continue
        if quote.doc in activity.reported_in and not (proposal.start or proposal.place or "“" in proposal.label):
            return True  # "a RIAL Workshop on the matter" of a report that reports a workshop declared: that one
        ours, theirs = _conference_ordinal(proposal.label), _conference_ordinal(activity.label)
        if activity.activity_type == "Conference" and ours and theirs:
            if ours == theirs:
                return True  # "the XX IACML": sources may disagree on its date, not on which conference it is
            continue  # the XIII and the XVIII Conference: named alike, numbered apart
        if _told_apart(proposal.label, activity.label, proposal.place, activity.place):
            continue
        if min(len(proposal.start), len(activity.start)) >= 7 and _same_dates(proposal.start, activity.start):
            return True
        # dates that may be one day: a year matches only a proposal that gives no month
        dated_apart = bool(proposal.start and activity.start) and not (
            _same_dates(proposal.start, activity.start) and (len(activity.start) >= 7 or len(proposal.start) <= 4))
        if _likeness(proposal.label, activity.label) >= 0.6 and not dated_apart:
            return True
    return False


def one_event(a: Mapping[str, str], b: Mapping[str, str]) -> bool:
    """Whether two activities, as ``activities:`` entries write them (type, start, label, place), may be one event
    read in two documents: one kind, dates that may be one day, no name or place telling them apart."""
    start_a, start_b = str(a.get("start") or ""), str(b.get("start") or "")
    label_a, label_b = str(a.get("label") or ""), str(b.get("label") or "")
    if a.get("type") == b.get("type") == "Conference" and _conference_ordinal(label_a) and \
            _conference_ordinal(label_b):
        return _conference_ordinal(label_a) == _conference_ordinal(label_b)  # the one its number names
    return a.get("type") == b.get("type") and (not start_a or not start_b or _same_dates(start_a, start_b)) and \
        not _told_apart(label_a, label_b, str(a.get("place") or ""), str(b.get("place") or ""))


def _ordinal(label: str) -> str:
    """A conference's roman ordinal as its label prints it ("XX" of "XX IACML"), or ""."""
    m = re.search(r"\b([XVIL]{1,7})\b", label)
    return m.group(1) if m else ""


# "the tenth meeting of the Conference of Labor Ministers", "la XI reunión de la Conferencia Interamericana de
# Ministros de Trabajo": the Conference of that number (its ordinal is one or two words before)
_MEETING_OF_CONFERENCE_RE = re.compile(
    r"(?P<ord>\S+(?:\s\S+)?)\s+(?:(?:meeting|reunion|session) of the (?:inter-american )?conference of "
    r"(?:labou?r )?ministers|reuni[oó]n de la conferencia interamericana de ministr\w+)", _F)


def _conference_named(label: str) -> str:
    """The slug of the IACML Conference a label names, as a cover names one ("XIII IACML") or as a meeting of the
    Conference ("Tenth meeting of the Conference of Labor Ministers": ``iacml10``); "" for none."""
    m = _MEETING_OF_CONFERENCE_RE.search(label)
    for ordinal in (m["ord"], m["ord"].split()[-1]) if m else ():
        if named := conference_named(f"{ordinal} Inter-American Conference of Ministers of Labor"):
            return named
    return conference_named(label)


def _conference_ordinal(label: str) -> str:
    """A conference's number: an IACML Conference's however printed ("XIII IACML", "13th CIMT", "tenth meeting of
    the Conference": its slug), else the roman ordinal its label prints."""
    return _conference_named(label) or _ordinal(label)


def _same_dates(a: str, b: str) -> bool:
    """Two dates as printed that may be one day: equal as far as both go ("2025-03" and "2025-03-12")."""
    n = min(len(a), len(b))
    return bool(a and b) and a[:n] == b[:n]


def _told_apart(label_a: str, label_b: str, place_a: str, place_b: str) -> bool:
    """Two events of a kind on one date, told apart by their names in quotation marks or their places."""
    titled = "“" in label_a and "“" in label_b and _likeness(label_a, label_b) < 0.5
    placed = bool(place_a and place_b) and place_a.split(",")[0] != place_b.split(",")[0]
    return titled or placed


def _is_own(proposal: ReportedActivity, own: Activity) -> bool:
    """The document's own meeting named in its text: of its kind, on no other date."""
    kinds = (proposal.activity_type == own.activity_type or
             (_meeting(proposal.activity_type) and _meeting(own.activity_type)))
    return kinds and (not proposal.start or not own.start or proposal.start[:7] == own.start[:7])


def _meeting(kind: str) -> bool:
    return kind in ("PreparatoryMeeting", "WorkingGroupMeeting", "MinisterialMeeting", "Conference")


def _same_event(a: ReportedActivity, b: ReportedActivity) -> bool:
    """Two passages reading one event: of one kind, on dates that may be one day (to the month at least), not
    told apart by name or place; or undated and of much the same name in quotation marks."""
    if a.activity_type != b.activity_type or _told_apart(a.label, b.label, a.place, b.place):
        return False
    if (a.evidence[0].start, a.evidence[0].end) == (b.evidence[0].start, b.evidence[0].end):
        return False  # the events one clause counts ("three courses ... in 2019"), read apart there
    if a.activity_type == "Conference" and _conference_ordinal(a.label) and _conference_ordinal(b.label):
        # a Conference is the one its number names, dated or not
        return _conference_ordinal(a.label) == _conference_ordinal(b.label)
    if a.start and b.start:
        return _same_dates(a.start, b.start) and (min(len(a.start), len(b.start)) >= 7 or
                                                   _likeness(a.label, b.label) >= 0.5)
    return _likeness(a.label, b.label) >= 0.6 and ("“" in a.label or "“" in b.label)


def _merged(a: ReportedActivity, b: ReportedActivity) -> ReportedActivity:
    """One event read in two passages: the better reading of each field, both quotes (two at most)."""
    best, other = (a, b) if a.confidence >= b.confidence else (b, a)
    return _with(best, label=max((best.label, other.label), key=lambda s: ("“" in s, len(s))),
                 start=max((best.start, other.start), key=len), end=best.end or other.end,
                 place=best.place or other.place, evidence=(best.evidence + other.evidence)[:2],
                 id=min(a.id, b.id))


def _with(p: ReportedActivity, **changes: object) -> ReportedActivity:
    return replace(p, **changes)  # type: ignore[arg-type]


def _likeness(a: str, b: str) -> float:
    """The share of the shorter name's words the other has, the words of the kinds left out."""
    x, y = set(_words(a)) - _KIND_WORDS, set(_words(b)) - _KIND_WORDS
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def _words(text: str) -> list[str]:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return [w for w in _WORD_RE.findall(folded) if len(w) > 3]


_KIND_WORDS = frozenset({
    "workshop", "workshops", "seminar", "seminars", "taller", "talleres", "seminario", "seminarios", "dialogue",
    "dialogues", "dialogo", "dialogos", "virtual", "virtuales", "webinar", "meeting", "meetings", "reunion",
    "reuniones", "conference", "conferencia", "study", "studies", "estudio", "estudios", "course", "courses",
    "curso", "cursos", "network", "repository", "hemispheric", "hemisferico", "regional", "technical", "tecnico",
    "tecnica", "rial", "iacml", "cimt", "working", "group", "groups", "grupo", "grupos", "assembly", "assemblies",
    "asamblea", "asambleas"})
_PLURAL_KINDS = frozenset(w for w in _KIND_WORDS if w.endswith("s") and w not in ("virtual", "iacml"))
_PREFIXES = {"Workshop": "ws", "VirtualDialogue": "dialogue", "Course": "course", "Study": "study",
             "NetworkCreation": "network", "RepositoryLaunch": "repository",
             "BilateralCooperation": "bilateral-cooperation", "WorkingGroupMeeting": "wg-meeting",
             "PreparatoryMeeting": "preparatory-meeting", "MinisterialMeeting": "ministerial-meeting",
             "Conference": "conference"}
_SLUG_STOP = frozenset("the and for with from about into among between of on in to a an del de la las los el en "
                       "para por con sobre entre y".split())


def _slug(kind: str, label: str, titled: re.Match[str] | None, start: str, cue: str) -> str:
    """``{kind}-{year-month}-{three words of its name}``, as the corpus's slugs go (``ws2022-informality``); a
    Conference of the IACML, ``iacml{N}``."""
    if kind == "Conference" and (named := _conference_named(titled.group(1) if titled else label)):
        return named
    def words_of(text: str) -> list[str]:
        folded = unicodedata.normalize("NFKD", text.casefold())
        return re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))

    generic = set(words_of(cue)) | set(words_of(_singular(cue))) | set(_PREFIXES[kind].split("-"))
    words = [w for w in words_of(titled.group(1) if titled else label) if w not in _SLUG_STOP and w not in generic]
    return "-".join(filter(None, (_PREFIXES[kind], start[:7], *words[:3])))[:80].rstrip("-")


def _spaced(kind: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind)
