"""A curator's corrections of how one source is read, placed in its text and applied stage by stage.

A correction (``corrections:`` in ``documents/{slug}.yaml``, :class:`kb.model.Correction`) quotes the
words a line begins with (``at``, with ``after`` when they occur more than once) and says how to read
it where the parser misread it:

``heading``    the line heads the text after it (a section, not a paragraph)
``text``       the line is text, not a heading
``skip``       the line is no provision's text (page furniture, a menu, a cover line): the text around
               it is read as if it were not there
``starts``     a provision begins here, also in the middle of a line
``continues``  the line carries on the provision before it
``body``       the body begins here: what comes before is the cover
``kind``       the provision beginning here is of this kind; on a heading, every paragraph under it
               up to the next heading

The source is never touched: corrections act on the parser's segments, lines and blocks, so that every
span still points into the text as received. A correction that cannot be placed (its words are not in
the source, occur more than once, or do not begin a line or a provision) stops the parse with the
metadata file's line, and the exact text to quote when only case, accents or quote marks differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from kb.errors import CorpusErrors, ParseError
from kb.model import Correction, Kind
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

    def error(self, correction: Correction, message: str, hint: str) -> ParseError:
        return ParseError(self.path, f"correction at {_short(correction.at)}: {message}", line=correction.line,
                          hint=hint)

    def cut(self, segments: list[Segment]) -> list[Segment]:
        """Segments cut where a correction says a provision begins in the middle of a line."""
        cuts = self.offsets("starts", "heading", "skip", "body")
        out: list[Segment] = []
        for segment in segments:
            inside = sorted(o for o in cuts if segment.start < o < segment.end
                            and self.text[segment.start:o].strip())
            bounds = [segment.start, *inside, segment.end]
            out += [Segment(segment.no, a, b, segment.inline) for a, b in pairwise(bounds)]
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
        body = [i for i, line in enumerate(lines) if line.start in self.offsets("body")]
        if body:
            return body[-1]
        placed = {offset for offset, c in self.at if c.read_as in ("heading", "starts", "continues") or c.kind}
        return min([i for i, line in enumerate(lines) if line.start in placed and line.tok is not Tok.NOISE]
                   + [default])

    def skip_lines(self, lines: list[Line]) -> list[Line]:
        skipped = self.offsets("skip")
        return [replace(line, tok=Tok.NOISE) if line.start in skipped else line for line in lines]

    def apply_blocks(self, blocks: list[Block]) -> list[Block]:
        """Headings and text as the curator reads them, and kinds given to the blocks they begin."""
        by_start = {b.start: b for b in blocks}
        for offset, c in self.at:
            block = by_start.get(offset)
            if c.read_as == "heading" and block is not None:
                if block.tok is Tok.NUMBERED:
                    block.numbered_heading = True
                elif block.tok is not Tok.SECTION:
                    block.tok, block.subheading = Tok.TEXT, True
            elif c.read_as == "text" and block is not None:
                block.subheading = block.numbered_heading = False
                if block.tok is Tok.SECTION:
                    block.tok = Tok.NUMBERED if block.first.num.rstrip(".)").isdigit() else Tok.TEXT
        errors = []
        for offset, c in self.at:
            if not c.kind:
                continue
            if offset not in by_start:
                errors.append(self.error(c, "no provision begins there, so it has no kind to give",
                                         "quote the first words of a paragraph or heading (kb parse shows them)"))
                continue
            kind = Kind(c.kind)
            block = by_start[offset]
            if not _heads(block):
                block.kind = kind
                continue
            for under in blocks[blocks.index(block) + 1:]:
                if _heads(under):
                    break
                under.kind = kind
        _raise(errors)
        return blocks


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
        if offset < 0:
            where = "after the `after` text" if c.after else "in the source"
            errors.append(placed.error(c, f"the words are not {where}", _fix(text, c.at)))
            continue
        if not c.after and text.find(c.at, offset + 1) >= 0:
            errors.append(placed.error(c, f"the words occur {text.count(c.at)} times in the source",
                                       "add `after:` with words that come before the one meant"))
            continue
        placed.at.append((offset, c))
    _raise(errors)
    return placed


def _fix(text: str, words: str) -> str:
    from kb.quote import near_quote  # kb.quote reads the corpus, which parses: imported when needed

    exact = near_quote(text, words)
    if exact is not None:
        return f"the source has it as {exact!r}: copy that"
    return "copy the words verbatim from the source (kb parse shows each line's text)"
