"""The document parser: a source text in; its provisions, what its cover says, and warnings out.

It owns the recognition of document structure in plain-text sources as real hosts deliver them
(sections, subsections, numbered and lettered paragraphs, bullet and agenda lists, unnumbered
paragraphs; covers, banners, tables of contents, page markers and running headers set aside), the
eId convention that names each provision (``docs/eid-convention.md``), the role of each provision
(mandate, recommendation, finding, ...), the character span of each provision and its clean text.
It works from the text alone (and the document's type, when known): nothing in it is keyed on a
slug, a file name or the wording of one document, and the same text always gives the same result.
The source is never changed: every span points into the text as received.

The stages, one private module each:

``_layout``  the text cut into segments (a line, or the items a host ran together on one line)
``_lines``   what each segment is, by its marker; noise (page markers, running headers)
``_front``   where the body begins: covers, banners and tables of contents set aside
``_blocks``  segments grouped into blocks (continued across page breaks and hard wraps)
``_tree``    blocks placed in a tree, lost numbering reconstructed, provisions named
``_roles``   the kind of each provision, from its document's type and its context
``_cover``   the cover's metadata: title, type, symbols, date, languages, meeting

``_corrections`` places a curator's corrections (``corrections:`` in a document's metadata) in the
text and applies each at the stage it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from kb.errors import ParseError
from kb.model import Correction, DocType, Kind, Provision
from kb.parse._blocks import Block, blocks
from kb.parse._corrections import place
from kb.parse._cover import CoverMetadata, conference_named, is_title_line, read_cover, typed_as_page
from kb.parse._front import (
    closing_adoption_note,
    closing_dateline,
    front_matter,
    inner_covers,
    letter_furniture,
    signature_block,
)
from kb.parse._layout import segments
from kb.parse._lines import FOOTNOTE_LINE_RE, MONTHS, SYMBOL_LINE_RE, TABLE_RULE_RE, Line, Tok, classify, is_upper
from kb.parse._roles import Roles, mandates_banner
from kb.parse._tree import build_tree

__all__ = ["MONTHS", "SYMBOL_LINE_RE", "CoverMetadata", "ParseWarning", "ParsedDocument", "ReadLine",
           "conference_named", "parse", "parse_document"]

_LONG_TEXT = 3000  # a body this long parsed into a single provision is doubtful
_SHORT_PROVISION = 12
_LONG_PROVISION = 4000


@dataclass(frozen=True)
class ParseWarning:
    """A part of the parse a reader would doubt, at a 1-based line of the source."""

    line: int
    code: str
    message: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "code": self.code, "message": self.message}

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ReadLine:
    """One line of a source as the parser read it: ``role`` is ``text`` (of the provisions ``eids``
    that begin on it, or of the one it carries on), ``cover``, ``contents``, ``set aside`` (page
    furniture, a menu, a skipped line) or ``none`` (a line of the body no provision holds)."""

    line: int
    role: str
    eids: tuple[str, ...]
    kinds: tuple[str, ...]
    first: bool  # provisions begin on it (else it carries on the one in ``eids``)
    text: str  # the line as printed

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "role": self.role, "eids": list(self.eids), "kinds": list(self.kinds),
                "first": self.first, "text": self.text}


@dataclass(frozen=True)
class ParsedDocument:
    """What the parser makes of one text."""

    provisions: list[Provision]
    metadata: CoverMetadata
    warnings: list[ParseWarning]
    body_line: int  # 1-based line where the body begins (what comes before is the cover)
    contents_lines: tuple[tuple[int, int], ...]  # (first, last) line of each table of contents set aside
    set_aside_lines: tuple[int, ...] = ()  # lines of the body read as furniture (page markers, headers, menus)

    def read_lines(self, text: str) -> list[ReadLine]:
        """Every non-blank line of ``text`` (the parsed source) with what the parser made of it: the
        view a curator writes corrections from."""
        contents = {n for a, b in self.contents_lines for n in range(a, b + 1)}
        aside = set(self.set_aside_lines)
        parts = sorted((p for p in self.provisions if p.kind is not Kind.LIST), key=lambda p: (p.start, p.eid))
        out: list[ReadLine] = []
        offset = 0
        for no, raw in enumerate(text.split("\n"), start=1):
            start, offset = offset, offset + len(raw) + 1
            if not raw.strip():
                continue
            first_char = start + len(raw) - len(raw.lstrip())
            begin = [p for p in parts if start <= p.start < start + len(raw)]
            holding = begin or [p for p in parts if p.start <= first_char < (p.text_end or p.end)][-1:]
            if holding:
                out.append(ReadLine(no, "text", tuple(p.eid for p in holding), tuple(p.kind.value for p in holding),
                                    bool(begin), raw.strip()))
                continue
            role = ("cover" if no < self.body_line else "contents" if no in contents
                    else "set aside" if no in aside else "none")
            out.append(ReadLine(no, role, (), (), False, raw.strip()))
        return out


# Spanish words whose accented letter a converter dropped: "-ción" and "-sión" read "-cin", "-sin" ("sin" itself
# aside); three different ones in a Spanish text with no accented letter at all are not chance.
_LOST_ACCENT_RE = re.compile(r"\b[a-z]{2,}[cs]in\b", re.IGNORECASE)
_ACCENTED_RE = re.compile(r"[áéíóúñÁÉÍÓÚÑ]")
_LOST_ACCENTS = 3
_SPANISH_WORDS = frozenset({"de", "la", "el", "los", "las", "del", "que", "y", "en", "por", "para", "con", "una"})
_SPANISH_SHARE = 0.15  # of a Spanish text's words, these are about a quarter; of an English text's, next to none


_LABEL_WORDS = 4


def _cover_label(cover: list[Line]) -> str:
    """The label the cover ends with, a few words and a colon on the line just over the body ("Objectives:", an
    event page's field over its bulleted objectives): what the body's first list holds; else nothing."""
    last = next((line for line in reversed(cover) if line.tok not in (Tok.BLANK, Tok.NOISE)), None)
    if last is None or last.tok is not Tok.TEXT or not last.text.endswith(":"):
        return ""
    return last.text if len(last.text.split()) <= _LABEL_WORDS else ""


def _label(text: str) -> bool:
    """A few words and a colon, alone: a label over what follows it."""
    return text.endswith(":") and "\n" not in text and len(text.split()) <= _LABEL_WORDS


def _doc_type(value: DocType | str | None) -> DocType | None:
    if value is None or isinstance(value, DocType):
        return value
    try:
        return DocType(value)
    except ValueError:
        return None


def _warnings(provisions: list[Provision], body: list[Block], lines: list[Line], body_text: str,
              doc_type: DocType | None = None, corrected: frozenset[int] = frozenset()) -> list[ParseWarning]:
    """What a reader would doubt in a reading; a line a correction of how it is cut (``read_as``) was
    placed in (``corrected``) has been looked at, and its cuts are not doubted again."""
    out: list[ParseWarning] = []
    leaves = [p for p in provisions if p.kind not in (Kind.SECTION, Kind.LIST)]
    if doc_type in (DocType.PLAN_OF_ACTION, DocType.WORK_PLAN) and leaves and all(
            p.kind is not Kind.MANDATE for p in leaves):
        out.append(ParseWarning(leaves[0].line, "no-mandate", f"a {doc_type.value} in which no provision was "
                                "read as a mandate: check the document's type, and that its operative paragraphs "
                                "were found (or correct them: `kind: Mandate` on the heading over them)"))
    if len(body_text) >= _LONG_TEXT and len(leaves) <= 1:
        line = leaves[0].line if leaves else 1
        out.append(ParseWarning(line, "one-provision", f"{len(body_text)} characters of text gave "
                                f"{len(leaves)} provision(s): the parser found no numbering or paragraphs in it "
                                "(correct it: `read_as: starts` where each provision begins)"))
    inline_lines = sorted({line.no for line in lines if line.inline and line.tok is not Tok.BLANK} - corrected)
    for no in inline_lines:
        count = sum(1 for line in lines if line.no == no and line.inline and line.tok is not Tok.BLANK)
        out.append(ParseWarning(no, "inline-items", f"line {no} runs {count} parts together (numbered items "
                                "or a heading and its text on one line): cut where each part begins (a wrong cut: "
                                "`read_as: continues`; a missed one: `read_as: starts`; cuts that are right: "
                                "`read_as: starts` at one of them says so, and the line is not doubted again)"))
    for p in leaves:
        if len(p.text) < _SHORT_PROVISION and p.kind is not Kind.AGENDA_ITEM:
            out.append(ParseWarning(p.line, "short-provision", f"{p.eid} is very short ({p.text!r})"))
        elif len(p.text) > _LONG_PROVISION:
            out.append(ParseWarning(p.line, "long-provision", f"{p.eid} is very long ({len(p.text)} characters): "
                                    "paragraphs may have been run together"))
        if p.eid.rsplit("__", 1)[-1].startswith("al_") and is_upper(p.text) and len(p.text) <= 100 and \
                not p.text.endswith((".", ":")):
            out.append(ParseWarning(p.line, "heading-like", f"{p.eid} reads like a heading ({p.text!r}) but "
                                    "was kept as a paragraph (if it is one: `read_as: heading`)"))
    return out


_STOPS = ".;:!?"
_CLOSERS = "\"\u201d\u2019')]"


def _split_sentences(provisions: list[Provision], text: str, body_line: int,
                     corrected: frozenset[int]) -> list[ParseWarning]:
    """An unnumbered provision beginning in lower case (the body's first, or on "(") after text that ends
    without a stop: one sentence likely cut in two, between two provisions or between the cover and the body
    (a hard wrap the parser took for a paragraph's end). A line a correction was placed on is not doubted again."""
    out: list[ParseWarning] = []
    parts = sorted((p for p in provisions if p.kind is not Kind.LIST), key=lambda p: (p.start, p.eid))
    if parts and parts[0].line == body_line and parts[0].line not in corrected and (
            text[parts[0].start].islower() or text[parts[0].start] == "("):
        above = text[:parts[0].start].rstrip()
        last = above.rsplit("\n", 1)[-1].strip()
        if last and last.rstrip(_CLOSERS)[-1:] not in _STOPS:
            out.append(ParseWarning(parts[0].line, "split-sentence", f"the body begins in mid-sentence "
                                    f"({text[parts[0].start:parts[0].start + 40]!r}) after a cover line ending "
                                    f"without a stop ({last[-40:]!r}): if the sentence begins in the cover, put "
                                    "`read_as: body` where it begins"))
    for before, part in pairwise(parts):
        if part.number is not None or part.line in corrected or part.start <= before.start \
                or not text[part.start].islower():
            continue
        own = text[before.start:before.text_end or before.end].rstrip()
        if own.rstrip(_CLOSERS)[-1:] in _STOPS:
            continue
        out.append(ParseWarning(part.line, "split-sentence", f"{part.eid} begins in lower case "
                                f"({text[part.start:part.start + 40]!r}) after {before.eid}, which ends without "
                                f"a stop ({own[-40:]!r}): if it carries that sentence on, put `read_as: continues` "
                                f"on line {part.line}"))
    return out


def _dedupe(provisions: list[Provision], source: str) -> tuple[list[Provision], list[ParseWarning]]:
    """Give a provision whose eId was already given (a section number printed twice) its own."""
    seen: set[str] = set()
    renamed: dict[str, str] = {}
    out: list[Provision] = []
    notes: list[ParseWarning] = []
    for p in provisions:
        parent = renamed.get(p.parent, p.parent) if p.parent else None
        eid = p.eid
        if parent and p.parent in renamed and eid.startswith(p.parent + "__"):
            eid = parent + eid[len(p.parent):]
        if eid in seen:
            k = 2
            while f"{eid}r{k}" in seen:
                k += 1
            notes.append(ParseWarning(p.line, "eid-repeated", f"{eid} is printed twice; the second is {eid}r{k}"))
            renamed[p.eid] = f"{eid}r{k}"
            eid = f"{eid}r{k}"
        elif eid != p.eid:
            renamed[p.eid] = eid
        seen.add(eid)
        out.append(replace(p, eid=eid, parent=parent))
    by_old = {p.eid: new.eid for p, new in zip(provisions, out, strict=True)}
    for p in out:
        p.children = [by_old.get(c, c) for c in p.children]
    return out, notes


def parse_document(text: str, *, source: str = "<text>", doc_type: DocType | str | None = None,
                   language: str | None = None, corrections: Sequence[Correction] = (),
                   corrections_file: str = "") -> ParsedDocument:
    """Parse a source text: its provisions in document order (parents before their children), the
    metadata its cover gives, and warnings. ``doc_type`` (else the cover's) decides which parts are
    mandates; ``language`` overrides the one the text is read in; ``corrections`` (from
    ``corrections_file``) say how to read it where the parser alone misreads it. Raises
    :class:`ParseError` for an empty text, or a correction that cannot be placed in it."""
    if not text.strip():
        raise ParseError(source, "the text is empty", line=1, hint="give the parser a non-empty source text")
    placed = place(text, corrections, corrections_file or source)
    lines = classify(text, placed.cut(segments(text)))
    placed.check_lines(lines)
    lines = placed.skip_lines(lines)
    front = front_matter(lines, is_title_line)
    body_start = placed.body_start(lines, front.body_start)
    body_lines = [replace(line, tok=Tok.NOISE) if i in front.toc and line.start not in placed.named else line
                  for i, line in enumerate(lines) if i >= body_start]
    not_text = (signature_block(body_lines) | inner_covers(body_lines) | letter_furniture(body_lines)
                | closing_adoption_note(body_lines) | closing_dateline(body_lines))
    body_lines = [replace(line, tok=Tok.NOISE) if k in not_text and line.start not in placed.named else line
                  for k, line in enumerate(body_lines)]
    continues = placed.offsets("continues") | placed.spanned(lines, "heading", "continues")
    body_blocks = placed.apply_blocks(blocks(body_lines, starts=placed.offsets("starts", "body"), continues=continues,
                                             headings=placed.offsets("heading")))
    body_offset = body_lines[0].start if body_lines else len(text)
    front_text = "\n".join(line.raw for i, line in enumerate(lines[:body_start]) if i not in front.toc)
    # a label over the text's first paragraphs ("Description:") is no part of its opening
    opened = body_blocks[1:] if len(body_blocks) > 1 and _label(body_blocks[0].text) else body_blocks
    opening = opened[0].text if opened else ""
    metadata = read_cover(front_text, opening, text[body_offset:body_offset + 4000] if body_lines else text[:4000])
    if language:
        metadata = replace(metadata, language=language)
    kind_of = _doc_type(doc_type) or _doc_type(metadata.type)
    cover_lines = [line.text for line in lines[:body_start] if line.tok is not Tok.NOISE]
    roles = Roles(kind_of, metadata.language, mandates_banner(cover_lines))
    provisions, notes = build_tree(body_blocks, roles, _cover_label(lines[:body_start]))
    # mandates a page quotes under a heading naming them so are not its own: it stays a page
    own_mandates = sum(p.kind is Kind.MANDATE for p in provisions) > roles.quoted
    metadata = typed_as_page(metadata, mandates=own_mandates)
    provisions, renames = _dedupe(provisions, source)
    provisions = placed.pin(provisions)
    warnings = [ParseWarning(n.line, n.code, n.message) for n in notes] + renames
    covered = [line for line in lines[front.body_start:body_start] if line.tok in (Tok.NUMBERED, Tok.LETTERED)]
    if covered:  # a `body` correction further on than the parser's reading: numbered parts become cover
        warnings.append(ParseWarning(covered[0].no, "numbered-cover", f"{len(covered)} numbered line(s) from line "
                                     f"{covered[0].no} are in the cover, before where the `body` correction puts the "
                                     "body: if they are provisions, put the `body` correction at the first of them"))
    if not provisions:
        warnings.append(ParseWarning(1, "no-body", "no provision found: the text seems to be only a cover, a "
                                     "banner or a table of contents"))
    damaged = text.count("\ufffd")
    if damaged:  # a text decoded in the wrong encoding: letters lost for good, every quote must copy the marks
        first = text.count("\n", 0, text.index("\ufffd")) + 1
        warnings.append(ParseWarning(first, "replacement-characters", f"{damaged} character(s) of the text are "
                                     f"U+FFFD (\ufffd), from line {first}: letters its converter could not read "
                                     "(a text saved in another encoding); get a good copy, or convert the original "
                                     "from its encoding (e.g. `iconv -f latin1 -t utf-8`), and add that"))
    words = re.findall(r"[a-z]+", text.casefold())
    spanish = sum(word in _SPANISH_WORDS for word in words) >= _SPANISH_SHARE * len(words) > 0
    lost = _LOST_ACCENT_RE.findall(text) if spanish and not _ACCENTED_RE.search(text) else []
    if len({word.casefold() for word in lost}) >= _LOST_ACCENTS:  # "promocin", "sesin": "ó" dropped, not replaced
        first = text.count("\n", 0, text.index(lost[0])) + 1
        said = ", ".join(dict.fromkeys(lost[:4]))
        warnings.append(ParseWarning(first, "accents-lost", f"the text has no accented letter and reads {said}: its "
                                     "converter dropped them, and quotes and citations would carry the damaged "
                                     "words; read the document again from its original (PDF, DOCX) or another "
                                     "copy, and add that"))
    corrected = frozenset(text.count("\n", 0, offset) + 1 for offset, c in placed.at if c.read_as)  # a cut looked at
    warnings += _warnings(provisions, body_blocks, body_lines, text[body_offset:], kind_of, corrected)
    body_line = body_lines[0].no if body_lines else 1
    warnings += _split_sentences(provisions, text, body_line, corrected)
    warnings.sort(key=lambda w: (w.line, w.code))
    toc = {n for a, b in front.toc_lines for n in range(a, b + 1)}
    in_blocks = {line.no for block in body_blocks for line in block.lines}
    # a table read row by row (numbered rows: kb.parse._blocks) leaves its header row and rule out; a footnote's
    # text on a line of its own (a page's notes, as kb.extract writes them) is no part of the body
    raws = [line.raw for line in body_lines] + [""]
    headers = {line.no for k, line in enumerate(body_lines) if line.no not in in_blocks and "|" in line.raw
               and (TABLE_RULE_RE.match(line.raw) or TABLE_RULE_RE.match(raws[k + 1]))}
    footnotes = {line.no for line in body_lines if line.no not in in_blocks and FOOTNOTE_LINE_RE.match(line.raw)}
    aside = tuple(sorted({line.no for line in body_lines if line.tok is Tok.NOISE and line.no not in toc}
                         | headers | footnotes))
    doc = ParsedDocument(provisions, metadata, warnings, body_line, _contents(front.toc_lines, provisions), aside)
    if not provisions:
        return doc
    lost = [ParseWarning(r.line, "lost-line", f"{r.text[:60]!r} is in no provision: a number or words the "
                         "parser could not attach (kb parse FILE --lines shows it; correct it with `read_as: "
                         "starts`, `continues` or `skip`)") for r in doc.read_lines(text) if r.role == "none"]
    return replace(doc, warnings=sorted(warnings + lost, key=lambda w: (w.line, w.code))) if lost else doc


def _contents(ranges: tuple[tuple[int, int], ...], provisions: list[Provision]) -> tuple[tuple[int, int], ...]:
    """The tables of contents set aside, without the lines a correction read as provisions."""
    held = {p.line for p in provisions}
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        kept = [n for n in range(a, b + 1) if n not in held]
        runs = [n for n in kept if n - 1 not in kept]  # each run of kept lines, by its first
        out += [(n, next(m for m in range(n, b + 1) if m + 1 not in kept)) for n in runs]
    return tuple(out)


def parse(text: str, *, source: str = "<text>", doc_type: DocType | str | None = None,
          corrections: Sequence[Correction] = (), corrections_file: str = "") -> list[Provision]:
    """The provisions of a source text (see :func:`parse_document`). Raises :class:`ParseError` when
    it holds none: a held document must have some."""
    provisions = parse_document(text, source=source, doc_type=doc_type, corrections=corrections,
                                corrections_file=corrections_file).provisions
    if not provisions:
        raise ParseError(source, "no provision found after the front matter", line=1,
                         hint="a source needs section headings, paragraphs or list items")
    return provisions

