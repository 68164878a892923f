"""How much the parser loses when a document comes as a typeset PDF rather than as text.

    python bench/bench_pdf.py DOCS_DIR bench/parse-expected.json [--split tune|test|all] [--font TTF|core]
                              [--solid] [--leading MM]

The texts of the parse benchmark (see bench_parse.py) are typeset as an OAS document is printed: a
Letter page, wrapped lines, the document's symbol as a running header and ``- N -`` at the foot of
every page after the first. Each PDF is read back as ``kb add`` reads one (``kb.extract``: the
text layer, by pdfminer.six), the reader's spans are carried over to the extracted text by aligning the
two texts' characters, and the parse of the extracted text is scored exactly as bench_parse scores
the text's; both figures are printed side by side. The typesetting is ours: what it measures is
what wrapping, page breaks, running headers and page numbers cost, on the real documents' words.
The PDFs are written to a temporary folder and removed; results go to ``bench/out/pdf-<time>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core
_LINE_MM = 5.0
_INDENT_MM = 1.8  # a leading space of the text as the width it takes on the page


def _bench_parse() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_parse", Path(__file__).with_name("bench_parse.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def typeset(text: str, header: str, path: Path, font: Path | None, *, solid: bool = False,
            leading: float = _LINE_MM) -> None:
    """``text`` as a printed page would carry it: lines wrapped to the page and indented as far as
    the text indents them, a blank line as a gap (``solid``: as nothing, paragraphs set without space
    between them), ``leading`` millimetres from a line to the next, ``header`` at the top and ``- N -``
    at the foot of every page after the first. ``font``: a TrueType font with the text's letters, or None
    for the PDF core font Helvetica (Latin-1 letters only)."""
    from fpdf import FPDF

    family = "body" if font is not None else "helvetica"

    class Page(FPDF):
        def header(self) -> None:
            if self.page_no() > 1:
                self.set_font(family, size=8)
                self.cell(0, 4, header, align="R", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            if self.page_no() > 1:
                self.set_y(-15)
                self.set_font(family, size=9)
                self.cell(0, 5, f"- {self.page_no()} -", align="C")

    pdf = Page(format="Letter")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=20)
    if font is not None:
        pdf.add_font("body", fname=str(font))
    pdf.add_page()
    for line in text.split("\n"):
        pdf.set_font(family, size=10.5)
        if line.strip():
            indent = _INDENT_MM * (len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()))
            pdf.set_x(pdf.l_margin + indent)
            pdf.multi_cell(pdf.epw - indent, leading, line.strip(), new_x="LMARGIN", new_y="NEXT")
        elif not solid:
            pdf.ln(leading / 2)
    pdf.output(str(path))


def carry_over(original: str, extracted: str) -> list[int | None]:
    """For each character of ``original``, its offset in ``extracted`` (None for a blank or a
    character the extracted text lost): the two texts' characters other than blanks aligned."""
    def visible(text: str) -> tuple[str, list[int]]:
        at = [i for i, c in enumerate(text) if not c.isspace()]
        return "".join(text[i] for i in at), at

    a, a_at = visible(original)
    b, b_at = visible(extracted)
    out: list[int | None] = [None] * len(original)
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            out[a_at[block.a + k]] = b_at[block.b + k]
    return out


def moved(doc: dict[str, Any], original: str, extracted: str) -> dict[str, Any] | None:
    """The reader's counts of ``doc`` as spans of the extracted text, or None if a provision's first
    or last character was lost."""
    where = carry_over(original, extracted)
    provisions = []
    for p in doc["provisions"]:
        inside = [where[i] for i in range(p["start"], p["end"]) if where[i] is not None]
        if not inside:
            return None
        first, last = inside[0], inside[-1]
        if where[p["start"]] is None or where[p["end"] - 1] is None or first is None or last is None:
            return None
        provisions.append({**p, "start": first, "end": last + 1})
    return {**doc, "provisions": provisions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("expected", type=Path)
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all")
    parser.add_argument("--font", default=str(FONT),
                        help="a TrueType font with the texts' letters, or 'core' for Helvetica (Latin-1 texts)")
    parser.add_argument("--available", action="store_true",
                        help="measure the documents whose text is in DOCS_DIR, leaving out (and counting) the rest")
    parser.add_argument("--solid", action="store_true",
                        help="set paragraphs without space between them (a blank line of the text as nothing)")
    parser.add_argument("--leading", type=float, default=_LINE_MM,
                        help=f"millimetres from a line to the next (default {_LINE_MM}, for 10.5-point type)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args(argv)
    font = None if args.font == "core" else Path(args.font)
    if font is not None and not font.is_file():
        raise SystemExit(f"{font}: no such font; install fonts-dejavu-core or give --font")
    sys.path.insert(0, str(ROOT))
    from kb.extract import extract

    bp = _bench_parse()
    documents, texts = bp.load(args.docs_dir, args.expected, available=args.available)
    documents = [d for d in documents if args.split == "all" or d["split"] == args.split]
    started = dt.datetime.now(dt.UTC)
    pdf_texts: dict[str, str] = {}
    pdf_docs: list[dict[str, Any]] = []
    lost: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        for doc in documents:
            symbols = doc["metadata"].get("symbols") or []
            path = Path(tmp) / (doc["file"].removesuffix(".txt") + ".pdf")
            typeset(texts[doc["file"]], symbols[0] if symbols else doc["file"], path, font, solid=args.solid,
                    leading=args.leading)
            extracted = extract(path).data.decode("utf-8")
            carried = moved(doc, texts[doc["file"]], extracted)
            if carried is None:
                lost.append(doc["file"])
                continue
            pdf_texts[doc["file"]] = extracted
            pdf_docs.append(carried)
    kept = {d["file"] for d in pdf_docs}
    as_text = [d for d in documents if d["file"] in kept]
    parsed_text = bp.run_parser(ROOT, {d["file"]: texts[d["file"]] for d in as_text})
    parsed_pdf = bp.run_parser(ROOT, pdf_texts)
    results = {
        "text": [bp.score(d, texts[d["file"]], parsed_text[d["file"]]) for d in as_text],
        "pdf": [bp.score(d, pdf_texts[d["file"]], parsed_pdf[d["file"]]) for d in pdf_docs],
    }
    summaries = {label: bp.report(f"as {label}", rows, detail=False) for label, rows in results.items()}
    if lost:
        print(f"\n{len(lost)} document(s) left out: a provision's first or last letter did not come through "
              f"the PDF ({', '.join(lost)})")
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"pdf-{started:%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps({"started": started.isoformat(), "expected": str(args.expected), "split": args.split,
                               "left_out": lost, "summaries": summaries,
                               "results": {k: v for k, v in results.items()}}, indent=1, ensure_ascii=False),
                   encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
