"""The parse benchmark (bench/bench_parse.py) on a text of our own writing: a provision is right only
with the reader's extent, kind and number; what the parser emits beyond the reader's count is
spurious; a second reader is scored exactly as the parser is; a text that is not the one the counts
were made on is refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fixtures.bench import bench_module

TEXT = ("PLAN OF ACTION OF LIMA\n\n"
        "1. Strengthen the public employment services of the region.\n\n"
        "2. Promote social dialogue among the Ministries of Labor.\n")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return bench_module("bench_parse")


def span(piece: str) -> dict[str, int]:
    start = TEXT.index(piece)
    return {"start": start, "end": start + len(piece)}


def counts(provisions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"documents": [{
        "file": "plan.txt", "url": "https://example.org/plan", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
        "split": "test", "what": "a plan of our own writing",
        "metadata": {"title": "PLAN OF ACTION OF LIMA", "type": "PlanOfAction", "symbols": [], "date": None,
                     "language": "en", "original_language": None, "meeting": None},
        "provisions": provisions}]}


FIRST = [
    {**span("1. Strengthen the public employment services of the region."), "kind": "Mandate", "number": "1"},
    {**span("2. Promote social dialogue among the Ministries of Labor."), "kind": "Mandate", "number": "2"},
]


def run(bench: ModuleType, tmp_path: Path, *extra: str) -> dict[str, Any]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "plan.txt").write_text(TEXT, encoding="utf-8")
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps(counts(FIRST)), encoding="utf-8")
    out = tmp_path / "out"
    assert bench.main([str(docs), str(expected), "--out", str(out), *extra]) == 0
    (written,) = out.glob("parse-*.json")
    results: dict[str, Any] = json.loads(written.read_text(encoding="utf-8"))["results"]
    return results


def test_the_parser_is_scored_against_the_readers_extent_kind_and_number(bench: ModuleType, tmp_path: Path) -> None:
    summary = run(bench, tmp_path)["checkout"]["summary"]["all"]
    assert (summary["reader"], summary["right"], summary["spurious"], summary["mandates_right"]) == (2, 2, 0, 2)


def test_a_second_reader_is_scored_as_the_parser_is(bench: ModuleType, tmp_path: Path) -> None:
    second = [dict(FIRST[0], kind="Paragraph"), {**span("2. Promote social dialogue"), "kind": "Mandate",
                                                 "number": "2"}]
    path = tmp_path / "second.json"
    path.write_text(json.dumps(counts(second)), encoding="utf-8")
    results = run(bench, tmp_path, "--second-reader", str(path))
    reader = results["second reader"]["summary"]["all"]
    # the first provision has the extent but not the kind; the second is cut short: missed, and spurious
    assert (reader["right"], reader["extent"], reader["spurious"], reader["emitted"]) == (0, 1, 1, 2)
    assert results["checkout"]["summary"]["all"]["right"] == 2


def test_corrections_are_measured_beside_the_parser_alone(bench: ModuleType, tmp_path: Path) -> None:
    fixes = tmp_path / "fixes"
    fixes.mkdir()
    # a curator who reads the Plan's second paragraph as a heading: the corrected reading loses it
    (fixes / "plan.yaml").write_text('type: PlanOfAction\ncorrections:\n  - {at: "2. Promote", read_as: heading}\n',
                                     encoding="utf-8")
    results = run(bench, tmp_path, "--corrections", str(fixes))
    assert results["checkout"]["summary"]["all"]["right"] == 2
    assert results["corrected"]["summary"]["all"]["right"] == 1
    assert results["corrected"]["corrections"] == {"plan.txt": 1}
    (fixes / "plan.yaml").write_text("corrections: []\nnotes: x\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="give only `type:` and `corrections:`"):
        run(bench, tmp_path, "--corrections", str(fixes))


def test_a_second_reader_of_other_texts_is_refused(bench: ModuleType, tmp_path: Path) -> None:
    other = counts(FIRST)
    other["documents"][0]["file"] = "other.txt"
    path = tmp_path / "second.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "other.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(SystemExit, match=r"not counts of texts of .*: other\.txt"):
        run(bench, tmp_path, "--second-reader", str(path))


def test_a_text_that_is_not_the_counted_one_is_refused(bench: ModuleType, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.txt").write_text(TEXT.replace("LIMA", "QUITO"), encoding="utf-8")
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps(counts(FIRST)), encoding="utf-8")
    with pytest.raises(SystemExit, match="SHA-256 differs"):
        bench.main([str(docs), str(expected), "--out", str(tmp_path / "out")])


def test_missing_texts_are_refused_unless_the_available_ones_are_asked_for(bench: ModuleType, tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "plan.txt").write_text(TEXT, encoding="utf-8")
    listed = counts(FIRST)
    listed["documents"].append({**listed["documents"][0], "file": "gone.txt", "url": "https://example.org/gone"})
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps(listed), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"gone\.txt: missing \(read it from https://example\.org/gone\)"):
        bench.main([str(docs), str(expected), "--out", str(tmp_path / "out")])
    assert bench.main([str(docs), str(expected), "--out", str(tmp_path / "out"), "--available"]) == 0
    assert "measuring 1 of 2 documents: 1 left out" in capsys.readouterr().err
    (written,) = (tmp_path / "out").glob("parse-*.json")
    results = json.loads(written.read_text(encoding="utf-8"))["results"]
    assert [row["file"] for row in results["checkout"]["rows"]] == ["plan.txt"]


def test_a_base_commit_is_measured_beside_the_checkout(bench: ModuleType, tmp_path: Path) -> None:
    """--base extracted only kb/ of the commit, which reads its named queries as it is imported: every base
    newer than that failed. HEAD's parser measured as a base scores as the checkout's does."""
    results = run(bench, tmp_path, "--base", "HEAD")
    assert results["HEAD"]["summary"]["all"] == {**results["checkout"]["summary"]["all"],
                                                 "seconds": results["HEAD"]["summary"]["all"]["seconds"]}


def test_the_reproduced_round_is_held_whole_and_its_counts_are_spans_of_its_texts(bench: ModuleType) -> None:
    """The texts of our own writing that reproduce real layouts (bench/reproduced/) are in the repository, so a
    clean clone can measure the parser: each is the text its counts were made on, and each count is a trimmed
    span of it that overlaps no other, of a kind the guide (bench/ANNOTATING.md) names."""
    root = Path(__file__).resolve().parent.parent / "bench"
    documents, texts = bench.load(root / "reproduced", root / "parse-reproduced.json")
    assert len(documents) >= 70 and {d["split"] for d in documents} <= {"tune", "test"}
    kinds = {"Section", "Mandate", "Recommendation", "Finding", "Objective", "Question", "AgendaItem", "Item",
             "Paragraph"}
    for doc in documents:
        text = texts[doc["file"]]
        spans = sorted((p["start"], p["end"]) for p in doc["provisions"])
        for (start, end), following in zip(spans, [*spans[1:], (len(text), len(text))][:len(spans)], strict=True):
            piece = text[start:end]
            assert piece and piece == piece.strip() and end <= following[0], (doc["file"], start, piece[:40])
        assert {p["kind"] for p in doc["provisions"]} <= kinds, doc["file"]
        assert set(doc["metadata"]) == {"title", "type", "symbols", "date", "language", "original_language",
                                         "meeting"}, doc["file"]
