"""Lines grouped into blocks: a marked line and the lines that carry it on (after a page break, a
hard wrap, or a number printed on a line of its own), or a whole markdown table. Short
heading-like blocks standing alone become subheadings.

A line carries the block before it on when it begins in lower case or on "(" after an unfinished
line, when the block stops on a word no sentence ends on ("in", "of the", "de la"), inside a
parenthesis it opened, or on the first word of a name ("Working / Groups"), when it begins on the
adjective of a name cut after its noun ("Conferencia / Interamericana"), or, in a hard-wrapped text
(a PDF's lines, each cut at the page width), when the line before it ran to the width without
ending its sentence. It does not when it opens a clause of a preamble (in capitals, or in sentence
case after a clause: "...; / Reconociendo que ..."), after "...; and", when it opens a sentence
("The meeting ..."), when it is a paragraph's first words alone on their line, when it is a whole paragraph
under another (in a text that is not hard-wrapped, though it lost its first word), or when it is a paragraph's
length of the page's other language (a bilingual page's second version). A time slot or a
bullet printed alone takes the line after it as its entry, and so, in a list of documents, does a symbol alone
on its line its title ("CIM/RES. 194 (XXIX-O/98)" / "Apoyo a las trabajadoras ...", three or more of one body).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from kb.model import Kind
from kb.parse._layout import PREAMBLE_CUES
from kb.parse._lines import (
    AGENDA_SLOT_RE,
    DOCUMENT_SYMBOL_RE,
    GLYPH_ALONE_RE,
    MONTHS,
    SYMBOL_LINE_RE,
    TABLE_RULE_RE,
    Line,
    Tok,
    clean,
    is_upper,
)

__all__ = ["DANGLING_WORDS", "OPENING_RE", "RESOLUTION_CUE_RE", "SALUTATION_RE", "Block", "blocks", "heading_like",
           "numbered_table_at", "one_blank_above", "runs_on", "spaced_carries_on", "spaced_wrap_width",
           "symbol_entries_at", "wrap_width"]

# A heading-like line is at most this long (a label ending with a colon: the shorter limit).
_HEADING_MAX = 160
_LABEL_MAX = 60
_NUMBERED_HEADING_MAX = 80
_LEAD_IN_WORDS = 8
_WRAPPED_MAX = 130  # a longer line is a paragraph a host kept on one line, not one wrapped by a typesetter
_RUN_ON = 60  # a line this long that stops mid-sentence runs on; a shorter one may be a heading
_VERB_LINE_WORDS = 4
_COLUMN_MIN, _COLUMN_WORDS, _COLUMN_CHARS = 5, 4, 32  # a column of names: lines, and each line's words and length
# The lead-ins of a resolution's preamble: paragraphs of their own, never headings. The subject
# ("THE PERMANENT COUNCIL OF ...,", "EL CONSEJO ...,") ends its line, or runs into the first clause.
_SUBJECT_END = rf",(?:\s*$|\s+(?:{PREAMBLE_CUES})\b)"
RESOLUTION_CUE_RE = re.compile(
    rf"^\s*(?:THE GENERAL ASSEMBLY|THE (?:[A-Z][A-Z-]+ ){{0,3}}(?:MEETING|CONFERENCE|COMMITTEE|COUNCIL|COMMISSION|"
    rf"ASSEMBLY)\b[^,a-z]{{0,150}}{_SUBJECT_END}|LA ASAMBLEA GENERAL|(?:EL|LA) (?:[A-ZÁÉÍÓÚ-]+ ){{0,3}}(?:CONSEJO|"
    rf"COMISI[ÓO]N|REUNI[ÓO]N|CONFERENCIA|COMIT[ÉE]|ASAMBLEA)\b[^,a-záéíóúñ]{{0,150}}{_SUBJECT_END}|"
    # Portuguese; "A LA ... CONFERENCIA," is a Spanish speech's address, no subject
    rf"A ASSEMBL[EÉ]IA GERAL|(?:O|A) (?!(?:LA|EL|LOS|LAS)\s)(?:[A-ZÁÉÍÓÚÂÊÔÃÕÇ-]+ ){{0,3}}(?:CONSELHO|COMISS[ÃA]O|"
    rf"REUNI[ÃA]O|CONFER[ÊE]NCIA|COMIT[ÊE]|ASSEMBL[EÉ]IA)\b[^,a-záéíóúâêôãõç]{{0,150}}{_SUBJECT_END}|"
    rf"(?:{PREAMBLE_CUES})(?=[\s:,]|$)|"
    # the same in sentence case, alone on their line: "La Décima Conferencia Interamericana,", "Considerando:"
    rf"(?:La|El|The)\s+(?:[\w-]+\s+){{0,4}}(?:Conferencia|Asamblea|Consejo|Reunión|Comisión|Comité|Conference|"
    rf"Assembly|Council|Meeting|Commission|Committee)\b[^.;:]{{0,80}},\s*$|(?i:{PREAMBLE_CUES})\s*:\s*$)")
# The salutations a speech opens with: the first words of its text.
SALUTATION_RE = re.compile(
    r"^\s*(?:(?:Señor(?:a|es|as)?|Señoras y señores|Excelent[íi]sim[oa]s?|Your Excellenc(?:y|ies)|"
    r"Excellenc(?:y|ies)|Distinguished|Ladies and gentlemen|Dear (?:friends|colleagues)|(?:Muy b|B)uen(?:os|as) "
    r"(?:días|tardes|noches)|Good (?:morning|afternoon|evening))\b|(?:Sr|Sra)\.(?=\s))")  # in capitals: a cover line
_CAPS_HEADING_WORDS = 15  # a line in capitals this short is a heading, even with a closing stop
_HEADING_END = "\"\u201d\u2019')]"  # closing quotes and brackets
# Words a sentence cannot end on: a block stopping on one is carried on by the next line.
_DANGLING = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "into", "onto", "as", "than", "that", "between", "among",
    "de", "del", "la", "las", "el", "los", "y", "e", "o", "u", "en", "al", "con", "por", "para", "que",
    "su", "sus", "un", "una", "entre", "sobre", "como", "sin", "ante", "hacia", "mediante", "desde", "hasta",
    "contra", "upon", "within", "via",
})
# The same in French and Portuguese (not "do", "no": English words that end sentences and headings, "What We Do"), in
# lower case only where a line ends on them ("Mai Le", a name, ends its line).
_DANGLING_LOWER = frozenset({
    "à", "au", "aux", "le", "les", "des", "du", "et", "pour", "par", "sur", "dans", "avec",
    "da", "das", "ao", "aos", "pelo", "pela", "pelos", "pelas", "com", "em", "uma",
})
DANGLING_WORDS = _DANGLING | _DANGLING_LOWER
# Words that open a name and never close one, its noun following ("Working Groups", "Inter-American Conference"):
# a line stopping on one stops in mid-name.
_NAME_OPENERS = frozenset({"Working", "Inter-American"})
# Words that follow their noun in a name and never open a sentence ("Conferencia / Interamericana", "ESTADOS /
# AMERICANOS"): a line opening on one after a capitalised word carries that name on.
_NAME_CLOSERS = frozenset({"interamericano", "interamericana", "interamericanos", "interamericanas", "americanos",
                           "americanas"})
# The opening words of a ministerial or a Summit's text ("We, the Ministers ...", "Nosotros, los Ministros ...", "Nous,
# les ministres ...", "Nós, os Chefes de Estado ...", "The Heads of State and Government participating ...").
OPENING_RE = re.compile(
    r"^\W*(?:\d{1,2}[.)]\s+)?(?:we|nosotros|las ministras|los ministros|the ministers|nous|les ministres|nós|"
    r"os ministros|as ministras|the heads of state|los jefes de estado|las jefas y los jefes|os chefes de estado|"
    r"les chefs d['’][ée]tat)\b[ ,]", re.IGNORECASE)
# A clause of a preamble opening a line, in capitals or not ("Reconociendo que ...", "Convencidos de ..."):
# a paragraph of its own, whatever the line before ended on.
_CLAUSE_CUE_RE = re.compile(rf"^(?=(?-i:[A-ZÁÉÍÓÚÑ]))(?:{PREAMBLE_CUES})(?=[\s:,])", re.IGNORECASE)
# The same after the conjunction that joins it to the clause before ("...; / y CONSIDERANDO:", "...; / y Que ante
# ...", "...; / and That ..."): the conjunction is the host's, the clause is a new one.
_JOINED_CLAUSE_RE = re.compile(rf"^(?:y|e|and|et)\s+(?:(?:{PREAMBLE_CUES})(?=[\s:,]|$)|(?:Que|That)\s)")
_SENTENCE_OPENING_RE = re.compile(r"^(?:The|A|An|El|La|Los|Las|Un|Una)\s+[a-záéíóúñ]")
_CLAUSE_END_RE = re.compile(r";\s+(?:and|or|y|e|o|u|ou)$")  # "...; and", "...; y", "...; e" (Portuguese)
_MODAL_RE = re.compile(r"\b(?:will|shall|must|should|deber[áa]n?)\b", re.IGNORECASE)
# with the clause words only a lead-in alone prints ("VISTAS:", "HAVE AGREED:", "ACUERDAN:")
_CUE_ALONE_RE = re.compile(rf"^(?:{PREAMBLE_CUES}|VISTAS?|(?:HAVE|HAS) AGREED|HAN ACORDADO|ACUERDAN?)"
                           r"(?:\s+(?:que|that))?\s*:?$", re.IGNORECASE)
# "Moderator: Jane Doe, ..." -- a short label without digits, a colon, then the value.
_FIELD_RE = re.compile(r"^(?P<label>[A-Z][^:\d]{0,40}):\s+\S")
_SENTENCE_END = ".;:!?"
_CLOSERS = "\"\u201d\u2019')]"
_CONTENT = (Tok.TEXT, Tok.NUMBERED, Tok.DECIMAL, Tok.LETTERED, Tok.BULLET)


def heading_like(line: Line) -> bool:
    """A short plain-text line that could be a heading: no final period, not a "Label: value"; a short
    question too ("What is the RIAL?" over its answer)."""
    text = line.text
    limit = _LABEL_MAX if text.endswith((":", "?")) else _HEADING_MAX  # a label, or a question heading its answer
    capitals_stop = text.endswith(".") and is_upper(text) and len(text.split()) <= _CAPS_HEADING_WORDS
    return (
        line.tok is Tok.TEXT
        and len(text) <= limit
        and not text[0].islower()
        and (text[-1].isalnum() or text[-1] in _HEADING_END + ":?" or capitals_stop)
        and not _FIELD_RE.match(text)
        and not _CLAUSE_END_RE.search(text)
        and not (" " in text and _dangling(text.rsplit(" ", 1)[-1]))  # "... DE LOS ESTADOS MIEMBROS DE LA"
    )


def _dangling(word: str) -> bool:
    """A word no sentence or heading ends on (an article, preposition or conjunction), in any case but a
    capital letter alone ("ANNEX A")."""
    if word.lower() in _DANGLING_LOWER:
        return word.islower()
    return word.lower() in DANGLING_WORDS and (word.islower() or len(word) > 1)


_CAPS_CONJUNCTIONS = frozenset({"Y", "E", "O", "U"})
# The words in capitals a heading's second line opens on and no heading does: it goes on with the heading above.
_HEADING_TAIL_OPENERS = frozenset({"OF", "DE", "DEL", "DES", "DU", "DA", "DAS", "AND", "ET"})
_HEADING_TAIL_WORDS = 8
_LETTERED_PARTS = frozenset("ANNEX ANEXO APPENDIX APÉNDICE PART PARTE SECTION SECCIÓN CHAPTER CAPÍTULO EJE TEMÁTICO "
                            "TEMA GRUPO ÁREA AREA COMPONENTE LÍNEA OBJETIVO PILAR".split())
_OPEN_ORDINAL_RE = re.compile(r"\b(?:the|la|el|del|de|of)\s+[IVXL]{1,6}$")


def _open_ordinal(text: str) -> bool:
    """A sentence left open on a meeting's ordinal, its noun on the next line ("... report on its progress at
    the XXII / IACML.", "... con ocasión de la XXI / Conferencia ...")."""
    return bool(_OPEN_ORDINAL_RE.search(text))


@dataclass
class Block:
    tok: Tok
    lines: list[Line]
    subheading: bool = False
    kind: Kind | None = None  # given by a curator's correction
    number: str | None = None  # given by a curator's correction
    numbered_heading: bool = False  # "1. Meeting of the Working Groups ..." heading the text after it
    number_line: Line | None = None  # a paragraph number printed on a line of its own before the text

    @property
    def first(self) -> Line:
        """The line the block starts on (its number's, when printed alone); it carries the mark."""
        return self.number_line or self.lines[0]

    @property
    def start(self) -> int:
        return self.first.start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def text(self) -> str:
        if self.tok is Tok.TABLE:
            rows = [line.text for line in self.lines if not TABLE_RULE_RE.match(line.raw)]
            cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
            return "; ".join(" | ".join(c for c in row if c) for row in cells)
        return " ".join(line.body for line in self.lines)

    @property
    def heading_like(self) -> bool:
        return len(self.lines) == 1 and self.number_line is None and heading_like(self.first)


def runs_on(head: Line, line: Line, *, after_blank: bool = False) -> bool:
    """Whether ``line``, printed under ``head`` (``after_blank``: a blank line between), carries on the paragraph
    ``head`` begins (see ``_continues``)."""
    return _continues(Block(head.tok, [head]), line, after_blank=after_blank)


def _left_open(block: Block) -> bool:
    """A block stopping inside a parenthesis it opened, no sentence ended ("... (Chair: Peru, former Chair:"),
    looked for in its last two lines: a parenthesis a paragraph never closed, further up, says nothing of its end."""
    text = " ".join(line.text for line in block.lines[-2:])
    return block.text.rstrip(_CLOSERS)[-1:] not in ".!?" and text.count("(") > text.count(")")


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


def _continues(block: Block, line: Line, *, after_blank: bool = False) -> bool:
    """Whether a plain-text line carries on ``block`` after a page break or a hard wrap.

    It does when it begins in lower case, or when the block stops on a word that cannot end a
    sentence (an article, preposition or conjunction), as "... since the XX IACML in".
    """
    last_word = block.text.rsplit(" ", 1)[-1]
    if block.tok is Tok.SECTION:
        # a heading in capitals left open on a connector goes on ("I. PRESERVING ... OF / DEMOCRACIES ...",
        # "III. COORDINACIÓN CON OTROS PROCESOS MINISTERIALES Y / ORGANIZACIONES"; not "ANEXO E")
        words = block.text.split()
        conjunction = (last_word in _CAPS_CONJUNCTIONS and len(words) >= 3 and words[-2] not in _LETTERED_PARTS
                       and last_word != (block.first.num or "").rstrip(".)"))  # "E. EJE TEMÁTICO E": its own letter
        left_open = (len(last_word) > 1 or conjunction) and last_word.lower() in DANGLING_WORDS
        # or the line goes on from a word no heading opens on ("I. CONSOLIDER ... DES DEMOCRATIES" / "DES AMERIQUES")
        goes_on = line.text.split(" ", 1)[0] in _HEADING_TAIL_OPENERS and len(line.text.split()) <= _HEADING_TAIL_WORDS
        return (len(block.lines) == 1 and is_upper(block.text) and (left_open or goes_on)
                and is_upper(line.text) and line.tok is Tok.TEXT)
    if block.tok is Tok.TABLE:
        return False
    if line.text[0].isupper() and _CLAUSE_END_RE.search(block.text):
        return False  # "...; and" closes a clause of a list; the next clause is its own
    if line.text[0].isupper() and _CUE_ALONE_RE.match(block.text):
        return False  # "Considerando que" alone on its line leads in the clauses printed after it
    if _SENTENCE_OPENING_RE.match(line.text) and not _left_open(block):
        return False  # a capitalised article before a word in lower case opens a sentence, whatever came before
    if line.text[0].islower() or _dangling(last_word) or _open_ordinal(block.text):
        return True
    if not after_blank and _left_open(block):
        return True  # "... troika (Chair: Argentina, former Chair: / Barbados, future Chair: Colombia), and ..."
    if not after_blank and last_word in _NAME_OPENERS and line.text[0].isupper():
        return True  # "... elected as Chairs of the Working / Groups (Chile, Colombia), ..."
    if not after_blank and last_word[:1].isupper() and last_word[-1:].isalpha() and \
            line.text.split(" ", 1)[0].rstrip(",;:.").lower() in _NAME_CLOSERS:
        return True  # "... La 13 Conferencia / Interamericana de Ministros de Trabajo ..."
    if line.text[0].isdigit() and block.text.endswith(",") and len(block.lines[-1].text) >= _RUN_ON:
        return True  # a wrapped line: "... las Decisiones 40, 116, / 439, 441 y 510 de la Comisión"
    if (not after_blank and OPENING_RE.match(block.text) and _RUN_ON <= len(block.lines[-1].text) <= _WRAPPED_MAX
            and block.text[-1].isalnum() and not _CLAUSE_CUE_RE.match(line.text)):
        return True  # the opening runs on to its colon: "NOSOTROS, ... la XXIII Conferencia / Interamericana"
    if line.text[0] == "(" and not _ends_sentence(block.text) and len(block.lines[-1].text) >= _RUN_ON:
        return True  # "... Network for Labor Administration / (RIAL) and decide ..."
    # A sentence left open on a comma, finished by its verb in capitals: "We, the Ministers ..., / HEREBY
    # DECLARE:" (but a line of capitals ending on a comma is a lead-in of its own: "THE GENERAL ASSEMBLY,";
    # and a salutation list runs on commas, one addressee a line).
    open_sentence = block.text.rstrip(_CLOSERS).endswith(",") and not (
        is_upper(block.text) and len(block.text.split()) <= _LEAD_IN_WORDS)
    closing_verb = is_upper(line.text) and line.text.endswith(":") and len(line.text.split()) <= _VERB_LINE_WORDS
    subject = bool(OPENING_RE.match(block.text))  # "We, the Ministers ..., // HEREBY DECLARE:"
    preamble = bool(RESOLUTION_CUE_RE.match(block.text))  # "DESTACANDO que ..., // DECLARA:": the operative part
    return (open_sentence and closing_verb and (subject or not after_blank) and not preamble
            and not RESOLUTION_CUE_RE.match(line.text))


# Words that put a speaker's words after a colon ("the Minister said:"): a quotation, no paragraph of its own.
_SAID_RE = re.compile(r"\b(?:said|stated|added|declared|noted|dijo|señaló|afirmó|agregó|declaró|indicó|a déclaré|"
                      r"a dit|a ajouté|disse|afirmou|declarou)\s*:$", re.IGNORECASE)


def _leads_in(previous: str, line: str) -> bool:
    """Whether a hard-wrapped line ending on a colon leads in a paragraph opening on the line under it: a sentence
    opens there (a capital, then a word in lower case: "Partager les ..."), not a list of names carried on
    ("Argentina, Barbados, ...") nor a speaker's words."""
    words = line.split()
    return (previous.rstrip().endswith(":") and not _SAID_RE.search(previous.rstrip()) and len(words) >= 2
            and words[0][:1].isupper() and words[0][-1:].isalpha() and words[1][:1].islower())


@dataclass(frozen=True)
class _Wrap:
    """How a hard-wrapped text is cut: the width of its full lines (0: the text is not wrapped), and whether a blank
    line sets its paragraphs apart (then a colon at a full line's end ends no paragraph)."""

    width: int = 0
    apart: bool = False

    def carries_on(self, previous: Line, line: Line) -> bool:
        """Whether ``line``, right under ``previous`` (no blank line between), is the same paragraph."""
        if not self.width or line.tok is not Tok.TEXT or previous.tok not in _CONTENT:
            return False
        if len(previous.text) < 0.5 * self.width:
            return False  # a short line ends its paragraph
        if not _ends_sentence(previous.text):
            return True
        if not self.apart and _leads_in(previous.text, line.text) and len(line.text) >= 0.5 * self.width:
            return False  # a lead-in ends on its colon, the paragraph it leads in opens under it
        if len(line.text.split()) <= 2 and not _ends_sentence(line.text):
            return False  # a paragraph's first words alone on its first line ("Share best / practices ...")
        # A sentence ended at the line's end: the same paragraph only if the next word would not
        # have fitted on the line (else the line was cut short: the paragraph ended there).
        first_word = line.text.split(" ", 1)[0]
        return len(previous.text) + 1 + len(first_word) > self.width


def _wrap(lines: list[Line]) -> _Wrap:
    """Detect hard wrapping: lines of content followed directly by more text, stopping
    mid-sentence, some of them plainly (the next line begins in lower case, or the line ends on a
    word no sentence ends on)."""
    pairs, joints, sure = _joints(lines)
    if joints < 3 or sure < 2 or joints < 0.3 * len(pairs):
        return _Wrap()
    lengths = sorted(len(p.text) for p in pairs)
    width = lengths[int(0.95 * (len(lengths) - 1))]
    # a blank line between two full lines of text: the text sets its paragraphs apart so
    apart = any(a.tok in _CONTENT and b.tok is Tok.BLANK and c.tok is Tok.TEXT and min(len(a.text), len(c.text))
                >= 0.5 * width for a, b, c in zip(lines, lines[1:], lines[2:], strict=False))
    return _Wrap(width, apart)


def _joints(lines: list[Line]) -> tuple[list[Line], int, int]:
    """The lines of content followed directly by more text, how many of them stop mid-sentence, and how many of
    those plainly (the next line begins in lower case, or the line ends on a word no sentence ends on)."""
    pairs: list[Line] = []
    joints = sure = 0
    for previous, line in pairwise(lines):
        if previous.tok in _CONTENT and line.tok is Tok.TEXT and not previous.inline and not line.inline:
            pairs.append(previous)
            if len(previous.text) >= 50 and not _ends_sentence(previous.text):
                joints += 1
                last_word = previous.text.rsplit(" ", 1)[-1].lower()
                sure += line.text[0].islower() or last_word in DANGLING_WORDS
    return pairs, joints, sure


def wrap_width(lines: list[Line]) -> int:
    """The width of a hard-wrapped text's full lines, or 0 when the text is not hard-wrapped."""
    return _wrap([line for line in lines if line.tok is not Tok.NOISE]).width


_PAGE_LINE_MAX = 130
_SPACED_SURE = 4


def one_blank_above(lines: list[Line], i: int) -> Line | None:
    """The line of content printed over line ``i`` with exactly one blank line between them, if any."""
    if i >= 2 and lines[i - 1].tok is Tok.BLANK and lines[i - 2].tok in _CONTENT:
        return lines[i - 2]
    return None


def _spaced_wrap(lines: list[Line]) -> _Wrap:
    """Detect hard wrapping with a blank line between every two lines (a host's transcript of a double-spaced
    page): the same signs as ``_wrap``, each line and the next one blank line apart."""
    joined: list[Line] = []
    for i, line in enumerate(lines):
        if line.tok is Tok.BLANK:
            continue
        if one_blank_above(lines, i) is None:
            joined.append(replace(line, tok=Tok.BLANK))  # no pair across this break
        joined.append(line)
    # most lines stop mid-sentence, many plainly: a blank line also parts paragraphs printed one a line (a
    # resolution's clauses, "...; and"), which the signs of a single-spaced wrap do not tell apart
    pairs, joints, sure = _joints(joined)
    if joints < _SPACED_SURE or sure < _SPACED_SURE or joints < 0.5 * len(pairs):
        return _Wrap()
    wrap = _wrap(joined)
    # a page's lines are this short; paragraphs printed one a line, a blank line apart, run longer
    return wrap if wrap.width <= _PAGE_LINE_MAX else _Wrap()


def spaced_wrap_width(lines: list[Line]) -> int:
    """The width of a text's full lines hard-wrapped a blank line apart, or 0 when it is not so wrapped."""
    return _spaced_wrap([line for line in lines if line.tok is not Tok.NOISE]).width


def spaced_carries_on(width: int, previous: Line, line: Line) -> bool:
    """Whether ``line``, one blank line under ``previous``, is the same paragraph in a text hard-wrapped at
    ``width`` a blank line apart (see ``spaced_wrap_width``)."""
    # a sentence ended at a line's end ends the paragraph: the blank line after it may be the paragraphs' own; and a
    # line in capitals or in title case over it is a heading
    text = previous.text
    titled = "," not in text and all(w in DANGLING_WORDS for w in text.split() if w[:1].islower())
    return (not _ends_sentence(text) and text.rstrip()[-1:] not in ";:" and not titled and not is_upper(text)
            and _Wrap(width).carries_on(previous, line))


def _hangs_under(block: Block, previous: Line, line: Line) -> bool:
    """Whether ``line``, right under ``previous`` (no blank line between), hangs indented under the bullet
    ``block`` ends on: printed to the right of its mark, it carries the entry on (an event's place and date
    under its name, "  • Meeting of ... / Virtual - May 3, 2040"), whatever it looks like."""
    if block.tok is not Tok.BULLET or previous is not block.lines[-1] or line.inline or previous.inline:
        return False
    return len(line.raw.expandtabs(4)) - len(line.raw.expandtabs(4).lstrip()) > block.first.indent


def _column(lines: list[Line]) -> set[int]:
    """The lines that carry on a column of names, one a line with no blank line between (countries, members,
    a table's cells flattened): at least ``_COLUMN_MIN`` short lines of words alone, no numbers or bullets,
    no sentence. A reader counts the column as one part, not a paragraph a name."""
    def name(line: Line) -> bool:
        return (line.tok is Tok.TEXT and not line.inline and len(line.text) <= _COLUMN_CHARS
                and len(line.text.split()) <= _COLUMN_WORDS and line.text[:1].isupper()
                and line.text[-1:] not in ".:;,!?" and not is_upper(line.text))

    out: set[int] = set()
    run: list[int] = []
    for k, line in enumerate([*lines, None]):
        if line is not None and name(line) and (not run or k == run[-1] + 1):
            run.append(k)
            continue
        if len(run) >= _COLUMN_MIN:
            out |= set(run[1:])
        run = [k] if line is not None and name(line) else []
    return out


_EN_WORDS = frozenset("the of and to in for is with on that by as are this be from".split())
_ES_WORDS = frozenset("de la el los las y en para con que del por se una un su al es".split())
_TONGUE_WORDS = 10  # a line this long, its joining words all of one language, is plainly in it


def _tongue(text: str) -> str | None:
    """``en`` or ``es`` when a text's joining words are plainly of that language and none of the other's; else
    None."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < _TONGUE_WORDS:
        return None
    en = sum(w in _EN_WORDS for w in words)
    es = sum(w in _ES_WORDS for w in words)
    if en >= 0.15 * len(words) and es == 0:
        return "en"
    if es >= 0.15 * len(words) and en == 0:
        return "es"
    return None


_PARAGRAPH_LINE = 200  # a line this long, ended, is a whole paragraph in a text that is not hard-wrapped


def blocks(lines: list[Line], *, starts: frozenset[int] = frozenset(), continues: frozenset[int] = frozenset(),
           headings: frozenset[int] = frozenset()) -> list[Block]:
    """Group the body's lines (noise already removed or marked) into blocks. A curator's corrections:
    a line whose start is in ``starts`` begins a block, one in ``continues`` carries on the block
    before it, one in ``headings`` is a block of its own."""
    wrap = _wrap([line for line in lines if line.tok is not Tok.NOISE])
    spaced = _spaced_wrap([line for line in lines if line.tok is not Tok.NOISE])
    column = _column(lines)
    # a slide's title begins a block of its own, and nothing carries it on
    begins = starts | headings | {line.start for line in lines if line.heading}
    headings = headings | {line.start for line in lines if line.heading}
    out: list[Block] = []
    pending_number: Line | None = None
    last_number = 0  # of the last numbered paragraph: a bare number continuing it is the next one's
    previous: Line | None = None  # the last line with content, if no blank line came after it
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.tok in (Tok.BLANK, Tok.NOISE):
            if line.tok is Tok.BLANK:
                previous = None
            continue
        if line.start in continues and out:
            out[-1].lines.append(replace(line, tok=Tok.TEXT, body=line.text))  # its number is text now
            previous = line
            continue
        if line.tok in (Tok.DECIMAL, Tok.LETTERED) and not line.body:
            following = _next_shown(lines, i)
            if following is not None and lines[following].tok is Tok.TEXT:  # "1.1." or "a)" alone, its text below
                out.append(Block(line.tok, [lines[following]], number_line=line))
                i = following + 1
                previous = lines[following]
                continue
        if line.tok is Tok.NUMBER_ONLY:
            dotted = not line.num.isdigit()
            pending_number = line if dotted or int(line.num) == last_number + 1 else None
            previous = None
            continue
        if pending_number is not None:
            number, pending_number = pending_number, None
            if line.tok is Tok.TEXT:
                out.append(Block(Tok.NUMBERED, [line], number_line=number))
                last_number = int(number.num.rstrip(".)"))
                previous = line
                continue
        if line.tok is Tok.NUMBERED:
            last_number = int(line.num)
        alone = ((line.tok is Tok.AGENDA and AGENDA_SLOT_RE.match(line.raw))
                 or (line.tok is Tok.TEXT and GLYPH_ALONE_RE.match(line.raw)))
        following = _next_shown(lines, i) if alone else None
        if following is not None and lines[following].tok is Tok.TEXT and not GLYPH_ALONE_RE.match(
                lines[following].raw):
            # a time slot or a bullet printed alone, its entry on the next line
            out.append(Block(Tok.AGENDA if line.tok is Tok.AGENDA else Tok.BULLET, [line, lines[following]]))
            i = following + 1
            previous = lines[following]
            continue
        if line.tok is Tok.TEXT and "|" in line.text and i < len(lines) and TABLE_RULE_RE.match(lines[i].raw):
            table = [line]
            while i < len(lines) and "|" in lines[i].raw:
                table.append(lines[i])
                i += 1
            out += _numbered_rows(table) or [Block(Tok.TABLE, table)]
            previous = None
            continue
        cue = _CLAUSE_CUE_RE.match(line.text)
        new_clause = cue is not None and bool(out) and out[-1].tok is Tok.TEXT and (
            cue.group().isupper() or previous is None or out[-1].text.rstrip()[-1:] in ";,"
            or _CLAUSE_END_RE.search(out[-1].text) is not None)  # in sentence case: after a clause
        new_clause = new_clause or (line.tok is Tok.TEXT and bool(out) and out[-1].tok is Tok.TEXT
                                    and out[-1].text.rstrip()[-1:] in ";,:"
                                    and _JOINED_CLAUSE_RE.match(line.text) is not None)
        # "...; and" closes a clause, though the line ran to a wrapped text's width: the next clause is its own
        new_clause = new_clause or (line.tok is Tok.TEXT and line.text[:1].isupper() and bool(out)
                                    and out[-1].tok is Tok.TEXT and _CLAUSE_END_RE.search(out[-1].text) is not None)
        # a text printing a paragraph a line: a whole one ended, the next line opens its own, though it lost its
        # first word ("... a mitad de 2015." / "representantes de los países ...")
        new_clause = new_clause or (not wrap.width and previous is not None and len(out[-1].lines) == 1
                                    and len(previous.text) >= _PARAGRAPH_LINE and _ends_sentence(previous.text)
                                    and previous.text.rstrip(_CLOSERS)[-1:] == "." and line.tok is Tok.TEXT
                                    and len(line.text) >= _PARAGRAPH_LINE and _ends_sentence(line.text))
        # a page printing its text in two languages: a paragraph's length of a line plainly in the other one opens
        # its own (a title it cites, on a wrapped line of its own, is no paragraph)
        new_clause = new_clause or (line.tok is Tok.TEXT and bool(out) and out[-1].tok is Tok.TEXT
                                    and len(line.text) >= _PARAGRAPH_LINE and _tongue(line.text) is not None
                                    and _tongue(out[-1].text) not in (None, _tongue(line.text)))
        if line.tok is Tok.TEXT and out and not new_clause and line.start not in begins and \
                out[-1].start not in headings and (
                (previous is not None and (i - 1 in column or wrap.carries_on(previous, line)
                                           or _hangs_under(out[-1], previous, line)))
                or _continues(out[-1], line, after_blank=previous is None)
                or (previous is None and (above := one_blank_above(lines, i - 1)) is out[-1].lines[-1]
                    and above is not None and spaced_carries_on(spaced.width, above, line))):
            out[-1].lines.append(line)
        else:
            out.append(Block(line.tok, [line]))
        previous = line
    out = _symbol_entries(_dated_entries(out))
    for k, block in enumerate(out):
        before = out[k - 1] if k else None
        after = out[k + 1] if k + 1 < len(out) else None
        # a block just before a curator's heading (the first half of a wrapped line) is not one by its looks
        looks = after is None or after.start not in headings
        # nor is a slide's text whose title was not found (a title alone on its slide would have been)
        looks = looks and not (block.first.slide and not block.first.heading)
        # a slide's title heads its slide's text whatever it looks like
        block.subheading = block.first.heading or (looks and (
            _is_subheading(before, block, after) or _heads_pair(out, k) or _titles_pair(out, k)
            or _caps_heading(out, k) or _heads_titles(out, k)))
        block.numbered_heading = _is_numbered_heading(block, after, before)
    for k, block in enumerate(out):
        if block.tok is Tok.TEXT and block.heading_like and _SESSION_RE.match(block.text):
            # a programme's session or panel heads what follows it, whatever lines follow (unnumbered: a provision's
            # number is the mark it opens with)
            block.subheading = True
        elif block.tok is Tok.TEXT and block.heading_like and _PART_NAME_RE.match(block.text) and k + 1 < len(out):
            # a part's name alone on its line ("Preámbulo", "Introduction") heads it, whatever lines precede it
            block.subheading = True
    for k, block in enumerate(out):
        if block.subheading and _heads_titles(out, k):
            # the titles a label lists one a line without bullets are the entries of a list (the lines after a
            # bulleted run are not: the list ended with its bullets)
            j = k + 1
            while (j < len(out) and out[j].tok is Tok.TEXT and _title_entry(out[j]) and out[j].start not in begins
                   and not (out[j].subheading and _heads_titles(out, j))):  # the next label heads its own
                out[j].tok, out[j].subheading = Tok.BULLET, False
                j += 1
    _title_runs(out, begins)
    return _dated_headings(out, begins)


_TITLE_RUN = 5
_TITLE_WORDS = 3


def _title_runs(out: list[Block], begins: frozenset[int]) -> None:
    """A run of five or more titles, each alone between blank lines, no label over them and nothing else between
    them (a page's links to its documents, galleries and presentations, their bullets lost): the entries of a
    list, not paragraphs. Titles, most of them of three words or more: a form's fields ("Last Name" / "Country")
    and a column of names are words alone. A heading over content ends the run."""
    def entry(j: int) -> bool:
        b = out[j]
        apart = j == 0 or b.first.no > out[j - 1].lines[-1].no + 1
        return (apart and b.tok is Tok.TEXT and _title_entry(b) and not b.subheading and not b.numbered_heading
                and b.start not in begins)

    k = 0
    while k < len(out):
        j = k
        while j < len(out) and entry(j):
            j += 1
        run = out[k:j]
        if len(run) >= _TITLE_RUN and 2 * sum(len(b.text.split()) >= _TITLE_WORDS for b in run) >= len(run):
            for b in run:
                b.tok = Tok.BULLET
        k = max(j, k + 1)


# "Session 1: ...", "Sesión 2 - ...", "1st Session - ...", "Panel 3: ...": a part of a meeting's programme.
_SESSION_RE = re.compile(
    r"^(?:(?:Session|Sesi[óo]n|Sess[ãa]o)\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th|[ºª°])\s+"
    r"(?:Session|Sesi[óo]n|Sess[ãa]o)|Panel\s+\d{1,2})\s*[:\-\u2013\u2014]\s+\S")
# The name of a text's part alone on its line: its preamble, introduction or background.
_PART_NAME_RE = re.compile(r"^(?:pre[áa]mbulo|preamble|prefacio|preface|introducci[óo]n|introduction|antecedentes|"
                           r"background|(?:appendix|annex|anexo|ap[ée]ndice)(?:\s+(?:[IVX]{1,4}|[A-Z]|\d{1,2}))?)\s*:?$",
                           re.IGNORECASE)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# "Lima, Peru - May 2040", "Quito, Ecuador - 12 de agosto de 2041": a place, then when.
_PLACE_DATE_RE = re.compile(
    rf"^[^\d|]{{2,40}}(?:,|\s[-\u2013\u2014])\s*(?:\d{{1,2}}\s+(?:de\s+)?)?(?:{_MONTH_NAMES})\s*"
    r"(?:\d{1,2}(?:\s*[-\u2013]\s*\d{1,2})?,?\s*)?"
    r"(?:de(?:l)?\s+)?(?:19|20)\d{2}$", re.IGNORECASE)
_DATED_ENTRIES = 3


def _pair_runs(out: list[Block], pair: Callable[[int, int], bool], least: int) -> list[Block]:
    """Runs of ``least`` or more pairs of blocks in a row (``pair(start, j)``: blocks ``j`` and ``j + 1`` go on
    the run begun at ``start``), each pair one entry of a list; other blocks as they are."""
    merged: list[Block] = []
    k = 0
    while k < len(out):
        run = k
        while pair(k, run):
            run += 2
        if (run - k) // 2 >= least:
            merged += [Block(Tok.BULLET, out[j].lines + out[j + 1].lines) for j in range(k, run, 2)]
            k = run
            continue
        merged.append(out[k])
        k += 1
    return merged


def _dated_entries(out: list[Block]) -> list[Block]:
    """A run of names each over its place and date, one a line ("VI Meeting of Ministers" / "Lima, Peru - May
    2040", three or more): a list of meetings, each name and its place one entry."""
    def pair(k: int) -> bool:
        if k + 1 >= len(out):
            return False
        name, when = out[k], out[k + 1]
        return (name.tok is Tok.TEXT and when.tok is Tok.TEXT and len(name.lines) == 1 and len(when.lines) == 1
                and name.heading_like and not _PLACE_DATE_RE.match(name.text) and bool(_PLACE_DATE_RE.match(when.text))
                and when.first.no == name.first.no + 1)

    return _pair_runs(out, lambda _start, j: pair(j), _DATED_ENTRIES)


_SYMBOL_ENTRIES = 3
_ENTRY_TITLE_MAX = 250  # a document's title, not a paragraph


def _symbol_line(line: Line) -> bool:
    """A line that is only a document's symbol ("CIM/RES. 194 (XXIX-O/98)", "CIDI/doc.5/40"), not a series'
    ("OEA/Ser.K/XII.40.1", which a cover prints, never a list)."""
    return line.tok is Tok.TEXT and not line.text.startswith(("OEA/Ser", "OAS/Ser")) and bool(
        SYMBOL_LINE_RE.match(line.text) or DOCUMENT_SYMBOL_RE.match(line.text))


def _entry_title(line: Line) -> bool:
    return line.tok is Tok.TEXT and not _symbol_line(line) and len(line.text) <= _ENTRY_TITLE_MAX


def _issuer(line: Line) -> str:
    """The body a symbol names first ("CIM" of "CIM/RES. 194 (XXIX-O/98)")."""
    return line.text.split("/", 1)[0].strip()


def symbol_entries_at(lines: list[Line], i: int) -> bool:
    """Whether a list of documents begins at line ``i``, each a symbol alone on its line over its title on the
    next line with text, three or more in a row, all of one body (a page listing the resolutions a meeting
    adopted; a cover's symbols, printed one a line between its other lines, are of several: OEA/Ser.W,
    CIDI/doc. 4/06, ...)."""
    shown = [line for line in lines[i:] if line.tok not in (Tok.BLANK, Tok.NOISE)][:2 * _SYMBOL_ENTRIES]
    return (len(shown) == 2 * _SYMBOL_ENTRIES and len({_issuer(line) for line in shown[::2]}) == 1
            and all(_symbol_line(shown[k]) and _entry_title(shown[k + 1]) for k in range(0, len(shown), 2)))


def _symbol_entries(out: list[Block]) -> list[Block]:
    """A run of documents' symbols each over its title (see ``symbol_entries_at``): a list, each symbol and its
    title one entry."""
    def pair(k: int, issuer: str) -> bool:
        if k + 1 >= len(out):
            return False
        symbol, title = out[k], out[k + 1]
        return (symbol.tok is Tok.TEXT and title.tok is Tok.TEXT and len(symbol.lines) == 1 and len(title.lines) == 1
                and _symbol_line(symbol.first) and _issuer(symbol.first) == issuer and _entry_title(title.first))

    return _pair_runs(out, lambda start, j: pair(j, _issuer(out[start].first)), _SYMBOL_ENTRIES)


def _dated_headings(out: list[Block], begins: frozenset[int]) -> list[Block]:
    """A name over its place and date, right under it, the pair between blank lines and text after it ("XXXI OAS
    General Assembly" / "San José, Costa Rica, June 3-5, 2001"): one heading over that text, not two paragraphs.
    A pair over a heading heads nothing: a report signed by its author, where and when, over its annex."""
    def apart(j: int) -> bool:  # a blank line between block ``j`` and the one before it
        return j == 0 or out[j].first.no > out[j - 1].lines[-1].no + 1

    merged: list[Block] = []
    k = 0
    while k < len(out):
        name = out[k]
        when = out[k + 1] if k + 1 < len(out) else None
        if (when is not None and k + 2 < len(out) and not (out[k + 2].subheading or out[k + 2].numbered_heading)
                and apart(k) and apart(k + 2) and name.tok is Tok.TEXT
                and when.tok is Tok.TEXT and name.heading_like and not name.subheading and len(when.lines) == 1
                and when.first.no == name.first.no + 1 and when.start not in begins
                and not _PLACE_DATE_RE.match(name.text) and _PLACE_DATE_RE.match(when.text)):
            merged.append(Block(Tok.TEXT, name.lines + when.lines, subheading=True))
            k += 2
            continue
        merged.append(name)
        k += 1
    return merged


_ROW_NUMBER_RE = re.compile(r"^\(?(?P<num>\d{1,3}|[a-z])[.)º°]?$")
_ROW_CELLS = 3  # a number and at most two cells of text (a recommendation, who is to act on it)
_ROW_LETTERS = 0.6  # of a row's characters, at least this share letters
_ROW_WORDS = 4  # words a row, on average: a provision is a sentence, a name or a date is not
# More cells a row (a work plan's activity, who is responsible, when): only where each row's longest cell is a
# sentence, this many words on average (a table of participants' names and posts is not).
_ROW_CELLS_MAX = 5
_ROW_SENTENCE_WORDS = 7


def _cells(line: Line) -> list[str]:
    return [" ".join(c.split()) for c in line.raw.strip().strip("|").split("|")]


def numbered_table_at(lines: list[Line], i: int) -> bool:
    """Whether a table whose rows are numbered in their first cell begins at line ``i`` (its header row over a
    rule, or its first row): a report's recommendations or a work plan's activities laid out as a table."""
    if "|" not in lines[i].raw or i + 1 >= len(lines):
        return False
    rows = [line for line in lines[i:i + 3] if "|" in line.raw and not TABLE_RULE_RE.match(line.raw)]
    ruled = any(TABLE_RULE_RE.match(line.raw) for line in lines[i + 1:i + 2])
    return ruled and any(_ROW_NUMBER_RE.match(_cells(row)[0]) for row in rows[:2])


def _numbered_rows(table: list[Line]) -> list[Block]:
    """A table whose rows are numbered in their first cell ("| N.º | Recomendación |" over "| 1 | Continuar
    ... |"), as an office lays out a report's recommendations: one numbered part a row (its other cells its
    text; a row with an empty first cell goes on with the one before); its header row is no part. [] if the
    table is not such."""
    top = _cells(table[0])
    headed = not (_ROW_NUMBER_RE.match(top[0]) and len(top) > 1)  # a first row numbered is a row
    rows = [line for line in (table[1:] if headed else table) if not TABLE_RULE_RE.match(line.raw)]
    cells = [_cells(row) for row in rows]
    if len(rows) < 2 or not _ROW_NUMBER_RE.match(cells[0][0]):
        return []
    # more cells than a number and two: a work plan's (activity, who, when), its texts a cell apart
    width = max(map(len, cells))
    joint = " " if width <= _ROW_CELLS else " | "
    texts = [clean(joint.join(cell for cell in row[1:] if cell)) for row in cells]
    words = [text.split() for text in texts if text]
    letters = sum(c.isalpha() for text in texts for c in text) / max(1, sum(len(text) for text in texts))
    longest = [max((len(cell.split()) for cell in row[1:]), default=0) for row in cells]
    sentences = sum(longest) >= _ROW_SENTENCE_WORDS * len(longest)  # each row says something: an activity
    if ((width > _ROW_CELLS and not (width <= _ROW_CELLS_MAX and sentences))
            or letters < _ROW_LETTERS or sum(map(len, words)) < _ROW_WORDS * len(words)):
        return []  # a numbered table of figures, names or dates (a budget, the participants): not provisions
    blocks: list[Block] = []
    for row, (first, *_), body in zip(rows, cells, texts, strict=True):
        number = _ROW_NUMBER_RE.match(first)
        if number is not None and body:
            tok = Tok.NUMBERED if number["num"].isdigit() else Tok.LETTERED
            blocks.append(Block(tok, [replace(row, tok=tok, num=number["num"], body=body, text=f"{first} {body}")]))
        elif not first and body and blocks:
            blocks[-1].lines.append(replace(row, tok=Tok.TEXT, body=body, text=body))
        else:
            return []
    return blocks


_PAIR_WORDS = 12


def _titles_pair(out: list[Block], k: int) -> bool:
    """A heading over its subheading, both short lines in mixed case with no colon, the pair standing alone
    before prose or a list ("Mandates for Action" / "Education" / "Recognizing that ..."). Not a run of three or
    more such lines: a speech's addressees, a page's titles, a greeting in several languages."""
    def title(j: int) -> bool:
        if not 0 <= j < len(out):
            return False
        b = out[j]
        dated = any(w.strip(",.").lower() in MONTHS for w in b.text.split())  # "Tuesday, June 4" under a heading
        return (b.tok is Tok.TEXT and b.heading_like and ":" not in b.text  # not "Label: value"
                and not is_upper(b.text) and not dated and len(b.text.split()) <= _PAIR_WORDS
                and not RESOLUTION_CUE_RE.match(b.text) and not SALUTATION_RE.match(b.text))

    first = k if title(k + 1) else k - 1
    if not (title(first) and title(first + 1)) or first + 2 >= len(out) or (first > 0 and out[first - 1].heading_like):
        return False
    prose = out[first + 2]
    return prose.tok in (Tok.BULLET, Tok.NUMBERED, Tok.LETTERED) or (prose.tok is Tok.TEXT and not prose.heading_like)


def _heads_pair(out: list[Block], k: int) -> bool:
    """A heading in capitals over a subheading in mixed case, the pair standing alone before prose
    or a list ("WORKING GROUP 1" / "The impact of trade on employment" / "- A recent study ...")."""
    first = k if k + 1 < len(out) and is_upper(out[k].text) else k - 1
    if first < 0 or first + 2 >= len(out):
        return False
    upper, lower, prose = out[first], out[first + 1], out[first + 2]
    worded = not any(c.isdigit() for c in lower.text) and any(
        w.isalpha() and w.islower() for w in lower.text.split())  # "Report of the OAS", not "Tuesday, June 4"
    return (upper.heading_like and is_upper(upper.text) and lower.heading_like and not is_upper(lower.text) and worded
            and not lower.text.endswith(":") and (first == 0 or not out[first - 1].heading_like)
            and (prose.tok in (Tok.BULLET, Tok.NUMBERED, Tok.LETTERED)
                 or (prose.tok is Tok.TEXT and not prose.heading_like))
            and not RESOLUTION_CUE_RE.match(upper.text) and not RESOLUTION_CUE_RE.match(lower.text))


_CAPS_LABEL_WORDS = 8
_CAPS_OPENERS = frozenset({"OF", "THE", "AND", "IN", "FOR", "ON", "TO", "DE", "DEL", "LA", "LAS", "LOS", "EL", "Y",
                           "EN", "PARA", "A", "AL"})


# A lead-in in capitals to what the authors declare, adopt or resolve ("WE DECLARE THE FOLLOWING:", "ACORDAMOS LO
# SIGUIENTE:", "HEREBY RESOLVES:"): part of the operative text, not a heading over it.
_CAPS_LEAD_IN_RE = re.compile(
    r"\b(?:WE|HEREBY|NOS|NOSOTROS)\b|\b(?:FOLLOWING|SIGUIENTES?)\b|^\W*[A-ZÁÉÍÓÚÑ]{3,}MOS\b|"
    r"^\W*(?:ADOPT|APPROVE|DECLARE|RESOLVE|DECIDE|AGREE|COMMIT|URGE|INSTRUCT|ENCOURAGE|REQUEST)S?\b")


def _caps_label(block: Block) -> bool:
    """A short line in capitals that names a part ("DOCUMENTS FOR THE MEETING", "MAIN OUTCOMES:"): two words at
    least (a preamble's verb alone is no heading: "RESUELVE:", "DECLARAMOS:"), not a preamble's cue, not a line
    that carries on a title in capitals ("OF THE MEETING ...", "... TO:")."""
    words = block.text.removesuffix(":").split()
    return (block.heading_like and is_upper(block.text) and 2 <= len(words) <= _CAPS_LABEL_WORDS
            and block.text[:1].isalpha() and words[0] not in _CAPS_OPENERS and words[-1] not in _CAPS_OPENERS
            and not RESOLUTION_CUE_RE.match(block.text) and not _CUE_ALONE_RE.match(block.text)
            and not (block.text.endswith(":") and _CAPS_LEAD_IN_RE.search(block.text)))


def _caps_heading(out: list[Block], k: int) -> bool:
    """A heading in capitals over content though short lines follow it (a page's "DOCUMENTS FOR THE MEETING" over
    its list of documents, "MAIN OUTCOMES:" over bullets), or a pair of them, a heading and its subheading
    ("PREPARATORY MEETING" / "DOCUMENTS FOR THE MEETING"). Not a line of a run of three or more in capitals (a
    title printed over several lines), nor one opening the body (the document's own title, left there)."""
    def caps(j: int) -> bool:
        return 0 <= j < len(out) and out[j].heading_like and is_upper(out[j].text)

    first = k - 1 if caps(k - 1) else k  # the pair's first line, when this is its second
    if not _caps_label(out[k]) or first == 0 or caps(first - 1) or (first < k and caps(k + 1)):
        return False
    if first < k and not _caps_label(out[first]):
        return False
    last = k + 1 if caps(k + 1) else k  # the pair's second line, when this is its first
    if last > k and (not _caps_label(out[last]) or caps(last + 1)):
        return False
    after = out[last + 1] if last + 1 < len(out) else None
    return after is not None and after.tok is not Tok.SECTION


_LABEL_WORDS = 6
_TITLE_LINE_MAX = 90


def _heads_titles(out: list[Block], k: int) -> bool:
    """A short label ending with a colon (or naming documents: "Documents of reference") over a run of titles, one
    a line or a bullet ("Documents of the Meeting:" / "Participants List" / "Report of Working Group 1"): a page's
    part listing documents, headed by its label. Not over sentences: a lead-in ("Specific objectives:" / "-
    Identify ...;")."""
    block = out[k]
    titles = out[k + 1:k + 3]
    # a label ends with its colon, or names documents ("Documents of reference" / "Preliminary Agenda" / ...)
    documents = bool(_DOCUMENTS_LABEL_RE.match(block.text))
    words = len(block.text.split())
    return (block.heading_like and (block.text.endswith(":") or documents)
            and words <= (_DOCUMENTS_LABEL_WORDS if documents else _LABEL_WORDS)
            and not is_upper(block.text) and not RESOLUTION_CUE_RE.match(block.text)
            and not _CUE_ALONE_RE.match(block.text) and len(titles) == 2 and all(map(_title_entry, titles)))


_DOCUMENTS_LABEL_WORDS = 10  # "Documents considered and that resulted from the meeting"
# the word naming documents opens the label, or follows one qualifier ("Relevant documents", "Supporting documents",
# misspelt as hosts print them: "Relavant documents"); a clause about documents has more words before it
_DOCUMENTS_LABEL_RE = re.compile(r"^(?:[^\W\d_]{3,}\s+)?(?:documents?|documentos?|publications?|publicaciones)"
                                 r"\b[^.:;]*$", re.IGNORECASE)


def _title_entry(b: Block) -> bool:
    """A title alone on its line, as a page lists its documents: short, capitalised, no sentence."""
    text = b.lines[0].body
    return (b.tok in (Tok.TEXT, Tok.BULLET) and len(b.lines) == 1 and len(text) <= _TITLE_LINE_MAX
            and text[:1].isupper() and text[-1:] not in _SENTENCE_END + ",")


def _next_shown(lines: list[Line], i: int) -> int | None:
    """The index of the first line from ``i`` on that is neither blank nor noise."""
    return next((j for j in range(i, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)), None)


def _is_numbered_heading(block: Block, following: Block | None, previous: Block | None = None) -> bool:
    """A numbered line that is a heading: no closing stop, followed by text or lettered items, and
    in title case or short ("1. Adoption of the agenda", "1) In the area of employment"); not one going on
    from a numbered paragraph before it (its stop dropped: "1. Review the progress made. / 2. Prepare the
    agenda")."""
    if (block.tok is Tok.NUMBERED and following is not None and following.tok is Tok.DECIMAL
            and following.first.num.startswith(block.first.num + ".")):
        return True  # "1. Education" over "1.1 Early childhood"
    if (block.tok is not Tok.NUMBERED or len(block.lines) != 1 or following is None
            or following.tok not in (Tok.TEXT, Tok.LETTERED)):
        return False
    text = block.text
    if following.tok is Tok.LETTERED and text.endswith(".") and len(text) <= _NUMBERED_HEADING_MAX:
        return True  # "1) En el campo del Empleo y el Mercado de Trabajo." over its lettered items
    if (previous is not None and previous.tok is Tok.NUMBERED and not previous.numbered_heading
            and previous.first.num.isdigit() and block.first.num.isdigit()
            and int(block.first.num) == int(previous.first.num) + 1):
        return False
    if text[-1:] in _SENTENCE_END + "," or len(text) > _HEADING_MAX:
        return False
    words = text.split()
    capitalised = sum(w[:1].isupper() for w in words if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words)
    return len(text) <= _NUMBERED_HEADING_MAX or (long_words > 0 and capitalised >= 0.6 * long_words)


def _is_subheading(previous: Block | None, block: Block, following: Block | None) -> bool:
    """A heading-like block standing alone (not in a run of such lines) before some content.

    A label ending with a colon heads a subsection only when prose follows it; before a list or
    numbered paragraphs it is the lead-in of what follows.
    """
    if not block.heading_like or (previous is not None and previous.heading_like and not previous.text.endswith(":")):
        return False
    if RESOLUTION_CUE_RE.match(block.text) or _CUE_ALONE_RE.match(block.text) or SALUTATION_RE.match(block.text):
        return False  # a preamble's lead-in; a speech's salutation ("Señores", "Good morning to you all:")
    if block.text.endswith(":") and _MODAL_RE.search(block.text):
        return False  # a clause leading in what its subject is to do ("Governments will:"), no heading
    if following is None or following.tok is Tok.SECTION:
        return False
    if following.heading_like and not following.text.endswith(":"):
        return False
    return following.tok is Tok.TEXT if block.text.endswith(":") else True
