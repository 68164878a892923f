"""kb.source_text and kb.quote_context: a held document's text back from a built store, checked against the
build's checksum, with the spans the build recorded; and any quote shown in place."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

import kb
from kb.corpus import default_corpus_dir

REPORT = URIRef(kb.BASE + "doc/wg1-2021-final-report")


@pytest.fixture(scope="module")
def store(built_release: Any) -> Iterator[kb.Store]:
    opened = kb.open_store(str(built_release.store_path))
    yield opened
    opened.close()


def test_source_text_is_the_file_with_every_span_the_build_recorded(store: kb.Store) -> None:
    source = kb.source_text(store, REPORT)
    path = default_corpus_dir() / "sources" / "002_02cb97b6c04033b0.txt"
    assert source.text == path.read_text(encoding="utf-8") and source.slug == "wg1-2021-final-report"
    spans = {span.eid: span for span in source.provisions}
    rec7 = spans["recommendation_7"]
    assert rec7.kind == "Recommendation" and rec7.number == "7"
    assert source.text[rec7.start:rec7.end].startswith("7. Instruct ILO-CINTERFOR, OAS and UNESCO")
    assert "apprenticeship" in source.text[spans["para_18"].start:spans["para_18"].end].lower()
    assert len(source.quotes) > 50
    for quote in source.quotes:  # every quote the build took from this text sits at its offsets
        assert source.text[quote.start:quote.end] == quote.text, quote
    starts = [span.start for span in source.provisions]
    assert starts == sorted(starts)


def test_source_text_refuses_documents_without_text_and_changed_files(store: kb.Store, tmp_path: Path) -> None:
    with pytest.raises(kb.NotFoundError, match="known only through quotation"):
        kb.source_text(store, URIRef(kb.BASE + "doc/iacml21-plan-of-action"))
    with pytest.raises(kb.NotFoundError, match="no document"):
        kb.source_text(store, URIRef(kb.BASE + "doc/no-such-document"))
    root = tmp_path / "checkout"
    with pytest.raises(kb.CorpusError, match="source file not found"):
        kb.source_text(store, REPORT, root=root)
    (root / "corpus" / "sources").mkdir(parents=True)
    changed = root / "corpus" / "sources" / "002_02cb97b6c04033b0.txt"
    shutil.copyfile(default_corpus_dir() / "sources" / "002_02cb97b6c04033b0.txt", changed)
    assert kb.source_text(store, REPORT, root=root).text.startswith(changed.read_text(encoding="utf-8")[:200])
    changed.write_text(changed.read_text(encoding="utf-8").replace("Instruct", "Ask"), encoding="utf-8")
    with pytest.raises(kb.CorpusError, match="checksum mismatch"):
        kb.source_text(store, REPORT, root=root)


def test_quote_context_reads_around_the_quote(store: kb.Store, tmp_path: Path) -> None:
    source = kb.source_text(store, REPORT)
    quote = next(q for q in source.quotes if q.text.startswith("7. Instruct ILO-CINTERFOR"))
    context = kb.quote_context(store, URIRef(quote.evidence), chars=100)
    assert context.from_source and context.quote == quote.text
    assert context.before == source.text[quote.start - 100:quote.start]
    assert context.after == source.text[quote.end:quote.end + 100]
    assert (context.slug, context.start, context.end) == ("wg1-2021-final-report", quote.start, quote.end)
    # without the source file, the quote selector's own prefix and suffix still place it
    fallback = kb.quote_context(store, URIRef(quote.evidence), root=tmp_path)
    assert not fallback.from_source
    assert fallback.before and source.text[quote.start - len(fallback.before):quote.start] == fallback.before
    assert fallback.after and source.text[quote.end:quote.end + len(fallback.after)] == fallback.after
    with pytest.raises(kb.NotFoundError, match="no evidence"):
        kb.quote_context(store, URIRef(kb.BASE + "evidence/0000000000000000"))
