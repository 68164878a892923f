"""The learned-filter experiment (bench/bench_filter.py) on a text of our own writing: each emitted provision is
labelled real only with a reader provision's extent, its features read what a reader sees of it, and a provision
set aside leaves the others' figures as bench_parse scores them. Nothing here needs scikit-learn."""

from __future__ import annotations

import hashlib
from types import ModuleType

import numpy as np
import pytest
from fixtures.bench import bench_module

TEXT = ("DECLARATION OF THE MINISTERS OF LABOUR\n\n"
        "Meeting of the Working Group, 3 May 2019\n\n"
        "WE, THE MINISTERS, AGREE:\n\n"
        "1. To strengthen labour inspection across the region through shared training.\n\n"
        "2. To publish every two years a common report on informal employment.\n\n"
        "Signed at the close of the meeting\n")
REAL = ("1. To strengthen labour inspection across the region through shared training.",
        "2. To publish every two years a common report on informal employment.")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return bench_module("bench_filter")


@pytest.fixture(scope="module")
def item(bench: ModuleType) -> dict[str, object]:
    doc = {"file": "r99a-01.txt", "split": "tune", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
           "metadata": {"title": None, "type": "Declaration", "language": "en"},
           "provisions": [{"kind": "Mandate", "number": str(k), "start": TEXT.index(piece),
                           "end": TEXT.index(piece) + len(piece)} for k, piece in enumerate(REAL, start=1)]}
    parsed = bench.parse_all(bench.ROOT, {doc["file"]: TEXT})
    items = bench.examples([doc], {doc["file"]: TEXT}, parsed)
    assert len(items) == 1
    result: dict[str, object] = items[0]
    return result


def test_a_provision_is_real_only_with_a_readers_extent(item: dict[str, object]) -> None:
    leaves = item["leaves"]
    assert isinstance(leaves, list)
    by_start = {TEXT[row["start"]:row["start"] + 12]: label for row, label in zip(leaves, item["label"], strict=True)}
    assert by_start == {"1. To streng": True, "2. To publis": True, "Signed at th": False}
    assert item["round"] == "r99"


def test_features_read_the_number_the_stop_and_the_blank_lines(bench: ModuleType, item: dict[str, object]) -> None:
    rows = item["x"]
    assert isinstance(rows, list) and all(len(row) == len(bench.NAMES) for row in rows)
    named = [dict(zip(bench.NAMES, row, strict=True)) for row in rows]
    first, signature = named[0], named[-1]
    assert (first["numbered"], first["number_digits"], first["ends_stop"], first["kind=Mandate"]) == (1, 1, 1, 1)
    assert (signature["numbered"], signature["ends_stop"], signature["ends_open"], signature["last"]) == (0, 0, 1, 1)
    assert first["blank_before"] == first["blank_after"] == 1


def test_blank_lines_around_a_span(bench: ModuleType) -> None:
    text = "A\n\nB line\nC\n\nD"
    assert [bench.blank_around(text, text.index(c), text.index(c) + 1) for c in "ABCD"] == [
        (True, True), (True, False), (False, True), (True, True)]


def test_a_provision_set_aside_leaves_the_others_figures(bench: ModuleType, item: dict[str, object]) -> None:
    doc, result = item["doc"], item["result"]
    before = bench.score(doc, TEXT, result)
    after = bench.score(doc, TEXT, bench.filtered(item, [True, True, False]))
    assert (before["right"], before["spurious"]) == (2, 1)
    assert (after["right"], after["spurious"], after["emitted"]) == (2, 0, 2)


def test_the_ceiling_and_the_ranking(bench: ModuleType) -> None:
    prob = np.array([0.1, 0.2, 0.3, 0.9, 0.4])
    y = np.array([0, 1, 0, 1, 1])
    assert bench.ceiling(prob, y, 0) == (1, 0)  # the spurious at 0.3 comes after a real one
    assert bench.ceiling(prob, y, 1) == (2, 1)
    assert bench.rank_agreement(prob, y) == pytest.approx(5 / 6)
