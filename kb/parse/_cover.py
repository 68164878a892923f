"""What a document's cover says: its title, type, symbols, date, language, original language and
the meeting it belongs to, read from the lines before the body (and, for the meeting and a type
the cover does not print, from the opening paragraph).

Covers come glued together by hosts (``CONFERENCE OFOEA/Ser.K/XII.19.1``, ``20111November 2011``):
symbols are found wherever they stand, meeting dates (ranges: ``September 26-27, 2005``, ``12 al
14 de agosto de 2009``) are taken out before the document's own date is looked for, so what is
left of a glued ``2011`` + ``1November 2011`` is the issue date.

The title is the first cover line in capitals naming a kind of document, with the lines that carry it
on; a line that is only a symbol or a resolution's number names the kind (a resolution) but is not the
title; a host's furniture never is. A cover that names no kind is typed from the opening: a resolution's
subject, "the following Plan of Action", the signatories ("We, the Ministers ...": a declaration), a
greeting (a speech: a meeting summary). An editor's note announcing the text ("The following document is the
complete text of the Plan of Action ...") says what it is, and is never its title. Kinds, Conferences, months
and notes of adoption are read in English, Spanish, Portuguese and French.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import pairwise

from kb.model import DocType
from kb.parse._blocks import RESOLUTION_CUE_RE, SALUTATION_RE
from kb.parse._front import ANNOUNCEMENT_RE
from kb.parse._lines import MONTHS, clean

__all__ = ["CoverMetadata", "conference_named", "read_cover", "typed_as_page"]


@dataclass(frozen=True)
class CoverMetadata:
    """What the cover says; None where it says nothing recognisable."""

    title: str | None = None
    type: str | None = None
    symbols: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None
    original_language: str | None = None
    meeting: str | None = None
    evidence: dict[str, int] = field(default_factory=dict)  # field -> offset where it was read
    # the meeting's name a cover prints under a title that is only the kind of document ("FINAL REPORT" / "XX
    # INTER-AMERICAN CONFERENCE OF ..."): ``kb add`` proposes the two together, which say which report it is
    title_meeting: str | None = None
    # the day the cover's note of adoption gives ("(Adopted at the sixth plenary session held on ...)"): beside
    # ``date``, which is the issue's (a revision's may be a year later); ``kb add`` dates an adopted text by it
    adopted: str | None = None

    def as_json(self) -> dict[str, object]:
        return {"title": self.title, "type": self.type, "symbols": list(self.symbols), "date": self.date,
                "language": self.language, "original_language": self.original_language, "meeting": self.meeting}


_MONTH = r"(?P<{name}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_M1, _M2 = _MONTH.format(name="m1"), _MONTH.format(name="m2")
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>[0-3]?\d)"
_FLAGS = re.IGNORECASE

# Meeting dates: ranges, whose last day (and the month of that day) is kept; a range is printed on one line (a page
# marker "- 2 -" over a date is none).
_SP = r"[^\S\n]"
_RANGES = [
    # October 31 to November 1, 2011 / September 26-27, 2005 / December 7 and 8, 2017 / September, 10 and 15th, 2020
    re.compile(rf"{_M2},?{_SP}+\d{{1,2}}(?:st|nd|rd|th)?{_SP}*(?:-|–|to|and|y|al){_SP}*(?:{_M1}{_SP}+)?{_DAY}"
               rf"(?:st|nd|rd|th)?{_SP}*,?{_SP}*{_YEAR}", _FLAGS),
    # 12 al 14 de agosto de 2009 / 7 y 8 de diciembre de 2017 / 24-26 de septiembre de 2003 /
    # 18 al 20 de septiembre de 2013 / 31 de octubre al 1 de noviembre de 2011
    re.compile(rf"\d{{1,2}}{_SP}*(?:de{_SP}+{_M2}{_SP}+)?(?:-|–|al|y|a){_SP}*{_DAY}{_SP}+(?:de{_SP}+)?{_M1}{_SP}+"
               rf"(?:de{_SP}+)?{_YEAR}", _FLAGS),
    # 23-24 julio 2003 (no "de"), 18-19 April, 1996
    re.compile(rf"\d{{1,2}}{_SP}*[-–]{_SP}*{_DAY}{_SP}+{_M1},?{_SP}+{_YEAR}", _FLAGS),
]
_ADOPTED_RE = re.compile(
    r"\((?:adopted|approved|agreed|declaration adopted|adoptad[oa]|aprobad[oa]|acordad[oa]|aprovad[oa]|"
    r"adopt[ée]e?s?)[^)]*?", _FLAGS)
_FULL_DATES = [
    # 27 October 2007, 1November 2011, 1st November, 2001, and glued to the place over it ("Mexico City, Mexico12
    # November 2003"); not a symbol's last number before a month ("XII.40.1 / December 2040")
    re.compile(rf"(?<![\d./-]){_DAY}(?:st|nd|rd|th)?\s*(?:de\s+)?{_M1}\s*,?\s*(?:de\s+)?{_YEAR}", _FLAGS),
    # September 27, 2005; March 18 2010; May 22nd, 2020
    re.compile(rf"{_M1}\s+{_DAY}(?:st|nd|rd|th)?(?:\s*,\s*|{_SP}+){_YEAR}", _FLAGS),
]
_MONTH_YEAR_RE = re.compile(rf"{_M1}\s*,?\s+(?:de\s+)?{_YEAR}", _FLAGS)
_PERIOD_RE = re.compile(  # "NOVEMBER 2007 - APRIL 2008": what a report covers, not its date
    rf"{_MONTH_YEAR_RE.pattern}\s*(?:-|–|—|to|al|a)\s*"
    + _MONTH_YEAR_RE.pattern.replace("?P<m1>", "?:").replace("?P<y>", "?:"), _FLAGS)
# A page's date in a field of its own, written the ISO way ("date 2024-10-21", "Fecha: 2040-05-03"), the label opening
# its line: not another date's field ("Registration closing date: ...", "Event date: ...")
_LABELLED_ISO_RE = re.compile(r"(?:^|(?<=\n))[^\S\n]*(?:date|fecha|data|published|publicado|publicada|publi[ée]e?)"
                              r"\s*:?\s*"
                              r"(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])", _FLAGS)
_UPDATED_RE = re.compile(r"\b(?:updated|actualizado)(?:\s+(?:as of|on|al|el|a))?\s*:?\s*", _FLAGS)

# The bodies whose symbols open with their name: a host that glued the cover's columns together prints
# "CONFERENCECIMT-18/GT1-GT2/doc.2/14", and the symbol begins at the body's name.
_SYMBOL_BODIES = "OEA|OAS|CIDI|CIMT|TRABAJO|LABOR|REMJA|REMIC|GRIC|CIM|CIE|CICAD|RME|AG|CP"
_GLUED_SYMBOL_RE = re.compile(rf"^[A-Z]{{5,}}?(?=(?:{_SYMBOL_BODIES})[/-])")
_SYMBOL_RES = [
    # in capitals too, a space for its stop ("OEA/SER K/V")
    re.compile(r"(?:OEA|OAS)/S(?:er|ER)(?:\s?\.\s?|\s)[A-Z](?![a-z])(?:\s?[/.][IVXL]+(?:\.(?:\d+|[IVXL]+))*)*\.?"),
    # CIDI/TRABAJO/doc.5/11 rev.2, TRABAJO/DEC.2/05, CIDI/RME/DEC. 4 (III-O/03), TRABAJO /doc.36/01 rev. 2,
    # CIMT-20/GT1-GT2/doc.9/19, RESDA-XI/doc.12/00 corr. 1, LABOR/RTP/doc.7/13, CIDI/RME/doc. 13 /03
    # (a symbol glued after a date: "December 12, 2001CIDI/doc. 6/01 Rev.1")
    re.compile(
        r"(?<![^\W\d]|/)(?:[A-Z](?:[A-Z0-9\-]|\.(?=\d)){1,24}\s?/\s?)+"
        r"(?:doc|DOC|DEC|Dec|RES|Res|INF|Inf|inf|ACTA|Acta)\.{0,2}\s?\d+\s?(?:/\s?\d{2,4})?(?:\s?\([^)\n]{1,20}\))?"
        r"(?:,?\s*(?:rev|Rev|REV|corr|Corr|CORR|(?:cor|Cor|COR)(?=\.)|add|Add|ADD)\.?\s?\d{1,2}(?!\d))*"),
    # a body's working group or forum numbering its papers by year: CP/CSH-1361/11, GT/RTP-15/05, ASCA/Foro-32/12
    re.compile(r"(?<![\w/])(?:[A-Z][A-Z0-9\-]{1,15}/)+[A-Z][A-Za-z]{1,15}-\d{1,4}/\d{2}(?![\d/])"
               r"(?:,?\s*(?:rev|Rev|REV|corr|Corr|CORR)\.?\s?\d{1,2}(?!\d))*"),
    # the ILO's (a regional meeting's paper, the Governing Body's: AMRM.18/D.5 (Rev.), GB.276/4) and ECLAC's
    # (LC/G.2361(CRM.10/8), LC/MDM.58/4): the other bodies of the labor ministers' meetings print their own
    re.compile(r"(?<![\w/.])(?:AMRM|APRM|GB|ILC)\.\d{1,3}/(?:[A-Z]{1,3}\.)?\d{1,3}(?:/\d{1,3})?(?![\w/])"
               r"(?:\s?\((?:Rev|rev)\.?(?:\s?\d)?\))?"),
    re.compile(r"(?<![\w/.])LC/[A-Z]{1,4}(?:\.\d{1,5})?(?:/\d{1,4})*(?:\([A-Z]{2,6}\.\d{1,3}/\d{1,3}\))?(?![\w/])"),
]
_ORIGINAL_RE = re.compile(r"Original\s*:\s*(?P<lang>[^\s,;/]+)(?P<more>\s*/)?", _FLAGS)
_LANG_NAMES = {"spanish": "es", "español": "es", "espanol": "es", "espaol": "es", "english": "en", "inglés": "en",
               "ingles": "en", "ingls": "en", "french": "fr", "francés": "fr", "portuguese": "pt",
               "portugués": "pt", "inglês": "en", "espanhol": "es", "francês": "fr", "português": "pt",
               "portugues": "pt", "espagnol": "es", "anglais": "en", "français": "fr", "francais": "fr",
               "portugais": "pt"}
_EN_WORDS = frozenset("the of and to in for is with on that by as are this be from".split())
_ES_WORDS = frozenset("de la el los las y en para con que del por se una un su al es".split())
# Portuguese words Spanish does not write: a Portuguese text shares "de", "para", "con"... with a Spanish one
_PT_WORDS = frozenset("do da dos das em não ao aos à pela pelo pelos pelas são também uma".split())
# French words neither Spanish nor English writes: a French text shares "de", "la", "en", "que" with a Spanish one;
# its elisions ("d'accéder", "l'éducation", "qu'il") leave "d", "l", "qu", which no Spanish text has
_FR_WORDS = frozenset("du des et est dans nous aux au qui pour une cette d l qu sur avec ont sont été ces leurs"
                      .split())

_TYPE_WORDS: tuple[tuple[re.Pattern[str], DocType], ...] = (
    # in Portuguese and French too ("Plano de Ação", "Plan d'action")
    (re.compile(r"\bplan(?:es)? (?:of action|de acci\S*n)\b|\bmandates for action\b|\bmandatos para la acci\S*n\b|"
                r"\bplanos? de a(?:c?ç|c)[ãa]o\b|\bplans? d['’]action\b", _FLAGS), DocType.PLAN_OF_ACTION),
    (re.compile(r"\b(?:work ?plan|plan de trabajo|calendar of activities|calendario de actividades|plan de travail|"
                r"plano de trabalho)\b", _FLAGS),
     DocType.WORK_PLAN),
    (re.compile(r"\b(?:final |annual )?(?:report|informe|relat[óo]rio|rapport)\b.*\b(?:working group|grupo de "
                r"trabajo|grupo de trabalho|groupe de travail)\b|"
                r"\b(?:working group|grupo de trabajo) \d+ report\b", _FLAGS), DocType.WORKING_GROUP_REPORT),
    (re.compile(r"\bdeclara(?:tion|ci[óo\ufffd]?n|[çc][ãa]o)\b|\bd[ée]claration\b|\bcompromiso hemisf|"
                r"\bhemispheric commitment\b", _FLAGS),
     DocType.DECLARATION),
    (re.compile(r"\b(?:concept note|descriptive document|nota conceptual|documento descriptivo|call for proposals|"
                r"convocatoria|note conceptuelle|note de cadrage|nota conceitual)\b", _FLAGS),
     DocType.CONCEPT_NOTE),
    (re.compile(r"\b(?:outcomes?|agreements|acuerdos|conclusions and (?:results|recommendations)|"
                r"conclusiones y recomendaciones|resultados|resolutions?|"
                r"resoluci(?:[óo\ufffd]n|ones))\b|\b(?:AG|CIDI|CP)/RES\b", _FLAGS), DocType.OUTCOME_DOCUMENT),
    (re.compile(r"\b(?:final report|informe final|report|informe|summary|resumen|minutes|acta|relatoría|"
                # a systematization of an exchange; a meeting's draft schedule, its agenda (not a programme's
                # schedule of activities over its years, a plan of work)
                r"sistematizaci[óo]n|(?:draft (?:work )?schedule|proyecto de (?:cronograma|horario))"
                r"(?![^\n]{0,40}\b(?:activit|actividad)))\b|"
                r"^\W*(?:palabras (?:del?|pronunciadas)|remarks (?:by|of)|speech (?:by|of)|address by|"
                r"discurso (?:del?|pronunciado))\b", _FLAGS),
     DocType.MEETING_SUMMARY),  # a speech is read as the record of the meeting it was given at
)
_BODY_TYPE_WORDS: tuple[tuple[re.Pattern[str], DocType], ...] = (
    (re.compile(r"\b(?:following|this|present) plan of action\b|\b(?:siguiente|este|presente) plan de acci|"
                r"\b(?:seguinte|deste|este|presente) plano de a|"
                r"\b(?:full|complete) text of the plan of action\b|\btexto completo d[eo]l? pla(?:n de acci|no de a)",
                _FLAGS),
     DocType.PLAN_OF_ACTION),
    (re.compile(r"^\s*(?:THE GENERAL ASSEMBLY|LA ASAMBLEA GENERAL|A ASSEMBL[EÉ]IA GERAL)\b"), DocType.OUTCOME_DOCUMENT),
    # a plan opens on itself ("This Work Plan was drafted ..."); a report cites the plan it carries out inside a
    # sentence ("... the activities of this Work Plan")
    (re.compile(r"\b(?:this|the iacml) calendar\b|\bcalendar of activities\b|\bcalendario de actividades\b|"
                r"(?:^|[.;]\s)\W*(?:this|the present) work ?plan\b|(?:^|[.;]\s)\W*(?:este|el presente) plan de "
                r"trabajo\b", _FLAGS),
     DocType.WORK_PLAN),
    (re.compile(r"\b(?:hereby )?declare\b|\bdeclaramos\b|\bfollowing declaration\b|\bsiguiente declaraci", _FLAGS),
     DocType.DECLARATION),
)
# The signatories a ministerial text opens with.
_SIGNATORIES_RE = re.compile(
    r"^\W*(?:\d{1,2}[.)]\s+)?(?:(?:we|nosotr[oa]s(?: y nosotros)?|nós)\s*,\s*(?:the|los|las|os|as)\b|"
    r"(?:the (?:[\w-]+ ){0,2}ministers|los ministros|las ministras|the heads of state|los jefes de estado|"
    r"las jefas y los jefes|os ministros|os chefes de estado)\b"
    r"[^.]{0,200}\b(?:gathered|meeting|participating|convened|assembled|reunid[oa]s|participantes|convocad[oa]s|"
    r"congregad[oa]s))", re.IGNORECASE)
# A website's furniture before the text: a language switch, links back or onwards, a press office's or an
# event page's heading. A page that names no document type and carries one is a web page.
_WEB_CUES_RE = re.compile(
    r"^\s*-\s*(?:English|Español)\s*$|^\s*(?:Back to|Volver a)\b|\b(?:Click here|Haga clic aqu\S*)\b|"
    r"^\s*(?:Press Release|Comunicado de Prensa|Press Advisory|Aviso de Prensa|News Release)\s*$|"
    r"^\s*(?:Place and Date|Lugar y fecha|Event date)\s*:|"
    r"^\s*Untitled Document\s*$|\b(?:Contact us|Cont\S*ctenos)\b|Follow-up and Implementation|"
    r"Seguimiento e implementaci|"
    # a newsletter's or a portal's tools, a back link, share buttons, a site's greeting
    r"^\s*View this email in your browser\b|^\s*(?:Imprima|Print) (?:esta|this) P\S*gina\b|^\s*(?:Regresar|Volver)\s*$|"
    r"^\s*(?:Facebook|Twitter)\s+(?:Facebook|Twitter|LinkedIn|WhatsApp|E-?mail|Enviar)\b|^\s*spot_img\s*$|"
    r"^\s*(?:Welcome to the web ?(?:page|site)|Bienvenid[oa]s? (?:a|al) (?:la p\S*gina|sitio))\b",
    re.IGNORECASE | re.MULTILINE)

# What a talk's page carries and no other document does: a slide host's furniture ("Presentation is loading",
# "Similar presentations", "140 likes | 248 Views"), a speech's "Check against delivery" (not a dateline: a press
# release is published under one too), the heading of a site's section of speeches ("Speeches and other documents
# by the Secretary General", "Discursos"). A talk is read as the record of the meeting it was given at.
_TALK_CUES_RE = re.compile(
    r"^\s*(?:Presentation is loading\b|Similar presentations\s*$|Presentation on theme\s*:|"
    r"\d+ likes \| \d+ views\s*$|\W*Check against delivery\W*$|(?:Speeches|Discursos)\b[^.\n]{0,80}$)",
    re.IGNORECASE | re.MULTILINE)

# A site's path to the page ("Home» About Us» History»"): the kinds of document it names are its sections'.
_BREADCRUMB_RE = re.compile(r"^(?:[^»\n]*»){2}")
# A host's furniture that opens a page before the document: never its title.
_FURNITURE_RE = re.compile(
    r"^\s*-\s*(?:English|Español)\s*$|^\s*(?:Discursos?|Speeches|Comunicados? de Prensa|Press Releases?|"
    r"Media Center|Primary Sources|printable banner|Story Transcript|Transcript|Transcription)\b|"
    # a button, alone or among others: a headline may open on the verb ("Compartir experiencias es clave ...")
    r"^\s*(?:Guardar|Save|Share|Compartir)\b\W*(?:$|(?:Guardar|Save|Share|Compartir|Print|Imprimir|E-?mail|Facebook|"
    r"Twitter)\b)|^\s*(?:Est[áa] en la p[áa]gina|Sei sulla pagina|You are on page)\b|^\s*Title:|"
    r"^\s*(?:Download|Descargar|Baixar|T[ée]l[ée]charger)\b|"
    r"^\s*Read the\b|^\s*Banner\s*$|"
    # a breadcrumb; a row of links with the social networks' side by side ("... Newsletter Facebook Twitter ...")
    + _BREADCRUMB_RE.pattern + r"|^(?=.*\b(?:Facebook|Twitter|YouTube|LinkedIn|Instagram)\s+(?:Facebook|Twitter|"
    r"YouTube|LinkedIn|Instagram)\b)|"
    # a rating widget: "Rate this", "0 (0 votes)", "0 out of 5 based on 0 user ratings"
    r"^\s*(?:(?:Rate this|Califica esto)\s*$|\d+(?:[.,]\d+)? \(\d+ (?:votes?|votos?)\)|"
    r"\d+(?:[.,]\d+)? (?:out of|de) \d+ (?:based on|basado en) \d+)|^\s*[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info)\s*$|"
    # the day a page was last updated ("Updated December 11, 2001"), not a title naming an updated text
    r"^\W*(?:last )?(?:updated|actualizad[oa]|atualizad[oa]|mis à jour)(?: (?:on|as of|el|al|em|le))?\s*:?\s*(?:\d|(?:"
    + "|".join(MONTHS) + r")\b)", re.IGNORECASE)
# The lines of a cover that are not its title: organisation, council, meeting, place, dates, symbols.
_NOT_TITLE_RE = re.compile(
    r"organi[sz]ation of american states|organizaci\S*n de los estados americanos|inter-american council|"
    r"consejo interamericano|^\(?cidi\)?$|conference of ministers|conferencia interamericana|meeting of ministers|"
    r"confer[êe]ncia interamericana|conf[ée]rence interam[ée]ricaine|"
    r"ministers of labou?r \(|ministros de trabajo \(|secretariat for integral|secretar\S*a ejecutiva|"
    r"reuni\S*n (?:t\S*cnica|interamericana|de ministros)|preparatory meeting|original\s*:|oea/ser|"
    r"^\s*\(|^\s*[“\"‘]|street|avenue|washington|^\s*(?:presented|presentado|submitted|prepared)\b", _FLAGS)

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6, "séptima": 7,
    "octava": 8, "novena": 9, "décima": 10, "undécima": 11, "duodécima": 12, "décima tercera": 13,
    "décimo tercera": 13, "decimotercera": 13, "décima cuarta": 14, "décima quinta": 15, "décima sexta": 16,
    "décima séptima": 17, "décima octava": 18, "décima novena": 19, "vigésima": 20, "vigésima primera": 21,
    "vigésima segunda": 22, "vigésima tercera": 23,
    # written in two words too ("Décima Segunda Conferencia"), and in Portuguese ("Décima Segunda Conferência",
    # "Décima Terceira"): else the second word alone is read ("Segunda", the second)
    "décima primera": 11, "décimo primera": 11, "décima segunda": 12, "décimo segunda": 12,
    "primeira": 1, "terceira": 3, "décima primeira": 11, "décima terceira": 13, "vigésima primeira": 21,
    "vigésima terceira": 23,
}
_ORDINAL = (r"(?P<ord>[IVXL]{1,6}|\d{1,2}(?:st|nd|rd|th|a|ª)?|"
            + "|".join(sorted((re.escape(w) for w in _ORDINAL_WORDS), key=len, reverse=True)) + ")")
_CONFERENCE_RE = re.compile(
    rf"(?P<prep>preparatory meeting (?:for|of) the |reuni\S*n t\S*cnica preparatoria (?:de|para) la )?"
    rf"{_ORDINAL}(?:e|ème)?\s+(?:inter-american conference of ministers of labou?r|conferencia interamericana de "
    rf"ministros de trabajo|confer[êe]ncia interamericana d(?:e|os) ministros do trabalho|conf[ée]rence "
    rf"interam[ée]ricaine des ministres du travail|iacml|cimt)\b", _FLAGS)
_OCCASION_RE = re.compile(
    r"(?:occasion of|participating in|taking part in|framework of|at|during|in) the\s*$|"
    r"(?:con motivo de|en ocasi\S*n de|en el marco de|ante|participantes en|durante) la\s*$", _FLAGS)
# A symbol on a cover, however glued, with its revision: taken out before the Conference's name is read.
_COVER_SYMBOL_RE = re.compile(
    r"(?:O(?:EA|AS)/Ser\S*|CIDI/\S*|TRABAJO/\S*|LABOR/\S*|CIMT-\S*)(?:\s*(?:rev|corr|add)\.\s?\d+)*", re.IGNORECASE)
_PREP_BEFORE_RE = re.compile(r"(?:preparatory|preparatoria)\b[^.]{0,60}$", _FLAGS)


def _ordinal_value(text: str) -> int | None:
    text = text.lower()
    if text in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[text]
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    if re.fullmatch(r"[ivxl]+", text):
        values = {"i": 1, "v": 5, "x": 10, "l": 50}
        total = 0
        for char, following in zip(text, [*text[1:], ""], strict=True):
            total += -values[char] if following and values[following] > values[char] else values[char]
        return total
    return None


def _iso(year: str, month: str, day: str | None = None) -> str:
    value = f"{int(year):04d}-{MONTHS[month.lower()]:02d}"
    return f"{value}-{int(day):02d}" if day else value


def _symbols(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pattern in _SYMBOL_RES:
        for m in pattern.finditer(text):
            value = _GLUED_SYMBOL_RE.sub("", " ".join(m.group().split()).rstrip(".,;"))
            if not any(start <= m.start() < start + len(v) for start, v in found):
                found.append((m.start(), value))
    seen: list[str] = []
    for _, value in sorted(found):
        if value not in seen:
            seen.append(value)
    return seen


def _date(cover: str, *, month_only: bool = True) -> str | None:
    """Issue date beside the symbols, else the adoption date, else the meeting's last day, else a
    month and year (see the module docstring)."""
    updated: list[str] = []
    for m in _UPDATED_RE.finditer(cover):
        tail = cover[m.end():m.end() + 40]
        updated += [_iso(d["y"], d["m1"], d["d"]) for d in (p.match(tail) for p in _FULL_DATES) if d]
        month_year = _MONTH_YEAR_RE.match(tail)
        if month_year:
            updated.append(_iso(month_year["y"], month_year["m1"]))
    updated += [f"{m['y']}-{m['m']}-{m['d']}" for m in _LABELLED_ISO_RE.finditer(cover) if 1 <= int(m["m"]) <= 12
                and 1 <= int(m["d"]) <= 31]
    if updated:
        return max(updated, key=len)  # a full date before a month
    meeting_end: str | None = None
    rest = cover
    for pattern in _RANGES:
        for m in pattern.finditer(rest):
            meeting_end = meeting_end or _iso(m["y"], m["m1"] or m["m2"], m["d"])
        rest = pattern.sub(" ", rest)
    adoption: str | None = None
    for m in _ADOPTED_RE.finditer(rest):
        tail = rest[m.start():m.start() + 200]
        for pattern in _FULL_DATES:
            d = pattern.search(tail)
            if d:
                adoption = adoption or _iso(d["y"], d["m1"], d["d"])
        rest = rest[:m.start()] + " " * len(tail) + rest[m.start() + len(tail):]
    full = sorted((m.start(), _iso(m["y"], m["m1"], m["d"])) for pattern in _FULL_DATES
                  for m in pattern.finditer(rest) if 1 <= int(m["d"]) <= 31)
    if full:
        return full[0][1]
    # the month a document was issued in, printed beside its symbols ("December 2005"), is its own date; not
    # one end of a period ("NOVEMBER 2007 - APRIL 2008", what a report covers)
    periods = [(m.start(), m.end()) for m in _PERIOD_RE.finditer(rest)]
    month_year = next((m for m in _MONTH_YEAR_RE.finditer(rest)
                       if not any(a <= m.start() < b for a, b in periods)), None) if month_only else None
    if month_year:
        return _iso(month_year["y"], month_year["m1"])
    if adoption:
        return adoption
    return meeting_end


# A cover's note of the text's own adoption, with the day it gives: "(Adopted at the sixth plenary session held on
# December 4, 2015, and reviewed ...)", "Adopted on ...", "(Aprobada en la cuarta sesión plenaria, celebrada el ...)",
# "(Resolución adoptada el ...)": in parentheses (wrapped over lines, at most) or opening its line, not a sentence
# citing another text's adoption.
_ADOPTED_WORDS = (r"(?:(?:resolution|resoluci[óo]n|declaration|declaraci[óo]n)\s+)?"
                  r"(?:adopted|approved|aprobad[oa]|adoptad[oa]|aprovad[oa]|adopt[ée]e?s?)\b")
_ADOPTION_NOTE_DATE_RE = re.compile(
    rf"\({_ADOPTED_WORDS}(?P<note>[^()]{{0,200}})\)|^[^\S\n]*{_ADOPTED_WORDS}(?P<line>[^()\n]{{0,200}})$",
    re.IGNORECASE | re.MULTILINE)


def _adoption_date(cover: str) -> str | None:
    """The day the cover's note of adoption gives (see ``_ADOPTION_NOTE_DATE_RE``), if it gives a full date."""
    for note in _ADOPTION_NOTE_DATE_RE.finditer(cover):
        clause = note["note"] or note["line"] or ""
        found = sorted((m.start(), _iso(m["y"], m["m1"], m["d"])) for pattern in _FULL_DATES
                       for m in pattern.finditer(clause) if 1 <= int(m["d"]) <= 31)
        if found:
            return found[0][1]
    return None


_ISSUE_LINE_MAX = 25


def _issue_date(lines: list[str]) -> str | None:
    """The date an OAS cover prints alone on the line under its symbols (its column: symbols, date of issue,
    "Original:"), which the meeting's own day elsewhere on the cover ("15 de mayo de 2012") does not displace."""
    shown = [line.strip() for line in lines if line.strip()]
    for above, text in pairwise(shown):
        if len(text) > _ISSUE_LINE_MAX or not _symbols(above) or _symbols(text):
            continue
        found = [m for p in _FULL_DATES if (m := p.fullmatch(text)) is not None]
        if found:
            return _iso(found[0]["y"], found[0]["m1"], found[0]["d"])
    return None


def _language(text: str) -> str | None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    en = sum(w in _EN_WORDS for w in words)
    es = sum(w in _ES_WORDS for w in words)
    pt = sum(w in _PT_WORDS for w in words)
    fr = sum(w in _FR_WORDS for w in words)
    if not en and not es and not pt and not fr:
        return None
    if pt > en and 2 * pt > es:  # "de", "para", "com"... are both languages': Portuguese by its own words
        return "pt"
    if fr > en and 2 * fr > es:  # and French by its own
        return "fr"
    return "en" if en >= es else "es"


def _original(cover: str) -> str | None:
    m = _ORIGINAL_RE.search(cover)
    if m is None or m["more"]:
        return None  # none printed, or two originals ("Original: Spanish/English")
    return _LANG_NAMES.get(m["lang"].lower().strip(".").replace("\ufffd", ""))


def _conferences(text: str) -> list[tuple[int, str, bool]]:
    """The Conferences a text names: position, slug, and whether by its full name (not "XV IACML")."""
    # a Word cover laid out in a table is held a row a line, "| left | right |": its cells read as the columns
    # of a typed cover do, the Conference's name running on from one row's left cell to the next's
    unglued = _COVER_SYMBOL_RE.sub(" ", re.sub(r"\|(?:-{3,}\|)*", " ", text))
    unglued = re.sub(r"(?<=[A-Z]{4})(?=OF (?:LABOU?R|THE)\b)", " ", unglued)  # "MINISTERSOF LABOR": columns glued
    folded = " ".join(unglued.split())
    found: list[tuple[int, str, bool]] = []
    for m in _CONFERENCE_RE.finditer(folded):
        number = _ordinal_value(m["ord"])
        if number is None or not 1 <= number <= 40:
            continue
        preparatory = bool(m["prep"]) or bool(_PREP_BEFORE_RE.search(folded[max(0, m.start() - 80):m.start()]))
        if preparatory and folded[:m.start()].count("(") > folded[:m.start()].count(")"):
            continue  # "(As agreed at the Technical Preparatory Meeting of the XL IACML)": a mention
        full = not m.group().lower().endswith(("iacml", "cimt"))
        found.append((m.start(), f"iacml{number}-preparatory-meeting" if preparatory else f"iacml{number}", full))
    return found


def conference_named(text: str) -> str:
    """The slug of the first IACML Conference a text names ("XIII IACML", "13th Inter-American Conference of
    Ministers of Labor": ``iacml13``), as a cover's meeting is read; "" when it names none."""
    return next((slug for _, slug, _ in _conferences(text) if not slug.endswith("-preparatory-meeting")), "")


_PREP_HEADING_RE = re.compile(
    r"^[^\S\n]*(?:[\w-]+ )?(?:technical )?preparatory meeting[^\S\n]*$|"
    r"^[^\S\n]*(?:[\w-]+ )?reuni\S*n (?:t\S*cnica )?preparatoria[^\S\n]*$", _FLAGS | re.MULTILINE)


def _meeting(cover: str, opening: str) -> str | None:
    """The Conference the cover names (by its full name, the first; by its abbreviation, only if it
    names one: a site's menu lists several), else the one at which the opening paragraph says the
    text was adopted ("on the occasion of the XV Inter-American Conference")."""
    named = _conferences(cover)
    full = [slug for _, slug, by_name in named if by_name]
    if full:
        preparatory = f"{full[0]}-preparatory-meeting"
        # the cover names the Conference, and the title its preparatory meeting ("... OF THE XIII IACML"), or a
        # heading under the Conference's name says which of its meetings the page is ("First Preparatory Meeting")
        return preparatory if (any(slug == preparatory for _, slug, _ in named)
                               or (len({slug for _, slug, _ in named}) == 1 and _PREP_HEADING_RE.search(cover))
                               ) else full[0]
    if len({slug for _, slug, _ in named}) == 1:
        return named[0][1]
    folded = " ".join(opening[:600].split())
    for start, slug, _ in _conferences(folded):
        if _OCCASION_RE.search(folded[max(0, start - 60):start]):
            return slug
    return None


_CONNECTOR_RE = re.compile(r"^(?:of the|of|to the|presented to the|presentado a la|de la|del|de|a la|para la|"
                           r"submitted to|presentado|on|and|y|en|at its|in the|sobre|para|for|against|contra)\b",
                           _FLAGS)
_TRAILING_CONNECTOR_RE = re.compile(
    r"\b(?:of|the|to|and|on|for|against|between|de|la|las|el|los|del|al|en|a|y|sobre|para|contra|entre|"
    r"inter-?american[oa]?|"
    r"interamerican[oa])$",
    _FLAGS)
_STOP_CAPS_RE = re.compile(r"[(“\"‘]|\b(?:original|oea/ser)\b", _FLAGS)
_TITLE_MAX = 200
_ACRONYM_RE = re.compile(r"^\([A-Z][A-Z0-9-]{1,11}\)[,:]?$")
_CONTENTS_RE = re.compile(r"^(?:[IÍ]NDICE|CONTENIDO|CONTENTS|INDEX|SUMARIO)$")
_HOST_TITLE_RE = re.compile(r"\s[-–|]\s(?:OAS|OEA|Organi[sz]ation of American States|Organización de los Estados "
                            r"Americanos)\s*$", _FLAGS)  # a host's page title: "FINAL REPORT - OAS"
_DATED_TITLE_RE = re.compile(r"\s+[-–]\s+(?:" + "|".join(MONTHS) + r")\s+\d{4}$", _FLAGS)


def _type_of(text: str) -> DocType | None:
    """The kind of document a title names; of two ("DECLARATION AND PLAN OF ACTION OF ..."), the first."""
    named = [(m.start(), k, doc_type) for k, (pattern, doc_type) in enumerate(_TYPE_WORDS)
             if (m := pattern.search(text)) is not None]
    return min(named)[2] if named else None


def is_title_line(text: str) -> bool:
    """A line that is a document's title: short, in capitals, naming a kind of document."""
    text = text.strip().strip("*").strip()
    return (len(text) <= 120 and text.isupper() and not text.endswith(".") and not _NOT_TITLE_RE.search(text)
            and _type_of(text) is not None)


def _caps_run(text: str, at: int) -> str:
    """The run of words in capitals around position ``at`` of a long cover line."""
    words = list(re.finditer(r"\S+", text))
    index = next(k for k, w in enumerate(words) if w.end() > at)

    def caps(k: int) -> bool:
        token = words[k].group()
        letters = [c for c in token if c.isalpha()]
        if _ACRONYM_RE.match(token):  # "... DE MINISTROS DE TRABAJO (CIMT)": the title's own short name
            return True
        return (not letters or token.isupper()) and not _STOP_CAPS_RE.search(token) and not _CONTENTS_RE.match(token)

    first = index
    while first > 0 and caps(first - 1) and not re.search(r"\d{4}|/", words[first - 1].group()):
        first -= 1
    while first < index and not any(c.isalpha() for c in words[first].group()):
        first += 1
    last = index
    while last + 1 < len(words) and caps(last + 1):
        following = " ".join(w.group() for w in words[last + 1:last + 4])
        so_far = " ".join(w.group() for w in words[first:last + 1])
        if _ACRONYM_RE.match(words[last + 1].group()):
            last += 1
            continue
        # a meeting's name after the title ends it, unless the title is left open before it ("DECLARACIÓN DE
        # COSATE A / LA CONFERENCIA ...", "INFORME DE LA TERCERA / REUNIÓN DE MINISTROS ...")
        if ((_NOT_TITLE_RE.search(following) or re.match(r"[IVXL]+ (?:CONFERENCIA|INTER-AMERICAN|REUNI)", following))
                and not _open_end(so_far)):
            break
        last += 1
    return " ".join(w.group() for w in words[first:last + 1])


_SITE_SUFFIX_RE = re.compile(r"^(?P<head>.{10,}?)\s[-–|]\s(?P<site>[^-–|]{2,40})$")


def _site_suffixed(text: str, cleaned: list[str]) -> bool:
    """A host's page title: the heading with the site's name after a dash ("Declaración Final ... - MPPRE"), the
    heading itself printed on a line of its own further on."""
    m = _SITE_SUFFIX_RE.match(text)
    return m is not None and m["head"].strip() in cleaned


def _title(lines: list[str], *, first_line: bool = True) -> tuple[str | None, DocType | None]:
    """The title: the first cover line in capitals naming a kind of document (else the first such
    line in any case; the run of capitals around that name, in a line a host glued together), with
    the lines that continue it ("OF THE", "PRESENTED TO THE" ...); and the type it names. Else the
    first line of a cover, when it is short and reads like a title."""
    cleaned = [line.strip().strip("*").strip() for line in lines]
    types = [_type_of(text) if text else None for text in cleaned]
    labels = [bool(text) and _label_only(text) for text in cleaned]
    # the type a resolution's symbol or number names: a resolution that adopts a plan is a resolution
    labelled = next((t for t, label in zip(types, labels, strict=True) if t and label), None)
    for capitals in (True, False):
        for i, text in enumerate(cleaned):
            doc_type = types[i]
            if doc_type is None or labels[i] or _BREADCRUMB_RE.match(text):
                continue
            if resolution_title := _after_resolution_symbol(text):
                return resolution_title, labelled or doc_type
            opens = _opens_with_type(text)
            if len(text) > _TITLE_MAX or (_NOT_TITLE_RE.search(text) and not opens):
                if (titled := _after_meeting(text)) is not None:
                    return titled, labelled or _type_of(titled)
                m = next((p.search(text) for p, t in _TYPE_WORDS if t is doc_type), None)
                if m is None or not text[m.start():m.end()].isupper():
                    continue
                title = _caps_run(text, m.start())
                return (title or None), labelled or doc_type
            if _HOST_TITLE_RE.search(text) or _site_suffixed(text, cleaned) or (capitals and not text.isupper()):
                continue
            return _continued(text, cleaned[i + 1:]), labelled or doc_type
    if not first_line:
        return None, labelled
    if (dated := _title_over_dateline(cleaned)) is not None:
        return dated, labelled
    # a resolution's symbols and numbers are skipped; other covers' symbols end the search; so is a line with no
    # word, a host's counter or pager among its banner's lines ("2")
    first = next((text for k, (text, t, label) in enumerate(zip(cleaned, types, labels, strict=True))
                  if sum(c.isalpha() for c in text) >= 3 and not _FURNITURE_RE.search(text) and not _chrome(text)
                  and not (label and (labelled or t)) and not _menu_entry(cleaned, k)), "")
    # on a page with no symbol, its first heading is its title even when it names a meeting or a body
    page = not any(label for label in labels) and not any(_symbols(text) for text in cleaned if text)
    # a page's headline may run longer than a cover's line, but names no meeting then and ends no clause
    headline = page and len(first) <= _HEADLINE_MAX and not _NOT_TITLE_RE.search(first) and first[-1:] not in ",;"
    if (sum(c.isalpha() for c in first) >= 3 and (len(first) <= 100 or headline)
            and (page or not _NOT_TITLE_RE.search(first))
            and not re.match(r"\(|(?:venue|place|location|lugar|sede)\s*:", first, _FLAGS)
            # a year is part of a title ("Reunión de la Red - 2040"), a date is not
            and not first.endswith(".") and not _date(first) and not _MONTH_YEAR_RE.search(first)
            and not re.search(r"\d{4}|https?:|www\.|\||:\s*$|\.\.\.|…", _YEAR_RE.sub("", first))):
        following = cleaned[cleaned.index(first) + 1:]
        title = _continued(first, following) if first.isupper() else first
        # a line left open on a connector that nothing carries on is a paragraph's first words, which the host
        # broke off its line ("Las" / "Presidentas y los Presidentes de ..."), not a heading
        last = title.rsplit(None, 1)[-1]
        broken_off = _TRAILING_CONNECTOR_RE.search(title) is not None and (len(last) > 1 or last.islower())
        return (None if broken_off else title), labelled  # a letter ending a heading is its label ("Annex A")
    return None, labelled


_HEADLINE_MAX = 200  # a page's headline over its story runs this long (a cover's first line, 100)
_YEAR_RE = re.compile(r"(?<![\d./])(?:19|20)\d{2}(?![\d./])")  # a year alone, not in a date "12.05.2040"
_DATELINE_LABEL_RE = re.compile(r"^\W*(?:place and date|date|lugar y fecha|fecha)\s*:", _FLAGS)
_DATELINE_WORDS = 10
_TWICE_WORDS = 3  # a heading over a dateline opening on the same words as the one over it repeats it at length
# What a host prints over a dateline that is no title: an organ's name, a place.
_ORGAN_RE = re.compile(
    r"^(?:the )?(?:inter-?american |interamerican[oa] )?(?:council|committee|commission|bureau|office|department|"
    r"secretariat|consejo|comit[ée]|comisi[óo]n|oficina|departamento|secretar[íi]a)\b", _FLAGS)
_PLACE_RE = re.compile(r"^[A-ZÁÉÍÓÚ][\w.'-]*(?: (?:de|del|la|los|[A-ZÁÉÍÓÚ][\w.'-]*)){0,4}, [A-ZÁÉÍÓÚ][\w.' -]*$")


def _dateline(text: str) -> bool:
    """A line giving when (and where) a page's event or text was: "12 de noviembre de 2040", "July 9, 2040 -
    Washington, DC", "(Lima, 4 de junio de 2040)", "Place and date: Lima, Peru, April 15 to 17, 2040"."""
    if _date(text) is None or len(text) > _TITLE_MAX // 2 or _symbols(text):
        return False
    return bool(_DATELINE_LABEL_RE.match(text)) or len(text.split()) <= _DATELINE_WORDS


_LABEL_WORDS = 5


def _field_label(text: str) -> bool:
    """A field's label alone on its line, its value under it: a few words ending in a colon ("File Created On:")."""
    return text.endswith(":") and len(text.split()) <= _LABEL_WORDS


def _title_over_dateline(cleaned: list[str]) -> str | None:
    """A page's title: the heading just over the dateline of what it tells (with the line it runs on from,
    left open: "Recommendations of the Meeting on" / "Poverty and Equity"), not a host's furniture."""
    at = next((i for i, text in enumerate(cleaned) if text and _dateline(text)), None)
    if at is None:
        return None
    above = [i for i in range(at) if cleaned[i]]
    if not above:
        return None
    while len(above) > 1 and (_DATELINE_LABEL_RE.match(cleaned[above[-1]] + ":") or _field_label(cleaned[above[-1]])):
        # the dateline's label printed alone over it ("Place and Date" / "Place and Date: Lima, ..."), or a field's
        # ("File Created On:" / "March, 2040")
        above.pop()
    last = above[-1]
    upper = cleaned[above[-2]].casefold().split() if len(above) > 1 else []
    lower = cleaned[last].casefold().split()
    if upper and upper[:_TWICE_WORDS] == lower[:_TWICE_WORDS] and lower[:len(upper)] != upper:
        # the title printed twice, the second time in other words (its acronym spelled out): the first is the page's;
        # not a headline going on from the whole line over it, the site's name its subject ("Ministry of Labour" /
        # "Ministry of Labour launches ...")
        last = above[-2]
    title = cleaned[last]
    if last - 1 in above and (_open_end(cleaned[last - 1]) or _CONNECTOR_RE.match(title)):
        title = f"{cleaned[last - 1]} {title}"
    if (sum(c.isalpha() for c in title) < 3 or len(title) > _TITLE_MAX or _FURNITURE_RE.search(title)
            or _WEB_CUES_RE.search(title) or _ORGAN_RE.match(title) or _PLACE_RE.match(title)
            or title[:1] == "(" or re.search(r"oea/ser|https?:|www\.|\|", title, _FLAGS) or _symbols(title)
            or _date(title) or _label_only(title)):
        return None
    return " ".join(title.split())


# A host's furniture over a page's title: its own name, a section's, a link back, an organ's name alone.
_HOST_NAME_RE = re.compile(
    r"^(?:organi[sz]ation of american states|organizaci\S*n de (?:los )?estados americanos|"
    r"organiza\S*o dos estados americanos|(?:executive )?secretariat for integral development|"
    r"secretar\S*a ejecutiva para el desarrollo integral)",
    _FLAGS)


def _chrome(text: str) -> bool:
    """A host's line over a page's title (see ``_HOST_NAME_RE``), a link or a tool (``_WEB_CUES_RE``)."""
    organ = _ORGAN_RE.match(text) is not None and len(text.split()) <= 8
    welcome = re.match(r"\W*(?:welcome|bienvenid)", text, _FLAGS) is not None  # a site's greeting names its page
    return bool(_HOST_NAME_RE.match(text) or (_WEB_CUES_RE.search(text) and not welcome)) or organ


_BACK_LINK_RE = re.compile(r"^\W*(?:Back to|Volver a|Regresar a)\b", _FLAGS)
def _menu_entry(cleaned: list[str], k: int) -> bool:
    """A word alone right under a site's link back ("Back to DHDEE" / "Employment"), with a line still to come:
    the site's section in its menu, not the page's title."""
    before = next((text for text in reversed(cleaned[:k]) if text), "")
    after = any(text for text in cleaned[k + 1:])
    return bool(_BACK_LINK_RE.match(before)) and len(cleaned[k].split()) == 1 and after


_LABEL_MAX = 60
_LABEL_RE = re.compile(r"^(?:RESOLU(?:TION|CI[ÓO]N)|Resolu(?:tion|ci[óo]n))\s+\d+$")


def _label_only(text: str) -> bool:
    """A cover line that is only the document's symbol ("AG/RES. 1809 (XXXI-O/01)") or its number
    ("RESOLUTION 8"): it names the kind of document, but it is not its title."""
    if _LABEL_RE.match(text.strip()):
        return True
    if len(text) > _LABEL_MAX:
        return False
    symbols = _symbols(text)
    rest = text
    for symbol in symbols:
        rest = rest.replace(symbol, " ")
    return bool(symbols) and sum(c.isalpha() for c in rest) < 3


def _opens_with_type(text: str) -> bool:
    """A line in capitals that begins with the kind of document ("FINAL REPORT OF THE XIII
    INTER-AMERICAN CONFERENCE ...", "ANNUAL REPORT OF THE INTER-AMERICAN COUNCIL ..."): a title, whatever meeting
    or council it goes on to name."""
    found = [m.start() for p, _ in _TYPE_WORDS if (m := p.search(text)) is not None]
    if not text.isupper():
        # in mixed case, the kind as its first word ("Declaración de los Co-Presidentes de la Reunión de ...")
        return bool(found) and min(found) == 0 and text[:1].isupper()
    # the kind, or its qualifier and the kind ("FINAL REPORT", "ANNUAL REPORT", "DRAFT DECLARATION")
    second = re.match(r"\S+\s+", text)
    return bool(found) and min(found) <= (second.end() if second else 0)


def _after_meeting(text: str) -> str | None:
    """The title in a host's caption "<meeting>: <title>" or "<meeting>. <title>" ("Eleventh Conference
    of Ministers of Defense of the Americas: Declaration of Arequipa"), when the title names a kind of
    document and begins with it."""
    m = re.match(r"^(?P<meeting>[^:.]{10,160})[:.]\s+(?P<title>[^:]{6,120})$", text)
    if m is None or _NOT_TITLE_RE.search(m["title"]) or not _NOT_TITLE_RE.search(m["meeting"]):
        return None
    title = m["title"].rstrip(". ")
    named = [(p.search(title), t) for p, t in _TYPE_WORDS]
    first = min((found.start() for found, _ in named if found is not None), default=None)
    return title if first is not None and first <= len(title.split(" ", 1)[0]) + 1 else None


def _open_end(title: str) -> bool:
    """A title left open: on a connector ("... DE LA", "... OF THE") or an ordinal ("INFORME DE LA TERCERA")."""
    last = title.rsplit(" ", 1)[-1].lower()
    return bool(_TRAILING_CONNECTOR_RE.search(title)) or (last in _ORDINAL_WORDS and " " in title)


_QUOTES = "\"\u201c\u00ab\u2018'"  # what opens a quotation
_WRAPPED_LINE = 40  # a line this long may have been wrapped; a shorter one ended where its writer ended it


def _continued(title: str, following: list[str]) -> str:
    """A title with the lines in capitals that continue it, skipping blank lines: after a connector or an
    ordinal, or before a line opening on a connector ("AND GENDER EQUITY ...")."""
    last = title
    for more in [text for text in following if text][:3]:
        if title.endswith(":") and more[:1] in _QUOTES and len(title) + len(more) <= 2 * _TITLE_MAX:
            # a theme in quotation marks under a title that announces it ("PLAN OF ACTION OF X:" / "“50 Years of
            # ...”") is part of it
            title, last = f"{title} {more}", more
            break
        if more.isupper() and (_open_end(title) or _CONNECTOR_RE.match(more)):
            title, last = f"{title} {more}", more
            continue
        if _open_end(title) and _YEAR_RE.fullmatch(more):  # "DECLARACIÓN ... DEL" / "2015": the year it names
            title, last = f"{title} {more}", more
            continue
        # a title in mixed case left open on a comma or a connector ("Remarks by the Minister X,"), or wrapped in
        # mid-sentence: a full line, and the next opens in lower case ("... of Trinidad and Tobago" / "at the
        # inaugural Session of ..."), as no line of a cover of its own does, whatever meeting it names
        open_end = title.endswith(",") or _TRAILING_CONNECTOR_RE.search(title)
        wrapped = (more[:1].islower() and len(last) >= _WRAPPED_LINE and len(title) + len(more) <= 2 * _TITLE_MAX
                   and not re.search(r"https?:|www\.|@", more))
        place = re.fullmatch(r"[A-ZÁÉÍÓÚ][\w.'-]*(?: [A-ZÁÉÍÓÚ][\w.'-]*)*, [A-ZÁÉÍÓÚ][\w.' -]*", more) is not None
        if (not title.isupper() and not place and not _symbols(more) and not _date(more)
                and not _FURNITURE_RE.search(more) and (wrapped or (
                open_end and len(title) + len(more) <= _TITLE_MAX and not _NOT_TITLE_RE.search(more)))):
            title, last = f"{title} {more}", more
            continue
        break
    title = _DATED_TITLE_RE.sub("", " ".join(title.split()))
    return title.removesuffix(":").rstrip()  # what it announced is not part of the cover


# A body that tells of its meeting: "The First Meeting of the Committee was held in ...".
_HELD_RE = re.compile(
    r"(?:^|[.:\n]\s)\s*(?:the|la|el)\s+(?:[\w-]+\s+){0,4}(?:meeting|reuni[óo]n|conference|conferencia|assembly|"
    r"asamblea|session|sesi[óo]n|committee|comit[ée]|workshop|taller|seminar|seminario|forum|foro)\b[^.]{0,250}"
    r"\b(?:was held|took place|met (?:at|in|on)|se celebró|se realizó|se llevó a cabo|tuvo lugar|sesionó)\b", _FLAGS)
_BODY_TITLE_CHARS = 400


def _type_in_body(body: str) -> DocType | None:
    """The kind of document, when the cover names none, from the start of the body: a title the host
    left there in capitals ("DECLARACIÓN DE SANTO DOMINGO ...", "AG/RES. 2224 ..."), or a first
    sentence telling how the meeting was held (a meeting's record)."""
    start = body.lstrip()[:_BODY_TITLE_CHARS]
    if _HELD_RE.search(start):
        return DocType.MEETING_SUMMARY
    for run in re.finditer(r"(?:\b[A-ZÁÉÍÓÚÑ0-9/.\-]{2,}\b[\s,:]*){2,}", start):
        words = [w for w in run.group().split() if sum(c.isalpha() for c in w) >= 2]
        named = _type_of(run.group())
        opening = not any(c.islower() for c in start[:run.start()])  # a title, not a document cited in a sentence
        if named is not None and opening and (run.start() == 0 or len(words) >= 3):
            return named
    return None


_RESOLUTION_HEAD_RE = re.compile(r"(?:AG|CP|CIDI)/RES\.*\s*\d+\s*(?:\([^)]{1,20}\))?[\s.]*(?=[A-ZÁÉÍÓÚÑ]{2})")


def _after_resolution_symbol(text: str) -> str | None:
    """The title in capitals after a resolution's symbol that opens a line (after a host's heading in
    capitals at most): "AG/RES. 2224 (XXXVI-O/06) LOS DERECHOS HUMANOS ... (Aprobada ...)"."""
    resolution = _RESOLUTION_HEAD_RE.search(text)
    if resolution is None or any(c.islower() for c in text[:resolution.start()]):
        return None
    title = _caps_run(text, resolution.end())
    return title if len(title.split()) >= 2 else None


def _title_in_body(body: str) -> str | None:
    """A title in capitals naming a kind of document that the host left at the start of the body
    ("DECLARACIÓN DE SANTO DOMINGO PARA ... (Adoptada ...", "AG/RES. 2224 (XXXVI-O/06) LOS DERECHOS ...")."""
    start = body.lstrip()[:_BODY_TITLE_CHARS]
    if title := _after_resolution_symbol(start):
        return title
    found = sorted((m.start(), m.end()) for p, _ in _TYPE_WORDS for m in p.finditer(start))
    for at, end in found:
        if not start[at:end].isupper() or any(c.islower() for c in start[:at]):
            continue
        title = _caps_run(start, at)
        for symbol in _symbols(title):
            title = title.replace(symbol, " ")
        title = " ".join(title.split())
        if len(title.split()) >= 2 and not _NOT_TITLE_RE.search(title):
            return title
    return None


_ADOPTION_NOTE_RE = re.compile(
    r"^\s*\((?:resolution |resoluci[óo]n |declaration |declaraci[óo]n )?(?:adopted|approved|agreed|aprobad[ao]|"
    r"adoptad[ao]|acordad[ao]|aprovad[ao]|adopt[ée]e?s?)\b", _FLAGS)
_KIND_ALONE_RE = re.compile(r"^(?:RESOLU(?:TION|CI[ÓO]N)|DECLARA(?:TION|CI[ÓO]N)|Resolu(?:tion|ci[óo]n))$")
_TITLE_LINES = 4


def _letters(text: str) -> str:
    """Letters and digits only, lower case: to tell whether one reading of a title contains another."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum())


def _capitals(text: str) -> bool:
    """Mostly in capitals: a title's line, though a word in it was left in lower case ("... DE LAS Américas")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_over_adoption(lines: list[str]) -> str | None:
    """The title an adopted text prints just over its note of adoption ("(Adopted at the fourth plenary
    session ...)", "(Aprobada en ...)"), up to the symbol, date or "Original:" over it: the lines in capitals
    right above the note, or lines that run on from one ending open ("... COMMITTEE ON" / "CULTURE ...");
    a subtitle in lower case under them, and the kind alone on a line ("RESOLUCIÓN"), are not part of it."""
    cleaned = [line.strip().strip("*").strip() for line in lines]
    note = next((i for i, text in enumerate(cleaned) if _ADOPTION_NOTE_RE.match(text)), None)
    if note is None:
        return None
    block: list[str] = []
    gap = False
    for text in reversed(cleaned[:note]):
        if not text:
            gap = bool(block)
            continue
        if (_symbols(text) or _date(text) or _ORIGINAL_RE.search(text) or _FURNITURE_RE.search(text)
                or _KIND_ALONE_RE.match(text) or _LABEL_RE.match(text) or len(block) == _TITLE_LINES):
            break
        if (block and _capitals(text) and _type_of(text) is not None and not any(_type_of(b) for b in block)
                and not text.endswith(":") and not _open_end(text) and not _CONNECTOR_RE.match(block[0])):
            # a subtitle that names no kind of document, under the title that names one and does not announce it
            # ("PLAN OF ACTION OF X" / "ACHIEVING DECENT WORK ..."): the title is the line over it
            block, gap = [text], False
            continue
        if gap and not (_capitals(text) and (_open_end(text) or _CONNECTOR_RE.match(block[0]))):
            break
        block.insert(0, text)
        gap = False
    quoted = next((k for k, text in enumerate(block) if k and text[:1] in "“\"‘"), None)
    block = block[:quoted]  # a subtitle in quotation marks under the title
    if block and block[0][:1] in "“\"‘":
        return None  # only the subtitle: the title is further up
    while len(block) > 1 and not _capitals(block[-1]) and _capitals(block[0]):
        block.pop()  # a subtitle in lower case under a title in capitals
    title = " ".join(" ".join(block).split())
    if len(title.split()) < 2 or len(title) > 2 * _TITLE_MAX or not any(_capitals(text) for text in block):
        return None
    return title


def _heading_over_dateline(body: str) -> tuple[str, str] | None:
    """A press release's headline and dateline where the body seems to begin (a long headline reads as text):
    its title and date, when the cover gave none."""
    first, second = ([line.strip() for line in body.split("\n") if line.strip()] + ["", ""])[:2]
    if not first or not second or not _dateline(second) or _dateline(first):
        return None
    if len(first) > 2 * _TITLE_MAX or first.endswith((".", ":", ";")) or _symbols(first) or _FURNITURE_RE.search(first):
        return None
    date = _date(second)
    return (" ".join(first.split()), date) if date else None


# A footnote's mark printed at a title's end: "(GRIC)1", "PLAN OF ACTION[1]/".
_FOOTNOTE_MARK_RE = re.compile(r"(?:\s*\[\d{1,2}\]/?|(?<=\))\d{1,2}/?)$")
_GLUED_HEAD_RE = re.compile(r"^\W*(?:\d{1,3}\s+)?(?:[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.,-]*\s+){3}")
_GLUED_COVER_CHARS = 200


def _glued_cover(opening: str) -> str:
    """The head of an opening paragraph that a cover was glued onto (a host's transcription: "1 INTERNATIONAL
    LABOUR ORGANIZATION 18th American Regional Meeting ... AMRM.18/D.7 Report of ..."): it opens on words in
    capitals, not on a sentence. Empty when the paragraph opens otherwise."""
    return opening[:_GLUED_COVER_CHARS] if _GLUED_HEAD_RE.match(opening) else ""


# The operative cue of a resolution alone on its line: what comes before it is a preamble, whoever its subject.
_OPERATIVE_ALONE_RE = re.compile(r"^\s*(?:RESUELVEN?|Resuelven?|RESOLVES?|Resolves?)\s*:\s*$", re.MULTILINE)
# A news item's headline: a subject, then a verb telling that it adopted or approved a document of some kind
# ("Ministers of Labor Adopt the Declaration of ...", "Titulares de Trabajo ... aprueban plan de acción ...").
_HEADLINE_VERB_RE = re.compile(
    r"\s(?:adopt|adopts|adopted|approve|approves|approved|sign|signs|signed|aprueban?|aprobaron|adoptan?|adoptaron|"
    r"firman?|firmaron|suscriben|suscribieron|"
    # or the noun of the act ("... Concludes With Adoption Of Punta Cana Declaration")
    r"adoption of|approval of|signing of|adopci[óo]n de|aprobaci[óo]n de|firma de)\s", _FLAGS)
# A report of what the signatories did the day it was written ("Los Ministros ..., reunidos en ..., aprobaron hoy
# ..."): a news item, not what they signed.
_NEWS_DAY_RE = re.compile(r"\b(?:hoy|ayer|today|yesterday)\b", _FLAGS)


def _headline(title: str) -> bool:
    """A title that tells of a document adopted, not one that names it: a verb of adoption before its kind."""
    verb = _HEADLINE_VERB_RE.search(title)
    kinds = [m.start() for p, _ in _TYPE_WORDS if (m := p.search(title)) is not None]
    return verb is not None and bool(kinds) and verb.start() < min(kinds)


def _title_under_cover(lines: list[str]) -> str | None:
    """A title in capitals that names no kind of document ("FINAL ACT", "CONCLUSIONS, OFFERS OF COLLABORATION
    AND RECOMMENDATIONS"), printed under an OAS cover's block: the first line in capitals after its "Original:",
    past the place and dates; a line of text in mixed case there means the cover prints none."""
    cleaned = [line.strip().strip("*").strip() for line in lines]
    marks = [i for i, text in enumerate(cleaned) if _ORIGINAL_RE.search(text)]
    if not marks:
        return None
    for i in range(marks[-1] + 1, len(cleaned)):
        text = cleaned[i]
        # a place names a country or two after its comma ("PORT OF SPAIN, TRINIDAD AND TOBAGO"); a title in
        # capitals with a comma goes on longer ("CONCLUSIONS, OFFERS OF COLLABORATION AND RECOMMENDATIONS")
        place = _PLACE_RE.match(text) is not None and len(text.rsplit(",", 1)[-1].split()) <= 3
        if sum(c.isalpha() for c in text) < 3 or _symbols(text) or _date(text) or place or _FURNITURE_RE.search(text):
            continue  # a page marker, the place, a date, a symbol left over
        if (not text.isupper() or _NOT_TITLE_RE.search(text) or _label_only(text) or _CONTENTS_RE.match(text)
                or re.match(r"\d{1,2}[.)]\s", text)):
            return None  # text, a cover's line, a table of contents or its first entry: no title here
        return _continued(text, cleaned[i + 1:])
    return None


# A title that is only the kind of document: which report, which minutes, the cover says under it.
_KIND_ONLY_RE = re.compile(r"(?:(?:final|annual) )?(?:report|summary|minutes)|(?:informe|acta)(?: (?:final|anual))?|"
                           r"resumen|relatoría", _FLAGS)
_MEETING_WORDS_RE = re.compile(r"\b(?:conference|conferencia|meeting|reuni\S*n|assembly|asamblea|session|sesi\S*n|"
                               r"summit|cumbre|workshop|taller|forum|foro)\b", _FLAGS)


def _title_meeting(lines: list[str], title: str | None) -> str | None:
    """The meeting a cover names on the line under a title that is only the kind of document ("FINAL REPORT" /
    "XX INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR ..."), in capitals (with the lines it runs on to) or in
    title case; not a sentence, an address, a symbol or a date."""
    if title is None or not _KIND_ONLY_RE.fullmatch(title):
        return None
    cleaned = [line.strip().strip("*").strip() for line in lines]
    at = next((i for i, text in enumerate(cleaned) if text.rstrip(":") == title), len(cleaned))
    at = next((i for i in range(at + 1, len(cleaned)) if cleaned[i]), len(cleaned))  # the next line shown
    under = cleaned[at] if at < len(cleaned) else ""
    long_words = [w for w in under.split() if len(w) > 3]
    titled = bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)  # no sentence
    if (not titled or not _MEETING_WORDS_RE.search(under) or _symbols(under) or _date(under)
            or len(under) > _TITLE_MAX or under.endswith(".")):
        return None
    return _continued(under, cleaned[at + 1:]) if under.isupper() else under


_PRESS_BANNER_RE = re.compile(
    r"^[^\S\n]*(?:press release|news release|press advisory|comunicado de prensa|nota de prensa|aviso de prensa|"
    r"comunicado de imprensa|communiqu[ée] de presse)[^\S\n]*$", re.IGNORECASE | re.MULTILINE)
_NOTES_OVER_TEXT = 3  # a host prints at most this many lines of its own over a text's first numbered paragraph


def _announcements(lines: list[str]) -> dict[str, tuple[int, int]]:
    """An editor's notes announcing the text (see ``ANNOUNCEMENT_RE``), each with the lines it runs over: a note
    wrapped onto the next lines ("A continuación figura el texto íntegro del" / "Plan de Acción firmado por ..." /
    "en la Segunda Cumbre de las Américas:") ends on the line ending in a stop or a colon."""
    notes: dict[str, tuple[int, int]] = {}
    for i, line in enumerate(lines):
        if not ANNOUNCEMENT_RE.search(line) or any(a <= i < b for a, b in notes.values()):
            continue
        end = next((k for k in range(i, min(i + _NOTE_LINES, len(lines))) if lines[k].rstrip()[-1:] in (".", ":")), i)
        if any(not lines[k].strip() for k in range(i, end)):
            end = i  # a note is one paragraph: a blank line before the stop ends it where it began
        notes[" ".join(" ".join(lines[i:end + 1]).split())] = (i, end + 1)
    return notes


_NOTE_LINES = 3  # an editor's note wraps over this many lines at most


def read_cover(front: str, opening: str, body: str) -> CoverMetadata:
    """Read the metadata from the front matter (``front``), the opening paragraph and the body."""
    # an editor's note announcing the text ("The following document is the complete text of the Plan of Action
    # ...:") says what the text is, but is not its title
    notes = _announcements(front.split("\n"))
    announced = next((_type_of(note) for note in notes if _type_of(note)), None)
    lines = ["" if any(k in range(a, b) for a, b in notes.values()) else line
             for k, line in enumerate(front.split("\n"))]
    # an adopted text's title is over its note of adoption: with none there, a first line is the host's
    adopted = _title_over_adoption(lines)
    title, doc_type = _title(lines, first_line=not any(_ADOPTION_NOTE_RE.match(line.strip()) for line in lines))
    # a title naming more than its kind keeps its own reading of where it ends
    if adopted and not (title and len(title.split()) >= 3 and not _open_end(title)
                        and _letters(adopted).startswith(_letters(title))):
        title, doc_type = adopted, doc_type or _type_of(adopted)
    if title is None:
        title = _title_under_cover(lines) or _title_in_body(body)
    if title and doc_type is not None and _headline(title):
        doc_type = DocType.WEB_PAGE  # a news item telling of the document its headline names
    if doc_type is None:
        doc_type = announced
    if doc_type is None and _WEB_CUES_RE.search(front):
        doc_type = DocType.WEB_PAGE  # a page that only mentions a plan or declaration in its text
    if doc_type is None:
        for pattern, body_type in _BODY_TYPE_WORDS:
            if pattern.search(opening):
                doc_type = body_type
                break
    # the signatories open the text, or the paragraph after a line introducing it ("These are the recommendations
    # adopted in Quito ..." / "Nosotros, los Ministros ..."), or its first numbered paragraph under a host's notes
    # ("1. Nós, os Ministros ...")
    shown = [line for line in body.split("\n") if line.strip()]
    first_numbered = [line for line in shown[:_NOTES_OVER_TEXT + 1] if re.match(r"\s*1[.)]\s", line)][:1]
    signed = next((text for text in [opening, *shown[1:2], *first_numbered] if _SIGNATORIES_RE.match(text)), None)
    if signed is None and _PRESS_BANNER_RE.search(front):
        # a press office's release tells of a report or an agreement its headline names ("Informe de la OEA resalta
        # ..."): a web page; unless it carries the text itself, opening on its signatories
        doc_type = DocType.WEB_PAGE
    if doc_type is None and signed is not None and _NEWS_DAY_RE.search(signed.split(". ", 1)[0]):
        doc_type = DocType.WEB_PAGE  # "... aprobaron hoy la Declaración de ...": a news item telling of it
    if doc_type is None and signed is not None:
        # "We, the Ministers ...": what they sign is a declaration, unless its first sentence names a plan
        first = re.sub(r"^\s*\d{1,2}[.)]\s+", "", signed).split(". ", 1)[0]
        named = _type_of(first)
        if _BODY_TYPE_WORDS[0][0].search(first):  # "... to carry out this Plan of Action", whatever it cites first
            named = DocType.PLAN_OF_ACTION
        doc_type = named if named in (DocType.PLAN_OF_ACTION, DocType.WORK_PLAN) else DocType.DECLARATION
    if doc_type is None and (RESOLUTION_CUE_RE.match(opening) or _OPERATIVE_ALONE_RE.search(body)):
        doc_type = DocType.OUTCOME_DOCUMENT  # a body's resolution: "The Council,", "CONSIDERING:", "Resuelve:"
    if doc_type is None and (_TALK_CUES_RE.search(front) or _TALK_CUES_RE.search(body[:_BODY_TITLE_CHARS])):
        doc_type = DocType.MEETING_SUMMARY  # a talk's page: a slide deck, a speech under its dateline
    if doc_type is None and SALUTATION_RE.match(opening):
        doc_type = DocType.MEETING_SUMMARY  # a speech, read as the record of the meeting it was given at
    if doc_type is None:
        doc_type = _type_in_body(body)
    date = _issue_date(lines) or _date(front) or _date(opening[:600], month_only=False)
    if (title is None or date is None) and (headed := _heading_over_dateline(body)) is not None:
        title, date = title or headed[0], date or headed[1]
    symbols = tuple(_symbols(front) or _symbols(_glued_cover(opening)))
    # a General Assembly's resolution or declaration is the Assembly's, though its title names the Conference it
    # convenes or follows up; a Conference's document whose cover cites one besides its own symbol is the Conference's
    own = [symbol for symbol in symbols if not symbol.startswith(("OEA/Ser", "OAS/Ser"))]
    assembly = bool(own) and all(_ASSEMBLY_SYMBOL_RE.match(symbol) for symbol in own)
    return CoverMetadata(
        # a title's footnote ("[footnoteRef:1] [1:  ...]") and its mark are no part of it
        title=clean(_FOOTNOTE_MARK_RE.sub("", title)) or None if title else None,
        type=doc_type.value if doc_type else None,
        symbols=symbols,
        date=date,
        language=_language(body or front),
        original_language=_original(front),
        meeting=None if assembly else _meeting(front, opening),
        title_meeting=_title_meeting(lines, title),
        adopted=_adoption_date(front) or _adoption_date(_glued_cover(opening)),
    )


_ASSEMBLY_SYMBOL_RE = re.compile(r"AG/(?:RES|DEC)\b")


def typed_as_page(metadata: CoverMetadata, *, mandates: bool) -> CoverMetadata:
    """A text that names no kind of document, has no cover (no symbol or "Original:") and mandates nothing is a
    web page about the work, not a document of it, dated or not (a news item's dateline, a page's date of
    publication). Decided after the text is read as one of unknown kind, so that the guess does not change how
    its parts are read."""
    if metadata.type is not None or mandates or metadata.symbols or metadata.original_language:
        return metadata
    return replace(metadata, type=DocType.WEB_PAGE.value)
