"""The PDF benchmark (bench/bench_pdf.py) on texts of our own writing: a reader's spans carried over
to the text read back from a typeset PDF, the same provisions found in both readings, and a document
whose provision lost a character left out rather than scored wrong."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fixtures.bench import bench_module

TEXT = ("OEA/Ser.K/XII.40.1\nPLAN OF ACTION OF LIMA\n\n"
        "1. Strengthen the public employment services of the region, so that every person looking for work "
        "finds in them information, guidance and training, and every employer the workers it needs.\n\n"
        "2. Promote social dialogue among the Ministries of Labor, the workers' and the employers' "
        "organizations of the member states.\n")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return bench_module("bench_pdf")


def span(piece: str) -> dict[str, int]:
    start = TEXT.index(piece)
    return {"start": start, "end": start + len(piece)}


def test_spans_are_carried_over_by_the_characters_not_the_blanks(bench: ModuleType) -> None:
    original = "1. Promote decent work.\n2. Share practices."
    extracted = "- 2 -\n1.  Promote\ndecent  work.\n\n2. Share practices."
    where = bench.carry_over(original, extracted)
    assert extracted[where[original.index("Promote")]:].startswith("Promote")
    assert extracted[where[original.index("2.")]:].startswith("2. Share")
    assert where[original.index(" decent")] is None  # a blank has no counterpart
    doc = {"provisions": [{"start": 0, "end": len("1. Promote decent work."), "kind": "Mandate", "number": "1"}]}
    moved = bench.moved(doc, original, extracted)
    (p,) = moved["provisions"]
    assert extracted[p["start"]:p["end"]] == "1.  Promote\ndecent  work."
    assert bench.moved(doc, original, extracted.replace("work.", "work")) is None  # its last character lost


def test_a_plan_reads_the_same_as_text_and_as_a_typeset_pdf(bench: ModuleType, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.txt").write_text(TEXT, encoding="utf-8")
    provisions = [
        {**span(TEXT.split("\n\n")[1].strip()), "kind": "Mandate", "number": "1"},
        {**span(TEXT.split("\n\n")[2].strip()), "kind": "Mandate", "number": "2"},
    ]
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps({"documents": [{
        "file": "plan.txt", "url": "https://example.org/plan", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
        "split": "test", "what": "a plan of our own writing",
        "metadata": {"title": "PLAN OF ACTION OF LIMA", "type": "PlanOfAction", "symbols": ["OEA/Ser.K/XII.40.1"],
                     "date": None, "language": "en", "original_language": None, "meeting": None},
        "provisions": provisions}]}), encoding="utf-8")
    out = tmp_path / "out"
    # the PDF core font: the plan is in plain Latin letters, and no font file is needed
    assert bench.main([str(docs), str(expected), "--out", str(out), "--font", "core"]) == 0
    (written,) = out.glob("pdf-*.json")
    result: dict[str, Any] = json.loads(written.read_text(encoding="utf-8"))
    assert result["left_out"] == []
    for reading in ("text", "pdf"):
        summary = result["summaries"][reading]["all"]
        assert (summary["reader"], summary["right"], summary["spurious"]) == (2, 2, 0), reading
