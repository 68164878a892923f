"""Blocks placed in a tree and named: sections, subsections, numbered and lettered paragraphs,
lists nested by indentation, unnumbered paragraphs; the eIds of ``docs/eid-convention.md``.

Also what a reader does with numbering a host damaged: when nearly every paragraph is printed
``1.`` (the numbers were lost), or when the paragraphs were flattened into ``-`` bullets with the
headings among them, the headings become sections and the paragraphs are numbered again in reading
order, each number marked as reconstructed. A number that repeats within one part (two runs of
numbered paragraphs) is not an error: each run becomes a list, and the repetition is reported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kb.model import Kind, Provision
from kb.parse._blocks import Block
from kb.parse._lines import ORDINALS, Tok, is_upper
from kb.parse._roles import COUNTED_RECOMMENDATIONS, Roles

__all__ = ["Note", "Tree", "build_tree"]

_COUNTED_RE = re.compile(COUNTED_RECOMMENDATIONS, re.IGNORECASE)
_AGENDA_LEVEL = -1  # indentation level of an agenda list: any bullet after an entry nests under it
_LOST_SHARE = 0.75  # numbering is lost when at least this share of numbered paragraphs print "1."
_LOST_MIN = 3

_EID_NUM_RE = re.compile(r"^[A-Za-z0-9]+$")  # a number an eId can carry as it is printed

@dataclass(frozen=True)
class Note:
    """Something the tree builder did that a reader may want to check: at ``line``."""

    line: int
    code: str
    message: str


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
    reconstructed: bool = False  # ``number`` was reconstructed (the printed one was lost)
    text_end: int = 0  # end of the node's own text (its heading, for a container)
    children: list[_Node] = field(default_factory=list)


@dataclass
class _OpenList:
    indent: int  # of its bullets; _AGENDA_LEVEL for a list of agenda entries
    node: _Node
    lead_in: str  # what the block before the list says its items are


def _leaf(block: Block, kind: Kind, type_: str, num: str | None = None, number: str | None = None) -> _Node:
    if block.number is not None:  # a curator's: an unnumbered paragraph given one is a numbered paragraph
        number = block.number
        if type_ in ("al", "para", "art", "recommendation") and _EID_NUM_RE.match(number):
            type_, num = "para" if type_ == "al" else type_, number.lower()
    return _Node(block.kind or kind, type_, num, number, block.text, block.start, block.end, block.first.no,
                 text_end=block.end)


def _container(block: Block, type_: str, heading: str, num: str | None = None, number: str | None = None) -> _Node:
    return _Node(Kind.SECTION, type_, num, block.number or number, heading, block.start, block.end, block.first.no,
                 heading, text_end=block.end)


_SMALL_ROMANS = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())
# The roles a provision gives to its parts when it leads in to them.
_LEADING_ROLES = frozenset({Kind.MANDATE, Kind.RECOMMENDATION, Kind.FINDING})


def _roman_parent(siblings: list[_Node], mark: str) -> _Node | None:
    """The lettered item a small roman numeral ("i", "ii") is a part of: the lettered item before it, unless
    the mark is that item's next letter ("h" then "i", "u" then "v"), or that item is itself a roman numeral
    opening the run ("(i)" with no "(h)" before it)."""
    if mark not in _SMALL_ROMANS or not siblings:
        return None
    before = siblings[-1]
    if before.type != "para" or not before.num or len(before.num) != 1 or not before.num.isalpha():
        return None
    if len(mark) == 1 and ord(mark) == ord(before.num) + 1:
        return None
    if before.num in ("i", "v", "x"):
        earlier = siblings[-2] if len(siblings) > 1 else None
        if earlier is None or earlier.num != chr(ord(before.num) - 1):
            return None  # "(i)" opening a run of roman numerals ("(i) ... (ii) ..."), not the letter after "(h)"
    return before


def _roman_value(numeral: str) -> int:
    """The value of a well-formed roman numeral."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


def _heading_text(text: str) -> bool:
    """Text that is a heading, though printed as an item: short, in capitals, no final period."""
    return is_upper(text) and len(text) <= 100 and not text.endswith(".")


def _lead_in(block: Block) -> str:
    """The text with which a block introduces a list that follows it: a heading, a text ending with a colon
    ("Specific objectives:"), or one whose last sentence announces recommendations by their number ("... agreed on
    the four overarching recommendations to guide ..."); else nothing."""
    if block.tok is Tok.SECTION or block.subheading or block.text.endswith(":"):
        return block.text
    last = re.split(r"(?<=[.;])\s+", block.text.strip())[-1]
    if block.tok is Tok.TEXT and _COUNTED_RE.search(last):
        return last
    return ""


def _top_style(blocks: list[Block]) -> str:
    """The numbering style of the document's sections: that of its first section heading (a
    single ``I`` is roman unless a ``J`` follows it; other single letters are letters)."""
    marks = [b.first for b in blocks if b.tok is Tok.SECTION]
    if not marks:
        return ""
    first = marks[0]
    if len(first.styles) == 1:
        return next(iter(first.styles))
    if first.num == "I":
        following = marks[1].num if len(marks) > 1 else ""
        return "letter" if following == "J" else "roman"
    return "letter"


def _numbering(blocks: list[Block], roles: Roles) -> str:
    """``printed``; ``lost`` when nearly every numbered paragraph (or heading) prints ``1.`` (in a
    Plan of Action or a Declaration, whose numbering runs through the text, two are enough);
    ``flattened`` when there are none and the paragraphs came as ``-`` bullets with headings in
    capitals among them."""
    numbered = [b for b in blocks if b.tok is Tok.NUMBERED and b.number_line is None]
    top = min((b.first.indent for b in numbered), default=0)
    numbered = [b for b in numbered if b.first.indent == top]  # not the sub-items indented under them
    numbered += [b for b in blocks if b.tok is Tok.SECTION and b.first.styles == {"arabic"}]
    if numbered:
        ones = sum(b.first.num == "1" for b in numbered)
        if len(numbered) >= _LOST_MIN and ones >= _LOST_SHARE * len(numbered):
            return "lost"
        return "lost" if len(numbered) >= 2 and ones == len(numbered) else "printed"
    bullets = [b for b in blocks if b.tok is Tok.BULLET]
    if not bullets:
        return "printed"
    outer = [b for b in bullets if b.first.indent == min(x.first.indent for x in bullets)]
    headings = [b for b in outer if _heading_text(b.text)]
    return "flattened" if headings and len(outer) - len(headings) >= 2 else "printed"


class Tree:
    """Places blocks, in document order, under sections, subsections, paragraphs and lists."""

    def __init__(self, roles: Roles, blocks: list[Block], lead_in: str = "") -> None:
        self.roles = roles
        self.style = _top_style(blocks)
        self.numbering = _numbering(blocks, roles)
        # the numbers of an outline that head deeper ones ("1.1" over "1.1.1"): its headings
        outline = [b.first.num for b in blocks if b.tok is Tok.DECIMAL]
        self.outline_heads = {num.rsplit(".", 1)[0] for num in outline}
        # an outline number with no part over it, under it or beside it is a figure ("11.30 Coffee break")
        printed = set(outline) | {b.first.num.rstrip(".)") for b in blocks if b.tok in (Tok.NUMBERED, Tok.SECTION)}
        self.outline = {num for num in outline
                        if num in self.outline_heads or num.rsplit(".", 1)[0] in printed
                        or sum(n.rsplit(".", 1)[0] == num.rsplit(".", 1)[0] for n in outline) > 1}
        # a text numbered by articles has more than one ("Artículo 7." alone is one quoted)
        self.articled = sum(b.tok is Tok.NUMBERED and b.first.article for b in blocks) > 1
        self.root = _Node(Kind.SECTION, "doc", None, None, "", 0, 0, 0)  # the document itself
        self.section: _Node | None = None
        self.subsection: _Node | None = None
        self.numbered: _Node | None = None  # the numbered paragraph that lettered items belong to
        self.numbered_indent = 0
        self.previous_numbered: _Node | None = None
        self.lists: list[_OpenList] = []  # the open lists, outermost first
        self.lead_in = lead_in  # the label the body's first list hangs from, when the cover ends with it
        self.run_lead_in = ""  # the lead-in of the run of numbered paragraphs being read
        self.letters_lead_in = ""  # the lead-in of the run of lettered items being read
        self.last_tok: Tok | None = None  # the previous block's token
        self.paragraphs: list[_Node] = []  # numbered paragraphs, named once all are known
        self.sections = 0
        self.counter = 0  # reconstructed paragraph numbers
        self.last_printed = ""  # the number the last numbered paragraph was printed with
        self.notes: list[Note] = []
        self.top_bullet = min((b.first.indent for b in blocks if b.tok is Tok.BULLET), default=0)

    @property
    def container(self) -> _Node:
        return self.subsection or self.section or self.root

    @property
    def headings(self) -> list[str]:
        """The headings over the current position, nearest first."""
        return [n.text for n in (self.subsection, self.section) if n is not None]

    def add(self, block: Block) -> None:
        self.roles.note(block.text, heading=block.tok is Tok.SECTION or block.subheading)
        if self.numbering == "flattened" and block.tok is Tok.BULLET and block.first.indent == self.top_bullet:
            self.lists.clear()
            self.numbered = None
            if _heading_text(block.text):
                self._add_section(block, unnumbered=True)
            else:
                self._add_numbered(block)
            self.lead_in = _lead_in(block)
            self.last_tok = block.tok
            return
        if block.tok is Tok.DECIMAL and block.first.num in self.outline:
            self.lists.clear()
            self._add_outline_number(block)
        elif block.tok is Tok.BULLET:
            self._add_bullet(block)
        elif block.tok is Tok.AGENDA:
            self._add_agenda_entry(block)
        else:
            self.lists.clear()
            if block.tok is Tok.LETTERED:
                self._add_lettered(block)
            else:
                self.previous_numbered, self.numbered = self.numbered, None
                if block.tok is Tok.SECTION and self.numbering == "lost" and block.first.styles == {"arabic"}:
                    self._add_section(block, unnumbered=True)
                elif block.tok is Tok.SECTION and self._section_level(block) == 1:
                    self._add_section(block)
                elif block.tok is Tok.SECTION and self._section_level(block) == 2:
                    self._add_subsection(block, block.first.body, block.first.num)
                elif block.tok is Tok.NUMBERED and self.numbering == "lost" and _heading_text(block.text):
                    self._add_section(block, unnumbered=True)
                elif block.numbered_heading and self.numbering == "printed":
                    self._add_numbered_heading(block)
                elif block.numbered_heading:
                    self._add_section(block, unnumbered=True)
                elif block.subheading or (block.tok is Tok.SECTION and block.heading_like):
                    self._add_subsection(block, block.text.removesuffix(":"))
                elif (block.tok is Tok.NUMBERED and (self.articled or not block.first.article)) or (
                        block.tok is Tok.TEXT and block.number is not None and _EID_NUM_RE.match(block.number)):
                    self._add_numbered(block)  # printed, or given by a curator
                else:
                    if self.numbering != "printed" and self.counter and not block.text.endswith(":"):
                        self.counter = 0  # prose between runs: the next run counts from 1 again
                    self.container.children.append(_leaf(block, self.roles.alinea(block.text, self.headings), "al"))
                    self.run_lead_in = ""
        if block.tok is Tok.SECTION or block.subheading or block.numbered_heading:
            self.run_lead_in = ""
        self.lead_in = _lead_in(block)
        self.last_tok = block.tok

    def _section_level(self, block: Block) -> int:
        """1 for a section in the document's style, 2 for a lettered subsection under roman
        sections, 0 for a heading of another style (read as plain text)."""
        styles = block.first.styles
        if self.style in styles:
            # "C." under section II is its subsection C, not section 100: a single letter that is a roman
            # numeral too is no section that far past the one before (printed again, it is one: the build names it)
            mark = block.first.num
            previous = self.section.num if self.section is not None else None
            if (self.style == "roman" and "letter" in styles and len(mark) == 1 and previous is not None
                    and previous.isdigit() and _roman_value(mark) > int(previous) + 1):
                return 2
            return 1
        if "part" in styles and self.section is not None:
            return 2  # "Sección II" within a chapter
        return 2 if self.style == "roman" and "letter" in styles and self.section is not None else 0

    def _add_section(self, block: Block, *, unnumbered: bool = False) -> None:
        line = block.first
        self.sections += 1
        if unnumbered:
            heading = block.text
            self.section = _container(block, "sec", heading, str(self.sections), None)
        else:
            mark = line.num
            if self.style == "roman":
                num = str(_roman_value(mark))
            elif self.style == "letter":
                num = str(ord(mark) - ord("A") + 1)
            elif self.style == "ordinal":
                num = str(ORDINALS[mark.lower()])
            elif _EID_NUM_RE.match(mark):
                num = mark
            else:
                num = str(self.sections)  # an article numbered within its chapter ("16.1"): an eId carries no dot
            self.section = _container(block, "sec", block.text, num, mark)
        self.subsection = None
        self.root.children.append(self.section)

    def _add_outline_number(self, block: Block) -> None:
        """A part of a numbered outline ("1.1.2"): a subsection when deeper numbers follow it
        ("1.1" over "1.1.1", "1.1.2"), else a paragraph of the part it is in, named within it
        (``sec_1__subsec_1__para_2``) and printed "1.1.2"."""
        number = block.first.num
        if number in self.outline_heads:
            self.numbered = None
            self._add_subsection(block, block.text, number)
            self.run_lead_in = ""
            return
        self.run_lead_in = self.lead_in or self.run_lead_in
        kind = self.roles.paragraph(block.text, self.headings, self.run_lead_in)
        node = _leaf(block, kind, "para", number.rsplit(".", 1)[1], number)
        node.qualified = True
        self.container.children.append(node)
        self.numbered = node

    def _add_numbered_heading(self, block: Block) -> None:
        """A heading numbered like a paragraph: a section where the document has no other kind,
        else a subsection."""
        number = block.first.num.rstrip(".)")
        if self.style in ("", "arabic") and self.subsection is None:
            self.sections += 1
            self.section = _container(block, "sec", block.text, number, number)
            self.root.children.append(self.section)
        else:
            self._add_subsection(block, block.text, number)

    def _add_subsection(self, block: Block, heading: str, number: str | None = None) -> None:
        self.subsection = _container(block, "subsec", heading, None, number)
        (self.section or self.root).children.append(self.subsection)

    def _add_numbered(self, block: Block) -> None:
        printed = block.number or (block.first.num.rstrip(".)") if block.tok is not Tok.BULLET else "")
        parent = self.previous_numbered
        # the next number of the run ("2." then " 3."), before the paragraph has any part, goes on with the run
        # whatever blank the host left before it
        runs_on = (parent is not None and printed.isdigit() and (parent.number or "").isdigit()
                   and int(printed) == int(parent.number or 0) + 1 and not any(c.number for c in parent.children))
        if (parent is not None and block.tok is Tok.NUMBERED and block.number_line is None
                and block.first.indent > self.numbered_indent and not runs_on):
            # a numbered item indented under a numbered paragraph is one of its parts: "1(2)"
            # its lead-in the paragraph's own words before it, for every part ("2. The agenda was as follows:")
            own = parent.text if parent.text.endswith(":") else ""
            kind = self.roles.paragraph(block.text, self.headings, self.lead_in or own, over=parent.text)
            part = _leaf(block, kind, "para", printed, f"{parent.number}({printed})")
            parent.children.append(part)
            self.numbered = parent
            return
        if self.numbering == "lost" and printed == "1" and self.last_printed.isdigit() and int(self.last_printed) > 1:
            self.counter = 0  # a "1." after a number the host printed ("1." "1." "2." / "1."): a list starting again
        self.last_printed = printed
        if self.numbering == "printed":
            num, reconstructed = printed, False
        else:
            self.counter += 1
            num = str(self.counter)
            reconstructed = num != printed
            if reconstructed and self.counter == 2:
                self.notes.append(Note(block.first.no, "numbering-reconstructed",
                                       "paragraph numbers were lost by the host (every paragraph printed "
                                       f"{'1.' if self.numbering == 'lost' else 'as a bullet'}): numbered "
                                       "again in reading order"))
        self.run_lead_in = self.lead_in or self.run_lead_in
        kind = block.kind or self.roles.paragraph(block.text, self.headings, self.run_lead_in)
        type_ = "recommendation" if kind is Kind.RECOMMENDATION else "art" if block.first.article else "para"
        self.numbered = _leaf(block, kind, type_, num, num)
        self.numbered.qualified = False  # until its number is found to repeat
        self.numbered.reconstructed = reconstructed and block.number is None
        self.numbered_indent = block.first.indent if block.tok is Tok.NUMBERED else 0
        self.paragraphs.append(self.numbered)
        self.container.children.append(self.numbered)

    def _add_lettered(self, block: Block) -> None:
        letter = block.first.num
        # the lead-in over the letters ("... to sign:") and the one over their paragraph's run; kept for the
        # whole run of letters, not only the first, which alone follows it
        if self.last_tok is not Tok.LETTERED:
            self.letters_lead_in = self.lead_in
        lead_in = " ".join(filter(None, (self.run_lead_in, self.letters_lead_in)))
        kind = self.roles.lettered(block.text, self.headings, lead_in)
        over = _roman_parent((self.numbered or self.container).children, letter)
        if over is not None:  # "(i)", "(ii)" under "(c)": its parts, not letters of their own
            role = over.kind if over.kind in _LEADING_ROLES else kind
            over.children.append(_leaf(block, role, "para", letter, f"{over.number}({letter})"))
            return
        if self.numbered:
            if self.numbered.kind in _LEADING_ROLES and self.numbered.text.endswith(":"):
                kind = self.numbered.kind  # "1. To urge Member States to: (a) keep ...": each letter is what it asks
            self.numbered.children.append(_leaf(block, kind, "para", letter, f"{self.numbered.number}({letter})"))
        else:
            # under a numbered heading ("1) In the area of employment"), its number leads the letter
            prefix = self.container.number if self.container.type != "doc" and self.container.number and \
                self.container.number.isdigit() else ""
            self.container.children.append(_leaf(block, kind, "para", letter, f"{prefix}({letter})"))

    def _add_bullet(self, block: Block) -> None:
        indent = block.first.indent
        while len(self.lists) > 1 and self.lists[-1].indent > indent:
            self.lists.pop()
        if not self.lists:
            parent = self.numbered if self.numbering == "flattened" and self.numbered else self.container
            self._open_list(parent, indent)
        elif self.lists[-1].indent < indent:
            self._open_list(self.lists[-1].node.children[-1], indent)
        self._add_item(block, self.roles.item(block.text, self.headings, self.lists[-1].lead_in))

    def _add_agenda_entry(self, block: Block) -> None:
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

    def _add_item(self, block: Block, kind: Kind) -> None:
        items = self.lists[-1].node
        item = _leaf(block, kind, "item")
        if not items.children:
            items.start, items.line = item.start, item.line
        items.children.append(item)

    # --- naming ---------------------------------------------------------------------------------

    def group_repeated_runs(self) -> None:
        """Where a paragraph number repeats among the children of one part, each run of numbered
        paragraphs becomes a list, so that every one still gets its own eId."""
        stack = [self.root]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            numbered = [c for c in node.children if c.type in ("para", "art", "recommendation") and not c.qualified]
            counts = Counter((c.type, c.num) for c in numbered)
            repeated = [key for key, n in counts.items() if n > 1]
            if not repeated:
                continue
            runs: list[list[_Node]] = []
            previous = 0
            for child in numbered:
                value = int(child.num) if child.num and child.num.isdigit() else 0
                if not runs or value <= previous:
                    runs.append([])
                runs[-1].append(child)
                previous = value
            for run in runs:
                first, last = node.children.index(run[0]), node.children.index(run[-1])
                members = node.children[first:last + 1]
                wrapper = _Node(Kind.LIST, "list", None, None, "", members[0].start, members[-1].end, members[0].line)
                wrapper.children = members
                node.children[first:last + 1] = [wrapper]
                for member in members:
                    member.qualified = True
            where = f"under {node.heading!r}" if node.heading else "at the top level"
            restart = runs[1][0]
            self.notes.append(Note(restart.line, "number-repeated",
                                   f"paragraph number {restart.number} is printed again {where}: the "
                                   f"{len(runs)} runs of numbered paragraphs are named as lists "
                                   "(list_1__para_1, list_2__para_1, ...)"))

    def qualify_repeated_numbers(self) -> None:
        """Numbered paragraphs keep a bare eId (``para_19``) unless a number repeats in the document."""
        repeated = {
            type_ for type_ in ("para", "art", "recommendation")
            if max(Counter(n.num for n in self.paragraphs if n.type == type_).values(), default=1) > 1
        }
        for node in self.paragraphs:
            node.qualified = node.qualified or node.type in repeated


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
            number_reconstructed=child.reconstructed, text_end=child.text_end or child.end,
        )
        out.append(provision)
        provision.children = _emit(child, child_eid, out)
        eids.append(child_eid)
    return eids


def build_tree(blocks: list[Block], roles: Roles, lead_in: str = "") -> tuple[list[Provision], list[Note]]:
    """The provisions of the blocks, in document order (parents before their children), and notes; ``lead_in``,
    a label the cover ends with ("Objectives:"), says what the body's first list holds."""
    tree = Tree(roles, blocks, lead_in)
    for block in blocks:
        tree.add(block)
    tree.group_repeated_runs()
    tree.qualify_repeated_numbers()
    _extend(tree.root)
    provisions: list[Provision] = []
    _emit(tree.root, None, provisions)
    return provisions, tree.notes
