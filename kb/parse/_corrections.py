"""A curator's corrections of how one source is read, placed in its text and applied stage by stage.

A correction (``corrections:`` in ``documents/{slug}.yaml``, :class:`kb.model.Correction`) quotes the
words a line begins with (``at``, with ``after`` when they occur more than once) and says how to read
it where the parser misread it:

``heading``    the line heads the text after it (a section, not a paragraph); quoted words over several
               lines make one heading of them
``text``       the line is text, not a heading
``skip``       the line from the quoted words on (to the next correction on it) is no provision's text
               (page furniture, a menu, a cover line): the text around it is read as if it were not there
``starts``     a provision begins here, also in the middle of a line
``continues``  the line carries on the provision before it
``body``       the body begins here: what comes before is the cover
``kind``       the provision beginning here is of this kind; on a heading, every paragraph under it
               up to the next heading
``number``     the provision beginning here has this number (an unnumbered paragraph given one is
               named ``para_N``)
``eid``        the provision beginning here (and its parts) keeps this name: the one it was published
               under, when a new reading would name it otherwise

Words quoted over several lines make one heading, or are all skipped, or all carry on. A provision
``starts`` begins is no heading unless ``heading`` says so. A line the parser set aside as furniture
is read as text when a correction other than ``skip`` names it. Two corrections at the same words
that contradict each other (:data:`_CONTRADICTIONS`, and ``skip`` with any other) are refused.

The source is never touched: corrections act on the parser's segments, lines and blocks, so that every
span still points into the text as received. A correction that cannot be placed (its words are not in
the source, occur more than once, or do not begin a line or a provision) stops the parse with the
metadata file's line, and the exact text to quote when only case, accents or quote marks differ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from kb.errors import CorpusErrors, ParseError
from kb.model import Correction, Kind, Provision
from kb.parse._blocks import Block
from kb.parse._layout import Segment
from kb.parse._lines import Line, Tok

__all__ = ["Placed", "place"]


@dataclass
class Placed:
    """The corrections of one source, each at its offset in the text."""

    path: str  # the metadata file, for errors
    text: str
    at: list[tuple[int, Correction]]

    def offsets(self, *readings: str) -> frozenset[int]:
        return frozenset(offset for offset, c in self.at if c.read_as in readings)

    @property
    def named(self) -> frozenset[int]:
        """Where a correction reads the text as part of the body (all but ``skip``)."""
        return frozenset(offset for offset, c in self.at if c.read_as != "skip")

    def error(self, correction: Correction, message: str, hint: str) -> ParseError:
        return ParseError(self.path, f"correction at {_short(correction.at)}: {message}", line=correction.line,
                          hint=hint)

    def cut(self, segments: list[Segment]) -> list[Segment]:
        """Segments cut where a correction says a provision begins in the middle of a line."""
        cuts = frozenset(offset for offset, c in self.at if c.read_as)  # every reading may cut a line
        out: list[Segment] = []
        for segment in segments:
            inside = sorted(o for o in cuts if segment.start < o < segment.end
                            and self.text[segment.start:o].strip())
            bounds = [segment.start, *inside, segment.end]
            out += [Segment(segment.no, a, b, segment.inline, segment.heading and a == segment.start,
                            segment.slide and a == segment.start, segment.quoted) for a, b in pairwise(bounds)]
        return out

    def check_lines(self, lines: list[Line]) -> None:
        """Every correction must fall where a line (or an item run into one) begins."""
        starts = {line.start for line in lines}
        errors = []
        for offset, c in self.at:
            if offset not in starts:
                line = next((x for x in reversed(lines) if x.start <= offset), None)
                begins = f"that line begins {_short(line.raw.strip())}" if line else "it is before the first line"
                errors.append(self.error(c, f"the words are not where a line begins ({begins})",
                                         "quote the words the line begins with, from its first character"))
        _raise(errors)

    def body_start(self, lines: list[Line], default: int) -> int:
        """Where the body begins: at a ``body`` correction, else no later than the first line another
        correction reads as part of it (a heading or paragraph taken for the cover)."""
        bodies = [(offset, c) for offset, c in self.at if c.read_as == "body"]
        if len(bodies) > 1:
            raise self.error(bodies[1][1], f"a second `body` (the correction at line {bodies[0][1].line} is "
                             "one)", "keep the one where the body begins")
        if bodies:
            offset, body = bodies[0]
            _raise([self.error(c, "the words are in the cover, before the `body` correction at line "
                               f"{body.line}", "move the `body` correction up, or drop this one")
                    for at, c in self.at if at < offset and c.read_as != "skip"])
            return next(i for i, line in enumerate(lines) if line.start == offset)
        named = self.named
        return min([i for i, line in enumerate(lines) if line.start in named] + [default])

    def _heading_at(self, offset: int) -> bool:
        return any(at == offset and c.read_as == "heading" for at, c in self.at)

    def spanned(self, lines: list[Line], *readings: str) -> frozenset[int]:
        """The lines after the first that the quoted words of these readings run over (a heading or a
        skip quoted over several lines is one; lines quoted with continues all carry on)."""
        spans = [(offset, offset + len(c.at.strip())) for offset, c in self.at if c.read_as in readings]
        named = {offset for offset, _ in self.at}  # another correction there says what that line is
        return frozenset(line.start for line in lines for a, b in spans if a < line.start < b
                         and line.start not in named)

    def skip_lines(self, lines: list[Line]) -> list[Line]:
        """Skipped lines made noise; a line the parser took for furniture that a correction reads as
        text, text."""
        skipped, named = self.offsets("skip") | self.spanned(lines, "skip"), self.named
        return [replace(line, tok=Tok.NOISE) if line.start in skipped
                else replace(line, tok=Tok.TEXT, body=line.text) if line.start in named and line.tok is Tok.NOISE
                else line for line in lines]

    def apply_blocks(self, blocks: list[Block]) -> list[Block]:
        """Headings and text as the curator reads them, and kinds given to the blocks they begin."""
        by_start = {b.start: b for b in blocks}
        for offset, c in self.at:
            block = by_start.get(offset)
            if c.read_as == "heading" and block is not None:
                if block.tok is Tok.NUMBERED:
                    block.numbered_heading = True
                elif block.tok is not Tok.SECTION:
                    if block.tok in (Tok.LETTERED, Tok.DECIMAL) and block.number is None:
                        block.number = block.first.num  # "a. Opening" keeps its letter as a heading
                    block.tok, block.subheading = Tok.TEXT, True
            elif c.read_as == "starts" and block is not None and not self._heading_at(offset):
                block.subheading = block.numbered_heading = False  # a provision a curator begins is no heading
            if c.read_as == "text" and block is not None:
                block.subheading = block.numbered_heading = False
                if block.tok is Tok.SECTION:
                    printed = block.first.num.rstrip(".)")
                    block.tok = Tok.NUMBERED if printed.isdigit() else Tok.TEXT
                    if printed and not printed.isdigit() and block.number is None:
                        block.number = printed  # "II. EMPLOYMENT" read as text keeps its number
        errors = []
        # a kind given on a heading first, so that one given on a paragraph under it wins
        for offset, c in sorted(self.at, key=lambda oc: not (oc[0] in by_start and _heads(by_start[oc[0]]))):
            if not c.kind and not c.number:
                continue
            if offset not in by_start:
                given = "kind" if c.kind else "number"
                errors.append(self.error(c, f"no provision begins there, so it has no {given} to give",
                                         "quote the first words of a paragraph or heading (kb parse FILE "
                                         "--lines shows where each begins), or add `read_as: starts`"))
                continue
            block = by_start[offset]
            if c.number:
                block.number = c.number
            if not c.kind:
                continue
            kind = Kind(c.kind)
            if not _heads(block):
                block.kind = kind
                continue
            for under in blocks[blocks.index(block) + 1:]:
                if _heads(under):
                    break
                under.kind = kind
        _raise(errors)
        return blocks


    def pin(self, provisions: list[Provision]) -> list[Provision]:
        """Provisions named as the curator says (``eid``), their parts' names following."""
        renames: dict[str, str] = {}
        errors = []
        for offset, c in self.at:
            if not c.eid:
                continue
            target = next((p for p in provisions if p.start == offset and p.kind is not Kind.LIST), None)
            if target is None:
                errors.append(self.error(c, "no provision begins there, so it has no eId to keep",
                                         "quote the first words of a provision (kb parse FILE --lines shows them)"))
            else:
                renames[target.eid] = c.eid
        _raise(errors)
        if not renames:
            return provisions

        def named(eid: str | None) -> str | None:
            if eid is None:
                return None
            for old in sorted(renames, key=len, reverse=True):  # the innermost renamed part first
                if eid == old or eid.startswith(old + "__"):
                    return renames[old] + eid[len(old):]
            return eid

        out = [replace(p, eid=named(p.eid) or p.eid, parent=named(p.parent)) for p in provisions]
        for p in out:
            p.children = [named(c) or c for c in p.children]
        seen: dict[str, Provision] = {}
        for p in out:
            if p.eid in seen:
                c = next(c for _, c in self.at if c.eid and p.eid.startswith(c.eid))
                errors.append(self.error(c, f"{p.eid} would name two provisions (lines {seen[p.eid].line} and "
                                         f"{p.line})", "give the other one a name too (`eid:`), or choose another"))
            seen[p.eid] = p
        _raise(errors)
        return out


def _heads(block: Block) -> bool:
    return block.tok is Tok.SECTION or block.subheading or block.numbered_heading


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _raise(errors: list[ParseError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise CorpusErrors(list(errors))


def place(text: str, corrections: Sequence[Correction], path: str) -> Placed:
    """Find each correction's words in ``text``; every one that cannot be placed is an error."""
    placed = Placed(path, text, [])
    errors: list[ParseError] = []
    for c in corrections:
        begin = 0
        if c.after:
            found = text.find(c.after)
            if found < 0:
                errors.append(placed.error(c, f"`after` {_short(c.after)} is not in the source", _fix(text, c.after)))
                continue
            begin = found + len(c.after)
        offset = text.find(c.at, begin)
        if offset < 0 and c.after and c.at in text:
            errors.append(placed.error(c, "the words occur only before the `after` text",
                                       "give as `after` words that come before the ones meant"))
            continue
        if offset < 0:
            errors.append(placed.error(c, "the words are not in the source", _fix(text, c.at)))
            continue
        offset += len(c.at) - len(c.at.lstrip())  # a line begins at its first word
        if not c.after and text.find(c.at, offset + 1) >= 0:
            every = [m.start() for m in re.finditer(re.escape(c.at), text)]
            at_line_start = [o for o in every if not text[text.rfind("\n", 0, o) + 1:o].strip()]
            if len(at_line_start) != 1:  # the one that begins a line is meant, when only one does
                errors.append(placed.error(c, f"the words occur {len(every)} times in the source",
                                           "add `after:` with words that come before the one meant"))
                continue
            offset = at_line_start[0]
        placed.at.append((offset, c))
    errors += _conflicts(placed)
    _raise(errors)
    return placed


# Readings that cannot both hold at one place (skip contradicts every other); the rest go together:
# "body" and "heading" (the body begins on a heading), "starts" and "text" (a paragraph begins here).
_CONTRADICTIONS = frozenset(frozenset(pair) for pair in (
    ("heading", "text"), ("continues", "starts"), ("continues", "heading"), ("continues", "body")))


def _conflicts(placed: Placed) -> list[ParseError]:
    """Corrections at the same words that say different things."""
    errors = []
    seen: dict[int, Correction] = {}
    for offset, c in placed.at:
        first = seen.setdefault(offset, c)
        if first is c:
            continue
        clash = [key for key in ("read_as", "kind", "number", "eid")
                 if getattr(first, key) and getattr(c, key) and getattr(first, key) != getattr(c, key)
                 and not (key == "read_as" and frozenset((first.read_as, c.read_as)) not in _CONTRADICTIONS
                          and "skip" not in (first.read_as, c.read_as))]
        if clash:
            errors.append(placed.error(c, f"it says {clash[0]} {getattr(c, clash[0])!r} where the correction at "
                                       f"line {first.line} says {getattr(first, clash[0])!r}",
                                       "keep the one that is meant"))
    return errors


def _fix(text: str, words: str) -> str:
    from kb.quote import near_quote  # kb.quote reads the corpus, which parses: imported when needed

    exact = near_quote(text, words)
    if exact is not None and exact == unicodedata.normalize("NFC", words):
        return ("the source writes each accented letter as one character (Unicode NFC): retype them, or copy "
                f"{exact!r} from the source")
    if exact is not None:
        return f"the source has it as {exact!r}: copy that"
    return "copy the words verbatim from the source (kb parse FILE --lines shows each line as read)"
