"""The document parser: a source text in, its tree of provisions out.

This module owns the recognition of document structure in the plain-text sources (sections,
subsections, numbered and lettered paragraphs, bullet and agenda lists, unnumbered paragraphs),
the eId convention that names each provision (written down in ``docs/eid-convention.md``), the
character span of each provision, and its clean text. It works from the text alone: nothing in it
is keyed on a slug, a file name or the wording of a particular document, and the same text always
gives the same provisions.

The parse runs in three steps:

1. every line is classified by its marker (section heading, numbered, lettered, bullet, agenda
   entry, or plain text) and the front matter and table of contents are set aside;
2. lines are grouped into blocks: a line and the lines that continue it across a page break, or a
   whole markdown table; short heading-like blocks standing alone become subheadings;
3. blocks are placed in a tree (sections, subsections, lists nested by indentation) and named.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum, auto

from kb.errors import ParseError
from kb.model import Kind, Provision

__all__ = ["parse"]

# --- What a line can be -------------------------------------------------------------------------

_SECTION_RE = re.compile(r"^\s*(?P<num>[IVXLC]+|\d{1,2})\.\s+(?P<body>\S.*?)\s*$")
_ROMAN_RE = re.compile(r"^C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_AGENDA_RE = re.compile(r"^\s*(?P<body>\d{1,2}[:.]\d{2}\s*[-\u2013\u2014]\s*\d{1,2}[:.]\d{2}\s+\S.*)$")
_NUMBERED_RE = re.compile(r"^\s*(?P<num>\d{1,3})\.\s+(?P<body>\S.*)$")
_LETTERED_RE = re.compile(r"^\s*(?:\((?P<num>[a-z])\)|(?P<alt>[a-z])[.)])\s+(?P<body>\S.*)$")
_BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)[·•*-]\s+(?P<body>\S.*)$")
_TOC_HEAD_RE = re.compile(r"^\s*(?:table of )?contents?\s*$", re.IGNORECASE)
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# "Moderator: Jane Doe, ..." -- a short label without digits, a colon, then the value.
_FIELD_RE = re.compile(r"^(?P<label>[A-Z][^:\d]{0,40}):\s+\S")

# A heading-like line is at most this long (a label ending with a colon: the shorter limit).
_HEADING_MAX = 160
_LABEL_MAX = 60
_HEADING_END = "\"\u201d\u2019')]"  # closing quotes and brackets
# Words a sentence cannot end on: a block stopping on one is carried on by the next line.
_DANGLING_WORDS = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "with", "by",
    "from", "into", "onto", "as", "than", "that", "between", "among",
})
_AGENDA_LEVEL = -1  # indentation level of an agenda list: any bullet after an entry nests under it

# --- Markup that is not text --------------------------------------------------------------------

_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[footnoteRef:\d+\]"), ""),
    (re.compile(r"\[\d+:\s[^\]]*\]"), ""),  # an inline footnote body, "[2:  Author (2022).]"
    (re.compile(r"\[bookmark:[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # a markdown link keeps its label
    (re.compile(r"\*\*"), ""),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
)

# --- What gives a provision its role ------------------------------------------------------------

_RECOMMENDATIONS_RE = re.compile(r"\brecommendations?\b", re.IGNORECASE)
_FINDINGS_RE = re.compile(r"\b(?:consensus|main ideas|findings?|conclusions?)\b", re.IGNORECASE)
_OBJECTIVE_RE = re.compile(r"\bobjectives?\b", re.IGNORECASE)
_TRAILING_NOTE_RE = re.compile(r"\s*\[[^\]]*\]$")
_SENTENCE_END_RE = re.compile(r"[.?!](?=\s|$)")


class _Tok(Enum):
    """What a line is, judged by its marker."""

    BLANK = auto()  # nothing left once markup is removed (bookmarks, whitespace)
    SECTION = auto()
    AGENDA = auto()
    NUMBERED = auto()
    LETTERED = auto()
    BULLET = auto()
    TEXT = auto()
    TABLE = auto()  # only ever a block: the lines of a markdown table


@dataclass(frozen=True)
class _Line:
    no: int  # 1-based line number
    start: int  # offset of the first non-blank character
    end: int  # offset just after the last non-blank character
    raw: str  # the line, without its line end
    tok: _Tok
    text: str  # clean text of the whole line
    body: str  # clean text after the marker (the whole line for plain text)
    num: str = ""  # section or paragraph number, or letter, as printed
    indent: int = 0  # columns before a bullet marker (tabs count 4)
    roman: bool = False  # a section heading numbered in roman numerals


def _clean(text: str) -> str:
    """Text without footnotes, bookmarks and markdown markup, whitespace folded."""
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _classify(no: int, offset: int, raw: str) -> _Line:
    content = raw.rstrip()
    start = offset + len(content) - len(content.lstrip())
    text = _clean(content)
    line = _Line(no, start, offset + len(content), raw, _Tok.TEXT, text, text)
    if not text:
        return replace(line, tok=_Tok.BLANK)
    if m := _SECTION_RE.match(content):
        num, body = m["num"], _clean(m["body"])
        roman = not num.isdigit()
        if _is_upper(body) and not body.endswith(".") and (not roman or _ROMAN_RE.match(num)):
            return replace(line, tok=_Tok.SECTION, body=body, num=num, roman=roman)
    if m := _AGENDA_RE.match(content):
        return replace(line, tok=_Tok.AGENDA, body=_clean(m["body"]))
    if m := _NUMBERED_RE.match(content):
        return replace(line, tok=_Tok.NUMBERED, body=_clean(m["body"]), num=m["num"])
    if m := _LETTERED_RE.match(content):
        return replace(line, tok=_Tok.LETTERED, body=_clean(m["body"]), num=m["num"] or m["alt"])
    if m := _BULLET_RE.match(content):
        indent = len(m["indent"].expandtabs(4))
        return replace(line, tok=_Tok.BULLET, body=_clean(m["body"]), indent=indent)
    return line


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        lines.append(_classify(no, offset, raw))
        offset += len(raw) + 1
    return lines


def _is_heading_like(line: _Line) -> bool:
    """A short plain-text line that could be a heading: no final period, not a "Label: value"."""
    text = line.text
    limit = _LABEL_MAX if text.endswith(":") else _HEADING_MAX
    return (
        line.tok is _Tok.TEXT
        and len(text) <= limit
        and not text[0].islower()
        and (text[-1].isalnum() or text[-1] in _HEADING_END + ":")
        and not _FIELD_RE.match(text)
    )


# --- Front matter and table of contents ---------------------------------------------------------


def _outside_toc(lines: list[_Line]) -> Iterator[int]:
    """Indices of the lines, skipping each table of contents: its heading and its entry block."""
    i = 0
    while i < len(lines):
        if not _TOC_HEAD_RE.match(lines[i].raw):
            yield i
            i += 1
            continue
        i += 1
        while i < len(lines) and lines[i].tok is _Tok.BLANK:
            i += 1
        while i < len(lines) and lines[i].tok is not _Tok.BLANK:
            i += 1


def _body(lines: list[_Line]) -> list[_Line]:
    """The lines after the front matter, in one section numbering style.

    With section headings, the body starts at the first one, and headings numbered in the other
    style (roman or arabic) are plain text. Without, the body starts after the title lines.
    """
    sections = [i for i in _outside_toc(lines) if lines[i].tok is _Tok.SECTION]
    if sections:
        first = sections[0]
        roman = lines[first].roman
        return [
            replace(line, tok=_Tok.TEXT, body=line.text)
            if line.tok is _Tok.SECTION and line.roman is not roman
            else line
            for line in lines[first:]
        ]
    for i in _outside_toc(lines):
        line = lines[i]
        if line.tok is _Tok.BLANK or (_is_heading_like(line) and not line.text.endswith(":")):
            continue
        return lines[i:]
    return []


# --- Blocks -------------------------------------------------------------------------------------


@dataclass
class _Block:
    tok: _Tok
    lines: list[_Line]
    subheading: bool = False

    @property
    def first(self) -> _Line:
        return self.lines[0]

    @property
    def text(self) -> str:
        if self.tok is _Tok.TABLE:
            rows = [line.text for line in self.lines if not _TABLE_RULE_RE.match(line.raw)]
            cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
            return "; ".join(" | ".join(c for c in row if c) for row in cells)
        return " ".join(line.body for line in self.lines)

    @property
    def heading_like(self) -> bool:
        return len(self.lines) == 1 and _is_heading_like(self.first)


def _continues(block: _Block, line: _Line) -> bool:
    """Whether a plain-text line carries on ``block`` after a page break or a hard wrap.

    It does when it begins in lower case, or when the block stops on a word that cannot end a
    sentence (an article, preposition or conjunction), as "... since the XX IACML in".
    """
    if block.tok in (_Tok.SECTION, _Tok.TABLE):
        return False
    last_word = block.text.rsplit(" ", 1)[-1]
    return line.text[0].islower() or last_word in _DANGLING_WORDS


def _blocks(lines: list[_Line]) -> list[_Block]:
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.tok is _Tok.BLANK:
            continue
        if line.tok is _Tok.TEXT and "|" in line.text and i < len(lines) and _TABLE_RULE_RE.match(lines[i].raw):
            table = [line]
            while i < len(lines) and "|" in lines[i].raw:
                table.append(lines[i])
                i += 1
            blocks.append(_Block(_Tok.TABLE, table))
        elif line.tok is _Tok.TEXT and blocks and _continues(blocks[-1], line):
            blocks[-1].lines.append(line)
        else:
            blocks.append(_Block(line.tok, [line]))
    for k, block in enumerate(blocks):
        previous = blocks[k - 1] if k else None
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        block.subheading = _is_subheading(previous, block, following)
    return blocks


def _is_subheading(previous: _Block | None, block: _Block, following: _Block | None) -> bool:
    """A heading-like block standing alone (not in a run of such lines) before some content.

    A label ending with a colon heads a subsection only when prose follows it; before a list or
    numbered paragraphs it is the lead-in of what follows.
    """
    if not block.heading_like or (previous is not None and previous.heading_like):
        return False
    if following is None or following.tok is _Tok.SECTION:
        return False
    if following.heading_like and not following.text.endswith(":"):
        return False
    return following.tok is _Tok.TEXT if block.text.endswith(":") else True


# --- Roles --------------------------------------------------------------------------------------


def _is_question(text: str) -> bool:
    """Whether the text opens with a question (a trailing bracketed note is ignored)."""
    m = _SENTENCE_END_RE.search(_TRAILING_NOTE_RE.sub("", text))
    return m is not None and m.group() == "?"


def _context_role(headings: list[str]) -> Kind | None:
    """The role that the nearest heading gives to numbered paragraphs under it, if any."""
    for heading in headings:
        if _RECOMMENDATIONS_RE.search(heading):
            return Kind.RECOMMENDATION
        if _FINDINGS_RE.search(heading):
            return Kind.FINDING
    return None


def _paragraph_kind(text: str, headings: list[str]) -> Kind:
    role = _context_role(headings)
    if role is Kind.RECOMMENDATION:
        return role
    if _is_question(text):
        return Kind.QUESTION
    return role or Kind.PARAGRAPH


def _alinea_kind(text: str) -> Kind:
    if _is_question(text):
        return Kind.QUESTION
    field_line = _FIELD_RE.match(text)
    if field_line and _OBJECTIVE_RE.search(field_line["label"]):
        return Kind.OBJECTIVE
    return Kind.PARAGRAPH


def _item_kind(text: str, lead_in: str) -> Kind:
    if _is_question(text):
        return Kind.QUESTION
    if _OBJECTIVE_RE.search(lead_in):
        return Kind.OBJECTIVE
    return Kind.ITEM


def _lead_in(block: _Block) -> str:
    """The text with which a block introduces a list that follows it: a heading, or a text
    ending with a colon ("Specific objectives:"); else nothing."""
    if block.tok is _Tok.SECTION or block.subheading or block.text.endswith(":"):
        return block.text
    return ""


def _roman_value(numeral: str) -> int:
    """The value of a well-formed roman numeral (one that matches ``_ROMAN_RE``)."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


# --- The tree -----------------------------------------------------------------------------------


@dataclass
class _Node:
    """A provision before it is named: ``num`` None means numbered by position among siblings."""

    kind: Kind
    type: str  # the eId type: sec, subsec, para, recommendation, list, item, al
    num: str | None
    number: str | None
    text: str
    start: int
    end: int
    line: int
    heading: str | None = None
    qualified: bool = True  # the eId is prefixed with the parent's
    children: list[_Node] = field(default_factory=list)


@dataclass
class _OpenList:
    indent: int  # of its bullets; _AGENDA_LEVEL for a list of agenda entries
    node: _Node
    lead_in: str  # what the block before the list says its items are


def _leaf(block: _Block, kind: Kind, type_: str, num: str | None = None, number: str | None = None) -> _Node:
    return _Node(kind, type_, num, number, block.text, block.first.start, block.lines[-1].end, block.first.no)


def _container(block: _Block, type_: str, heading: str, num: str | None = None, number: str | None = None) -> _Node:
    line = block.first
    return _Node(Kind.SECTION, type_, num, number, heading, line.start, line.end, line.no, heading)


class _TreeBuilder:
    """Places blocks, in document order, under sections, subsections, paragraphs and lists."""

    def __init__(self) -> None:
        self.root = _Node(Kind.SECTION, "doc", None, None, "", 0, 0, 0)  # the document itself
        self.section: _Node | None = None
        self.subsection: _Node | None = None
        self.numbered: _Node | None = None  # the numbered paragraph that lettered items belong to
        self.lists: list[_OpenList] = []  # the open lists, outermost first
        self.lead_in = ""
        self.paragraphs: list[_Node] = []  # numbered paragraphs, named once all are known

    @property
    def container(self) -> _Node:
        return self.subsection or self.section or self.root

    @property
    def headings(self) -> list[str]:
        """The headings over the current position, nearest first."""
        return [n.text for n in (self.subsection, self.section) if n is not None]

    def add(self, block: _Block) -> None:
        if block.tok is _Tok.BULLET:
            self._add_bullet(block)
        elif block.tok is _Tok.AGENDA:
            self._add_agenda_entry(block)
        else:
            self.lists.clear()
            if block.tok is _Tok.LETTERED:
                self._add_lettered(block)
            else:
                self.numbered = None
                if block.tok is _Tok.SECTION:
                    self._add_section(block)
                elif block.subheading:
                    self._add_subsection(block)
                elif block.tok is _Tok.NUMBERED:
                    self._add_numbered(block)
                else:
                    self.container.children.append(_leaf(block, _alinea_kind(block.text), "al"))
        self.lead_in = _lead_in(block)

    def _add_section(self, block: _Block) -> None:
        line = block.first
        num = str(_roman_value(line.num)) if line.roman else line.num
        self.section = _container(block, "sec", line.body, num, line.num)
        self.subsection = None
        self.root.children.append(self.section)

    def _add_subsection(self, block: _Block) -> None:
        self.subsection = _container(block, "subsec", block.text.removesuffix(":"))
        (self.section or self.root).children.append(self.subsection)

    def _add_numbered(self, block: _Block) -> None:
        num = block.first.num
        kind = _paragraph_kind(block.text, self.headings)
        self.numbered = _leaf(block, kind, "recommendation" if kind is Kind.RECOMMENDATION else "para", num, num)
        self.numbered.qualified = False  # until its number is found to repeat
        self.paragraphs.append(self.numbered)
        self.container.children.append(self.numbered)

    def _add_lettered(self, block: _Block) -> None:
        letter = block.first.num
        kind = _paragraph_kind(block.text, self.headings)
        if self.numbered:
            self.numbered.children.append(_leaf(block, kind, "para", letter, f"{self.numbered.number}({letter})"))
        else:
            self.container.children.append(_leaf(block, kind, "para", letter, f"({letter})"))

    def _add_bullet(self, block: _Block) -> None:
        indent = block.first.indent
        while len(self.lists) > 1 and self.lists[-1].indent > indent:
            self.lists.pop()
        if not self.lists:
            self._open_list(self.container, indent)
        elif self.lists[-1].indent < indent:
            self._open_list(self.lists[-1].node.children[-1], indent)
        self._add_item(block, _item_kind(block.text, self.lists[-1].lead_in))

    def _add_agenda_entry(self, block: _Block) -> None:
        if self.lists and self.lists[0].indent == _AGENDA_LEVEL:
            del self.lists[1:]
        else:
            self.lists.clear()
            self._open_list(self.container, _AGENDA_LEVEL)
        self._add_item(block, Kind.AGENDA_ITEM)

    def _open_list(self, parent: _Node, indent: int) -> None:
        node = _Node(Kind.LIST, "list", None, None, "", 0, 0, 0)
        parent.children.append(node)
        self.lists.append(_OpenList(indent, node, self.lead_in))

    def _add_item(self, block: _Block, kind: Kind) -> None:
        items = self.lists[-1].node
        item = _leaf(block, kind, "item")
        if not items.children:
            items.start, items.line = item.start, item.line
        items.children.append(item)

    def qualify_repeated_numbers(self) -> None:
        """Numbered paragraphs keep a bare eId (``para_19``) unless a number repeats in the document."""
        repeated = {
            type_ for type_ in ("para", "recommendation")
            if max(Counter(n.num for n in self.paragraphs if n.type == type_).values(), default=1) > 1
        }
        for node in self.paragraphs:
            node.qualified = node.type in repeated


def _extend(node: _Node) -> int:
    """Make each node's span cover its descendants; return its end."""
    for child in node.children:
        node.end = max(node.end, _extend(child))
    return node.end


def _emit(node: _Node, eid: str | None, out: list[Provision]) -> list[str]:
    """Name the children of ``node`` and append them, depth first; return their eIds."""
    positions: Counter[str] = Counter()
    eids: list[str] = []
    for order, child in enumerate(node.children, start=1):
        num = child.num
        if num is None:
            positions[child.type] += 1
            num = str(positions[child.type])
        local = f"{child.type}_{num}"
        child_eid = f"{eid}__{local}" if eid and child.qualified else local
        provision = Provision(
            eid=child_eid, kind=child.kind, number=child.number, text=child.text, start=child.start,
            end=child.end, parent=eid, heading=child.heading, order=order, line=child.line,
        )
        out.append(provision)
        provision.children = _emit(child, child_eid, out)
        eids.append(child_eid)
    return eids


def parse(text: str, *, source: str = "<text>") -> list[Provision]:
    """The provisions of a source text, in document order (parents before their children).

    ``source`` names the text in error messages. Raises :class:`ParseError` when the text holds
    no provision, or when two provisions would get the same eId (a numbering that repeats within
    one parent).
    """
    if not text.strip():
        raise ParseError(source, "the text is empty", line=1, hint="give the parser a non-empty source text")
    builder = _TreeBuilder()
    for block in _blocks(_body(_lines(text))):
        builder.add(block)
    if not builder.root.children:
        raise ParseError(source, "no provision found after the front matter", line=1,
                         hint="a source needs section headings, paragraphs or list items")
    builder.qualify_repeated_numbers()
    _extend(builder.root)
    provisions: list[Provision] = []
    _emit(builder.root, None, provisions)
    seen: set[str] = set()
    for provision in provisions:
        if provision.eid in seen:
            raise ParseError(source, f"eId {provision.eid} is given twice", line=provision.line,
                             hint="the numbering repeats within one parent; fix the source text")
        seen.add(provision.eid)
    return provisions
