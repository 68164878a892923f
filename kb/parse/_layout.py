"""The layout layer: the untouched source cut into segments, each a span of it.

Real documents come as their hosts stored them: a whole page on one line, numbered items run
together (``... democratic governance. b. To promote ...``), a heading glued to its first sentence
(``I. INTRODUCCIÓN El Plan de Acción ...``), a cover glued to the opening paragraph. This module
cuts such lines where a reader sees a new part begin. Nothing here changes the text: a segment is
a ``(start, end)`` span of the source, so every later span and quote points into the file as
received.

A cut is made only where the numbering says a new part begins: the next number of the running
sequence (or a ``1.`` after a colon), the next letter after a lead-in, the next section heading of
the document's sequence followed by capitals, a bullet sign, or the opening words of a ministerial
text after a cover (in the text's first line, its first sentence after a cover's note, date or title
in capitals; in any line, a speech's greeting after its title in capitals and its speaker); or where a
resolution's wording does: a preamble clause (in capitals, or in sentence case after a ";" or the subject,
or after the signatories opening the line: "We, the Heads of State ..., Underscoring ..."), the subject
("LA ASAMBLEA GENERAL,"), the operative part after "RESUELVE:"; or around a heading in capitals between two
sentences. A short numbered heading glued to its first sentence (``1. Convocatoria La Asamblea ...``) is cut
from it, and so is a short label ending a sentence's piece before the next item (``... in April. Resolutions
adopted:``).

A slide host's transcript prints each slide on one line (after its number, or under the host's rule), its
title glued to its text: the slide is cut into its title (a heading, ended by a title printed before or the
deck's own title, its spaces aside, a question, the noun naming the slide's part or the first bullet), its text
and its bullets, its number left out; a diagram's numbers, 1, 2 ..., printed before its bullets are no part of the
text before them. A document host's "Transcription" of a PDF, a page a line after its number, is read the same way.
A news page's link to the rest of a story ("Read more >>") is cut from the summary it ends.

A message forwarded by a mailing list prints the text it forwards with each line quoted ("> FOREWORD"): the
quote mark is no part of the line's text, which begins after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

__all__ = ["PREAMBLE_CUES", "SENTENCE_STARTERS", "Segment", "follows", "segments"]


@dataclass(frozen=True)
class Segment:
    """A span of the source: all of a physical line, or the part of it that one item occupies."""

    no: int  # 1-based physical line of ``start``
    start: int
    end: int  # exclusive; never includes the line end
    inline: bool = False  # cut out of a longer line
    heading: bool = False  # a slide's title: it heads what follows it
    slide: bool = False  # a slide's first part (after the deck's title slide), titled or not
    quoted: bool = False  # a line of the text a forwarded message quotes, after its quote mark


# A cut is looked for only in lines at least this long: shorter ones are one item each.
_CUT_MIN_LINE = 160

_CAP = "A-ZÁÉÍÓÚÑÜ"
# A number or letter opening an item inside a line: "... 2005) 1. We", "... governance. b. To".
_INLINE_NUMBER_RE = re.compile(rf"(?<=\s)(\d{{1,2}})\.\s+(?=[¿¡\"“‘'(]?[{_CAP}a-záéíóúñ])"
                               rf"|(?<=[\s:;])(\d{{1,2}})\.(?=[{_CAP}][a-záéíóúñ]{{2}})")  # or its stop glued to it
# The word before an article's number ("Artículo 1. La Presidencia ..."): the number is the article's own.
_ARTICLE_WORD_RE = re.compile(r"(?:\b(?:Art[íi]culo|ART[ÍI]CULO|Article|ARTICLE)|\b(?:Art|ART)\.)\s+$")
# (an item in lower case, "...; b) promover ...", only in a list after ":" or ";": see ``_cuts``)
_INLINE_LETTER_RE = re.compile(rf"(?<=\s)(?:\(([a-z])\)|([a-z])[.)])\s+(?=[¿¡\"“‘']?[{_CAP}a-záéíóúñ])")
# An item cut out of a line is at least this long, unless the item before it ended with ";": short
# enumerations inside a sentence ("organized around: 1. training, 2. awareness, ...") stay whole.
_INLINE_ITEM_MIN = 50
# A section heading inside a line: "... Follow-up of A. ORGANIZATION 2. The", "TRABAJO I. INTRODUCCIÓN El".
# The word before a chapter's mark ("CAPÍTULO I. PARTICIPANTES" in a run of text).
_CHAPTER_WORD_RE = re.compile(r"\b(?:CAP[ÍI]TULO|Cap[íi]tulo|CHAPTER|Chapter)\s+$")
_INLINE_SECTION_RE = re.compile(rf"(?<=\s)([IVX]{{1,5}}|[A-H])\.\s*(?=[{_CAP}][{_CAP}\-]+\b)")
_INLINE_BULLET_RE = re.compile(r"(?<=\s)[•▪]\s+(?=\S)")
# A dash a host left for a bullet in a line it ran together ("... sociales”. - El diálogo es ..."): a bullet
# where at least two follow a sentence's end (the first may follow a heading: "Conclusiones - Si bien").
_INLINE_DASH_RE = re.compile(rf"(?<=\s)-\s+(?=[¿¡\"“]?[{_CAP}])")
_DASH_RUN = 2
_LABEL_AFTER_RE = re.compile(r"[\w/]+(?:\s[\w/]+)?\s*:")
# A line holding this many bullet signs after its start is a list the host ran together (a slide, a
# flattened page): every sign begins an item, however short.
_BULLET_RUN = 2
# The opening words of a ministerial text ("WE, THE MINISTERS ...", "LAS MINISTRAS Y LOS MINISTROS").
_OPENING_RE = re.compile(
    r"(?<=\s)(?:WE|We|NOSOTROS|Nosotros|LAS MINISTRAS|Las Ministras|LOS MINISTROS|Los Ministros|"
    r"THE MINISTERS|The Ministers|Reunid[oa]s en|REUNID[OA]S EN)\b[ ,]")
# The words in capitals that open each clause of a resolution or declaration's preamble and operative
# part, as OAS and UN texts print them ("REAFFIRMING the commitment ...; RECOGNIZING ...; RESOLVES:").
PREAMBLE_CUES = (
    r"HAVING SEEN|HAVING CONSIDERED|HAVING EXAMINED|HAVING HEARD|HAVING RECEIVED|CONSIDERING|BEARING IN MIND|"
    r"RECALLING|REAFFIRMING|REITERATING|RECOGNIZING|CONFIRMING|AFFIRMING|INSPIRED|GUIDED|EXPRESSING|"
    r"ACKNOWLEDGING|NOTING|TAKING INTO ACCOUNT|TAKING NOTE|WELCOMING|EMPHASIZING|STRESSING|UNDERSCORING|"
    r"HIGHLIGHTING|CONVINCED|AWARE|CONCERNED|RESOLVES?|DECIDES?|VISTOS?|CONSIDERANDO|TENIENDO (?:EN CUENTA|PRESENTE)|"
    r"RECORDANDO|REAFIRMANDO|REITERANDO|RECONOCIENDO|TOMANDO (?:NOTA|EN CUENTA)|ACOGIENDO|DESTACANDO|SUBRAYANDO|"
    r"SEÑALANDO|OBSERVANDO|CONVENCID[OA]S|CONSCIENTES|PREOCUPAD[OA]S|CONFIRMANDO|AFIRMANDO|INSPIRAD[OA]S|"
    r"GUIAD[OA]S|EXPRESANDO|RESUELVE|DECIDE|"
    # Portuguese, where it differs: "TENDO VISTO", "LEVANDO EM CONTA:", "RECONHECENDO"
    r"TENDO (?:VISTO|EM CONTA|PRESENTE)|LEVANDO EM CONTA|RECONHECENDO|SALIENTANDO|SUBLINHANDO|EXPRESSANDO|ACOLHENDO")
_MARK_BEFORE_RE = re.compile(r"(?:^|\s)(?:\d{1,3}[.)]|\(?[a-z]\)|[a-z]\.|bis\.|ter\.)\s*$")
_INLINE_CUE_RE = re.compile(rf"(?<=\s)(?:{PREAMBLE_CUES})(?=[\s:,])")
# The body that a resolution's text names as its subject, in capitals ("... 2015) LA ASAMBLEA GENERAL,").
_SUBJECTS = (r"(?:THE GENERAL ASSEMBLY|LA ASAMBLEA GENERAL|A ASSEMBL[EÉ]IA GERAL|THE PERMANENT COUNCIL|EL CONSEJO "
             r"PERMANENTE|O CONSELHO PERMANENTE),")
_INLINE_SUBJECT_RE = re.compile(rf"(?<=[.)]\s){_SUBJECTS}(?=\s+(?i:{PREAMBLE_CUES})\b)")
_SUBJECT_BEFORE_RE = re.compile(rf"{_SUBJECTS}\s*$")
_SUBJECT_RE = re.compile(_SUBJECTS)
# The signatories opening a line as its subject: "We, the Heads of State ...", "Nosotros, los Ministros ...".
_SIGNATORIES_OPENING_RE = re.compile(r"^\W*(?:we|nosotr[oa]s|nous|nós)\s*,\s*(?:the|los|las|les|os|as)\s",
                                     re.IGNORECASE)
# An operative part's word followed by a colon ("RESUELVE:", "DECIDES:"): what follows is a paragraph of its own.
# A preamble's clause word keeps its text on its line ("VISTOS: El Capítulo ...", "CONSIDERING: That ..."): one
# paragraph.
_OPERATIVE_CUE_RE = re.compile(rf"(?<![^\s])(?:RESOLVES?|DECIDES?|RESUELVEN?|DECIDEN?):\s+(?=[¿¡\"“‘(]?[{_CAP}])")
# The same words in sentence case ("...; Teniendo en cuenta que ..."): a new clause after a ";" or the
# subject.
_INLINE_CLAUSE_RE = re.compile(rf"(?<=[;,]\s)(?=(?-i:[{_CAP}][a-záéíóúñ]))(?:{PREAMBLE_CUES})(?=[\s:,])", re.IGNORECASE)
# A clause of a "CONSIDERANDO:" run ("...; Que la Convención ..."; "...; That the Charter ...").
_INLINE_THAT_RE = re.compile(rf"(?<=;\s)(?:Que|That),?\s+(?=[¿¡\"“‘(]?[{_CAP}a-záéíóúñ])")
_COVER_CUE_RE = re.compile(r"Original:|OEA/Ser|/doc\.|\(Adopt|\(Aprobad|\(Adoptad|\(Approved", re.IGNORECASE)
_LEAD_END = ":;"
_HEADING_WORDS = 12  # a heading glued to its first sentence has at most this many words
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


@dataclass
class _Sequence:
    """The numbering a reader follows through the document, to tell a new item from a number in a
    sentence: the last paragraph number, letter and section mark seen."""

    number: int = 0
    letter: str = ""
    section: str = ""

    def next_section(self, mark: str) -> bool:
        if not self.section:
            return mark in ("I", "A")
        return follows(mark, self.section)


def follows(mark: str, before: str) -> bool:
    """Whether section mark ``mark`` is the one after ``before`` (I, II; A, B; 1, 2)."""
    if before in _ROMAN and mark in _ROMAN:
        return _ROMAN.index(mark) == _ROMAN.index(before) + 1
    if before.isdigit() and mark.isdigit():
        return int(mark) == int(before) + 1
    return len(mark) == len(before) == 1 and ord(mark) == ord(before) + 1


_ENTRY_PAGE_RE = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}\b")  # a table of contents' entry: a dot leader, its page
_LINE_NUMBER_RE = re.compile(r"^\s*(\d{1,2})[.)](?:\s|$)")
_LINE_ARTICLE_RE = re.compile(r"^\s*(?:Art[íi]culo|ART[ÍI]CULO|Article|ARTICLE|Art\.|ART\.)\s+(\d{1,2})[.:)]?(?:\s|$)")
_LINE_LETTER_RE = re.compile(r"^\s*\(?([a-z])[.)]\s")
_LINE_SECTION_RE = re.compile(rf"^\s*([IVX]{{1,5}}|[A-H])\.\s*[{_CAP}]")


def _note_line_start(raw: str, seq: _Sequence) -> None:
    """Follow the numbering through lines that begin with a mark (an article's number included)."""
    if m := _LINE_NUMBER_RE.match(raw) or _LINE_ARTICLE_RE.match(raw):
        seq.number, seq.letter = int(m[1]), ""
    elif m := _LINE_LETTER_RE.match(raw):
        seq.letter = m[1]
    elif m := _LINE_SECTION_RE.match(raw):
        seq.section = m[1]


def _before(raw: str, pos: int) -> str:
    """The last non-blank character before ``pos``."""
    stripped = raw[:pos].rstrip()
    return stripped[-1] if stripped else ""


def _cuts(raw: str, seq: _Sequence) -> list[int]:
    """Positions in ``raw`` where a new item begins, in order; updates ``seq`` as a reader would."""
    candidates: list[tuple[int, str, str]] = []
    for m in _INLINE_NUMBER_RE.finditer(raw):  # an article's number: the article begins at its word
        word = _ARTICLE_WORD_RE.search(raw, 0, m.start())
        candidates.append((word.start() if word else m.start(), "number", m[1] or m[2]))
    candidates += [(m.start(), "letter", m[1] or m[2]) for m in _INLINE_LETTER_RE.finditer(raw)]
    for m in _INLINE_SECTION_RE.finditer(raw):  # a chapter's mark: the heading begins at its word
        word = _CHAPTER_WORD_RE.search(raw, 0, m.start())
        candidates.append((word.start() if word else m.start(), "section", m[1]))
    bullets = [m.start() for m in _INLINE_BULLET_RE.finditer(raw) if raw[:m.start()].strip()]
    run = len(bullets) >= _BULLET_RUN
    candidates += [(pos, "run" if run else "bullet", "") for pos in bullets]
    # a caption's label after a dash ("- Photo: OAS.") is no item
    dashes = [m.start() for m in _INLINE_DASH_RE.finditer(raw) if raw[:m.start()].strip()
              and not _LABEL_AFTER_RE.match(raw, m.end())]
    if sum(_before(raw, pos) in ".”\"" for pos in dashes) >= _DASH_RUN:
        candidates += [(pos, "run", "") for k, pos in enumerate(dashes) if k == 0 or _before(raw, pos) in ".”\""]
    candidates += [(m.start(), "cue", "") for m in _INLINE_CUE_RE.finditer(raw)]
    candidates += [(m.start(), "clause", "") for m in _INLINE_CLAUSE_RE.finditer(raw)
                   if m.start() not in {c[0] for c in candidates}]
    candidates += [(m.start(), "clause", "") for m in _INLINE_THAT_RE.finditer(raw)]
    candidates += [(m.start(), "heading", "") for m in _INLINE_SUBJECT_RE.finditer(raw)]
    candidates += [(m.end(), "heading", "") for m in _OPERATIVE_CUE_RE.finditer(raw)
                   if not raw[:m.start()].strip() or _before(raw, m.start()) in ";.:),"]
    for start, end in _caps_headings(raw):
        candidates += [(start, "heading", ""), (end, "heading", "")]
    cuts: list[tuple[int, str]] = []
    for pos, what, mark in sorted(candidates):
        if pos == 0 or not raw[:pos].strip():
            continue
        before = _before(raw, pos)
        if what == "number":
            n = int(mark)
            lower = raw[pos:].split(maxsplit=1)[-1][:1].islower()
            if lower and before not in _LEAD_END:
                continue  # "in 2019. 2. the ...": an item in lower case only in a list after ":" or ";"
            # one number the host lost ("1. ... The Meeting set up ... 3. Information ..."): the one after
            # it must follow in the same line
            skipped = (n == seq.number + 2 and seq.number > 0 and before == "."
                       and re.search(rf"(?<=\s){n + 1}\.\s+[{_CAP}]", raw[pos:]) is not None)
            if n == seq.number + 1 or skipped or (n == 1 and before in _LEAD_END + ".)"):
                seq.number, seq.letter = n, ""
                cuts.append((pos, what))
        elif what == "letter":
            expected = chr(ord(seq.letter) + 1) if seq.letter else "a"
            lower = raw[pos:].split(maxsplit=1)[-1][:1].islower()
            if lower and before not in _LEAD_END:
                continue  # "in 2040 a) the ...": an item in lower case only in a list after ":" or ";"
            if mark == expected and (mark != "a" or before in _LEAD_END):
                seq.letter = mark
                cuts.append((pos, what))
        elif what == "section":
            # the body's first section after a table of contents glued before it on the line ("C. DESARROLLO
            # ....4 Anexo 1 ....9 2 A. ASISTENCIA"): its marks start again
            restart = mark in ("I", "A") and _ENTRY_PAGE_RE.search(raw, cuts[-1][0] if cuts else 0, pos) is not None
            if seq.next_section(mark) or restart:
                seq.section = mark
                cuts.append((pos, what))
        elif what == "clause":
            # in sentence case, in a resolution's text: after its subject ("LA ASAMBLEA GENERAL,"), or
            # after a ";" once the line has named its subject or cut a clause
            resolution = _SUBJECT_RE.search(raw, 0, pos) is not None or any(w == "cue" for _, w in cuts)
            # or after the signatories opening the line ("We, the Heads of State ..., meeting in ..., Underscoring")
            signed = _SIGNATORIES_OPENING_RE.match(raw) is not None and before in ",;"
            if _SUBJECT_BEFORE_RE.search(raw[:pos]) or (before == ";" and resolution) or signed:
                cuts.append((pos, "cue"))
        elif what == "cue":
            # a clause ends where the next one's word in capitals begins (not after its own number)
            clause = raw[cuts[-1][0] if cuts else 0:pos]
            # "THE COMMITTEE, HAVING SEEN" is one clause; "LA ASAMBLEA GENERAL, VISTO" two
            subject = (before == "," and not any(c.islower() for c in clause)
                       and not _SUBJECT_BEFORE_RE.search(raw[:pos]))
            if before in _LEAD_END + ".," and not subject and not _MARK_BEFORE_RE.search(raw[:pos]):
                cuts.append((pos, what))
        elif what in ("run", "heading") or before in _LEAD_END + ".":
            cuts.append((pos, what))
    return _long_enough(raw, cuts)


_WORD_TOKEN_RE = re.compile(r"\S+")
_CAPS_JOINERS = frozenset("DE DEL LA LAS LOS EL Y E EN A AL PARA OF THE AND FOR ON IN TO - –".split())
_QUOTES = "\"“”‘’'«»"
_CAPS_RUN_LETTERS = 12  # a heading in capitals inside a line has at least this many letters
SENTENCE_STARTERS = frozenset("""
    La El Los Las Un Una En De Con Por Para Este Esta Estos Estas Se Al Del Durante Según Como Mediante
    The This These In On At For With By As During It Its Our We Following
    """.split())


def _caps_headings(raw: str) -> list[tuple[int, int]]:
    """Headings in capitals inside a run-on line ("... integrales. ÁREAS DE INTERVENCIÓN 1. Trabajo"):
    a run of words in capitals between the end of a sentence and the start of the next one (a word in
    mixed case, a number); as (start, end) of the run."""
    runs: list[tuple[int, int]] = []
    words = list(_WORD_TOKEN_RE.finditer(raw))
    k = 0
    while k < len(words):
        j = k
        while j < len(words) and _in_caps(words[j].group(), first=j == k):
            j += 1
            if words[j - 1].group().endswith(":"):
                break  # "CONCLUIMOS:" ends a run: a lead-in, not a heading
        if j == k:
            k += 1
            continue
        while j > k and words[j - 1].group() in _CAPS_JOINERS:
            j -= 1
        letters = sum(c.isalpha() for w in words[k:j] for c in w.group())
        listed = any(w.group().endswith(",") for w in words[k:j - 1])  # "ARGENTINA, BRAZIL, CANADA"
        quoted = words[k].group()[:1] in _QUOTES or _before(raw, words[k].start()) in _QUOTES
        if j - k >= 2 and letters >= _CAPS_RUN_LETTERS and j < len(words) and not listed and not quoted:
            nxt = words[j].group()
            starts = (nxt[:1].isupper() and any(c.islower() for c in nxt)) or bool(re.match(r"\d{1,2}[.)]$", nxt))
            after_sentence = _before(raw, words[k].start()) in tuple(".:;)")
            if starts and after_sentence and not words[j - 1].group().endswith((",", ":")):
                runs.append((words[k].start(), words[j - 1].end()))
        k = max(j, k + 1)
    return runs


def _in_caps(word: str, *, first: bool) -> bool:
    letters = [c for c in word if c.isalpha()]
    if word in _CAPS_JOINERS:
        return not first
    return len(letters) >= 2 and not any(c.islower() for c in letters) and not any(c.isdigit() for c in word)


def _long_enough(raw: str, cuts: list[tuple[int, str]]) -> list[int]:
    """Drop cuts that would make short items (a heading may be short), unless the item before
    ended with a semicolon."""
    kept: list[int] = []
    for k, (pos, what) in enumerate(cuts):
        following = cuts[k + 1][0] if k + 1 < len(cuts) else len(raw)
        ended = what == "number" and _before(raw, pos) == "."  # the next paragraph after a full stop, however short
        if what in ("section", "run", "cue", "heading") or ended or following - pos >= _INLINE_ITEM_MIN or ";" in (
                _before(raw, pos), _before(raw, following)):
            kept.append(pos)
    return kept


def _heading_end(raw: str) -> int:
    """Where the capitals of a heading that opens ``raw`` stop and its first sentence begins
    (``I. INTRODUCCIÓN El Plan ...`` -> before ``El``), or 0 when nothing follows the heading."""
    m = re.match(r"\s*(?:[IVX]{1,5}|[A-H])\.\s*", raw)
    if not m or not re.match(rf"[{_CAP}]{{2}}", raw[m.end():]):
        return _numbered_heading_end(raw)
    pos = m.end()
    last = pos
    for count, word in enumerate(re.finditer(r"\S+", raw[pos:])):
        token = word.group()
        letters = [c for c in token if c.isalpha()]
        if letters and any(c.islower() for c in letters):
            if len(raw) - (pos + word.start()) < 40 or last == m.end():
                return 0
            return last
        if count >= _HEADING_WORDS or token.endswith(","):
            return 0  # a sentence in capitals ("WE, THE MINISTERS OF LABOR, GATHERED ..."), not a heading
        last = pos + word.end()
    return 0


_NUMBERED_HEADING_WORDS = 4
_TAIL_HEADING_WORDS = 4
_TITLE_ABBREVIATIONS = frozenset("sr sra srta dr dra mr mrs ms lic ing amb excmo excma hon prof st gen arq".split())
_PART_TAIL_RE = re.compile(r"(?<=\s)(?:Introduction|Introducci[óo]n|Background|Antecedentes|Preamble|Pre[áa]mbulo|"
                           r"Conclusions|Conclusiones|Recommendations|Recomendaciones|Objectives|Objetivos|"
                           r"DECLARATION|DECLARACI[ÓO]N)\s*$")
_TAIL_HEADING_RE = re.compile(
    rf"(?<=[a-záéíóúñ)]\.\s)[{_CAP}][\w’'-]*(?:\s+[\w’'-]+){{0,{_TAIL_HEADING_WORDS - 1}}}:?\s*$")


def _tail_heading(piece: str) -> int:
    """Where a short heading or label ends a piece that the next item follows (``... the Meeting. Opening
    ceremony`` | ``4. The Meeting ...``; ``... Regional Meeting Introduction`` | ``1. The ...``; ``... in
    April. Resolutions approved:`` | ``• CIDI/RES. 1 ...``), or 0."""
    m = _PART_TAIL_RE.search(piece) or _TAIL_HEADING_RE.search(piece)
    if m is None or m.start() == 0:
        return 0
    stop = piece[:m.start()].rstrip().removesuffix(".").rsplit(None, 1)[-1]
    return 0 if stop.lower() in _TITLE_ABBREVIATIONS else m.start()


def _numbered_heading_end(raw: str) -> int:
    """Where a short numbered heading in mixed case glued to its first sentence ends (``1.
    Convocatoria La Asamblea General ...`` -> before ``La``; ``1. Trabajo Objetivo: Mejorar ...`` ->
    before ``Objetivo:``), or 0."""
    m = re.match(rf"\s*\d{{1,2}}\.\s+(?=[{_CAP}])", raw)
    if not m:
        return 0
    words = list(_WORD_TOKEN_RE.finditer(raw, m.end()))
    for count, word in enumerate(words[1:_NUMBERED_HEADING_WORDS + 1], start=1):
        token = word.group()
        if any(c in ",.;:()" for c in words[count - 1].group()) or words[count - 1].group() in SENTENCE_STARTERS:
            return 0  # "3. In El Salvador, ...": a heading does not end on "In"
        # a label opens what follows ("Objetivo: Mejorar ..."); a colon before words in lower case ends the item's
        # own lead-in ("1. Integración de la Mesa Directiva: se harán consultas ...")
        after = words[count + 1].group() if count + 1 < len(words) else ""
        label = token.endswith(":") and token[:1].isupper() and not after[:1].islower()
        if (token in SENTENCE_STARTERS or label) and len(raw) - word.start() >= 40:
            return words[count - 1].end()
    return 0


def _opening_cut(raw: str, *, first: bool = False) -> int:
    """In a line that begins with a cover (symbols, "Original:", "(Adopted ..."), or in the text's first line
    after its title ("DECLARACIÓN DE QUITO Los Ministros ..."), where the opening paragraph of the text begins
    ("WE, THE MINISTERS ..."), or 0."""
    m = _OPENING_RE.search(raw)
    if m is None:
        return 0
    cover = raw[:m.start()]
    return m.start() if _COVER_CUE_RE.search(cover) or (first and _title_only(cover)) else 0


# The words a title or a cover's place and date print in lower case: joining words and months.
_TITLE_LOWER = frozenset("""
    de del la las los el y e en a al para por con sobre of the and for on in to at
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    """.split())


def _title_only(cover: str) -> bool:
    """Whether ``cover`` is a title (and the place and date under it) and nothing else: no sentence ends in it, and
    every word in it that opens in lower case is a joining word or a month."""
    words = cover.split()
    return (bool(words) and _SENTENCE_END_RE.search(cover) is None
            and all(w.strip(",.:;()") in _TITLE_LOWER for w in words if w[:1].islower()))


# Where a cover glued to the text's first sentence may end: a note in parentheses closes ("(Presented by ...)"),
# a date's year does, with the place after it ("2015 Panama, Panama"), or a title in capitals.
_NOTE_END_RE = re.compile(r"\)(?=\s)")
_YEAR_END_RE = re.compile(rf"(?<![\w/.-])(?:19|20)\d{{2}}\b(?![/.-]\w)"
                          rf"(?:\s+[{_CAP}][\w.]*(?:\s[{_CAP}][\w.]*)?,\s+[{_CAP}]\w*(?=\s+[{_CAP}]))?")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_SYMBOL_RE = re.compile(r"Original\s*:|OEA/Ser|/doc\.", re.IGNORECASE)  # never in a sentence
# A sentence's end: a word's stop, then the next sentence's capital.
_SENTENCE_END_RE = re.compile(rf"(?<=[a-záéíóúñ)]{{2}}[.!?])\s+(?=[¿¡\"“]?[{_CAP}])")
_CAPS_RUN = 3  # words in capitals in a row: a title
_COVER_LOWER = 0.3  # a cover's words are capitalised, in capitals, numbers or symbols, but for a few
_PROSE_LOWER = 0.4  # a sentence's words in lower case, at least: over the whole sentence and its opening words
_PROSE_WORDS, _PROSE_OPENING, _PROSE_SPAN = 8, 12, 80


def _lower_share(words: list[str]) -> float:
    return sum(w[:1].islower() for w in words) / len(words) if words else 0.0


def _caps_run_ends(raw: str, stop: int) -> list[int]:
    """Where each run of words in capitals (a title) before ``stop`` ends: the start of the word after it, or
    the end of the last."""
    out: list[int] = []
    run = 0
    last = 0
    for word in _WORD_TOKEN_RE.finditer(raw, 0, stop):
        letters = [c for c in word.group() if c.isalpha()]
        if letters and not any(c.islower() for c in letters):
            run, last = run + 1, word.end()
            continue
        if run >= _CAPS_RUN:
            out.append(word.start())
        run = 0
    return [*out, last] if run >= _CAPS_RUN else out


def _sentence_at(raw: str, pos: int, *, opening: bool = False) -> bool:
    """Whether a sentence in mixed case begins at ``pos``: a capitalised word, then enough words to its end, many
    in lower case from the first ones on (a title that seems to run on into it has few; ``opening``: where a title
    in capitals ends on it, so that the case tells where it begins, only more than a cover's share in its first
    words, as a meeting's name or a list of countries may fill it), no symbol, no title in capitals."""
    first = raw[pos:].split(maxsplit=1)[0].lstrip("¿¡\"“").rstrip(",")
    if not (first[:1].isupper() and first.isalpha() and not first.isupper()):
        return False
    end = _SENTENCE_END_RE.search(raw, pos)
    span = raw[pos:end.start() if end else len(raw)]
    words = span.split()[:_PROSE_SPAN]
    return (len(words) >= _PROSE_WORDS and not _SYMBOL_RE.search(span)
            and not _caps_run_ends(span, len(span))
            and (_lower_share(words[:_PROSE_OPENING]) >= _COVER_LOWER if opening
                 else min(_lower_share(words), _lower_share(words[:_PROSE_OPENING])) >= _PROSE_LOWER))


_CAPS_COVER_WORDS = 5  # a meeting's name and the text's title in capitals, no numbered heading, are this long
# What a cover in capitals is not: a numbered heading ("I. INTRODUCCIÓN ..."), the heading of a part
# ("ANTECEDENTES DE LA RED ...", "BACKGROUND TO THE MEETING ...").
_NOT_CAPS_COVER_RE = re.compile(
    r"^\s*(?:(?:[IVXLC]+|[A-Z]|\d{1,2})[.)]|(?:introduction|introducci[óo]n|background|antecedentes|context|"
    r"contexto|pre[áa]mbulo|preamble|objetivos?|objectives?|justificaci[óo]n|rationale|resumen|summary)\b)",
    re.IGNORECASE)


def _caps_cover(cover: str) -> bool:
    """Whether ``cover`` is all in capitals, long enough for a meeting's name and a title ("VII CONFERENCIA
    REGIONAL SOBRE MIGRACION COMUNICADO CONJUNTO"), and no heading (see ``_NOT_CAPS_COVER_RE``) nor a resolution's
    subject, which ends on a comma ("EL CONSEJO PERMANENTE ...,")."""
    words = [w for w in cover.split() if any(c.isalpha() for c in w)]
    return (len(words) >= _CAPS_COVER_WORDS and not _NOT_CAPS_COVER_RE.match(cover)
            and not cover.rstrip().endswith(",") and not any(c.islower() for w in words for c in w))


def _cover_cut(raw: str) -> int:
    """In the text's first line, where its first sentence begins after a cover printed on the same line (symbols
    or a date, a title, a note of who presented it): after a note, a date or a title, where a sentence begins
    before any other has ended, the words before it being a cover's (few in lower case); or 0."""
    first_end = _SENTENCE_END_RE.search(raw)
    limit = first_end.start() if first_end else len(raw)
    ends = ({m.end() for m in _NOTE_END_RE.finditer(raw, 0, limit)}
            | {m.end() for m in _YEAR_END_RE.finditer(raw, 0, limit)} | set(_caps_run_ends(raw, limit)))
    for end in sorted(ends):
        cover = raw[:end]
        capitals = _caps_cover(cover)
        if not (_SYMBOL_RE.search(cover) or _YEAR_RE.search(cover) or capitals) or \
                _lower_share(cover.split()) >= _COVER_LOWER:
            continue
        pos = end + len(raw[end:]) - len(raw[end:].lstrip())
        # after a title in capitals, a place and its comma ("Managua, Nicaragua, ...") goes on with the cover
        if capitals and raw[pos:].split(maxsplit=1)[0].endswith(","):
            continue
        if pos < limit and _sentence_at(raw, pos, opening=capitals):
            return pos
    return 0


# A speech's greeting, its first words ("Buenos días, Permítanme ..."): inside a line, only after a cover glued on.
_GREETING_RE = re.compile(r"(?<=\s)(?:Buen(?:os|as) (?:d[íi]as|tardes|noches)|Good (?:morning|afternoon|evening)|"
                          r"Señoras y señores|Ladies and gentlemen|Senhoras e senhores|Bom dia|Boa tarde|Bonjour)\b")


def _greeting_cut(raw: str) -> int:
    """In a line holding a speech's cover and its text (a host's transcription: "CONCLUSIONES DEL CONGRESO <speaker>
    - <office> Buenos días, ..."), where the text begins: at the greeting, the words before it opening with a title
    in capitals, few in lower case and no sentence ending in them; or 0."""
    m = _GREETING_RE.search(raw)
    if m is None:
        return 0
    cover = raw[:m.start()]
    words = cover.split()
    titled = len(words) > _CAPS_RUN and all(_in_caps(w, first=k == 0) for k, w in enumerate(words[:_CAPS_RUN]))
    if not titled or _SENTENCE_END_RE.search(cover) or _lower_share(words) >= _COVER_LOWER:
        return 0
    return m.start() if _sentence_at(raw, m.start()) else 0


# A slide host's caption over the deck's transcript ("... — Presentation transcript:", "Presentation Transcript"):
# each slide after it is printed on one line after its number, its title glued to its text.
_DECK_TRANSCRIPT_RE = re.compile(r"\bPresentation transcript:?\s*$", re.IGNORECASE)
_SLIDE_NUMBER_RE = re.compile(r"^\s*(\d{1,3})\.?\s+(?=\S)")
_SLIDE_TITLE_WORDS = 12  # a slide's title has at most this many words
_SLIDE_NAME_WORDS = 3  # a title naming a slide's part ("RIAL Background") ends on its noun within these words
# The nouns a slide's title names its part by ("Background", "Research Project", "Resultados").
_SLIDE_PART_RE = re.compile(
    r"\b(?:Background|Context|Introduction|Overview|Outcomes?|Outputs?|Results?|Achievements|Methodology|Mandates?|"
    r"Tools|Project|Objectives|Activities|Challenges|Conclusions|Recommendations|Lessons Learned|Next Steps|"
    r"Antecedentes|Contexto|Introducci[óo]n|Resultados|Logros|Metodolog[íi]a|Mandatos?|Herramientas|Proyecto|"
    r"Objetivos|Actividades|Desaf[íi]os|Retos|Conclusiones|Recomendaciones|Pr[óo]ximos [Pp]asos):?$")
# A title said to go on from the slide before ("Results (cont.)").
_SLIDE_CONTINUED_RE = re.compile(r"[^()•▪]{1,80}?\((?:cont\.?|continued|continuaci[óo]n|contin[úu]a)\)(?=\s+\S)",
                                 re.IGNORECASE)
# A bullet a slide's text opens an item with: a sign, or a dash glued to the item's first word ("-Creation ...").
_SLIDE_BULLET_RE = re.compile(rf"(?<=\s)(?:[•▪]\s*|-(?=[{_CAP}]))")
# A slide that is the deck's table of contents, its heading first or last ("... Results CONTENTS").
_SLIDE_CONTENTS_RE = re.compile(r"^(?:CONTENTS|Contents|CONTENIDO|Contenido|[ÍI]NDICE|[ÍI]ndice|Outline)\b|"
                                r"\b(?:CONTENTS|CONTENIDO|[ÍI]NDICE|Outline)\s*$")


# The rule a slide host draws between its page's furniture and the deck ("- - - E N D - - -").
_DECK_END_RE = re.compile(r"^[\s-]*E N D[\s-]*$")
# A slide's number glued to its title at a line's start, as a deck saved as text prints it ("2Gender Mainstreaming").
_GLUED_SLIDE_RE = re.compile(rf"^(\d{{1,2}})(?=[{_CAP}¿][a-záéíóúñ])")
_GLUED_SLIDES = 3  # so many slides in a row, numbered from 1, make a deck
_GLUED_BULLET_RE = re.compile(r"^\s*(?:[-–•▪●]\s|[•▪●])")


def _glued_slides(physical: list[str]) -> dict[int, int]:
    """A deck saved as text without a host: its slides' titles each on a line after the slide's number glued
    to it, numbered 1, 2, 3 ..., each a title (at most a title's words, no full stop); a footnote's number
    glued to its text opens a sentence."""
    out: dict[int, int] = {}
    expected = 1
    for k, line in enumerate(physical):
        m = _GLUED_SLIDE_RE.match(line)
        if m and int(m[1]) == expected:
            if expected > 1 and (len(line.split()) > _SLIDE_TITLE_WORDS or line.rstrip().endswith(".")):
                return {}
            out[k] = m.end()
            expected += 1
    # a deck's slides list their points: under most titles but the cover's, a bullet (numbered headings glued to
    # their titles head prose)
    bulleted = sum(1 for k in list(out)[1:] if k + 1 < len(physical) and _GLUED_BULLET_RE.match(physical[k + 1]))
    return out if len(out) >= _GLUED_SLIDES and 2 * bulleted >= len(out) - 1 else {}


# A document host's caption over a PDF's pages transcribed one a line, each after its number ("1 KEY COMPONENTS ...",
# "2" for a page left blank, "3 Message from ... It is an honour ...").
_PAGES_CAPTION_RE = re.compile(r"^\s*Transcription\s*$", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^\s*(\d{1,3})(?:\s+(?=[^\d\s.)])|\s*$)")
_PAGES = 3  # so many pages in a row, numbered from 1, make a transcription


def _transcribed_pages(physical: list[str]) -> dict[int, int]:
    """The pages of a document host's transcription after its caption, a line each after the page's number, numbered
    1, 2, 3 ... with nothing else between them (a numbered paragraph, "1. ...", is none): read as a deck's slides
    are, the first page its cover, each further page's title cut from its text. A page left blank has its number
    alone."""
    caption = next((k for k, line in enumerate(physical) if _PAGES_CAPTION_RE.match(line)), None)
    if caption is None:
        return {}
    out: dict[int, int] = {}
    expected = 1
    for k in range(caption + 1, len(physical)):
        if not physical[k].strip():
            continue
        m = _PAGE_NUMBER_RE.match(physical[k])
        if m is None or int(m[1]) != expected:
            return {}
        if physical[k][m.end():].strip():
            out[k] = m.end()
        expected += 1
    return out if expected > _PAGES else {}


def _slides(physical: list[str]) -> dict[int, int]:
    """The lines of a slide host's transcript that are slides, numbered 1, 2, 3 ... after the host's caption (or
    a deck's slides whose numbers are glued to their titles): for each (by its index) where its text begins
    after the slide's number, which is no part of it."""
    out: dict[int, int] = {}
    caption = next((k for k, line in enumerate(physical) if _DECK_TRANSCRIPT_RE.search(line)), None)
    end = next((k for k, line in enumerate(physical) if _DECK_END_RE.match(line)), None)
    if caption is None and end is not None:  # a slide host's page that prints the slides unnumbered, a line each
        return {k: len(line) - len(line.lstrip()) for k, line in enumerate(physical) if k > end and line.strip()}
    if caption is None:
        return _glued_slides(physical) or _transcribed_pages(physical)
    expected = 1
    for k in range(caption + 1, len(physical)):
        m = _SLIDE_NUMBER_RE.match(physical[k])
        if m and int(m[1]) == expected:
            out[k] = m.end()
            expected += 1
    return out


# The deck's title on its title slide, over its subtitle after a colon ("Meetings of ...: Background and scope").
_DECK_TITLE_RE = re.compile(r"^\s*([^:•▪]{12,160}?):\s")


def _deck_title_end(body: str, title: str) -> int:
    """Where the deck's title, repeated as a slide's heading, ends at the start of ``body``, its spaces aside (a
    host's text may run its words together: "Meetings ofMinisters ..."), with a new sentence or a bullet after it;
    0 where it is not."""
    k = 0
    for char in title:
        if char.isspace():
            continue
        while k < len(body) and body[k].isspace():
            k += 1
        if k >= len(body) or body[k] != char:
            return 0
        k += 1
    rest = body[k:]
    if not rest[:1].isspace() or not rest.strip():
        return 0
    nxt = rest.lstrip()[:1]
    return k if nxt.isupper() or nxt in "•▪¿" + _QUOTES else 0


_ACRONYM_END_RE = re.compile(r"^\([A-Z][A-Z-]{1,10}\)$")  # a name's acronym closing a title: "(CANTA)"


def _slide_title_end(body: str, titles: list[str], deck: str = "") -> int:
    """Where the title of a slide's text glued after it ends, or 0 where nothing tells: a title printed on an
    earlier slide, a question ("What does the RIAL do?"), the noun naming the slide's part within its first
    words ("RIAL Background", "Methodology"), a name's acronym with a sentence after it, or the slide's first
    bullet."""
    if m := _SLIDE_CONTINUED_RE.match(body):  # "Resultados (cont.) 11 Talleres ...": a slide going on from the last
        return m.end()
    for title in titles:
        if body.startswith(title + " ") and body[len(title):].strip():
            return len(title)
    if deck and (end := _deck_title_end(body, deck)):
        return end
    words = list(_WORD_TOKEN_RE.finditer(body))
    for k, word in enumerate(words[:_SLIDE_TITLE_WORDS]):
        if k + 1 == len(words):
            return 0
        token, nxt = word.group(), words[k + 1].group()
        if token.endswith("?"):
            return word.end()
        if token in ("•", "▪"):
            return 0  # the text opens on a bullet: no title
        if _SLIDE_BULLET_RE.match(body, words[k + 1].start()):
            return word.end()
        if _ACRONYM_END_RE.match(token) and nxt[:1].isupper() and k + 2 < len(words) and \
                words[k + 2].group()[:1].islower():
            return word.end()  # "Message from the Association (CANTA) It is an honour ...": a sentence begins
        opens = nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in _QUOTES + "¨¿"
        if k < _SLIDE_NAME_WORDS and opens and _SLIDE_PART_RE.search(body, 0, word.end()):
            return word.end()
    return 0


# A number closing a slide's part before a bullet, after a colon or a closing parenthesis ("... above all: 1 •").
_STRAY_NUMBER_RE = re.compile(r"(?<=[:)])\s+(\d{1,2})$")


def _slide_segments(raw: str, offset: int, no: int, begin: int, titles: list[str], deck: str) -> list[Segment]:
    """A slide printed on one line after its number: its title, then its text, an item a bullet; a table of
    contents' slide none."""
    body = raw[begin:]
    if _SLIDE_CONTENTS_RE.search(body.strip()):
        return []
    head = _slide_title_end(body, titles, deck)
    if not head and len(body.split()) <= _SLIDE_TITLE_WORDS and not body.rstrip().endswith((".", ":", ";", ",")):
        head = len(body.rstrip())  # the slide's title alone on its line, its text on the lines under it
    bounds = [begin]
    if head:
        titles.append(body[:head])
        bounds.append(begin + head)
    bounds += [begin + m.start() for m in _SLIDE_BULLET_RE.finditer(body) if m.start() > head]
    parts = [(s, e) for s, e in pairwise([*bounds, len(raw)]) if raw[s:e].strip()]
    ends = {s: s + len(raw[s:e].rstrip()) for s, e in parts}
    # a diagram's numbers the transcript printed before the slide's bullets, 1, 2 ... in order ("... above all: 1
    # • The Charter (2001) • The Protocol (1988) 2 • ..."): no part of the text before them
    bullets = bounds[1 + bool(head):]
    strays = {s: m for s, e in parts if e in bullets and (m := _STRAY_NUMBER_RE.search(raw, s, ends[s]))}
    if len(strays) >= 2 and [int(m[1]) for m in strays.values()] == list(range(1, len(strays) + 1)):
        ends.update({s: m.start() for s, m in strays.items()})
    return [Segment(no, offset + s, offset + ends[s], True, heading=bool(head) and s == begin, slide=s == begin)
            for s, _ in parts]


# A link to the rest of a story ending its summary on a news page ("... as key inputs. Read more >>").
_READ_MORE_RE = re.compile(r"(?<=[.!?”\"])\s+(?:Read more|Leer m[áa]s|Ver m[áa]s|Continue reading|Seguir leyendo|"
                           r"Leia mais|Saiba mais|Lire la suite)\s*(?:>>|»|\.\.\.|…)?\s*$")


def segments(text: str) -> list[Segment]:
    """The source cut into segments, in order: one per physical line, and several for a line in
    which a reader sees several items begin."""
    out: list[Segment] = []
    seq = _Sequence()
    offset = 0
    physical = text.split("\n")
    slides = _slides(physical)
    first_slide = min(slides, default=-1)  # the deck's title slide: read as any line is
    titles: list[str] = []  # the titles of the slides read so far
    # the deck's title on its title slide, which a slide may repeat as its heading
    deck_title = _DECK_TITLE_RE.match(physical[first_slide][slides[first_slide]:]) if first_slide >= 0 else None
    deck = deck_title[1].strip() if deck_title else ""
    # A page saved with a line break's tag ending its lines ("VISTOS:<br />"): the tags are no text.
    tagged_ends = sum(1 for line in physical if _LINE_END_BREAK_RE.search(line)) >= _HTML_BREAKS
    opened = False  # a line with text came before: only the text's first line may open with its cover
    quoted = _quote_marks(physical)
    for no, line in enumerate(physical, start=1):
        line_end = offset + len(line)
        if no - 1 in slides and no - 1 != first_slide:
            out += _slide_segments(line, offset, no, slides[no - 1], titles, deck)
            opened, offset = True, line_end + 1
            continue
        tags = [(m.start(), m.end()) for m in _HTML_BREAK_RE.finditer(line)]
        # A page saved with its markup on one line: each tag that breaks a line in a browser breaks it here,
        # and the tags themselves are no text.
        markup = len(tags) >= _HTML_BREAKS and "</" in line  # "the <p> element" is a mention, "</p><p>" markup
        if tagged_ends and not markup and (end_tag := _LINE_END_BREAK_RE.search(line)):
            tags, markup = [(end_tag.start(), end_tag.end())], True
        pieces = [(a, b) for (_, a), (b, _) in pairwise([(0, 0), *tags, (len(line), len(line))])] \
            if markup else [(quoted.get(no - 1, 0), len(line))]
        first_piece = len(out)
        for start, end in pieces:
            raw = line[start:end]
            if len(pieces) > 1 and not raw.strip():
                continue
            link = _READ_MORE_RE.search(raw)
            tail = []
            if link and raw[:link.start()].strip():  # a link to the rest of the story, after its first lines
                tail = [Segment(no, offset + start + link.start(), offset + end, inline=True)]
                raw, end = raw[:link.start()], start + link.start()
            if len(raw) < _CUT_MIN_LINE and len(_INLINE_BULLET_RE.findall(raw.lstrip()[1:])) < _BULLET_RUN:
                _note_line_start(raw, seq)
                out.append(Segment(no, offset + start, offset + end))
            else:
                out += _split_line(raw, offset + start, no, seq, first=not opened)
            out += tail
            opened = opened or bool(raw.strip())
        if no - 1 in quoted:
            out[first_piece:] = [replace(piece, quoted=True) for piece in out[first_piece:]]
        offset = line_end + 1
    return out


_QUOTE_RE = re.compile(r"^(?:[ \t]*>)+[ \t]?")
_QUOTED_LINES = 5  # a message forwarded with its lines quoted has a body this long at least
_QUOTED_SHARE = 0.8  # of the lines with text from the first quoted one on, so many are quoted in a forwarded message


def _quote_marks(physical: list[str]) -> dict[int, int]:
    """The width of the quote mark ("> ") of each line of a forwarded message's quoted text (by 0-based line):
    five lines or more quoted, and next to every line with text from the first of them on; a line or two
    opening on ">" ("> 50 % of the members") is text."""
    marks = {k: m.end() for k, line in enumerate(physical) if (m := _QUOTE_RE.match(line)) and line[m.end():].strip()}
    if len(marks) < _QUOTED_LINES:
        return {}
    shown = [k for k, line in enumerate(physical) if k >= min(marks) and line.strip()]
    return marks if len(marks) >= _QUOTED_SHARE * len(shown) else {}


# Markup that breaks a line in a browser: paragraphs, line breaks, list items, headings, table rows.
_HTML_BREAK_RE = re.compile(r"</?(?:p|br|li|h[1-6]|tr|div)\b[^<>]{0,200}>", re.IGNORECASE)
_HTML_BREAKS = 2  # so many tags on a line are markup, not a mention of one
_LINE_END_BREAK_RE = re.compile(r"\s*<br\s*/?>\s*$", re.IGNORECASE)



_ENTRY_MARK_RE = re.compile(r"^(?:(?:[IVX]{1,5}|[A-H]|\d{1,2})\.\s+)")
_LISTED_TITLE_WORDS = (3, 12)  # a title listed in the contents this long is no chance opening of a sentence


def _listed_titles(raw: str, bounds: list[int]) -> list[str]:
    """The titles a table of contents glued onto the line lists, each between the entry before it (or the cut
    before it) and its own dot leader and page, without its mark."""
    titles: list[str] = []
    previous = 0
    for m in _ENTRY_PAGE_RE.finditer(raw):
        start = max([previous, *(b for b in bounds if b <= m.start())])
        title = _ENTRY_MARK_RE.sub("", raw[start:m.start()].strip())
        if _LISTED_TITLE_WORDS[0] <= len(title.split()) <= _LISTED_TITLE_WORDS[1]:
            titles.append(title)
        previous = m.end()
    return titles


def _listed_heading_end(piece: str, listed: list[str]) -> int:
    """Where a heading the contents list ends, when the piece opens with it and its text follows, glued ("Lugar y
    fecha de la reunión Los días 21 y 22 ..."), or 0."""
    if _ENTRY_PAGE_RE.search(piece):
        return 0  # an entry of the contents itself
    lead = len(piece) - len(piece.lstrip())
    for title in listed:
        end = lead + len(title)
        if piece.startswith(title, lead) and piece[end:end + 1] == " " and piece[end + 1:end + 2].isupper():
            return end
    return 0


def _split_line(raw: str, offset: int, no: int, seq: _Sequence, *, first: bool = False) -> list[Segment]:
    _note_line_start(raw, seq)
    # the first sentence after the cover, which may itself open with "We" ("We leave this room ...")
    opening = min((cut for cut in (_opening_cut(raw, first=first), _cover_cut(raw) if first else 0, _greeting_cut(raw))
                   if cut), default=0)
    cuts = _cuts(raw, seq)
    bounds = sorted({0, *cuts, *([opening] if opening else [])})
    pieces: list[tuple[int, int]] = []
    ends = [*bounds[1:], len(raw)]
    for k in range(len(bounds) - 1):  # a heading printed just before the next item: an item of its own
        tail = _tail_heading(raw[bounds[k]:ends[k]])
        if tail:
            bounds.append(bounds[k] + tail)
    bounds.sort()
    listed = _listed_titles(raw, bounds)
    for start, end in zip(bounds, [*bounds[1:], len(raw)], strict=True):
        head = _heading_end(raw[start:end]) or _listed_heading_end(raw[start:end], listed)
        if head:
            pieces += [(start, start + head), (start + head, end)]
        else:
            pieces.append((start, end))
    inline = len(pieces) > 1
    return [Segment(no, offset + s, offset + e, inline) for s, e in pieces if raw[s:e].strip()]
