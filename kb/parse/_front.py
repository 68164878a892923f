"""What is not the body of a document: host banners and site navigation, the cover block, and
tables of contents. This module finds where the body begins and which lines inside it belong to a
table of contents, so that none of them becomes a provision.

The body begins at the first line a reader takes for the text itself: a section heading with
content after it, the first numbered paragraph, the opening of a ministerial text ("We, the
Ministers ...", "Nosotros, los Ministros ..."), a resolution's subject or preamble ("THE GENERAL
ASSEMBLY,", "HAVING SEEN ..."), an agenda's first entry, a speech's first salutation, a meeting page's
list of its documents by symbol (a bullet each, or each symbol over its title: a cover prints
neither) or of its facts (a bullet each), or the first paragraph of prose that is not a cover line. The heading
printed just before it goes with it,
unless it opens the text (a part's: "Preámbulo", "RATIONALE AND BACKGROUND"; a question: "What is
the RIAL?"; the first of a numbering: "1. Introducción y antecedentes"; a day's over its agenda);
a part's word alone ("BACKGROUND") goes with it even there, no document being titled so; and so do
the first lines of its first paragraph, hard-wrapped above it. A document host's summary
over its transcript of the text ("Transcript of ...", "Transcription") is never the body, nor is an
editor's note announcing the text ("A continuación se transcribe íntegramente la Declaración:"), nor a
news story's headline, standfirst and captions over its dateline ("SANTO DOMINGO. Los ministros ..."), nor the
text's first line and a copy of it right under it, case aside (a host's lowercased copy of the cover line), nor
a site's lines down to its breadcrumb trail ("You are here:", "Está en:" and the pages leading to this one), nor a
speech page's cover over its first salutation (the occasion, the date, the speaker: one line naming the speech, one
dated), nor a cover a host glued in front of the first numbered paragraph on one line (a page flattened), nor a
search host's snippet of the document over its copy (pieces cut short, joined by " · ").

A table of contents (``CONTENTS``, ``INDEX``, ``ÍNDICE``, ``CONTENIDO``..., a run of entries with
dot leaders and page numbers, a run of entries between page numbers alone on their lines, or a run of sibling
headings printed again further on) runs until its first entry's title appears again as a heading, or until prose
or the text's opening (the title printed over that opening is the cover's). The text does not begin above its
contents: what stands over them with no paragraph of prose under it (a cover's versions in other languages, a
bullet each; an office's note) is front matter.

A slide deck's text begins with its first slide after the title slide, titled or not (the title slide and the
host's page before it are its cover).

Inside the body, four more things are not text: the signature that closes it (a name and the titles
under it), a resolution's note of its adoption closing it, in a compilation of resolutions the cover
of each further resolution (its symbol down to the note of its adoption), and in a letter sending the
document, the letter's salutation, closing formula, signature and addressee.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise, takewhile

from kb.parse._blocks import (
    DANGLING_WORDS,
    OPENING_RE,
    RESOLUTION_CUE_RE,
    SALUTATION_RE,
    numbered_table_at,
    one_blank_above,
    runs_on,
    spaced_carries_on,
    spaced_wrap_width,
    symbol_entries_at,
    wrap_width,
)
from kb.parse._layout import SENTENCE_STARTERS, follows
from kb.parse._lines import DATELINE_RE, Line, Tok, is_upper

__all__ = ["ANNOUNCEMENT_RE", "Front", "closing_adoption_note", "closing_dateline", "front_matter", "inner_covers",
           "is_prose", "letter_furniture", "signature_block"]

_TOC_HEAD_RE = re.compile(
    # "NDICE": "ÍNDICE" as a converter that drops accented letters prints it
    r"^\s*(?:\*\*)?(?:table of contents?|contents?|index|[íi]?ndice(?: general| de contenidos?)?|contenidos?|"
    r"tabla de contenidos?|sumario|[íi]ndice del art[íi]culo|article index)\s*:?(?:\*\*)?\s*$", re.IGNORECASE)
_ARTICLE_INDEX_RE = re.compile(r"^\s*(?:[íi]ndice del art[íi]culo|article index)\s*:?\s*$", re.IGNORECASE)
_PAGE_TOOL_RE = re.compile(r"^\s*(?:print|imprimir|e-?mail|correo|pdf)\s*$", re.IGNORECASE)
# The last entry of a page's index of its parts, as a site's pager prints it ("Todas las páginas").
_TOC_LAST_RE = re.compile(r"^\s*(?:todas las p[áa]ginas|all pages)\s*$", re.IGNORECASE)
_PAGE_END_RE = re.compile(r"\S\s+\d{1,3}\s*$")  # an entry ending with its page number
_PAGE_WORD_RE = re.compile(r"^\s*(?:page|p[áa]gina|p[áa]g\.?)\s*$", re.IGNORECASE)
_ENTRY_TAIL_RE = re.compile(r"(?:[\s.…_]*(?:\b[Pp]\.\s*)?\d{1,3})?\s*$")
_MARK_ALONE_RE = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d{1,2})[.)]?\s*$")
# The name of a part before its mark ("CAPÍTULO I ANTECEDENTES" is entered for the heading "I. ANTECEDENTES").
_PART_HEAD_RE = re.compile(r"^\s*(?:cap.tulo|chapter|parte?|secci[óo]n|section)\s+(?=(?:[IVXLC]+|\d{1,2})\b)",
                           re.IGNORECASE)
_ENTRY_HEAD_RE = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d{1,2}(?:\.\d{1,2})?)(?:[.)]\s*|\s+)(?=\S)")
# Lines of a cover even when long: symbols, "Original:", "(Adopted at ...)", "Presented by ...".
_COVER_RE = re.compile(
    r"OEA/Ser|CIDI/|/doc\.|Original:|^\s*\([^)]*\)?\s*$|^\s*\((?:adopt|approv|agreed|presented|aprobad|adoptad|present)|^\s*(?:presented|presentado|submitted|prepared|preparado|"
    r"elaborado|updated|actualizado)\b", re.IGNORECASE)
# A cover glued onto one line up to its note of adoption, which ends it: capitals and symbols, then "(Resolución
# aprobada en ...)" (a sentence citing an adoption has words in lower case before it).
_ADOPTED = r"(?i:resoluci[óo]n\s+|resolution\s+)?(?i:adopted|approved|aprobad[ao]|adoptad[ao])"  # an adoption note
_GLUED_COVER_RE = re.compile(
    rf"^[^a-záéíóúñ]*\({_ADOPTED}\s+"
    r"(?i:at|on|by|during|en|por|durante)\s[^()]*(?:\([^()]*\)[^()]*)*\)\s*$")
_CITED_SYMBOL_RE = re.compile(r"CIDI/|/doc\.", re.IGNORECASE)  # the cover's words a sentence may cite
_COVER_ONLY_RE = re.compile(r"\bOEA/Ser|\bOriginal\s*:", re.IGNORECASE)  # never cited in a sentence
_COVER_CUE_RE = re.compile(r"\bOEA/Ser|\bCIDI/|\bTRABAJO\s?/|\bOriginal\s*:", re.IGNORECASE)
# A heading no title is made of ("Preámbulo", "I ANTECEDENTES", "MANDATOS", "RATIONALE AND BACKGROUND"): printed
# just before where the body begins, it opens the body.
_PART_WORDS = (r"introduction|introducci[óo]n|introdu[çc][ãa]o|preamble|pre[áaâ]mbulo|pr[ée]ambule|background|"
               r"antecedentes|context|contexto|contexte|"
               r"mandates|mandatos|foreword|preface|prefacio|pr[óo]logo|rationale|justification|justificaci[óo]n|"
               r"overview|purpose|prop[óo]sito|executive summary|resumen ejecutivo|"
               r"objetivos?(?:\s+(?:generale?s?|espec[íi]ficos?|estrat[ée]gicos?))?|"
               r"(?:general\s+|specific\s+|strategic\s+)?objectives?")
_PART_WORD_RE = re.compile(
    rf"^\s*(?:(?:[IVX]{{1,4}}|\d{{1,2}})[.)]?\s+)?(?:[\w-]+\s+(?:and|y|e)\s+)?(?:{_PART_WORDS})"
    rf"(?:\s+(?:and|y|e)\s+[\w-]+)?\s*:?\s*$", re.IGNORECASE)
_BARE_PART_RE = re.compile(rf"^\s*(?:{_PART_WORDS})\s*:?\s*$", re.IGNORECASE)
# The fields a meeting's page prints over its text: where and when it met.
_MEETING_FIELD_RE = re.compile(r"^\s*(?:place and date|date and place|dates?|venue|location|place|lugar y fecha|"
                               r"fecha y lugar|lugar|fechas?|sede)\s*:", re.IGNORECASE)
_MENU_WORDS = 2  # a site menu's entries are this short
_COVER_LOOKAHEAD = 15
_COVER_LINE_MAX = 90  # a cover line naming a symbol is short; prose citing one is not
_PROSE_WORDS = 10
_HEADING_WORDS = 5
_TITLE_MAX = 150  # a line without a final stop shorter than this may be a title, not prose
_TITLE_CASE_MAX = 250  # a title and its subtitle in title case run this long
_PROSE_LOWER = 0.25
_PROSE_AFTER_TOC = 150  # a line this long, with lower-case letters, ends a table of contents


@dataclass(frozen=True)
class Front:
    """Where the body begins (an index into the lines) and the indices of table-of-contents lines."""

    body_start: int
    toc: frozenset[int]
    toc_lines: tuple[tuple[int, int], ...]  # (first, last) physical line of each table of contents


def _fold(text: str) -> str:
    """Letters and digits only, lower case, accents removed: to compare a title with its entry."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _entry_title(text: str) -> str:
    """The title of a table-of-contents entry or a heading: no number, leader or page number."""
    text = _ENTRY_TAIL_RE.sub("", text)
    text = _PART_HEAD_RE.sub("", text, count=1)
    text = _ENTRY_HEAD_RE.sub("", text, count=1)
    return _fold(text.rstrip(" .…:"))


def is_prose(line: Line, *, sentence: bool = True) -> bool:
    """A line of running text: enough words, a good part of them in lower case, and (with
    ``sentence``) ending a sentence or too long for a title."""
    words = line.body.split()
    letters = [c for c in line.body if c.isalpha()]
    if len(words) < _PROSE_WORDS or not letters:
        return False
    end = line.body.rstrip("\"”’')]")
    if sentence and len(line.body) < _TITLE_MAX and (end[-1:] not in ".:;!?" or end.endswith(("...", "…"))):
        return False
    if len(line.body) < _TITLE_CASE_MAX and end[-1:] != "." and _title_case(words):
        return False
    return sum(c.islower() for c in letters) / len(letters) >= _PROSE_LOWER


def _title_case(words: list[str]) -> bool:
    """Words in title case: every one that opens in lower case is a joining word ("Educación para Todos en
    América Latina y el Caribe:"), as titles print them and sentences never do."""
    lower = [w for w in words if w[:1].islower()]
    listed = any("," in w for w in words)  # names and titles in a row ("Mr. X, Minister of Labor") are no title
    return not listed and all(w.rstrip(":;") in DANGLING_WORDS for w in lower)


def _is_cover(line: Line) -> bool:
    text = line.text
    quoted = text[:1] in "“\"‘" and text[-1:] in "”\"’"  # a subtitle in quotation marks
    if quoted or _GLUED_COVER_RE.match(text):
        return True
    # a paragraph citing a document by its symbol ("... Resolution CEPCIDI/RES.84 (LXXXVII-O/03), by which the
    # Meeting was called; ...") is prose; a cover's line naming its own symbol is short
    cited = len(text) > _COVER_LINE_MAX and is_prose(line)
    return bool(_COVER_RE.search(_CITED_SYMBOL_RE.sub(" ", text) if cited else text))


def _content_after(lines: list[Line], i: int) -> bool:
    """Whether a heading at ``i`` is followed by content (not by another heading or the end)."""
    for line in lines[i + 1:i + 8]:
        if line.tok in (Tok.BLANK, Tok.NOISE):
            continue
        return line.tok is not Tok.SECTION and not line.leader
    return False


def _tables_of_contents(lines: list[Line]) -> tuple[set[int], list[tuple[int, int]]]:
    toc: set[int] = set()
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        headed = bool(_TOC_HEAD_RE.match(line.raw)) or _marked_toc_head(lines, i)
        if not headed and not (line.leader and _leaders_follow(lines, i)):
            i += 1
            continue
        first = i
        if headed and _ARTICLE_INDEX_RE.match(line.raw):  # a site's buttons over an article's index of its pages
            while first > 0 and _PAGE_TOOL_RE.match(lines[first - 1].raw):
                first -= 1
        titles: list[str] = []
        unpaged = 0  # entries without a leader or page number
        glued: int | None = None  # the line all the entries were glued onto
        if headed:
            i += 1
        while i < len(lines):
            line = lines[i]
            if line.tok in (Tok.BLANK, Tok.NOISE) or _PAGE_WORD_RE.match(line.raw):
                i += 1
                continue
            if _TOC_LAST_RE.match(line.raw):
                i += 1
                break
            title = _entry_title(line.text)
            if titles and title and title == titles[0]:
                break  # the first entry again: the body begins
            if titles and title and title != titles[0] and titles[0].startswith(title) and _split_entry(
                    lines, i, title, titles[0]):
                break  # the first entry again, its heading and sub-heading on two lines: the body begins
            if glued is not None and line.no != glued:
                break  # the whole table was glued onto one line, its page numbers at its end: the body begins
            if headed and glued is None and not titles and _glued_entries(lines, i):
                glued = line.no
            if line.leader or (headed and (_PAGE_END_RE.search(line.text) or glued is not None)):
                titles.append(title)
                i += 1
                continue
            if len(line.text) >= _PROSE_AFTER_TOC and is_prose(line) and not (headed and _entry_of_run(lines, i)):
                break
            if _is_opening(line):  # the text's opening ("The Heads of State ... participating ..."): it begins
                i = _title_over(lines, first, i)
                break
            if _wrapped_subject_at(lines, i):  # a resolution's subject over two lines: the text begins
                break
            if line.tok is Tok.SECTION and titles and not unpaged and _content_after(lines, i):
                break  # every entry had its page number and this heading has none: the body's
            if headed or _leaders_follow(lines, i):
                if title and not _MARK_ALONE_RE.match(line.text):  # "I." alone: its title is on the next line
                    titles.append(title)
                unpaged += 1
                i += 1
                continue
            break
        last = i - 1
        while last > first and lines[last].tok in (Tok.BLANK, Tok.NOISE):
            last -= 1
        toc.update(range(first, last + 1))
        spans.append((lines[first].no, lines[last].no))
        i = max(i, first + 1)
    for first, last in _heading_runs(lines) + _paged_runs(lines) + _pages_alone_runs(lines):
        if first not in toc:
            toc.update(range(first, last + 1))
            spans.append((lines[first].no, lines[last].no))
    spans.sort()
    return toc, spans


def _split_entry(lines: list[Line], i: int, title: str, entry: str) -> bool:
    """Whether line ``i`` and the next line shown are a contents' entry printed again as a heading over its
    sub-heading ("Introducción. Integración económica ..." entered, "Introducción" over "Integración económica ...")."""
    after = next((x for x in lines[i + 1:] if x.tok not in (Tok.BLANK, Tok.NOISE)), None)
    return after is not None and bool(title) and title + _entry_title(after.text) == entry


_MARKED_TOC_ENTRIES = 3  # the entries a contents' heading under a chapter's mark has over any prose


def _marked_toc_head(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` is a contents' heading under a chapter's mark alone on the line above, the two taken for one
    heading ("VIII" / "SUMARIO"), short entries under it (a part headed "Sumario" over its prose is a summary)."""
    line = lines[i]
    if line.tok is not Tok.SECTION or "\n" not in line.raw.strip() or not _TOC_HEAD_RE.match(line.body):
        return False
    # entries, not a sub-heading over the part's prose ("Sumario" / "Antecedentes" / "El Grupo se reunió ...")
    after = [x for x in lines[i + 1:] if x.tok not in (Tok.BLANK, Tok.NOISE)][:_MARKED_TOC_ENTRIES]
    return len(after) == _MARKED_TOC_ENTRIES and all(
        len(x.text) <= _PAGED_ENTRY_MAX and not is_prose(x, sentence=False) for x in after)


_PAGE_RUN_RE = re.compile(r"\S(?:\s+\d{1,3}){3,}\s*$")  # the page numbers of entries glued onto one line


def _glued_entries(lines: list[Line], i: int) -> bool:
    """Whether the line at ``i`` is a piece of a table of contents glued onto one physical line, its page numbers
    run together at its end ("GLOSARIO ... 1. UNA GENERACIÓN ... 3. REFLEXIONES FINALES 4 5 9 12 14")."""
    line = lines[i]
    if not line.inline:
        return False
    last = max((j for j in range(i, len(lines)) if lines[j].no == line.no), default=i)
    return bool(_PAGE_RUN_RE.search(lines[last].text))


_ROMAN_MARK_RE = re.compile(r"^\s*([IVXLC]+)\.\s")
_LETTERED_MARK_RE = re.compile(r"^\s*(\d{1,2})\.([a-z])\.?\s")  # a part's letter after its number: "7.c "


def _entry_of_run(lines: list[Line], i: int) -> bool:
    """Whether a long line under a table of contents' heading is one of its entries all the same: it opens
    with a roman mark and the next line shown is the heading with the mark after it ("I. Seguimiento de
    las conclusiones sobre ..." over "II. Estadísticas"), or with a part's letter after its number and the next
    line shown opens with the next letter ("7.c ..." over "7.d ..."), as a long entry is printed and prose never
    is."""
    mark = _ROMAN_MARK_RE.match(lines[i].text)
    after = next((line for line in lines[i + 1:] if line.tok not in (Tok.BLANK, Tok.NOISE)), None)
    if after is None:
        return False
    if (sub := _LETTERED_MARK_RE.match(lines[i].text)) and (next_sub := _LETTERED_MARK_RE.match(after.text)):
        # "7.c Managing projects ... toward its particular aims" over "7.d Running programs ..."
        return next_sub[1] == sub[1] and follows(next_sub[2], sub[2])
    return bool(mark and after.tok is Tok.SECTION and follows(after.num, mark.group(1)))


def _title_over(lines: list[Line], first: int, i: int) -> int:
    """Where a table of contents ends that the text's opening at ``i`` ends: before the title printed over the
    opening (a line without a mark that the entry above it does not carry on), which is the cover's."""
    shown = [j for j in range(i - 1, first, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:2]
    if len(shown) < 2 or lines[shown[0]].tok is not Tok.TEXT:
        return i
    above, title = lines[shown[1]].text.rstrip(), lines[shown[0]].text
    carried = (above.endswith(",") or above.rsplit(" ", 1)[-1].lower() in DANGLING_WORDS  # an entry wrapped
               or title[:1].islower() or title.split(" ", 1)[0].lower() in DANGLING_WORDS)
    return i if carried else shown[0]


_RUN_ENTRIES = 3


def _heading_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """A table of contents printed without its heading or page numbers: three or more sibling
    section headings in a row (one numbering: I, II, III), nothing between them, the first of which
    is printed again further on over its text ("I. EDUCACIÓN:" ... "I. EDUCACION: LA CLAVE PARA EL
    PROGRESO"); nested headings (I., A., 1.) are a body's."""
    shown = [i for i, line in enumerate(lines) if line.tok not in (Tok.BLANK, Tok.NOISE)]
    by_mark: dict[str, list[tuple[int, str]]] = {}
    for i in shown:
        if lines[i].tok is Tok.SECTION:
            by_mark.setdefault(lines[i].num, []).append((i, _entry_title(lines[i].text)))
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(shown):
        run = [shown[k]]
        while (k + len(run) < len(shown) and lines[shown[k + len(run)]].tok is Tok.SECTION
               and follows(lines[shown[k + len(run)]].num, lines[run[-1]].num)):
            run.append(shown[k + len(run)])
        if lines[run[0]].tok is not Tok.SECTION or len(run) < _RUN_ENTRIES:
            k += 1
            continue
        title = _entry_title(lines[run[0]].text)
        if title and any(i > run[-1] and heading.startswith(title) for i, heading in by_mark[lines[run[0]].num]):
            out.append((run[0], run[-1]))
        k += len(run)
    return out


_PAGED_ENTRIES = 4
_PAGED_ENTRY_MAX = 80
_PAGE_NUMBER_RE = re.compile(r"(\d{1,3})\s*$")
_PAGED_HEAD_RE = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[IVXLC]{1,5}[.)]|[A-Z][.)])\s+\S")


def _paged_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """A table of contents printed without its heading or leaders: four or more short numbered
    entries in a row, each ending with a page number, the numbers never going down and not all the
    same ("1. Opening Session 3", "2. First Plenary Session 4", ..., "1. ANNEX A: List of Participants 15")."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []  # (line index, page)

    def close() -> None:
        if len(run) >= _PAGED_ENTRIES and run[-1][1] > run[0][1]:
            out.append((run[0][0], run[-1][0]))
        run.clear()

    for i, line in enumerate(lines):
        if line.tok in (Tok.BLANK, Tok.NOISE):
            continue
        m = _PAGE_NUMBER_RE.search(line.text)
        paged = (m is not None and len(line.text) <= _PAGED_ENTRY_MAX and _PAGE_END_RE.search(line.text) is not None
                 and bool(_entry_title(line.text)) and _PAGED_HEAD_RE.match(line.text) is not None
                 and not re.search(r":\s*\d{1,3}\s*$", line.text))  # numbered entries; "Room: 3" is no page
        if paged and m is not None and (not run or int(m[1]) >= run[-1][1]):
            run.append((i, int(m[1])))
            continue
        close()
        if paged and m is not None:
            run.append((i, int(m[1])))
    close()
    return out


_PAGE_ALONE_RE = re.compile(r"^\s*(?:(\d{1,3})|[Xx]{2,3})\s*$")  # "XX": a draft's page yet to be numbered
_ALONE_ENTRIES = 3  # an entry's title wraps over this many lines at most
_ALONE_PAGES = 4


def _alone_entry(line: Line) -> bool:
    """A line a table of contents prints as (part of) an entry's title: short, no sentence."""
    return (line.tok in (Tok.TEXT, Tok.SECTION, Tok.NUMBERED) and len(line.text) <= _PAGED_ENTRY_MAX
            and line.text.rstrip()[-1:] not in ".;" and not is_prose(line, sentence=False))


def _pages_alone_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """A table of contents whose page numbers stand alone on their lines, between its entries' titles ("05",
    "Introducción", "07", "Parte I ...", ...): four or more page numbers, a few short lines between each two, nothing
    else; the numbers rise but for one restart (the contents printed again) and do not count one by one (a list
    whose numbers were split from its items counts 1, 2, 3). The entry next to each end goes with it: the one
    before the first page, and the one after the last unless text follows it (then that is the body's heading)."""
    shown = [i for i, line in enumerate(lines) if line.tok not in (Tok.BLANK, Tok.NOISE)]
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(shown):
        if not _PAGE_ALONE_RE.match(lines[shown[k]].text):
            k += 1
            continue
        pages = [k]  # positions in ``shown`` of the page numbers
        j = k + 1
        while j < len(shown):
            between = 0
            while j < len(shown) and between <= _ALONE_ENTRIES and not _PAGE_ALONE_RE.match(lines[shown[j]].text) \
                    and _alone_entry(lines[shown[j]]):
                between += 1
                j += 1
            if j < len(shown) and 1 <= between <= _ALONE_ENTRIES and _PAGE_ALONE_RE.match(lines[shown[j]].text):
                pages.append(j)
                j += 1
                continue
            break
        numbers = [int(m[1]) for m in (_PAGE_ALONE_RE.match(lines[shown[p]].text) for p in pages) if m and m[1]]
        falls = sum(b < a for a, b in pairwise(numbers))
        counting = all(b == a + 1 for a, b in pairwise(numbers))
        if len(pages) >= _ALONE_PAGES and falls <= 1 and not counting:
            first, last = pages[0], pages[-1]
            if first > 0 and _alone_entry(lines[shown[first - 1]]):
                first -= 1
            after = shown[last + 2] if last + 2 < len(shown) else None
            if last + 1 < len(shown) and _alone_entry(lines[shown[last + 1]]) and (
                    after is None or _alone_entry(lines[after])):
                last += 1
            out.append((shown[first], shown[last]))
            k = last + 1
        else:
            k = pages[-1] + 1
    return out


def _leaders_follow(lines: list[Line], i: int) -> bool:
    """Whether another entry with a leader comes within the next three lines with text."""
    seen = 0
    for line in lines[i + 1:]:
        if line.tok in (Tok.BLANK, Tok.NOISE):
            continue
        if line.leader:
            return True
        seen += 1
        if seen == 3:
            return False
    return False


def _is_opening(line: Line) -> bool:
    """The opening words of a ministerial text, in any case ("WE, THE MINISTERS PARTICIPATING ..."),
    or of a resolution ("THE GENERAL ASSEMBLY,", "HAVING SEEN:", "CONSIDERANDO:")."""
    opening = bool(OPENING_RE.match(line.text)) and len(line.text.split()) >= 5
    return opening or bool(RESOLUTION_CUE_RE.match(line.text))


def _wrapped(lines: list[Line], i: int, width: int) -> bool:
    """Whether line ``i`` runs on directly into a line of text in mid-sentence (a hard-wrapped
    paragraph): the next line begins in lower case, or this one ends on a word no sentence ends on,
    or it runs to the width of a hard-wrapped text."""
    following = lines[i + 1] if i + 1 < len(lines) else None
    spaced = following is not None and following.tok is Tok.BLANK
    if spaced:  # a host that prints a blank line under each line of a page: only a dangling word says
        following = next((x for x in lines[i + 2:i + 3] if x.tok is Tok.TEXT), None)
    if following is None or following.tok is not Tok.TEXT or len(lines[i].text) < 60:
        return False
    dangling = lines[i].text.rsplit(" ", 1)[-1].lower() in DANGLING_WORDS
    if spaced:
        return dangling
    if width and len(lines[i].text) >= 0.8 * width and (
            len(following.text) >= 0.5 * width or following.text[0].islower()):
        return True
    return following.text[0].islower() or dangling


def _body_like(lines: list[Line], i: int, width: int) -> bool:
    """Whether line ``i`` is where a reader sees the text itself begin (see the module docstring)."""
    line = lines[i]
    if line.tok is Tok.SECTION:
        return _content_after(lines, i)
    if line.tok is Tok.NUMBER_ONLY:
        following = next((x for x in lines[i + 1:i + 4] if x.tok not in (Tok.BLANK, Tok.NOISE)), None)
        return (line.num.rstrip(".)") == "1" and following is not None and following.tok is Tok.TEXT
                and (_is_opening(following) or is_prose(following, sentence=False)))
    if line.tok is Tok.TEXT and RESOLUTION_CUE_RE.match(line.text):
        return True  # a resolution's preamble, however many resolutions it cites by symbol
    if line.tok is Tok.AGENDA or (line.tok is Tok.TEXT and SALUTATION_RE.match(line.text)):
        return True  # an agenda's first entry; a speech's first salutation
    if line.tok is Tok.TEXT and numbered_table_at(lines, i):
        return True  # a table of numbered recommendations or activities
    if line.tok is Tok.BULLET and (_bullet_run(lines, i) or _worded_bullets(lines, i)):
        return True  # a meeting page's list of its documents by symbol, or of its facts: a cover prints no bullets
    if line.tok is Tok.TEXT and symbol_entries_at(lines, i):
        return True  # a page's list of documents, each symbol over its title: a cover prints one symbol a title
    if line.tok not in (Tok.TEXT, Tok.BULLET, Tok.LETTERED, Tok.NUMBERED) or _is_cover(line):
        return False
    if line.tok is Tok.TEXT and DATELINE_RE.match(line.text):
        return False  # a place and date alone on their line ("Lima, Peru, 3 October 2040."): a cover's
    if line.tok is Tok.TEXT and _MEETING_FIELD_RE.match(line.text):
        return False  # "Place and Date: Lima, Peru, ...", "Venue: ...", "Lugar: ...": a meeting page's fields
    if line.text.count(" | ") >= 2 or line.text.count("::") >= 2:
        return False  # a navigation bar (":: Inicio :: :: Mapa del sitio ::")
    if _is_opening(line):
        return True
    if line.tok is Tok.NUMBERED and sum(sum(c.isalpha() for c in w) >= 2 for w in line.body.split()) >= 4 and (
            line.body[-1:] in ".:;" or _wrapped(lines, i, width)):
        return True  # a numbered paragraph, however short
    return is_prose(line, sentence=not _wrapped(lines, i, width))


_BULLET_RUN = 3
_SYMBOL_CITED_RE = re.compile(r"\b[A-Z]{2,}(?:/[\w.-]+)*/(?:doc|inf|INF|DOC|dec|DEC|RES|res)\.\s?\d")


def _bullet_run(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` opens a run of at least three bullets, one a line (blank lines between them aside), each
    naming a document by its symbol ("• Agenda (CIDI/CIC/doc.1/40 Rev. 1): English | Español")."""
    shown = [line for line in lines[i:] if line.tok not in (Tok.BLANK, Tok.NOISE)][:_BULLET_RUN]
    return len(shown) == _BULLET_RUN and all(line.tok is Tok.BULLET and not line.inline
                                             and _SYMBOL_CITED_RE.search(line.text) for line in shown)


_BULLET_WORDS = 3
# a fact states a field and its value ("Providing Country: Jamaica"); a menu's entry names a page of the site
_FACT_RE = re.compile(r"^[^:]{2,40}:\s*\S")


def _worded_bullets(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` opens a run of at least three bullets on consecutive lines, each a fact of three words or
    more ("• Providing Country: Jamaica"), a page's facts over its text: a site's menu is a word or two an entry,
    or names its pages with no field ("• Working Groups of the Conference"); a meeting's date and place in bullets
    are its cover's fields, bulleted or not."""
    run = lines[i:i + 2 * _BULLET_RUN]
    shown = [line for line in run if line.tok not in (Tok.BLANK, Tok.NOISE)][:_BULLET_RUN]
    return len(shown) == _BULLET_RUN and shown[-1].no - shown[0].no == _BULLET_RUN - 1 and all(
        line.tok is Tok.BULLET and not line.inline and len(line.body.split()) >= _BULLET_WORDS
        and _FACT_RE.match(line.body) is not None for line in shown) and not any(
        _MEETING_FIELD_RE.match(line.body) for line in shown)  # where and when a meeting is: its cover's fields


def _cover_follows(lines: list[Line], i: int) -> bool:
    """Whether cover lines (symbols, "Original:") come soon after line ``i``: then ``i`` is a host's
    caption of the document (or a slide number), not its first paragraph."""
    seen = 0
    for line in lines[i + 1:]:
        if line.tok in (Tok.BLANK, Tok.NOISE):
            continue
        if line.tok is Tok.TEXT and RESOLUTION_CUE_RE.match(line.text):
            return False  # the preamble goes on: the symbols it cites are no cover
        if line.tok in (Tok.AGENDA, Tok.BULLET):
            continue  # an agenda entry or a bullet naming the documents it adopts is no cover line
        cues = len(_COVER_CUE_RE.findall(line.text))
        # a sentence citing documents by symbol ("adopted resolution CIDI/CECIP/RES. 14 ...;") is no cover
        clause = is_prose(line) and not _COVER_ONLY_RE.search(line.text)
        if cues and not clause and (len(line.text) <= _COVER_LINE_MAX or cues >= 2):  # a cover line, or one glued
            return True
        seen += 1
        if seen >= _COVER_LOOKAHEAD:
            return False
    return False


def _after_title(lines: list[Line], start: int, is_title: Callable[[str], bool]) -> int:
    """A document title printed just after where the body seemed to begin (a host's lead-in
    before "DECLARACIÓN CONJUNTA ..."): the body begins after the title."""
    seen = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if line.tok in (Tok.BLANK, Tok.NOISE):
            continue
        if line.tok is not Tok.TEXT and i != start:
            return start
        if i != start and is_title(line.text):
            after = [j for j in range(i + 1, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)]
            # the title goes on in capitals ("CONCLUSIONS AND RECOMMENDATIONS" / "OF THE MEETING OF ...")
            k = 0
            while k + 1 < len(after) and _title_goes_on(lines[after[k]]):
                k += 1
            return after[k] if after else start
        seen += 1
        if seen > 3:
            return start
    return start


def _title_goes_on(line: Line) -> bool:
    """A line carrying on a title in capitals: in capitals too, no stop, not a heading of the body's (a part's
    name, a numbered heading) nor its opening ("WE, THE MINISTERS ...", "THE GENERAL ASSEMBLY,")."""
    return (line.tok is Tok.TEXT and is_upper(line.text) and line.text.rstrip()[-1:] not in ".:;,"
            and not _PART_WORD_RE.match(line.text) and not _is_opening(line))


def _with_its_heading(lines: list[Line], start: int) -> int:
    """A short heading the host ran onto the same line as where the body begins ("Background • The
    study ...", a slide's title before its bullets) belongs to the body."""
    if start == 0 or start >= len(lines) or not lines[start].inline or _is_opening(lines[start]):
        return start  # a ministerial text's opening is glued to its title, no heading
    before = lines[start - 1]
    if (before.no == lines[start].no and before.tok is Tok.TEXT and len(before.text.split()) <= _HEADING_WORDS
            and before.text[:1].isupper() and before.text[-1:] not in ".;," and not _is_cover(before)
            and not _COVER_CUE_RE.search(before.text)):
        return start - 1
    return start


_LEAD_IN_MIN_WORDS = 5


_LABEL_WORDS = 4


# A message's header field alone on its line ("Asunto:", "Subject:", "Para:"): the memo's, over its subject.
_MESSAGE_FIELD_RE = re.compile(r"^\s*(?:from|to|subject|re|de|para|asunto|assunto|referencia|envoy[ée]|objet)\s*:\s*$",
                               re.IGNORECASE)


def _field_label(line: Line) -> bool:
    """A few words opening in capitals and a colon, alone on their line ("Description:", "Publication Date:"): a
    field's label over its value; not a salutation ("Dear Minister:"), nor a cover's own field ("Original:")."""
    words = line.text.split()
    return (line.tok is Tok.TEXT and line.text.rstrip().endswith(":") and len(words) <= _LABEL_WORDS
            and words[0][:1].isupper() and not SALUTATION_RE.match(line.text)
            and not _LETTER_SALUTATION_RE.match(line.text) and not _MEETING_FIELD_RE.match(line.text)
            and not _COVER_CUE_RE.search(line.text))


def _with_label(lines: list[Line], start: int) -> int:
    """A label over the text's first paragraphs belongs to the body, a heading over them, when it opens the text
    ("Declaración:") or ends a record's fields each over its value ("Author:" / "OAS" / ... / "Description:"):
    the record's text is its last field's value. A label over a list (an event page's "Objectives:") stays the
    cover's, as does one under a cover that has no fields ("For immediate release:")."""
    shown = [j for j in range(start) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)]
    if not shown or not _field_label(lines[shown[-1]]) or _MESSAGE_FIELD_RE.match(lines[shown[-1]].text):
        return start  # a memo's "Asunto:" over its subject and its letter heads no part of the text
    after = [j for j in range(start, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:2]
    if len(after) < 2 or not all(lines[j].tok is Tok.TEXT and is_prose(lines[j]) for j in after):
        return start  # a list, or a single value, under it
    fields = any(_field_label(lines[j]) and not _field_label(lines[k]) for j, k in pairwise(shown[:-1]))
    return shown[-1] if len(shown) == 1 or fields else start


def _with_lead_in(lines: list[Line], start: int) -> int:
    """A sentence leading in what the body begins with ("The Working Groups will carry out the following
    activities:" over a table of them) belongs to the body."""
    before = next((j for j in range(start - 1, -1, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)), None)
    if before is None or lines[before].tok is not Tok.TEXT or not lines[before].text.rstrip().endswith(":"):
        return start
    words = lines[before].text.split()
    prose = len(words) >= _LEAD_IN_MIN_WORDS and sum(w[:1].islower() for w in words) >= len(words) / 2
    return before if prose and not _is_cover(lines[before]) and not _COVER_CUE_RE.search(lines[before].text) else start


_DATELINE_WORDS = 8
_CLOSERS = "\"\u201d\u2019')]"
_HEADLINE_LINES = 2


def _after_dateline(lines: list[Line], start: int) -> int:
    """A news item's dateline under its headline (and its standfirst) where the body seemed to begin
    ("Ministers adopt ..." / "12 May 2020" / "The Ministers of Labor ..."): the headline and the date are its
    cover, and its text begins after the date, with prose."""
    shown = [j for j in range(start, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:_HEADLINE_LINES + 2]
    for k, j in enumerate(shown[1:], start=1):
        line = lines[j]
        if line.tok is Tok.TEXT and DATELINE_RE.match(line.text) and len(line.text.split()) <= _DATELINE_WORDS:
            after = shown[k + 1] if k + 1 < len(shown) else None
            before = next((h for h in range(start - 1, -1, -1) if lines[h].tok not in (Tok.BLANK, Tok.NOISE)), None)
            titled = any(h is not None and lines[h].tok is Tok.TEXT and lines[h].text.rstrip(_CLOSERS)[-1:] not in ".:;"
                         for h in (shown[0], before))  # a headline, not a letter's first paragraph
            plain = all(lines[h].tok is Tok.TEXT and not lines[h].inline for h in shown[:k])
            prose = after is not None and is_prose(lines[after], sentence=False)
            return after if titled and plain and prose and after is not None else start
        if k >= _HEADLINE_LINES:
            break
    return start


# A news story's dateline opening its first paragraph: the place in capitals, then a stop or a dash ("SANTO DOMINGO.
# Los ministros ...", "BOGOTA, Colombia - Ministers ...", "GEORGETOWN, Guyana (OIT Noticias) - En ...").
_NEWS_DATELINE_RE = re.compile(
    r"^\s*[A-ZÁÉÍÓÚÑ]{3,}(?:[ -][A-ZÁÉÍÓÚÑ]{2,}){0,3}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})?"
    r"(?:\s*\([^)]{2,40}\))?\s*(?:\.|–|—|-)\s+[A-ZÁÉÍÓÚ][a-záéíóúñ]")
_NEWS_FRONT_LINES = 6  # a story's headline, standfirst, caption and headline again over its dateline
_NEWS_FRONT_LINE = 150  # each short: none a paragraph of the story
_STANDFIRST_MAX = 250


def _standfirst(text: str) -> bool:
    """A news story's standfirst: one sentence, ended by its stop, under the length of a short paragraph."""
    return len(text) < _STANDFIRST_MAX and text.rstrip()[-1:] == "." and len(re.findall(r"[.!?]\s", text)) == 0


def _after_news_dateline(lines: list[Line], start: int) -> int:
    """A news story's dateline a few short lines after where the body seemed to begin (its headline, standfirst,
    a photo's caption and button, the headline printed again): the story begins at its dateline."""
    shown = [j for j in range(start, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:_NEWS_FRONT_LINES + 1]
    for k, j in enumerate(shown):
        if k and lines[j].tok is Tok.TEXT and _NEWS_DATELINE_RE.match(lines[j].text) and is_prose(lines[j]):
            before = shown[:k]
            # each short, but for one standfirst of a sentence, which may run longer
            long = [h for h in before if len(lines[h].text) >= _NEWS_FRONT_LINE]
            standfirst = len(long) <= 1 and all(_standfirst(lines[h].text) for h in long)
            if all(lines[h].tok is Tok.TEXT for h in before) and standfirst:
                return j
            return start
    return start


# An editor's note announcing the text it precedes ("El siguiente es el texto completo de la Declaración ...:",
# "A continuación se transcribe íntegramente la Declaración:", "The full text of the Declaration follows:", "Le texte
# qui suit reproduit en entier le Plan d'action ...", "What appears below is the full wording of the Plan ...:", "On
# trouvera ci-après la version complète du Plan ...").
ANNOUNCEMENT_RE = re.compile(
    r"\b(?:texto completo|texto [íi]ntegro|[íi]ntegramente|se transcribe|transcribe a continuaci[óo]n|"
    r"(?:full|complete) text|"
    r"texte (?:complet|int[ée]gral)|text reads as follows|"
    r"text (?:of the \w+ )?follows)\b|"
    # the text below as the note's subject, opening it ("Le texte qui suit reproduit ..."; not a report's "the
    # Working Group agreed on the following text")
    r"^\W*(?:le texte qui suit|the following text|el texto que sigue|o texto a seguir)\b|"
    # the whole wording or version of a named text, said to be below: "What appears below is the full wording of
    # the Plan ...", "On trouvera ci-après la version complète du Plan ..." (not "the complete version of the
    # report will be published")
    # ("following" and its kin as a pronoun, not an adjective: "agreed on the following changes:" names no text)
    r"^(?=.*\b(?:below|follows|following(?=\s+(?:is|are)\b|\s*[:.,]|\s*$)|ci-apr[èe]s|ci-dessous|"
    r"suivante?(?=\s*[:.,]|\s*$)|a continuaci[óo]n|(?:lo\s+)?siguiente(?=\s*[:.,]|\s*$)|abaixo|a seguir)\b)"
    r".*\b(?:(?:full|complete|entire) wording of|version (?:compl[èe]te|int[ée]grale) (?:du|de la|des|d)|"
    r"versi[óo]n (?:completa|[íi]ntegra) (?:del|de la|de los)|vers[ãa]o (?:completa|integral) (?:do|da|dos))\b",
    re.IGNORECASE)
_NOTE_LINES = 3  # an editor's note before the text is this short: a paragraph, the line announcing it


def _after_announcement(lines: list[Line], start: int) -> int:
    """An editor's note where the body seemed to begin, its last sentence announcing the text below it: the text
    begins after it."""
    shown = [j for j in range(start, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:_NOTE_LINES + 2]
    for k, j in enumerate(shown[:_NOTE_LINES]):
        if lines[j].tok is not Tok.TEXT or not ANNOUNCEMENT_RE.search(lines[j].text):
            continue
        # the announcement may wrap onto the next lines, the last ending it ("... de la Segunda Cumbre:")
        end = next((m for m in range(k, min(k + _NOTE_LINES, len(shown)))
                    if lines[shown[m]].text.rstrip()[-1:] in ".:"), None)
        if end is not None and end + 1 < len(shown):
            return shown[end + 1]
    return start


_OPENING_WORDS = 3


def _opened_above(lines: list[Line], i: int, width: int) -> bool:
    """Whether line ``i`` runs to a hard-wrapped text's width into the line under it, which opens no sentence, and
    the line right over it, the paragraph's first words alone (three at most), carries on into it."""
    top = lines[i - 1] if i > 0 else None
    under = lines[i + 1] if i + 1 < len(lines) else None
    return (top is not None and under is not None and top.tok is Tok.TEXT and lines[i].tok is Tok.TEXT
            and not top.inline and len(top.text.split()) <= _OPENING_WORDS and not is_upper(lines[i].text)
            and lines[i].text[-1:].isalpha() and _wrapped(lines, i, width) and runs_on(top, lines[i])
            and under.text.split(" ", 1)[0] not in SENTENCE_STARTERS)


def _with_wrapped_head(lines: list[Line], start: int, toc: set[int], width: int = 0, spaced: int = 0) -> int:
    """The first lines of the body's first paragraph, hard-wrapped just above where the body seemed to begin
    ("The Ministers of" / "Defense and Heads of Delegation ..."): the body begins with them, as the paragraph
    would be cut there otherwise; each line above, neither a cover line nor an entry of a table of contents,
    whose end the line under it carries on (across blank lines only as a paragraph does across a page break);
    in a text hard-wrapped at ``width``, also a line running to the width right over it that the line over it
    carries on in its turn (the paragraph's first words alone on its first line: "Las" / "Presidentas y los
    Presidentes de los Estados Partes del MERCOSUR y Estados" / "Asociados, ...": no title is left open so); in a
    text hard-wrapped a blank line apart at ``spaced``, a line one blank line over it that runs on into it."""
    while start > 0:
        above = next((j for j in range(start - 1, -1, -1) if lines[j].tok is not Tok.BLANK), None)
        if above is None:
            return start
        line, head = lines[start], lines[above]
        if (head.tok not in (Tok.TEXT, Tok.NUMBERED) or head.inline or line.inline
                or above in toc or head.leader or _is_cover(head) or _COVER_CUE_RE.search(head.text)
                or line.tok is not Tok.TEXT
                or not (runs_on(head, line, after_blank=above < start - 1) or _opened_above(lines, above, width)
                        or (spaced and one_blank_above(lines, start) is head
                            and spaced_carries_on(spaced, head, line)))):
            return start
        start = above
    return start


_QUESTION_RE = re.compile(r"^\s*¿?[A-ZÁÉÍÓÚÑ][^.!?]{0,60}\?\s*$")  # "What is the RIAL?", "¿Qué es?"
_FIRST_MARKS = frozenset({"1", "I", "A"})
_NUMBERED_HEADING_WORDS = 6
_WEEKDAY_RE = re.compile(r"^\s*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|"
                         r"mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\b[^.;:]{0,30}$", re.IGNORECASE)


def _heads_body(heading: Line, first: Line) -> bool:
    """Whether ``heading``, printed just before the line the body begins with, is the heading of the body's first
    part: a part's (see ``_PART_WORD_RE``), a question ("What is the RIAL?"), the first of a numbering ("1.
    Activities assigned:", "I. CREATING DECENT WORK") over the text, a day's over its agenda."""
    if _PART_WORD_RE.match(heading.text) or _QUESTION_RE.match(heading.text):
        return True
    if heading.tok is Tok.NUMBERED or heading.tok is Tok.SECTION:
        short = len(heading.body.split()) <= _NUMBERED_HEADING_WORDS and heading.body[-1:] not in ".;,"
        short = short and not heading.leader and not _PAGE_END_RE.search(heading.text)  # no contents' entry
        return heading.num.rstrip(".)") in _FIRST_MARKS and short and first.tok in (Tok.TEXT, Tok.SECTION)
    return bool(_WEEKDAY_RE.match(heading.text)) and first.tok is Tok.AGENDA


def _with_earlier_days(lines: list[Line], start: int) -> int:
    """A programme's day whose only line is a sentence ("WEDNESDAY, AUGUST 10" over "Participants may register
    from 1:30 p.m."), just before the day the body begins with, is the programme's too: its first day."""
    while start < len(lines) and _WEEKDAY_RE.match(lines[start].text):
        shown = [j for j in range(start - 1, -1, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:2]
        if (len(shown) < 2 or not _WEEKDAY_RE.match(lines[shown[1]].text) or lines[shown[0]].tok is not Tok.TEXT
                or not _sentence(lines[shown[0]].text)):
            break
        start = shown[1]
    return start


_YEAR_ALONE_RE = re.compile(r"^\s*(?:19|20)\d{2}\s*$")


def _with_earlier_years(lines: list[Line], start: int) -> int:
    """A page of events by year ("2015" over its bullets, "2012" over its own, ...) whose body begins at a bullet:
    the year over that bullet and the years over bullets above it are the page's, when another year alone heads
    bullets further on (a single year over a text is a cover's)."""
    def shown_before(k: int) -> list[int]:
        return [j for j in range(k - 1, -1, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)]

    if start >= len(lines) or lines[start].tok is not Tok.BULLET:
        return start
    later = any(_YEAR_ALONE_RE.match(line.text) for line in lines[start + 1:])
    before = shown_before(start)
    if not later or not before or not _YEAR_ALONE_RE.match(lines[before[0]].text):
        return start
    start = before[0]
    while True:
        before = shown_before(start)
        bullets = 0
        while bullets < len(before) and lines[before[bullets]].tok is Tok.BULLET:
            bullets += 1
        if not bullets or bullets >= len(before) or not _YEAR_ALONE_RE.match(lines[before[bullets]].text):
            return start
        start = before[bullets]


def _with_part_heading(lines: list[Line], start: int, toc: set[int]) -> int:
    """The heading of the body's first part (see ``_heads_body``) on the line just before where the body begins,
    not the text's first line (its title), nor the last entry of a site's menu or of a table of contents (a run
    of such short lines)."""
    shown = [j for j in range(start - 1, -1, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:3]
    # opening the text, a part's word alone ("BACKGROUND", "Introducción") heads a chapter the host gave alone: no
    # document is titled so ("Mission and Mandates" is a title)
    alone = len(shown) == 1 and bool(_BARE_PART_RE.match(lines[shown[0]].text))
    if ((len(shown) < 2 and not alone) or start >= len(lines) or not _heads_body(lines[shown[0]], lines[start])
            or (lines[shown[0]].no == lines[start].no and lines[start].inline)):
        return start  # a heading cut from the line the body begins on is ``_with_its_heading``'s
    # a page's number alone over the heading is no entry of a menu
    menu = len(shown) == 3 and all(len(lines[j].text.split()) <= _MENU_WORDS and not lines[j].text.isdigit()
                                   for j in shown[1:])
    return start if shown[0] in toc or menu else shown[0]


_ENTRY_MIN = 8  # letters of a heading's title that must be found in the table of contents above it
_ENTRY_HEADS = 3  # headings in a row under the table, each listed in it
_HEAD_TOKS = (Tok.TEXT, Tok.SECTION, Tok.NUMBERED)


def _wrapped_subject_at(lines: list[Line], i: int) -> bool:
    """Whether a resolution's subject is wrapped over line ``i`` and the line right under it, the first left open on
    a word no line ends on ("EL CONSEJO ANDINO DE MINISTROS DE" / "RELACIONES EXTERIORES,")."""
    if i + 1 >= len(lines) or any(lines[j].tok is not Tok.TEXT or lines[j].inline for j in (i, i + 1)):
        return False
    first, second = lines[i].text, lines[i + 1].text
    opened = first.rsplit(" ", 1)[-1].lower() in DANGLING_WORDS
    return opened and bool(RESOLUTION_CUE_RE.match(f"{first} {second}"))


def _with_wrapped_subject(lines: list[Line], start: int) -> int:
    """A resolution's subject wrapped over the two lines just before where the body begins (over "VISTOS: ..."):
    the body begins with it, as with the subject on one line."""
    shown = [j for j in range(start - 1, -1, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:2]
    if len(shown) < 2 or shown[0] != shown[1] + 1 or not _wrapped_subject_at(lines, shown[1]):
        return start
    return shown[1]


def _with_entry_heading(lines: list[Line], start: int, toc: set[int]) -> int:
    """A heading just before where the body begins, right under a table of contents that lists it ("GLOSARIO DE
    SIGLAS" under the table whose first entry it is), heads the body's first part: the title over the table is
    the cover's, an entry printed again is the body's; so is a heading over its sub-heading that the table lists
    as one entry ("Introducción" / "Integración económica ..." entered "Introducción. Integración económica ...")."""
    shown = [j for j in range(start - 1, -1, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)][:_ENTRY_HEADS + 1]
    heads = list(takewhile(lambda j: j not in toc, shown))  # nearest first
    if not heads or len(heads) == len(shown) or start >= len(lines):
        return start
    first = shown[len(heads)]
    while first - 1 in toc:
        first -= 1
    listed = _fold(" ".join(line.text for line in lines[first:shown[len(heads)] + 1]))
    # a part's heading and its first subpart's ("1. Introduction" / "1.a Purpose of this Report"), both listed
    titles = [_entry_title(lines[j].text) for j in heads]
    if all(lines[j].tok in _HEAD_TOKS and len(title) >= _ENTRY_MIN and title in listed
           for j, title in zip(heads, titles, strict=True)):
        return heads[-1]
    joined = "".join(reversed(titles))
    if len(heads) == 2 and all(lines[j].tok in (Tok.TEXT, Tok.SECTION) for j in heads) and (
            len(joined) >= _ENTRY_MIN and joined in listed):
        return heads[-1]
    return start


_SENTENCE_STOP_RE = re.compile(r"[^\W\d_]{2}[.!?](?:\s|$)")
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")  # a year anywhere in a line
_GLUED_COVER_WORDS = 12
# a cover's words are names, places and dates, with a language's small words between; prose is mostly lower case
_GLUED_PROSE_LOWER = 0.6


def _after_glued_cover(lines: list[Line], start: int) -> int:
    """The cover a host glued onto the line before the text's first numbered paragraph ("ILC100-PR19-79-Sp.docx 19/1
    Conferencia Internacional del Trabajo 100. a reunión, Ginebra, junio de 2011 ... Informe de la Comisión ... 1. En
    su sesión ..."): where the body seemed to begin, words dated by a year with no sentence in them, longer than a
    heading and not a lead-in ending on a colon, run onto "1." on the same line; the body begins at "1."."""
    if start + 1 >= len(lines):
        return start
    line, after = lines[start], lines[start + 1]
    glued = line.tok is Tok.TEXT and line.inline and after.no == line.no and after.tok is Tok.NUMBERED
    words = line.text.split()
    cover = (len(words) > _GLUED_COVER_WORDS and line.text.rstrip()[-1:] not in ":;,"
             and _YEAR_RE.search(line.text) is not None and not _SENTENCE_STOP_RE.search(line.text)
             and sum(w[:1].islower() for w in words) < _GLUED_PROSE_LOWER * len(words))
    return start + 1 if glued and after.num == "1" and cover else start


_COPY_WORDS = (2, 12)  # a running title's words
_COPY_LINE_MIN = 8  # letters of the cover's line a running title ends with


def _after_cover_copy(lines: list[Line], start: int, toc: set[int]) -> int:
    """A running title over the body, the cover's words again ("Sommet des Amériques Plan d'Action" under a cover
    printing "Premier Sommet des Amériques" over "Plan d'Action"): the cover's, when it ends with a whole line of the
    cover and is found in it as printed, no sentence; the body begins under it. An entry of the contents printed
    again is the body's heading (``_with_entry_heading``): the contents are no cover here."""
    if start >= len(lines):
        return start
    line = lines[start]
    words = len(line.text.split())
    if (line.tok is not Tok.TEXT or line.inline or not _COPY_WORDS[0] <= words <= _COPY_WORDS[1]
            or _SENTENCE_STOP_RE.search(line.text)):
        return start
    cover = [_fold(x.text) for k, x in enumerate(lines[:start]) if x.tok not in (Tok.BLANK, Tok.NOISE) and k not in toc]
    copy = _fold(line.text)
    if copy in "".join(cover) and any(len(c) >= _COPY_LINE_MIN and copy.endswith(c) for c in cover):
        return next((j for j in range(start + 1, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)), start)
    return start


def _sentence(text: str) -> bool:
    """A sentence of at least three words, ended by its stop (not an ellipsis)."""
    end = text.rstrip("\"”’')] ")
    words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 2]
    return len(words) >= 3 and end[-1:] in ".!?" and not end.endswith(("...", "…"))


def _quoted_subtitles(lines: list[Line]) -> set[int]:
    """Lines of a subtitle in quotation marks, over up to three lines (“50 Years of ... Progress /
    and Challenges ...”): cover, however much it reads like prose."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if line.tok is not Tok.TEXT or line.text[:1] not in "“\"" or line.text[-1:] in "”\"":
            continue
        run = [i]
        for j in range(i + 1, min(i + 3, len(lines))):
            if lines[j].tok is not Tok.TEXT:
                break
            run.append(j)
            if lines[j].text[-1:] in "”\"":
                out.update(run)
                break
    return out


_NAME_WORD_RE = re.compile(
    r"^(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’-]+|[A-ZÁÉÍÓÚÑ]{2,}|[A-Z]\.|de|del|la|las|los|y|van|von|da|dos)$")
# The position a signatory signs with, on the line under the name.
_POSITION_RE = re.compile(
    r"\b(?:secretary|secretaria|secretario|director|directora|minister|ministro|ministra|president|presidente|"
    r"presidenta|chair|chairperson|coordinator|coordinador|coordinadora|head|jefe|jefa|ambassador|embajador|"
    r"embajadora|executive|ejecutiv[oa]|commissioner|comisionad[oa]|representative|representante|advisor|"
    r"asesor|asesora|officer|oficial|manager|gerente|rapporteur|relator|relatora)\b", re.IGNORECASE)
_SIGNATURE_WORDS = 6
_SIGNATURE_LINES = 6


def _person(text: str) -> bool:
    """A person's name as signed: two to five words, each capitalised or an initial ("Edwin W. Carrington")."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(_NAME_WORD_RE.match(w) for w in words) and words[0][:1].isupper()


def signature_block(lines: list[Line]) -> frozenset[int]:
    """The signature that closes a text: a person's name and the short lines of their titles under it
    ("Edwin W. Carrington / Secretary-General / Caribbean Community"), after a sentence, to the end of
    the text; the indices of its lines."""
    shown = [i for i, line in enumerate(lines) if line.tok is not Tok.NOISE]
    while shown and lines[shown[-1]].tok is Tok.BLANK:
        shown.pop()
    run: list[int] = []
    for i in reversed(shown):
        line = lines[i]
        if (line.tok is not Tok.TEXT or line.inline or len(line.text.split()) > _SIGNATURE_WORDS
                or line.text.rstrip()[-1:] in ".:;!?,"):
            break
        run.insert(0, i)
        if len(run) > _SIGNATURE_LINES:
            return frozenset()
    if len(run) < 2:
        return frozenset()
    for k, i in enumerate(run[:-1]):
        before = next((j for j in range(i - 1, -1, -1) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)), None)
        if (_person(lines[i].text) and _POSITION_RE.search(lines[run[k + 1]].text) and before is not None
                and _sentence(lines[before].text)):
            return frozenset(run[k:])
    return frozenset()


# A resolution's note of its adoption closing its text, alone on its line ("Aprobada en la octava sesión plenaria,
# celebrada el ...", "(Adopted at the fourth plenary session, held on ...)"): a session named, and after a comma
# only when and where it was held, no sentence of its own ("Approved at the session, the plan takes effect ...").
_CLOSING_ADOPTION_RE = re.compile(
    r"^\s*\(?\s*(?:(?:resoluci[óo]n|resolution|declaraci[óo]n|declaration|decisi[óo]n|decision)\s+)?"
    r"(?:adopted|approved|aprobad[ao]|adoptad[ao]|aprovad[ao]|adopt[ée]e)\s+(?:at|in|during|by|en|durante|por|na|no|"
    r"em|pelo|pela|à|au|lors)\s[^,.;:()]{0,80}\b(?:session|sesi[óo]n|sess[ãa]o|séance|meeting|reuni[óo]n|reuni[ãa]o|"
    r"plenar\w*)\b[^,.;:()]{0,60}(?:,\s*(?:held|celebrad[ao]|realizad[ao]|efectuad[ao]|tenue)\b[^.;:()]{0,80})?"
    r"[.)]{0,2}\s*$", re.IGNORECASE)


def closing_adoption_note(lines: list[Line]) -> frozenset[int]:
    """The note of the text's adoption on the last line with text, under a sentence (see
    ``_CLOSING_ADOPTION_RE``): like a cover's note of adoption, no provision; its index."""
    shown = [i for i, line in enumerate(lines) if line.tok not in (Tok.BLANK, Tok.NOISE)]
    if len(shown) < 2:
        return frozenset()
    last, before = lines[shown[-1]], lines[shown[-2]]
    if (last.tok is Tok.TEXT and not last.inline and _CLOSING_ADOPTION_RE.match(last.raw)
            and before.text.rstrip("\"”’')] ")[-1:] in ".;"):
        return frozenset({shown[-1]})
    return frozenset()


# A page's button under the text it closes ("Share this:", "Compartir").
_SHARE_BUTTON_RE = re.compile(r"^\s*(?:share|compartir|compartilhe|partager)(?:\s+(?:this|esta|esto|on|en))?\s*:?\s*$",
                              re.IGNORECASE)
_DATELINE_WORDS_CLOSING = 10


def closing_dateline(lines: list[Line]) -> frozenset[int]:
    """The place and date a text closes on, alone on its last line with text (a page's share button under it at
    most), under a sentence ("Belén, Costa Rica, January 29th, 2015"): where and when it was done, like the
    cover's place and date, no provision; its index, and the button's, a page's furniture."""
    shown = [i for i, line in enumerate(lines) if line.tok not in (Tok.BLANK, Tok.NOISE)]
    button = {shown.pop()} if shown and _SHARE_BUTTON_RE.match(lines[shown[-1]].text) else set()
    if len(shown) < 2:
        return frozenset(button)
    last, before = lines[shown[-1]], lines[shown[-2]]
    if (last.tok is Tok.TEXT and not last.inline and DATELINE_RE.match(last.text)
            and len(last.text.split()) <= _DATELINE_WORDS_CLOSING
            and before.text.rstrip("\"”’')] ")[-1:] in ".;"):
        return frozenset({shown[-1], *button})
    return frozenset(button)


# A resolution's symbol alone on its line ("AG/RES. 2315 (XXXVII-O/07)", "CP/RES. 908 (1567/06)").
_RESOLUTION_SYMBOL_RE = re.compile(r"^\s*(?:AG|CP|CIDI|CIM|CICAD)(?:/[A-Z]+)*/(?:RES|DEC)\.\s*\d+\s*\([^)]*\)\s*$")
_ADOPTION_RE = re.compile(rf"^\s*\({_ADOPTED}\b")
_INNER_COVER_LINES = 4


def inner_covers(lines: list[Line]) -> frozenset[int]:
    """The cover of each further resolution of a text that prints several (a compilation of a General
    Assembly's resolutions): its symbol alone on a line, down to the note of its adoption within a few
    lines ("AG/RES. 2315 (XXXVII-O/07) / ACTIVITIES OF ... / (Adopted at the fourth plenary session ...)");
    the indices of its lines."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if not _RESOLUTION_SYMBOL_RE.match(line.raw):
            continue
        shown = [j for j in range(i + 1, len(lines)) if lines[j].tok is not Tok.BLANK][:_INNER_COVER_LINES]
        end = next((j for j in shown if _ADOPTION_RE.match(lines[j].raw)), None)
        if end is not None:
            out.update(range(i, end + 1))
    return frozenset(out)


# A slide host's caption over its deck: "Presentation on theme: ..." (its transcript on the same line) or
# "Presentation Transcript" alone.
_DECK_CAPTION_RE = re.compile(r"^\s*(?:Presentation on theme:|Presentation transcript\s*$)", re.IGNORECASE)
_SLIDE_ONE_RE = re.compile(r"^\s*1\s+\S")
_DECK_SLIDE_ONE_RE = re.compile(r"^\s*1\.?\s+\S")


def _after_deck_caption(lines: list[Line]) -> int:
    """Where a slide host's page ("Presentation on theme: ...") lets the deck's text begin: after its
    caption and the title slide under it ("1 The Network ..."), both of which repeat the deck's title."""
    caption = next((i for i, line in enumerate(lines) if _DECK_CAPTION_RE.match(line.raw)), None)
    if caption is None:
        return 0
    first = next((j for j in range(caption + 1, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)), None)
    if first is None:
        return caption + 1
    return first + 1 if _DECK_SLIDE_ONE_RE.match(lines[first].raw) else first


# A document host's caption over the text it transcribes, under its summary of the document (its title, a
# snippet of the text, a download button): "Transcript of <title>", "Transcript" alone,
# "Transcription", "Transcripción".
_TRANSCRIPT_CAPTION_RE = re.compile(r"^\s*(?:Transcript of\s.*|(?:Story|Document) Transcript|Transcript|TRANSCRIPT|"
                                    r"Transcription|Transcripci[óo]n|Transcri[çc][ãa]o)\s*$")
_CAPTION_LINES = 10  # the host's summary above its caption is a few lines
# A document host's caption over its preview of the text, right under its field for the embedding frame's size
# ("Embed Size (px)" | "Citation preview"): its summary and buttons ("• Upload", "• Download") stand above.
_PREVIEW_SIZE_RE = re.compile(r"^\s*Embed Size \(px\)\s*$", re.IGNORECASE)
_PREVIEW_CAPTION_RE = re.compile(r"^\s*Citation preview\s*$", re.IGNORECASE)
_PREVIEW_LINES = 25  # the summary and buttons above it


_MAIL_HEADER_RE = re.compile(r"^\s*(?:from|date|sent|to|subject|de|fecha|enviado|para|asunto|envoy[ée]|objet)\s*:\s*\S",
                             re.IGNORECASE)


# A site's label over its breadcrumb trail, the pages leading to this one ("Está en:" / "OEI - Ediciones - ...").
_BREADCRUMB_RE = re.compile(r"^\s*(?:You are here|Usted est[áa] en|Est[áa]s? en|Voc[êe] est[áa] em|Vous [êe]tes ici)"
                            r"\s*:\s*(\S?)")
_TRAIL_RE = re.compile(r"\S\s+(?:>|»|›|-|/|\|)\s+\S")  # the pages of a trail, each after a separator


def _after_breadcrumb(lines: list[Line]) -> int:
    """Where a page's text may begin when a site's breadcrumb trail comes within its first lines: after the trail
    (on the label's line or the one under it), everything above it being the site's furniture; 0 without one."""
    shown = [i for i, line in enumerate(lines) if line.tok is not Tok.BLANK][:_CAPTION_LINES]
    for k, i in enumerate(shown):
        m = _BREADCRUMB_RE.match(lines[i].raw)
        if m is None:
            continue
        at = i if m[1] else shown[k + 1] if k + 1 < len(shown) else None
        if at is None:
            return 0
        # the trail's line, all of it (a host may have run more onto it)
        trail = " ".join(line.raw[m.start(1) if j == i else 0:] for j, line in enumerate(lines)
                         if line.no == lines[at].no and j >= at)
        # "You are here: to decide ..." opens a sentence: a trail names pages, each opening in capitals
        if _TRAIL_RE.search(trail) and not trail.strip()[:1].islower() and not trail.rstrip().endswith("."):
            return next((j for j in range(at, len(lines)) if lines[j].no != lines[at].no), len(lines))
        return 0
    return 0


def _after_message_header(lines: list[Line]) -> int:
    """Where the text a forwarded message quotes begins: its first quoted line, when a mail header ("From: ...",
    "Date: ...") is printed above it (the message's subject, sender and date are its cover)."""
    first = next((i for i, line in enumerate(lines) if line.quoted), None)
    if first is None or not any(_MAIL_HEADER_RE.match(line.raw) for line in lines[:first]):
        return 0
    return first


def _after_transcript_caption(lines: list[Line]) -> int:
    """Where the text a document host transcribes begins: after its caption, when the caption comes within the
    first lines (the host's summary of the document above it repeats the document's opening) or is the preview's
    under the field for its frame's size, and after the
    cover of its first page when the host printed that page on one line after its number ("1 INTERNATIONAL
    LABOUR ORGANIZATION ... Report of the Meeting" | "Introduction" | "1. The Meeting ...")."""
    shown = [i for i, line in enumerate(lines) if line.tok is not Tok.BLANK][:_PREVIEW_LINES]
    caption = next((i for i in shown[:_CAPTION_LINES] if _TRANSCRIPT_CAPTION_RE.match(lines[i].raw)), None)
    if caption is None:
        caption = next((b for a, b in pairwise(shown)
                        if _PREVIEW_SIZE_RE.match(lines[a].raw) and _PREVIEW_CAPTION_RE.match(lines[b].raw)), None)
    if caption is None:
        return 0
    first = next((j for j in range(caption + 1, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)), None)
    if first is None:
        return caption + 1
    # the first page printed on one line, after its number, its cover cut off the text that follows it
    cover = (_SLIDE_ONE_RE.match(lines[first].raw) is not None and first + 1 < len(lines)
             and lines[first + 1].no == lines[first].no)
    return first + 1 if cover else first


# A letter sending the document (a mission's note to the Council's chair) over it: its salutation, and the formula
# it closes with before its signature and addressee.
_LETTER_SALUTATION_RE = re.compile(r"^\s*(?:(?:Your )?Excellency|Excelent[íi]sim[oa] [Ss]eñor[a]?|Señor(?:a)? "
                                   r"(?:Presidente|Presidenta|Secretario General|Secretaria General)[^:]{0,80}|"
                                   r"Mr\.? (?:Chair|President|Secretary General)[^:]{0,80})\s*:\s*$")
_LETTER_CLOSING_RE = re.compile(r"\b(?:assurances of my (?:highest|most distinguished) consideration|"
                                r"seguridades de mi (?:m[áa]s alta|mayor|m[áa]s distinguida) consideraci[óo]n)",
                                re.IGNORECASE)
_LETTER_TAIL_WORDS = 8  # a signature's and an addressee's lines are this short


def letter_furniture(lines: list[Line]) -> frozenset[int]:
    """In a letter sending the document over it, the lines that are the letter's and not its text: its salutation
    ("Excellency:"), its closing formula, and under it the short lines of its signature and addressee and the
    sent document's cover printed again (a note in parentheses among them), up to the document's text; the
    indices of the lines."""
    shown = [i for i, line in enumerate(lines) if line.tok not in (Tok.BLANK, Tok.NOISE)]
    salutation = next((i for i in shown if _LETTER_SALUTATION_RE.match(lines[i].text)), None)
    if salutation is None:
        return frozenset()
    closing = next((i for i in shown if i > salutation and _LETTER_CLOSING_RE.search(lines[i].text)), None)
    if closing is None:
        return frozenset()
    out = {salutation, closing}
    for i in (j for j in shown if j > closing):
        text = lines[i].text
        if len(text.split()) > _LETTER_TAIL_WORDS and not (text.startswith("(") and text.endswith(")")):
            break
        out.add(i)
    return frozenset(out)


def _after_repeated_head(lines: list[Line]) -> int:
    """Where the cover ends when the text's first line, plain text, is printed again right under it, case aside (a
    host's copy of the document's cover line, lowercased, over the cover itself, or a story's headline printed
    twice): after the copy, both being the cover; at the copy when it is the same sentence to the letter (a
    paragraph the host doubled); 0 when it is not printed again."""
    shown = [i for i, line in enumerate(lines) if line.tok not in (Tok.BLANK, Tok.NOISE)][:2]
    if len(shown) < 2 or any(lines[i].tok is not Tok.TEXT or lines[i].inline for i in shown):
        return 0
    head = _fold(lines[shown[0]].text)
    if not head or _fold(lines[shown[1]].text) != head:
        return 0
    # printed twice as it is, a paragraph the host doubled: the copy is the text's, the first line no cover; a
    # headline doubled (no sentence) is the cover's, both copies
    doubled = lines[shown[0]].text == lines[shown[1]].text and _sentence(lines[shown[0]].text)
    return shown[1] if doubled else shown[1] + 1


# A speech page's cover names it so: "20 de junio de 2016|Discurso", "Palabras de apertura de ...", "Remarks by ...".
_SPEECH_RE = re.compile(r"\b(?:discurso|palabras|intervenci[óo]n|remarks|speech|address|statement|discours|"
                        r"allocution|pronunciamento)\b", re.IGNORECASE)
_SPEECH_COVER_LINES = 10  # a speech page's cover (title, date, speaker, occasion) has at most so many lines
_NAMES_LOWER = 0.5  # a speaker's line ("Palabras de apertura de X, Secretario ...") is mostly names and titles
_INNER_STOP_RE = re.compile(r"[a-záéíóúñ)]{2}[.!?]\s+\S")


def _speech_cover_line(line: Line) -> bool:
    """Whether ``line`` may be a line of a speech page's cover: plain text, one sentence at most, not introducing what
    follows (":"), and a line ending on a stop mostly names and titles (a speaker's), not a narrative sentence."""
    text = line.text.rstrip()
    if line.tok is not Tok.TEXT or _INNER_STOP_RE.search(text) or text.endswith(":"):
        return False
    words = text.split()
    return not text.endswith(".") or sum(w[:1].islower() for w in words) < _NAMES_LOWER * len(words)


def _at_salutation(lines: list[Line], start: int) -> int:
    """Where a speech's text begins when its page prints a cover over it (the title, the date, the speaker and the
    occasion; a line naming the speech, one dated): at its first salutation ("Buenos días a todas y a todos."), the
    lines above being that cover; else ``start``."""
    shown = [i for i in range(start, len(lines)) if lines[i].tok not in (Tok.BLANK, Tok.NOISE)]
    for k, i in enumerate(shown[:_SPEECH_COVER_LINES + 1]):
        line = lines[i]
        if line.tok is Tok.TEXT and SALUTATION_RE.match(line.text):
            above = [lines[j] for j in shown[:k]]
            named = any(_SPEECH_RE.search(x.text) for x in above) and any(_YEAR_RE.search(x.text) for x in above)
            if named and all(map(_speech_cover_line, above)):
                return i
            return start
        if not _speech_cover_line(line):
            return start
    return start


_GLUED_COVER_LOWER = 0.4  # a cover's words are capitalised (a title, a place and date) but for a few


def _cover_glued_on(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` is a cover a host glued in front of the text's first numbered paragraph on one physical
    line (a page flattened: "1 Tripartite Forum ... Barbados, 10 - 12 October 2006 Final Report 1. The Forum ..."):
    the line's first piece, a "1." after it on the same line, dated, no sentence in it, few words in lower case."""
    line = lines[i]
    following = next((x for x in lines[i + 1:] if x.tok not in (Tok.BLANK, Tok.NOISE)), None)
    if (line.tok is not Tok.TEXT or not line.inline or following is None or following.no != line.no
            or following.tok is not Tok.NUMBERED or following.num.rstrip(".)") != "1"
            or (i > 0 and lines[i - 1].no == line.no)):
        return False
    text = line.text.rstrip()
    words = text.split()
    return (bool(_YEAR_RE.search(text)) and not _INNER_STOP_RE.search(text) and text[-1:] not in ".:;!?"
            and sum(w[:1].islower() for w in words) < _GLUED_COVER_LOWER * len(words))


# A search host's snippet of a document over its copy: pieces of it, each cut short, joined by " · " ("Conclusiones
# y consideraciones ... · experiencias de los países ..."), the ellipsis at times garbled by the host ("€¦").
_SNIPPET_RE = re.compile(r"(?:\.\.\.|…|€¦)\s?·\s")
_SNIPPET_MAX = 250  # a snippet is a line or two of the document; longer, the host glued the text itself on


def _snippet(line: Line) -> bool:
    """Whether ``line`` is a search host's snippet of the document (see ``_SNIPPET_RE``), no text of it."""
    return line.tok is Tok.TEXT and not line.inline and len(line.text) <= _SNIPPET_MAX and bool(
        _SNIPPET_RE.search(line.text))


def _over_contents(lines: list[Line], i: int, toc: set[int]) -> bool:
    """Whether line ``i`` stands over a table of contents with no paragraph of prose between them: a cover's lines
    (its title again, a list of its versions in other languages, a bullet each), a text not beginning before its
    contents."""
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if j in toc:
            return True
        if line.tok not in (Tok.BLANK, Tok.NOISE) and is_prose(line, sentence=False):
            return False
    return False


# A council document's note of its distribution, under its cover ("This report is being sent to the permanent
# missions; the Permanent Council ... will then receive it."): the document speaks of itself, not of its matter.
_DISTRIBUTION_RE = re.compile(
    r"^\W*(?:this|the present|el presente|este|esta)\s+(?:report|document|note|documento|informe|nota)\b"
    r".{0,40}\b(?:sent|distributed|circulated|forwarded|transmitted|goes out|distribuye|distribuid[oa]|env[íi]a|"
    r"enviad[oa]|remite|remitid[oa])\b.{0,40}\b(?:permanent missions|misiones permanentes)\b", re.IGNORECASE)
_NOTE_LINES_MAX = 3
_NOTE_WITHIN = 20  # of the text's first lines with text


def _distribution_note(lines: list[Line]) -> set[int]:
    """The lines (indices) of a distribution note among the cover's first lines, wrapped or not."""
    shown = [i for i, line in enumerate(lines) if line.tok not in (Tok.BLANK, Tok.NOISE)][:_NOTE_WITHIN]
    for i in shown:
        if lines[i].tok is Tok.TEXT and _DISTRIBUTION_RE.match(lines[i].text):
            note = [i]
            while (not lines[note[-1]].text.rstrip().endswith(".") and len(note) < _NOTE_LINES_MAX
                   and note[-1] + 1 < len(lines) and lines[note[-1] + 1].tok is Tok.TEXT):
                note.append(note[-1] + 1)  # wrapped: it runs to its stop
            return set(note)
    return set()


def front_matter(lines: list[Line], is_title: Callable[[str], bool]) -> Front:
    toc, spans = _tables_of_contents(lines)
    quoted = _quoted_subtitles(lines)
    width = wrap_width(lines)
    spaced = spaced_wrap_width(lines)
    floor = max(_after_deck_caption(lines), _after_transcript_caption(lines), _after_message_header(lines),
                _after_breadcrumb(lines))
    repeated = _after_repeated_head(lines)
    # a deck's text begins with the slide after its title slide, titled or not (a table of its figures, a
    # slide's title glued where nothing tells where it ends)
    slide = next((i for i, line in enumerate(lines) if line.heading or line.slide), None)
    if slide is not None:
        return Front(slide, frozenset(toc), tuple(spans))
    noted = _distribution_note(lines)
    for i, line in enumerate(lines):
        if i < floor or i in toc or line.tok in (Tok.BLANK, Tok.NOISE) or line.leader:
            continue
        if (i in quoted or i in noted or _over_contents(lines, i, toc) or _cover_glued_on(lines, i)
                or _snippet(line)):
            continue
        if _body_like(lines, i, width) and (symbol_entries_at(lines, i) or not _cover_follows(lines, i)):
            start = _with_label(lines, _with_lead_in(lines, _with_its_heading(lines, _after_title(lines, i, is_title))))
            start = _after_news_dateline(lines, _after_announcement(lines, _after_dateline(lines, start)))
            # the note's first lines may be those wrapped above where the body seemed to begin
            start = _after_announcement(lines, _with_wrapped_head(lines, start, toc, width, spaced))
            start = _with_wrapped_subject(lines, start)
            start = _with_part_heading(lines, start, toc)
            start = _with_entry_heading(lines, start, toc)
            start = _with_earlier_days(lines, start)
            start = _with_earlier_years(lines, start)
            start = _after_cover_copy(lines, _after_glued_cover(lines, start), toc)
            start = _at_salutation(lines, start)
            if start < repeated:  # the cover line and its copy are no body: it begins under them
                start = next((j for j in range(repeated, len(lines)) if lines[j].tok not in (Tok.BLANK, Tok.NOISE)),
                             len(lines))
            return Front(start, frozenset(toc), tuple(spans))
    for i, line in enumerate(lines):  # no prose at all: the first sentence that is not a cover line
        if (i < floor or i in toc or line.tok in (Tok.BLANK, Tok.NOISE, Tok.NUMBER_ONLY) or _is_cover(line)
                or _over_contents(lines, i, toc)):
            continue
        if _sentence(line.text) and not _COVER_CUE_RE.search(line.text):
            # the sentence's first lines, wrapped a blank line apart over it (no line of them was prose alone)
            start = _with_wrapped_head(lines, i, toc, 0, spaced) if spaced else i
            return Front(max(start, floor), frozenset(toc), tuple(spans))
    return Front(len(lines), frozenset(toc), tuple(spans))
