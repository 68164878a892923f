"""The text of a file as the secretariat receives it: plain text as it is, PDF and DOCX converted.

The text this gives is what the corpus holds as the document's source (``corpus/sources/``), byte for
byte; quotes and spans point into it. For a PDF or DOCX the original file is not held, but its name
and SHA-256 are recorded beside the text, so that the text can always be traced to what was received.

- Plain text (``.txt``, ``.md`` or no suffix) must be UTF-8; it is taken unchanged.
- PDF: the text layer of each page (pdfminer.six), its layout analysis grouping lines into the
  blocks a reader sees (a paragraph, a heading, an item), a blank line between blocks and pages; a
  page's number, and a line printed alone in the top or bottom margin of two pages or more (a running
  header or footer), stand apart, before a paragraph that runs on over the page break;
  in a block, a line that reaches the right margin was wrapped by the typesetter and goes on with
  the next, as the paragraph it is part of (a word it cut with a hyphen made whole where the document
  prints it whole elsewhere); on a page set ragged right, so does a line the next line's
  first word would not have fitted after, when it stops mid-sentence (a list's entries stay apart). A
  table drawn with its rules (pdfplumber finds it) is written as a DOCX table is, a row a line of cells
  between ``|``, where it stands on its page. A PDF without a text layer (a scan) is refused with what
  to do.
- DOCX: the paragraphs in order (python-docx), one per line and a blank line between; the numbers
  and bullets Word draws from its list definitions are written out (``1.``, ``a)``, ``-``), since a
  reader sees them and the parser needs them; a table's rows become lines of cells between ``|``.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.corpus import decode_utf8
from kb.errors import InputError
from kb.parse import SYMBOL_LINE_RE

__all__ = ["FORMATS", "Extracted", "extract"]

FORMATS = {".txt": "text", ".md": "text", "": "text", ".text": "text", ".pdf": "pdf", ".docx": "docx"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WRAP_SLACK = 0.04  # a line ending this close to the right margin (a share of the text's width) was wrapped
# Words of one line may stand this many characters' width apart (a justified line, a leader) and stay
# one line; pdfminer's default (2) cut justified lines into boxes of a word each (bench/README.md).
_CHAR_MARGIN = 10.0
_MARGIN_ZONE = 0.1  # a page's top and bottom tenth hold its running header and page number
_PART_MARK_RE = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,2})*[.)]|\(?[a-z]\)|[a-z]\.|[IVXL]{1,5}\.|[A-H]\.|[•·▪●◦-])\s")
_CLOSERS = "\"\u201d\u2019')]"
_FULL_SHARE = 0.6  # a wrapped line fills at least this share of the text's width
_FLUSH = 1.5  # points: a justified line ends this close to the margin
# A text is set solid when at least this share of its (at least _SOLID_MIN_BOXES) boxes are one line each;
# its lines are then grouped as pdfminer groups a block's lines up to this gap (a share of a line's height).
_SOLID_SHARE = 0.8
_SOLID_MIN_BOXES = 12
_SOLID_LINE_MARGIN = 1.0
_SOLID_CUT_LINES = 3  # one-line boxes at the margin, followed by another box: paragraphs cut at their wraps


@dataclass(frozen=True)
class Extracted:
    """A received file's text, and what it came from."""

    text: str
    data: bytes  # the text as it will be held (UTF-8); for a text file, the file's own bytes
    original_name: str
    original_sha256: str
    converted_from: str  # text, pdf or docx


def extract(path: Path) -> Extracted:
    """The text of ``path`` (see the module docstring). Raises InputError naming the file."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path}: cannot read a {path.suffix} file",
                         hint="give a text (.txt), PDF (.pdf) or Word (.docx) file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror}", hint="check the path") from exc
    sha = hashlib.sha256(raw).hexdigest()
    if kind == "text":
        text = decode_utf8(raw, path)
        return Extracted(text, raw, path.name, sha, "text")
    text = _pdf_text(path, raw) if kind == "pdf" else _docx_text(path, raw)
    if not text.strip():
        raise InputError(f"{path}: no text could be read from it",
                         hint="a scanned PDF needs OCR first; or save the document as text and add that")
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return Extracted(text.strip("\n") + "\n", (text.strip("\n") + "\n").encode("utf-8"), path.name, sha, kind)


def _pdf_text(path: Path, raw: bytes) -> str:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        # boxes in reading order top to bottom (pdfminer's own order puts a short centred heading
        # after the line below it); columns stay apart as boxes
        layout = LAParams(char_margin=_CHAR_MARGIN, boxes_flow=None)
        read = list(extract_pages(io.BytesIO(raw), laparams=layout))
        tables = _tables(raw, [k for k, page in enumerate(read) if _ruled(page)])
        running = _running(read)
        pages = [_page(page, first=k == 0, tables=tables.get(k, []), running=running) for k, page in enumerate(read)]
        if _set_solid(pages):
            # Paragraphs set with no space between them: every line is a box of its own, the line ends say
            # nothing. Lines as near as a text's lines are read as one block, where wrapped lines join.
            layout = LAParams(char_margin=_CHAR_MARGIN, boxes_flow=None, line_margin=_SOLID_LINE_MARGIN)
            read = list(extract_pages(io.BytesIO(raw), laparams=layout))
            running = _running(read)
            pages = [_page(page, first=k == 0, tables=tables.get(k, []), running=running)
                     for k, page in enumerate(read)]
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(f"{path}: the PDF is encrypted", hint="save an unprotected copy and add that") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a readable PDF ({exc})", hint="check the file, or export it again") from exc
    lines = [line for page in pages for box in page.boxes for line in box]
    if not lines and not any(isinstance(box, _Table) for page in pages for box in page.boxes):
        return ""
    left, right = (min(line.x0 for line in lines), max(line.x1 for line in lines)) if lines else (0.0, 1.0)
    unit = _glyph_width(lines) if lines else 1.0
    # A paragraph that runs on over a page break is read whole: the foot of one page and the head of
    # the next (page number, running header) go before it.
    out: list[str] = []
    carried: str | None = None
    carried_at, carried_size = 0, 0.0  # where it was printed in ``out``, and the size of its characters
    last_note = ""
    for page in pages:
        body, runs_on = _blocks(page.boxes, left, right, unit)
        if page.continued:  # the page before's last note, going on: with it, or as text if there was none
            page.bottom.insert(0, _note(last_note, page.continued) if last_note else page.continued)
        last_note = list(page.notes)[-1] if page.notes else last_note
        if page.notes:
            cited: set[str] = set()
            body = [_with_notes(block, page.notes, cited) for block in body]
            page.bottom = [_note(num, text) for num, text in page.notes.items() if num not in cited] + page.bottom
        if carried is not None:
            if body and _continues(carried, body[0]) and _same_size(carried_size, page.boxes):
                carried = _cut(carried)
                joint = "" if carried.endswith(("-", _BREAK)) else " "
                body = [carried + joint + body[0].lstrip(), *body[1:]]
            else:
                out.insert(carried_at, carried)  # where it was printed: before the page before's foot
            carried = None
        out += page.top
        if runs_on and body:
            out += body[:-1]
            carried, carried_at, carried_size = body[-1], len(out), _size(page.boxes[-1])
        else:
            out += body
        out += page.bottom
    if carried is not None:
        out.append(carried)
    return _unbroken("\n\n".join(block for block in out if block.strip()))


_BREAK = "\x00"  # where a line ending in a hyphen was joined to the next, until the hyphen is decided


def _cut(line: str) -> str:
    """A line going on with the next, its end's hyphen after a letter marked to be decided (``_unbroken``)."""
    return line[:-1] + _BREAK if line.endswith("-") and line[-2:-1].isalpha() else line


def _unbroken(text: str) -> str:
    """Each word a line's end cut with a hyphen, whole again when the document prints it whole elsewhere
    ("qualifi-" / "cation", "qualification" on another page); else the hyphen kept ("labor-" / "market"), as
    printed: a compound's hyphen is not told from a typesetter's otherwise."""
    words = {w.casefold() for w in re.findall(r"\w+", text.replace(_BREAK, " "))}

    def whole(found: re.Match[str]) -> str:
        joined = found[1] + found[2]
        return joined if joined.casefold() in words else f"{found[1]}-{found[2]}"

    return re.sub(r"(\w+)\x00(\w+)", whole, text).replace(_BREAK, "-")


@dataclass
class _Page:
    top: list[str]  # a running header: a page number or symbol alone in the top margin
    boxes: list[list[Any]]  # the text boxes between, in reading order, each its lines
    bottom: list[str]  # a page number or symbol alone in the bottom margin
    notes: dict[str, str] = field(default_factory=dict)  # the footnotes under a rule at the page's foot, by number
    continued: str = ""  # under the rule, before any note begins: the last note of the page before, going on


_PAGE_FURNITURE_RE = re.compile(
    r"^(?i:[-\u2013\u2014]\s*\d{1,3}\s*[-\u2013\u2014]|\d{1,3}|(?:page|p[áa]gina|p[áa]g\.)\s*\d{1,3}(?:\s*(?:of|de|/)\s*\d{1,3})?|"
    rf"\d{{1,3}}\s*/\s*\d{{1,3}})$|{SYMBOL_LINE_RE.pattern}")


class _Table(list[Any]):
    """A table found on a page, as a box among its text boxes: no lines of its own (so that what reads a
    box's lines passes it by), its text written as a DOCX table's, and the height of its top."""

    def __init__(self, text: str, top: float) -> None:
        super().__init__()
        self.text = text
        self.top = top


_RULED_MIN = 4  # drawn lines and rectangles a page needs before its tables are looked for
_TABLE_MIN_ROWS = 2
_TABLE_MIN_COLUMNS = 2


def _ruled(page: Any) -> bool:
    """Whether a page draws enough rules or boxes to hold a table (most pages draw none)."""
    from pdfminer.layout import LTCurve

    return sum(isinstance(item, LTCurve) for item in page) >= _RULED_MIN


def _tables(raw: bytes, pages: list[int]) -> dict[int, list[tuple[tuple[float, float, float, float], str]]]:
    """The tables drawn with their rules on the given pages (pdfplumber's table finder), each as its box in
    pdfminer's coordinates (x0, y0, x1, y1; y from the page's foot) and its text: a row a line of cells
    between ``|``, a rule under the first (the layout the parser reads tables in, as a DOCX's)."""
    if not pages:
        return {}
    import pdfplumber

    out: dict[int, list[tuple[tuple[float, float, float, float], str]]] = {}
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for k in pages:
            page = pdf.pages[k]
            for table in page.find_tables():
                rows = [["" if cell is None else " ".join(cell.split()) for cell in row] for row in table.extract()]
                rows = [row for row in rows if any(row)]
                if len(rows) < _TABLE_MIN_ROWS or max(len(row) for row in rows) < _TABLE_MIN_COLUMNS:
                    continue  # a box drawn around a paragraph, a rule under a heading: no table
                x0, top, x1, bottom = table.bbox
                out.setdefault(k, []).append(((x0, page.height - bottom, x1, page.height - top), _table_text(rows)))
    return out


def _table_text(rows: list[list[str]]) -> str:
    """A table as the parser reads one: a row a line of cells between ``|``, a rule under the first row."""
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([lines[0], "|" + "---|" * len(rows[0]), *lines[1:]])


def _top(box: list[Any]) -> float:
    return box.top if isinstance(box, _Table) else float(box[0].y1)


def _inside(line: Any, box: tuple[float, float, float, float]) -> bool:
    x, y = (float(line.x0) + float(line.x1)) / 2, (float(line.y0) + float(line.y1)) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _margin_line(box: Any, page: Any) -> tuple[str, str] | None:
    """Whether a text box is one line alone in the page's top or bottom margin (``top``, ``bottom``), and its
    words with any number as ``#`` (a running header's page or date changes from page to page)."""
    from pdfminer.layout import LTTextContainer, LTTextLine

    if not isinstance(box, LTTextContainer):
        return None
    lines = [line for line in box if isinstance(line, LTTextLine)]
    if len(lines) != 1 or not lines[0].get_text().strip():
        return None
    words = re.sub(r"\d+", "#", " ".join(lines[0].get_text().split()))
    if box.y0 >= (1 - _MARGIN_ZONE) * page.height:
        return "top", words
    return ("bottom", words) if box.y1 <= _MARGIN_ZONE * page.height else None


def _running(pages: list[Any]) -> frozenset[tuple[str, str]]:
    """The running headers and footers of a PDF: a line alone in a page's top or bottom margin, printed there
    on two pages or more (a document's title or a committee's name over each page)."""
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for k, page in enumerate(pages):
        for box in page:
            if (at := _margin_line(box, page)) is not None:
                seen[at].add(k)
    return frozenset(at for at, on in seen.items() if len(on) >= 2)


def _page(page: Any, *, first: bool,
          tables: list[tuple[tuple[float, float, float, float], str]] | None = None,
          running: frozenset[tuple[str, str]] = frozenset()) -> _Page:
    """A page's text boxes, its footer apart, and its header unless it is the first page (whose top
    is its cover, read in order); a table found on it (``tables``) stands among them where it is
    printed, in place of the lines inside it. ``running``: the document's running headers and footers
    (``_running``), set apart as its page numbers are."""
    from pdfminer.layout import LTTextContainer, LTTextLine

    top: list[str] = []
    bottom: list[str] = []
    boxes: list[list[Any]] = []
    rule = _footnote_rule(page)
    typed: list[Any] = []  # a rule typed as a line of underscores, kept if no note is under it
    for box in page:
        if not isinstance(box, LTTextContainer):
            continue
        lines = [line for line in box if isinstance(line, LTTextLine)
                 and not any(_inside(line, bbox) for bbox, _ in tables or ())]
        text = " ".join(lines[0].get_text().split()) if len(lines) == 1 else ""
        # "- 2 -", "OEA/Ser.K/XII.18.1", or words over every page: not the text, which a paragraph running on
        # from the page before would otherwise take in
        alone = _PAGE_FURNITURE_RE.match(text) is not None or _margin_line(box, page) in running
        if alone and not first and box.y0 >= (1 - _MARGIN_ZONE) * page.height:
            top.append(text)
        elif alone and box.y1 <= _MARGIN_ZONE * page.height:
            bottom.append(text)
        elif lines and _RULE_TEXT_RE.match(lines[0].get_text().strip()) and box.y1 <= page.height / 2:
            rule = max(rule or 0.0, float(lines[0].y0))
            typed.append(lines[0])
            if lines[1:]:
                boxes.append(lines[1:])
        elif lines:
            boxes.append(lines)
    notes, taken, continued = _notes(boxes, rule) if rule is not None else ({}, [], "")
    boxes = [lines for lines in boxes if not any(lines is t for t in taken)]
    if not notes and not continued and typed:  # a line of underscores with no note under it is the text's own
        boxes = sorted([*boxes, *([line] for line in typed)], key=lambda lines: -float(lines[0].y1))
    for bbox, text in tables or ():
        at = next((k for k, lines in enumerate(boxes) if _top(lines) < bbox[3]), len(boxes))
        boxes.insert(at, _Table(text, bbox[3]))
    return _Page(top, boxes, bottom, notes, continued)


def _notes(boxes: list[list[Any]], rule: float) -> tuple[dict[str, str], list[list[Any]], str]:
    """The footnotes under a rule at ``rule``'s height: the boxes under it set smaller than the page's text
    above it, each opening on its number (a box that opens on none goes on with the note before it, or, before
    any, with the page before's last); the boxes they were read from; and that text going on. A box under the
    rule in the text's own size is text (a heading's underline, a table's border is no footnote rule)."""
    above = [line for lines in boxes if max(float(line.y1) for line in lines) > rule + 1 for line in lines]
    body = _size(above)
    notes: dict[str, str] = {}
    taken: list[list[Any]] = []
    continued: list[str] = []
    for lines in boxes:
        if max(float(line.y1) for line in lines) > rule + 1 or not body or _size(lines) > _NOTE_SIZE * body:
            continue
        text = " ".join(" ".join(line.get_text().split()) for line in lines)
        found = _NOTE_RE.match(text)
        if found is not None:
            notes[found["num"].translate(_SUPERSCRIPTS)] = found["text"]
        elif notes:
            last = list(notes)[-1]
            notes[last] += " " + text
        else:
            continued.append(text)
        taken.append(lines)
    return notes, taken, " ".join(continued)


def _printed(lines: list[Any]) -> list[Any]:
    """The characters printed in ``lines`` (their glyphs, not the spaces pdfminer puts between words)."""
    return [c for line in lines for c in line if hasattr(c, "get_text") and hasattr(c, "x0") and c.get_text().strip()]


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0


def _size(lines: list[Any]) -> float:
    """The median size of the characters printed in ``lines`` (0 for none)."""
    return _median([float(c.size) for c in _printed(lines)])


_NOTE_SIZE = 0.9  # a footnote is set smaller than the text: at most this share of its characters' size
_RULE_TEXT_RE = re.compile(r"^[_\u2014\u2013-]{8,}$")
_SUPERSCRIPTS = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789")
_NOTE_RE = re.compile(r"^(?P<num>\d{1,3}|[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3})[.)]?\s+(?P<text>\S.*)$")
# a mark after a word or its stop ("region.¹"), not a unit's power ("m²", "10³")
_MARK_RE = re.compile(r"(?:(?<=[^\W\d_]{2})|(?<=[.,;:)\]\"\u201d\u2019]))"
                      r"(?P<num>[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3})")


def _footnote_rule(page: Any) -> float | None:
    """The height of a footnote rule drawn in the lower half of a page: a short horizontal line from the left
    margin (Word draws one over a page's notes), or None."""
    from pdfminer.layout import LTLine, LTRect

    heights = [float(item.y0) for item in page if isinstance(item, LTLine | LTRect)
               and float(item.height) <= 1.5 and 0.1 * page.width <= float(item.width) <= 0.6 * page.width
               and float(item.y1) <= page.height / 2]
    return max(heights) if heights else None


def _with_notes(block: str, notes: dict[str, str], cited: set[str]) -> str:
    """A block with its footnote marks ("Conference.¹") written as a converter writes them ("[footnoteRef:1]")
    and the notes it cites after it ("[1:  ...]"), as kb.extract writes a Word document's; the notes it cites
    are added to ``cited``."""
    here: list[str] = []

    def mark(found: re.Match[str]) -> str:
        num = found["num"].translate(_SUPERSCRIPTS)
        if num not in notes:
            return found.group()
        here.append(num)
        return f"[footnoteRef:{num}]"

    text = _MARK_RE.sub(mark, block)
    cited.update(here)
    return text + "".join(" " + _note(num, notes[num]) for num in dict.fromkeys(here))


def _note(num: str, text: str) -> str:
    """A footnote's text as converters write it, "[1:  ...]": one bracketed note, in a table's cell too (its own
    brackets and bars made parentheses and slashes)."""
    return f"[{num}:  {text.replace('[', '(').replace(']', ')').replace('|', '/')}]"


def _set_solid(pages: list[_Page]) -> bool:
    """Whether a text's lines were read as boxes of one line each: set without space between paragraphs, at a
    leading pdfminer takes for a gap between blocks. Its paragraphs are then cut into boxes at their wrapped
    lines: some boxes of one line run to the right margin and another box follows (with space between
    paragraphs, a wrapped line has its paragraph's next line in its own box; a list of short entries has no
    wrapped line)."""
    boxes = [box for page in pages for box in page.boxes]
    if len(boxes) < _SOLID_MIN_BOXES or sum(len(box) == 1 for box in boxes) < _SOLID_SHARE * len(boxes):
        return False
    lines = [line for box in boxes for line in box]
    left, right = min(float(line.x0) for line in lines), max(float(line.x1) for line in lines)
    cut = sum(len(box) == 1 and right - float(box[0].x1) <= _WRAP_SLACK * (right - left)
              and float(box[0].x1) - float(box[0].x0) >= _FULL_SHARE * (right - left) for box in boxes[:-1])
    return cut >= _SOLID_CUT_LINES


_SIZE_STEP = 0.15  # a paragraph's characters keep their size over a page break, to this share


def _same_size(size: float, boxes: list[list[Any]]) -> bool:
    """Whether the first box of a page is printed in ``size``, as a paragraph running on from the page before
    would be (a cover's title in large capitals does not run on into the text of the next page)."""
    first = _size(boxes[0]) if boxes and not isinstance(boxes[0], _Table) else 0.0
    return not size or not first or abs(size - first) <= _SIZE_STEP * max(size, first)


def _continues(carried: str, following: str) -> bool:
    """Whether the first block of a page goes on with the last of the page before (which stopped
    mid-sentence at the margin): not when it opens a part of its own, with a number, a letter, a
    bullet or a heading in capitals."""
    first_line = following.strip().split("\n", 1)[0]
    letters = [c for c in first_line if c.isalpha()]
    heading = len(letters) >= 2 and not any(c.islower() for c in letters)
    table = first_line.startswith("|")
    return bool(carried.strip()) and not heading and not table and _PART_MARK_RE.match(first_line) is None


def _blocks(boxes: list[list[Any]], left: float, right: float, unit: float) -> tuple[list[str], bool]:
    """The text of a page's boxes, one block each; in a block, a line that starts at the text's left
    half and runs to its right margin (the document's) goes on with the next (the typesetter wrapped
    it there), any other line ends. Also whether the last line runs on to the next page."""
    width = right - left
    slack = _WRAP_SLACK * width

    inner = [line for box in boxes for line in box[:-1]]  # lines followed by another in their block
    # Justified, most lines of a paragraph end at the margin to the point; set ragged right, few do.
    ragged = sum(right - float(line.x1) > _FLUSH for line in inner) > len(inner) / 2

    def full(line: Any, following: Any = None) -> bool:
        """Whether the typesetter wrapped ``line``: it runs to the margin, or (ragged right) the first word
        of the line after it would not have fitted in what is left."""
        x0, x1 = float(line.x0), float(line.x1)
        if x0 - left > width / 2 or x1 - x0 < _FULL_SHARE * width:
            return False
        if (following is not None and _PART_MARK_RE.match(following.get_text())
                and line.get_text().rstrip().rstrip(_CLOSERS).endswith((".", ";", ":"))):
            return False  # a sentence ended near the margin by chance, and the next part begins
        if right - x1 <= (slack if ragged else _FLUSH):
            return True  # justified, a paragraph's lines end at the margin to the point, but for its last
        if following is None or not ragged:
            return False
        ending, opening = line.get_text().split(), following.get_text().split()
        if not ending or not opening or _PART_MARK_RE.match(following.get_text()):
            return False
        # Mid-sentence (a small word, a comma), or a line in capitals going on in capitals; not the end of
        # one entry of a list and the start of the next ("... Secretary General, OAS" / "Presentation ...").
        last, first = ending[-1], opening[0]
        goes_on = first[0].islower() or last[-1] in ",-(" or last[-1].islower() or (
            last.isupper() and first.isupper())
        return goes_on and right - x1 < _first_word_width(following)

    out = []
    for box in boxes:
        if isinstance(box, _Table):
            out.append(box.text)
            continue
        text = ""
        for k, line in enumerate(box):
            piece = " ".join(line.get_text().split())  # a justified line's stretched spaces are one space
            if _PART_MARK_RE.match(piece) and (not text or text.endswith("\n")):
                # a list's level is how far its marker is indented: kept as spaces, as a text file keeps it
                piece = " " * _columns(line, left, unit) + piece
            wrapped = bool(k + 1 < len(box) and full(line, box[k + 1]) and piece)
            if wrapped:
                piece = _cut(piece)  # a word the typesetter hyphenated, or a hyphen at a line's end
                text += piece + ("" if piece.endswith(("-", _BREAK)) else " ")
            else:
                text += piece + "\n"
        out.append(text.strip("\n"))
    last = boxes[-1][-1] if boxes and boxes[-1] else None
    ending = last.get_text().rstrip().rstrip(_CLOSERS) if last is not None else ""
    runs_on = last is not None and full(last) and not ending.endswith((".", ";", ":", "!", "?"))
    return [block for block in out if block.strip()], runs_on


def _columns(line: Any, left: float, unit: float) -> int:
    """How far ``line`` starts right of the text's left margin, in ``unit`` (the text's usual character width)."""
    return max(0, round((float(line.x0) - left) / unit)) if unit > 0 else 0


def _glyph_width(lines: list[Any]) -> float:
    """The median width of the text's printed characters: one measure of indentation for every line (a line's
    own letters are wider in capitals or bold, and two items indented alike would read as two levels)."""
    return _median([float(c.x1) - float(c.x0) for c in _printed(lines)])


def _first_word_width(line: Any) -> float:
    """How wide the first word of a line is, with the space before it, from its glyphs."""
    glyphs = [c for c in line if hasattr(c, "get_text") and hasattr(c, "x0")]
    start = next((k for k, c in enumerate(glyphs) if c.get_text().strip()), None)
    if start is None:
        return 0.0
    end = next((k for k in range(start, len(glyphs)) if not glyphs[k].get_text().strip()), len(glyphs))
    word = glyphs[start:end]
    space = (float(word[-1].x1) - float(word[0].x0)) / max(1, len(word))  # about a glyph's width
    return float(word[-1].x1) - float(word[0].x0) + space


def _docx_text(path: Path, raw: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: not a readable Word document", hint="save it again as .docx") from exc
    numbering = _Numbering(document)
    notes = _footnotes(document)
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            text = _noted_text(child, notes)
            marker = numbering.marker(child)
            if text.strip() or marker:
                blocks.append(f"{marker}{text}".rstrip())
        elif child.tag == f"{_W}tbl":
            rows = [[" ".join(_noted_text(cell, notes).split()) for cell in row.iter(f"{_W}tc")]
                    for row in child.iter(f"{_W}tr")]
            if rows:
                blocks.append(_table_text(rows))
    return "\n\n".join(blocks)


def _footnotes(document: Any) -> dict[str, str]:
    """A Word document's footnotes by id, each its text on one line (none: {})."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    notes: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype != RELATIONSHIP_TYPE.FOOTNOTES or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for note in root.iter(f"{_W}footnote"):
            ident, kind = note.get(f"{_W}id", ""), note.get(f"{_W}type", "normal")
            text = " ".join(_run_text(note).split())
            if kind == "normal" and ident and text:
                notes[ident] = text
    return notes


def _noted_text(element: Any, notes: dict[str, str]) -> str:
    """A paragraph's (or a table cell's) text with its footnotes, as converters write them: the mark where
    Word prints it ("[footnoteRef:2]") and the note's text after the paragraph ("[2:  ...]"), which the
    parser leaves out of provisions' text and a reader of the held text still finds."""
    text = _run_text(element)
    cited = [ident for node in element.iter(f"{_W}footnoteReference") if (ident := node.get(f"{_W}id", "")) in notes]
    return text + "".join(" " + _note(ident, notes[ident]) for ident in dict.fromkeys(cited))


def _run_text(element: Any) -> str:
    """The text of a paragraph as Word shows it: its runs' text, a tab as a tab, a line break (Shift+Enter)
    or a carriage return as a new line; a page or column break as a blank line; a footnote's mark as
    "[footnoteRef:N]"."""
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen",
                             f"{_W}footnoteReference"):
        tag = node.tag[len(_W):]
        if tag == "t":
            parts.append(node.text or "")
        elif tag == "footnoteReference":
            parts.append(f"[footnoteRef:{node.get(f'{_W}id', '')}]")
        elif tag == "tab" and node.getparent() is not None and node.getparent().tag == f"{_W}r":
            parts.append("\t")  # a tab stop of a run (not one of the paragraph's tab definitions)
        elif tag == "br":
            parts.append("\n\n" if node.get(f"{_W}type") in ("page", "column") else "\n")
        elif tag == "cr":
            parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _number(node: Any, default: int) -> int:
    """A numbering element's w:val as a number (Word writes what it likes; a bad one is the default)."""
    value = node.get(f"{_W}val", "") if node is not None else ""
    return int(value) if value.isdigit() else default


def _level(lvl: Any) -> tuple[str, str, int]:
    """A numbering level's format, text ("%1.") and start."""
    fmt, text = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText")
    return (fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
            text.get(f"{_W}val", "") if text is not None else "", _number(lvl.find(f"{_W}start"), 1))


class _Numbering:
    """Word's list numbering, counted as Word draws it: per list and level, a level's count starting
    again when a higher level moves on."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}  # (numId, ilvl) -> (format, text, start)
        self.counts: dict[str, dict[int, int]] = defaultdict(dict)
        self.style_numbering: dict[str, Any] = {}  # style id -> its numPr ("List Number" numbers by style)
        for style in document.styles.element.iter(f"{_W}style"):
            props = style.find(f"{_W}pPr")
            numpr = props.find(f"{_W}numPr") if props is not None else None
            if numpr is not None:
                self.style_numbering[style.get(f"{_W}styleId", "")] = numpr
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
        for node in root.iter(f"{_W}abstractNum"):
            abstract[node.get(f"{_W}abstractNumId", "")] = {
                lvl.get(f"{_W}ilvl", "0"): _level(lvl) for lvl in node.iter(f"{_W}lvl")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            # "Set numbering value": a list instance's own start (startOverride) or own level (lvl) for a level
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = override.get(f"{_W}ilvl", "0")
                own, start = override.find(f"{_W}lvl"), override.find(f"{_W}startOverride")
                fmt, text, first = _level(own) if own is not None else levels.get(ilvl, ("decimal", "", 1))
                levels[ilvl] = (fmt, text, _number(start, first) or (1 if fmt != "decimal" else 0))
            for ilvl, level in levels.items():
                self.levels[(num.get(f"{_W}numId", ""), ilvl)] = level

    def marker(self, paragraph: Any) -> str:
        props = paragraph.find(f"{_W}pPr")
        numpr = props.find(f"{_W}numPr") if props is not None else None
        if numpr is None and props is not None and (style := props.find(f"{_W}pStyle")) is not None:
            numpr = self.style_numbering.get(style.get(f"{_W}val", ""))
        if numpr is None:
            return ""
        num_id = numpr.find(f"{_W}numId")
        ilvl_node = numpr.find(f"{_W}ilvl")
        num = num_id.get(f"{_W}val", "") if num_id is not None else ""
        ilvl = ilvl_node.get(f"{_W}val", "0") if ilvl_node is not None else "0"
        fmt, text, start = self.levels.get((num, ilvl), ("bullet", "", 1))
        level = int(ilvl)
        counts = self.counts[num]
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if fmt == "bullet" or fmt == "none":
            return "    " * level + "- " if fmt == "bullet" else ""

        def value(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            n = counts.get(at, 1)
            level_fmt = self.levels.get((num, str(at)), (fmt, "", 1))[0]
            if level_fmt in ("lowerLetter", "upperLetter"):
                letters = _letters(n)
                return letters.upper() if level_fmt == "upperLetter" else letters
            if level_fmt in ("lowerRoman", "upperRoman"):
                numeral = _roman(n)
                return numeral.upper() if level_fmt == "upperRoman" else numeral
            return str(n)

        label = re.sub(r"%(\d)", value, text or "%1.")
        return "    " * level + label + " "
